"""``python -m bot validate | hotlines``: check the content, and print the hotline directory."""

from __future__ import annotations

import argparse
import json

from bot.cli.exit_codes import ExitCode
from bot.cli.translations import coverage_table
from bot.config import Config
from bot.content.bundle import check_bundle, load_bundle
from bot.content.coverage import Coverage, coverage
from bot.content.directory import Reach, directory_entry
from bot.content.sources import Problem, display_path, errors


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    validate = commands.add_parser("validate", help="check content and locales")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.add_argument("--strict", action="store_true", help="warnings fail too (for CI)")
    validate.set_defaults(run=run)
    hotlines = commands.add_parser("hotlines", help="print the hotline directory for reuse")
    hotlines.add_argument("--format", choices=("text", "json"), default="text")
    hotlines.set_defaults(run=run)


def run(config: Config, args: argparse.Namespace) -> int:
    if args.command == "validate":
        return validate_command(config, args.format, args.strict)
    return hotlines_command(config, args.format)


def validate_command(config: Config, output_format: str, strict: bool = False) -> int:
    """Exit 0 when the content can be served; 1 with errors (or, with --strict, warnings)."""
    bundle, problems = check_bundle(config.content_dir, config.locales_dir)
    covered = coverage(bundle) if bundle else {}
    problems += stale_warnings(covered, config)
    found = errors(problems)
    failed = bundle is None or (strict and bool(problems))
    verdict = ExitCode.FAILURE if failed else ExitCode.OK
    if output_format == "json":
        report = {
            "valid": not failed,
            "errors": [_as_dict(problem) for problem in found],
            "warnings": [_as_dict(problem) for problem in problems if problem not in found],
            "pages": len(bundle.content.pages) if bundle else 0,
            "countries": len(bundle.directory.countries) if bundle else 0,
            "directory": bundle.directory.reach().as_dict() if bundle else None,
            "languages": list(bundle.languages) if bundle else [],
            "coverage": {language: item.as_dict() for language, item in covered.items()},
            "spoken_unreviewed": bundle.spoken.unreviewed() if bundle else [],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return verdict
    for problem in problems:
        print(problem)
    if bundle is None:
        print(f"{len(found)} error(s): the content cannot be served until they are fixed.")
        return verdict
    print(coverage_table(covered))
    print(reach_line(bundle.directory.reach()))
    if unreviewed := bundle.spoken.unreviewed():
        count = len(bundle.spoken.languages)
        print(f"Spoken messages in {count} languages; not yet reviewed by a native speaker: "
              f"{', '.join(unreviewed)} (python -m bot audio status).")  # fmt: skip
    summary = "FAILED (--strict: warnings count)" if failed else "OK"
    print(f"{summary}: {len(bundle.content.pages)} pages and {len(bundle.directory.countries)} "
          f"countries in {len(bundle.languages)} languages ({', '.join(bundle.languages)}); "
          f"{len(problems)} warning(s).")  # fmt: skip
    return verdict


def hotlines_command(config: Config, output_format: str) -> int:
    bundle = load_bundle(config.content_dir, config.locales_dir)
    countries = [directory_entry(country) for country in bundle.directory.countries.values()]
    countries.sort(key=lambda entry: str(entry["code"]))
    if output_format == "json":
        print(json.dumps({"countries": countries}, ensure_ascii=False, indent=2))
        return ExitCode.OK
    for entry in countries:
        emergency = entry["emergency"]
        labelled = [", ".join(emergency["numbers"])] if emergency["numbers"] else []
        labelled += [f"{key} {emergency[key]}" for key in ("police", "ambulance", "fire")
                     if emergency.get(key)]  # fmt: skip
        print(f"{entry['code']}  {entry['name']}: emergency {' · '.join(labelled)}")
        print(f"    {_cited(emergency)}")
        if entry["telegram_blocked"]:
            print(f"    Telegram blocked: {_cited(entry['telegram_blocked'])}")
        for hotline in entry["hotlines"]:
            english = f" ({hotline['names']['en']})" if "en" in hotline["names"] else ""
            area = f" [{hotline['area']['en']}]" if hotline["area"] else ""
            print(f"    {hotline['kind']}: {hotline['name']}{english}{area}: "
                  f"{', '.join(hotline['phones'])}")  # fmt: skip
            print(f"        {_cited(hotline)}")
    return ExitCode.OK


def reach_line(reach: Reach) -> str:
    """ "Directory: 245 of 248 countries and territories listed, 91 with a helpline, ..."."""
    line = (f"Directory: {reach.listed} of {reach.places} countries and territories listed, "
            f"{reach.with_lines} with a helpline, {reach.with_trafficking_line} with a "
            "trafficking line")  # fmt: skip
    return line + (f"; not listed: {', '.join(reach.missing)}." if reach.missing else ".")


def _cited(entry: dict[str, object]) -> str:
    """ "source: https://… (dated 2025-06-01, checked 2026-12-03)"."""
    dated = entry.get("dated") or "not recorded"
    return f"source: {entry['source']} (dated {dated}, checked {entry['checked']})"


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
