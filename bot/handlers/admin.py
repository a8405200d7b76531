"""Admin commands, for the ids in BOT_ADMIN_IDS only: to anyone else they do not exist
(the fallback answers them as unknown commands)."""

from __future__ import annotations

from collections.abc import Collection

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, filters

from bot.conversation import Conversation
from bot.handlers import Callback, remember, replying, user_of
from bot.telegram_io import send


def handlers(conversation: Conversation, admin_ids: Collection[int]) -> list[BaseHandler]:  # type: ignore[type-arg]
    admins = filters.User(user_id=list(admin_ids))
    return [
        CommandHandler("reload", replying(conversation.admin.reload), filters=admins),
        CommandHandler("stats", replying(conversation.admin.stats), filters=admins),
        CommandHandler("broadcast", broadcast(conversation), filters=admins),
    ]


def broadcast(conversation: Conversation) -> Callback:
    """/broadcast: the preview of each version, then the question to send it."""

    async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user, message = user_of(update), update.effective_message
        if user is None or message is None:
            return
        # The message as HTML (bold, links kept), without the command itself.
        text = (message.text_html or "").split(maxsplit=1)
        screens = await conversation.news.compose(user, text[1] if len(text) > 1 else None)
        for screen in screens:
            sent = await send(context.bot, message.chat_id, screen)
            await remember(context, message.chat_id, message.chat.type, sent)

    return callback
