"""/share: the bot's link and QR code. The Share button on every page is in navigation."""

from __future__ import annotations

from telegram.ext import BaseHandler, CommandHandler

from bot.conversation import Conversation
from bot.handlers import replying


def handlers(conversation: Conversation) -> list[BaseHandler]:  # type: ignore[type-arg]
    return [CommandHandler("share", replying(conversation.sharing.share))]
