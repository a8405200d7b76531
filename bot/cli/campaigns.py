"""``python -m bot campaigns [--days N] [--format text|json|csv]``: how many people each
campaign's links brought, per day. Only the day, the tag and the count exist: no one is named."""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import json
import sys

from bot.cli.arguments import whole_number
from bot.cli.exit_codes import ExitCode
from bot.config import Config
from bot.storage import Storage, today

MAX_DAYS = 366


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("campaigns", help="people each campaign link brought, per day")
    parser.add_argument("--days", type=whole_number(1, MAX_DAYS), default=30,
                        help=f"how many days back, today included (1-{MAX_DAYS}; 30)")  # fmt: skip
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text")
    parser.set_defaults(run=run)


def run(config: Config, args: argparse.Namespace) -> int:
    since = today() - dt.timedelta(days=args.days - 1)
    if not config.database.exists():
        rows: list[tuple[str, str, int]] = []
        if args.format == "text":
            print(f"No campaign visits counted yet (no database at {config.database}).")
            return ExitCode.OK
    else:
        rows = asyncio.run(_read(config, since))
    if args.format == "json":
        report = {
            "since": since.isoformat(),
            "days": [{"day": day, "campaign": tag, "opened": n} for day, tag, n in rows],
            "totals": _totals(rows),
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(("day", "campaign", "opened"))
        writer.writerows(rows)
    else:
        print(_table(rows, since))
    return ExitCode.OK


async def _read(config: Config, since: dt.date) -> list[tuple[str, str, int]]:
    async with Storage(config.database) as storage:
        return await storage.counts.campaign_counts(since)


def _totals(rows: list[tuple[str, str, int]]) -> dict[str, int]:
    """Each campaign's visits in all, the most first."""
    totals: dict[str, int] = {}
    for _, campaign, opened in rows:
        totals[campaign] = totals.get(campaign, 0) + opened
    return dict(sorted(totals.items(), key=lambda item: -item[1]))


def _table(rows: list[tuple[str, str, int]], since: dt.date) -> str:
    """One line a day and campaign, then the totals; the tag column fits the longest tag."""
    width = max([len("campaign"), *(len(campaign) for _, campaign, _ in rows)])
    lines = [f"{'day':<10}  {'campaign':<{width}}  {'opened':>6}   (since {since})"]
    lines += [f"{day:<10}  {campaign:<{width}}  {opened:>6}" for day, campaign, opened in rows]
    lines += [f"{'total':<10}  {campaign:<{width}}  {total:>6}"
              for campaign, total in _totals(rows).items()]  # fmt: skip
    return "\n".join(lines)
