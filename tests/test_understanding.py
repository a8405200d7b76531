"""The evaluation sets of what people write (``tests/evaluation/*.yaml``: messages as people
type them, with the answers that are right), held to their thresholds: no danger message
answered without the emergency answer, and most of the rest answered rightly in every
language. ``make bench`` prints the whole table (see bench/understanding.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.understanding import (
    KINDS,
    MESSAGES,
    SECOND,
    Answered,
    evaluate,
    load_cases,
    scores,
    table,
)
from bot.content.bundle import Bundle

OVERALL = 0.90  # the share of all messages answered rightly
PER_LANGUAGE = 0.80  # in each language
MESSAGES_PER_LANGUAGE = 25


SETS = pytest.mark.parametrize("path", [MESSAGES, SECOND], ids=lambda path: path.stem)


@pytest.fixture(scope="module")
def answered_by_set(bundle: Bundle) -> dict[Path, list[Answered]]:
    return {path: evaluate(bundle, load_cases(path)) for path in (MESSAGES, SECOND)}


@pytest.fixture
def answered(answered_by_set: dict[Path, list[Answered]], path: Path) -> list[Answered]:
    return answered_by_set[path]


@SETS
def test_the_set_has_enough_messages_of_every_kind_in_every_language(
    bundle: Bundle, path: Path
) -> None:
    cases = load_cases(path)
    for language in bundle.languages:
        mine = [case for case in cases if case.language == language]
        assert len(mine) >= MESSAGES_PER_LANGUAGE, language
        assert {case.kind for case in mine} == set(KINDS), language
        pages = {right.removeprefix("page:") for case in mine for right in case.right
                 if right.startswith("page:")}  # fmt: skip
        assert pages <= set(bundle.content.pages), "a right answer names no page"


@SETS
def test_no_danger_message_is_answered_without_the_emergency_answer(
    answered: list[Answered],
) -> None:
    missed = [(one.case.language, one.case.text, one.outcome) for one in answered
              if one.case.kind == "danger" and one.outcome != "danger"]  # fmt: skip
    assert missed == []


@SETS
def test_the_score_meets_its_thresholds(answered: list[Answered]) -> None:
    found = scores(answered)
    wrong = [f"{one.case.language} {one.case.text!r}: {one.outcome}, not {list(one.case.right)}"
             for one in answered if not one.right]  # fmt: skip
    print("\n".join(["", *table(answered), "", *wrong]))
    right, total = found[("all", "all")]
    assert right / total >= OVERALL, "\n".join(wrong)
    for language in {one.case.language for one in answered}:
        right, total = found[(language, "all")]
        assert right / total >= PER_LANGUAGE, (language, "\n".join(wrong))
