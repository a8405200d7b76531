"""Everything no other handler took: unknown commands get a kind word and the menu; free
text is answered (emergency words, a country's name, or a search). What was written is
neither stored nor logged."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, ContextTypes, MessageHandler, filters

from bot.conversation import Conversation
from bot.handlers import answer, replying

# Only in private chats: in groups the bot speaks when spoken to with a command.
PRIVATE = filters.ChatType.PRIVATE & ~filters.UpdateType.EDITED


def handlers(conversation: Conversation) -> list[BaseHandler]:  # type: ignore[type-arg]
    async def free_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        text = message.text if message else None
        await answer(update, context, lambda user: conversation.free_text(user, text))

    return [
        MessageHandler(filters.COMMAND, replying(conversation.unknown_command)),
        MessageHandler(PRIVATE & filters.TEXT, free_text),
        MessageHandler(PRIVATE, replying(conversation.free_text)),
    ]
