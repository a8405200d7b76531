"""Start-up: load and validate all content in all languages, build the bot, start it.

Each run loads the content from the files again and starts on a fresh database (so the
migrations run), answered by the lean fake: ``getMe`` and the command menu in every
language. The first run in a process also fills caches that later runs reuse (country
names, locale data); :mod:`bench.memory` times a start in a fresh process.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from bench.botapp import CONTENT_DIR, LOCALES_DIR, bot_application, bot_config
from bench.echo import echo_application, start_app, stop_app
from bench.fake import LeanTelegram
from bot.content.bundle import Bundle, load_bundle


@dataclass(frozen=True)
class StartTimes:
    """Seconds for each step of one start."""

    load: float  # load_bundle: read, check and render every page in every language
    build: float  # build_application
    start: float  # initialize + post_init: database, getMe, command menus

    @property
    def total(self) -> float:
        return self.load + self.build + self.start


@dataclass(frozen=True)
class Counts:
    """What the content holds."""

    pages: int
    languages: int
    countries: int
    regions: int


async def start_once(database: Path) -> tuple[StartTimes, Bundle]:
    """Load, build and start the bot once, then stop it; returns the times and the bundle."""
    began = time.perf_counter()
    bundle = load_bundle(CONTENT_DIR, LOCALES_DIR)
    loaded = time.perf_counter()
    application = bot_application(bot_config(database), bundle, LeanTelegram())
    built = time.perf_counter()
    await start_app(application)
    started = time.perf_counter()
    await stop_app(application)
    return StartTimes(loaded - began, built - loaded, started - built), bundle


async def echo_start() -> float:
    """Seconds to build and start the echo bot."""
    began = time.perf_counter()
    application = echo_application(LeanTelegram())
    await start_app(application)
    seconds = time.perf_counter() - began
    await stop_app(application)
    return seconds


def median_times(runs: list[StartTimes]) -> StartTimes:
    """The median of each step over ``runs``."""
    return StartTimes(
        statistics.median(run.load for run in runs),
        statistics.median(run.build for run in runs),
        statistics.median(run.start for run in runs),
    )


def counts(bundle: Bundle) -> Counts:
    return Counts(len(bundle.content.pages), len(bundle.languages),
                  len(bundle.directory.countries), len(bundle.directory.regions))  # fmt: skip


async def measure_startup(folder: Path, runs: int) -> tuple[StartTimes, float, Counts, Bundle]:
    """The median start of ``runs``, the echo bot's median start, the content's counts and
    the last bundle loaded."""
    times, bundle = [], None
    for number in range(runs):
        once, bundle = await start_once(folder / f"start-{number}.sqlite3")
        times.append(once)
    echo = statistics.median([await echo_start() for _ in range(runs)])
    assert bundle is not None
    return median_times(times), echo, counts(bundle), bundle
