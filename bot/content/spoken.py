"""Spoken messages for responders: short sentences in many languages, each made into a
voice message (see :mod:`bot.audio`), after the UNODC audio tool for victims (2009).

One YAML file per language in ``content/spoken/``: its espeak-ng voice, whether a native
speaker has reviewed it, and its texts; English (``en.yaml``) is the source and fixes the
messages and their order. Every language must have every message.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.model import SOURCE_LANGUAGE
from bot.content.names import language_name
from bot.content.sources import LocatedDict, Problem, display_path, load_yaml

MAX_TEXT = 300  # characters: a short spoken sentence, well under a voice caption's 1024
_CODE = r"[a-z]{2,3}"


@dataclass(frozen=True)
class SpokenLanguage:
    code: str
    voice: str  # espeak-ng's voice
    reviewed: bool
    texts: dict[str, str]

    @property
    def name(self) -> str:
        """The language's name in itself: Español, العربية, 中文."""
        return native_name(self.code)

    def key(self, message: str) -> str:
        """What an audio file is made of: a change to the text or voice makes a new one."""
        made_of = f"{self.voice}\n{self.texts[message]}".encode()
        return hashlib.sha256(made_of).hexdigest()[:16]


@dataclass(frozen=True)
class Spoken:
    messages: tuple[str, ...] = ()
    languages: dict[str, SpokenLanguage] = field(default_factory=dict)

    def get(self, code: str) -> SpokenLanguage | None:
        return self.languages.get(code)

    def unreviewed(self) -> list[str]:
        return sorted(code for code, language in self.languages.items() if not language.reviewed)


def native_name(code: str) -> str:
    return language_name(code, code, label=True)


def check_spoken(folder: Path) -> tuple[Spoken, list[Problem]]:
    """Load every language's file; the problems name the file and line to fix."""
    problems: list[Problem] = []
    source = folder / f"{SOURCE_LANGUAGE}.yaml"
    if not folder.is_dir():
        return Spoken(), []
    english, found = _language(source, None)
    problems += found
    if english is None:
        return Spoken(), problems
    messages = tuple(english.texts)
    languages = {SOURCE_LANGUAGE: english}
    for path in sorted(folder.glob("*.yaml")):
        if path == source:
            continue
        language, found = _language(path, messages)
        problems += found
        if language is not None:
            languages[language.code] = language
    return Spoken(messages, languages), problems


def _language(
    path: Path, messages: tuple[str, ...] | None
) -> tuple[SpokenLanguage | None, list[Problem]]:
    name = display_path(path)
    data, problems = load_yaml(path)
    if data is None:
        return None, problems
    code = path.stem
    if not re.fullmatch(_CODE, code):
        return None, [
            Problem(name, 0, f"name the file by its language code, e.g. fr.yaml, not {path.name}")
        ]
    if not isinstance(data, LocatedDict):
        return None, [Problem(name, 1, "expected `voice`, `reviewed` and `texts`")]
    for key in sorted(set(data) - {"voice", "reviewed", "texts"}):
        problems.append(
            Problem(
                name, data.line_of(key), f"unknown key `{key}`: expected voice, reviewed, texts"
            )
        )
    voice, reviewed, texts = data.get("voice"), data.get("reviewed"), data.get("texts")
    if not isinstance(voice, str) or not voice.strip():
        problems.append(
            Problem(
                name,
                data.line_of("voice"),
                "`voice` must name an espeak-ng voice (see `espeak-ng --voices`)",
            )
        )
    if not isinstance(reviewed, bool):
        problems.append(
            Problem(
                name,
                data.line_of("reviewed"),
                "`reviewed` must be true (a native speaker checked the texts) or false",
            )
        )
    if not isinstance(texts, LocatedDict) or not texts:
        problems.append(
            Problem(name, data.line_of("texts"), "`texts` must map each message to its text")
        )
        return None, problems
    expected = messages or tuple(texts)
    for message in expected:
        if message not in texts:
            problems.append(
                Problem(
                    name, texts.line, f"message `{message}` is missing: translate it from en.yaml"
                )
            )
    for message, text in texts.items():
        line = texts.line_of(message)
        if message not in expected:
            problems.append(
                Problem(
                    name, line, f"unknown message `{message}`: en.yaml has {', '.join(expected)}"
                )
            )
        elif not isinstance(text, str) or not text.strip():
            problems.append(Problem(name, line, f"message `{message}` is empty"))
        elif len(text) > MAX_TEXT:
            problems.append(
                Problem(
                    name,
                    line,
                    f"message `{message}` is {len(text)} characters; keep it under {MAX_TEXT}",
                )
            )
    if any(problem.severity == "error" for problem in problems):
        return None, problems
    ordered = {message: str(texts[message]).strip() for message in expected}
    return SpokenLanguage(code, str(voice).strip(), bool(reviewed), ordered), problems
