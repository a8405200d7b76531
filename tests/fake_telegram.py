"""A fake Telegram at the HTTP layer, and a user who chats with the bot through it.

:class:`FakeTelegram` replaces python-telegram-bot's HTTP client: every request the bot
makes arrives here, is checked against the Bot API specification (``tests/botapi``), is
recorded, and is answered the way Telegram would. It keeps what each chat shows, so
:class:`ChatUser` can read the screen and tap its buttons, as a person would.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from bot.content.checks import limit_problems, toast_problems
from bot.core.screens import Button, Screen
from tests.botapi import check_call

BOT_ID = 123456789
BOT_USER = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "Blue Heart Helper",
    "username": "BlueHeartHelperBot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
FAKE_TOKEN = f"{BOT_ID}:AAEfakeTOKENfakeTOKENfakeTOKENfake12"
WRITTEN: set[str] = set()  # everything users wrote in this test run, to look for in the log


@dataclass
class Call:
    method: str
    params: dict[str, Any]


@dataclass
class Shown:
    """A message as the chat shows it."""

    message_id: int
    chat_id: int
    text: str
    keyboard: list[list[dict[str, Any]]] = field(default_factory=list)
    reply_keyboard: list[list[dict[str, Any]]] = field(default_factory=list)  # below the text field
    photo: bytes | None = None  # a photo's bytes; its caption is the text
    by_user: bool = False  # what the person sent (the bot's messages are False)
    thread_id: int | None = None  # its forum topic, in a supergroup
    kind: str = "text"  # text, photo, voice...: what a copy copies
    reply_to: int | None = None  # the message it replies to

    @property
    def labels(self) -> list[str]:
        return [button["text"] for row in self.keyboard for button in row]

    def button(self, label: str) -> dict[str, Any]:
        for row in self.keyboard:
            for button in row:
                if button["text"] == label:
                    return button
        raise AssertionError(f"no button {label!r}; the message has {self.labels}")


class TelegramRefusal(Exception):
    """A failure the fake should answer with, as Telegram does: HTTP status and description."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after


class FastClock:
    """Time that runs ``speed`` times faster than the wall clock, for the broadcaster and
    the fake's flood control alike: a broadcast of thousands takes seconds, not minutes,
    and every rate still holds in this clock's seconds."""

    def __init__(self, speed: float = 1.0) -> None:
        self.speed = speed

    def now(self) -> float:
        return time.monotonic() * self.speed

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds / self.speed)


SENDING = frozenset({"sendMessage", "sendPhoto", "sendDocument", "sendVoice", "editMessageText",
                     "copyMessage"})  # fmt: skip


class FloodControl:
    """Telegram's limit for a bot: at most ``per_second`` messages in any second, else 429
    with the seconds to wait."""

    def __init__(self, clock: FastClock, per_second: int = 30) -> None:
        self.clock, self.per_second = clock, per_second
        self.recent: deque[float] = deque()
        self.refused = 0  # 429s answered

    def retry_after(self) -> int | None:
        """None if a message may go now (and counts it), else the seconds to wait."""
        now = self.clock.now()
        while self.recent and self.recent[0] <= now - 1.0:
            self.recent.popleft()
        if len(self.recent) >= self.per_second:
            self.refused += 1
            return max(1, math.ceil(self.recent[0] + 1.0 - now))
        self.recent.append(now)
        return None


FORUM = frozenset({"createForumTopic", "closeForumTopic", "reopenForumTopic", "deleteForumTopic"})


@dataclass
class Topic:
    """A forum topic of the staff chat, as Telegram keeps it."""

    chat_id: int
    name: str
    closed: bool = False
    deleted: bool = False


class _Refused(Exception):
    """What Telegram answers with an error (a thread that is gone, nothing to copy)."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status, self.description = status, description


class FakeTelegram(BaseRequest):
    def __init__(self) -> None:
        self.flood: FloodControl | None = None  # set to enforce Telegram's rate limit
        self.blocked: set[int] = set()  # users who blocked the bot: 403 to any message
        self.failures: dict[str, list[Exception]] = {}  # raised instead of answering
        self.files: set[str] = set()  # file_ids this Telegram gave out
        self.photos: dict[str, bytes] = {}  # the picture behind each photo's file_id
        self.calls: list[Call] = []
        self.spec_problems: list[str] = []
        self.chats: dict[int, dict[int, Shown]] = {}
        self.refusals: dict[str, list[TelegramRefusal]] = {}
        self.topics: dict[int, Topic] = {}  # forum topics by thread id (one staff chat)
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
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        files = request_data.multipart_data if request_data else None
        uploads = tuple(files or ())
        problems = check_call(api_method, params, uploads=uploads)
        problems += limit_problems_of(api_method, params)
        if files:  # keep what was uploaded (e.g. a QR code), as Telegram would
            params.update({name: part[1] for name, part in files.items()})
        self.spec_problems += problems
        self.calls.append(Call(api_method, params))
        if problems:
            return self._error(400, "Bad Request: " + "; ".join(problems))
        try:
            return self._reply(api_method, params)
        except _Refused as refusal:
            return self._error(refusal.status, refusal.description)

    def _reply(self, api_method: str, params: dict[str, Any]) -> tuple[int, bytes]:
        if failures := self.failures.get(api_method):
            raise failures.pop(0)  # as python-telegram-bot's client raises a timeout
        queued = self.refusals.get(api_method)
        if queued:
            refusal = queued.pop(0)
            return self._error(refusal.status, refusal.description, refusal.retry_after)
        sent_file = params.get("voice" if api_method == "sendVoice" else "photo")
        if (api_method in ("sendVoice", "sendPhoto") and isinstance(sent_file, str)
                and sent_file not in self.files):  # fmt: skip
            return self._error(400, "Bad Request: wrong file identifier/HTTP URL specified")
        wait = self.flood.retry_after() if api_method in SENDING and self.flood else None
        if wait is not None:
            return self._error(429, f"Too Many Requests: retry after {wait}", wait)
        if api_method in SENDING and int(params.get("chat_id", 0)) in self.blocked:
            return self._error(403, "Forbidden: bot was blocked by the user")
        return 200, json.dumps({"ok": True, "result": self._answer(api_method, params)}).encode()

    def new_message_id(self) -> int:
        """Ids as Telegram numbers a chat's messages: one sequence for both sides."""
        return next(self._message_ids)

    def user_sent(
        self, chat_id: int, message_id: int, text: str, thread_id: int | None = None,
        kind: str = "text", reply_to: int | None = None,
    ) -> None:  # fmt: skip
        """A message a person sent: the chat shows it until it is deleted."""
        shown = Shown(message_id, chat_id, text, by_user=True, thread_id=thread_id, kind=kind,
                      reply_to=reply_to)  # fmt: skip
        self.chats.setdefault(chat_id, {})[message_id] = shown

    # -- what Telegram answers -----------------------------------------------------------
    def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in FORUM:
            return self._forum(method, params)
        if method == "copyMessage":
            return self._copy(params)
        if method == "getUpdates":
            return []
        if method == "sendMessage":
            chat_id = int(params["chat_id"])
            thread = params.get("message_thread_id")
            if thread is not None and self._gone(int(thread)):
                raise _Refused(400, "Bad Request: message thread not found")
            shown = Shown(next(self._message_ids), chat_id, params["text"], _keyboard(params),
                          _keyboard(params, "keyboard"),
                          thread_id=int(thread) if thread is not None else None)  # fmt: skip
            self.chats.setdefault(chat_id, {})[shown.message_id] = shown
            return self._message(shown)
        if method == "sendDocument":
            chat_id = int(params["chat_id"])
            shown = Shown(next(self._message_ids), chat_id, params.get("caption", ""),
                          photo=params["document"])  # fmt: skip
            self.chats.setdefault(chat_id, {})[shown.message_id] = shown
            return {**self._message(shown), "document": {"file_id": f"doc{shown.message_id}",
                                                         "file_unique_id": "d"}}  # fmt: skip
        if method == "sendPhoto":  # by its bytes, or by a file_id this Telegram gave out
            chat_id, photo = int(params["chat_id"]), params["photo"]
            picture = self.photos[photo] if isinstance(photo, str) else photo
            shown = Shown(next(self._message_ids), chat_id, params.get("caption", ""),
                          _keyboard(params), photo=picture)  # fmt: skip
            self.chats.setdefault(chat_id, {})[shown.message_id] = shown
            file_id = photo if isinstance(photo, str) else f"photo{shown.message_id}"
            self.files.add(file_id)
            self.photos[file_id] = picture
            return {**self._message(shown), "photo": [
                {"file_id": file_id, "file_unique_id": "u", "width": 1, "height": 1}]}  # fmt: skip
        if method == "sendVoice":
            chat_id, voice = int(params["chat_id"]), params["voice"]
            upload = voice if isinstance(voice, bytes) else None  # kept, as for photos
            shown = Shown(next(self._message_ids), chat_id, params.get("caption", ""),
                          _keyboard(params), photo=upload)  # fmt: skip
            self.chats.setdefault(chat_id, {})[shown.message_id] = shown
            file_id = voice if isinstance(voice, str) else f"voice{shown.message_id}"
            self.files.add(file_id)
            return {**self._message(shown), "voice": {"file_id": file_id, "file_unique_id": "v",
                                                      "duration": 3}}  # fmt: skip
        if method in ("deleteMessage", "deleteMessages"):  # ids not found are skipped
            chat = self.chats.get(int(params["chat_id"]), {})
            for message_id in params.get("message_ids") or [params["message_id"]]:
                chat.pop(int(message_id), None)
            return True
        if method in ("editMessageText", "editMessageCaption"):
            chat_id, message_id = int(params["chat_id"]), int(params["message_id"])
            old = self.chats.get(chat_id, {}).get(message_id)
            text = params.get("text", params.get("caption", ""))
            shown = Shown(message_id, chat_id, text, _keyboard(params),
                          thread_id=old.thread_id if old else None,
                          kind=old.kind if old else "text")  # fmt: skip
            self.chats.setdefault(chat_id, {})[message_id] = shown
            return self._message(shown)
        return True

    def _forum(self, method: str, params: dict[str, Any]) -> Any:
        """A supergroup with topics: topics are created, closed and deleted (with their
        messages)."""
        chat_id = int(params["chat_id"])
        if method == "createForumTopic":
            thread = next(self._message_ids)  # a topic's id is its first message's
            self.topics[thread] = Topic(chat_id, params["name"])
            return {"message_thread_id": thread, "name": params["name"], "icon_color": 7322096}
        thread = int(params["message_thread_id"])
        if self._gone(thread):
            raise _Refused(400, "Bad Request: message thread not found")
        topic = self.topics[thread]
        if method == "closeForumTopic":
            if topic.closed:
                raise _Refused(400, "Bad Request: TOPIC_NOT_MODIFIED")
            topic.closed = True
        elif method == "reopenForumTopic":
            topic.closed = False
        elif method == "deleteForumTopic":
            topic.deleted = True
            chat = self.chats.get(chat_id, {})
            for message_id in [m for m, shown in chat.items() if shown.thread_id == thread]:
                del chat[message_id]
        return True

    def _copy(self, params: dict[str, Any]) -> dict[str, Any]:
        """``copyMessage``: the same content in another chat (or topic), no sender named."""
        source = self.chats.get(int(params["from_chat_id"]), {}).get(int(params["message_id"]))
        if source is None:
            raise _Refused(400, "Bad Request: message to copy not found")
        thread = params.get("message_thread_id")
        if thread is not None and self._gone(int(thread)):
            raise _Refused(400, "Bad Request: message thread not found")
        reply = params.get("reply_parameters") or {}
        if isinstance(reply, str):
            reply = json.loads(reply)
        chat_id = int(params["chat_id"])
        copy = Shown(next(self._message_ids), chat_id, source.text, kind=source.kind,
                     thread_id=int(thread) if thread is not None else None,
                     reply_to=reply.get("message_id"))  # fmt: skip
        self.chats.setdefault(chat_id, {})[copy.message_id] = copy
        return {"message_id": copy.message_id}

    def _gone(self, thread: int) -> bool:
        topic = self.topics.get(thread)
        return topic is None or topic.deleted

    def in_topic(self, thread: int) -> list[Shown]:
        """What a topic of the staff chat shows now, oldest first."""
        topic = self.topics[thread]
        chat = self.chats.get(topic.chat_id, {})
        return sorted((shown for shown in chat.values() if shown.thread_id == thread),
                      key=lambda shown: shown.message_id)  # fmt: skip

    def _message(self, shown: Shown) -> dict[str, Any]:
        chat = ({"id": shown.chat_id, "type": "supergroup", "title": "Staff", "is_forum": True}
                if shown.chat_id < 0 else
                {"id": shown.chat_id, "type": "private", "first_name": "User"})  # fmt: skip
        message: dict[str, Any] = {
            "message_id": shown.message_id,
            "date": 1_700_000_000,
            "chat": chat,
            "from": BOT_USER,
            "text": shown.text,
        }
        if shown.keyboard:
            message["reply_markup"] = {"inline_keyboard": shown.keyboard}
        return message

    @staticmethod
    def _error(status: int, description: str, retry_after: int | None = None) -> tuple[int, bytes]:
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return status, json.dumps(body).encode()

    # -- for tests -----------------------------------------------------------------------
    def refuse_next(
        self, method: str, status: int, description: str, retry_after: int | None = None
    ) -> None:
        refusal = TelegramRefusal(status, description, retry_after)
        self.refusals.setdefault(method, []).append(refusal)

    def fail_next(self, method: str, error: Exception) -> None:
        """The next ``method`` request fails with ``error`` (a timeout, a lost connection)."""
        self.failures.setdefault(method, []).append(error)

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def last_shown(self, chat_id: int, prompt: bool = False) -> Shown:
        """The newest message in the chat; ``prompt``: the newest that only offers a reply
        keyboard (such as "share my location"), which is not a screen of its own."""
        messages = [m for m in self.chats.get(chat_id, {}).values()
                    if bool(m.reply_keyboard) == prompt and not m.by_user]  # fmt: skip
        assert messages, f"the bot has shown nothing of that kind in chat {chat_id}"
        return max(messages, key=lambda shown: shown.message_id)

    def clear(self) -> None:
        self.calls.clear()


def _keyboard(params: dict[str, Any], kind: str = "inline_keyboard") -> list[list[dict[str, Any]]]:
    markup = params.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    return markup.get(kind, [])


def limit_problems_of(method: str, params: dict[str, Any]) -> list[str]:
    """Telegram's limits on what a message shows, which the specification does not encode."""
    if method == "answerCallbackQuery":
        return [f"{method}: {problem}" for problem in toast_problems(params.get("text"))]
    if method not in ("sendMessage", "editMessageText"):
        return []
    rows = tuple(
        tuple(Button(b["text"], b.get("callback_data"), b.get("url")) for b in row)
        for row in _keyboard(params)
    )
    return [f"{method}: {problem}" for problem in limit_problems(Screen(params["text"], rows))]


_update_ids = itertools.count(1)


class ChatUser:
    """A person in a private chat with the bot: sends text, taps buttons, reads the screen."""

    def __init__(
        self,
        application: Application,
        telegram: FakeTelegram,
        user_id: int = 4242,
        language_code: str | None = "en",
    ) -> None:
        self.application = application
        self.telegram = telegram
        self.user = {"id": user_id, "is_bot": False, "first_name": "Test"}
        if language_code:
            self.user["language_code"] = language_code
        self.chat = {"id": user_id, "type": "private", "first_name": "Test"}

    @property
    def id(self) -> int:
        return int(self.user["id"])

    @property
    def screen(self) -> Shown:
        """The newest message the bot shows in this chat."""
        return self.telegram.last_shown(self.id)

    @property
    def prompt(self) -> Shown:
        """The newest reply keyboard offered below the text field."""
        return self.telegram.last_shown(self.id, prompt=True)

    async def share_location(self, latitude: float, longitude: float) -> list[Call]:
        message = {
            "message_id": self.telegram.new_message_id(), "date": 1_700_000_000,
            "chat": self.chat, "from": self.user,
            "location": {"latitude": latitude, "longitude": longitude},
        }  # fmt: skip
        self.telegram.user_sent(self.id, message["message_id"], "(a location)")
        return await self.feed({"message": message})

    async def feed(self, update: dict[str, Any]) -> list[Call]:
        """Process one raw update; returns the calls the bot made for it."""
        before = len(self.telegram.calls)
        update = {"update_id": next(_update_ids), **update}
        await self.application.process_update(Update.de_json(update, self.application.bot))
        return self.telegram.calls[before:]

    async def send(
        self, text: str, bold: str | None = None, reply_to: int | None = None
    ) -> list[Call]:
        """Send ``text``; ``bold``: a part of it the user made bold (an entity);
        ``reply_to``: the message of the chat it answers."""
        WRITTEN.add(text)
        message: dict[str, Any] = {
            "message_id": self.telegram.new_message_id(),
            "date": 1_700_000_000,
            "chat": self.chat,
            "from": self.user,
            "text": text,
        }
        if reply_to is not None:
            message["reply_to_message"] = self._replied(reply_to)
        if self.chat["type"] == "private":
            self.telegram.user_sent(self.id, message["message_id"], text, reply_to=reply_to)
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if bold:
            start = len(text[: text.index(bold)].encode("utf-16-le")) // 2  # UTF-16 offsets
            length = len(bold.encode("utf-16-le")) // 2
            entity = {"type": "bold", "offset": start, "length": length}
            message["entities"] = [*message.get("entities", []), entity]
        return await self.feed({"message": message})

    async def send_voice(self) -> list[Call]:
        """A voice note (no words for the bot to read)."""
        message_id = self.telegram.new_message_id()
        message = {"message_id": message_id, "date": 1_700_000_000, "chat": self.chat,
                   "from": self.user, "voice": {"file_id": f"v{message_id}",
                                                "file_unique_id": "v", "duration": 2}}  # fmt: skip
        self.telegram.user_sent(self.id, message_id, "(a voice note)", kind="voice")
        return await self.feed({"message": message})

    async def edit(self, message_id: int, text: str) -> list[Call]:
        """Change what an own message says."""
        WRITTEN.add(text)
        self.telegram.user_sent(self.id, message_id, text)
        message = {"message_id": message_id, "date": 1_700_000_000, "edit_date": 1_700_000_100,
                   "chat": self.chat, "from": self.user, "text": text}  # fmt: skip
        return await self.feed({"edited_message": message})

    def _replied(self, message_id: int) -> dict[str, Any]:
        shown = self.telegram.chats.get(int(self.chat["id"]), {}).get(message_id)
        return {"message_id": message_id, "date": 1_700_000_000, "chat": self.chat,
                "text": shown.text if shown else "old"}  # fmt: skip

    async def tap(self, label: str) -> list[Call]:
        """Tap the button labelled ``label`` on the newest message."""
        screen = self.screen
        button = screen.button(label)
        assert "callback_data" in button, f"{label!r} is a link, not a button the bot answers"
        return await self.tap_data(button["callback_data"], screen.message_id)

    async def tap_data(self, data: str, message_id: int | None = None) -> list[Call]:
        """Tap a button carrying ``data`` (any data, as a forged client could send)."""
        message_id = message_id or self.screen.message_id
        shown = self.telegram.chats.get(self.id, {}).get(message_id)
        message = {
            "message_id": message_id,
            "date": 1_700_000_000,
            "chat": self.chat,
            "from": BOT_USER,
            "text": shown.text if shown else "old message",
        }
        query = {
            "id": str(next(_update_ids)),
            "from": self.user,
            "chat_instance": "1",
            "message": message,
            "data": data,
        }
        return await self.feed({"callback_query": query})


class StaffMember:
    """Someone of the NGO's team in the staff chat, a supergroup with topics: writes in a
    case's topic, replies to a message there, edits what they wrote."""

    def __init__(self, application: Application, telegram: FakeTelegram, chat_id: int,
                 user_id: int = 7777) -> None:  # fmt: skip
        self.application, self.telegram, self.chat_id = application, telegram, chat_id
        self.user = {"id": user_id, "is_bot": False, "first_name": "Counsellor"}
        self.chat = {"id": chat_id, "type": "supergroup", "title": "Staff", "is_forum": True}

    async def write(self, thread: int, text: str, reply_to: int | None = None) -> list[Call]:
        message_id = self.telegram.new_message_id()
        self.telegram.user_sent(self.chat_id, message_id, text, thread_id=thread,
                                reply_to=reply_to)  # fmt: skip
        message = self._message(message_id, thread, text, reply_to)
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return await self._feed({"message": message})

    async def edit(self, thread: int, message_id: int, text: str) -> list[Call]:
        self.telegram.user_sent(self.chat_id, message_id, text, thread_id=thread)
        message = {**self._message(message_id, thread, text, None), "edit_date": 1_700_000_100}
        return await self._feed({"edited_message": message})

    def _message(self, message_id: int, thread: int, text: str,
                 reply_to: int | None) -> dict[str, Any]:  # fmt: skip
        """In a topic, a message that replies to nothing replies to the topic's first,
        service message, as Telegram sends it."""
        if reply_to is None:
            replied: dict[str, Any] = {"message_id": thread, "date": 1_700_000_000,
                                       "chat": self.chat, "message_thread_id": thread,
                                       "forum_topic_created": {"name": "case",
                                                               "icon_color": 7322096}}  # fmt: skip
        else:
            shown = self.telegram.chats.get(self.chat_id, {}).get(reply_to)
            replied = {"message_id": reply_to, "date": 1_700_000_000, "chat": self.chat,
                       "message_thread_id": thread, "is_topic_message": True,
                       "text": shown.text if shown else "old"}  # fmt: skip
        return {"message_id": message_id, "date": 1_700_000_000, "chat": self.chat,
                "from": self.user, "text": text, "message_thread_id": thread,
                "is_topic_message": True, "reply_to_message": replied}  # fmt: skip

    async def _feed(self, update: dict[str, Any]) -> list[Call]:
        before = len(self.telegram.calls)
        update = {"update_id": next(_update_ids), **update}
        await self.application.process_update(Update.de_json(update, self.application.bot))
        return self.telegram.calls[before:]
