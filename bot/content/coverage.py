"""Translation coverage: per language, what is translated, missing and stale.

A string is one translatable piece: a page's title, text, button label or link label, or one
interface key. A translation is *current* when its record (``content/translations/``) says
it was made from the English text as it is now; otherwise it is *stale*. Coverage is the
share of the English strings that a language translates and keeps current.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.content.bundle import Bundle
from bot.content.model import SOURCE_LANGUAGE
from bot.content.translations import source_hash, strings_of


@dataclass(frozen=True)
class Coverage:
    language: str
    translated: int  # present and current
    total: int
    missing: tuple[str, ...]  # e.g. "page signs: text", "locale: back"
    stale: tuple[str, ...] = ()

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def as_dict(self) -> dict[str, object]:
        return {
            "translated": self.translated,
            "total": self.total,
            "percent": round(self.percent, 1),
            "missing": list(self.missing),
            "stale": list(self.stale),
        }


def language_strings(bundle: Bundle, language: str) -> dict[str, str]:
    """Every translatable string the language has, by key."""
    content = bundle.content
    texts = content.texts.get(language, {})
    return strings_of(texts, content.pages, bundle.locales.strings.get(language, {}))


def coverage(bundle: Bundle) -> dict[str, Coverage]:
    """Coverage of every language the bot offers."""
    english = language_strings(bundle, SOURCE_LANGUAGE)
    result = {}
    for language in bundle.languages:
        present = language_strings(bundle, language)
        record = bundle.records.get(language, {})
        missing = tuple(key for key in english if key not in present)
        stale = tuple(
            key for key, source in english.items()
            if key in present and language != SOURCE_LANGUAGE
            and record.get(key) != source_hash(source)
        )  # fmt: skip
        current = len(english) - len(missing) - len(stale)
        result[language] = Coverage(language, current, len(english), missing, stale)
    return result
