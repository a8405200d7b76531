"""The baseline, a bare python-telegram-bot echo bot, and how either application is started
and stopped (the way ``tests/conftest.py`` does it: ``run`` minus polling).

This module imports python-telegram-bot and the fake only, not the bot, so that a process
measuring the baseline's memory holds nothing of the bot.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bench.fake import LeanTelegram
from tests.fake_telegram import FAKE_TOKEN

App: TypeAlias = "Application[Any, Any, Any, Any, Any, Any]"


async def start_app(application: App) -> None:
    """Start as ``run`` would, minus polling: for the bot, storage, broadcaster, commands."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)


async def stop_app(application: App) -> None:
    """Stop as ``run`` does on SIGTERM: post_stop, shutdown, post_shutdown."""
    if application.post_stop is not None:
        await application.post_stop(application)
    await application.shutdown()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)


def echo_application(telegram: LeanTelegram) -> App:
    """python-telegram-bot with default settings, echoing text, answering taps, and
    answering inline queries with no results: one Bot API call per update."""
    application = (
        Application.builder().token(FAKE_TOKEN).request(telegram).get_updates_request(telegram)
    ).build()
    application.add_handler(MessageHandler(filters.TEXT, _echo))
    application.add_handler(CallbackQueryHandler(_answer_tap))
    application.add_handler(InlineQueryHandler(_answer_inline))
    return application


async def _echo(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text)


async def _answer_tap(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


async def _answer_inline(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    if update.inline_query is not None:
        await update.inline_query.answer([])
