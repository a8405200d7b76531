"""The safety exit: /exit and the Leave quickly button delete the bot's messages that
Telegram still lets it delete (under 48 hours old), then say how to delete the chat."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CommandHandler, ContextTypes

from bot.conversation import Conversation, Reply
from bot.handlers import user_of
from bot.telegram_io import delete, send


async def leave(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, message_ids: list[int], reply: Reply
) -> None:
    """Delete the messages, then send the instructions (which are not remembered: they
    say nothing about the user, and there is nothing left to delete)."""
    await delete(context.bot, chat_id, sorted(set(message_ids)))
    await send(context.bot, chat_id, reply.screen)


def handlers(conversation: Conversation) -> list[BaseHandler]:  # type: ignore[type-arg]
    async def exit_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = user_of(update), update.effective_message
        if user is None or message is None or message.chat.type != ChatType.PRIVATE:
            return  # the ids kept are of the private chat; nothing to do in a group
        reply = await conversation.privacy.exit(user)
        # In a private chat a bot may delete the user's messages too: this /exit goes.
        await leave(context, message.chat_id, [*reply.delete, message.message_id], reply)

    return [CommandHandler("exit", exit_command)]
