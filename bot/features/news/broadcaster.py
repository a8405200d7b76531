"""Sending campaign news to every subscriber, from the queue kept in SQLite.

One task works through the queue at a steady pace, well under Telegram's limit of about 30
messages a second for a bot, so that its replies to people using the bot stay fast. It
stops when Telegram asks it to slow down (RetryAfter) for as long as asked, unsubscribes
people who blocked the bot, and reports progress to the admin who sent the news.

Every delivery is marked in the database just before it is sent and deleted just after,
so a restart carries on where it stopped and no one is sent the news twice: on a clean
stop the message being sent is finished first. A message that may have arrived is never
sent again: after a crash, the delivery that was in flight counts as unknown, and so does
one whose connection failed after it left (only a failure before it left is retried).

Nothing here knows Telegram: ``send`` and ``report`` do the talking (see
:func:`bot.telegram.delivery.deliver`), so the queue can be driven by a fake in tests, and
by a faster clock.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.storage import Broadcast, Delivery, Outcome, Storage, StorageError

log = logging.getLogger(__name__)

DEFAULT_RATE = 20.0  # messages a second; Telegram allows about 30 for the whole bot
BATCH = 50  # deliveries read from the queue at once
PROGRESS_EVERY = 15.0  # seconds between progress reports to the admin
RETRIES = 5  # attempts at one delivery when the network fails
BACKOFF = 1.0  # seconds before the first retry; doubles each time
STORAGE_RETRY = 30.0  # seconds to wait when the database is unavailable


class SlowDown(Exception):
    """Telegram asked for a pause (429 with retry_after): nothing was sent."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds} s")
        self.seconds = seconds


class TryLater(Exception):
    """The network failed before Telegram took the message: safe to send again."""


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    message_id: int | None = None  # of the message sent, for the safety exit


Send = Callable[[int, str], Awaitable[Result]]  # chat id, HTML text
Report = Callable[[Broadcast, bool], Awaitable[int | None]]  # news, finished -> message id


class Clock:
    """Time for the queue; tests and the benchmark pass one that runs faster."""

    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class Broadcaster:
    def __init__(
        self,
        storage: Storage,
        send: Send,
        report: Report,
        rate: float = DEFAULT_RATE,
        clock: Clock | None = None,
        progress_every: float = PROGRESS_EVERY,
    ) -> None:
        self.storage = storage
        self._send, self._report = send, report
        self.interval = 1.0 / rate
        self.clock = clock or Clock()
        self.progress_every = progress_every
        self._next_send = 0.0  # clock time before which nothing is sent
        self._last_report: dict[int, float] = {}
        self._texts: dict[int, dict[str, str]] = {}
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    # -- life cycle ----------------------------------------------------------------------
    def start(self) -> None:
        self._stopping.clear()
        self._task = asyncio.create_task(self.run(), name="broadcaster")

    def wake(self) -> None:
        """New news was queued."""
        self._wake.set()

    async def stop(self, grace: float = 10.0) -> None:
        """Finish the message being sent, then stop; the rest stays queued."""
        self._stopping.set()
        if self._task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(self._task), grace)
        except TimeoutError:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        self._task = None

    async def run(self) -> None:
        recovered = 0  # the opening of the database recovered from a crash
        while not self._stopping.is_set():
            try:
                if recovered != self.storage.openings:  # at start, and if the file changed
                    self._texts.clear()  # another file may number its news alike
                    self._last_report.clear()
                    dropped = await self.storage.news.drop_in_flight()
                    recovered = self.storage.openings
                    if dropped:
                        log.warning("%d delivery(ies) in flight at a crash: not sent again",
                                    dropped)  # fmt: skip
                await self._work()
            except StorageError as exc:
                log.warning("campaign news paused, the database failed: %s", exc)
                await self._pause(STORAGE_RETRY)

    # -- the queue -----------------------------------------------------------------------
    async def _work(self) -> None:
        self._wake.clear()
        batch = await self.storage.news.queued(BATCH)
        for delivery in batch:
            if self._stopping.is_set():
                return
            await self._deliver(delivery)
            await self._progress(delivery.broadcast_id)
        for finished in await self.storage.news.finish():
            await self._tell(finished, final=True)
        if not batch:
            await self._until(self._wake)

    async def _deliver(self, delivery: Delivery) -> None:
        text = await self._text(delivery)
        backoff = BACKOFF
        for attempt in range(1, RETRIES + 1):
            if text is None:
                break  # its news is gone (another database file was put in its place)
            await self._pace()
            if self._stopping.is_set():
                return  # still queued: sent after the restart
            if not await self.storage.news.take_off(delivery):
                return  # unsubscribed or forgotten meanwhile
            try:
                result = await self._send(delivery.user_id, text)
            except SlowDown as slow:
                await self.storage.news.put_back(delivery)
                log.warning("Telegram asked to slow down for %s s", slow.seconds)
                self._next_send = max(self._next_send, self.clock.now() + slow.seconds)
                continue
            except TryLater:
                await self.storage.news.put_back(delivery)
                if attempt == RETRIES:
                    break
                await self._pause(backoff)
                backoff *= 2
                continue
            await self.storage.news.delivered(delivery, result.outcome, result.message_id)
            return
        await self.storage.news.take_off(delivery)
        await self.storage.news.delivered(delivery, Outcome.FAILED)

    async def _text(self, delivery: Delivery) -> str | None:
        texts = self._texts.get(delivery.broadcast_id)
        if texts is None:
            news = await self.storage.news.get(delivery.broadcast_id)
            texts = self._texts[delivery.broadcast_id] = news.texts if news else {}
        return texts.get(delivery.language) or texts.get("en") or next(iter(texts.values()), None)

    async def _progress(self, broadcast_id: int) -> None:
        now = self.clock.now()
        last = self._last_report.setdefault(broadcast_id, now - self.progress_every)
        if now - last < self.progress_every:
            return
        self._last_report[broadcast_id] = now
        news = await self.storage.news.get(broadcast_id)
        if news is not None:
            await self._tell(news, final=False)

    async def _tell(self, news: Broadcast, final: bool) -> None:
        await self._pace()  # reports count toward Telegram's limit too
        message_id = await self._report(news, final)
        if message_id is not None and not final:
            await self.storage.news.set_progress_message(news.id, message_id)
        if final:
            self._texts.pop(news.id, None)
            self._last_report.pop(news.id, None)

    # -- time ----------------------------------------------------------------------------
    async def _pace(self) -> None:
        """Wait for this message's turn: one every ``interval`` seconds. The next turn is
        counted from this one's, not from when the sleep ended, so that waking late does
        not slow the pace; after a pause longer than a turn, it restarts from now."""
        now = self.clock.now()
        turn = self._next_send
        if turn > now:
            await self._pause(turn - now)
            now = self.clock.now()
        self._next_send = (turn if now - turn < self.interval else now) + self.interval

    async def _pause(self, seconds: float) -> None:
        """Sleep, unless asked to stop meanwhile."""
        sleeper = asyncio.ensure_future(self.clock.sleep(seconds))
        await self._until(self._stopping, sleeper)

    async def _until(self, event: asyncio.Event, other: asyncio.Future[None] | None = None) -> None:
        """Wait for ``event``, for ``other`` to finish, or for a stop."""
        waiters = {
            asyncio.ensure_future(event.wait()),
            asyncio.ensure_future(self._stopping.wait()),
        }
        if other is not None:
            waiters.add(other)
        _, pending = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
