"""Where a user is: a country from its name in any language, or from a shared location.

Country names come from the Unicode CLDR through Babel, in every language the bot speaks
and in each country's own official languages ("Deutschland", "ประเทศไทย"), plus the
aliases in ``content/country_aliases.yaml`` ("USA", "Holland"). Typing is forgiven: case,
accents, and small typos ("Ukriane") still find the country.

A location is mapped offline, with no outside service: a land mask says whether the point
is on land, and the nearest known place (GeoNames, shipped with ``reverse_geocode``) says
in which country. A point at sea counts for a country only close to its shore.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from babel.languages import get_official_languages
from rapidfuzz import fuzz, process

from bot.content.names import english, known_locale
from bot.content.sources import LocatedDict, Problem, display_path, load_yaml
from bot.content.textmatch import WORD, has_cjk, normalize

MIN_SIMILARITY = 80  # out of 100: "ukriane", "frence" find the country, "help" nothing
FORM_LENGTH = 5  # a word this long may take endings ("Польше", "Туреччині")
MAX_NAME_WORDS = 3  # longer texts are sentences, not a name with a typo
TYPO_IN_SENTENCE = 7  # a name this long may have a typo inside a sentence too
SENTENCE_SIMILARITY = 88  # out of 100: stricter than for a name typed alone
MAX_TYPO_LOOKUPS = 4
# Words before a place: a short name counts after them ("in Peru", "на Кубе", "في قطر").
_BEFORE_A_PLACE = frozenset({"in", "from", "to", "en", "de", "au", "a", "du", "desde", "в", "во",
                             "у", "на", "فی", "في", "ف", "من", "الي"})  # fmt: skip
_PARENTHESES = re.compile(r"[()]")
_VOWELS = frozenset("aeiouyаеёиоуыэюяіїєйьاويةه")
_ARABIC_PREFIXES = ("وال", "بال", "لل", "فال", "ال", "و", "ب", "ل", "ف")
MAPS = Path(__file__).resolve().parent / "maps"
COASTAL_KM = 25.0  # a point at sea this close to a country's shore counts for it
# CLDR territory codes that are not countries a person can be in.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AQ", "BV", "HM", "CP", "DG", "EA",
                  "IC", "TA", "CQ"}  # fmt: skip


@cache
def known_countries() -> frozenset[str]:
    """The codes of :func:`country_codes`, to look up."""
    return frozenset(country_codes())


def country_codes() -> list[str]:
    """Every ISO 3166 country and territory a person can be in."""
    return sorted(code for code in english().territories
                  if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES)  # fmt: skip


@dataclass(frozen=True)
class CountryNames:
    """Normalized country names, each pointing to an ISO code; and, to find a country
    inside a sentence, each name's words as they begin in any of its forms."""

    names: Mapping[str, str]
    # first word's beginning -> (every word's beginning, code), longest names first
    starts: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    cjk: tuple[tuple[str, str], ...] = ()  # Chinese names, longest first, and their codes
    long_words: tuple[str, ...] = ()  # one-word names long enough to forgive a typo in

    @classmethod
    def build(
        cls, languages: Iterable[str], aliases: Mapping[str, str] | None = None
    ) -> CountryNames:
        codes = country_codes()
        names: dict[str, str] = {}
        locales = {language: known_locale(language) for language in languages}
        for code in codes:
            own = {lang: known_locale(lang) for lang in get_official_languages(code, de_facto=True)}
            for found in (*locales.values(), *own.values()):
                if found is not None and code in found.territories:
                    names.setdefault(normalize(found.territories[code]), code)
        for alias, code in (aliases or {}).items():
            names[normalize(alias)] = code
        for name, code in list(names.items()):  # "myanmar (burma)": "myanmar" and "burma"
            for part in _PARENTHESES.split(name):
                if part.strip(" ,") and part.strip(" ,") != name:
                    names.setdefault(part.strip(" ,"), code)
        starts: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        cjk = []
        for name, code in names.items():
            if has_cjk(name):
                cjk.append((name, code))
                continue
            beginnings = tuple(_beginning(word) for word in WORD.findall(name))
            if beginnings:
                starts.setdefault(beginnings[0], []).append((beginnings, code))
        ordered = {first: tuple(sorted(found, key=lambda item: -len(item[0])))
                   for first, found in starts.items()}  # fmt: skip
        long_words = tuple(name for name in names
                           if len(name) >= TYPO_IN_SENTENCE and name.isalpha())  # fmt: skip
        return cls(names, ordered, tuple(sorted(cjk, key=lambda item: -len(item[0]))),
                   long_words)  # fmt: skip

    def find_in(self, text: str) -> str | None:
        """A country named inside a sentence ("I am in Turkey", "я сейчас в Польше",
        "我在泰国"), in any of the forms its words take; ``None`` when none is named."""
        folded = normalize(text)
        for name, code in self.cjk:
            if name in folded:
                return code
        found = WORD.findall(folded)
        for index, word in enumerate(found):
            placed = index > 0 and found[index - 1] in _BEFORE_A_PLACE
            for first in _beginnings_of(word):
                for beginnings, code in self.starts.get(first, ()):
                    window = found[index : index + len(beginnings)]
                    if len(window) == len(beginnings) and all(
                        _forms_of(written, beginning, placed)
                        for written, beginning in zip(window, beginnings, strict=True)
                    ):
                        return code
        longer = [word for word in found if len(word) >= TYPO_IN_SENTENCE]
        for word in longer[:MAX_TYPO_LOOKUPS]:  # "I'm from the Philipines"
            match = process.extractOne(word, self.long_words, scorer=fuzz.ratio,
                                       score_cutoff=SENTENCE_SIMILARITY)  # fmt: skip
            if match:
                return self.names[match[0]]
        return None

    def find(self, text: str) -> str | None:
        """The country ``text`` names, forgiving case, accents and typos; else ``None``."""
        query = normalize(text).strip(" .!?,;:\"'()")
        if not query:
            return None
        if query in self.names:
            return self.names[query]
        if has_cjk(query) or len(query) < 4 or len(query.split()) > MAX_NAME_WORDS:
            return None  # too short to guess from, CJK typos are not letter swaps, and a
            # sentence is not a misspelt name
        match = process.extractOne(query, self.names.keys(), scorer=fuzz.ratio,
                                   score_cutoff=MIN_SIMILARITY)  # fmt: skip
        return self.names[match[0]] if match else None

    def starting_with(self, text: str) -> list[str]:
        """Countries with a name (in any language known) that begins with ``text``."""
        query = normalize(text).strip()
        if len(query) < 2:
            return []
        return sorted({code for name, code in self.names.items() if name.startswith(query)})


def _beginning(word: str) -> str:
    """What the forms of a name's word share: "polsha" in "польша", "польше", "польшу";
    a word of five letters or more loses its last letter, if a vowel, and any Arabic
    article."""
    word = word.removeprefix("ال") if len(word) > 4 else word
    if len(word) >= FORM_LENGTH and word[-1] in _VOWELS:
        return word[:-1]
    return word


def _beginnings_of(word: str) -> list[str]:
    """The beginnings a written word may have: itself and itself shorter by one to three
    letters (a declension's ending), and without a joined Arabic preposition or article."""
    found = _without_prepositions(word)
    found += [form[:-cut] for form in list(found) for cut in (1, 2, 3)
              if len(form) - cut >= FORM_LENGTH - 1]  # fmt: skip
    return list(dict.fromkeys(found))


def _without_prepositions(word: str) -> list[str]:
    """The word, and without a joined Arabic preposition or article ("بالاردن")."""
    return [word, *(word[len(prefix) :] for prefix in _ARABIC_PREFIXES
                    if word.startswith(prefix) and len(word) - len(prefix) >= 3)]  # fmt: skip


def _forms_of(written: str, beginning: str, placed: bool) -> bool:
    """Whether a written word is a form of the name's word that begins with ``beginning``;
    ``placed``: it follows "in", "from"... A short name ("peru", "того", "мали") is often
    a word too: inside a sentence it counts only as written, after such a word."""
    if len(beginning) < FORM_LENGTH:
        return placed and any(form.startswith(beginning) and len(form) - len(beginning) <= 2
                              for form in _without_prepositions(written))  # fmt: skip
    return any(form.startswith(beginning) and len(form) - len(beginning) <= 3
               for form in _beginnings_of(written)[:1 + len(_ARABIC_PREFIXES)])  # fmt: skip


def load_aliases(path: Path) -> tuple[dict[str, str], list[Problem]]:
    """``content/country_aliases.yaml``: other names for countries, e.g. ``USA: US``."""
    if not path.exists():
        return {}, []
    data, problems = load_yaml(path, display_path(path))
    if data is None:
        return {}, problems
    known = set(country_codes())
    aliases: dict[str, str] = {}
    if not isinstance(data, LocatedDict):
        return {}, [Problem(display_path(path), 1, "expected `name: CODE` lines, e.g. USA: US")]
    for alias, code in data.items():
        if not isinstance(alias, str) or code not in known:
            problems.append(
                Problem(
                    display_path(path),
                    data.line_of(alias),
                    f"{alias!r}: {code!r} is not an ISO country code",
                )
            )
        else:
            aliases[alias] = code
    return aliases, problems


def forget_locale_data() -> None:
    """Let go of CLDR data loaded to build the tables: the country names of about a hundred
    locales (some 60 MiB), of which a running bot then needs a few, which babel loads
    again on demand. Fewer objects also make Python's full garbage collections shorter."""
    from babel import localedata

    known_locale.cache_clear()
    if hasattr(localedata, "clear_caches"):  # babel 2.19 and later: both of its caches
        localedata.clear_caches()
        return
    with localedata._cache_lock:  # older babel: its one cache (private, stable since 2.0)
        localedata._cache.clear()


def country_at(latitude: float, longitude: float) -> str | None:
    """The country at a point, or ``None`` at sea or off the map. Loads the maps once."""
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        return None
    land, geocoder = _maps()
    nearest: dict[str, Any] = geocoder.get((latitude, longitude))
    if not nearest or not nearest.get("country_code"):
        return None
    on_land = land.is_land(latitude, longitude)
    distance = _km(latitude, longitude, float(nearest["latitude"]), float(nearest["longitude"]))
    if not on_land and distance > COASTAL_KM:
        return None
    return str(nearest["country_code"])


class LandMask:
    """Land or sea, in cells of 0.05° (about 5 km), one bit each: 3 MB in memory. A cell is
    land if any part of it is (coasts count as land). Made from global-land-mask's 1 km
    GLOBE mask (NOAA data, MIT-licensed package) by ``bot/maps/README.md``'s recipe."""

    def __init__(self, path: Path = MAPS / "land_0.05deg.npz") -> None:
        import numpy as np

        with np.load(path) as data:
            self.bits = data["land"]  # rows from 90° N southwards, columns from 180° W
            self.rows, self.cols = int(data["rows"]), int(data["cols"])
            self.step = float(data["lon_step"])

    def is_land(self, latitude: float, longitude: float) -> bool:
        row = min(max(int((90.0 - latitude) / self.step), 0), self.rows - 1)
        col = min(max(int((longitude + 180.0) / self.step), 0), self.cols - 1)
        return bool(self.bits[row, col >> 3] >> (7 - (col & 7)) & 1)


@cache
def _maps() -> tuple[LandMask, Any]:
    """The land mask and the place index: loaded on first use (about a second)."""
    import reverse_geocode

    return LandMask(), reverse_geocode


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
