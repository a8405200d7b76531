"""The two applications compared: the real bot, and a bare python-telegram-bot echo bot.

Both run in this process on a :class:`~bench.fake.LeanTelegram`; they are started and
stopped the way ``tests/conftest.py`` does it (``run`` minus polling).
"""

from __future__ import annotations

from pathlib import Path

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.app import build_application
from bot.broadcaster import Clock
from bot.bundle import Bundle
from bot.config import Config, Secret
from tests.fake_telegram import FAKE_TOKEN
from bench.fake import LeanTelegram

App = Application  # type: ignore[type-arg]
ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "content"
LOCALES_DIR = ROOT / "locales"


def bot_config(database: Path, admin_ids: frozenset[int] = frozenset()) -> Config:
    """The bot's settings for a run: a fake token, a fresh database, default rates."""
    return Config(
        token=Secret(FAKE_TOKEN), database=database, admin_ids=admin_ids,
        content_dir=CONTENT_DIR, locales_dir=LOCALES_DIR,
    )  # fmt: skip


def bot_application(
    config: Config, bundle: Bundle, telegram: LeanTelegram, clock: Clock | None = None
) -> App:
    """The real bot, built as ``run`` builds it, with the network faked."""
    return build_application(config, bundle, request=telegram, clock=clock)


async def start_app(application: App) -> None:
    """Start the bot as ``run`` would, minus polling: storage, broadcaster, commands."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)


async def stop_app(application: App) -> None:
    """Stop the bot as ``run`` does on SIGTERM: post_stop, shutdown, post_shutdown."""
    if application.post_stop is not None:
        await application.post_stop(application)
    await application.shutdown()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)


def echo_application(telegram: LeanTelegram) -> App:
    """The baseline: python-telegram-bot with default settings, echoing text, answering
    taps, and answering inline queries with no results (one API call per update)."""
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
