"""``python -m bot check-links``: check every web address in the content, print the broken
ones with the places that name them. The checking itself is :mod:`bot.content.links`."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.cli.arguments import seconds, whole_number
from bot.cli.exit_codes import ExitCode
from bot.config import Config
from bot.content.bundle import load_bundle

if TYPE_CHECKING:
    from bot.content.links import LinkResult

MAX_CONCURRENCY = 64  # requests at a time: the checker asks politely
MAX_TIMEOUT = 300.0  # seconds a request


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("check-links", help="check every web link in the content")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--concurrency", type=whole_number(1, MAX_CONCURRENCY), default=8,
                        help=f"requests at a time (1-{MAX_CONCURRENCY}; 8)")  # fmt: skip
    parser.add_argument("--timeout", type=seconds(MAX_TIMEOUT), default=10.0,
                        help=f"seconds a request (above 0, up to {MAX_TIMEOUT:g}; 10)")  # fmt: skip
    parser.set_defaults(run=run)


def run(config: Config, args: argparse.Namespace) -> int:
    return check_links_command(config, args.format, args.concurrency, args.timeout)


def check_links_command(
    config: Config, output_format: str, concurrency: int, timeout: float
) -> int:
    """Check every link; print the broken ones. Exit 0 all good, 1 broken, 3 no network."""
    from bot.content import links as checker  # httpx: only for this command

    bundle = load_bundle(config.content_dir, config.locales_dir)
    links = checker.collect_links(bundle)
    results = asyncio.run(checker.check_links(links, concurrency=concurrency, timeout=timeout))
    if checker.no_network(results):
        print(_no_network_message(results), file=sys.stderr)
        return ExitCode.NO_NETWORK
    broken = [result for result in results if not result.ok]
    if output_format == "json":
        report = {"checked": len(results), "broken": [result.as_dict() for result in broken]}
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(_text_report(results, broken))
    return ExitCode.FAILURE if broken else ExitCode.OK


def _no_network_message(results: Sequence[LinkResult]) -> str:
    return (
        f"error: could not reach any of the {len(results)} addresses (no network? first "
        f"error: {results[0].error}); run check-links where the internet is reachable"
    )


def _text_report(results: Sequence[LinkResult], broken: Sequence[LinkResult]) -> str:
    lines = []
    for result in broken:
        lines.append(f"BROKEN {result.link.url}: {result.error}")
        if result.final_url and result.final_url != result.link.url:
            lines.append(f"    (redirected to {result.final_url})")
        lines.extend(f"    {place}" for place in result.link.places)
    lines.append(f"{len(results)} links checked: {len(broken)} broken.")
    return "\n".join(lines)
