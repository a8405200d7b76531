"""Telegram handlers, one module per feature. Each stays short: decode, ask, render, send.

:func:`all_handlers` lists them in the order they must be tried: commands, button taps,
then the fallbacks that catch everything else.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, ContextTypes

from bot.conversation import Conversation, User
from bot.screens import Screen
from bot.telegram_io import send

Ask = Callable[[User], Awaitable[Screen]]
Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


def user_of(update: Update) -> User | None:
    """Who sent the update, as the conversation knows them; ``None`` for channel posts."""
    sender = update.effective_user
    if sender is None:
        return None
    return User(id=sender.id, language_code=sender.language_code)


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE, ask: Ask) -> None:
    """Send the screen that ``ask`` returns for the sender, in the chat of the update."""
    user, chat = user_of(update), update.effective_chat
    if user is None or chat is None:
        return
    sent = await send(context.bot, chat.id, await ask(user))
    await remember(context, chat.id, chat.type, sent)


async def remember(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, chat_type: str, message_ids: list[int]
) -> None:
    """Keep the ids of the bot's messages in private chats, for the safety exit."""
    conversation: Conversation | None = context.bot_data.get("conversation")
    if conversation is not None and chat_type == ChatType.PRIVATE and message_ids:
        await conversation.privacy.remember_sent(chat_id, message_ids)


def replying(ask: Ask) -> Callback:
    """A handler callback that answers every update with the screen ``ask`` returns."""

    async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await answer(update, context, ask)

    return callback


def all_handlers(conversation: Conversation, admin_ids: Collection[int] = ()) -> list[BaseHandler]:  # type: ignore[type-arg]
    from bot.handlers import (
        admin,
        exit,
        fallback,
        inline,
        language,
        location,
        navigation,
        news,
        privacy,
        share,
        start,
        tools,
    )

    return [
        *admin.handlers(conversation, admin_ids),
        *start.handlers(conversation),
        *share.handlers(conversation),
        *privacy.handlers(conversation),
        *news.handlers(conversation),
        *tools.handlers(conversation),
        *exit.handlers(conversation),
        *inline.handlers(conversation),
        *language.handlers(conversation),
        *navigation.handlers(conversation),
        *location.handlers(conversation),
        *fallback.handlers(conversation),
    ]
