"""Everything no other handler took: unknown commands and free text get a kind word and
the menu. What was written is neither read further, stored nor logged."""

from __future__ import annotations

from telegram.ext import BaseHandler, MessageHandler, filters

from bot.conversation import Conversation
from bot.handlers import replying

# Only in private chats: in groups the bot speaks when spoken to with a command.
PRIVATE = filters.ChatType.PRIVATE


def handlers(conversation: Conversation) -> list[BaseHandler]:  # type: ignore[type-arg]
    return [
        MessageHandler(filters.COMMAND, replying(conversation.unknown_command)),
        MessageHandler(PRIVATE & ~filters.UpdateType.EDITED, replying(conversation.free_text)),
    ]
