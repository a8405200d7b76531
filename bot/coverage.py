"""Translation coverage: how much of each language is translated, string by string.

A string is one translatable piece: a page's title, text, button label or link label, or one
interface key. A language's coverage is the share of the English strings it translates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bot.bundle import Bundle
from bot.content import SOURCE_LANGUAGE, PageText


@dataclass(frozen=True)
class Coverage:
    language: str
    translated: int
    total: int
    missing: tuple[str, ...]  # e.g. "page signs: text", "locale: back"

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def as_dict(self) -> dict[str, object]:
        return {
            "translated": self.translated,
            "total": self.total,
            "percent": round(self.percent, 1),
            "missing": list(self.missing),
        }


def coverage(bundle: Bundle) -> dict[str, Coverage]:
    """Coverage of every language the bot offers."""
    english = dict(_strings(bundle, SOURCE_LANGUAGE))
    result = {}
    for language in bundle.languages:
        present = {key for key, _ in _strings(bundle, language)}
        missing = tuple(key for key in english if key not in present)
        result[language] = Coverage(language, len(english) - len(missing), len(english), missing)
    return result


def _strings(bundle: Bundle, language: str) -> Iterator[tuple[str, str]]:
    texts = bundle.content.texts.get(language, {})
    for page_id in bundle.content.pages:
        text = texts.get(page_id)
        if text is not None:
            yield from _page_strings(page_id, text)
    for key, value in bundle.locales.strings.get(language, {}).items():
        yield f"locale: {key}", value


def _page_strings(page_id: str, text: PageText) -> Iterator[tuple[str, str]]:
    yield f"page {page_id}: title", text.title
    yield f"page {page_id}: text", text.text
    if text.button:
        yield f"page {page_id}: button", text.button
    for link_id, label in text.links.items():
        yield f"page {page_id}: link {link_id}", label
