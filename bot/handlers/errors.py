"""The error handler: log what failed, never what the user wrote, and apologise."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, TelegramError
from telegram.ext import ContextTypes

from bot.core.services import Services
from bot.handlers.answers import Answers

log = logging.getLogger("bot.errors")
CONFLICT = "conflict"  # in bot_data: the bot stopped because another instance polls


def error_handler(
    services: Services,
) -> Callable[[object, ContextTypes.DEFAULT_TYPE], Awaitable[None]]:
    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        kind = _describe(update)
        if isinstance(error, Conflict):  # another instance polls: one of us must go
            log.error("another process is getting this bot's updates (409 Conflict): stopping")
            context.application.bot_data[CONFLICT] = True
            context.application.stop_running()
            return
        if isinstance(error, Forbidden):  # blocked by the user: nobody to apologise to
            log.info("%s: the user has blocked the bot", kind)
            return
        if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
            # Already retried where safe (bot.network); polling retries by itself. A reply
            # that timed out may have arrived, so no apology that could come twice.
            log.warning("the network failed while handling %s: %s", kind, type(error).__name__)
            return
        if isinstance(error, TelegramError):
            log.warning(
                "Telegram refused a request while handling %s: %s", kind, type(error).__name__
            )
        else:
            log.error("handling %s failed", kind, exc_info=error)
        if isinstance(update, Update) and update.effective_chat is not None:
            try:
                await Answers(services).menu_with(update, context.bot, "error")
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
