"""Button taps: open a page, choose a language, or (for stale or forged data) the menu.

Every tap is answered, even when showing the screen fails, so no client is left spinning.
"""

from __future__ import annotations

from telegram import CallbackQuery, Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes

from bot import callbacks
from bot.conversation import Conversation
from bot.handlers import remember, user_of
from bot.handlers.exit import leave
from bot.screens import Screen
from bot.telegram_io import acknowledge, send, send_voice, show_in_place


def handlers(conversation: Conversation) -> list[BaseHandler]:  # type: ignore[type-arg]
    async def tap(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query, user = update.callback_query, user_of(update)
        if query is None or user is None:
            return
        if isinstance(callbacks.decode(query.data), callbacks.Exit) and not in_private(query):
            await acknowledge(query)  # the safety exit is for the private chat only
            return
        try:
            reply = await conversation.tap(user, query.data)
        except Exception:
            await acknowledge(query)
            raise
        await acknowledge(query, reply.toast)
        message = query.message
        if reply.leave and message is not None:  # the safety exit, from its button
            await leave(context, message.chat.id, [*reply.delete, message.message_id], reply)
            return
        sent = [] if reply.keep else await show_in_place(query, reply.screen)
        if message is None:
            return
        if reply.then is not None:  # a voice message, sent after
            sent += await send_after(context, message.chat.id, reply.then)
        await remember(context, message.chat.id, message.chat.type, sent)

    async def send_after(
        context: ContextTypes.DEFAULT_TYPE, chat_id: int, screen: Screen
    ) -> list[int]:
        if screen.voice is None:
            return await send(context.bot, chat_id, screen)
        message_id, file_id = await send_voice(context.bot, chat_id, screen)
        if file_id is not None:
            await conversation.speak.uploaded(screen.voice, file_id)
        return [message_id]

    return [CallbackQueryHandler(tap)]


def in_private(query: CallbackQuery) -> bool:
    message = query.message
    return message is not None and message.chat.type == ChatType.PRIVATE
