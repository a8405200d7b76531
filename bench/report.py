"""The benchmark's results as a Markdown report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bench.broadcast import NewsRun
from bench.measure import Sample, percentile
from bench.memory import PART
from bench.startup import Counts, StartTimes
from bench.throughput import Measured, Sizes
from bench.traffic import MIX

MIB = 1024 * 1024
LEGEND = {
    "/start": "/start", "/start link": "/start with a deep link", "/language": "/language",
    "question": "free text: a question", "country": "free text: a country's name",
    "inline": "an inline query", "p:": "tap: a page", "hl": "tap: hotlines by region",
    "hr:": "tap: a region", "hc:": "tap: a country's hotlines", "mc": "tap: my country",
    "mc:": "tap: set or forget my country", "sh:": "tap: share (link and QR code)",
    "ex": "tap: leave quickly", "fg": "tap: forget me", "lang": "tap: the language menu",
    "lang:": "tap: choose a language", "nw:": "tap: campaign news on or off",
    "sc:": "tap: the self-check (a question)", "sp": "tap: spoken messages, languages",
    "sp:": "tap: spoken messages in a language", "sv:": "tap: a spoken message (voice)",
}  # fmt: skip


@dataclass
class Results:
    """Everything one run measured."""

    mode: str
    sizes: Sizes
    machine: list[str]
    startup: StartTimes
    startup_runs: int
    echo_startup: float
    counts: Counts
    bot: Measured
    echo: Measured
    memory: dict[str, dict[str, float]]  # "bot", "echo", "bot traced", "echo traced"
    memory_updates: int
    news: NewsRun
    realtime: NewsRun
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    reading: list[str] = field(default_factory=list)  # bench/understanding.py's report


def render(results: Results) -> str:
    """The whole report."""
    parts = [
        _title(results), _headline(results), _startup(results), _latency(results),
        _labels(results.bot.samples), _memory(results), _news(results), _reading(results),
        _checks(results),
    ]  # fmt: skip
    return "\n\n".join(parts) + "\n"


def _title(results: Results) -> str:
    machine = "\n".join(f"- {line}" for line in results.machine)
    return f"# Benchmark results ({results.mode} run, {results.seconds:.0f} s)\n\n{machine}"


def _headline(results: Results) -> str:
    bot, echo = results.bot, results.echo
    rows = [
        ("Updates/s, in bursts of " + str(results.sizes.batch), bot.burst.per_second,
         echo.burst.per_second, "{:,.0f}"),
        ("Updates/s, one at a time", bot.one.per_second, echo.one.per_second, "{:,.0f}"),
        ("CPU ms per update, one at a time", bot.one.cpu_ms_per_update,
         echo.one.cpu_ms_per_update, "{:.3f}"),
        ("CPU ms per update, in bursts", bot.burst.cpu_ms_per_update,
         echo.burst.cpu_ms_per_update, "{:.3f}"),
        ("Latency p50, ms", _ms(bot.samples, 50), _ms(echo.samples, 50), "{:.2f}"),
        ("Latency p99, ms", _ms(bot.samples, 99), _ms(echo.samples, 99), "{:.2f}"),
        ("Bot API calls per update", bot.calls_per_update, echo.calls_per_update, "{:.2f}"),
        ("Start-up, s (median of in-process runs)", results.startup.total,
         results.echo_startup, "{:.3f}"),
        ("Peak RSS, MiB (own process)", results.memory["bot"]["rss_peak"] / MIB,
         results.memory["echo"]["rss_peak"] / MIB, "{:.1f}"),
    ]  # fmt: skip
    if "bot traced" in results.memory:
        rows.append(("tracemalloc peak, MiB", results.memory["bot traced"]["traced_peak"] / MIB,
                     results.memory["echo traced"]["traced_peak"] / MIB, "{:.1f}"))  # fmt: skip
    lines = [
        "## Headline: the bot against a bare python-telegram-bot echo bot",
        "",
        "| | bot | echo | bot / echo |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, mine, theirs, form in rows:
        lines.append(f"| {name} | {form.format(mine)} | {form.format(theirs)} | "
                     f"{_ratio(mine, theirs)} |")  # fmt: skip
    return "\n".join(lines)


def _startup(results: Results) -> str:
    times, counts, bot = results.startup, results.counts, results.memory["bot"]
    return "\n".join([
        "## Start-up",
        "",
        f"Content: {counts.pages} pages, {counts.languages} languages, "
        f"{counts.countries} countries in {counts.regions} regions; every page and directory "
        "screen rendered and checked in every language.",
        "",
        "| step | seconds |",
        "| --- | ---: |",
        f"| load_bundle (load and validate all content) | {times.load:.3f} |",
        f"| build_application | {times.build:.3f} |",
        f"| initialize + post_init (database, getMe, command menus) | {times.start:.3f} |",
        f"| total, median of {results.startup_runs} runs in this process | {times.total:.3f} |",
        f"| load_bundle, first in a fresh process | {bot['load_seconds']:.3f} |",
        f"| load + build + start, first in a fresh process | {bot['start_seconds']:.3f} |",
        f"| echo bot: build + initialize | {results.echo_startup:.4f} |",
    ])  # fmt: skip


def _latency(results: Results) -> str:
    bot, echo = _by(results.bot.samples, "kind"), _by(results.echo.samples, "kind")
    lines = [
        f"## Latency by kind of update, one at a time ({len(results.bot.samples):,} updates)",
        "",
        "| kind | share | updates | bot p50 ms | bot p99 ms | echo p50 ms | echo p99 ms "
        "| p50 bot / echo |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in [*MIX, "all"]:
        mine = bot.get(kind, []) if kind != "all" else _seconds(results.bot.samples)
        theirs = echo.get(kind, []) if kind != "all" else _seconds(results.echo.samples)
        if not mine or not theirs:
            continue
        share = f"{MIX[kind]}%" if kind in MIX else ""
        ratio = _ratio(_p(mine, 50), _p(theirs, 50))
        lines.append(
            f"| {kind} | {share} | {len(mine):,} | {_p(mine, 50):.2f} | {_p(mine, 99):.2f} | "
            f"{_p(theirs, 50):.3f} | {_p(theirs, 99):.3f} | {ratio} |"
        )
    lines += ["", "Full garbage collections (oldest generation) during these updates: "
              f"bot {_collections(results.bot)}; echo {_collections(results.echo)}."]  # fmt: skip
    return "\n".join(lines)


def _collections(measured: Measured) -> str:
    durations = measured.full_collections
    if not durations:
        return "none"
    return (f"{len(durations)}, longest {1000 * max(durations):.0f} ms, "
            f"{1000 * sum(durations):.0f} ms in all")  # fmt: skip


def _labels(samples: list[Sample]) -> str:
    groups = _by(samples, "label")
    lines = [
        "## The bot's latency by what was sent or tapped (one at a time)",
        "",
        "Taps are named by their button's data up to the first colon (bot/callbacks.py).",
        "",
        "| sent | what | updates | p50 ms | p99 ms | max ms |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for label, seconds in sorted(groups.items(), key=lambda item: -len(item[1])):
        what = LEGEND.get(label, "tap: see bot/callbacks.py")
        lines.append(f"| `{label}` | {what} | {len(seconds):,} | {_p(seconds, 50):.2f} | "
                     f"{_p(seconds, 99):.2f} | {1000 * max(seconds):.2f} |")  # fmt: skip
    return "\n".join(lines)


def _memory(results: Results) -> str:
    memory = results.memory
    lines = [
        "## Memory (each application alone in a fresh process)",
        "",
        f"Start, then {results.memory_updates:,} updates of the mix one at a time.",
        "",
        "| | bot | echo | bot / echo |",
        "| --- | ---: | ---: | ---: |",
        _mib_row("RSS after importing python-telegram-bot", memory, "rss_after_imports"),
        _mib_row("Peak RSS", memory, "rss_peak"),
        f"| Peak RSS after one shared location too | "
        f"{memory['bot']['rss_after_location'] / MIB:.1f} | | |",
        f"| That first shared location, seconds | {memory['bot']['location_seconds']:.2f} | | |",
    ]
    if "bot traced" in memory:
        traced = {"bot": memory["bot traced"], "echo": memory["echo traced"]}
        lines += [
            _mib_row("tracemalloc peak (start + updates)", traced, "traced_peak"),
            _mib_row(
                "Python memory held after the updates (tracemalloc)", traced, "retained_bytes"
            ),
            f"| The content once loaded (tracemalloc, load_bundle) | "
            f"{traced['bot']['bundle_bytes'] / MIB:.1f} | | |",
            *(f"| … of which allocated in `{key.removeprefix(PART)}` | {size / MIB:.1f} | | |"
              for key, size in traced["bot"].items() if key.startswith(PART)),
        ]  # fmt: skip
    else:
        lines.append("\ntracemalloc not measured in a quick run.")
    return "\n".join(lines)


def _news(results: Results) -> str:
    lines = [
        "## Campaign news against a fake enforcing 30 messages a second",
        "",
        "| | fast clock | real time |",
        "| --- | ---: | ---: |",
    ]
    rows: list[tuple[str, str, Callable[[NewsRun], object]]] = [
        ("Subscribers", "{:,}", lambda run: run.subscribers),
        ("Clock speed (clock seconds per wall second)", "{:g}", lambda run: run.speed),
        ("Configured pace, messages per clock second", "{:g}", lambda run: run.rate),
        ("Achieved, messages per clock second", "{:.2f}", lambda run: run.achieved_rate),
        ("Clock seconds, Send tapped to done", "{:,.1f}", lambda run: run.clock_seconds),
        ("Wall seconds", "{:.1f}", lambda run: run.wall_seconds),
        ("Wall ms per message", "{:.2f}", lambda run: run.wall_ms_per_message),
        ("Most messages in one clock second (limit 30)", "{}", lambda run: run.busiest_second),
        ("429 answers", "{}", lambda run: run.refused),
        ("Sent / blocked / failed", "{}",
         lambda run: f"{run.news.sent} / {run.news.blocked} / {run.news.failed}"),
        ("Every subscriber got exactly one", "{}",
         lambda run: "yes" if run.exactly_once else "**no**"),
    ]  # fmt: skip
    for name, form, value in rows:
        lines.append(f"| {name} | {form.format(value(results.news))} | "
                     f"{form.format(value(results.realtime))} |")  # fmt: skip
    lines += [
        "",
        "On the fast clock every wall-clock millisecond the bot spends on a message counts "
        f"{results.news.speed:g} times, so its achieved rate there is bounded by that cost, "
        "not by its pacing; the real-time column shows the pacing itself.",
    ]
    return "\n".join(lines)


def _reading(results: Results) -> str:
    return "\n".join(["## Reading what people write", "", *results.reading])


def _checks(results: Results) -> str:
    problems = results.bot.problems + results.echo.problems
    first = "".join(f"\n  - {text}" for text in results.bot.first_problems)
    lines = [
        "## Checks",
        "",
        f"- Warnings and errors logged while handling the mix: {problems}{first}",
        f"- Warnings and errors logged during the broadcasts: "
        f"{results.news.problems + results.realtime.problems}",
    ]
    lines += [f"- **FAILED**: {failure}" for failure in results.failures]
    return "\n".join(lines)


# -- helpers ---------------------------------------------------------------------------------
def _by(samples: Iterable[Sample], attribute: str) -> dict[str, list[float]]:
    groups: dict[str, list[float]] = {}
    for sample in samples:
        groups.setdefault(getattr(sample, attribute), []).append(sample.seconds)
    return groups


def _seconds(samples: Iterable[Sample]) -> list[float]:
    return [sample.seconds for sample in samples]


def _p(seconds: list[float], percent: float) -> float:
    """A percentile in milliseconds."""
    return 1000 * percentile(seconds, percent)


def _ms(samples: list[Sample], percent: float) -> float:
    return _p(_seconds(samples), percent)


def _ratio(mine: float, theirs: float) -> str:
    if not theirs:
        return ""
    ratio = mine / theirs
    return f"{ratio:.3f}×" if ratio < 0.1 else f"{ratio:.2f}×" if ratio < 10 else f"{ratio:.0f}×"


def _mib_row(name: str, memory: dict[str, dict[str, float]], key: str) -> str:
    mine, theirs = memory["bot"][key] / MIB, memory["echo"][key] / MIB
    return f"| {name} | {mine:.1f} | {theirs:.1f} | {_ratio(mine, theirs)} |"
