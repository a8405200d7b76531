"""A fake Bot API HTTP server on 127.0.0.1, for running the bot as a real process.

The bot reaches it through ``TELEGRAM_API_BASE_URL=http://127.0.0.1:<port>/bot``. It serves
queued updates to ``getUpdates``, answers like Telegram, checks every request against the
Bot API specification and records it. A token other than the expected one gets 401, as
Telegram answers a revoked token.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from tests.botapi import check_wire_call
from tests.fake_telegram import BOT_USER


@dataclass
class WireCall:
    method: str
    form: dict[str, str]


class FakeBotApiServer:
    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[WireCall] = []
        self.spec_problems: list[str] = []
        self.updates: list[dict[str, Any]] = []
        self.refusals: dict[str, tuple[int, str]] = {}  # method -> status, description, always
        self.pages: dict[str, tuple[int, str]] = {}  # method -> status, a body that is not JSON
        self.delays: dict[str, float] = {}  # method -> seconds to wait before answering
        self._next_update_id = 1
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/bot"

    def __enter__(self) -> FakeBotApiServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def queue_update(self, update: dict[str, Any]) -> None:
        with self._lock:
            self.updates.append({"update_id": self._next_update_id, **update})
            self._next_update_id += 1

    def calls_to(self, method: str) -> list[WireCall]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def wait_for_message(
        self, matches: Callable[[WireCall], bool], timeout: float = 20.0
    ) -> WireCall:
        """The first sendMessage that ``matches``, waiting for it to arrive."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [call for call in self.calls_to("sendMessage") if matches(call)]
            if found:
                return found[0]
            time.sleep(0.05)
        raise AssertionError(f"no matching message within {timeout} s")

    def wait_for(self, method: str, timeout: float = 20.0) -> WireCall:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if calls := self.calls_to(method):
                return calls[0]
            time.sleep(0.05)
        raise AssertionError(f"the bot did not call {method} within {timeout} s")

    # -- answering -----------------------------------------------------------------------
    def answer(self, token: str, method: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if token != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        problems = check_wire_call(method, form)
        with self._lock:
            self.calls.append(WireCall(method, form))
            self.spec_problems += problems
        time.sleep(self.delays.get(method, 0.0))  # the call is seen at once, answered later
        if problems:
            return 400, {"ok": False, "error_code": 400, "description": "; ".join(problems)}
        if method in self.refusals:
            status, description = self.refusals[method]
            return status, {"ok": False, "error_code": status, "description": description}
        return 200, {"ok": True, "result": self._result(method, form)}

    def _result(self, method: str, form: dict[str, str]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            return self._take_updates(form)
        if method == "sendMessage":
            return {
                "message_id": len(self.calls),
                "date": int(time.time()),
                "chat": {"id": int(form["chat_id"]), "type": "private", "first_name": "U"},
                "from": BOT_USER,
                "text": form["text"],
            }
        return True

    def _take_updates(self, form: dict[str, str]) -> list[dict[str, Any]]:
        offset = int(form.get("offset", "0") or 0)
        deadline = time.monotonic() + min(float(form.get("timeout", "0") or 0), 0.5)
        while True:
            with self._lock:
                pending = [u for u in self.updates if u["update_id"] >= offset]
            if pending or time.monotonic() >= deadline:
                return pending
            time.sleep(0.05)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                _, _, rest = self.path.partition("/bot")
                token, _, method = rest.partition("/")
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length).decode("utf-8")
                form = dict(parse_qsl(body, keep_blank_values=True))
                status, payload = server.answer(token, method, form)
                data = json.dumps(payload).encode()
                if method in server.pages and token == server.token:  # a proxy's error page
                    status, page = server.pages[method]
                    data = page.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return None

        return Handler
