"""How well the bot reads what people write: the evaluation sets in ``tests/evaluation/``
(messages as people type them, each with the answers that are right), scored per
language and per kind, and how long reading takes. ``messages.yaml`` was written first and
the word lists were tuned on it; ``second.yaml`` was written afterwards by someone who saw
neither, and scored 195/210 (93%) before anything was changed for it.

`make test` holds the score to its thresholds (``tests/test_understanding.py``); `make
bench` prints the table (and BENCHMARKS.md keeps it). A message is answered rightly when
its outcome (:attr:`bot.features.reading.reading.Understood.outcome`) is one of its right
answers; for a question, when the first page found is one of its right pages.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from bot.features.reading.reading import understand

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

SETS = Path(__file__).resolve().parent.parent / "tests" / "evaluation"
MESSAGES = SETS / "messages.yaml"
SECOND = SETS / "second.yaml"
KINDS = ("danger", "situation", "country", "question", "noise")


@dataclass(frozen=True)
class Case:
    language: str
    text: str
    kind: str
    right: tuple[str, ...]


@dataclass(frozen=True)
class Answered:
    case: Case
    outcome: str
    seconds: float

    @property
    def right(self) -> bool:
        return self.outcome in self.case.right


def load_cases(path: Path = MESSAGES) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Case(language, str(entry["text"]), entry["kind"], tuple(entry["right"]))
            for language, entries in data.items() for entry in entries]  # fmt: skip


def evaluate(bundle: Bundle, cases: Iterable[Case]) -> list[Answered]:
    """Each case read as the bot reads it, timed."""
    answered = []
    for case in cases:
        start = time.perf_counter()
        outcome = understand(bundle, case.text, case.language).outcome
        answered.append(Answered(case, outcome, time.perf_counter() - start))
    return answered


def scores(answered: Iterable[Answered]) -> Mapping[tuple[str, str], tuple[int, int]]:
    """(language or "all", kind or "all") -> (right, total)."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for one in answered:
        for key in ((one.case.language, one.case.kind), (one.case.language, "all"),
                    ("all", one.case.kind), ("all", "all")):  # fmt: skip
            counts[key][0] += one.right
            counts[key][1] += 1
    return {key: (right, total) for key, (right, total) in counts.items()}


def table(answered: list[Answered]) -> list[str]:
    """The score as a Markdown table: a row per language, a column per kind."""
    found = scores(answered)
    languages = list(dict.fromkeys(one.case.language for one in answered))
    lines = ["| language | " + " | ".join(KINDS) + " | all |",
             "|---" * (len(KINDS) + 2) + "|"]  # fmt: skip
    for language in (*languages, "all"):
        cells = []
        for kind in (*KINDS, "all"):
            right, total = found.get((language, kind), (0, 0))
            cells.append(f"{right}/{total} ({100 * right / total:.0f}%)" if total else "–")
        lines.append(f"| {language} | " + " | ".join(cells) + " |")
    return lines


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(bundle: Bundle, paths: Iterable[Path] = (MESSAGES, SECOND)) -> list[str]:
    """A table per set, and the time per message (each read once more after a warm-up, as
    the bot reads messages once its tools are loaded)."""
    lines, times = [], []
    for path in paths:
        cases = load_cases(path)
        evaluate(bundle, cases)  # loads the stemmers, the lemmatizer and the segmenter
        answered = evaluate(bundle, cases)
        times += [one.seconds * 1000 for one in answered]
        lines += [f"`tests/evaluation/{path.name}`: {len(cases)} messages, answered rightly:",
                  "", *table(answered), ""]  # fmt: skip
    return [*lines, f"Time to read one message: median {percentile(times, 0.5):.2f} ms, "
            f"p99 {percentile(times, 0.99):.2f} ms, slowest {max(times):.2f} ms."]  # fmt: skip
