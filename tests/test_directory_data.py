"""The real hotline directory: coverage of the world and of the countries the reports name."""

from __future__ import annotations

import json
from pathlib import Path

from bot.content.bundle import Bundle
from bot.content.directory import REGIONS
from tests.test_process import bot_env, run_bot

# Named in the UN reports the content comes from.
NAMED_IN_REPORTS = ("HT", "PG", "BS", "QA", "ZA", "EG", "AT", "NG", "IN")


def test_at_least_35_countries_in_every_region(bundle: Bundle) -> None:
    directory = bundle.directory
    assert len(directory.countries) >= 35
    assert directory.regions == REGIONS
    for region in REGIONS:
        assert len(directory.in_region(region)) >= 5, region


def test_the_countries_the_reports_name_are_listed(bundle: Bundle) -> None:
    missing = [code for code in NAMED_IN_REPORTS if bundle.directory.get(code) is None]
    assert missing == []


def test_every_entry_has_a_source_and_a_date(bundle: Bundle) -> None:
    for country in bundle.directory.countries.values():
        entries = [country.emergency.sourced, *(line.sourced for line in country.hotlines)]
        for sourced in entries:
            assert sourced.source.startswith(("https://", "http://")), country.code
            assert sourced.checked.year >= 2025, country.code


def test_the_directory_prints_as_json_for_reuse(tmp_path: Path) -> None:
    result = run_bot(bot_env(tmp_path), "hotlines", "--format", "json")
    assert result.returncode == 0, result.stderr
    countries = {entry["code"]: entry for entry in json.loads(result.stdout)["countries"]}
    assert set(NAMED_IN_REPORTS) <= set(countries)
    austria = countries["AT"]
    assert austria["name"] == "Austria"
    assert austria["region"] == "europe_central_asia"
    assert austria["emergency"]["numbers"]
    assert austria["emergency"]["checked"].startswith("20")
    assert all(line["source"] and line["checked"] for line in austria["hotlines"])


def test_the_directory_prints_as_text(tmp_path: Path) -> None:
    result = run_bot(bot_env(tmp_path), "hotlines")
    assert result.returncode == 0, result.stderr
    assert "AT  Austria: emergency 112" in result.stdout


# Places with no civilian population: no public emergency service to list.
NOBODY_LIVES = {"GS", "IO", "TF", "UM"}
# Places whose labelled numbers no citable source gives yet (each region file says, where
# the entry would go, what was found): the editors' backlog. It may only shrink.
NOT_YET_SOURCED = {"AC", "CC", "EH", "KM", "NF", "PN", "ST", "TM"}


def test_every_place_a_person_can_be_in_has_its_emergency_numbers(bundle: Bundle) -> None:
    reach = bundle.directory.reach()

    assert set(reach.missing) <= NOBODY_LIVES | NOT_YET_SOURCED, "an entry went missing"
    assert reach.listed >= reach.places - len(NOBODY_LIVES | NOT_YET_SOURCED)
    assert reach.with_lines >= 90, "at least 90 countries with a line"
    for country in bundle.directory.countries.values():
        assert country.emergency.labelled(), f"{country.code}: no emergency number"


def test_every_line_can_be_read_in_english_and_arabic(bundle: Bundle) -> None:
    """A reader who cannot read a line's own name sees it in their language, or at least
    what kind of line it is: English readers get a name for every non-Latin one."""
    from bot.content.names import readable

    for country in bundle.directory.countries.values():
        for line in country.hotlines:
            if not readable(line.name, "en"):
                assert line.name_in("en"), f"{country.code}: {line.name!r} has no English name"
            if country.region == "arab_states" and not readable(line.name, "ar"):
                assert line.name_in("ar"), f"{country.code}: {line.name!r} has no Arabic name"


def test_the_json_has_the_new_fields(tmp_path: Path) -> None:
    result = run_bot(bot_env(tmp_path), "hotlines", "--format", "json")
    countries = {entry["code"]: entry for entry in json.loads(result.stdout)["countries"]}
    assert countries["CN"]["telegram_blocked"]["source"].startswith("http")
    assert countries["CN"]["emergency"]["police"] == "110"
    assert countries["UA"]["hotlines"][0]["names"]["en"]
    assert any(line["area"] for line in countries["DE"]["hotlines"])
    assert all(line["dated"] for entry in countries.values() for line in entry["hotlines"])
