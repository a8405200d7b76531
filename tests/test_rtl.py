"""Right-to-left languages: numbers, addresses and Latin names read correctly in Arabic.

The check runs the Unicode bidirectional algorithm (python-bidi) over what the bot sends,
as a right-to-left paragraph, and looks for every number as it must appear on screen.
"""

from __future__ import annotations

import pytest
from bidi import get_display

from bot.content.bundle import Bundle
from bot.content.checks import paragraph_direction, rtl_problems
from bot.content.directory import display_contact, display_number
from bot.core.screens import Screen, visible_text
from bot.features.hotlines.screens import LRI, PDI, HotlineScreens
from bot.features.navigation.screens import Pages

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
        shown = displayed(HotlineScreens(bundle).card(country, language).text)
        code = country.code
        numbers = [display_number(n, code) for _, ns in country.emergency.labelled() for n in ns]
        for hotline in country.hotlines:
            numbers += [display_number(phone, code) for phone in hotline.phones]
            numbers += [display_contact(key, value, code) for key in ("from_abroad", "whatsapp")
                        if (value := getattr(hotline, key))]  # fmt: skip
        for number in numbers:
            assert number in shown, f"{code}: {number} is reordered in {language}"
        for hotline in country.hotlines:
            if hotline.website:
                assert hotline.website in shown, country.code


def wrong_direction_lines(text: str) -> list[str]:
    return [
        line
        for line in visible_text(text).split("\n")
        if line.strip() and paragraph_direction(line) != "rtl"
    ]


def test_the_direction_check_sees_a_line_starting_in_latin() -> None:
    assert wrong_direction_lines("• UNODC هو مكتب") == ["• UNODC هو مكتب"]
    assert wrong_direction_lines("• مكتب (UNODC)") == []
    assert wrong_direction_lines(f"\u200f📞 {LRI}527{PDI}") == []


@pytest.mark.parametrize("language", RTL_LANGUAGES)
def test_every_line_the_bot_shows_reads_right_to_left(bundle: Bundle, language: str) -> None:
    if not bundle.locales.has(language):
        pytest.skip(f"no {language} locale yet")
    pages, hotlines = Pages(bundle), HotlineScreens(bundle)
    screens = {f"page {page_id}": pages.page(page_id, language) for page_id in bundle.content.pages}
    screens["help"] = pages.help(language, ["start", "menu", "help"])
    screens["languages"] = pages.languages(language)
    screens["regions"] = hotlines.regions(language)
    for region in bundle.directory.regions:
        screens[f"region {region}"] = hotlines.region(region, language)
    for code, country in bundle.directory.countries.items():
        screens[f"card {code}"] = hotlines.card(country, language)
    wrong = {name: found for name, screen in screens.items() if (found := rtl_problems(screen))}
    assert wrong == {}, "lines that would read left to right in " + language


def test_validation_reports_an_arabic_line_that_starts_in_latin(bundle: Bundle) -> None:
    screen = Pages(bundle).page("home", "ar")
    broken = Screen("• UNODC هو مكتب\nمرحبا", screen.rows)
    (problem,) = rtl_problems(broken)
    assert problem.startswith("this line would read left to right")
