"""/language: the list of languages, each in its own name. Taps are in navigation."""

from __future__ import annotations

from telegram.ext import BaseHandler, CommandHandler

from bot.conversation import Conversation
from bot.handlers import replying


def handlers(conversation: Conversation) -> list[BaseHandler]:  # type: ignore[type-arg]
    return [CommandHandler("language", replying(conversation.languages))]
