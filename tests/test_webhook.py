"""The webhook server as a real process (`python -m bot run --webhook`) against the fake Bot
API: what a red team broke (issue 14) and how it holds now."""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from tornado.httputil import HTTPHeaders, RequestStartLine

from bot.telegram import webhook
from bot.telegram.webhook import MAX_BODY_BYTES, WebhookServer
from tests.conftest import ROOT
from tests.fake_bot_api_server import FakeBotApiServer
from tests.fake_telegram import FAKE_TOKEN
from tests.test_process import START, bot_env, free_port, post_update, run_bot

SECRET = "s3cret_TOKEN-for-tests"
HOOK_URL = "https://bot.example.org/telegram/hook"
MiB = 1 << 20


@dataclass
class RunningBot:
    api: FakeBotApiServer
    process: subprocess.Popen[str]
    port: int
    stderr: str = ""

    def post(self, update: dict[str, object], secret: str | None = SECRET) -> int:
        return post_update(self.port, update, secret)

    def rss_mib(self) -> float:
        """The process's resident memory, from /proc."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))
        return int(kib) / 1024

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks

    def open_files(self) -> int:
        return len(list(Path(f"/proc/{self.process.pid}/fd").iterdir()))


def hook_env(tmp_path: Path, api: FakeBotApiServer, port: int, **extra: str) -> dict[str, str]:
    """The environment of a bot taking its updates on ``port`` from the fake Bot API."""
    return bot_env(
        tmp_path,
        TELEGRAM_BOT_TOKEN=FAKE_TOKEN,
        TELEGRAM_API_BASE_URL=api.base_url,
        BOT_WEBHOOK_URL=HOOK_URL,
        PORT=str(port),
        **extra,
    )


@contextmanager
def webhook_bot(tmp_path: Path, open_files: int | None = None) -> Iterator[RunningBot]:
    """The bot serving its webhook on a free port (with at most ``open_files`` files, as
    ``ulimit -n`` sets it), up and answering; SIGTERM at the end, its stderr kept."""
    port = free_port()
    with FakeBotApiServer(FAKE_TOKEN) as api:
        env = hook_env(tmp_path, api, port, BOT_WEBHOOK_SECRET=SECRET)
        limit = f"ulimit -n {open_files} && " if open_files else ""
        process = subprocess.Popen(
            ["/bin/sh", "-c", f'{limit}exec "$0" -m bot run --webhook', sys.executable],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        bot = RunningBot(api, process, port)
        try:
            api.wait_for("setWebhook")
            yield bot
        finally:
            process.send_signal(signal.SIGTERM)
            bot.stderr = process.communicate(timeout=15)[1]
    assert process.returncode == 0, bot.stderr


def headers(length: int, secret: str | None = None, path: str = "/telegram/hook") -> bytes:
    lines = [
        f"POST {path} HTTP/1.1",
        "Host: bot.example.org",
        "Content-Type: application/json",
        f"Content-Length: {length}",
    ]
    if secret is not None:
        lines.append(f"X-Telegram-Bot-Api-Secret-Token: {secret}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def connect(port: int) -> socket.socket:
    """A connection to the webhook; what it waits for comes within seconds, or fails."""
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def status_of(sock: socket.socket) -> int:
    """The status of the answer on ``sock``."""
    answer = b""
    while b"\r\n" not in answer:
        chunk = sock.recv(4096)
        if not chunk:
            break
        answer += chunk
    return int(answer.split(b" ", 2)[1])


def push(sock: socket.socket, total: int) -> int:
    """Send up to ``total`` bytes of body; how many went before the server closed."""
    sent, chunk = 0, b"x" * MiB
    try:
        while sent < total:
            sock.sendall(chunk)
            sent += len(chunk)
    except OSError:  # reset or broken pipe: the server closed without reading
        pass
    return sent


def start_update(update_id: int) -> dict[str, object]:
    return {**START, "update_id": update_id}


def test_a_huge_body_without_the_secret_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = 95 * MiB
    with webhook_bot(tmp_path) as bot:
        assert bot.post(start_update(1)) == 200  # up and serving
        before = bot.rss_mib()
        with ExitStack() as stack:  # eight at once, as the red team sent them
            socks = [stack.enter_context(connect(bot.port)) for _ in range(8)]
            for sock in socks:
                sock.sendall(headers(huge))
            statuses = [status_of(sock) for sock in socks]  # answered on the headers alone
            sent = [push(sock, huge) for sock in socks]
        grown = bot.rss_mib() - before
        assert bot.post(start_update(2)) == 200  # and it still answers

    assert statuses == [403] * 8
    assert max(sent) < huge / 4, "the server closed the connection instead of reading on"
    assert grown < 20, f"the process grew by {grown:.0f} MiB for bodies it refused"


def test_a_body_over_the_cap_gets_413_before_it_is_read(tmp_path: Path) -> None:
    with webhook_bot(tmp_path) as bot:
        assert bot.post(start_update(1)) == 200  # up and serving
        with connect(bot.port) as sock:
            sock.sendall(headers(MAX_BODY_BYTES + 1, SECRET))
            assert status_of(sock) == 413
        assert bot.post(start_update(2)) == 200
        assert len(bot.api.calls_to("sendMessage")) == 2


def test_idle_connections_beyond_the_file_limit_do_not_stop_updates(tmp_path: Path) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1300:
        pytest.skip("this test needs 1,300 open files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1300), hard))
    with webhook_bot(tmp_path, open_files=1024) as bot, ExitStack() as idle:
        assert bot.post(start_update(1)) == 200
        for _ in range(1100):  # more than the process may open: each sends nothing, ever
            idle.enter_context(socket.create_connection(("127.0.0.1", bot.port), timeout=5))
        started = time.monotonic()
        assert bot.post(start_update(2)) == 200
        answered_in = time.monotonic() - started
        files = bot.open_files()
        cpu = bot.cpu_seconds()
        time.sleep(1)  # while they stay open: no busy accept loop
        cpu = bot.cpu_seconds() - cpu

    assert answered_in < 3
    assert len(bot.api.calls_to("sendMessage")) == 2
    assert files < 1024
    assert cpu < 0.3
    about_connections = [line for line in bot.stderr.splitlines() if "connection" in line]
    assert 1 <= len(about_connections) <= 3, about_connections
    assert "Traceback" not in bot.stderr


def test_telegram_is_answered_only_once_the_update_is_handled(tmp_path: Path) -> None:
    """So that after a kill -9, Telegram sends again what was not handled."""
    with webhook_bot(tmp_path) as bot:
        for update_id in (1, 2, 3):
            assert bot.post(start_update(update_id)) == 200
            assert len(bot.api.calls_to("sendMessage")) == update_id  # the reply has gone


def test_sigterm_finishes_and_answers_the_update_being_handled(tmp_path: Path) -> None:
    answered: list[int] = []
    with webhook_bot(tmp_path) as bot:
        assert bot.post(start_update(1)) == 200
        bot.api.delays["sendMessage"] = 1.0  # the reply is seen at once, answered later
        poster = threading.Thread(target=lambda: answered.append(bot.post(start_update(2))))
        poster.start()
        deadline = time.monotonic() + 10
        while len(bot.api.calls_to("sendMessage")) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        bot.process.send_signal(signal.SIGTERM)  # while the reply is on its way
        poster.join(timeout=10)
    assert answered == [200]


def test_an_update_posted_twice_is_handled_once(tmp_path: Path) -> None:
    help_text = {
        **START["message"],
        "text": "/help",  # type: ignore[dict-item]
        "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
    }
    with webhook_bot(tmp_path) as bot:
        assert bot.post(start_update(5)) == 200
        welcome = bot.api.wait_for("sendMessage").form["text"]
        assert bot.post(start_update(5)) == 200  # Telegram sends it again
        assert bot.post({"update_id": 6, "message": help_text}) == 200
        bot.api.wait_for_message(lambda call: call.form["text"] != welcome)  # after both 5s
        welcomes = [
            call for call in bot.api.calls_to("sendMessage") if call.form["text"] == welcome
        ]
    assert len(welcomes) == 1


def test_an_update_that_cannot_be_read_gets_200_and_one_line_without_its_text(
    tmp_path: Path,
) -> None:
    written = "my boss keeps my passport locked away"
    broken = {
        "update_id": 9,
        "message": {
            "message_id": 3,
            "text": written,  # no date, no from
            "chat": {"id": 31337, "type": "private"},
        },
    }
    with webhook_bot(tmp_path) as bot:
        assert bot.post(broken) == 200  # else Telegram would send it again and again
        assert bot.post(start_update(10)) == 200
        assert len(bot.api.calls_to("sendMessage")) == 1

    about_it = [line for line in bot.stderr.splitlines() if "update 9" in line]
    assert len(about_it) == 1, bot.stderr
    assert "could not be read" in about_it[0]
    assert written not in bot.stderr
    assert "passport" not in bot.stderr
    assert "Traceback" not in bot.stderr


def test_a_port_in_use_is_one_line_and_exit_1(tmp_path: Path) -> None:
    with FakeBotApiServer(FAKE_TOKEN) as api, socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = hook_env(tmp_path, api, port)
        result = run_bot(env, "run", "--webhook")

    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == f"error: cannot listen on port {port}: address in use"
    assert [line for line in lines if " INFO " not in line] == lines[-1:], result.stderr
    assert api.calls_to("setWebhook") == [], "Telegram is not sent here when nobody listens"


def test_a_webhook_telegram_refuses_is_what_it_said_and_exit_2(tmp_path: Path) -> None:
    with FakeBotApiServer(FAKE_TOKEN) as api:
        api.refusals["setWebhook"] = (
            400,
            "Bad Request: bad webhook: HTTPS url must be provided for webhook",
        )
        env = hook_env(tmp_path, api, free_port())
        result = run_bot(env, "run", "--webhook")

    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == (
        # As python-telegram-bot words Telegram's description (it capitalizes it).
        "error: Telegram refused the webhook: Bad webhook: https url must be provided for webhook"
    )
    assert [line for line in lines if " INFO " not in line] == lines[-1:], result.stderr
    assert json.loads(api.calls_to("setWebhook")[0].form["allowed_updates"])


class _FullSocket:
    """A listening socket whose ``accept`` fails as when the process has no file left."""

    def __init__(self) -> None:
        self.real = socket.socket()
        self.real.bind(("127.0.0.1", 0))
        self.real.listen()
        self.real.setblocking(False)
        self.accepts = 0

    def fileno(self) -> int:
        return self.real.fileno()

    def accept(self) -> tuple[socket.socket, object]:
        self.accepts += 1
        raise OSError(errno.EMFILE, "Too many open files")


async def test_out_of_files_pauses_accepting_and_logs_once(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webhook, "ACCEPT_PAUSE_SECONDS", 0.05)
    full = _FullSocket()
    server = WebhookServer(inbox=None, secret="s", path="hook", cap=8)  # type: ignore[arg-type]
    clients = [socket.create_connection(full.real.getsockname()) for _ in range(3)]
    with caplog.at_level(logging.WARNING, logger="bot.telegram.webhook"):
        server.listen([full])  # type: ignore[list-item]
        await asyncio.sleep(0.12)  # two pauses, and a bit
        server.stop_listening()
        await server.close_all()
    for client in clients:
        client.close()
    full.real.close()

    assert 2 <= full.accepts <= 4, "no busy loop: one try per pause"
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 2, lines  # the first at once, then the count
    assert "EMFILE" in lines[0]
    assert lines[1].startswith("webhook: since the last line, could not accept")


@pytest.mark.parametrize(
    ("method", "path", "header_lines", "status"),
    [
        ("POST", "/telegram/hook", {"X-Telegram-Bot-Api-Secret-Token": "guess"}, 403),
        ("POST", "/elsewhere", {}, 404),
        ("GET", "/telegram/hook", {}, 405),
        ("POST", "/telegram/hook", {"Content-Type": "text/plain"}, 415),
        ("POST", "/telegram/hook", {"Content-Length": None}, 411),
        ("POST", "/telegram/hook", {"Transfer-Encoding": "chunked"}, 411),
        ("POST", "/telegram/hook", {"Content-Length": "12e3"}, 400),
        ("POST", "/telegram/hook", {"Content-Length": str(MAX_BODY_BYTES + 1)}, 413),
        ("POST", "/telegram/hook/", {"Content-Type": "application/json; charset=utf-8"}, None),
    ],
)
def test_what_the_headers_alone_refuse(
    method: str, path: str, header_lines: dict[str, str | None], status: int | None
) -> None:
    server = WebhookServer(inbox=None, secret=SECRET, path="telegram/hook", cap=8)  # type: ignore[arg-type]
    sent = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json",
            "Content-Length": "120", **header_lines}  # fmt: skip
    given = HTTPHeaders({name: value for name, value in sent.items() if value is not None})
    assert server.refusal(RequestStartLine(method, path, "HTTP/1.1"), given) == status
