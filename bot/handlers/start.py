"""/start (with an optional deep-link payload), /menu and /help."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes

from bot.conversation import Conversation
from bot.handlers import answer, replying


def handlers(conversation: Conversation) -> list[BaseHandler]:  # type: ignore[type-arg]
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        payload = context.args[0] if context.args else None
        await answer(update, context, lambda user: conversation.start(user, payload))

    return [
        CommandHandler("start", start),
        CommandHandler("menu", replying(conversation.menu)),
        CommandHandler("help", replying(conversation.help)),
    ]
