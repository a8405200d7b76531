"""The command line: validate and console, as an editor or a newcomer uses them; the parser,
its exit codes, and the checks of what people type."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.cli import audio as audio_cli
from bot.cli import chat as chat_cli
from bot.cli import run as run_cli
from bot.cli.exit_codes import ExitCode
from bot.content.bundle import Bundle
from bot.features.spoken.audio import BuildReport
from bot.storage import Storage, today
from tests.conftest import CONTENT_DIR, LOCALES_DIR
from tests.fake_telegram import FAKE_TOKEN
from tests.test_process import bot_env, run_bot


def test_validate_passes_on_the_real_content(tmp_path: Path) -> None:
    result = run_bot(bot_env(tmp_path), "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in 7 languages (en, ar, es, fr, ru, uk, zh)" in result.stdout
    assert "language  translated  missing  stale  coverage" in result.stdout
    assert "100.0%" in result.stdout


def test_validate_reports_every_error_with_file_and_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    pages = content / "pages.yaml"
    text = pages.read_text(encoding="utf-8")
    pages.write_text(text.replace("- id: learn", "- id: Learn!", 1), encoding="utf-8")
    line = text.splitlines().index("  - id: learn") + 1
    column = 5  # where `id:` stands

    result = run_bot(bot_env(tmp_path, BOT_CONTENT_DIR=str(content)), "validate")

    assert result.returncode == 1
    assert f"pages.yaml:{line}:{column}: page id 'Learn!' is not valid" in result.stdout
    assert "has a button to `learn`, which does not exist" in result.stdout
    assert "error(s): the content cannot be served" in result.stdout


def test_validate_json_for_ci(tmp_path: Path) -> None:
    result = run_bot(bot_env(tmp_path), "validate", "--format", "json")
    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert report["errors"] == []
    assert report["languages"] == ["en", "ar", "es", "fr", "ru", "uk", "zh"]
    assert report["pages"] >= 30
    assert report["countries"] >= 35
    for language in report["languages"]:
        assert report["coverage"][language]["percent"] == 100.0, language
        assert report["coverage"][language]["missing"] == []
    assert "ar" in report["spoken_unreviewed"]  # shown to editors until a native speaker checks
    assert "en" not in report["spoken_unreviewed"]


def test_broken_yaml_stops_the_bot_with_file_and_line(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, locales)
    (locales / "es.yaml").write_text("back: [unclosed\nhome: x\n", encoding="utf-8")

    result = run_bot(bot_env(tmp_path, BOT_LOCALES_DIR=str(locales)), "console")

    assert result.returncode == 1
    assert "locales/es.yaml:" in result.stderr
    assert "YAML syntax error" in result.stderr
    assert "Traceback" not in result.stderr


# In-process: the parser, the exit codes, and the checks of what people type -----------------


@pytest.fixture
def environ(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, bundle: Bundle) -> Path:
    """No BOT_ or TELEGRAM_ settings from outside, a database in tmp_path, and the session's
    bundle instead of loading the content again. Returns the database's path."""
    for key in [key for key in os.environ if key.startswith(("BOT_", "TELEGRAM_"))]:
        monkeypatch.delenv(key)
    database = tmp_path / "bot.sqlite3"
    monkeypatch.setenv("BOT_DATABASE", str(database))
    for module in (run_cli, chat_cli):
        monkeypatch.setattr(module, "load_bundle", lambda *_: bundle)
    return database


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    """The only line on stderr, with nothing on stdout."""
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    [line] = err.splitlines()
    return line


def test_help_has_the_whole_description_every_command_and_the_exit_codes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])

    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert "a Telegram bot against human trafficking" in out
    assert "tells more about a command." in out  # the description's last words
    for command in ("run", "console", "validate", "hotlines", "translations", "audio",
                    "campaigns", "check-links", "links", "qr", "leaflet"):  # fmt: skip
        assert re.search(rf"^    {command}\b", out, re.MULTILINE), command
    assert "exit codes:" in out
    for code in ExitCode:
        assert f"  {code.value}  {code.meaning}" in out


def test_the_exit_codes_are_those_the_docs_give() -> None:
    assert [(code.name, code.value) for code in ExitCode] == [
        ("OK", 0), ("FAILURE", 1), ("BAD_INPUT", 2), ("NO_NETWORK", 3), ("CONFLICT", 4),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["campaigns", "--days", "0"], "argument --days: must be a whole number from 1 to 366"),
        (["campaigns", "--days", "-5"], "argument --days: must be a whole number from 1 to 366"),
        (["campaigns", "--days", "367"], "argument --days: must be a whole number from 1 to 366"),
        (["campaigns", "--days", "week"], "argument --days: must be a whole number from 1 to"),
        (["campaigns", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
        (["check-links", "--concurrency", "0"],
         "argument --concurrency: must be a whole number from 1 to 64"),
        (["check-links", "--timeout", "-1"],
         "argument --timeout: must be a number of seconds above 0 and at most 300"),
        (["check-links", "--timeout", "0"], "argument --timeout: must be a number of seconds"),
        (["check-links", "--timeout", "nan"], "argument --timeout: must be a number of seconds"),
        (["no-such-command"], "argument COMMAND: invalid choice: 'no-such-command'"),
    ],
)  # fmt: skip
def test_bad_arguments_are_one_line_and_exit_2(
    environ: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 2

    line = one_error_line(capsys)
    assert line.startswith(f"error: {message}")
    prog = "python -m bot" if argv[0] == "no-such-command" else f"python -m bot {argv[0]}"
    assert line.endswith(f"(see `{prog} --help`)")
    assert not environ.exists()


def count_campaigns(database: Path, tags: dict[str, int]) -> None:
    async def count() -> None:
        async with Storage(database) as storage:
            for tag, times in tags.items():
                for _ in range(times):
                    await storage.counts.count_campaign(tag)

    asyncio.run(count())


LONG_TAG = "kyiv_central_station_poster_1234"  # 32 characters, the longest a tag may be


def test_campaigns_size_the_tag_column_to_the_longest_tag(
    environ: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    count_campaigns(environ, {"a": 1, LONG_TAG: 12})

    assert main(["campaigns", "--days", "1"]) == 0

    day = today().isoformat()
    lines = capsys.readouterr().out.splitlines()
    width = len(LONG_TAG)
    assert lines == [
        f"day         {'campaign':<{width}}  opened   (since {day})",
        f"{day}  {'a':<{width}}       1",
        f"{day}  {LONG_TAG}      12",
        f"total       {LONG_TAG}      12",
        f"total       {'a':<{width}}       1",
    ]


def test_campaigns_as_json_and_csv(environ: Path, capsys: pytest.CaptureFixture[str]) -> None:
    count_campaigns(environ, {"poster_a": 2, "kyiv": 1})
    day = today().isoformat()

    assert main(["campaigns", "--format", "json", "--days", "366"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["since"] == (today() - dt.timedelta(days=365)).isoformat()
    assert report["days"] == [
        {"day": day, "campaign": "kyiv", "opened": 1},
        {"day": day, "campaign": "poster_a", "opened": 2},
    ]
    assert report["totals"] == {"poster_a": 2, "kyiv": 1}

    assert main(["campaigns", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [["day", "campaign", "opened"], [day, "kyiv", "1"], [day, "poster_a", "2"]]


def test_campaigns_without_a_database(environ: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["campaigns"]) == 0
    assert capsys.readouterr().out.startswith("No campaign visits counted yet")
    assert main(["campaigns", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["days"] == []
    assert not environ.exists()


@pytest.mark.parametrize("command", ["console", "run"])
def test_a_default_language_the_content_lacks_is_refused_with_exit_2(
    environ: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bundle: Bundle,
    command: str,
) -> None:
    monkeypatch.setenv("BOT_DEFAULT_LANGUAGE", "xx")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", FAKE_TOKEN)  # run checks the token first

    assert main([command]) == 2

    assert one_error_line(capsys) == (
        "error: BOT_DEFAULT_LANGUAGE is 'xx', a language the content does not have: "
        f"set it to one of {', '.join(bundle.languages)}"
    )


def test_audio_build_takes_languages_in_any_case_and_refuses_unknown_ones(
    environ: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    built: list[list[str] | None] = []

    def build(_spoken: object, _folder: Path, codes: list[str] | None) -> BuildReport:
        built.append(codes)
        return BuildReport()

    monkeypatch.setattr(audio_cli, "build", build)

    assert main(["audio", "build", "--lang", "EN", "--lang", "Uk"]) == 0
    assert built == [["en", "uk"]]
    capsys.readouterr()

    assert main(["audio", "build", "--lang", "xx"]) == 2
    line = one_error_line(capsys)
    assert line.startswith("error: unknown spoken-message language 'xx': choose one of ")
    assert "am, ar, az," in line
    assert built == [["en", "uk"]]
