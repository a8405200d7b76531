"""The harness: feed updates to an application and time them, one at a time or in bursts.

An update is timed from its raw JSON dict to the end of its handling (``Update.de_json``,
then the application's update processor and handlers, every Bot API call answered by the
fake). Updates go through ``application.update_processor``, as polling hands them over,
so each application's own concurrency setting applies.
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass

from telegram import Update

from bench.apps import App
from bench.traffic import Planned, Raw


@dataclass(frozen=True)
class Sample:
    """One update handled on its own: what it was and how long it took."""

    kind: str
    label: str
    seconds: float


@dataclass(frozen=True)
class Burst:
    """Updates handled a batch at a time: how many, and the seconds the batches took."""

    updates: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds


async def handle(application: App, raw: Raw) -> None:
    """One update, as polling hands it to the application."""
    update = Update.de_json(raw, application.bot)
    processor = application.update_processor
    await processor.process_update(update, application.process_update(update))


async def one_at_a_time(
    application: App, plans: Iterable[Planned], record: list[Planned] | None = None
) -> list[Sample]:
    """Handle each update after the previous one finished; ``plans`` may be built lazily
    (a tap reads the buttons the previous update showed). Appends each to ``record``."""
    samples = []
    for plan in plans:
        started = time.perf_counter()
        await handle(application, plan.raw)
        samples.append(Sample(plan.kind, plan.label, time.perf_counter() - started))
        if record is not None:
            record.append(plan)
    return samples


async def in_bursts(
    application: App, batches: Iterable[list[Planned]], record: list[list[Planned]] | None = None
) -> Burst:
    """Hand each batch over at once and wait for all of it; only that waiting is timed
    (building a batch is not). Appends each batch to ``record``."""
    updates, seconds = 0, 0.0
    for batch in batches:
        started = time.perf_counter()
        await asyncio.gather(*(handle(application, plan.raw) for plan in batch))
        seconds += time.perf_counter() - started
        updates += len(batch)
        if record is not None:
            record.append(batch)
    return Burst(updates, seconds)


def percentile(values: Iterable[float], percent: float) -> float:
    """The ``percent``-th percentile (linear interpolation between closest ranks)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=1000, method="inclusive")[round(percent * 10) - 1]


class ProblemCounter(logging.Handler):
    """Counts warnings and errors logged anywhere while it is installed: a benchmark
    whose updates fail would measure the error path."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self.first: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if len(self.first) < 5:
            self.first.append(f"{record.name}: {record.getMessage()}"[:200])

    def __enter__(self) -> ProblemCounter:
        logging.getLogger().addHandler(self)
        return self

    def __exit__(self, *_: object) -> None:
        logging.getLogger().removeHandler(self)
