"""The terminal chat: the same conversation as Telegram, buttons as numbers."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from bot.cli.console import plain, run_console
from bot.content.bundle import Bundle
from tests.conftest import ROOT
from tests.test_process import bot_env


async def chat(bundle: Bundle, typed: str) -> str:
    out = io.StringIO()
    await run_console(bundle, "en", io.StringIO(typed), out)
    return out.getvalue()


async def test_numbers_tap_buttons_and_commands_work(bundle: Bundle) -> None:
    output = await chat(bundle, "2\n/language\n3\n/help\nq\n")

    screens = output.split("\n> ")
    assert "*Help against human trafficking*" in screens[0]
    assert "[1] 🆘 Get help now" in screens[0]
    assert "*What is human trafficking?*" in screens[1]
    assert "[1] ✓ English" in screens[2]
    assert "(Idioma: Español)" in screens[3]
    assert "*Ayuda contra la trata de personas*" in screens[3]
    assert "/language — Cambiar el idioma" in screens[4]
    assert output.endswith("Bye.\n")


async def test_links_and_bad_choices_are_explained(bundle: Bundle) -> None:
    output = await chat(bundle, "2\n5\n99\nqwzx\n/nope\n")

    assert "(In Telegram this opens https://" in output
    assert "Choose a number from 1 to 9." in output
    assert "I found no page about that. Here is the menu." in output
    assert "I don't know that command." in output
    assert output.endswith("Bye.\n"), "end of input quits"


async def test_deep_links_preview_a_page_in_a_language(bundle: Bundle) -> None:
    output = await chat(bundle, "/start stay_safe-es\n")
    assert "◀ Atrás" in output.split("\n> ")[1]


def test_plain_text_rendering() -> None:
    html = '<b>Bold</b> &amp; <a href="https://x.org">link</a><blockquote>q</blockquote>'
    assert plain(html) == "*Bold* & link (https://x.org)\nq"


def test_console_runs_without_a_token_and_explains_how_to_get_one(tmp_path: Path) -> None:
    env = bot_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        cwd=ROOT,
        env=env,
        input="1\nq\n",
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "No TELEGRAM_BOT_TOKEN is set" in result.stdout
    assert "@BotFather" in result.stdout
    assert "*Get help now*" in result.stdout
    assert not (tmp_path / "bot.sqlite3").exists(), "the terminal chat stores nothing"
