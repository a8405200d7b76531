"""The command line: validate and console, as an editor or a newcomer uses them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import CONTENT_DIR, LOCALES_DIR
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
