"""``python -m bot translations status | export | import | confirm``: the translators' commands.

``--lang`` is accepted in any case. ``export`` and ``import`` take a language of the content,
or a new one by its ISO 639 code (how a language is added: CONTENT.md); ``confirm`` only a
language of the content. Exit codes: 0 done; 1 an import that cannot be made (a bad file,
strings whose English changed, a result that would not validate); 2 an unknown language,
the source language, a file that does not exist, or a file type other than .csv or .xlf.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from bot.cli.arguments import CommandError, choice, file_type
from bot.cli.exit_codes import ExitCode
from bot.config import Config
from bot.content.bundle import Bundle, check_bundle, load_bundle
from bot.content.coverage import Coverage, coverage, language_strings
from bot.content.model import SOURCE_LANGUAGE
from bot.content.names import english as cldr_english
from bot.content.sources import errors
from bot.content.translations import (
    ImportError_,
    apply_translations,
    read_translations,
    rows_to_translate,
    save_record,
    source_hash,
    write_rows,
)

FILE_TYPES = (".csv", ".xlf", ".xliff")


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
    parser.set_defaults(run=run)


def run(config: Config, args: argparse.Namespace) -> int:
    if args.action == "status":
        return status(config, args.format)
    bundle = load_bundle(config.content_dir, config.locales_dir)
    language = target_language(bundle, args.lang, new=args.action != "confirm")
    if args.action == "export":
        if args.output is not None:
            file_type(args.output, FILE_TYPES)
        return export(bundle, language, args.output, args.all)
    if args.action == "import":
        file_type(args.file, FILE_TYPES)
        if not args.file.is_file():
            raise CommandError(f"error: no such file: {args.file}", ExitCode.BAD_INPUT)
        return import_(config, bundle, language, args.file)
    return confirm(config, bundle, language, args.key)


def target_language(bundle: Bundle, given: str, new: bool) -> str:
    """A language to translate into, in lower case: one the content has, or with ``new``
    a language CLDR knows (so ``pt`` can be added, and a typo such as ``xx`` is refused)."""
    code = given.strip().lower()
    translated = [language for language in bundle.languages if language != SOURCE_LANGUAGE]
    if code == SOURCE_LANGUAGE:
        raise CommandError(
            f"error: --lang {SOURCE_LANGUAGE} is the language translations are made from: "
            f"give one to translate into ({', '.join(translated)})",
            ExitCode.BAD_INPUT,
        )
    if new and code not in bundle.languages and code in cldr_english().languages:
        return code
    hint = ", or a new language's ISO 639 code such as pt" if new else ""
    return choice(given, translated, "language", ExitCode.BAD_INPUT, hint)


def status(config: Config, output_format: str) -> int:
    covered = coverage(load_bundle(config.content_dir, config.locales_dir))
    if output_format == "json":
        print(json.dumps({code: item.as_dict() for code, item in covered.items()}, indent=2))
    else:
        print(coverage_table(covered))
    return ExitCode.OK


def coverage_table(covered: dict[str, Coverage]) -> str:
    lines = ["language  translated  missing  stale  coverage"]
    for language, item in covered.items():
        lines.append(f"{language:<8}  {item.translated:>10}  {len(item.missing):>7}  "
                     f"{len(item.stale):>5}  {item.percent:>7.1f}%")  # fmt: skip
    return "\n".join(lines)


def export(bundle: Bundle, language: str, output: Path | None, everything: bool) -> int:
    english = language_strings(bundle, SOURCE_LANGUAGE)
    present = language_strings(bundle, language)
    rows = rows_to_translate(english, present, bundle.records.get(language, {}), everything)
    path = output or Path(f"translations-{language}.csv")
    if language not in bundle.languages:
        print(f"{language} ({cldr_english().languages[language]}) is a new language: "
              "every string is to translate.")  # fmt: skip
    try:
        write_rows(rows, language, path)
    except OSError as exc:
        raise CommandError(f"error: cannot write {path}: {exc.strerror}") from None
    counts = {kind: sum(row.status == kind for row in rows) for kind in ("missing", "stale")}
    print(f"{path}: {len(rows)} string(s) for {language} ({counts['missing']} missing, "
          f"{counts['stale']} stale). Fill in the translation column, then: "
          f"python -m bot translations import --lang {language} {path}")  # fmt: skip
    return ExitCode.OK


def import_(config: Config, before: Bundle, language: str, file: Path) -> int:
    """Write the translations, then validate everything; with errors, undo the writes."""
    try:
        translations = read_translations(file)
    except (ImportError_, OSError, UnicodeDecodeError) as exc:
        print(f"error: {exc}")
        return ExitCode.FAILURE
    english = language_strings(before, SOURCE_LANGUAGE)
    unknown = sorted(key for key in translations if key not in english)
    if unknown:
        print(f"error: {file}: not strings of the current English: {', '.join(unknown[:5])}")
        return ExitCode.FAILURE
    outdated = sorted(
        key for key, row in translations.items()
        if row.english_hash and row.english_hash != source_hash(english[key])
    )  # fmt: skip
    for key in outdated:
        print(f"skipped {key}: its English changed after the export; export it again")
    texts = {key: row.text for key, row in translations.items() if key not in outdated}
    if not texts:
        print("Nothing to import.")
        return ExitCode.FAILURE if outdated else ExitCode.OK
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
            return ExitCode.FAILURE
    record = dict(before.records.get(language, {}))
    record.update((key, source_hash(english[key])) for key in texts)
    save_record(config.content_dir, language, record)
    print(f"Imported {len(texts)} string(s) into {', '.join(map(str, changed))}.")
    return ExitCode.FAILURE if outdated else ExitCode.OK


def confirm(config: Config, bundle: Bundle, language: str, keys: list[str] | None) -> int:
    """Record that the language's translations match today's English (after hand edits)."""
    english = language_strings(bundle, SOURCE_LANGUAGE)
    present = language_strings(bundle, language)
    chosen = keys or [key for key in english if key in present]
    unknown = [key for key in chosen if key not in english or key not in present]
    if unknown:
        print(f"error: no {language} translation for: {', '.join(unknown)}")
        return ExitCode.FAILURE
    record = dict(bundle.records.get(language, {}))
    record.update((key, source_hash(english[key])) for key in chosen)
    path = save_record(config.content_dir, language, record)
    print(f"{path}: {len(chosen)} {language} string(s) confirmed against the current English.")
    return ExitCode.OK


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
