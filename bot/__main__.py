"""The command line: ``python -m bot run | console | validate | hotlines | translations |
audio | check-links | links | qr | leaflet``.

Exit codes: 0 success; 1 content errors (or a failure while running, or broken links);
2 configuration errors (a missing or malformed token, or one Telegram rejects); 3 no
network for ``check-links``; 4 another instance is getting the bot's updates (409).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import sys
from collections.abc import Sequence

from bot import audio_cli, share_cli, translations_cli
from bot.bundle import check_bundle, load_bundle
from bot.config import Config, ConfigError
from bot.coverage import Coverage, coverage
from bot.hotlines import directory_entry
from bot.sources import ContentError, Problem, display_path, errors
from bot.storage import Storage, today

EXIT_OK, EXIT_ERROR, EXIT_CONFIG = 0, 1, 2
log = logging.getLogger("bot")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="serve users in Telegram (long polling or a webhook)")
    run.add_argument("--webhook", action="store_true",
                     help="receive updates at BOT_WEBHOOK_URL, listening on PORT")  # fmt: skip
    commands.add_parser("console", help="chat with the bot in this terminal, no token needed")
    validate = commands.add_parser("validate", help="check content and locales")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.add_argument("--strict", action="store_true", help="warnings fail too (for CI)")
    hotlines = commands.add_parser("hotlines", help="print the hotline directory for reuse")
    hotlines.add_argument("--format", choices=("text", "json"), default="text")
    translations_cli.add_parser(commands)
    audio_cli.add_parser(commands)
    share_cli.add_parsers(commands)
    campaigns = commands.add_parser("campaigns", help="people each campaign link brought, per day")
    campaigns.add_argument("--days", type=int, default=30, help="how many days back (30)")
    check_links = commands.add_parser("check-links", help="check every web link in the content")
    check_links.add_argument("--format", choices=("text", "json"), default="text")
    check_links.add_argument("--concurrency", type=int, default=8, help="requests at a time")
    check_links.add_argument("--timeout", type=float, default=10.0, help="seconds a request")
    args = parser.parse_args(argv)
    try:
        config = Config.from_env()
        if args.command == "validate":
            return validate_command(config, args.format, args.strict)
        if args.command == "translations":
            return translations_cli.run(config, args)
        if args.command == "audio":
            return audio_cli.run(config, args)
        if args.command == "campaigns":
            return campaigns_command(config, args.days)
        if args.command in share_cli.COMMANDS:
            return share_cli.run(config, args)
        if args.command == "console":
            return console_command(config)
        if args.command == "hotlines":
            return hotlines_command(config, args.format)
        if args.command == "check-links":
            from bot.links import check_links_command

            return check_links_command(config, args.format, args.concurrency, args.timeout)
        from bot.runner import serve

        return serve(config, webhook=args.webhook)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except ContentError as exc:
        print(f"The content has {len(exc.problems)} problem(s) to fix:", file=sys.stderr)
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR


def validate_command(config: Config, output_format: str, strict: bool = False) -> int:
    """Exit 0 when the content can be served; 1 with errors (or, with --strict, warnings)."""
    bundle, problems = check_bundle(config.content_dir, config.locales_dir)
    covered = coverage(bundle) if bundle else {}
    problems += stale_warnings(covered, config)
    found = errors(problems)
    failed = bundle is None or (strict and bool(problems))
    if output_format == "json":
        report = {
            "valid": not failed,
            "errors": [_as_dict(problem) for problem in found],
            "warnings": [_as_dict(problem) for problem in problems if problem not in found],
            "pages": len(bundle.content.pages) if bundle else 0,
            "countries": len(bundle.directory.countries) if bundle else 0,
            "languages": list(bundle.languages) if bundle else [],
            "coverage": {language: item.as_dict() for language, item in covered.items()},
            "spoken_unreviewed": bundle.spoken.unreviewed() if bundle else [],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_ERROR if failed else EXIT_OK
    for problem in problems:
        print(problem)
    if bundle is None:
        print(f"{len(found)} error(s): the content cannot be served until they are fixed.")
        return EXIT_ERROR
    print(translations_cli.coverage_table(covered))
    if unreviewed := bundle.spoken.unreviewed():
        count = len(bundle.spoken.languages)
        print(f"Spoken messages in {count} languages; not yet reviewed by a native speaker: "
              f"{', '.join(unreviewed)} (python -m bot audio status).")  # fmt: skip
    verdict = "FAILED (--strict: warnings count)" if failed else "OK"
    print(f"{verdict}: {len(bundle.content.pages)} pages and {len(bundle.directory.countries)} "
          f"countries in {len(bundle.languages)} languages ({', '.join(bundle.languages)}); "
          f"{len(problems)} warning(s).")  # fmt: skip
    return EXIT_ERROR if failed else EXIT_OK


def campaigns_command(config: Config, days: int) -> int:
    """How many people each campaign's links brought, per day (no one is named)."""
    if not config.database.exists():
        print(f"No campaign visits counted yet (no database at {config.database}).")
        return EXIT_OK
    since = today() - dt.timedelta(days=max(days, 1) - 1)

    async def read() -> list[tuple[str, str, int]]:
        async with Storage(config.database) as storage:
            return await storage.campaign_counts(since)

    rows = asyncio.run(read())
    print(f"day         campaign                          opened   (since {since})")
    for day, campaign, opened in rows:
        print(f"{day}  {campaign:<32}  {opened:>6}")
    totals: dict[str, int] = {}
    for _, campaign, opened in rows:
        totals[campaign] = totals.get(campaign, 0) + opened
    for campaign, total in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"total       {campaign:<32}  {total:>6}")
    return EXIT_OK


def hotlines_command(config: Config, output_format: str) -> int:
    bundle = load_bundle(config.content_dir, config.locales_dir)
    countries = [directory_entry(country) for country in bundle.directory.countries.values()]
    countries.sort(key=lambda entry: str(entry["code"]))
    if output_format == "json":
        print(json.dumps({"countries": countries}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for entry in countries:
        emergency = entry["emergency"]
        print(f"{entry['code']}  {entry['name']}: emergency {', '.join(emergency['numbers'])}")
        for hotline in entry["hotlines"]:
            print(f"    {hotline['kind']}: {hotline['name']}: {', '.join(hotline['phones'])}")
    return EXIT_OK


def stale_warnings(covered: dict[str, Coverage], config: Config) -> list[Problem]:
    """A warning per language whose translations no longer match the English."""
    return [
        Problem(display_path(config.content_dir / "translations" / f"{language}.yaml"), 0,
                f"{len(item.stale)} {language} translation(s) are stale (the English changed, "
                f"or nobody confirmed them): python -m bot translations export --lang {language}",
                "warning")
        for language, item in covered.items() if item.stale
    ]  # fmt: skip


def _as_dict(problem: object) -> dict[str, object]:
    return {key: getattr(problem, key) for key in ("file", "line", "message", "severity")}


def console_command(config: Config) -> int:
    from bot.console import NO_TOKEN_INTRO, run_console

    bundle = load_bundle(config.content_dir, config.locales_dir)
    intro = "" if config.token else NO_TOKEN_INTRO
    try:
        asyncio.run(run_console(bundle, config.default_language, sys.stdin, sys.stdout, intro,
                                config.bot_username))  # fmt: skip
    except KeyboardInterrupt:
        print()
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
