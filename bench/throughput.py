"""Throughput and latency: the bot against a bare echo bot, on the same updates.

The bot's updates are built as it runs (a tap reads the buttons it just showed) and
recorded; the echo bot is then given exactly the same raw updates. The phases alternate
between the two (warm-up, one at a time, bursts), so that both meet the machine in the
same state.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from bot.bundle import Bundle
from bench.apps import App, bot_application, bot_config, echo_application, start_app, stop_app
from bench.fake import LeanTelegram
from bench.measure import Burst, ProblemCounter, Sample, in_bursts, one_at_a_time
from bench.traffic import Planned, Traffic

T = TypeVar("T")
SEED = 8  # the number: the same mix every run


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
    samples: list[Sample] = field(default_factory=list)
    burst: Burst = Burst(0, 1.0)
    calls: int = 0  # Bot API calls made
    problems: int = 0  # warnings and errors logged
    first_problems: list[str] = field(default_factory=list)


@dataclass
class Side:
    """An application under test, its fake network and what it did."""

    application: App
    telegram: LeanTelegram
    measured: Measured


async def compare(bundle: Bundle, sizes: Sizes, database: Path) -> tuple[Measured, Measured]:
    """Run the mix through the bot and the echo bot; returns what each did."""
    bot_telegram, echo_telegram = LeanTelegram(), LeanTelegram()
    bot = Side(bot_application(bot_config(database), bundle, bot_telegram), bot_telegram,
               Measured("bot"))  # fmt: skip
    echo = Side(echo_application(echo_telegram), echo_telegram, Measured("echo"))
    traffic = Traffic(bundle, bot_telegram, sizes.people, SEED)
    await start_app(bot.application)
    await start_app(echo.application)
    try:
        await _warm_up(bot, echo, traffic, sizes)
        await _one_at_a_time(bot, echo, traffic.stream(sizes.one_at_a_time))
        await _bursts(bot, echo, traffic.bursts(sizes.burst, sizes.batch))
    finally:
        await stop_app(echo.application)
        await stop_app(bot.application)
    for side in (bot, echo):
        side.measured.calls = sum(side.telegram.calls.values())
    return bot.measured, echo.measured


async def _warm_up(bot: Side, echo: Side, traffic: Traffic, sizes: Sizes) -> None:
    """Everyone says /start (so everyone has buttons to tap), then a first, untimed mix."""
    recorded: list[Planned] = []
    await _counted(bot, one_at_a_time(bot.application, traffic.greetings(), recorded))
    traffic.learn_languages()
    await _counted(bot, one_at_a_time(bot.application, traffic.stream(sizes.warmup), recorded))
    await _counted(echo, one_at_a_time(echo.application, recorded))


async def _one_at_a_time(bot: Side, echo: Side, plans: Iterable[Planned]) -> None:
    recorded: list[Planned] = []
    bot.measured.samples = await _counted(bot, one_at_a_time(bot.application, plans, recorded))
    echo.measured.samples = await _counted(echo, one_at_a_time(echo.application, recorded))


async def _bursts(bot: Side, echo: Side, batches: Iterable[list[Planned]]) -> None:
    recorded: list[list[Planned]] = []
    bot.measured.burst = await _counted(bot, in_bursts(bot.application, batches, recorded))
    echo.measured.burst = await _counted(echo, in_bursts(echo.application, recorded))


async def _counted(side: Side, work: Awaitable[T]) -> T:
    """Await ``work``, adding the warnings and errors it logged to ``side``'s count."""
    with ProblemCounter() as problems:
        result = await work
    side.measured.problems += problems.count
    side.measured.first_problems += problems.first[: 5 - len(side.measured.first_problems)]
    return result
