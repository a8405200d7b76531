"""The bot's HTTP client to the Bot API, made patient: it retries what is safe to retry.

It wraps python-telegram-bot's client (or a test's fake) and looks at each answer before
python-telegram-bot turns it into an exception:

- 429 Too Many Requests: nothing was done; wait the ``retry_after`` Telegram gave (when it
  is short enough for someone waiting for a reply) and send again;
- 500, 502, 503, 504: Telegram failed; requests that change nothing twice (answering a tap,
  editing, deleting, reading) are sent again after a short pause. Requests that send a
  message are not: the message may have gone, and a copy could confuse;
- a connection that could not be made (nothing was sent): sent again after a pause;
- a timeout waiting for the answer: sent again only if it changes nothing twice.

Campaign news does its own pacing and retrying (:mod:`bot.broadcaster`), so requests made
under :data:`CALLER_RETRIES` are passed through as they are.
"""

from __future__ import annotations

import asyncio
import json
import logging
from contextvars import ContextVar
from typing import Any

from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

log = logging.getLogger(__name__)

ATTEMPTS = 3
PAUSE = 0.5  # seconds before the first retry; doubled each time
LONGEST_WAIT = 10.0  # seconds: a longer retry_after is passed on, not waited for here
RETRIED_STATUSES = frozenset({500, 502, 503, 504})
# Requests that create something: never repeated unless Telegram surely did nothing.
CREATING = ("send", "forward", "copy")
# httpx failures raised before the request left (python-telegram-bot keeps them as cause).
NOT_SENT = frozenset({"ConnectError", "ConnectTimeout", "PoolTimeout"})

CALLER_RETRIES: ContextVar[bool] = ContextVar("caller_retries", default=False)


def repeatable(api_method: str) -> bool:
    """Whether doing the request twice is the same as doing it once."""
    return not api_method.lower().startswith(CREATING)


def not_sent(error: NetworkError) -> bool:
    """Whether the request surely never left: no connection could be made, or none was free."""
    cause = error.__cause__
    return cause is not None and type(cause).__name__ in NOT_SENT


def _retry_after(body: bytes) -> float | None:
    try:
        return float(json.loads(body)["parameters"]["retry_after"])
    except (ValueError, KeyError, TypeError):
        return None


class WrappedRequest(BaseRequest):
    """A request that passes everything to ``inner``: the base of those that look at, or
    change, what goes through."""

    def __init__(self, inner: BaseRequest) -> None:
        self.inner = inner

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **timeouts: Any
    ) -> tuple[int, bytes]:
        return await self.inner.do_request(url, method, request_data, **timeouts)


class PatientRequest(WrappedRequest):
    async def pause(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **timeouts: Any
    ) -> tuple[int, bytes]:
        if CALLER_RETRIES.get():
            return await self.inner.do_request(url, method, request_data, **timeouts)
        api_method = url.rsplit("/", 1)[-1]
        pause = PAUSE
        for attempt in range(1, ATTEMPTS + 1):
            last = attempt == ATTEMPTS
            try:
                status, body = await self.inner.do_request(url, method, request_data, **timeouts)
            except NetworkError as error:  # TimedOut included
                safe = not_sent(error) or (isinstance(error, TimedOut) and repeatable(api_method))
                if last or not safe:
                    raise
                log.info("%s failed (%s), trying again", api_method, type(error).__name__)
            else:
                wait = _retry_after(body) if status == 429 else None
                if status == 429 and wait is not None and wait <= LONGEST_WAIT and not last:
                    log.info("%s: Telegram asked to wait %.0f s", api_method, wait)
                    await self.pause(wait)
                    continue
                if status not in RETRIED_STATUSES or last or not repeatable(api_method):
                    return status, body
                log.info("%s: Telegram answered %d, trying again", api_method, status)
            await self.pause(pause)
            pause *= 2
        raise AssertionError("unreachable")  # pragma: no cover
