"""``python -m bot run [--webhook]``: serve users in Telegram, by long polling or a webhook."""

from __future__ import annotations

import argparse
import signal

from bot.cli.arguments import check_default_language
from bot.config import Config
from bot.content.bundle import load_bundle


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("run", help="serve users in Telegram (long polling or a webhook)")
    parser.add_argument("--webhook", action="store_true",
                        help="receive updates at BOT_WEBHOOK_URL, listening on PORT")  # fmt: skip
    parser.set_defaults(run=run)


def run(config: Config, args: argparse.Namespace) -> int:
    """Check the settings that need the content, then serve until stopped."""
    if hasattr(signal, "SIGHUP"):  # a reload asked for before the bot can reload: ignored
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    config.require_token()
    if args.webhook:
        config.require_webhook()
    bundle = load_bundle(config.content_dir, config.locales_dir)
    check_default_language(config.default_language, bundle.languages)
    from bot.telegram.runner import serve  # python-telegram-bot: only for this command

    try:
        return serve(config, bundle, webhook=args.webhook)
    finally:  # stopped cleanly: a second SIGTERM while Python exits must not kill it (-15)
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, signal.SIG_IGN)
