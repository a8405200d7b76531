"""Throughput and latency: the bot against a bare echo bot, on the same updates.

The bot's updates are built as it runs (a tap reads the buttons it just showed) and
recorded; the echo bot is then given exactly the same raw updates. The two take turns a
chunk of updates (or a burst) at a time, so that both meet the machine in the same state
even when its load changes during the run.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Awaitable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from bench.botapp import bot_application, bot_config
from bench.echo import App, echo_application, start_app, stop_app
from bench.fake import LeanTelegram
from bench.measure import Collections, ProblemCounter, Sample, Tally, at_once, one_at_a_time
from bench.traffic import SEED, Planned, Traffic, deep_link_payloads
from bot.content.bundle import Bundle

T = TypeVar("T")
CHUNK = 100  # updates one side handles one at a time before the other takes its turn


@dataclass(frozen=True)
class Sizes:
    """How many people and updates each phase has."""

    people: int
    warmup: int
    one_at_a_time: int
    burst: int
    batch: int


FULL = Sizes(people=500, warmup=500, one_at_a_time=3000, burst=3000, batch=100)
QUICK = Sizes(people=100, warmup=100, one_at_a_time=300, burst=300, batch=50)


@dataclass
class Measured:
    """What one application did with the mix."""

    name: str
    samples: list[Sample] = field(default_factory=list)  # one at a time
    one: Tally = field(default_factory=Tally)  # one at a time
    burst: Tally = field(default_factory=Tally)
    calls_per_update: float = 0.0  # Bot API calls per update, one at a time
    full_collections: list[float] = field(default_factory=list)  # seconds each, one at a time
    problems: int = 0  # warnings and errors logged
    first_problems: list[str] = field(default_factory=list)


@dataclass
class Side:
    """An application under test, its fake network, and what it did."""

    application: App
    telegram: LeanTelegram
    measured: Measured
    problems: ProblemCounter = field(default_factory=ProblemCounter)
    collections: Collections = field(default_factory=Collections)

    async def run(self, work: Awaitable[T], collections: bool = False) -> T:
        """Await ``work``, counting what it logged (and, if asked, full collections)."""
        with self.problems:
            if not collections:
                return await work
            with self.collections:
                return await work

    async def one_by_one(
        self, plans: Iterable[Planned], record: list[Planned] | None = None
    ) -> None:
        """Handle ``plans`` one at a time, adding the samples and the tally."""
        cpu = time.process_time()
        samples = await self.run(one_at_a_time(self.application, plans, record), collections=True)
        self.measured.samples += samples
        self.measured.one += Tally(
            len(samples), sum(sample.seconds for sample in samples), time.process_time() - cpu
        )

    def calls(self) -> int:
        return sum(self.telegram.calls.values())

    def finish(self) -> Measured:
        self.measured.problems = self.problems.count
        self.measured.first_problems = self.problems.first
        self.measured.full_collections = self.collections.durations
        return self.measured


async def compare(bundle: Bundle, sizes: Sizes, database: Path) -> tuple[Measured, Measured]:
    """Run the mix through the bot and the echo bot; returns what each did."""
    bot_telegram, echo_telegram = LeanTelegram(), LeanTelegram()
    bot_app = bot_application(bot_config(database), bundle, bot_telegram)
    bot = Side(bot_app, bot_telegram, Measured("bot"))
    echo = Side(echo_application(echo_telegram), echo_telegram, Measured("echo"))
    traffic = Traffic(bot_telegram, sizes.people, SEED, deep_link_payloads(bundle, SEED))
    await start_app(bot.application)
    await start_app(echo.application)
    try:
        await _warm_up(bot, echo, traffic, sizes)
        await _one_at_a_time(bot, echo, traffic.stream(sizes.one_at_a_time))
        await _bursts(bot, echo, traffic.bursts(sizes.burst, sizes.batch))
    finally:
        await stop_app(echo.application)
        await stop_app(bot.application)
    return bot.finish(), echo.finish()


async def _warm_up(bot: Side, echo: Side, traffic: Traffic, sizes: Sizes) -> None:
    """Everyone says /start (so everyone has buttons to tap), then a first, untimed mix."""
    recorded: list[Planned] = []
    await bot.run(one_at_a_time(bot.application, traffic.greetings(), recorded))
    traffic.learn_languages()
    await bot.run(one_at_a_time(bot.application, traffic.stream(sizes.warmup), recorded))
    await echo.run(one_at_a_time(echo.application, recorded))


async def _one_at_a_time(bot: Side, echo: Side, plans: Iterator[Planned]) -> None:
    """Each update after the previous one, a chunk for the bot, then the same for echo."""
    calls = bot.calls(), echo.calls()
    while True:
        chunk: list[Planned] = []
        await bot.one_by_one(itertools.islice(plans, CHUNK), chunk)
        if not chunk:
            break
        await echo.one_by_one(chunk)
    for side, before in zip((bot, echo), calls, strict=True):
        side.measured.calls_per_update = (side.calls() - before) / max(side.measured.one.updates, 1)


async def _bursts(bot: Side, echo: Side, batches: Iterator[list[Planned]]) -> None:
    """Each batch at once, to the bot, then the same batch to the echo bot."""
    for batch in batches:
        for side in (bot, echo):
            side.measured.burst += await side.run(at_once(side.application, batch))
