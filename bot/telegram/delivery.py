"""Campaign news through Telegram: one subscriber's message, and the admin's progress
report. What became of a send is told to the broadcaster
(:mod:`bot.features.news.broadcaster`), which knows nothing of Telegram."""

from __future__ import annotations

import datetime as dt
import logging
import warnings

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.core.screens import Screen
from bot.features.news.broadcaster import Result, SlowDown, TryLater
from bot.storage import Outcome
from bot.telegram.network import CALLER_RETRIES, not_sent
from bot.telegram.render import NO_PREVIEW, markup, send

log = logging.getLogger(__name__)

GONE = ("chat not found", "user is deactivated", "bot was blocked", "peer_id_invalid")


async def deliver(bot: Bot, chat_id: int, text: str) -> Result:
    """Send one subscriber the news, and say what became of it (see
    :mod:`bot.features.news.broadcaster`): sent, blocked, failed, or unknown when the
    connection failed after the request left (a reset, a 5xx, a timeout waiting for the
    answer: it may have arrived, so it is never sent again); raises SlowDown or TryLater
    when surely nothing was sent and it should be tried again."""
    mine = CALLER_RETRIES.set(True)  # the broadcaster paces and retries by itself
    try:
        # Silent: no sound or banner announces it on a phone someone else may see.
        message = await bot.send_message(
            chat_id=chat_id, text=text, parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW, disable_notification=True,
        )  # fmt: skip
    except RetryAfter as exc:
        raise SlowDown(retry_after_seconds(exc)) from exc
    except Forbidden:
        return Result(Outcome.BLOCKED)
    except BadRequest as exc:
        if any(reason in str(exc).lower() for reason in GONE):
            return Result(Outcome.BLOCKED)
        log.warning("Telegram refused campaign news: %s", exc)
        return Result(Outcome.FAILED)
    except NetworkError as exc:  # TimedOut included
        if not_sent(exc):
            raise TryLater() from exc
        # What failed (a 5xx's status, an httpx error's kind), never the chat or the text.
        detail = type(exc.__cause__).__name__ if exc.__cause__ else str(exc)
        log.warning("campaign news may have arrived, not sent again: %s (%s)",
                    type(exc).__name__, detail)  # fmt: skip
        return Result(Outcome.UNKNOWN)
    except TelegramError as exc:
        log.warning("campaign news not sent: %s", type(exc).__name__)
        return Result(Outcome.FAILED)
    finally:
        CALLER_RETRIES.reset(mine)
    return Result(Outcome.SENT, message.message_id)


async def tell(bot: Bot, chat_id: int, screen: Screen, message_id: int | None = None) -> int | None:
    """Show ``screen`` by editing message ``message_id``, or as a new message; returns the
    id of the new message. Best effort: failures are logged, not raised."""
    try:
        if message_id is not None:
            try:
                await bot.edit_message_text(
                    screen.text, chat_id=chat_id, message_id=message_id,
                    parse_mode=ParseMode.HTML, reply_markup=markup(screen),
                )  # fmt: skip
                return None
            except BadRequest as exc:
                if "not modified" in str(exc).lower():
                    return None
        sent = await send(bot, chat_id, screen)
        return sent[0] if sent else None
    except TelegramError as exc:
        log.warning("could not tell the admin about campaign news: %s", type(exc).__name__)
        return None


def retry_after_seconds(exc: RetryAfter) -> float:
    """How long Telegram asked to wait (an int or a timedelta, by PTB_TIMEDELTA)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)
