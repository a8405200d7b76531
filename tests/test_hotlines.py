"""The hotline directory: loading, validation of numbers and sources, and the card."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from bot.config import Config
from bot.content.bundle import Bundle, load_bundle
from bot.content.checks import html_problems, limit_problems
from bot.content.directory import (
    check_directory,
    directory_entry,
    display_international,
    display_number,
    international_problem,
    phone_problem,
)
from bot.content.names import country_name, flag
from bot.features.hotlines.screens import LRI, PDI, HotlineScreens
from tests.conftest import CONTENT_DIR, LOCALES_DIR, start_application, stop_application
from tests.fake_telegram import ChatUser, FakeTelegram

TODAY = dt.date(2026, 11, 23)
UKRAINE = """\
UA:
  emergency:
    numbers: ["112"]
    police: "102"
    source: https://example.gov.ua/emergency
    dated: 2026
    checked: 2026-11-01
  hotlines:
    - name: National hotline on countering trafficking
      kind: trafficking
      phones: ["527", "0 800 505 501"]
      from_abroad: "+380 44 205 36 95"
      hours: "24/7"
      languages: [uk, ru, en]
      free: true
      anonymous: true
      operator: La Strada-Ukraine
      source: https://la-strada.org.ua/
      dated: 2026-10-01
      checked: 2026-11-01
"""


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def only_problem(directory: Path) -> str:
    _, problems = check_directory(directory, TODAY)
    assert len(problems) == 1, problems
    return str(problems[0])


def test_a_valid_entry_loads(tmp_path: Path) -> None:
    write(tmp_path, "europe_central_asia.yaml", UKRAINE)
    directory, problems = check_directory(tmp_path, TODAY)
    assert problems == []
    ukraine = directory.get("ua")
    assert ukraine is not None
    assert ukraine.region == "europe_central_asia"
    assert ukraine.emergency.numbers == ("112",)
    assert ukraine.has_trafficking_line
    (hotline,) = ukraine.hotlines
    assert hotline.phones == ("527", "0 800 505 501")
    assert hotline.hours is not None
    assert hotline.hours.always
    assert directory.regions == ("europe_central_asia",)


@pytest.mark.parametrize(
    ("number", "country", "valid"),
    [
        ("112", "AT", True),
        ("527", "UA", True),  # a short code the numbering plan library does not know
        ("0 800 505 501", "UA", True),
        ("+43 1 24836 985383", "AT", True),
        ("1-888-373-7888", "US", True),
        ("0800 222 777", "ZA", True),
        ("12", "UA", False),
        ("0 800 50", "UA", False),
        ("+1 888 373 7888", "UA", False),  # another country's number
        ("call 112", "AT", False),
    ],
)
def test_numbers_must_be_diallable_in_their_country(number: str, country: str, valid: bool) -> None:
    assert (phone_problem(number, country) is None) is valid


@pytest.mark.parametrize(
    ("number", "country", "at_home", "from_abroad"),
    [
        ("0 800 505 501", "UA", "0800 505 501", "+380 800 505 501"),
        ("1-888-373-7888", "US", "(888) 373-7888", "+1 888-373-7888"),
        ("+43/677/61343434", "AT", "0677 61343434", "+43 677 61343434"),
        ("116 123", "UA", "116123", "116 123"),  # short codes: plain digits, not from abroad
        ("15-47", "UA", "1547", "15-47"),
        ("112", "DE", "112", "112"),
    ],
)
def test_numbers_are_written_as_people_dial_them(
    number: str, country: str, at_home: str, from_abroad: str
) -> None:
    assert display_number(number, country) == at_home
    assert display_international(number, country) == from_abroad


def test_a_number_the_library_cannot_read_is_shown_as_written_but_diallable() -> None:
    assert display_number("80.104.748 ext", "PY") == "80 104 748 ext"


def test_from_abroad_must_be_international() -> None:
    assert international_problem("+380 44 205 36 95", "UA") is None
    assert "international format" in str(international_problem("044 205 36 95", "UA"))


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (("527", "5x7"), ":11:16: '5x7' is not a phone number"),
        (
            ("    source: https://example.gov.ua/emergency\n", ""),
            ":3:5: UA: a `source` is required",
        ),
        (("checked: 2026-11-01\n  hotlines", "checked: 2027-01-01\n  hotlines"), "in the future"),
        (("kind: trafficking", "kind: smuggling"), ":10:7: `kind` must be one of"),
        (("languages: [uk, ru, en]", "languages: [uk, xx]"), "unknown language code(s) xx"),
        (('hours: "24/7"', "hours: always"), ':13:7: `hours` is "24/7" or'),
        (("UA:", "XX:"), ":1: XX is not a known ISO 3166 country code"),
        (("UA:", "Ukraine:"), "'Ukraine' is not a country code"),
        (("free: true", "free: yes please"), "`free` must be true or false"),
        (("      operator:", "      colour: blue\n      operator:"), "unknown key `colour`"),
        (("https://la-strada.org.ua/", "la-strada.org.ua"), "is not a web address"),
        (('from_abroad: "+380 44 205 36 95"', 'from_abroad: "044 205 36 95"'), "international"),
    ],
)
def test_each_broken_entry_is_reported_with_its_line(
    tmp_path: Path, broken: tuple[str, str], expected: str
) -> None:
    write(tmp_path, "europe_central_asia.yaml", UKRAINE.replace(*broken, 1))
    problem = only_problem(tmp_path)
    assert (
        problem.startswith("europe_central_asia.yaml:") or "/europe_central_asia.yaml:" in problem
    )
    assert expected in problem


def test_an_old_check_is_a_warning_not_an_error(tmp_path: Path) -> None:
    write(tmp_path, "europe_central_asia.yaml", UKRAINE.replace("2026-11-01", "2025-06-01"))
    directory, problems = check_directory(tmp_path, TODAY)
    assert {problem.severity for problem in problems} == {"warning"}
    assert "more than 12 months ago" in problems[0].message
    assert directory.get("UA") is not None


def test_a_country_listed_twice_and_an_unknown_region_file(tmp_path: Path) -> None:
    write(tmp_path, "europe_central_asia.yaml", UKRAINE)
    write(tmp_path, "asia_pacific.yaml", UKRAINE)
    write(tmp_path, "oceania.yaml", UKRAINE)
    _, problems = check_directory(tmp_path, TODAY)
    messages = sorted(problem.message for problem in problems)
    assert len(messages) == 2
    assert "UA is already listed in" in messages[0]
    assert "`oceania` is not a region" in messages[1]


def bundle_with(tmp_path: Path, directory: str) -> Bundle:
    """The real content and locales, with ``directory`` as the whole hotline directory (in
    europe_central_asia.yaml) and a right-to-left locale."""
    content, locales = tmp_path / "content", tmp_path / "locales"
    shutil.copytree(CONTENT_DIR, content)
    shutil.copytree(LOCALES_DIR, locales)
    shutil.rmtree(content / "hotlines", ignore_errors=True)
    write(content / "hotlines", "europe_central_asia.yaml", directory)
    if not (locales / "ar.yaml").exists():
        write(locales, "ar.yaml", "language_name: العربية\ntext_direction: rtl\n")
    return load_bundle(content, locales)


@pytest.fixture
def bundle_with_ukraine(tmp_path: Path) -> Bundle:
    """The real content and locales, with one country and a right-to-left locale added."""
    return bundle_with(tmp_path, UKRAINE)


def test_the_card_shows_numbers_hours_languages_and_source(bundle_with_ukraine: Bundle) -> None:
    ukraine = bundle_with_ukraine.directory.get("UA")
    assert ukraine is not None
    screen = HotlineScreens(bundle_with_ukraine).card(ukraine, "en")
    text = screen.text
    assert text.startswith("<b>🇺🇦 Ukraine</b>")
    assert "🚨 <b>Emergency: 112</b> · Police: 102" in text
    assert "📞 527 · 0800 505 501" in text
    assert "🌍 From abroad: +380 44 205 3695" in text
    assert "🕒 24 hours a day, every day" in text
    assert "🗣 Languages: Ukrainian, Russian, English" in text
    assert "✅ Free call · You can stay anonymous" in text
    assert "Run by: La Strada-Ukraine" in text
    assert (
        '<a href="https://la-strada.org.ua/">la-strada.org.ua</a>, checked on November 1, 2026'
        in text
    )
    assert html_problems(text) == []
    assert limit_problems(screen) == []
    assert [button.label for button in screen.buttons()] == [
        "🚪 Leave quickly",
        "◀ Back",
        "🏠 Menu",
    ]


def test_numbers_are_isolated_in_right_to_left_languages(bundle_with_ukraine: Bundle) -> None:
    ukraine = bundle_with_ukraine.directory.get("UA")
    assert ukraine is not None
    text = HotlineScreens(bundle_with_ukraine).card(ukraine, "ar").text
    assert f"{LRI}+380 44 205 3695{PDI}" in text
    assert f"{LRI}0800 505 501{PDI}" in text
    assert f"{LRI}La Strada-Ukraine{PDI}" in text
    assert "أوكرانيا" in text  # the country's name in Arabic, from CLDR
    english = HotlineScreens(bundle_with_ukraine).card(ukraine, "en").text
    assert LRI not in english


def test_country_names_and_flags_are_localized() -> None:
    assert country_name("UA", "uk") == "Україна"
    assert country_name("UA", "zh") == "乌克兰"
    assert country_name("UA", "xx") == "Ukraine"
    assert flag("ng") == "🇳🇬"


def test_a_country_without_a_trafficking_line_says_so(tmp_path: Path) -> None:
    bundle = bundle_with(tmp_path, UKRAINE.replace("kind: trafficking", "kind: children"))
    ukraine = bundle.directory.get("UA")
    assert ukraine is not None
    card = HotlineScreens(bundle).card(ukraine, "en").text
    assert "We know no hotline for trafficking in this country" in card
    assert "<i>Helpline for children</i>" in card


async def test_a_user_finds_the_hotline_card_from_get_help(
    bundle_with_ukraine: Bundle, config: Config, telegram: FakeTelegram
) -> None:
    application = await start_application(config, bundle_with_ukraine, telegram)
    try:
        user = ChatUser(application, telegram, language_code="uk")
        await user.send("/start get_help-en")
        await user.tap("📞 Hotlines by country")
        assert user.screen.text.startswith("<b>Hotlines by country</b>")
        await user.tap("Europe and Central Asia")
        assert user.screen.labels == ["🇺🇦 Ukraine", "◀ Back", "🏠 Menu"]
        await user.tap("🇺🇦 Ukraine")
        assert "📞 527 · 0800 505 501" in user.screen.text
        for expected in ("<b>Europe and Central Asia</b>", "<b>Hotlines by country</b>",
                         "<b>Get help now</b>"):  # fmt: skip
            await user.tap("◀ Back")
            assert user.screen.text.startswith(expected)
    finally:
        await stop_application(application)


@pytest.mark.parametrize("data", ["hc:ZZ", "hc:", "hr:antarctica", "hc:ua-extra"])
async def test_forged_directory_buttons_lead_to_the_menu(
    bundle_with_ukraine: Bundle, config: Config, telegram: FakeTelegram, data: str
) -> None:
    application = await start_application(config, bundle_with_ukraine, telegram)
    try:
        user = ChatUser(application, telegram)
        await user.send("/start")
        await user.tap_data(data)
        assert user.screen.text.startswith("<i>That button is out of date.")
    finally:
        await stop_application(application)


# -- the source's own date, and every emergency number labelled (issue 17) ----------------
def dated(text: str, value: str) -> str:
    """The Ukraine entry with ``dated: value`` on its emergency block."""
    return text.replace("    dated: 2026\n", f"    dated: {value}\n", 1)


@pytest.mark.parametrize(
    ("value", "year", "undated"),
    [("2025-06-01", 2025, False), ("2024", 2024, False), ("undated", None, True)],
)
def test_the_date_a_source_shows_is_kept_apart_from_the_check(
    tmp_path: Path, value: str, year: int | None, undated: bool
) -> None:
    write(tmp_path, "europe_central_asia.yaml", dated(UKRAINE, value))
    directory, problems = check_directory(tmp_path, TODAY)
    sourced = directory.get("UA").emergency.sourced  # type: ignore[union-attr]
    assert (sourced.year, sourced.undated) == (year, undated)
    assert sourced.checked == dt.date(2026, 11, 1)
    assert [problem.severity for problem in problems] == (["warning"] if undated else [])


def test_an_old_or_impossible_source_date_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "europe_central_asia.yaml", dated(UKRAINE, "2016"))
    assert "the source is from 2016, more than 5 years old" in only_problem(tmp_path)
    write(tmp_path, "europe_central_asia.yaml", dated(UKRAINE, "next week"))
    assert "`dated` is the date the source shows" in only_problem(tmp_path)


def test_the_card_shows_an_old_sources_year_and_every_labelled_number(tmp_path: Path) -> None:
    entry = dated(UKRAINE, "2019").replace('    police: "102"\n',
                                           '    police: "102"\n    ambulance: "103"\n'
                                           '    fire: "101"\n')  # fmt: skip
    bundle = bundle_with(tmp_path, entry)
    ukraine = bundle.directory.get("UA")
    assert ukraine is not None
    card = HotlineScreens(bundle).card(ukraine, "en").text
    assert "Emergency: 112</b> · Police: 102 · Ambulance: 103 · Fire: 101" in card
    assert "example.gov.ua</a> (2019), checked on November 1, 2026" in card
    assert "la-strada.org.ua</a>, checked on" in card, "a recent source shows no year"
    first = HotlineScreens(bundle).first_numbers(ukraine, "fr")
    assert "Pompiers : 101" in first.replace("\u00a0", " ")
    entry_json = directory_entry(ukraine)
    assert entry_json["emergency"]["fire"] == "101"
    assert entry_json["emergency"]["dated"] == "2019-01-01"
    assert entry_json["hotlines"][0]["dated"] == "2026-10-01"


def test_every_source_needs_the_date_it_shows(tmp_path: Path) -> None:
    write(tmp_path, "europe_central_asia.yaml", UKRAINE.replace("      dated: 2026-10-01\n", ""))
    assert "UA: record `dated`, the date the source shows" in only_problem(tmp_path)


def test_the_region_lists_say_how_to_find_a_country_not_listed(bundle: Bundle) -> None:
    for language in bundle.languages:
        region = HotlineScreens(bundle).region("europe_central_asia", language).text
        assert bundle.locales.get(language, "region_not_listed") in region.replace("&#x27;", "'")


def test_a_country_with_only_its_emergency_number_still_says_where_to_turn(
    tmp_path: Path,
) -> None:
    czech = """\
        CZ:
          emergency:
            numbers: ["112"]
            police: "158"
            source: https://example.gov.cz/112
            dated: 2025
            checked: 2026-11-01
          hotlines: []
        """
    bundle = bundle_with(tmp_path, czech)
    czechia = bundle.directory.get("CZ")
    assert czechia is not None
    for language in bundle.languages:
        card = HotlineScreens(bundle).card(czechia, language).text
        assert "112" in card
        assert "158" in card
        assert ("IOM" in card) or ("OIM" in card) or ("МОМ" in card), language


def test_a_number_given_with_its_country_code_is_dialled_both_ways(
    tmp_path: Path,
) -> None:
    """Some sources give a +CC number as the phone (AT, PL, TH did): the card shows it as
    it is dialled at home, and, once, as it is dialled from abroad."""
    plus = UKRAINE.replace('phones: ["527", "0 800 505 501"]', 'phones: ["+380 44 205 36 95"]')
    bundle = bundle_with(tmp_path, plus.replace('      from_abroad: "+380 44 205 36 95"\n', ""))
    ukraine = bundle.directory.get("UA")
    assert ukraine is not None
    assert ukraine.hotlines[0].abroad == "+380 44 205 36 95"

    card = HotlineScreens(bundle).card(ukraine, "en").text

    assert "📞 044 205 3695" in card
    assert card.count("+380 44 205 3695") == 1
    assert "🌍 From abroad: +380 44 205 3695" in card


OWN_NAME = "Національна гаряча лінія"
NAMED = UKRAINE.replace(
    "    - name: National hotline on countering trafficking\n",
    f"    - name: {OWN_NAME}\n"
    "      names: {en: National hotline on countering trafficking, "
    "ar: الخط الوطني لمكافحة الاتجار}\n",
)


def test_a_reader_who_cannot_read_a_lines_name_sees_it_in_their_language(
    tmp_path: Path,
) -> None:
    bundle = bundle_with(tmp_path, NAMED)
    ukraine = bundle.directory.get("UA")
    assert ukraine is not None
    screens = HotlineScreens(bundle)

    english = screens.card(ukraine, "en").text
    assert f"<b>{OWN_NAME}</b>\n<i>National hotline on countering trafficking · " in english
    assert f"{OWN_NAME} (National hotline on countering trafficking)" in (
        screens.first_numbers(ukraine, "en")
    )
    assert "الخط الوطني لمكافحة الاتجار" in screens.card(ukraine, "ar").text
    # A reader of the name's own script sees it alone where no translation is given...
    assert f"· {OWN_NAME}\n" in screens.first_numbers(ukraine, "ru") + "\n"
    # ...and a Chinese reader, with no Chinese name given, what kind of line it is.
    kind = bundle.locales.get("zh", "kind_trafficking")
    assert f"{OWN_NAME} ({kind})" in screens.first_numbers(ukraine, "zh")


def test_a_line_serving_part_of_the_country_says_where(tmp_path: Path) -> None:
    regional = UKRAINE.replace("      kind: trafficking\n",
                               "      kind: trafficking\n      area: {en: Kyiv, fr: Kyiv}\n"
                               )  # fmt: skip
    bundle = bundle_with(tmp_path, regional)
    ukraine = bundle.directory.get("UA")
    assert ukraine is not None
    screens = HotlineScreens(bundle)

    assert "📍 Serves: Kyiv" in screens.card(ukraine, "en").text
    assert "📍 Kyiv · 🕒" in screens.first_numbers(ukraine, "es")  # English where untranslated
    assert directory_entry(ukraine)["hotlines"][0]["area"] == {"en": "Kyiv", "fr": "Kyiv"}


def test_where_no_number_serves_all_each_service_is_labelled(tmp_path: Path) -> None:
    china = """\
    CN:
      emergency:
        police: "110"
        ambulance: "120"
        fire: "119"
        source: https://example.gov.cn/
        dated: 2025
        checked: 2026-11-01
      hotlines: []
    """
    bundle = bundle_with(tmp_path, china)
    entry = bundle.directory.get("CN")
    assert entry is not None
    assert entry.emergency.numbers == ()

    text = HotlineScreens(bundle).first_numbers(entry, "en")

    assert text.startswith("🚨 <b>Police: 110</b> · Ambulance: 120 · Fire: 119")
    assert directory_entry(entry)["emergency"]["numbers"] == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('    numbers: ["112"]\n    police: "102"\n', ""),
            "needs `numbers:` (one number for all services), or `police:` where there is none",
        ),
        (
            ("      kind: trafficking\n", "      kind: trafficking\n      names: {xx: Linie}\n"),
            "unknown language code(s) xx in `names`",
        ),
        (
            ("      kind: trafficking\n", "      kind: trafficking\n      names: Linie\n"),
            "`names` of a hotline of UA maps a language code to a text",
        ),
        (
            ("      kind: trafficking\n", "      kind: trafficking\n      area: {fr: Kyiv}\n"),
            "`area` of a hotline of UA needs `en:`",
        ),
        (
            ("  hotlines:\n", "  telegram_blocked: yes\n  hotlines:\n"),
            "`telegram_blocked` of UA has a source, dated and checked",
        ),
    ],
)
def test_the_new_fields_are_checked(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    write(tmp_path, "europe_central_asia.yaml", UKRAINE.replace(*change))
    assert message in only_problem(tmp_path)


def test_where_telegram_is_blocked_the_json_says_so_with_its_source(tmp_path: Path) -> None:
    blocked = UKRAINE.replace("  hotlines:\n", "  telegram_blocked:\n"
                              "    source: https://example.org/blocked\n    dated: 2025\n"
                              "    checked: 2026-11-01\n  hotlines:\n")  # fmt: skip
    write(tmp_path, "europe_central_asia.yaml", blocked)
    directory, problems = check_directory(tmp_path, TODAY)
    assert problems == []
    ukraine = directory.get("UA")
    assert ukraine is not None

    assert directory_entry(ukraine)["telegram_blocked"] == {
        "source": "https://example.org/blocked", "dated": "2025-01-01", "checked": "2026-11-01"
    }  # fmt: skip
