"""Polling's faults, as a process: an update python-telegram-bot cannot read, stop and
reload signals at awkward moments, a token Telegram rejects, a Bot API out of reach."""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from telegram.error import NetworkError

from bot.cli.exit_codes import ExitCode
from bot.telegram.polling import readable
from tests.fake_bot_api_server import FakeBotApiServer
from tests.fake_telegram import FAKE_TOKEN
from tests.test_process import START, bot_env, free_port, run_bot, start_bot

WORDS = "Ana's own words, which no log may hold 4812"
SKIPPED = "skipped update 1: python-telegram-bot could not read it (KeyError)"


def unreadable() -> dict[str, object]:
    """A message python-telegram-bot cannot build: it has no ``date``."""
    update = copy.deepcopy(START)
    del update["message"]["date"]  # type: ignore[attr-defined]
    update["message"]["text"] = WORDS  # type: ignore[index]
    update["message"].pop("entities")  # type: ignore[attr-defined]
    return update


@dataclass
class Run:
    api: FakeBotApiServer
    process: subprocess.Popen[str]
    stderr: str = ""
    took: float = 0.0  # seconds from SIGTERM to the end


@contextlib.contextmanager
def polling(tmp_path: Path, *updates: dict[str, object], **delays: float) -> Iterator[Run]:
    """``python -m bot run`` polling a fake Bot API that holds ``updates`` and waits
    ``delays`` seconds before answering those methods; SIGTERM at the end of the block."""
    with FakeBotApiServer(FAKE_TOKEN) as api:
        api.delays.update(delays)
        for update in updates:
            api.queue_update(update)
        env = bot_env(tmp_path, TELEGRAM_BOT_TOKEN=FAKE_TOKEN, TELEGRAM_API_BASE_URL=api.base_url)
        run = Run(api, start_bot(env))
        try:
            yield run
        finally:
            started = time.monotonic()
            run.process.send_signal(signal.SIGTERM)
            try:
                _, run.stderr = run.process.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                run.process.kill()
                _, stderr = run.process.communicate()
                raise AssertionError(f"SIGTERM did not stop the bot:\n{stderr[-2000:]}") from None
            run.took = time.monotonic() - started


def test_an_update_the_library_cannot_read_is_skipped_and_the_next_answered(
    tmp_path: Path,
) -> None:
    with polling(tmp_path, unreadable(), START) as run:
        reply = run.api.wait_for("sendMessage")
        before = len(run.api.calls_to("getUpdates"))
        time.sleep(1.0)
        polled = len(run.api.calls_to("getUpdates")) - before
    offsets = [int(call.form.get("offset", 0)) for call in run.api.calls_to("getUpdates")]

    assert reply.form["chat_id"] == "31337"
    assert len(run.api.calls_to("sendMessage")) == 1, "the skipped update got no answer"
    assert max(offsets) >= 3, "the offset moved past both updates"
    assert polled <= 4, f"{polled} getUpdates in a second: polling must wait, not spin"
    assert run.stderr.count(SKIPPED) == 1, run.stderr
    assert WORDS not in run.stderr
    assert "Received data" not in run.stderr
    assert "Traceback" not in run.stderr
    assert run.process.returncode == 0, run.stderr
    assert run.took < 5


def test_a_second_sigterm_while_stopping_still_stops_the_bot(tmp_path: Path) -> None:
    with polling(tmp_path, START) as run:
        run.api.wait_for("sendMessage")
        run.api.delays["getUpdates"] = 1.5  # the last one, sent while stopping, is slow
        time.sleep(0.6)  # the long poll under way ends
        run.process.send_signal(signal.SIGTERM)
        time.sleep(0.4)  # python-telegram-bot is in its last getUpdates: SIGTERM again

    assert run.process.returncode == 0, run.stderr
    assert run.took < 5, "the database was closed: its thread does not keep the process alive"
    assert "stopping at once" in run.stderr


def test_sighup_before_the_reload_is_installed_does_not_kill_the_bot(tmp_path: Path) -> None:
    with polling(tmp_path, START, getMe=0.5, setMyCommands=0.1) as run:
        run.api.wait_for("getMe")  # serving has begun: Telegram is asked who the bot is
        run.process.send_signal(signal.SIGHUP)
        run.api.wait_for("setMyCommands")  # post_init: before the reload is installed
        run.process.send_signal(signal.SIGHUP)
        reply = run.api.wait_for("sendMessage")
        assert run.process.poll() is None, "SIGHUP killed the bot"

    assert reply.form["chat_id"] == "31337"
    assert run.process.returncode == 0, run.stderr


BOT_ID, SECRET_HALF = FAKE_TOKEN.split(":")
PASSWORD = "pa%40ss-W0rd"  # in the base URL, percent-encoded as one writes it there
FAILURES_TO_START = {
    "a token Telegram rejects": (
        ExitCode.BAD_INPUT,
        "error: Telegram rejected TELEGRAM_BOT_TOKEN (check it with @BotFather; the value is "
        "not shown here).",
    ),
    "nothing listening at the Bot API's address": (
        ExitCode.FAILURE,
        "error: cannot reach the Bot API at http://bot:[password]@127.0.0.1:{port}/bot: "
        "httpx.ConnectError: All connection attempts failed",
    ),
    "a proxy's 502 page quoting the token percent-encoded": (
        ExitCode.FAILURE,
        "error: cannot reach the Bot API at http://127.0.0.1:{port}/bot: Bad Gateway (502). "
        "Parsing the server response b'<html>502: POST /bot[token]/getMe</html>' failed",
    ),
}


@pytest.mark.parametrize("failure", FAILURES_TO_START)
def test_a_bot_that_cannot_start_says_why_in_one_line(tmp_path: Path, failure: str) -> None:
    code, line = FAILURES_TO_START[failure]
    with FakeBotApiServer(FAKE_TOKEN) as api:
        token, base_url = FAKE_TOKEN, api.base_url
        if failure.startswith("a token"):
            token = "987654321:AAEotherTOKENotherTOKENotherTOKEN12"
        elif failure.startswith("nothing"):
            base_url = f"http://bot:{PASSWORD}@127.0.0.1:{free_port()}/bot"
        else:
            api.pages["getMe"] = (502, f"<html>502: POST /bot{BOT_ID}%3a{SECRET_HALF}/getMe</html>")
        env = bot_env(tmp_path, TELEGRAM_BOT_TOKEN=token, TELEGRAM_API_BASE_URL=base_url)
        result = run_bot(env, "run")

    assert result.returncode == code
    port = urlsplit(base_url).port
    assert result.stderr.splitlines() == [line.format(port=port)], "one line, nothing else"
    assert result.stdout == ""
    assert SECRET_HALF not in result.stderr
    assert "W0rd" not in result.stderr


def test_a_token_of_other_digits_is_refused_as_malformed(tmp_path: Path) -> None:
    arabic_indic = "١٢٣٤٥٦٧٨٩:AAHfakeTOKENfakeTOKENfakeTOKEN12345"
    unreachable = f"http://127.0.0.1:{free_port()}/bot"  # had it passed: no internet
    env = bot_env(tmp_path, TELEGRAM_BOT_TOKEN=arabic_indic, TELEGRAM_API_BASE_URL=unreachable)

    result = run_bot(env, "run")

    assert result.returncode == 2
    assert result.stderr.startswith("error: TELEGRAM_BOT_TOKEN is malformed")
    assert result.stderr.count("\n") == 1


# -- the getUpdates answer, as python-telegram-bot will read it ------------------------------


def answer(*updates: object) -> bytes:
    return json.dumps({"ok": True, "result": list(updates)}).encode()


def test_an_answer_python_telegram_bot_can_read_is_left_as_it_is() -> None:
    body = answer({"update_id": 7, **START})
    assert readable(body) is body


def test_an_unreadable_update_becomes_its_bare_id(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.telegram.polling")
    good = {"update_id": 2, **START}

    read = json.loads(readable(answer({"update_id": 1, **unreadable()}, good)))

    assert read == {"ok": True, "result": [{"update_id": 1}, good]}
    assert [record.getMessage() for record in caplog.records] == [SKIPPED]


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Bad Gateway</html>",
        b'{"ok": true}',
        b'{"ok": true, "result": {"update_id": 1}}',
        answer({"message": {"text": WORDS}}),
        answer({"update_id": "1", "message": {}}),
    ],
)
def test_an_answer_one_cannot_move_past_is_a_network_error(body: bytes) -> None:
    with pytest.raises(NetworkError) as raised:
        readable(body)
    assert WORDS not in str(raised.value)
