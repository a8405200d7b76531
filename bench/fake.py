"""A lean fake Telegram for the benchmark: the network at zero cost.

It answers every Bot API call the way :class:`tests.fake_telegram.FakeTelegram` does (same
message objects, same errors, the same :class:`~tests.fake_telegram.FloodControl`), but
it does not check each call against the Bot API specification and does not log calls:
that check is the slowest part of the test fake and would swamp what is measured. It keeps
only what the benchmark needs: the newest inline keyboard in each chat (for users to tap,
as a person would), how many messages each chat received, and a count of calls per method.

Each request's parameters are JSON-encoded as python-telegram-bot's HTTP client would
encode them, so that cost stays in the measurement; nothing else of HTTP is simulated.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from tests.fake_telegram import BOT_USER, SENDING, FloodControl

Keyboard = list[list[dict[str, Any]]]
CREATING = frozenset({"sendMessage", "sendPhoto", "sendDocument", "sendVoice"})


@dataclass
class Newest:
    """The newest message with inline buttons in a chat: what a user can tap."""

    message_id: int
    keyboard: Keyboard = field(default_factory=list)

    def callbacks(self) -> list[str]:
        """The data of every button that the bot answers (not the links)."""
        return [b["callback_data"] for row in self.keyboard for b in row if "callback_data" in b]


class LeanTelegram(BaseRequest):
    """Answers like Telegram; ``flood`` (optional) enforces its rate limit with 429s."""

    def __init__(self, flood: FloodControl | None = None) -> None:
        self.flood = flood
        self.calls: Counter[str] = Counter()
        self.received: Counter[int] = Counter()  # messages accepted per chat
        self.newest: dict[int, Newest] = {}
        self.sent_at: list[float] = []  # with ``flood``: its clock's time of each message
        self._message_ids = itertools.count(1000)

    # -- BaseRequest ---------------------------------------------------------------------
    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = {}
        if request_data is not None:
            request_data.json_parameters  # noqa: B018 (encoded as the HTTP client would)
            params = request_data.parameters
        self.calls[api_method] += 1
        if self.flood is not None and api_method in SENDING:
            wait = self.flood.retry_after()
            if wait is not None:
                return _error(429, f"Too Many Requests: retry after {wait}", wait)
            self.sent_at.append(self.flood.clock.now())
        result = self._answer(api_method, params)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    # -- what Telegram answers -----------------------------------------------------------
    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in CREATING:
            return self._created(method, params)
        if method == "editMessageText":
            chat_id, message_id = int(params["chat_id"]), int(params["message_id"])
            keyboard = self._keep(chat_id, message_id, params)
            return _message(message_id, chat_id, params["text"], keyboard)
        return True  # answerCallbackQuery, answerInlineQuery, setMyCommands, deleteMessages...

    def _created(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        chat_id, message_id = int(params["chat_id"]), next(self._message_ids)
        self.received[chat_id] += 1
        keyboard = self._keep(chat_id, message_id, params)
        text = params.get("text") or params.get("caption", "")
        message = _message(message_id, chat_id, text, keyboard)
        if method == "sendPhoto":
            message["photo"] = [{"file_id": f"photo{message_id}", "file_unique_id": "u",
                                 "width": 1, "height": 1}]  # fmt: skip
        elif method == "sendDocument":
            message["document"] = {"file_id": f"doc{message_id}", "file_unique_id": "d"}
        elif method == "sendVoice":  # sent by file_id (a string), else uploaded
            voice = params.get("voice")
            file_id = voice if isinstance(voice, str) else f"voice{message_id}"
            message["voice"] = {"file_id": file_id, "file_unique_id": "v", "duration": 1}
        return message

    def _keep(self, chat_id: int, message_id: int, params: dict[str, Any]) -> Keyboard:
        """Remember the message's buttons, if it has any; returns them."""
        keyboard = inline_keyboard(params)
        if keyboard:
            self.newest[chat_id] = Newest(message_id, keyboard)
        return keyboard


def busiest_second(times: list[float]) -> int:
    """The most messages sent within any one second (times in seconds, in order)."""
    busiest, first = 0, 0
    for last, now in enumerate(times):
        while times[first] <= now - 1.0:
            first += 1
        busiest = max(busiest, last - first + 1)
    return busiest


def inline_keyboard(params: dict[str, Any]) -> Keyboard:
    """The inline keyboard of a request's ``reply_markup``, if it has one."""
    markup = params.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    return list(markup.get("inline_keyboard", []))


def _message(message_id: int, chat_id: int, text: str, keyboard: Keyboard) -> dict[str, Any]:
    """The Message object Telegram returns for a message sent or edited."""
    message: dict[str, Any] = {
        "message_id": message_id,
        "date": 1_700_000_000,
        "chat": {"id": chat_id, "type": "private", "first_name": "User"},
        "from": BOT_USER,
        "text": text,
    }
    if keyboard:
        message["reply_markup"] = {"inline_keyboard": keyboard}
    return message


def _error(status: int, description: str, retry_after: int | None = None) -> tuple[int, bytes]:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return status, json.dumps(body).encode()
