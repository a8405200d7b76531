"""The command line, ``python -m bot COMMAND`` (or ``antitrafficking-bot COMMAND``).

One module per group of commands, each with ``add_parser(commands)`` and ``run(config,
args)``:

    run.py           run [--webhook]: serve users in Telegram, by long polling or a webhook
    chat.py          console: the terminal chat (the bot itself, no token, no network)
    content.py       validate [--format text|json] [--strict]: check content and locales;
                     hotlines [--format text|json]: print the hotline directory
    translations.py  translations status|export|import|confirm: the translators' exchange
    audio.py         audio build [--lang xx]|status: the spoken messages' audio
    campaigns.py     campaigns [--days N] [--format text|json|csv]: visits per campaign tag
    links.py         check-links [--format] [--concurrency N] [--timeout S]: every web link
    share.py         links, qr, leaflet: deep links, QR codes, printable leaflets (HTML, PDF)

Exit codes (:mod:`bot.cli.exit_codes`), the same for every command:

    0  done (for run: stopped cleanly by SIGTERM or SIGINT)
    1  content errors, a failure while running, or broken links
    2  a configuration or usage error: a bad argument or setting (an unknown language, a
       number out of range, a file that does not exist), a missing or rejected token
    3  check-links could reach no address at all (no network)
    4  another instance is getting this bot's updates (Telegram's 409 Conflict)

An error is one line on stderr (``error: ...``), never a traceback; content errors are
listed one per line, with file and line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from bot.cli import audio, campaigns, chat, content, links, run, share, translations
from bot.cli.arguments import CommandError, Parser
from bot.cli.exit_codes import ExitCode, exit_codes_help
from bot.config import Config, ConfigError
from bot.content.sources import ContentError

GROUPS = (run, chat, content, translations, audio, campaigns, links, share)
DESCRIPTION = """\
Blue Heart Helper, a Telegram bot against human trafficking: serve it in Telegram, try it
in the terminal, check its content and links, and make the links, QR codes and leaflets
that share it. `python -m bot COMMAND --help` tells more about a command."""


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, run the command; returns the process's exit code."""
    try:
        args = parser().parse_args(argv)
        return args.run(Config.from_env(), args)
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return exc.code
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except ContentError as exc:
        print(f"The content has {len(exc.problems)} problem(s) to fix:", file=sys.stderr)
        print(str(exc), file=sys.stderr)
        return ExitCode.FAILURE


def parser() -> argparse.ArgumentParser:
    """Every group's commands, with the exit codes under ``--help``."""
    top = Parser(prog="python -m bot", description=DESCRIPTION, epilog=exit_codes_help(),
                 formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in GROUPS:
        group.add_parser(commands)
    return top
