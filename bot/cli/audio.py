"""``python -m bot audio build | status``: making the spoken messages' audio, and what is
made, missing and not yet reviewed by a native speaker.

``build --lang`` takes languages of the spoken messages in any case. Exit codes: 0 done;
1 content errors, or espeak-ng / opusenc missing or failing; 2 a language without spoken
messages.
"""

from __future__ import annotations

import argparse
import sys

from bot.cli.arguments import choice
from bot.cli.exit_codes import ExitCode
from bot.config import Config
from bot.content.sources import errors, loaded
from bot.content.spoken import Spoken, check_spoken, native_name
from bot.features.spoken.audio import AudioError, audio_file, build


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("audio", help="spoken messages: build the audio, or status")
    actions = parser.add_subparsers(dest="action", required=True)
    made = actions.add_parser("build", help="make the missing audio files (espeak-ng, opusenc)")
    made.add_argument("--lang", action="append", help="only this language (repeatable)")
    actions.add_parser("status", help="per language: voice, reviewed, audio made")
    parser.set_defaults(run=run)


def run(config: Config, args: argparse.Namespace) -> int:
    spoken, problems = check_spoken(config.content_dir / "spoken")
    if errors(problems):
        loaded(None, problems)  # raises ContentError: file, line, what to fix
    if args.action == "status":
        return status(config, spoken)
    known = sorted(spoken.languages)
    codes = None if args.lang is None else [
        choice(code, known, "spoken-message language") for code in args.lang
    ]  # fmt: skip
    try:
        report = build(spoken, config.audio_dir, codes)
    except AudioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.FAILURE
    print(f"{len(report.made)} made, {len(report.kept)} already there, "
          f"{len(report.removed)} stale removed, in {config.audio_dir}")  # fmt: skip
    return ExitCode.OK


def status(config: Config, spoken: Spoken) -> int:
    print(f"{'language':<24} {'voice':<16} {'reviewed':<9} audio")
    for code, language in sorted(spoken.languages.items()):
        made = sum(audio_file(config.audio_dir, language, m).exists() for m in spoken.messages)
        name = f"{code} {native_name(code)}"
        reviewed = "yes" if language.reviewed else "NO"
        print(f"{name:<24} {language.voice:<16} {reviewed:<9} {made}/{len(spoken.messages)}")
    unreviewed = spoken.unreviewed()
    print(f"{len(spoken.languages)} languages; {len(unreviewed)} not reviewed by a native "
          f"speaker: {', '.join(unreviewed) or 'none'}")  # fmt: skip
    return ExitCode.OK
