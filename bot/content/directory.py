"""The hotline directory: emergency numbers and helplines by country, each with its source.

One YAML file per region in ``content/hotlines/`` (see its SCHEMA.md). Every entry names the
source its numbers were read from and the date someone checked them there; the validator
checks that every number is one that can be dialled in its country, and warns when a check
is more than a year old. Nothing here knows about Telegram.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import phonenumbers
from phonenumbers import shortnumberinfo

from bot.content.model import Location
from bot.content.names import english
from bot.content.places import country_codes
from bot.content.sources import LocatedDict, LocatedList, Problem, Severity, display_path, load_yaml

REGIONS = ("africa", "americas", "arab_states", "asia_pacific", "europe_central_asia")
KINDS = ("trafficking", "violence", "children", "migrants", "police", "general")
DAYS = ("daily", "weekdays", "mon_sat")
STALE_AFTER = dt.timedelta(days=365)
SHORT_CODE_DIGITS = 6  # a short code (112, 1547, 116 111) is shown as plain digits
OLD_SOURCE_YEARS = 5  # a source older than this is worth replacing: `validate` says so

_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_DIALLED = re.compile(r"^\+?[0-9(][0-9 ()./-]*$")
_TIME = re.compile(r"^([01][0-9]|2[0-4]):[0-5][0-9]$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_TELEGRAM = re.compile(r"^@[A-Za-z0-9_]{5,32}$")

HOTLINE_FIELDS = frozenset(
    {"name", "kind", "phones", "from_abroad", "sms", "whatsapp", "telegram", "chat", "email",
     "website", "hours", "languages", "free", "anonymous", "recruiters", "operator", "names",
     "area", "source", "dated", "checked"}
)  # fmt: skip
EMERGENCY_FIELDS = frozenset({"numbers", "police", "ambulance", "fire", "source", "dated",
                              "checked"})  # fmt: skip
FLAGS = ("free", "anonymous", "recruiters")  # true only where the source says so
COUNTRY_FIELDS = frozenset({"emergency", "hotlines", "telegram_blocked"})


@dataclass(frozen=True)
class Hours:
    """When a line answers: always, or on ``days`` from ``opens`` to ``closes``."""

    always: bool
    days: str | None = None
    opens: str | None = None
    closes: str | None = None


@dataclass(frozen=True)
class Sourced:
    """Where numbers were read, when someone last checked them there, and the date the
    source itself shows (``dated``: its day, or its year alone; ``None`` when it shows
    none, or when nobody has recorded it yet: ``undated`` tells the two apart)."""

    source: str
    checked: dt.date
    dated: dt.date | None = None
    undated: bool = False  # the source shows no date at all

    @property
    def year(self) -> int | None:
        return self.dated.year if self.dated else None


@dataclass(frozen=True)
class Emergency:
    """The general emergency number(s) (none where each service has its own), and police,
    ambulance and fire where they differ."""

    numbers: tuple[str, ...]
    police: str | None
    sourced: Sourced
    ambulance: str | None = None
    fire: str | None = None

    def labelled(self) -> list[tuple[str, tuple[str, ...]]]:
        """The numbers with what each is for, the one for all first: ("emergency", ("112",)),
        ("police", ("102",)), ... (a service is left out when its number is the general one)."""
        pairs = [("emergency", self.numbers)] if self.numbers else []
        for key in ("police", "ambulance", "fire"):
            number = getattr(self, key)
            if number and number not in self.numbers:
                pairs.append((key, (number,)))
        return pairs


@dataclass(frozen=True)
class Hotline:
    name: str
    kind: str
    phones: tuple[str, ...]
    sourced: Sourced
    country: str  # the code of the country whose line it is: numbers are dialled there
    from_abroad: str | None = None
    sms: str | None = None
    whatsapp: str | None = None
    telegram: str | None = None
    chat: str | None = None
    email: str | None = None
    website: str | None = None
    hours: Hours | None = None
    languages: tuple[str, ...] = ()
    free: bool = False
    anonymous: bool = False
    recruiters: bool = False  # the line checks job offers and recruiters
    operator: str | None = None
    names: tuple[tuple[str, str], ...] = ()  # (language, the line's name in it)
    area: tuple[tuple[str, str], ...] = ()  # (language, the part of the country it serves)

    def name_in(self, language: str) -> str | None:
        """The line's name in ``language`` where an editor gave it, else ``None``."""
        return dict(self.names).get(language)

    def area_in(self, language: str) -> str | None:
        """Where the line serves (a region, or people abroad), in ``language`` or else in
        English; ``None`` for a line that serves the whole country."""
        areas = dict(self.area)
        return areas.get(language) or areas.get("en")

    @property
    def abroad(self) -> str | None:
        """The number to call from abroad: ``from_abroad``, or else a phone its source
        writes with its country code (that form is the source's own)."""
        written = (phone for phone in self.phones if phone.strip().startswith("+"))
        return self.from_abroad or next(written, None)


@dataclass(frozen=True)
class Country:
    code: str
    region: str
    emergency: Emergency
    hotlines: tuple[Hotline, ...]
    location: Location
    telegram_blocked: Sourced | None = None  # a source says Telegram is blocked there

    @property
    def has_trafficking_line(self) -> bool:
        return any(hotline.kind == "trafficking" for hotline in self.hotlines)


@dataclass(frozen=True)
class Reach:
    """How much of the world the directory covers, for editors (``validate``)."""

    places: int  # countries and territories a person can be in
    listed: int  # those with an entry (their emergency numbers at least)
    with_lines: int  # those with a helpline
    with_trafficking_line: int
    missing: tuple[str, ...]  # the codes of places without an entry

    def as_dict(self) -> dict[str, object]:
        return {"places": self.places, "listed": self.listed, "with_lines": self.with_lines,
                "with_trafficking_line": self.with_trafficking_line,
                "missing": list(self.missing)}  # fmt: skip


@dataclass(frozen=True)
class Directory:
    countries: Mapping[str, Country]

    def reach(self) -> Reach:
        places = country_codes()
        listed = [self.countries[code] for code in places if code in self.countries]
        return Reach(
            places=len(places),
            listed=len(listed),
            with_lines=sum(1 for country in listed if country.hotlines),
            with_trafficking_line=sum(1 for country in listed if country.has_trafficking_line),
            missing=tuple(code for code in places if code not in self.countries),
        )

    @property
    def regions(self) -> tuple[str, ...]:
        """Regions that have at least one country, in a fixed order."""
        present = {country.region for country in self.countries.values()}
        return tuple(region for region in REGIONS if region in present)

    def in_region(self, region: str) -> list[Country]:
        return [country for country in self.countries.values() if country.region == region]

    def get(self, code: str) -> Country | None:
        return self.countries.get(code.upper())


def check_directory(
    directory: Path, today: dt.date | None = None
) -> tuple[Directory, list[Problem]]:
    """Load every region file; returns what loaded and every problem found."""
    today = today or dt.date.today()
    countries: dict[str, Country] = {}
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
        name = display_path(path)
        if path.stem not in REGIONS:
            problems.append(
                Problem(
                    name,
                    0,
                    f"`{path.stem}` is not a region; name region files "
                    f"{', '.join(region + '.yaml' for region in REGIONS)}",
                )
            )
            continue
        data, file_problems = load_yaml(path, name)
        problems += file_problems
        if data is None:
            continue
        reader = _RegionReader(name, path.stem, today)
        for country in reader.read(data):
            if country.code in countries:
                first = countries[country.code].location
                reader.problem(
                    country.location.line,
                    f"{country.code} is already listed in "
                    f"{first.file}:{first.line}; keep one entry per country",
                )
            else:
                countries[country.code] = country
        problems += reader.problems
    return Directory(countries), problems


def phone_problem(number: str, country: str) -> str | None:
    """Why ``number`` cannot be dialled in ``country``, or ``None`` when it can.

    Short codes (3 to 6 digits, not starting with 0) are allowed even when the numbering
    library does not know them: national hotlines often have one (Ukraine's 527).
    """
    if not isinstance(number, str) or not _DIALLED.match(number.strip()):
        return f"{number!r} is not a phone number: use digits, spaces and an optional leading +"
    try:
        parsed = phonenumbers.parse(number, country)
    except phonenumbers.NumberParseException as exc:
        return f"{number!r} cannot be read as a phone number ({exc})"
    if number.startswith("+") and parsed.country_code != phonenumbers.country_code_for_region(
        country
    ):
        return f"{number!r} is not a number of {country} (country code +{parsed.country_code})"
    if phonenumbers.is_valid_number(parsed) or shortnumberinfo.is_valid_short_number(parsed):
        return None
    digits = _digits(number)
    if (
        not number.startswith("+")
        and 3 <= len(digits) <= SHORT_CODE_DIGITS
        and not (digits.startswith("0"))
    ):
        return None  # a short code: never starts with the trunk prefix 0
    return f"{number!r} is not a valid phone number in {country}: check the digits"


def display_number(number: str, country: str) -> str:
    """A number as people dial it in ``country``, by phonenumbers: the national format for
    a full number ("0800 505 501", "(888) 373-7888", "0677 61343434" for "+43/677/61343434"),
    a short code as plain digits ("116123", "1547"). Anything the library cannot read is
    shown as its source writes it, "/" and "." as spaces."""
    parsed = _parsed(number, country)
    if parsed is not None and phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    digits = _digits(number)
    if not number.strip().startswith("+") and len(digits) <= SHORT_CODE_DIGITS:
        return digits
    return _spaced(number)


def display_international(number: str, country: str) -> str:
    """A number as it is dialled from abroad: "+380 44 205 36 95"."""
    parsed = _parsed(number, country)
    if parsed is not None and phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return _spaced(number)


def display_contact(key: str, value: str, country: str) -> str:
    """A way of reaching a line as it is used: the number from abroad and WhatsApp in
    international format, an SMS number as it is dialled at home, an address as written."""
    if key in ("from_abroad", "whatsapp"):
        return display_international(value, country)
    return display_number(value, country) if key == "sms" else value


def _parsed(number: str, country: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(number, country)
    except phonenumbers.NumberParseException:
        return None


def _spaced(number: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[/.]", " ", number)).strip()


def international_problem(number: str, country: str) -> str | None:
    """Why ``number`` is not a full international number of ``country``."""
    if not isinstance(number, str) or not number.startswith("+"):
        return f"{number!r} must be in international format, starting with +"
    problem = phone_problem(number, country)
    if problem:
        return problem
    if not phonenumbers.is_valid_number(phonenumbers.parse(number, None)):
        return f"{number!r} is not a valid international number"
    return None


class _RegionReader:
    def __init__(self, file: str, region: str, today: dt.date) -> None:
        self.file, self.region, self.today = file, region, today
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(self.file, line, message, severity))

    def read(self, data: Any) -> list[Country]:
        if not isinstance(data, LocatedDict):
            self.problem(1, "expected one block per country, under its ISO code (e.g. UA:)")
            return []
        countries = []
        for code, raw in data.items():
            line = data.line_of(code)
            if not isinstance(code, str) or not _COUNTRY_CODE.match(code):
                self.problem(
                    line,
                    f"{code!r} is not a country code: use two capital letters, "
                    "as in ISO 3166 (UA, NG, PH)",
                )
            elif code not in english().territories:
                self.problem(line, f"{code} is not a known ISO 3166 country code")
            elif not isinstance(raw, LocatedDict):
                self.problem(line, f"{code} needs `emergency:` and `hotlines:` below it")
            else:
                country = self._country(code, raw, line)
                if country is not None:
                    countries.append(country)
        return countries

    def _country(self, code: str, raw: LocatedDict, line: int) -> Country | None:
        for key in raw.keys() - COUNTRY_FIELDS:
            self.problem(raw.line_of(key), f"unknown key `{key}` in {code}; use "
                                           f"{', '.join(sorted(COUNTRY_FIELDS))}")  # fmt: skip
        emergency = self._emergency(code, raw.get("emergency"), raw.line_of("emergency"))
        hotlines_raw = raw.get("hotlines")
        if hotlines_raw is None:  # no helpline known: the emergency number alone
            hotlines_raw = LocatedList()
        elif not isinstance(hotlines_raw, LocatedList):
            self.problem(raw.line_of("hotlines"), f"`hotlines` of {code} must be a list")
            hotlines_raw = LocatedList()
        hotlines = [
            self._hotline(code, item, hotlines_raw.line_of(index))
            for index, item in enumerate(hotlines_raw)
        ]
        blocked = self._blocked(code, raw.get("telegram_blocked"), raw.line_of("telegram_blocked"))
        if emergency is None or blocked is False or any(hotline is None for hotline in hotlines):
            return None
        return Country(code, self.region, emergency, tuple(h for h in hotlines if h),
                       Location(self.file, line), blocked or None)  # fmt: skip

    def _blocked(self, code: str, raw: Any, line: int) -> Sourced | bool | None:
        """``telegram_blocked:``, the source saying Telegram is blocked in the country
        (``None`` when not given, ``False`` when wrong and reported)."""
        if raw is None:
            return None
        if not isinstance(raw, LocatedDict) or raw.keys() - {"source", "dated", "checked"}:
            self.problem(line, f"`telegram_blocked` of {code} has a source, dated and checked")
            return False
        return self._sourced(code, raw) or False

    def _emergency(self, code: str, raw: Any, line: int) -> Emergency | None:
        if not isinstance(raw, LocatedDict):
            self.problem(line, f"{code} needs `emergency:` with numbers, source and checked")
            return None
        for key in raw.keys() - EMERGENCY_FIELDS:
            self.problem(raw.line_of(key), f"unknown key `{key}` in the emergency block of {code}")
        numbers = raw.get("numbers", LocatedList())
        single = {key: raw.get(key) for key in ("police", "ambulance", "fire")}
        if not isinstance(numbers, LocatedList) or not (numbers or single["police"]):
            self.problem(raw.line_of("numbers") if "numbers" in raw else raw.line,
                         f"the emergency block of {code} needs `numbers:` (one number for all "
                         "services), or `police:` where there is none")  # fmt: skip
            return None
        ok = self._numbers(code, numbers, raw.line_of("numbers"))
        for key, number in single.items():
            if number is not None:
                ok &= self._numbers(code, [number], raw.line_of(key))
        sourced = self._sourced(code, raw)
        if not ok or sourced is None:
            return None
        police, ambulance, fire = (_text(single[key]) for key in ("police", "ambulance", "fire"))
        return Emergency(tuple(str(n) for n in numbers), police, sourced, ambulance, fire)

    def _hotline(self, code: str, raw: Any, line: int) -> Hotline | None:
        if not isinstance(raw, LocatedDict):
            self.problem(line, "each hotline is a block with name, kind, phones, source, checked")
            return None
        for key in raw.keys() - HOTLINE_FIELDS:
            self.problem(raw.line_of(key), f"unknown key `{key}` in a hotline of {code}")
        ok = True
        name, kind = raw.get("name"), raw.get("kind")
        if not isinstance(name, str) or not name.strip():
            self.problem(raw.line, f"a hotline of {code} needs a `name`")
            ok = False
        if kind not in KINDS:
            self.problem(raw.line_of("kind"), f"`kind` must be one of {', '.join(KINDS)}")
            ok = False
        phones = raw.get("phones", [])
        if not isinstance(phones, list):
            self.problem(raw.line_of("phones"), "`phones` must be a list of numbers")
            return None
        ok &= self._numbers(code, phones, raw.line_of("phones"))
        ok &= self._contacts(code, raw)
        if not (
            phones or any(raw.get(key) for key in ("sms", "whatsapp", "telegram", "chat", "email"))
        ):
            self.problem(raw.line, f"hotline {name!r} needs a phone number or another contact")
            ok = False
        hours = self._hours(raw.get("hours"), raw.line_of("hours"))
        languages = self._languages(raw.get("languages", []), raw.line_of("languages"))
        sourced = self._sourced(code, raw)
        flags = {key: raw.get(key, False) for key in FLAGS}
        for key, value in flags.items():
            if not isinstance(value, bool):
                self.problem(raw.line_of(key), f"`{key}` must be true or false")
                ok = False
        names = self._translated(code, "names", raw)
        area = self._translated(code, "area", raw)
        if area and "en" not in dict(area):
            self.problem(raw.line_of("area"), f"`area` of a hotline of {code} needs `en:`")
            area = None
        if (
            not ok
            or sourced is None
            or hours is False
            or languages is None
            or None in (names, area)
        ):
            return None
        return Hotline(
            name=str(name).strip(), kind=str(kind), phones=tuple(str(p) for p in phones),
            sourced=sourced, country=code, hours=hours, languages=languages, names=names,
            area=area,
            **{key: bool(value) for key, value in flags.items()},
            **{key: _text(raw.get(key)) for key in ("from_abroad", "sms", "whatsapp", "telegram",
                                                    "chat", "email", "website", "operator")},
        )  # fmt: skip

    def _numbers(self, code: str, numbers: list[Any], line: int) -> bool:
        ok = True
        for index, number in enumerate(numbers):
            at = numbers.line_of(index) if isinstance(numbers, LocatedList) else line
            problem = (
                phone_problem(str(number), code)
                if isinstance(number, str)
                else (f"write the number {number!r} in quotes, as text")
            )
            if problem:
                self.problem(at, problem)
                ok = False
        return ok

    def _contacts(self, code: str, raw: LocatedDict) -> bool:
        checks = {
            "from_abroad": lambda value: international_problem(value, code),
            "whatsapp": lambda value: international_problem(value, code),
            "sms": lambda value: phone_problem(value, code),
            "telegram": lambda value: None if _TELEGRAM.match(value) else
            "`telegram` must be a username such as @example_bot",
            "email": lambda value: None if _EMAIL.match(value) else f"{value!r} is not an email",
            "chat": _url_problem,
            "website": _url_problem,
            "operator": lambda value: None,
        }  # fmt: skip
        ok = True
        for key, check in checks.items():
            value = raw.get(key)
            if value is None:
                continue
            problem = check(value) if isinstance(value, str) else f"`{key}` must be text"
            if problem:
                self.problem(raw.line_of(key), problem)
                ok = False
        return ok

    def _hours(self, raw: Any, line: int) -> Hours | bool | None:
        """The hours, ``None`` when not given, ``False`` when wrong (and reported)."""
        if raw is None:
            return None
        if raw == "24/7":
            return Hours(always=True)
        if isinstance(raw, LocatedDict) and set(raw) == {"days", "from", "to"}:
            opens, closes = str(raw["from"]), str(raw["to"])
            if raw["days"] in DAYS and _TIME.match(opens) and _TIME.match(closes):
                return Hours(False, str(raw["days"]), opens, closes)
        self.problem(
            line,
            '`hours` is "24/7" or {days: daily|weekdays|mon_sat, '
            'from: "09:00", to: "18:00"} (times in quotes)',
        )
        return False

    def _languages(self, raw: Any, line: int) -> tuple[str, ...] | None:
        if not isinstance(raw, list) or not all(isinstance(code, str) for code in raw):
            self.problem(line, "`languages` is a list of language codes, e.g. [uk, ru, en]")
            return None
        unknown = [code for code in raw if code not in english().languages]
        if unknown:
            self.problem(line, f"unknown language code(s) {', '.join(unknown)}: use ISO 639-1")
            return None
        return tuple(raw)

    def _translated(
        self, code: str, key: str, hotline: LocatedDict
    ) -> tuple[tuple[str, str], ...] | None:
        """A text given in several languages (``names``, ``area``): {en: "...", ar: "..."};
        ``None`` when wrong (and reported)."""
        raw, line = hotline.get(key), hotline.line_of(key)
        if raw is None:
            return ()
        if (
            not isinstance(raw, LocatedDict)
            or not raw
            or not all(isinstance(value, str) and value.strip() for value in raw.values())
        ):
            self.problem(line, f"`{key}` of a hotline of {code} maps a language code to a "
                               'text, e.g. {en: "..."}')  # fmt: skip
            return None
        unknown = [str(language) for language in raw if language not in english().languages]
        if unknown:
            self.problem(line, f"unknown language code(s) {', '.join(unknown)} in `{key}`: "
                               "use ISO 639-1")  # fmt: skip
            return None
        return tuple((str(key), value.strip()) for key, value in raw.items())

    def _sourced(self, code: str, raw: LocatedDict) -> Sourced | None:
        source, checked = raw.get("source"), raw.get("checked")
        problem = _url_problem(source) if isinstance(source, str) else "a `source` is required"
        if problem:
            self.problem(
                raw.line_of("source"), f"{code}: {problem}: cite the page that gives these numbers"
            )
            return None
        if not isinstance(checked, dt.date):
            self.problem(
                raw.line_of("checked") if "checked" in raw else raw.line,
                f"{code}: `checked` must be the date the source was checked, YYYY-MM-DD",
            )
            return None
        if checked > self.today:
            self.problem(raw.line_of("checked"), f"{code}: `checked` {checked} is in the future")
            return None
        if self.today - checked > STALE_AFTER:
            self.problem(
                raw.line_of("checked"),
                f"{code}: checked on {checked}, more than 12 "
                "months ago: check the source again and update the date",
                "warning",
            )
        dated, undated = self._dated(code, raw)
        return Sourced(source, checked, dated, undated)

    def _dated(self, code: str, raw: LocatedDict) -> tuple[dt.date | None, bool]:
        """``dated:``, the date the source itself shows: YYYY-MM-DD, a year, or
        ``undated``."""
        if "dated" not in raw:
            self.problem(raw.line_of("checked") if "checked" in raw else raw.line,
                         f"{code}: record `dated`, the date the source shows (YYYY-MM-DD or "
                         "a year), or `undated` when it shows none")  # fmt: skip
            return None, False
        value, line = raw.get("dated"), raw.line_of("dated")
        if value == "undated":
            self.problem(line, f"{code}: the source shows no date: find one that does, if any",
                         "warning")  # fmt: skip
            return None, True
        if isinstance(value, int) and 1990 <= value <= self.today.year:
            dated = dt.date(value, 1, 1)
        elif isinstance(value, dt.date) and value <= self.today:
            dated = value
        else:
            self.problem(line, f"{code}: `dated` is the date the source shows: YYYY-MM-DD, "
                               "a year (YYYY), or `undated`")  # fmt: skip
            return None, False
        if self.today.year - dated.year > OLD_SOURCE_YEARS:
            old = f"more than {OLD_SOURCE_YEARS} years old: find a current one"
            self.problem(line, f"{code}: the source is from {dated.year}, {old}", "warning")
        return dated, False


def _url_problem(value: str) -> str | None:
    """Sources are cited as they are: many official pages are still served over http."""
    if value.startswith(("https://", "http://")) and " " not in value and "." in value:
        return None
    return f"{value!r} is not a web address starting with https:// or http://"


def _digits(number: str) -> str:
    return "".join(char for char in number if char.isdigit())


def _text(value: Any) -> str | None:
    return str(value).strip() if value is not None else None


def directory_entry(country: Country) -> dict[str, Any]:
    """A country's entry as plain data, for ``python -m bot hotlines --format json``."""
    emergency, blocked = country.emergency, country.telegram_blocked
    return {
        "code": country.code,
        "name": english().territories.get(country.code, country.code),
        "region": country.region,
        "emergency": {
            "numbers": list(emergency.numbers),
            "police": emergency.police,
            "ambulance": emergency.ambulance,
            "fire": emergency.fire,
            **_sourced_entry(emergency.sourced),
        },
        "has_trafficking_line": country.has_trafficking_line,
        "telegram_blocked": blocked and _sourced_entry(blocked),
        "hotlines": [_hotline_entry(hotline) for hotline in country.hotlines],
    }


def _hotline_entry(hotline: Hotline) -> dict[str, Any]:
    entry = {
        key: getattr(hotline, key)
        for key in ("name", "kind", "from_abroad", "sms", "whatsapp", "telegram", "chat",
                    "email", "website", *FLAGS, "operator")
    }  # fmt: skip
    entry["phones"] = list(hotline.phones)
    entry["languages"] = list(hotline.languages)
    entry["names"] = dict(hotline.names)
    entry["area"] = dict(hotline.area) or None
    hours = hotline.hours
    entry["hours"] = (
        None
        if hours is None
        else (
            "24/7"
            if hours.always
            else {"days": hours.days, "from": hours.opens, "to": hours.closes}
        )
    )
    return {**entry, **_sourced_entry(hotline.sourced)}


def _sourced_entry(sourced: Sourced) -> dict[str, str | None]:
    dated = "undated" if sourced.undated else (sourced.dated.isoformat() if sourced.dated
                                                else None)  # fmt: skip
    return {"source": sourced.source, "dated": dated, "checked": sourced.checked.isoformat()}
