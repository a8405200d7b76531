"""/subscribe and /unsubscribe: campaign news. (Admins send it with /broadcast.)"""

from __future__ import annotations

from telegram.ext import BaseHandler, CommandHandler

from bot.conversation import Conversation
from bot.handlers import replying


def handlers(conversation: Conversation) -> list[BaseHandler]:  # type: ignore[type-arg]
    return [
        CommandHandler("subscribe", replying(conversation.news.subscribe)),
        CommandHandler("unsubscribe", replying(conversation.news.unsubscribe)),
    ]
