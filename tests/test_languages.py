"""The seven languages: all offered, all complete, each named in itself."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.content.bundle import Bundle
from bot.content.coverage import coverage

# The six UN languages, as in the reports, and Ukrainian.
SUPPORTED = ("en", "ar", "zh", "fr", "ru", "es", "uk")
OWN_NAMES = {
    "en": "English", "ar": "العربية", "zh": "中文", "fr": "Français", "ru": "Русский",
    "es": "Español", "uk": "Українська",
}  # fmt: skip


def test_the_bot_offers_every_supported_language(bundle: Bundle) -> None:
    """A language added later may be published step by step; these seven must be whole."""
    assert set(SUPPORTED) <= set(bundle.languages)
    assert set(SUPPORTED) <= set(bundle.content.languages)


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_language_is_complete(bundle: Bundle, language: str) -> None:
    covered = coverage(bundle)[language]
    assert covered.missing == (), f"{language} lacks: {', '.join(covered.missing[:10])}"
    assert covered.percent == 100.0


@pytest.mark.parametrize("language", SUPPORTED)
def test_each_language_is_named_in_itself(bundle: Bundle, language: str) -> None:
    assert bundle.locales.name(language) == OWN_NAMES[language]


def test_only_arabic_reads_right_to_left(bundle: Bundle) -> None:
    assert [code for code in SUPPORTED if bundle.locales.is_rtl(code)] == ["ar"]


def test_a_missing_translation_lowers_coverage(bundle: Bundle) -> None:
    assert coverage(bundle)["en"].total > 100
    spanish = {k: v for k, v in bundle.content.texts["es"].items() if k != "signs"}
    content = replace(bundle.content, texts={**bundle.content.texts, "es": spanish})

    covered = coverage(replace(bundle, content=content))["es"]

    assert covered.percent < 100.0
    assert "page signs: title" in covered.missing
    assert "page signs: text" in covered.missing
