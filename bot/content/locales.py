"""Interface wording per language, after Hugo's i18n files.

``locales/en.yaml`` defines the one key set: every key a feature's code asks for (each
feature names its keys, see :mod:`bot.features.registry`). Every other
``locales/<lang>.yaml`` translates some or all of those keys; a missing key falls back to
English at run time and is reported by the validator. A key English does not have is an
error (usually a typo), and so is a translation whose ``{placeholders}`` differ from the
English ones.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.content.model import LANGUAGE_FILE_PATTERN, SOURCE_LANGUAGE
from bot.content.sources import LocatedDict, Problem, display_path, errors, load_yaml, loaded


@dataclass(frozen=True)
class Locales:
    """Wording by language and key; English is the fallback for every key."""

    strings: Mapping[str, Mapping[str, str]]  # language -> key -> text
    missing: Mapping[str, frozenset[str]]  # language -> keys that fall back to English

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages the bot offers, English first, then by code."""
        return (SOURCE_LANGUAGE, *sorted(lang for lang in self.strings if lang != SOURCE_LANGUAGE))

    def has(self, language: str) -> bool:
        return language in self.strings

    def get(self, language: str, key: str, /, **values: object) -> str:
        """The wording for ``key`` in ``language`` (English when not translated)."""
        text = self.strings.get(language, {}).get(key)
        if text is None:
            text = self.strings[SOURCE_LANGUAGE][key]
        return text.format(**values) if values else text

    def name(self, language: str) -> str:
        """The language's name in that language, e.g. ``Español``."""
        return self.get(language, "language_name")

    def is_rtl(self, language: str) -> bool:
        return self.get(language, "text_direction") == "rtl"

    def resolve(self, saved: str | None, telegram_code: str | None, default: str) -> str:
        """The user's language: saved choice, else Telegram's, else the default."""
        if saved and self.has(saved):
            return saved
        primary = (telegram_code or "").split("-")[0].split("_")[0].lower()
        if primary and self.has(primary):
            return primary
        return default if self.has(default) else SOURCE_LANGUAGE


def load_locales(locales_dir: Path) -> Locales:
    """Load and validate every locale; raises :class:`ContentError` with every problem."""
    return loaded(*check_locales(locales_dir))


def check_locales(locales_dir: Path) -> tuple[Locales | None, list[Problem]]:
    problems: list[Problem] = []
    raw: dict[str, tuple[str, LocatedDict]] = {}
    for path in sorted(locales_dir.glob("*.yaml")) if locales_dir.is_dir() else []:
        name = display_path(path)
        if not LANGUAGE_FILE_PATTERN.match(path.stem):
            problems.append(Problem(name, 0, "name locale files by language code, e.g. es.yaml"))
            continue
        data, file_problems = load_yaml(path, name)
        problems += file_problems
        if isinstance(data, LocatedDict):
            raw[path.stem] = (name, data)
        elif data is not None:
            problems.append(Problem(name, 1, "expected `key: wording` lines"))
    if SOURCE_LANGUAGE not in raw:
        english = display_path(locales_dir / f"{SOURCE_LANGUAGE}.yaml")
        if not any(problem.file == english for problem in problems):  # else: unreadable
            problems.append(
                Problem(english, 0, "the English locale is missing; it defines every key")
            )
        return None, problems
    english_name, english = raw[SOURCE_LANGUAGE]
    problems += _check_english(english_name, english)
    strings: dict[str, dict[str, str]] = {}
    missing: dict[str, frozenset[str]] = {}
    for language, (name, data) in raw.items():
        strings[language], language_problems = _read_strings(name, data, english)
        problems += language_problems
        missing[language] = frozenset(english.keys() - strings[language].keys())
        if missing[language] and language != SOURCE_LANGUAGE:
            problems.append(
                Problem(
                    name,
                    0,
                    f"{len(missing[language])} key(s) not translated, English is "
                    f"shown instead: {', '.join(sorted(missing[language]))}",
                    "warning",
                )
            )
    if errors(problems):
        return None, problems
    return Locales(strings=strings, missing=missing), problems


def _check_english(name: str, english: LocatedDict) -> list[Problem]:
    from bot.features.registry import wording_keys  # each feature names the keys it needs

    required = wording_keys()
    missing = [
        Problem(name, 0, f"the key `{key}` is missing; the bot needs it")
        for key in sorted(required - english.keys())
    ]
    unused = [
        Problem(name, english.line_of(key), f"the bot never uses the key `{key}`: a typo, or "
                "a line of a text block that is not indented?", "warning")
        for key in sorted(english.keys() - required, key=str)
    ]  # fmt: skip
    return missing + unused


def _read_strings(
    name: str, data: LocatedDict, english: LocatedDict
) -> tuple[dict[str, str], list[Problem]]:
    problems: list[Problem] = []
    strings: dict[str, str] = {}
    for key, value in data.items():
        line = data.line_of(key)
        if key not in english:
            problems.append(
                Problem(
                    name,
                    line,
                    f"`{key}` is not a key of the English locale "
                    "(a typo?); add it to en.yaml first or remove it",
                )
            )
        elif not isinstance(value, str) or not value.strip():
            problems.append(Problem(name, line, f"`{key}` needs some wording"))
        elif (theirs := placeholders(value)) != (ours := placeholders(str(english[key]))):
            problems.append(
                Problem(
                    name,
                    line,
                    f"`{key}` must use the placeholders "
                    f"{sorted(ours) or 'none'} like English, not {sorted(theirs)}",
                )
            )
        else:
            strings[key] = value.strip()
    if data.get("text_direction", "ltr") not in ("ltr", "rtl"):
        problems.append(
            Problem(name, data.line_of("text_direction"), "`text_direction` must be ltr or rtl")
        )
    return strings, problems


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields in a wording."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field}
    except ValueError:
        return {"<unbalanced braces>"}
