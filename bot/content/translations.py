"""The translators' exchange: what each language misses, what went stale, export and import.

Every translatable string has a key ("page signs: text", "locale: back"). For each language,
``content/translations/<lang>.yaml`` records which English text each translation was made
from, as a short hash. When the English changes, the hash no longer matches and the
translation is *stale*; a translation with no record is stale too (nobody has confirmed it
against the current English).

``export`` writes the missing and stale strings, with their English, to a CSV file (opens in
any spreadsheet) or an XLIFF 1.2 file (for translation tools). ``import`` writes the
translations back into the YAML files with ruamel.yaml, which keeps comments and order,
records their hashes, and validates the result: with errors, nothing is written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

from bot.content.model import SOURCE_LANGUAGE, PageText
from bot.content.sources import LocatedDict, load_yaml

RECORDS_DIR = "translations"
CSV_COLUMNS = ("key", "status", "english", "translation", "previous_translation", "english_hash")
_PAGE_KEY = re.compile(r"^page ([a-z][a-z0-9_]*): (title|text|button|link ([a-z][a-z0-9_]*))$")
_LOCALE_KEY = re.compile(r"^locale: ([a-z][a-z0-9_]*)$")
_XLIFF = "urn:oasis:names:tc:xliff:document:1.2"


def source_hash(english: str) -> str:
    """A short fingerprint of an English text."""
    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:12]


def page_strings(page_id: str, text: PageText) -> Iterator[tuple[str, str]]:
    """The keys and texts of one page's translatable strings."""
    yield f"page {page_id}: title", text.title
    yield f"page {page_id}: text", text.text
    if text.button:
        yield f"page {page_id}: button", text.button
    for link_id, label in text.links.items():
        yield f"page {page_id}: link {link_id}", label


def strings_of(
    texts: Mapping[str, PageText], pages: Mapping[str, object], locale: Mapping[str, str]
) -> dict[str, str]:
    """Every translatable string of one language, in page then locale order."""
    found: dict[str, str] = {}
    for page_id in pages:
        if (text := texts.get(page_id)) is not None:
            found.update(page_strings(page_id, text))
    found.update((f"locale: {key}", value) for key, value in locale.items())
    return found


# -- records: which English each translation was made from ----------------------------------
def load_records(content_dir: Path) -> dict[str, dict[str, str]]:
    """Every language's record: key -> hash of the English it was translated from."""
    records: dict[str, dict[str, str]] = {}
    directory = content_dir / RECORDS_DIR
    for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
        data, _ = load_yaml(path)
        records[path.stem] = dict(data) if isinstance(data, LocatedDict) else {}
    return records


def save_record(content_dir: Path, language: str, hashes: Mapping[str, str]) -> Path:
    path = content_dir / RECORDS_DIR / f"{language}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        f"# Which English text each {language} translation was made from (a hash of it).",
        "# Written by `python -m bot translations import` and `confirm`: do not edit by hand.",
    ]
    lines += [f"{_quoted(key)}: {value}" for key, value in sorted(hashes.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _quoted(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


# -- export ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    key: str
    status: str  # "missing" or "stale" (or "current" when exporting everything)
    english: str
    translation: str = ""
    previous_translation: str = ""


def rows_to_translate(
    english: Mapping[str, str],
    translated: Mapping[str, str],
    record: Mapping[str, str],
    everything: bool = False,
) -> list[Row]:
    """The strings a translator should look at: missing and stale ones (or all)."""
    rows = []
    for key, source in english.items():
        current = translated.get(key)
        if current is None:
            rows.append(Row(key, "missing", source))
        elif record.get(key) != source_hash(source):
            rows.append(Row(key, "stale", source, previous_translation=current))
        elif everything:
            rows.append(Row(key, "current", source, translation=current))
    return rows


def write_rows(rows: list[Row], language: str, path: Path) -> None:
    if path.suffix.lower() in (".xlf", ".xliff"):
        path.write_text(_xliff(rows, language), encoding="utf-8")
        return
    with path.open("w", encoding="utf-8-sig", newline="") as handle:  # BOM: Excel reads UTF-8
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow([row.key, row.status, row.english, row.translation,
                             row.previous_translation, source_hash(row.english)])  # fmt: skip


def _xliff(rows: list[Row], language: str) -> str:
    ET.register_namespace("", _XLIFF)
    root = ET.Element(f"{{{_XLIFF}}}xliff", version="1.2")
    file = ET.SubElement(root, f"{{{_XLIFF}}}file", {
        "source-language": SOURCE_LANGUAGE, "target-language": language,
        "datatype": "plaintext", "original": "antitrafficking-bot",
    })  # fmt: skip
    body = ET.SubElement(file, f"{{{_XLIFF}}}body")
    for row in rows:
        unit = ET.SubElement(body, f"{{{_XLIFF}}}trans-unit", id=row.key)
        ET.SubElement(unit, f"{{{_XLIFF}}}source").text = row.english
        ET.SubElement(unit, f"{{{_XLIFF}}}target").text = row.translation
        note = f"{row.status}" + (f"; was: {row.previous_translation}" if row.previous_translation
                                  else "")  # fmt: skip
        ET.SubElement(unit, f"{{{_XLIFF}}}note").text = note
        ET.SubElement(unit, f"{{{_XLIFF}}}note", {"from": "english_hash"}).text = source_hash(
            row.english
        )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# -- import ------------------------------------------------------------------------------
class ImportError_(ValueError):
    """The file cannot be imported; the message says why, in one line."""


@dataclass(frozen=True)
class Translated:
    """One filled-in row: the translation, and the hash of the English it was made from
    (``None`` when the file does not say)."""

    text: str
    english_hash: str | None = None


def read_translations(path: Path) -> dict[str, Translated]:
    """Key -> translation from an exported file a translator filled in (empty ones skipped)."""
    if path.suffix.lower() in (".xlf", ".xliff"):
        rows = _read_xliff(path)
    else:
        text = path.read_text(encoding="utf-8-sig")
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or not {"key", "translation"} <= set(reader.fieldnames):
            raise ImportError_(f"{path}: the first row must name the columns key and translation")
        rows = [(row.get("key") or "", row.get("translation") or "", row.get("english_hash"))
                for row in reader]  # fmt: skip
    result = {}
    for key, translation, english_hash in rows:
        key = key.strip()
        if not (_PAGE_KEY.match(key) or _LOCALE_KEY.match(key)):
            raise ImportError_(f"{path}: {key!r} is not a key this bot exported")
        if translation.strip():
            result[key] = Translated(translation.strip(), (english_hash or "").strip() or None)
    return result


def _read_xliff(path: Path) -> list[tuple[str, str, str | None]]:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ImportError_(f"{path}: not a valid XLIFF file ({exc})") from exc
    rows = []
    for unit in root.iter(f"{{{_XLIFF}}}trans-unit"):
        notes = unit.findall(f"{{{_XLIFF}}}note")
        english_hash = next((n.text for n in notes if n.get("from") == "english_hash"), None)
        rows.append((unit.get("id", ""), unit.findtext(f"{{{_XLIFF}}}target") or "",
                     english_hash))  # fmt: skip
    return rows


def apply_translations(
    translations: Mapping[str, str], language: str, content_dir: Path, locales_dir: Path
) -> list[Path]:
    """Write translations into the language's YAML files; returns the files changed."""
    pages: dict[str, str] = {}
    locale: dict[str, str] = {}
    for key, value in translations.items():
        (locale if key.startswith("locale: ") else pages)[key] = value
    changed = []
    if pages:
        path = content_dir / "text" / f"{language}.yaml"
        _update_yaml(path, ((*_page_path(key), value) for key, value in pages.items()))
        changed.append(path)
    if locale:
        path = locales_dir / f"{language}.yaml"
        _update_yaml(path, ((key.removeprefix("locale: "), value) for key, value in locale.items()))
        changed.append(path)
    return changed


def _page_path(key: str) -> tuple[str, ...]:
    match = _PAGE_KEY.match(key)
    assert match is not None, key
    page_id, field, link_id = match.groups()
    return (page_id, "links", link_id) if link_id else (page_id, field)


def _update_yaml(path: Path, updates: Iterator[tuple[str, ...]]) -> None:
    """Set values at nested keys, keeping the file's comments, order and quoting."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(path.read_text(encoding="utf-8")) if path.exists() else None
    data = data if data is not None else CommentedMap()
    for *keys, value in updates:
        node = data
        for key in keys[:-1]:
            if key not in node or node[key] is None:
                node[key] = CommentedMap()
            node = node[key]
        node[keys[-1]] = LiteralScalarString(value + "\n") if "\n" in value else value
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
