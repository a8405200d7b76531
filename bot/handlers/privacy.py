"""/privacy (what the bot keeps, and for how long) and /forget (delete it all, now)."""

from __future__ import annotations

from telegram.ext import BaseHandler, CommandHandler

from bot.conversation import Conversation
from bot.handlers import replying


def handlers(conversation: Conversation) -> list[BaseHandler]:  # type: ignore[type-arg]
    return [
        CommandHandler("privacy", replying(conversation.privacy.privacy)),
        CommandHandler("forget", replying(conversation.privacy.forget)),
    ]
