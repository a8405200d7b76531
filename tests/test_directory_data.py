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
