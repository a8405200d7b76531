"""What every command group shares: the error a command stops with, a parser that says a
usage error in one line, and the checks of what people type (codes in any case, numbers
within range, file types), each refusing in one line that says what would be accepted."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from bot.cli.exit_codes import ExitCode


class CommandError(Exception):
    """A one-line reason a command cannot run (``error: ...``); ``code`` is the exit code."""

    def __init__(self, message: str, code: int = ExitCode.FAILURE) -> None:
        super().__init__(message)
        self.code = code


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line (and exit code 2) instead of the usage."""

    def error(self, message: str) -> NoReturn:
        raise CommandError(f"error: {message} (see `{self.prog} --help`)", ExitCode.BAD_INPUT)


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type``: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"must be a whole number from {low} to {high}, not {text!r}"
            )
        return value

    return parse


def seconds(high: float) -> Callable[[str], float]:
    """An argparse ``type``: a number of seconds above 0, at most ``high``."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = 0.0
        if not 0 < value <= high:  # also refuses nan
            raise argparse.ArgumentTypeError(
                f"must be a number of seconds above 0 and at most {high:g}, not {text!r}"
            )
        return value

    return parse


def choice(
    given: str, known: Sequence[str], what: str, code: int = ExitCode.BAD_INPUT, hint: str = ""
) -> str:
    """``given`` in lower case when it is one of ``known``, else a :class:`CommandError`."""
    value = given.strip().lower()
    if value not in known:
        raise CommandError(
            f"error: unknown {what} {given!r}: choose one of {', '.join(known)}{hint}", code
        )
    return value


def file_type(path: Path, suffixes: Sequence[str], code: int = ExitCode.BAD_INPUT) -> str:
    """The file's suffix in lower case, when it is one of ``suffixes``."""
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        names = f"{', '.join(suffixes[:-1])} or {suffixes[-1]}" if suffixes[1:] else suffixes[0]
        raise CommandError(f"error: {path} must end in {names}", code)
    return suffix


def check_default_language(default_language: str, languages: Sequence[str]) -> None:
    """BOT_DEFAULT_LANGUAGE must be a language the content has (config.py cannot know it)."""
    if default_language not in languages:
        raise CommandError(
            f"error: BOT_DEFAULT_LANGUAGE is {default_language!r}, a language the content "
            f"does not have: set it to one of {', '.join(languages)}",
            ExitCode.BAD_INPUT,
        )
