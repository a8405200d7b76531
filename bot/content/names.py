"""Names of countries and languages in every language, from the Unicode CLDR (Babel), so
they are right without translators; and a country's flag."""

from __future__ import annotations

import unicodedata
from functools import cache

from babel import Locale, UnknownLocaleError

# Scripts whose labels start with a capital ("Español"); not Georgian, whose capitals are
# for titles only, nor scripts without case.
_CAPITALISED = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN")


@cache
def english() -> Locale:
    return Locale("en")


@cache
def known_locale(language: str) -> Locale | None:
    """Babel's locale for ``language``, or ``None`` when CLDR does not know it."""
    try:
        return Locale.parse(language)
    except (ValueError, UnknownLocaleError):
        return None


def locale(language: str) -> Locale:
    """Babel's locale for ``language``; English when CLDR does not know it."""
    return known_locale(language) or english()


def country_name(code: str, language: str) -> str:
    """The name of country ``code`` in ``language`` (English, or the code, if unknown)."""
    return locale(language).territories.get(code) or english().territories.get(code, code)


def language_name(code: str, language: str, label: bool = False) -> str:
    """The name of language ``code`` in ``language``, as CLDR writes it mid-sentence
    ("английский"); with ``label``, capitalised to stand alone as a button's label where
    its script has capitals ("Английский")."""
    if not label:
        return locale(language).languages.get(code) or code
    named = known_locale(code)
    if named is None:
        return code
    try:
        name = named.get_display_name(language) or code
    except (UnknownLocaleError, ValueError):  # ``language`` unknown to CLDR
        return code
    first = name[:1]
    if first and unicodedata.name(first, "").startswith(_CAPITALISED):
        return first.upper() + name[1:]
    return name


def flag(code: str) -> str:
    """The flag emoji of a country: its two letters as regional indicator symbols."""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code.upper())


def scripts(text: str) -> frozenset[str]:
    """The scripts ``text``'s letters are written in, by their Unicode names: LATIN,
    CYRILLIC, ARABIC, CJK (Chinese), THAI..."""
    return frozenset(_script(char) for char in text if char.isalpha()) - {"?"}


def _script(letter: str) -> str:
    """A letter's script, the first word of its Unicode name ("?" when it has none)."""
    return unicodedata.name(letter, "?").split()[0]


@cache
def _script_of(language: str) -> frozenset[str]:
    """The script(s) ``language`` is written in: those of its own name in CLDR."""
    named = known_locale(language)
    return scripts(named.get_display_name(language) or "") if named else frozenset({"LATIN"})


def readable(text: str, language: str) -> bool:
    """Whether a reader of ``language`` can read ``text``: most of its letters are in the
    language's script. An English reader cannot read "Ла Страда", an Arabic reader cannot
    read "Hotline"; "الخط الساخن 800SAVE" is Arabic with a Latin name in it."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return True
    own = _script_of(language)
    mine = sum(1 for char in letters if _script(char) in own)
    return mine * 2 >= len(letters)
