"""``python -m bench [--quick]``: the whole benchmark in one run, a Markdown report on stdout.

1. Start-up: load and validate all content, build the bot, start it (median of runs).
2. Throughput and latency: a realistic mix of updates from many people through the bot
   and through a bare python-telegram-bot echo bot, one at a time and in bursts.
3. Memory: each application alone in a fresh process (``python -m bench.memory``).
4. Campaign news to 10,000 subscribers against a fake that enforces 30 messages a second,
   on a fast clock; and a short broadcast in real time, for the pace without the fast
   clock's distortion.
5. Reading what people write: the evaluation set's score per language and kind, and the
   time to read a message (``bench/understanding.py``).

Exits 1 if a check failed (an update logged an error, someone did not get the news
exactly once), after printing the report. See BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import understanding
from bench.botapp import ROOT
from bench.broadcast import run_broadcast
from bench.machine import describe, load_average
from bench.report import Results, render
from bench.startup import measure_startup
from bench.throughput import FULL, QUICK, Sizes, compare


@dataclass(frozen=True)
class Plan:
    """How much of everything a run does."""

    name: str
    sizes: Sizes
    startup_runs: int
    memory_updates: int
    trace: bool  # tracemalloc runs (slow: tracing the content's loading takes ~10 s)
    trace_updates: int
    subscribers: int
    speed: float  # of the fast clock for the big broadcast
    realtime_subscribers: int  # for the broadcast at speed 1


FULL_PLAN = Plan(
    "full", FULL, startup_runs=3, memory_updates=1000, trace=True, trace_updates=300,
    subscribers=10_000, speed=40.0, realtime_subscribers=150,
)  # fmt: skip
QUICK_PLAN = Plan(
    "quick", QUICK, startup_runs=2, memory_updates=200, trace=False, trace_updates=0,
    subscribers=1_000, speed=40.0, realtime_subscribers=30,
)  # fmt: skip


def memory_of(app: str, updates: int, trace: bool) -> dict[str, float]:
    """Run ``python -m bench.memory`` for ``app`` in a fresh process; its JSON result."""
    command = [sys.executable, "-m", "bench.memory", app, "--updates", str(updates)]
    if trace:
        command.append("--trace")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[1:])} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def measure_memory(plan: Plan) -> dict[str, dict[str, float]]:
    """Peak RSS of each application; with ``plan.trace``, tracemalloc figures too."""
    memory = {app: memory_of(app, plan.memory_updates, False) for app in ("bot", "echo")}
    if plan.trace:
        for app in ("bot", "echo"):
            memory[f"{app} traced"] = memory_of(app, plan.trace_updates, True)
    return memory


async def measure_in_process(
    plan: Plan, folder: Path, memory: dict[str, dict[str, float]], machine: list[str]
) -> Results:
    """Start-up, throughput and the broadcasts, in this process."""
    startup, echo_startup, counts, bundle = await measure_startup(folder, plan.startup_runs)
    bot, echo = await compare(bundle, plan.sizes, folder / "mix.sqlite3")
    news = await run_broadcast(bundle, folder / "news", plan.subscribers, plan.speed)
    realtime = await run_broadcast(bundle, folder / "realtime", plan.realtime_subscribers, 1.0)
    reading = understanding.report(bundle)
    return Results(
        mode=plan.name, sizes=plan.sizes, machine=machine, startup=startup,
        startup_runs=plan.startup_runs, echo_startup=echo_startup, counts=counts, bot=bot,
        echo=echo, memory=memory, memory_updates=plan.memory_updates, news=news,
        realtime=realtime, reading=reading,
    )  # fmt: skip


def failures(results: Results) -> list[str]:
    """Checks that make the run's numbers meaningless if they fail."""
    found = []
    if results.bot.problems or results.echo.problems:
        found.append("updates logged warnings or errors: the error path was measured")
    for run in (results.news, results.realtime):
        if not run.exactly_once:
            found.append(f"broadcast to {run.subscribers}: not everyone got exactly one message")
        if run.problems:
            found.append(f"broadcast to {run.subscribers}: {run.problems} warnings or errors")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    plan = QUICK_PLAN if parser.parse_args(argv).quick else FULL_PLAN
    began = time.perf_counter()
    print(f"Running the {plan.name} benchmark...", file=sys.stderr)
    memory = measure_memory(plan)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        results = asyncio.run(measure_in_process(plan, Path(folder), memory, describe()))
    results.seconds = time.perf_counter() - began
    results.machine.append(f"Load average at the end (1, 5, 15 min): {load_average()}")
    results.failures = failures(results)
    print(render(results), end="")
    return 1 if results.failures else 0


if __name__ == "__main__":
    sys.exit(main())
