"""The bot as a real process: `python -m bot run` against a fake Bot API on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.fake_bot_api_server import FakeBotApiServer
from tests.fake_telegram import FAKE_TOKEN

START = {
    "message": {
        "message_id": 1,
        "date": 1_700_000_000,
        "chat": {"id": 31337, "type": "private", "first_name": "Ana"},
        "from": {"id": 31337, "is_bot": False, "first_name": "Ana", "language_code": "es"},
        "text": "/start",
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
    }
}


def bot_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("TELEGRAM_", "BOT_"))
    }
    env["BOT_DATABASE"] = str(tmp_path / "bot.sqlite3")
    env.update(extra)
    return env


def run_bot(
    env: dict[str, str], *args: str, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def start_bot(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """``python -m bot run`` as its own process, its output captured."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run", *args], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_the_bot_process_answers_start_through_the_configured_api(tmp_path: Path) -> None:
    with FakeBotApiServer(FAKE_TOKEN) as api:
        api.queue_update(START)
        env = bot_env(tmp_path, TELEGRAM_BOT_TOKEN=FAKE_TOKEN, TELEGRAM_API_BASE_URL=api.base_url)
        process = start_bot(env)
        try:
            reply = api.wait_for("sendMessage")
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=15)

    assert reply.form["chat_id"] == "31337"
    assert "Ayuda contra la trata de personas" in reply.form["text"]
    assert api.spec_problems == []
    assert process.returncode == 0, stderr
    assert FAKE_TOKEN not in stderr, "the token must never be logged"
    assert FAKE_TOKEN.split(":")[1] not in stderr


def test_a_token_telegram_rejects_gives_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    other_token = "987654321:AAEotherTOKENotherTOKENotherTOKEN12"
    with FakeBotApiServer(FAKE_TOKEN) as api:
        env = bot_env(tmp_path, TELEGRAM_BOT_TOKEN=other_token, TELEGRAM_API_BASE_URL=api.base_url)
        result = run_bot(env, "run")

    assert result.returncode == 2
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("error: Telegram rejected TELEGRAM_BOT_TOKEN")
    assert other_token.split(":")[1] not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        (None, "error: TELEGRAM_BOT_TOKEN is not set"),
        ("not-a-token", "error: TELEGRAM_BOT_TOKEN is malformed"),
        ("12345:short", "error: TELEGRAM_BOT_TOKEN is malformed"),
    ],
)
def test_a_missing_or_malformed_token_gives_one_clear_line_and_exit_2(
    tmp_path: Path, token: str | None, expected: str
) -> None:
    env = bot_env(tmp_path, **({"TELEGRAM_BOT_TOKEN": token} if token else {}))

    result = run_bot(env, "run")

    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(expected)
    if token:
        assert token not in result.stderr


def test_sighup_reloads_the_content_of_a_running_bot(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    admin = 777
    with FakeBotApiServer(FAKE_TOKEN) as api:
        api.queue_update(START)
        env = bot_env(tmp_path, TELEGRAM_BOT_TOKEN=FAKE_TOKEN, TELEGRAM_API_BASE_URL=api.base_url,
                      BOT_CONTENT_DIR=str(content), BOT_ADMIN_IDS=str(admin))  # fmt: skip
        process = start_bot(env)
        try:
            api.wait_for("sendMessage")
            spanish = content / "text" / "es.yaml"
            spanish.write_text(spanish.read_text(encoding="utf-8").replace(
                "title: Ayuda contra la trata de personas", "title: Ayuda y apoyo", 1),
                encoding="utf-8")  # fmt: skip
            process.send_signal(signal.SIGHUP)
            report = api.wait_for_message(lambda call: call.form["chat_id"] == str(admin))
            api.queue_update(START)
            reply = api.wait_for_message(lambda call: "Ayuda y apoyo" in call.form["text"])
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=15)

    assert report.form["text"].startswith("<b>Content reloaded: 35 pages")
    assert reply.form["chat_id"] == "31337"
    assert "content reloaded" in stderr
    assert process.returncode == 0, stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def post_update(port: int, update: dict[str, object], secret: str | None) -> int:
    """POST an update to the bot's webhook as Telegram does; returns the HTTP status."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    deadline = time.monotonic() + 20
    while True:
        try:
            answer = httpx.post(
                f"http://127.0.0.1:{port}/telegram/hook",
                json={"update_id": 1, **update}, headers=headers, timeout=5,
            )  # fmt: skip
            return answer.status_code
        except httpx.ConnectError:  # not listening yet
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_webhook_mode_checks_the_secret_token_and_stops_on_sigterm(tmp_path: Path) -> None:
    port, secret = free_port(), "s3cret_TOKEN-for-tests"
    with FakeBotApiServer(FAKE_TOKEN) as api:
        env = bot_env(tmp_path, TELEGRAM_BOT_TOKEN=FAKE_TOKEN, TELEGRAM_API_BASE_URL=api.base_url,
                      BOT_WEBHOOK_URL="https://bot.example.org/telegram/hook", PORT=str(port),
                      BOT_WEBHOOK_SECRET=secret, BOT_DROP_PENDING_UPDATES="true")  # fmt: skip
        process = start_bot(env, "--webhook")
        try:
            registered = api.wait_for("setWebhook")
            assert post_update(port, START, None) == 403  # no token: refused
            assert post_update(port, START, "guess") == 403  # a wrong one too
            time.sleep(0.5)
            assert api.calls_to("sendMessage") == [], "no handler ran for a refused update"
            assert post_update(port, START, secret) == 200
            reply = api.wait_for("sendMessage")
            assert api.calls_to("getUpdates") == [], "a webhook bot does not poll"
        finally:
            started = time.monotonic()
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=15)
    assert process.returncode == 0, stderr
    assert time.monotonic() - started < 10, "SIGTERM stops the bot within seconds"
    assert registered.form["url"] == "https://bot.example.org/telegram/hook"
    assert registered.form["secret_token"] == secret
    assert registered.form["drop_pending_updates"] == "true"
    assert json.loads(registered.form["allowed_updates"]) == [
        "message", "edited_message", "callback_query", "inline_query"]  # fmt: skip
    assert reply.form["chat_id"] == "31337"
    assert secret not in stderr


def test_webhook_mode_without_a_url_is_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    env = bot_env(tmp_path, TELEGRAM_BOT_TOKEN=FAKE_TOKEN)
    result = run_bot(env, "run", "--webhook")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: BOT_WEBHOOK_URL is not set: --webhook needs the public HTTPS address Telegram "
        "should send updates to, such as https://bot.example.org/telegram."
    ]


def test_another_instance_polling_409_stops_the_bot_with_exit_4(tmp_path: Path) -> None:
    with FakeBotApiServer(FAKE_TOKEN) as api:
        api.refusals["getUpdates"] = (
            409,
            "Conflict: terminated by other getUpdates request; make sure that only one bot "
            "instance is running",
        )
        env = bot_env(tmp_path, TELEGRAM_BOT_TOKEN=FAKE_TOKEN, TELEGRAM_API_BASE_URL=api.base_url)
        result = run_bot(env, "run", timeout=30)
    assert result.returncode == 4, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "error: another process is getting this bot's updates (Telegram answered 409 "
        "Conflict). Stop the other instance, or remove its webhook, then start this one again."
    )
