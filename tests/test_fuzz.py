"""Fuzzing the running bot with hypothesis: whatever arrives, nothing escapes the handlers.

Random and forged button data, odd texts, deep-link payloads and updates the bot rarely or
never sees (edited messages, channel posts, groups, inline queries) are fed through the real
Application and the fake Telegram. Every button tap must be answered exactly once, no
handler may fail (the error handler logs an ERROR on ``bot.errors`` when one does), and the
fake must not see a request the Bot API would refuse.

Each test keeps one running bot for all its examples (hypothesis runs them inside the
test's event loop), so the function-scoped fixtures are shared on purpose.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram.ext import Application

from bot.config import Config, Secret
from bot.content.bundle import Bundle
from bot.core import callbacks
from bot.core.screens import MAX_CALLBACK_BYTES
from tests.fake_telegram import BOT_USER, FAKE_TOKEN, Call, ChatUser, FakeTelegram

ADMIN_ID = 777
BOT_NAME = str(BOT_USER["username"])
SENDS = frozenset({"sendMessage", "sendPhoto", "sendDocument", "editMessageText"})
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

_ids = itertools.count(10_000_000)  # message and query ids of the updates made here


# -- fixtures ------------------------------------------------------------------------------
@pytest.fixture
def config(tmp_path: Path) -> Config:
    """As in conftest, with one admin: forged admin buttons must be safe for admins too."""
    return Config(
        token=Secret(FAKE_TOKEN),
        database=tmp_path / "bot.sqlite3",
        admin_ids=frozenset({ADMIN_ID}),
    )


class Records(logging.Handler):
    """The log records of the bot and of python-telegram-bot's Application, kept."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def failures(self) -> list[str]:
        """What went wrong, with tracebacks, for an assertion message."""
        formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
        return [formatter.format(r) for r in self.records if r.levelno >= logging.ERROR]


@pytest.fixture
def logged() -> Iterator[Records]:
    handler = Records()
    loggers = [logging.getLogger(name) for name in ("bot", "telegram.ext")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)


@dataclass
class Fuzzed:
    """The bot under fuzzing: feeds one update, and checks nothing escaped."""

    application: Application
    telegram: FakeTelegram
    logged: Records

    @property
    def bundle(self) -> Bundle:
        return self.application.bot_data["services"].bundle

    async def feed(self, update: dict[str, Any]) -> list[Call]:
        self.logged.records.clear()
        problems = len(self.telegram.spec_problems)
        calls = await ChatUser(self.application, self.telegram).feed(update)
        self.telegram.refusals.clear()  # a refusal queued for this update and not used
        assert self.logged.failures() == [], f"a handler failed on {update!r}"
        assert self.telegram.spec_problems[problems:] == [], f"the Bot API refuses {update!r}"
        return calls


@pytest.fixture
def bot(application: Application, telegram: FakeTelegram, logged: Records) -> Fuzzed:
    return Fuzzed(application, telegram, logged)


# -- updates -------------------------------------------------------------------------------
def person(user_id: int, language_code: str | None = "en") -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Test"}
    if language_code is not None:
        user["language_code"] = language_code
    return user


def private_chat(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "type": "private", "first_name": "Test"}


GROUP = {"id": -4_000_123, "type": "group", "title": "Group"}
SUPERGROUP = {"id": -1_001_234_567_890, "type": "supergroup", "title": "Supergroup"}
CHANNEL = {"id": -1_009_876_543_210, "type": "channel", "title": "Channel"}


def message(chat: dict[str, Any], sender: dict[str, Any] | None, **content: Any) -> dict[str, Any]:
    """A message in ``chat``; ``sender`` None for a channel post (it has a sender chat)."""
    raw: dict[str, Any] = {"message_id": next(_ids), "date": 1_700_000_000, "chat": chat}
    if sender is None:
        raw["sender_chat"] = chat
    else:
        raw["from"] = sender
    return {**raw, **content}


def text_message(chat: dict[str, Any], sender: dict[str, Any] | None, text: str) -> dict[str, Any]:
    """A text; one that starts with a command gets its entity, as Telegram marks it."""
    content: dict[str, Any] = {"text": text}
    if text.startswith("/"):
        command = text.split()[0] if text.split() else text
        length = len(command.encode("utf-16-le")) // 2
        content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return message(chat, sender, **content)


def tap_update(
    sender: dict[str, Any], data: str | None, on: dict[str, Any] | None
) -> tuple[str, dict[str, Any]]:
    """A button tap, with ``data`` (None: no data field) on message ``on`` (None: on an
    inline message). Returns the query's id and the update."""
    query_id = str(next(_ids))
    query: dict[str, Any] = {"id": query_id, "from": sender, "chat_instance": "42"}
    if on is None:
        query["inline_message_id"] = f"AAAA{query_id}"
    else:
        query["message"] = on
    if data is not None:
        query["data"] = data
    return query_id, {"callback_query": query}


def shown_message(chat: dict[str, Any], message_id: int, text: str = "old") -> dict[str, Any]:
    return {"message_id": message_id, "date": 1_700_000_000, "chat": chat, "from": BOT_USER,
            "text": text}  # fmt: skip


def sent_to(calls: list[Call], chat_id: int) -> list[Call]:
    return [c for c in calls if c.method in SENDS and int(c.params["chat_id"]) == chat_id]


def deleted(calls: list[Call]) -> list[tuple[int, int]]:
    """The messages deleted, as (chat id, message id)."""
    return [(int(c.params["chat_id"]), int(message_id)) for c in calls
            if c.method == "deleteMessages" for message_id in c.params["message_ids"]]  # fmt: skip


def answers(calls: list[Call]) -> list[str]:
    """The ids of the callback queries answered."""
    return [str(c.params["callback_query_id"]) for c in calls if c.method == "answerCallbackQuery"]


# -- strategies ----------------------------------------------------------------------------
def fits(data: str) -> bool:
    return len(data.encode()) <= MAX_CALLBACK_BYTES


OUR_PREFIXES = ("p:", "lang:", "lang", "hl", "hr:", "hc:", "mc", "mc:x", "mc:s:", "sh:", "fg",
                "ex", "st:", "nw:", "nb:", "nx:")  # fmt: skip
ODD_PIECES = (
    "\u200f", "\u202e", "\u202c", "\u200b", "\u200d", "\ufeff", "\u0301", "\u0336", "e\u0301",
    "👨\u200d👩\u200d👧\u200d👦", "🇺🇦", "🇳🇬", "🏳️\u200d🌈", "👍🏽", "🆘", "مرحبا", "שלום", "帮助",
    "Україна", "ประเทศไทย", "नमस्ते", "\n", " ", "\t", "\u00a0", "\u3000", "<b>", "&amp;", "<",
)  # fmt: skip
WORDS = ("help", "Ukraine", "ukriane", "passport", "police", "SOS", "job abroad", "/start",
         "menu", "Nigeria", "España", "get_help")  # fmt: skip
SUFFIXES = st.one_of(
    st.text(max_size=62),
    st.from_regex(r"[a-z0-9_]{0,20}", fullmatch=True),
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(("on", "off", "0", "00", "-1", "1.5", "٣", "²", "UA", "ua", "xx", "\x00")),
)


def callback_data(bundle: Bundle) -> st.SearchStrategy[str | None]:
    """Button data of 0-64 bytes: ours, ours forged, and anything at all (None: no data)."""
    known = [
        *(callbacks.OPEN_PAGE(page) for page in bundle.content.pages),
        *(callbacks.SET_LANGUAGE(language) for language in bundle.languages),
        *(callbacks.SHOW_REGION(region) for region in bundle.directory.regions),
        *(callbacks.SHOW_COUNTRY(code) for code in bundle.directory.countries),
        *(callbacks.SET_COUNTRY(code) for code in bundle.directory.countries),
        *(callbacks.SHARE(page) for page in bundle.content.pages),
        callbacks.SHOW_LANGUAGES(), callbacks.SHOW_REGIONS(), callbacks.SHOW_MY_COUNTRY(),
        callbacks.FORGET_COUNTRY(), callbacks.FORGET_ME(), callbacks.EXIT(),
        callbacks.STATS_CSV(7), callbacks.SET_NEWS("on"), callbacks.SET_NEWS("off"),
        callbacks.SEND_NEWS(1), callbacks.CANCEL_NEWS(1),
    ]  # fmt: skip
    forged = st.builds(lambda prefix, suffix: prefix + suffix, st.sampled_from(OUR_PREFIXES),
                       SUFFIXES)  # fmt: skip
    odd = st.lists(st.sampled_from(ODD_PIECES), max_size=8).map("".join)
    return st.one_of(
        st.none(),
        st.just(""),
        st.sampled_from(known),
        forged.filter(fits),
        st.text(max_size=64).filter(fits),
        odd.filter(fits),
    )


LANGUAGE_CODES = st.sampled_from([None, "en", "ar", "zh", "uk", "pt-br", "zz", "EN", ""])
ODD_TEXT = st.lists(
    st.one_of(st.sampled_from(ODD_PIECES), st.sampled_from(WORDS), st.text(max_size=12)),
    max_size=30,
).map("".join)
BLANK = st.text(alphabet=" \t\n\r\u00a0\u2003\u3000\u200b\u200f\u2028\ufeff", max_size=30)
# Long texts repeat a short unit, so hypothesis need not draw thousands of characters.
LONG = st.builds(lambda unit, size: (unit * size)[:size],
                 st.one_of(ODD_TEXT.filter(bool), st.text(min_size=1, max_size=8)),
                 st.integers(4000, 5000))  # fmt: skip
FREE_TEXT = st.one_of(BLANK, ODD_TEXT, st.text(max_size=300), LONG)
INLINE_QUERIES = st.one_of(
    BLANK, ODD_TEXT.map(lambda text: text[:256]), st.text(max_size=256),
    st.builds(lambda unit, size: (unit * size)[:size], ODD_TEXT.filter(bool),
              st.integers(200, 256)),
)  # fmt: skip


def shown_as_alert(calls: list[Any]) -> bool:
    """A tap answered by an alert, which itself says what there is to say."""
    return any(call.method == "answerCallbackQuery" and call.params.get("show_alert")
               for call in calls)  # fmt: skip


# -- 1. button taps ------------------------------------------------------------------------
@FUZZ
@given(data=st.data())
async def test_every_tap_is_answered_exactly_once_whatever_its_data(
    bot: Fuzzed, data: st.DataObject
) -> None:
    """Any 0-64 bytes of data (or none), by a user or an admin, on the bot's newest
    message, on a message it never sent (Telegram refuses to edit it: a new one is sent),
    or on an inline message."""
    button = data.draw(callback_data(bot.bundle), label="data")
    user_id = data.draw(st.sampled_from([4242, 4343, ADMIN_ID]), label="user")
    sender = person(user_id, data.draw(LANGUAGE_CODES, label="language_code"))
    chat = private_chat(user_id)
    where = data.draw(st.sampled_from(["shown", "never sent", "inline"]), label="where")
    on: dict[str, Any] | None = None
    if where == "shown":
        await bot.feed({"message": text_message(chat, sender, "/start")})
        shown = bot.telegram.last_shown(user_id)
        on = shown_message(chat, shown.message_id, shown.text)
    elif where == "never sent":
        on = shown_message(chat, next(_ids))
        bot.telegram.refuse_next("editMessageText", 400, "Bad Request: message to edit not found")

    query_id, update = tap_update(sender, button, on)
    calls = await bot.feed(update)

    assert answers(calls) == [query_id], f"{button!r} must be answered once: {calls}"
    if on is not None and not shown_as_alert(calls):  # the safety exit leaves nothing
        assert sent_to(calls, user_id), f"{button!r} showed nothing"


# -- 2. free text --------------------------------------------------------------------------
@FUZZ
@given(text=FREE_TEXT, language_code=LANGUAGE_CODES)
async def test_any_text_is_answered_within_telegrams_limits(
    bot: Fuzzed, text: str, language_code: str | None
) -> None:
    """Blank, very long, right-to-left, zero-width, combining, emoji, other scripts: a reply
    (the fake checks each against the 4096-character limit)."""
    user_id = 5151
    sender = person(user_id, language_code)

    calls = await bot.feed({"message": message(private_chat(user_id), sender, text=text)})

    replies = [c for c in sent_to(calls, user_id) if c.method == "sendMessage"]
    assert replies, f"no reply to {text!r}"


# -- 3. deep links -------------------------------------------------------------------------
SCHEME_FIELDS = st.one_of(  # <page>-<lang>-<COUNTRY>-_<campaign>, and near misses
    st.sampled_from(("get_help", "home", "en", "ar", "zz", "UA", "ZZ", "NG", "_kyiv", "_", "")),
    st.from_regex(r"_?[A-Za-z0-9_]{0,40}", fullmatch=True),
)
PAYLOADS = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True),
    st.lists(SCHEME_FIELDS, min_size=1, max_size=5).map("-".join),
    ODD_TEXT,
    st.text(max_size=100),
)


@FUZZ
@given(payload=PAYLOADS)
async def test_any_deep_link_opens_one_screen(bot: Fuzzed, payload: str) -> None:
    """``/start <payload>``, whether of the scheme, forged, or not a payload at all."""
    user_id = 6161
    chat, sender = private_chat(user_id), person(user_id)

    calls = await bot.feed({"message": text_message(chat, sender, f"/start {payload}")})

    assert {c.method for c in calls} == {"sendMessage"}, calls
    screens = [c for c in calls if "keyboard" not in (c.params.get("reply_markup") or {})]
    assert len(screens) == 1, f"/start {payload!r} must show one screen: {calls}"


# -- 4. odd updates ------------------------------------------------------------------------
@dataclass
class Odd:
    """An update and what the bot should do with it."""

    what: str
    update: dict[str, Any]
    expect: str  # silent, no reply, reply (in chat_id), answer <query id>, inline <query id>,
    # or anything (only that nothing fails)
    chat_id: int = 0


COORDINATES = st.tuples(
    st.one_of(st.sampled_from([90.0, -90.0, 0.0, -0.0, 89.999999]),
              st.floats(-90, 90, allow_nan=False)),
    st.one_of(st.sampled_from([180.0, -180.0, 0.0, -0.0, 179.999999]),
              st.floats(-180, 180, allow_nan=False)),
)  # fmt: skip
# Commands the bot answers in groups too (the safety exit is for private chats only).
GROUP_COMMANDS = frozenset({"/start", "/menu", "/help", "/language", "/privacy", "/subscribe",
                            "/unsubscribe", "/forget", "/share", "/check", "/speak"})  # fmt: skip
ADMIN_COMMANDS = frozenset({"/broadcast", "/stats", "/reload"})
COMMANDS = st.one_of(
    st.sampled_from(["/start", "/menu", "/help", "/language", "/privacy", "/subscribe",
                     "/unsubscribe", "/foo", "/broadcast", "/stats", "/reload", "/exit",
                     "/forget", "/share"]),
    st.from_regex(r"/[a-z_]{1,20}", fullmatch=True),
)  # fmt: skip


def non_text(location: tuple[float, float] | None) -> st.SearchStrategy[dict[str, Any]]:
    """What a message carries besides text; a location and a venue only with ``location``."""
    file = {"file_id": "f", "file_unique_id": "u"}
    contents: list[dict[str, Any]] = [
        {"sticker": {**file, "width": 512, "height": 512, "is_animated": False,
                     "is_video": False, "type": "regular", "emoji": "👍🏽"}},
        {"photo": [{**file, "width": 90, "height": 90}], "caption": "\u202ehelp"},
        {"contact": {"phone_number": "+380000000000", "first_name": "\u200f"}},
        {"document": {**file, "file_name": "\u202egpj.exe", "mime_type": "application/pdf"}},
        {"voice": {**file, "duration": 0}},
        {"dice": {"emoji": "🎲", "value": 6}},
    ]  # fmt: skip
    if location is not None:
        point = {"latitude": location[0], "longitude": location[1]}
        venue = {"location": point, "title": "🏳️\u200d🌈", "address": ""}
        contents += [{"location": point}, {"venue": venue, "location": point}]
    return st.sampled_from(contents)


@st.composite
def odd_updates(draw: st.DrawFn) -> Odd:
    user_id = draw(st.sampled_from([7171, 7272, ADMIN_ID]))
    sender = person(user_id, draw(LANGUAGE_CODES))
    private = private_chat(user_id)
    text = draw(st.one_of(ODD_TEXT.filter(lambda t: not t.startswith("/")), st.just("help")))
    command = draw(COMMANDS)
    content = draw(non_text(draw(COORDINATES)))
    group = draw(st.sampled_from([GROUP, SUPERGROUP]))
    kind = draw(st.sampled_from([
        "edited text", "edited command", "edited location", "private non-text",
        "channel post", "edited channel post", "group text", "group non-text",
        "group command", "group command to us",
        "group member joined", "tap on inline message", "tap in group", "inline query",
        "my_chat_member",
    ]))  # fmt: skip
    match kind:
        case "edited text":  # the fallback answers no edits: the first version was answered
            return Odd(kind, {"edited_message": text_message(private, sender, text)}, "silent")
        case "edited command":
            update = {"edited_message": text_message(private, sender, command)}
            return Odd(kind, update, "anything")
        case "edited location":  # a live location moving: not a new question
            latitude, longitude = draw(COORDINATES)
            point = {"latitude": latitude, "longitude": longitude, "live_period": 900}
            return Odd(kind, {"edited_message": message(private, sender, location=point)},
                       "silent")  # fmt: skip
        case "private non-text":
            update = {"message": message(private, sender, **content)}
            return Odd(kind, update, "reply", user_id)
        case "channel post" | "edited channel post":
            key = "channel_post" if kind == "channel post" else "edited_channel_post"
            post = draw(st.sampled_from([text_message(CHANNEL, None, text),
                                         text_message(CHANNEL, None, command),
                                         text_message(CHANNEL, None, f"{command}@{BOT_NAME}"),
                                         message(CHANNEL, None, **content)]))  # fmt: skip
            return Odd(kind, {key: post}, "silent")
        case "group text":
            return Odd(kind, {"message": text_message(group, sender, text)}, "no reply")
        case "group non-text":  # locations in groups: see the test after this one
            content = draw(non_text(None))
            return Odd(kind, {"message": message(group, sender, **content)}, "no reply")
        case "group command":  # ours are answered; others may be for other bots
            update = {"message": text_message(group, sender, command)}
            ours = command in GROUP_COMMANDS or (user_id == ADMIN_ID and command in ADMIN_COMMANDS)
            return Odd(kind, update, "reply" if ours else "no reply", group["id"])
        case "group command to us":  # answered, but the safety exit: private chats only
            update = {"message": text_message(group, sender, f"{command}@{BOT_NAME} {text}")}
            return Odd(kind, update, "no reply" if command == "/exit" else "reply", group["id"])
        case "group member joined":
            joined = {"new_chat_members": [BOT_USER, sender]}
            return Odd(kind, {"message": message(group, sender, **joined)}, "no reply")
        case "tap on inline message":
            query_id, update = tap_update(sender, draw(st.text(max_size=64).filter(fits)), None)
            return Odd(kind, update, f"answer {query_id}")
        case "tap in group":
            button = draw(st.sampled_from(["p:get_help", "lang:ar", "ex", "fg", "hl", "x"]))
            on = shown_message(group, next(_ids))
            query_id, update = tap_update(sender, button, on)
            return Odd(kind, update, f"answer {query_id}")
        case "inline query":
            query_id = str(next(_ids))
            query = {"id": query_id, "from": sender, "offset": "",
                     "query": draw(INLINE_QUERIES)}  # fmt: skip
            if draw(st.booleans()):
                query["chat_type"] = draw(st.sampled_from(["sender", "private", "group",
                                                           "supergroup", "channel"]))  # fmt: skip
            return Odd(kind, {"inline_query": query}, f"inline {query_id}")
        case _:  # my_chat_member: blocked, unblocked, added to or removed from a group
            chat = draw(st.sampled_from([private, group]))
            old, new = draw(st.permutations(["member", "kicked"]))
            change = {
                "chat": chat,
                "from": sender,
                "date": 1_700_000_000,
                "old_chat_member": {"status": old, "user": BOT_USER, "until_date": 0},
                "new_chat_member": {"status": new, "user": BOT_USER, "until_date": 0},
            }
            return Odd(kind, {"my_chat_member": change}, "silent")


@FUZZ
@given(odd=odd_updates())
async def test_odd_updates_are_handled_or_ignored_quietly(bot: Fuzzed, odd: Odd) -> None:
    """Edits, non-text messages, channel posts, groups, inline messages and queries, chat
    member changes: nothing fails; the bot is silent in channels and to edits, answers
    only commands in groups, and answers each tap and inline query once."""
    calls = await bot.feed(odd.update)

    sends = [c for c in calls if c.method in SENDS]
    match odd.expect.split():
        case ["silent"]:
            assert calls == [], f"{odd.what}: the bot must stay silent"
        case ["no", "reply"]:
            assert sends == [], f"{odd.what}: the bot must not answer"
        case ["reply"]:
            assert sent_to(calls, odd.chat_id), f"{odd.what}: the bot must answer"
        case ["answer", query_id]:
            assert answers(calls) == [query_id], f"{odd.what}: answered once"
        case ["inline", query_id]:
            answered = [c for c in calls if c.method == "answerInlineQuery"]
            assert [c.params["inline_query_id"] for c in answered] == [query_id]
            assert sends == []


# -- groups: what is not spoken to the bot gets no answer ---------------------------------
@FUZZ
@given(command=COMMANDS, group=st.sampled_from([GROUP, SUPERGROUP]), words=ODD_TEXT)
async def test_commands_for_another_bot_get_no_answer_in_groups(
    bot: Fuzzed, command: str, group: dict[str, Any], words: str
) -> None:
    """``/start@OtherBot`` in a group is for that bot (a bot that is a group admin, or has
    privacy mode off, receives every message there)."""
    sender = person(8181)
    text = f"{command}@OtherBot {words}".strip()

    calls = await bot.feed({"message": text_message(group, sender, text)})

    assert [c for c in calls if c.method in SENDS] == [], f"{text!r} is not for this bot"


@FUZZ
@given(location=COORDINATES, group=st.sampled_from([GROUP, SUPERGROUP]))
async def test_locations_shared_in_groups_get_no_answer(
    bot: Fuzzed, location: tuple[float, float], group: dict[str, Any]
) -> None:
    """A location in a group (sent to the group, or in reply to the bot's message there) is
    not a question to the bot: answering would show the group where the sender is."""
    latitude, longitude = location
    point = {"latitude": latitude, "longitude": longitude}

    calls = await bot.feed({"message": message(group, person(8282), location=point)})

    assert [c for c in calls if c.method in SENDS] == [], "the bot answered in the group"


@pytest.mark.parametrize("group", [GROUP, SUPERGROUP], ids=["group", "supergroup"])
@pytest.mark.parametrize("button", [False, True], ids=["command", "button"])
async def test_the_safety_exit_in_a_group_leaves_the_private_chat_alone(
    bot: Fuzzed, group: dict[str, Any], button: bool
) -> None:
    """/exit or Leave quickly in a group must not spend the ids of the bot's messages in the
    sender's private chat: deleted in the group they name other messages, and the private
    chat's messages could no longer be deleted from there."""
    user_id = 8383
    sender, private = person(user_id), private_chat(user_id)
    await bot.feed({"message": text_message(private, sender, "/start")})
    private_id = bot.telegram.last_shown(user_id).message_id

    if button:
        _, update = tap_update(sender, callbacks.EXIT(), shown_message(group, next(_ids)))
    else:
        update = {"message": text_message(group, sender, "/exit")}
    in_group = deleted(await bot.feed(update))
    in_private = deleted(await bot.feed({"message": text_message(private, sender, "/exit")}))

    assert (group["id"], private_id) not in in_group, "a private message id deleted in a group"
    assert (user_id, private_id) in in_private, "the private chat's messages are kept"
