"""The translators' exchange: staleness, export to CSV and XLIFF, import back into YAML."""

from __future__ import annotations

import csv
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.content.bundle import load_bundle
from bot.content.coverage import coverage
from bot.content.translations import source_hash
from tests.conftest import CONTENT_DIR, LOCALES_DIR
from tests.test_cli import one_error_line
from tests.test_process import bot_env, run_bot

CHANGED_EN = ("Calling can feel frightening. This is what usually happens:",
              "Calling can feel frightening. Here is what usually happens:")  # fmt: skip
KEY = "page call_what_happens: text"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(CONTENT_DIR, tmp_path / "content")
    shutil.copytree(LOCALES_DIR, tmp_path / "locales")
    return tmp_path


def env(site: Path) -> dict[str, str]:
    return bot_env(
        site, BOT_CONTENT_DIR=str(site / "content"), BOT_LOCALES_DIR=str(site / "locales")
    )


def change_english(site: Path) -> None:
    path = site / "content" / "text" / "en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(*CHANGED_EN), encoding="utf-8")


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.open(encoding="utf-8-sig")))


def test_every_translation_is_current_today() -> None:
    bundle = load_bundle(CONTENT_DIR, LOCALES_DIR)
    for language, item in coverage(bundle).items():
        assert item.stale == (), language


def test_changing_the_english_makes_every_translation_of_it_stale(site: Path) -> None:
    change_english(site)
    covered = coverage(load_bundle(site / "content", site / "locales"))
    assert covered["en"].stale == ()
    for language in ("ar", "es", "fr", "ru", "uk", "zh"):
        assert covered[language].stale == (KEY,), language
        assert covered[language].percent < 100.0


def test_a_translation_nobody_confirmed_is_stale(site: Path) -> None:
    (site / "content" / "translations" / "fr.yaml").unlink()
    covered = coverage(load_bundle(site / "content", site / "locales"))
    assert covered["fr"].translated == 0
    assert len(covered["fr"].stale) == covered["fr"].total


def test_export_csv_lists_stale_and_missing_strings_with_their_english(site: Path) -> None:
    change_english(site)
    locale = site / "locales" / "es.yaml"
    locale.write_text(locale.read_text(encoding="utf-8").replace('back: "◀ Atrás"\n', ""),
                      encoding="utf-8")  # fmt: skip
    out = site / "es.csv"

    result = run_bot(env(site), "translations", "export", "--lang", "es", "-o", str(out))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 string(s) for es (1 missing, 1 stale)" in result.stdout
    rows = {row["key"]: row for row in read_csv(out)}
    assert rows[KEY]["status"] == "stale"
    assert rows[KEY]["english"].startswith(CHANGED_EN[1])
    assert rows[KEY]["previous_translation"].startswith("Llamar puede dar miedo.")
    assert rows["locale: back"] == {"key": "locale: back", "status": "missing",
                                    "english": "◀ Back", "translation": "",
                                    "previous_translation": "",
                                    "english_hash": source_hash("◀ Back")}  # fmt: skip


def test_export_xliff_for_translation_tools(site: Path) -> None:
    change_english(site)
    out = site / "zh.xlf"
    result = run_bot(env(site), "translations", "export", "--lang", "zh", "-o", str(out))
    assert result.returncode == 0, result.stderr
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    root = ET.parse(out).getroot()
    assert root.find("x:file", ns).get("target-language") == "zh"
    (unit,) = root.iter("{urn:oasis:names:tc:xliff:document:1.2}trans-unit")
    assert unit.get("id") == KEY
    assert unit.findtext("x:source", namespaces=ns).startswith(CHANGED_EN[1])
    assert unit.findtext("x:note", namespaces=ns).startswith("stale; was: ")


def test_import_round_trip_keeps_comments_and_order(site: Path) -> None:
    change_english(site)
    out = site / "es.csv"
    run_bot(env(site), "translations", "export", "--lang", "es", "-o", str(out))
    rows = read_csv(out)
    rows[0]["translation"] = "Llamar puede dar miedo. Esto es lo que suele pasar:\n\n• Uno."
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    spanish = site / "content" / "text" / "es.yaml"
    before = spanish.read_text(encoding="utf-8").splitlines()

    result = run_bot(env(site), "translations", "import", "--lang", "es", str(out))

    assert result.returncode == 0, result.stdout + result.stderr
    after = spanish.read_text(encoding="utf-8").splitlines()
    assert after[:5] == before[:5], "the header comments stay"
    assert [line for line in after if line not in before] == ["    • Uno."]
    text = after.index("  text: |", after.index("call_what_happens:"))  # after title, keywords
    assert after[text + 1 : text + 4] == [
        "    Llamar puede dar miedo. Esto es lo que suele pasar:",
        "",
        "    • Uno.",
    ]
    assert len(before) - len(after) > 3, "the old text's other lines are gone"
    bundle = load_bundle(site / "content", site / "locales")
    assert bundle.content.texts["es"]["call_what_happens"].text.endswith("• Uno.")
    assert coverage(bundle)["es"].stale == ()
    assert coverage(bundle)["fr"].stale == (KEY,)


def test_an_import_that_would_break_the_content_is_undone(site: Path) -> None:
    out = site / "fr.csv"
    out.write_text('key,translation\n"page signs: text","<b>Signes"\n', encoding="utf-8")
    french = site / "content" / "text" / "fr.yaml"
    before = french.read_text(encoding="utf-8")

    result = run_bot(env(site), "translations", "import", "--lang", "fr", str(out))

    assert result.returncode == 1
    assert "the import was undone" in result.stdout
    assert "content/text/fr.yaml:" in result.stdout
    assert french.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("text", "message"),
    [("key,translation\n\"page nowhere: title\",\"x\"\n", "not strings of the current English"),
     ("key,translation\n\"rm -rf\",\"x\"\n", "is not a key this bot exported"),
     ("a,b\n1,2\n", "must name the columns key and translation")],
)  # fmt: skip
def test_bad_import_files_are_refused_with_one_clear_line(
    site: Path, text: str, message: str
) -> None:
    out = site / "bad.csv"
    out.write_text(text, encoding="utf-8")
    result = run_bot(env(site), "translations", "import", "--lang", "es", str(out))
    assert result.returncode == 1
    assert message in result.stdout


def test_confirm_marks_hand_edited_translations_current(site: Path) -> None:
    change_english(site)
    result = run_bot(env(site), "translations", "confirm", "--lang", "uk", "--key", KEY)
    assert result.returncode == 0, result.stdout
    covered = coverage(load_bundle(site / "content", site / "locales"))
    assert covered["uk"].stale == ()
    assert covered["ru"].stale == (KEY,)


def test_status_json(site: Path) -> None:
    change_english(site)
    result = run_bot(env(site), "translations", "status", "--format", "json")
    report = json.loads(result.stdout)
    assert report["es"]["stale"] == [KEY]
    assert report["en"]["percent"] == 100.0


def test_strict_validation_fails_on_warnings(site: Path) -> None:
    pages = site / "content" / "pages.yaml"
    pages.write_text(pages.read_text(encoding="utf-8").replace("      - blue_heart\n", "", 1),
                     encoding="utf-8")  # fmt: skip
    assert run_bot(env(site), "validate").returncode == 0
    strict = run_bot(env(site), "validate", "--strict")
    assert strict.returncode == 1
    assert "warning: page `blue_heart` cannot be reached" in strict.stdout
    assert "FAILED (--strict: warnings count)" in strict.stdout


def test_a_row_whose_english_changed_after_the_export_is_not_imported(site: Path) -> None:
    out = site / "ru.csv"
    run_bot(env(site), "translations", "export", "--lang", "ru", "--all", "-o", str(out))
    rows = [row for row in read_csv(out) if row["key"] == KEY]
    rows[0]["translation"] = "Перевод старого английского текста."
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    change_english(site)  # someone edits the English while the translator works

    result = run_bot(env(site), "translations", "import", "--lang", "ru", str(out))

    assert result.returncode == 1
    assert f"skipped {KEY}: its English changed after the export" in result.stdout
    bundle = load_bundle(site / "content", site / "locales")
    assert "Перевод старого" not in bundle.content.texts["ru"]["call_what_happens"].text
    assert coverage(bundle)["ru"].stale == (KEY,)


def test_validate_warns_about_stale_translations(site: Path) -> None:
    change_english(site)
    result = run_bot(env(site), "validate")
    assert result.returncode == 0
    assert "content/translations/es.yaml: warning: 1 es translation(s) are stale" in result.stdout
    assert run_bot(env(site), "validate", "--strict").returncode == 1


# In-process: the checks of --lang and of the files -------------------------------------------


@pytest.fixture
def in_site(site: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``main()`` on the site's copy of the content, with no settings from outside."""
    for key, value in env(site).items():
        if key.startswith("BOT_"):
            monkeypatch.setenv(key, value)
    monkeypatch.chdir(site)  # export's default file lands here
    return site


TRANSLATED = "ar, es, fr, ru, uk, zh"


def test_importing_a_file_that_does_not_exist_says_so_with_exit_2(
    in_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["translations", "import", "--lang", "es", "missing.csv"]) == 2
    assert one_error_line(capsys) == "error: no such file: missing.csv"


@pytest.mark.parametrize("action", [["export"], ["import", "fr.csv"], ["confirm"]])
def test_an_unknown_language_is_refused_with_the_known_ones(
    in_site: Path, capsys: pytest.CaptureFixture[str], action: list[str]
) -> None:
    (in_site / "fr.csv").write_text("key,translation\n", encoding="utf-8")

    assert main(["translations", action[0], "--lang", "xx", *action[1:]]) == 2

    new = ", or a new language's ISO 639 code such as pt" if action[0] != "confirm" else ""
    expected = f"error: unknown language 'xx': choose one of {TRANSLATED}{new}"
    assert one_error_line(capsys) == expected
    assert not list(in_site.glob("translations-*"))


def test_the_source_language_is_not_a_language_to_translate_into(
    in_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["translations", "export", "--lang", "EN"]) == 2
    assert one_error_line(capsys) == (
        "error: --lang en is the language translations are made from: give one to translate "
        f"into ({TRANSLATED})"
    )


def test_export_takes_the_language_in_any_case(
    in_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = in_site / "fr.xlf"
    assert main(["translations", "export", "--lang", "FR", "--all", "-o", str(out)]) == 0
    assert 'target-language="fr"' in out.read_text(encoding="utf-8")
    assert capsys.readouterr().out.startswith(f"{out}: ")


def test_export_for_a_new_language_says_it_is_new(
    in_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["translations", "export", "--lang", "pt"]) == 0

    rows = read_csv(in_site / "translations-pt.csv")
    assert rows
    assert {row["status"] for row in rows} == {"missing"}
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "pt (Portuguese) is a new language: every string is to translate."


@pytest.mark.parametrize("action", [["export", "-o", "fr.txt"], ["import", "fr.txt"]])
def test_only_csv_and_xliff_files_are_exchanged(
    in_site: Path, capsys: pytest.CaptureFixture[str], action: list[str]
) -> None:
    (in_site / "fr.txt").write_text("key,translation\n", encoding="utf-8")

    assert main(["translations", action[0], "--lang", "fr", *action[1:]]) == 2

    assert one_error_line(capsys) == "error: fr.txt must end in .csv, .xlf or .xliff"


def test_export_into_a_missing_folder_is_one_line(
    in_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = in_site / "nowhere" / "fr.csv"
    assert main(["translations", "export", "--lang", "fr", "-o", str(out)]) == 1
    assert one_error_line(capsys) == f"error: cannot write {out}: No such file or directory"
