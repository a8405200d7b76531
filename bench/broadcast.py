"""Campaign news to many subscribers, against a fake that enforces Telegram's limit.

The bot and the fake share a :class:`~tests.fake_telegram.FastClock`: time runs ``speed``
times faster than the wall clock, and every rate (the bot's pacing, the fake's 30 messages
a second) holds in that clock's seconds. An admin sends ``/broadcast`` and taps the Send
button the bot showed; the run ends when the broadcast is marked done.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bench.botapp import bot_application, bot_config
from bench.echo import start_app, stop_app
from bench.fake import LeanTelegram, busiest_second
from bench.measure import ProblemCounter, handle
from bench.traffic import Person, message, tap
from bot.content.bundle import Bundle
from bot.features.news.broadcaster import Clock
from bot.storage import Broadcast, Storage
from tests.fake_telegram import FastClock, FloodControl

ADMIN = Person(555, "en")
NEWS = (
    "en: 30 July is the World Day against Trafficking in Persons.\n"
    "fr: Le 30 juillet est la Journée mondiale contre la traite."
)
LANGUAGES = ("en", "fr", "es", "ar", "ru", "uk", "zh")
TELEGRAM_LIMIT = 30  # messages a second, enforced by the fake
FIRST_SUBSCRIBER = 1_000_000
LONGEST_WALL_SECONDS = 300.0


class SharedClock(FastClock, Clock):
    """The tests' fast clock, shared by the fake's flood control and the bot's broadcaster
    (which expects its own :class:`~bot.broadcaster.Clock`)."""


@dataclass(frozen=True)
class NewsRun:
    """How the broadcast went."""

    subscribers: int
    speed: float  # clock seconds per wall second
    rate: float  # the bot's configured pace, messages per clock second
    clock_seconds: float  # from the tap on Send to done, in the fast clock
    wall_seconds: float
    news: Broadcast
    refused: int  # 429s the fake answered
    busiest_second: int  # the most messages (the admin's too) accepted in one clock second
    exactly_once: bool  # every subscriber received one message, no one two
    problems: int  # warnings and errors logged

    @property
    def achieved_rate(self) -> float:
        """Messages accepted per clock second."""
        return self.news.sent / self.clock_seconds

    @property
    def wall_ms_per_message(self) -> float:
        """Wall-clock milliseconds from one message to the next."""
        return 1000 * self.wall_seconds / max(self.news.sent, 1)


async def add_subscribers(storage: Storage, ids: Iterable[int]) -> None:
    """Many subscribers at once, as if each had sent /subscribe (as tests/test_news.py)."""
    await storage.db.executemany(
        "INSERT INTO users (user_id, language, last_seen, subscribed) VALUES (?, ?, ?, 1)",
        [(user_id, LANGUAGES[user_id % len(LANGUAGES)], "2026-11-23") for user_id in ids],
    )
    await storage.db.commit()


async def until_done(storage: Storage) -> Broadcast:
    """Poll the broadcast until it is done."""
    async with asyncio.timeout(LONGEST_WALL_SECONDS):
        while True:
            news = await storage.news.get(1)
            if news is not None and news.state == "done":
                return news
            await asyncio.sleep(0.05)


async def run_broadcast(bundle: Bundle, folder: Path, subscribers: int, speed: float) -> NewsRun:
    """Send campaign news to ``subscribers`` people at ``speed`` times the wall clock."""
    clock = SharedClock(speed)
    flood = FloodControl(clock, per_second=TELEGRAM_LIMIT)
    telegram = LeanTelegram(flood)
    config = bot_config(folder / "news.sqlite3", admin_ids=frozenset({ADMIN.id}))
    application = bot_application(config, bundle, telegram, clock)
    ids = range(FIRST_SUBSCRIBER, FIRST_SUBSCRIBER + subscribers)
    await start_app(application)
    try:
        storage: Storage = application.bot_data["services"].storage
        await add_subscribers(storage, ids)
        with ProblemCounter() as problems:
            await handle(application, message(ADMIN, f"/broadcast\n{NEWS}"))
            question = telegram.newest[ADMIN.id]
            send = next(data for data in question.callbacks() if data.startswith("nb:"))
            wall, began = time.perf_counter(), clock.now()
            await handle(application, tap(ADMIN, send, question.message_id))
            news = await until_done(storage)
            clock_seconds, wall = clock.now() - began, time.perf_counter() - wall
    finally:
        await stop_app(application)
    return NewsRun(
        subscribers, speed, config.broadcast_rate, clock_seconds, wall, news, flood.refused,
        busiest_second(telegram.sent_at),
        exactly_once=all(telegram.received[user_id] == 1 for user_id in ids),
        problems=problems.count,
    )  # fmt: skip
