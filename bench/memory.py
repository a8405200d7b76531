"""Memory and a cold start, measured in a fresh process: ``python -m bench.memory APP``.

A process of its own, so that the peak resident set size belongs to one application and
nothing else: after the imports, then after starting it and handling a mix of updates one
at a time, and for the bot after one shared location too (its first use loads maps). With
``--trace``, ``tracemalloc`` also records what Python allocated: the size of the content
once loaded (the bundle) and the peak during the run. Tracing slows everything down and
costs memory itself, so the times and the resident size come from a run without it.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.echo import App, echo_application, start_app, stop_app
from bench.fake import LeanTelegram
from bench.measure import handle, one_at_a_time
from bench.traffic import SEED, Person, Traffic, deep_link_payloads, location

# The baseline shows no buttons and loads no content: fixed stand-ins for its mix.
ECHO_PAYLOADS = ("get_help-uk-UA", "es", "get_help-UA-_airport")
ECHO_LANGUAGE_TAPS = ["lang:en", "lang:fr"]
KYIV = (50.45, 30.52)
PART = "bundle_part:"  # a key of the result: the bytes of the bundle allocated there
ROOT = Path(__file__).resolve().parent.parent


def peak_rss_bytes() -> int:
    """The process's peak resident set size so far. On Linux from ``VmHWM``, which starts
    afresh at ``exec``; ``ru_maxrss`` would still count the parent's memory at ``fork``."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # macOS counts bytes, Linux KiB


def traced() -> int:
    """Bytes Python holds now, as tracemalloc counts them (0 when not tracing)."""
    gc.collect()
    return tracemalloc.get_traced_memory()[0] if tracemalloc.is_tracing() else 0


async def run(app: str, updates: int, people: int, folder: Path) -> dict[str, float]:
    """Start ``app`` ("bot" or "echo"), handle ``updates`` updates; what it cost."""
    result: dict[str, float] = {"rss_after_imports": peak_rss_bytes()}
    before = traced()
    began = time.perf_counter()
    telegram = LeanTelegram()
    if app == "bot":
        application, payloads = _bot(telegram, folder, result, before)
    else:
        application, payloads = echo_application(telegram), list(ECHO_PAYLOADS)
    await start_app(application)
    result["start_seconds"] = time.perf_counter() - began
    traffic = Traffic(telegram, people, SEED, payloads)
    await one_at_a_time(application, traffic.greetings())
    if app == "bot":
        traffic.learn_languages()
    else:
        traffic.language_taps = ECHO_LANGUAGE_TAPS
    await one_at_a_time(application, traffic.stream(updates))
    result["retained_bytes"] = traced() - before
    result["rss_peak"] = peak_rss_bytes()
    if tracemalloc.is_tracing():
        result["traced_peak"] = tracemalloc.get_traced_memory()[1]
    elif app == "bot":
        await _share_location(application, traffic.people[0], result)
    await stop_app(application)
    return result


async def _share_location(application: App, person: Person, result: dict[str, float]) -> None:
    """The first shared location loads the land mask and the place index: its latency,
    and the peak resident size after it."""
    began = time.perf_counter()
    await handle(application, location(person, KYIV))
    result["location_seconds"] = time.perf_counter() - began
    result["rss_after_location"] = peak_rss_bytes()


def _bot(
    telegram: LeanTelegram, folder: Path, result: dict[str, float], before: int
) -> tuple[App, list[str]]:
    """Load the content (noting its time and size in ``result``) and build the bot."""
    # Imported here: the baseline's process must not hold the bot's modules.
    from bench.botapp import CONTENT_DIR, LOCALES_DIR, bot_application, bot_config
    from bot.content.bundle import load_bundle

    first = tracemalloc.take_snapshot() if tracemalloc.is_tracing() else None
    began = time.perf_counter()
    bundle = load_bundle(CONTENT_DIR, LOCALES_DIR)
    result["load_seconds"] = time.perf_counter() - began
    result["bundle_bytes"] = traced() - before
    if first is not None:
        for where, size in largest_parts(first, tracemalloc.take_snapshot()):
            result[f"{PART}{where}"] = size
    config = bot_config(folder / "bot.sqlite3")
    return bot_application(config, bundle, telegram), deep_link_payloads(bundle, SEED)


def largest_parts(
    before: tracemalloc.Snapshot, after: tracemalloc.Snapshot, count: int = 4
) -> list[tuple[str, int]]:
    """Where the memory allocated between two snapshots (and still held) was allocated:
    the ``count`` largest parts, by installed package or by file of the project."""
    parts: dict[str, int] = {}
    for difference in after.compare_to(before, "filename"):
        where = origin(difference.traceback[0].filename)
        parts[where] = parts.get(where, 0) + difference.size_diff
    return sorted(parts.items(), key=lambda part: -part[1])[:count]


def origin(filename: str) -> str:
    """``babel`` for a file of the installed package babel, ``bot/search.py`` for a file
    of the project, ``Python`` for the standard library and the interpreter."""
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    path = Path(filename)
    if path.is_relative_to(ROOT):
        return path.relative_to(ROOT).as_posix()
    return "Python"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__)
    parser.add_argument("app", choices=("bot", "echo"))
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--trace", action="store_true", help="also trace Python allocations")
    args = parser.parse_args()
    if args.trace:
        tracemalloc.start()
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as folder:
        result = asyncio.run(run(args.app, args.updates, args.people, Path(folder)))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
