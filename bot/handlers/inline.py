"""Inline mode: ``@bot <words>`` in any chat offers hotline cards and pages to send there,
each with a button that opens the bot on that page. What is typed is used once."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, ContextTypes, InlineQueryHandler

from bot.conversation import Conversation
from bot.handlers import user_of
from bot.telegram_io import inline_results

CACHE_SECONDS = 300


def handlers(conversation: Conversation) -> list[BaseHandler]:  # type: ignore[type-arg]
    async def inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query, user = update.inline_query, user_of(update)
        if query is None or user is None:
            return
        cards = await conversation.sharing.inline(user, query.query)
        # Personal: the first card is the user's own country.
        await query.answer(inline_results(cards), cache_time=CACHE_SECONDS, is_personal=True)

    return [InlineQueryHandler(inline)]
