"""``python -m bot console``: the terminal chat (no token, no network, nothing stored)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.cli.arguments import check_default_language
from bot.cli.exit_codes import ExitCode
from bot.config import Config
from bot.content.bundle import load_bundle


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "console", help="chat with the bot in this terminal, no token needed"
    )
    parser.set_defaults(run=run)


def run(config: Config, args: argparse.Namespace) -> int:
    from bot.cli.console import NO_TOKEN_INTRO, run_console

    bundle = load_bundle(config.content_dir, config.locales_dir)
    check_default_language(config.default_language, bundle.languages)
    intro = "" if config.token else NO_TOKEN_INTRO
    try:
        asyncio.run(run_console(bundle, config.default_language, sys.stdin, sys.stdout, intro,
                                config.bot_username, config.staff_chat_id))  # fmt: skip
    except KeyboardInterrupt:
        print()
    return ExitCode.OK
