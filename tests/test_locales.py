"""Interface wording: checking locale files, falling back to English, choosing a language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.content.locales import Locales, check_locales, load_locales, placeholders
from bot.content.sources import ContentError, Problem
from bot.features.registry import wording_keys

REQUIRED_KEYS = wording_keys()  # every key some feature asks for

REPO = Path(__file__).resolve().parent.parent
REAL_EN = (REPO / "locales" / "en.yaml").read_text(encoding="utf-8")
EN = "locales/en.yaml"
ES = "locales/es.yaml"

# A small Spanish locale; line numbers are used by the tests.
SMALL_ES = """\
language_name: Español
text_direction: ltr
back: "◀ Atrás"
language_set: "Idioma: {language}"
"""
ES_LANGUAGE_SET_LINE = 4


@pytest.fixture
def locales_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    directory = tmp_path / "locales"
    directory.mkdir()
    (directory / "en.yaml").write_text(REAL_EN, encoding="utf-8")
    return directory


def write(directory: Path, name: str, text: str) -> None:
    (directory / name).write_text(text, encoding="utf-8")


def errors_of(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == "error"]


def english_line(prefix: str) -> int:
    """The line of real en.yaml that starts with ``prefix``."""
    (number,) = [n for n, line in enumerate(REAL_EN.splitlines(), 1) if line.startswith(prefix)]
    return number


def assert_rejected(directory: Path, file: str, line: int, phrase: str) -> Problem:
    locales, problems = check_locales(directory)
    assert locales is None
    errors = errors_of(problems)
    assert len(errors) == 1, errors
    (error,) = errors
    assert (error.file, error.line) == (file, line), error
    assert phrase in error.message
    with pytest.raises(ContentError) as caught:
        load_locales(directory)
    assert caught.value.problems == [error]
    return error


def make_locales(*languages: str) -> Locales:
    english = yaml.safe_load(REAL_EN)
    strings = {"en": english}
    for language in languages:
        strings[language] = {"language_name": language.upper()}
    return Locales(strings=strings, missing={})


# --- the real locales ---------------------------------------------------------------------


def test_real_locales_have_no_problems() -> None:
    locales, problems = check_locales(REPO / "locales")
    assert problems == []
    assert locales is not None
    assert locales.languages[0] == "en"
    assert set(locales.strings["en"]) >= REQUIRED_KEYS


def test_fixture_english_alone_is_valid(locales_dir: Path) -> None:
    locales, problems = check_locales(locales_dir)
    assert problems == []
    assert locales is not None
    assert locales.languages == ("en",)
    assert locales.missing["en"] == frozenset()


# --- English defines the keys -------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(REQUIRED_KEYS))
def test_missing_required_key_in_english(locales_dir: Path, key: str) -> None:
    data = yaml.safe_load(REAL_EN)
    del data[key]
    write(locales_dir, "en.yaml", yaml.safe_dump(data, allow_unicode=True))
    error = assert_rejected(locales_dir, EN, 0, f"the key `{key}` is missing")
    assert "the bot needs it" in error.message


def test_english_may_define_extra_keys(locales_dir: Path) -> None:
    write(locales_dir, "en.yaml", REAL_EN + 'extra_note: "Thanks."\n')
    locales = load_locales(locales_dir)
    assert locales.get("en", "extra_note") == "Thanks."


def test_english_locale_missing(locales_dir: Path) -> None:
    (locales_dir / "en.yaml").unlink()
    write(locales_dir, "es.yaml", SMALL_ES)
    assert_rejected(locales_dir, EN, 0, "the English locale is missing")


def test_syntax_error_in_english_is_not_reported_as_missing(locales_dir: Path) -> None:
    write(locales_dir, "en.yaml", "language_name: English\nback: Back: now\n")
    error = assert_rejected(locales_dir, EN, 2, "YAML syntax error")
    assert error.column == 11
    assert "missing" not in error.message


def test_empty_english_locale(locales_dir: Path) -> None:
    write(locales_dir, "en.yaml", "# to be written\n")
    assert_rejected(locales_dir, EN, 0, "the file is empty")


def test_locale_that_is_not_a_mapping(locales_dir: Path) -> None:
    write(locales_dir, "es.yaml", "- back\n- home\n")
    assert_rejected(locales_dir, ES, 1, "expected `key: wording` lines")


def test_locale_file_not_named_by_language_code(locales_dir: Path) -> None:
    write(locales_dir, "spanish.yaml", SMALL_ES)
    assert_rejected(locales_dir, "locales/spanish.yaml", 0, "name locale files by language code")


# --- translations -------------------------------------------------------------------------


def test_key_english_lacks(locales_dir: Path) -> None:
    write(locales_dir, "es.yaml", SMALL_ES + 'bakc: "Atrás"\n')
    error = assert_rejected(locales_dir, ES, 5, "`bakc` is not a key of the English locale")
    assert "add it to en.yaml first or remove it" in error.message


@pytest.mark.parametrize(
    ("wording", "theirs"),
    [
        ('"Idioma: {lang}"', "['lang']"),
        ('"Idioma"', "[]"),
        ('"Idioma: {language} {code}"', "['code', 'language']"),
        ('"Idioma: {language"', "['<unbalanced braces>']"),
    ],
)
def test_placeholder_mismatch(locales_dir: Path, wording: str, theirs: str) -> None:
    write(locales_dir, "es.yaml", SMALL_ES.replace('"Idioma: {language}"', wording))
    error = assert_rejected(
        locales_dir, ES, ES_LANGUAGE_SET_LINE, "`language_set` must use the placeholders"
    )
    assert f"['language'] like English, not {theirs}" in error.message


def test_placeholder_where_english_has_none(locales_dir: Path) -> None:
    write(locales_dir, "es.yaml", SMALL_ES + 'home: "{icon} Menú"\n')
    error = assert_rejected(locales_dir, ES, 5, "`home` must use the placeholders none")
    assert "not ['icon']" in error.message


def test_empty_wording(locales_dir: Path) -> None:
    write(locales_dir, "es.yaml", SMALL_ES + 'home: "  "\n')
    assert_rejected(locales_dir, ES, 5, "`home` needs some wording")


def test_text_direction_invalid_in_a_translation(locales_dir: Path) -> None:
    write(locales_dir, "es.yaml", SMALL_ES.replace("text_direction: ltr", "text_direction: up"))
    assert_rejected(locales_dir, ES, 2, "`text_direction` must be ltr or rtl")


def test_text_direction_invalid_in_english(locales_dir: Path) -> None:
    write(locales_dir, "en.yaml", REAL_EN.replace("text_direction: ltr", "text_direction: RTL"))
    assert_rejected(
        locales_dir, EN, english_line("text_direction:"), "`text_direction` must be ltr or rtl"
    )


def test_rtl_language(locales_dir: Path) -> None:
    write(locales_dir, "ar.yaml", "language_name: العربية\ntext_direction: rtl\n")
    locales = load_locales(locales_dir)
    assert locales.is_rtl("ar")
    assert not locales.is_rtl("en")
    assert locales.name("ar") == "العربية"


def test_missing_translation_is_a_warning_and_falls_back_to_english(locales_dir: Path) -> None:
    write(locales_dir, "es.yaml", SMALL_ES)
    locales, problems = check_locales(locales_dir)
    assert locales is not None
    assert len(problems) == 1
    (warning,) = problems
    assert (warning.file, warning.line, warning.severity) == (ES, 0, "warning")
    untranslated = sorted(REQUIRED_KEYS - {"language_name", "text_direction", "back"})
    untranslated.remove("language_set")
    assert warning.message.startswith(f"{len(untranslated)} key(s) not translated")
    assert warning.message.endswith(", ".join(untranslated))
    assert locales.missing["es"] == frozenset(untranslated)

    loaded = load_locales(locales_dir)  # warnings do not stop the bot
    assert loaded.get("es", "back") == "◀ Atrás"
    assert loaded.get("es", "home") == loaded.get("en", "home") == "🏠 Menu"
    assert loaded.get("fr", "home") == "🏠 Menu"  # an unknown language falls back too


def test_wording_is_stripped(locales_dir: Path) -> None:
    write(locales_dir, "es.yaml", SMALL_ES.replace('"◀ Atrás"', '"  ◀ Atrás  "'))
    assert load_locales(locales_dir).get("es", "back") == "◀ Atrás"


def test_all_locale_errors_reported_at_once(locales_dir: Path) -> None:
    write(
        locales_dir,
        "es.yaml",
        'language_name: Español\ntext_direction: sideways\nlanguage_set: "{lang}"\nbakc: x\n',
    )
    with pytest.raises(ContentError) as caught:
        load_locales(locales_dir)
    assert [(p.file, p.line) for p in caught.value.problems] == [(ES, 2), (ES, 3), (ES, 4)]


def test_languages_english_first_then_by_code() -> None:
    locales = make_locales("zh", "es", "ar")
    assert locales.languages == ("en", "ar", "es", "zh")


def test_placeholders() -> None:
    assert placeholders("Language: {language}") == {"language"}
    assert placeholders("{a} and {b}") == {"a", "b"}
    assert placeholders("no fields") == set()
    assert placeholders("{{literal}}") == set()


# --- Locales.get --------------------------------------------------------------------------


def test_get_fills_a_placeholder_named_language(locales_dir: Path) -> None:
    write(locales_dir, "es.yaml", SMALL_ES)
    locales = load_locales(locales_dir)
    assert locales.get("es", "language_set", language="Español") == "Idioma: Español"
    assert locales.get("en", "language_set", language="English") == "Language: English"


def test_get_fills_placeholders_in_the_english_fallback() -> None:
    locales = make_locales("es")  # Spanish lacks language_set
    assert locales.get("es", "language_set", language="Español") == "Language: Español"


def test_get_without_values_leaves_braces_alone() -> None:
    locales = make_locales()
    assert locales.get("en", "language_set") == "Language: {language}"


# --- Locales.resolve ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("saved", "telegram_code", "default", "expected"),
    [
        # a saved choice wins over everything
        ("es", "pt-BR", "zh", "es"),
        ("en", "es-MX", "es", "en"),
        # a saved language no longer offered is ignored
        ("fr", "es-MX", "zh", "es"),
        # Telegram's language_code: its primary subtag
        (None, "es-MX", "en", "es"),
        (None, "zh-hans", "en", "zh"),
        (None, "pt_BR", "en", "pt"),
        (None, "ES", "en", "es"),
        (None, "es", "en", "es"),
        # Telegram's language not offered, or not given: the default
        (None, "de-DE", "zh", "zh"),
        (None, None, "zh", "zh"),
        (None, "", "pt", "pt"),
        ("", "", "es", "es"),
        # a default that is not offered: English
        (None, "de", "xx", "en"),
        ("fr", None, "de", "en"),
    ],
)
def test_resolve_order(
    saved: str | None, telegram_code: str | None, default: str, expected: str
) -> None:
    locales = make_locales("es", "zh", "pt")
    assert locales.resolve(saved, telegram_code, default) == expected


def test_an_unindented_line_of_a_text_block_is_reported(tmp_path: Path) -> None:
    locales_dir = tmp_path / "locales"
    locales_dir.mkdir()
    english = REAL_EN + "help_more: |\n  First line.\nSecond line: not indented.\n"
    (locales_dir / "en.yaml").write_text(english, encoding="utf-8")
    _, problems = check_locales(locales_dir)
    warnings = [p for p in problems if "never uses the key" in p.message]
    assert {p.message.split("`")[1] for p in warnings} == {"help_more", "Second line"}
