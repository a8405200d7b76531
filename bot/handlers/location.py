"""A shared location: mapped offline to a country, which becomes the user's country.
The coordinates are used once and not kept."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, ContextTypes, MessageHandler, filters

from bot.conversation import Conversation
from bot.handlers import answer


def handlers(conversation: Conversation) -> list[BaseHandler]:  # type: ignore[type-arg]
    async def shared(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or message.location is None:
            return
        latitude, longitude = message.location.latitude, message.location.longitude
        await answer(update, context, lambda user: conversation.location(user, latitude, longitude))

    # Only in private chats: in a group, an answer would tell everyone where someone is.
    private = filters.ChatType.PRIVATE & ~filters.UpdateType.EDITED
    return [MessageHandler(filters.LOCATION & private, shared)]
