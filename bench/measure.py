"""The harness: feed updates to an application and time them, one at a time or in bursts.

An update is timed from its raw JSON dict to the end of its handling (``Update.de_json``,
then the application's update processor and handlers, every Bot API call answered by the
fake). Updates go through ``application.update_processor``, as polling hands them over,
so each application's own concurrency setting applies.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update

from bench.echo import App
from bench.traffic import Planned, Raw


@dataclass(frozen=True)
class Sample:
    """One update handled on its own: what it was and how long it took."""

    kind: str
    label: str
    seconds: float


@dataclass(frozen=True)
class Tally:
    """Updates handled, the wall seconds they took, and the CPU seconds the process used
    meanwhile (all its threads; other work on the machine barely changes it)."""

    updates: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.updates / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_update(self) -> float:
        return 1000 * self.cpu_seconds / self.updates if self.updates else 0.0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.updates + other.updates, self.seconds + other.seconds,
                     self.cpu_seconds + other.cpu_seconds)  # fmt: skip


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


async def at_once(application: App, batch: list[Planned]) -> Tally:
    """Hand a whole batch over at once and wait until all of it is handled."""
    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(handle(application, plan.raw) for plan in batch))
    return Tally(len(batch), time.perf_counter() - started, time.process_time() - cpu)


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


@dataclass
class Collections:
    """Python's collections of the oldest generation (full garbage collections) while it is
    installed: they pause every coroutine, and a big heap makes them long."""

    durations: list[float] = field(default_factory=list)  # seconds each
    _started: float = 0.0

    def _watch(self, phase: str, info: dict[str, Any]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.durations.append(time.perf_counter() - self._started)

    def __enter__(self) -> Collections:
        gc.callbacks.append(self._watch)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self._watch)
