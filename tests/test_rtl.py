"""Right-to-left languages: numbers, addresses and Latin names read correctly in Arabic.

The check runs the Unicode bidirectional algorithm (python-bidi) over what the bot sends,
as a right-to-left paragraph, and looks for every number as it must appear on screen.
"""

from __future__ import annotations

import re

import pytest
from bidi import get_display

from bot.bundle import Bundle
from bot.hotline_views import LRI, PDI
from bot.screens import visible_text

RTL_LANGUAGES = ("ar",)


def displayed(text: str) -> str:
    """The text as a right-to-left client lays it out, line by line, isolates removed."""
    lines = visible_text(text).split("\n")
    return "\n".join(get_display(line, base_dir="R") for line in lines).translate(
        {ord(LRI): None, ord(PDI): None}
    )


def test_the_bidi_check_catches_a_reordered_number() -> None:
    line = "📞 الطوارئ: +380 44 205 36 95"
    assert "+380 44 205 36 95" not in displayed(line)
    assert "+380 44 205 36 95" in displayed(
        line.replace("+380 44 205 36 95", f"{LRI}+380 44 205 36 95{PDI}")
    )


@pytest.mark.parametrize("language", RTL_LANGUAGES)
def test_every_number_on_every_card_reads_correctly(bundle: Bundle, language: str) -> None:
    if not bundle.locales.has(language):
        pytest.skip(f"no {language} locale yet")
    assert bundle.locales.is_rtl(language)
    for country in bundle.directory.countries.values():
        shown = displayed(bundle.views.hotlines.card(country, language).text)
        numbers = list(country.emergency.numbers)
        for hotline in country.hotlines:
            numbers += [*hotline.phones, *filter(None, (hotline.from_abroad, hotline.whatsapp))]
        for number in numbers:
            assert number in shown, f"{country.code}: {number} is reordered in {language}"
        for hotline in country.hotlines:
            if hotline.website:
                assert hotline.website in shown, country.code


@pytest.mark.parametrize("language", RTL_LANGUAGES)
def test_page_texts_keep_latin_names_readable(bundle: Bundle, language: str) -> None:
    """Latin runs in RTL page texts (names like UNODC, years, percentages) stay in order."""
    if not bundle.locales.has(language):
        pytest.skip(f"no {language} locale yet")
    for page_id in bundle.content.pages:
        text, translated = bundle.content.text(page_id, language)
        if not translated:
            continue
        for run in re.findall(r"\d+(?:[.,]\d+)*%?", visible_text(text.text)):
            assert run in displayed(text.text) or run[::-1] not in displayed(text.text), page_id
