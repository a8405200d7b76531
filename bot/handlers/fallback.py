"""Everything no other handler took: unknown commands get a kind word and the menu; free
text is answered (emergency words, a country's name, or a search). What was written is
neither stored nor logged."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType
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

    async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None:
            return
        private = message.chat.type == ChatType.PRIVATE
        if not private and not addressed_to(message, context.bot.username):
            return  # a group's commands are for other bots unless they name this one
        await answer(update, context, conversation.unknown_command)

    return [
        MessageHandler(filters.COMMAND, unknown_command),
        MessageHandler(PRIVATE & filters.TEXT, free_text),
        MessageHandler(PRIVATE, replying(conversation.free_text)),
    ]


def addressed_to(message: Message, username: str | None) -> bool:
    """Whether a command names this bot, as in ``/start@ThisBot``."""
    command = (message.text or "").split(maxsplit=1)[0] if message.text else ""
    _, _, name = command.partition("@")
    return bool(name and username) and name.lower() == str(username).lower()
