"""Long polling that no update can stall, and that always stops.

python-telegram-bot reads a whole ``getUpdates`` answer at once: one update it cannot read
(a message without ``date``, say) fails the answer, the offset never moves past it, and the
same answer is fetched again at once, for ever, each time logged with what users wrote; no
later update is handled, and stopping fails too. :class:`SkipUnreadable` wraps the
``getUpdates`` request: an update python-telegram-bot cannot read is replaced by its bare
``update_id`` (so the offset moves past it and no handler sees it) and logged in one line
without its content. An answer without a list of updates, or an update without an
``update_id``, becomes a :class:`~telegram.error.NetworkError`, which polling waits out and
tries again.

:func:`poll` polls until SIGTERM or SIGINT. It asks Telegram who the bot is first, with the
lines logged meanwhile held back (:func:`bot.telegram.logs.held_back`), so that a rejected
token or an unreachable Bot API is said by the caller in one line; and whatever stops
polling, the database is closed (its thread would keep the process alive).
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
from collections.abc import Callable, Sequence
from http import HTTPStatus
from typing import Any

from telegram import Update
from telegram.error import NetworkError
from telegram.ext import Application
from telegram.request import RequestData

from bot.telegram.logs import held_back
from bot.telegram.network import WrappedRequest

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class SkipUnreadable(WrappedRequest):
    """The getUpdates request, with what python-telegram-bot cannot read taken out (it does
    not retry: polling retries by itself)."""

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **timeouts: Any
    ) -> tuple[int, bytes]:
        status, body = await super().do_request(url, method, request_data, **timeouts)
        if status == HTTPStatus.OK and url.endswith("/getUpdates"):
            body = readable(body)
        return status, body


def readable(body: bytes) -> bytes:
    """A ``getUpdates`` answer python-telegram-bot can read: ``body`` itself, or with each
    update it cannot read replaced by ``{"update_id": N}``."""
    try:
        answer = json.loads(body)
    except ValueError:
        answer = None
    updates = answer.get("result") if isinstance(answer, dict) else None
    if not isinstance(updates, list):
        raise NetworkError("getUpdates: the Bot API answered without a list of updates")
    try:
        Update.de_list(updates, None)
    except Exception:  # whatever python-telegram-bot would fail on
        answer["result"] = [_readable(update) for update in updates]  # type: ignore[index]
        return json.dumps(answer).encode()
    return body


def _readable(update: object) -> object:
    update_id = update.get("update_id") if isinstance(update, dict) else None
    if isinstance(update_id, bool) or not isinstance(update_id, int):
        raise NetworkError("getUpdates: the Bot API answered an update without an update_id")
    try:
        Update.de_json(update, None)  # type: ignore[arg-type]
    except Exception as exc:
        log.warning("skipped update %d: python-telegram-bot could not read it (%s)",
                    update_id, type(exc).__name__)  # fmt: skip
        return {"update_id": update_id}
    return update


def poll(
    application: Application,  # type: ignore[type-arg]
    *,
    allowed_updates: Sequence[str],
    drop_pending_updates: bool,
    started: Callable[[], None] = lambda: None,
) -> None:
    """Poll for updates until SIGTERM or SIGINT. ``getMe`` comes first: a token Telegram
    rejects raises InvalidToken, an unreachable Bot API NetworkError, with nothing logged;
    then ``started`` is called."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        if not _initialized(loop, application):
            return
        started()
        try:
            application.run_polling(
                allowed_updates=allowed_updates,
                drop_pending_updates=drop_pending_updates,
                close_loop=False,
            )
        except (KeyboardInterrupt, SystemExit):  # a second SIGTERM or SIGINT while stopping
            log.info("stopping at once")
    finally:
        try:
            _finish(loop, application)
        finally:
            loop.close()
            asyncio.set_event_loop(None)


def _initialized(loop: asyncio.AbstractEventLoop, application: Application) -> bool:  # type: ignore[type-arg]
    """Whether ``getMe`` succeeded; False when SIGTERM or SIGINT came first."""
    starting = loop.create_task(application.initialize())
    for number in STOP_SIGNALS:  # until run_polling installs its own
        loop.add_signal_handler(number, starting.cancel)
    try:
        with held_back():
            loop.run_until_complete(starting)
    except asyncio.CancelledError:
        return False
    return True


def _finish(loop: asyncio.AbstractEventLoop, application: Application) -> None:  # type: ignore[type-arg]
    """python-telegram-bot skips ``post_shutdown`` when a step before it fails or a second
    stop signal interrupts it: then it is called here (campaign news finishes its message,
    the database is closed), and what still runs is cancelled."""
    services = application.bot_data.get("services")
    if services is None or not services.storage.is_open:
        return
    try:
        if application.post_shutdown:
            loop.run_until_complete(application.post_shutdown(application))
    except Exception as exc:  # the database is closed below all the same
        log.warning("stopping: %s", type(exc).__name__)
    pending = asyncio.all_tasks(loop)
    for task in pending:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    loop.run_until_complete(services.storage.close())
