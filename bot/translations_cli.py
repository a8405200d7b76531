"""``python -m bot translations status | export | import | confirm``: the translators' commands."""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from bot.bundle import check_bundle, load_bundle
from bot.config import Config
from bot.content import SOURCE_LANGUAGE
from bot.coverage import Coverage, coverage, language_strings
from bot.sources import errors
from bot.translations import (
    ImportError_,
    apply_translations,
    read_translations,
    rows_to_translate,
    save_record,
    source_hash,
    write_rows,
)

EXIT_OK, EXIT_ERROR = 0, 1


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("translations", help="translation status, export and import")
    actions = parser.add_subparsers(dest="action", required=True)
    status = actions.add_parser("status", help="translated, missing and stale, per language")
    status.add_argument("--format", choices=("text", "json"), default="text")
    export = actions.add_parser("export", help="write missing and stale strings for translators")
    export.add_argument("--lang", required=True)
    export.add_argument("-o", "--output", type=Path, help="a .csv or .xlf file")
    export.add_argument("--all", action="store_true", help="current strings too")
    imported = actions.add_parser("import", help="write a translated file back into YAML")
    imported.add_argument("--lang", required=True)
    imported.add_argument("file", type=Path, help="the .csv or .xlf file from export")
    confirm = actions.add_parser("confirm", help="mark translations as made from today's English")
    confirm.add_argument("--lang", required=True)
    confirm.add_argument("--key", action="append", help="only these keys (repeatable)")


def run(config: Config, args: argparse.Namespace) -> int:
    if args.action == "status":
        return status(config, args.format)
    if args.lang == SOURCE_LANGUAGE or not args.lang.isalpha():
        print(f"error: --lang must be a translated language code, not {args.lang!r}")
        return EXIT_ERROR
    if args.action == "export":
        return export(config, args.lang, args.output, args.all)
    if args.action == "import":
        return import_(config, args.lang, args.file)
    return confirm(config, args.lang, args.key)


def status(config: Config, output_format: str) -> int:
    covered = coverage(load_bundle(config.content_dir, config.locales_dir))
    if output_format == "json":
        print(json.dumps({code: item.as_dict() for code, item in covered.items()}, indent=2))
    else:
        print(coverage_table(covered))
    return EXIT_OK


def coverage_table(covered: dict[str, Coverage]) -> str:
    lines = ["language  translated  missing  stale  coverage"]
    for language, item in covered.items():
        lines.append(f"{language:<8}  {item.translated:>10}  {len(item.missing):>7}  "
                     f"{len(item.stale):>5}  {item.percent:>7.1f}%")  # fmt: skip
    return "\n".join(lines)


def export(config: Config, language: str, output: Path | None, everything: bool) -> int:
    bundle = load_bundle(config.content_dir, config.locales_dir)
    english = language_strings(bundle, SOURCE_LANGUAGE)
    present = language_strings(bundle, language)
    rows = rows_to_translate(english, present, bundle.records.get(language, {}), everything)
    path = output or Path(f"translations-{language}.csv")
    write_rows(rows, language, path)
    counts = {kind: sum(row.status == kind for row in rows) for kind in ("missing", "stale")}
    print(f"{path}: {len(rows)} string(s) for {language} ({counts['missing']} missing, "
          f"{counts['stale']} stale). Fill in the translation column, then: "
          f"python -m bot translations import --lang {language} {path}")  # fmt: skip
    return EXIT_OK


def import_(config: Config, language: str, file: Path) -> int:
    """Write the translations, then validate everything; with errors, undo the writes."""
    try:
        translations = read_translations(file)
    except (ImportError_, OSError, UnicodeDecodeError) as exc:
        print(f"error: {exc}")
        return EXIT_ERROR
    before = load_bundle(config.content_dir, config.locales_dir)
    english = language_strings(before, SOURCE_LANGUAGE)
    unknown = sorted(key for key in translations if key not in english)
    if unknown:
        print(f"error: {file}: not strings of the current English: {', '.join(unknown[:5])}")
        return EXIT_ERROR
    outdated = sorted(
        key for key, row in translations.items()
        if row.english_hash and row.english_hash != source_hash(english[key])
    )  # fmt: skip
    for key in outdated:
        print(f"skipped {key}: its English changed after the export; export it again")
    texts = {key: row.text for key, row in translations.items() if key not in outdated}
    if not texts:
        print("Nothing to import.")
        return EXIT_ERROR if outdated else EXIT_OK
    with tempfile.TemporaryDirectory() as backup:
        saved = _back_up(config, language, Path(backup))
        changed = apply_translations(texts, language, config.content_dir,
                                     config.locales_dir)  # fmt: skip
        bundle, problems = check_bundle(config.content_dir, config.locales_dir)
        if bundle is None:
            _restore(saved)
            print("error: the import was undone; it would make the content invalid:")
            for problem in errors(problems):
                print(problem)
            return EXIT_ERROR
    record = dict(before.records.get(language, {}))
    record.update((key, source_hash(english[key])) for key in texts)
    save_record(config.content_dir, language, record)
    print(f"Imported {len(texts)} string(s) into {', '.join(map(str, changed))}.")
    return EXIT_ERROR if outdated else EXIT_OK


def confirm(config: Config, language: str, keys: list[str] | None) -> int:
    """Record that the language's translations match today's English (after hand edits)."""
    bundle = load_bundle(config.content_dir, config.locales_dir)
    english = language_strings(bundle, SOURCE_LANGUAGE)
    present = language_strings(bundle, language)
    chosen = keys or [key for key in english if key in present]
    unknown = [key for key in chosen if key not in english or key not in present]
    if unknown:
        print(f"error: no {language} translation for: {', '.join(unknown)}")
        return EXIT_ERROR
    record = dict(bundle.records.get(language, {}))
    record.update((key, source_hash(english[key])) for key in chosen)
    path = save_record(config.content_dir, language, record)
    print(f"{path}: {len(chosen)} {language} string(s) confirmed against the current English.")
    return EXIT_OK


def _back_up(config: Config, language: str, backup: Path) -> dict[Path, Path | None]:
    saved: dict[Path, Path | None] = {}
    for index, path in enumerate((config.content_dir / "text" / f"{language}.yaml",
                                  config.locales_dir / f"{language}.yaml")):  # fmt: skip
        if path.exists():
            copy = backup / f"{index}.yaml"
            shutil.copy2(path, copy)
            saved[path] = copy
        else:
            saved[path] = None
    return saved


def _restore(saved: dict[Path, Path | None]) -> None:
    for path, copy in saved.items():
        if copy is None:
            path.unlink(missing_ok=True)
        else:
            shutil.copy2(copy, path)
