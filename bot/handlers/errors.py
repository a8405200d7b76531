"""The error handler: log what failed, never what the user wrote, and apologise."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.conversation import Conversation
from bot.handlers import answer

log = logging.getLogger("bot.errors")


def error_handler(
    conversation: Conversation,
) -> Callable[[object, ContextTypes.DEFAULT_TYPE], Awaitable[None]]:
    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        kind = _describe(update)
        if isinstance(error, TelegramError):
            log.warning(
                "Telegram refused a request while handling %s: %s", kind, type(error).__name__
            )
        else:
            log.error("handling %s failed", kind, exc_info=error)
        if isinstance(update, Update) and update.effective_chat is not None:
            try:
                await answer(update, context, conversation.failure)
            except Exception as exc:  # the apology is best effort
                log.warning("could not send the apology: %s", type(exc).__name__)

    return on_error


def _describe(update: object) -> str:
    """The kind of update and its id: enough to find it, nothing the user wrote."""
    if not isinstance(update, Update):
        return "a job" if update is None else type(update).__name__
    kinds = [
        name
        for name in ("message", "callback_query", "edited_message", "inline_query")
        if getattr(update, name) is not None
    ]
    return f"update {update.update_id} ({', '.join(kinds) or 'other'})"
