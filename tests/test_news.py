"""Campaign news: /subscribe and /unsubscribe, an admin's /broadcast with a preview and a
confirmation, and the queue that sends it to every subscriber exactly once, at a pace
Telegram accepts, through blocked users, 429s and a restart."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram.error import NetworkError, TimedOut
from telegram.ext import Application
from telegram.request import RequestData

from bot.config import Config
from bot.content.bundle import Bundle
from bot.features.news.feature import split_versions
from bot.storage import Broadcast, Delivery, Outcome, Storage
from tests.conftest import start_application, stop_application, storage_of
from tests.fake_telegram import ChatUser, FakeTelegram, FastClock, FloodControl

ADMIN = 555
NEWS_EN = "30 July is the World Day against Trafficking in Persons."
NEWS_FR = "Le 30 juillet est la Journée mondiale contre la traite."


@pytest.fixture
def admin_config(config: Config) -> Config:
    return replace(config, admin_ids=frozenset({ADMIN}))


@pytest.fixture
async def served(
    admin_config: Config, bundle: Bundle, telegram: FakeTelegram
) -> AsyncIterator[Application]:
    application = await start_application(admin_config, bundle, telegram, FastClock(50))
    yield application
    await stop_application(application)


async def add_subscribers(storage: Storage, ids: range, language: Callable[[int], str]) -> None:
    """Many subscribers at once, as if each had sent /subscribe."""
    await storage.db.executemany(
        "INSERT INTO users (user_id, language, last_seen, subscribed) VALUES (?, ?, ?, 1)",
        [(user_id, language(user_id), "2026-11-23") for user_id in ids],
    )
    await storage.db.commit()


def news_received(telegram: FakeTelegram, marker: str) -> dict[int, int]:
    """How many copies of the news each chat was sent (and Telegram accepted)."""
    counts: dict[int, int] = {}
    for chat_id, messages in telegram.chats.items():
        for shown in messages.values():
            if marker in shown.text and chat_id != ADMIN:
                counts[chat_id] = counts.get(chat_id, 0) + 1
    return counts


async def until(condition: Callable[[], bool], seconds: float = 60.0) -> None:
    async with asyncio.timeout(seconds):
        while not condition():  # noqa: ASYNC110 (the bot's own task changes it)
            await asyncio.sleep(0.01)


async def finished(storage: Storage, broadcast_id: int = 1) -> bool:
    news = await storage.news.get(broadcast_id)
    return news is not None and news.state == "done"


async def until_finished(storage: Storage, seconds: float = 60.0) -> None:
    async with asyncio.timeout(seconds):
        while not await finished(storage):  # noqa: ASYNC110 (as above)
            await asyncio.sleep(0.02)


async def final_report(telegram: FakeTelegram) -> str:
    """The admin's last message, once the final count has come (just after "done")."""

    def reported() -> bool:
        return telegram.last_shown(ADMIN).text.startswith("Campaign news sent")

    await until(reported, 30)
    return telegram.last_shown(ADMIN).text


# -- subscribers ---------------------------------------------------------------------------
async def test_subscribe_and_unsubscribe_keep_only_a_flag_and_the_language(
    served: Application, telegram: FakeTelegram
) -> None:
    person = ChatUser(served, telegram, 11, "fr")
    await person.send("/subscribe")
    assert person.screen.text.startswith("<i>")
    assert "Français" in person.screen.text
    assert "🔕" in person.screen.labels[0]
    rows = (await storage_of(served).dump())["users"]
    assert [(user_id, language, subscribed) for user_id, language, _, _, subscribed in rows] == [
        (11, "fr", 1)
    ]
    await person.tap(person.screen.labels[0])  # the button turns it off
    assert "🔔" in person.screen.labels[0]
    assert (await storage_of(served).dump())["users"][0][4] == 0
    await person.send("/subscribe")
    await person.send("/unsubscribe")
    assert "/subscribe" in person.screen.text
    assert (await storage_of(served).dump())["users"][0][4] == 0


async def test_privacy_tells_subscribers_what_is_kept_and_forget_ends_the_subscription(
    served: Application, telegram: FakeTelegram
) -> None:
    person = ChatUser(served, telegram, 12)
    await person.send("/subscribe")
    await person.send("/privacy")
    assert "campaign news" in person.screen.text
    await person.send("/forget")
    assert (await storage_of(served).dump())["users"] == []


async def test_subscribers_are_not_purged_for_silence_but_others_are(tmp_path) -> None:
    async with Storage(tmp_path / "db.sqlite3") as storage:
        await storage.users.subscribe(1, "en")
        await storage.users.set_language(2, "es")
        await storage.db.execute("UPDATE users SET last_seen = '2020-01-01'")
        await storage.db.commit()
        assert await storage.users.purge_inactive(180) == 1
        assert [row[0] for row in (await storage.dump())["users"]] == [1]


# -- what admins write -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "versions", "malformed"),
    [
        ("Hello", {"en": "Hello"}, False),
        ("en: Hello\nfr: Bonjour", {"en": "Hello", "fr": "Bonjour"}, False),
        (
            "en:\nHello\nsecond line\n\nfr:\nBonjour",
            {"en": "Hello\nsecond line", "fr": "Bonjour"},
            False,
        ),
        ("en：你好", {"en": "你好"}, False),  # a full-width colon, as Chinese keyboards type
        ("Hi\nen: Hello", {"en": "Hello"}, True),  # text before the first code
        ("en: Hello\nen: again", {"en": "again"}, True),  # twice
        ("en:\nfr: Bonjour", {"en": "", "fr": "Bonjour"}, True),  # empty version
        ("", {}, True),
        ("Note: 12:30 today", {"en": "Note: 12:30 today"}, False),  # not a code
    ],
)
def test_versions_are_split_by_language_code(
    text: str, versions: dict[str, str], malformed: bool
) -> None:
    found = split_versions(text)
    assert (found.texts, found.malformed) == (versions, malformed)


@given(st.text(max_size=300))
def test_any_text_splits_without_error_and_loses_no_version_text(text: str) -> None:
    found = split_versions(text)
    for version in found.texts.values():
        assert version == version.strip()
        assert version in text


async def test_broadcast_does_not_exist_for_other_users(
    served: Application, telegram: FakeTelegram
) -> None:
    stranger = ChatUser(served, telegram, 13)
    await stranger.send(f"/broadcast en: {NEWS_EN}")
    assert stranger.screen.text.startswith("<i>I don't know that command. Here is the menu.</i>")
    assert (await storage_of(served).dump())["broadcasts"] == []
    await stranger.tap_data("nb:1")  # forged Send button
    assert (await storage_of(served).dump())["deliveries"] == []


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("/broadcast", "Send /broadcast with the message"),
        ("/broadcast Hi\nen: Hello", "Send /broadcast with the message"),
        ("/broadcast fr: Bonjour", "Add an English version"),
        ("/broadcast en: Hello\nxx: Hm", "Unknown language code: xx"),
        ("/broadcast " + "a" * 4096, "The English version is too long: 4096 characters"),
        ("/broadcast en: Hello", "No one is subscribed yet"),
    ],
)
async def test_broadcast_mistakes_are_explained(
    served: Application, telegram: FakeTelegram, text: str, answer: str
) -> None:
    admin = ChatUser(served, telegram, ADMIN)
    await admin.send(text)
    assert answer in admin.screen.text
    assert (await storage_of(served).dump())["deliveries"] == []


async def test_preview_shows_each_version_then_asks_and_cancel_sends_nothing(
    served: Application, telegram: FakeTelegram
) -> None:
    await add_subscribers(storage_of(served), range(100, 110), lambda n: "fr" if n < 103 else "es")
    admin = ChatUser(served, telegram, ADMIN)
    calls = await admin.send(f"/broadcast\nen: {NEWS_EN}\nfr: {NEWS_FR}")
    texts = [call.params["text"] for call in calls if call.method == "sendMessage"]
    assert texts[0].startswith(NEWS_EN)
    assert texts[0].endswith("<i>You get this because you asked for campaign news. /unsubscribe "
                             "to stop, /menu for help.</i>")  # fmt: skip
    assert texts[1].startswith(NEWS_FR)
    assert "You get this" not in texts[1]  # the footer in French
    assert "10 subscriber(s)" in texts[2]
    assert "Español 7 → en, Français 3" in texts[2]
    assert admin.screen.labels == ["✅ Send to 10", "✖ Cancel"]
    await admin.tap("✖ Cancel")
    assert admin.screen.text == "Cancelled: nothing was sent."
    await admin.tap_data("nb:1")  # Send, from the old message
    assert "already sent or cancelled" in admin.screen.text
    assert (await storage_of(served).dump())["deliveries"] == []


async def test_formatting_is_kept_and_typed_tags_are_shown_as_typed(
    served: Application, telegram: FakeTelegram
) -> None:
    await add_subscribers(storage_of(served), range(100, 102), lambda n: "en")
    admin = ChatUser(served, telegram, ADMIN)
    calls = await admin.send("/broadcast en: Blue Heart <3 on 30 July", bold="30 July")
    preview = calls[0].params["text"]
    assert preview.startswith("Blue Heart &lt;3 on <b>30 July</b>\n\n<i>")


# -- sending ------------------------------------------------------------------------------------
async def test_each_subscriber_gets_their_language_once_and_sending_twice_is_refused(
    served: Application, telegram: FakeTelegram
) -> None:
    storage = storage_of(served)
    await add_subscribers(storage, range(200, 230), lambda n: ("en", "fr", "ar")[n % 3])
    admin = ChatUser(served, telegram, ADMIN)
    await admin.send(f"/broadcast\nen: {NEWS_EN}\nfr: {NEWS_FR}")
    question = admin.screen
    await admin.tap("✅ Send to 30")
    await admin.tap_data("nb:1", question.message_id)  # a second tap
    await until_finished(storage)
    english = news_received(telegram, "World Day against Trafficking")
    french = news_received(telegram, "Journée mondiale")
    assert set(french) == {n for n in range(200, 230) if n % 3 == 1}
    assert set(english) == {n for n in range(200, 230) if n % 3 != 1}  # ar gets English
    assert set(english.values()) == set(french.values()) == {1}
    news = [call for call in telegram.calls_to("sendMessage")
            if "World Day against Trafficking" in str(call.params.get("text"))
            and int(call.params["chat_id"]) != ADMIN]  # fmt: skip
    assert news, "the news was sent"
    assert all(call.params.get("disable_notification") is True for call in news), "silently"
    assert await final_report(telegram) == (
        "Campaign news sent to 30 of 30 subscriber(s). 0 had blocked the bot and are "
        "unsubscribed; 0 failed; 0 unconfirmed (the connection broke after sending: they may "
        "have it, and it is not sent again)."
    )
    dump = await storage.dump()
    assert dump["deliveries"] == []  # who received it is not kept
    # The ids of the news messages are kept (48 hours), for the safety exit.
    assert len([row for row in dump["chat_messages"] if row[0] != ADMIN]) == 30


async def test_news_reaches_2000_subscribers_once_through_blocks_and_a_restart(
    admin_config: Config, bundle: Bundle, telegram: FakeTelegram
) -> None:
    """The issue's test: Telegram enforcing 30 messages a second, 5% of subscribers who
    blocked the bot, and a restart halfway: every active subscriber gets exactly one
    message, and Telegram never has to refuse one (no 429)."""
    clock = FastClock(20)  # 20 messages a second of this clock: 400 of the wall clock's
    telegram.flood = FloodControl(clock, per_second=30)
    everyone = range(10_000, 12_000)
    telegram.blocked = {n for n in everyone if n % 20 == 0}
    active = set(everyone) - telegram.blocked

    application = await start_application(admin_config, bundle, telegram, clock)
    await add_subscribers(storage_of(application), everyone, lambda n: ("en", "fr")[n % 2])
    admin = ChatUser(application, telegram, ADMIN)
    await admin.send(f"/broadcast\nen: {NEWS_EN}\nfr: {NEWS_FR}")
    await admin.tap("✅ Send to 2000")
    await until(lambda: len(news_received(telegram, "30")) >= 800)

    # Someone uses the bot meanwhile: the reply comes while the news is still going out.
    visitor = ChatUser(application, telegram, 99)
    await visitor.send("/start")
    assert visitor.screen.text.startswith("<b>Help against human trafficking</b>")
    assert not await finished(storage_of(application))

    await stop_application(application)  # a restart halfway
    halfway = len(news_received(telegram, "30"))
    assert 800 <= halfway < len(active)
    application = await start_application(admin_config, bundle, telegram, clock)
    storage = storage_of(application)
    await until_finished(storage, 120)

    received = news_received(telegram, "30")
    assert set(received) == active
    assert set(received.values()) == {1}, "someone got the news twice"
    assert telegram.flood.refused == 0, "the bot went faster than Telegram allows"
    news = await storage.news.get(1)
    assert news is not None
    assert (news.total, news.sent, news.blocked, news.failed, news.unknown) == (
        2000, 1900, 100, 0, 0
    )  # fmt: skip
    subscribed = {row[0] for row in (await storage.dump())["users"] if row[4]}
    assert subscribed == active, "who blocked the bot is unsubscribed"
    assert (await final_report(telegram)).startswith("Campaign news sent to 1900 of 2000")
    progress = [call.params["text"] for call in telegram.calls_to("editMessageText")
                if int(call.params["chat_id"]) == ADMIN]  # fmt: skip
    assert len(progress) >= 3, "the admin sees the progress"
    assert all(" of 2000 done" in text for text in progress)
    await stop_application(application)


async def test_retry_after_is_honoured_and_nothing_is_sent_twice(
    admin_config: Config, bundle: Bundle, telegram: FakeTelegram
) -> None:
    """A bot told to go too fast (60 a second) meets Telegram's 429s: it waits as asked
    and still sends each subscriber one message."""
    clock = FastClock(4)  # slow enough for the bot to reach 60 a second of this clock
    telegram.flood = FloodControl(clock, per_second=30)
    config = replace(admin_config, broadcast_rate=60.0)
    application = await start_application(config, bundle, telegram, clock)
    await add_subscribers(storage_of(application), range(300, 500), lambda n: "en")
    admin = ChatUser(application, telegram, ADMIN)
    await admin.send(f"/broadcast {NEWS_EN}")
    await admin.tap("✅ Send to 200")
    await until_finished(storage_of(application))
    received = news_received(telegram, "World Day against Trafficking")
    assert set(received) == set(range(300, 500))
    assert set(received.values()) == {1}
    assert telegram.flood.refused > 0  # the test did provoke 429s
    attempts = [call for call in telegram.calls_to("sendMessage")
                if int(call.params["chat_id"]) != ADMIN]  # fmt: skip
    assert len(attempts) == 200 + telegram.flood.refused  # each refusal retried once
    await stop_application(application)


async def test_a_delivery_in_flight_at_a_crash_is_not_sent_again(tmp_path) -> None:
    async with Storage(tmp_path / "db.sqlite3") as storage:
        for user_id in (1, 2):
            await storage.users.subscribe(user_id, "en")
        number = await storage.news.draft(ADMIN, {"en": "news"})
        assert await storage.news.start(number) == 2
        assert await storage.news.start(number) is None  # once
        first, second = await storage.news.queued(10)
        assert await storage.news.take_off(first)  # ...and the process dies while sending
    async with Storage(tmp_path / "db.sqlite3") as storage:
        assert await storage.news.drop_in_flight() == 1
        assert await storage.news.queued(10) == [second]
        await storage.news.take_off(second)
        await storage.news.delivered(second, Outcome.SENT, 77)
        (news,) = await storage.news.finish()
        # It may have arrived: unconfirmed, not failed.
        assert (news.sent, news.failed, news.unknown, news.state) == (1, 0, 1, "done")


async def test_unsubscribing_while_news_is_queued_removes_the_delivery(tmp_path) -> None:
    async with Storage(tmp_path / "db.sqlite3") as storage:
        await storage.users.subscribe(1, "en")
        number = await storage.news.draft(ADMIN, {"en": "news"})
        await storage.news.start(number)
        await storage.users.unsubscribe(1)
        assert await storage.news.queued(10) == []
        assert not await storage.news.take_off(Delivery(number, 1, "en"))


# -- exactly once: at most once when the outcome is unknown ----------------------------------
@dataclass
class Trouble:
    """What goes wrong, once, with the news message to one chat, as the bot's HTTP client
    sees it."""

    chat_id: int
    before: Exception | None = None  # raised before Telegram has the message: it never left
    after: Exception | int | None = None  # once Telegram has it: raised, or this status instead
    hold: asyncio.Event | None = None  # once Telegram has it, its answer waits for this
    reached: asyncio.Event = field(default_factory=asyncio.Event)  # Telegram has the message


def make_trouble(monkeypatch: pytest.MonkeyPatch, telegram: FakeTelegram, trouble: Trouble) -> None:
    answer = telegram.do_request

    async def troubled(
        url: str, method: str, request_data: RequestData | None = None, **timeouts: Any
    ) -> tuple[int, bytes]:
        params = request_data.parameters if request_data else {}
        if (not url.endswith("/sendMessage") or int(params.get("chat_id", 0)) != trouble.chat_id
                or trouble.reached.is_set()):  # fmt: skip
            return await answer(url, method, request_data, **timeouts)
        if trouble.before is not None:
            error, trouble.before = trouble.before, None
            raise error
        status, body = await answer(url, method, request_data, **timeouts)
        trouble.reached.set()
        if trouble.hold is not None:
            await trouble.hold.wait()
        if isinstance(trouble.after, Exception):
            raise trouble.after
        if trouble.after is not None:
            return trouble.after, b"<html>Bad Gateway</html>"  # a proxy's page, not JSON
        return status, body

    monkeypatch.setattr(telegram, "do_request", troubled)


def httpx_failure(kind: type[httpx.HTTPError]) -> NetworkError:
    """What python-telegram-bot's HTTP client raises when httpx fails this way."""
    error = (
        TimedOut()
        if issubclass(kind, httpx.TimeoutException)
        else NetworkError(f"httpx.{kind.__name__}")
    )
    error.__cause__ = kind("what httpx says")
    return error


def attempts_to(telegram: FakeTelegram, chat_id: int) -> int:
    return sum(int(call.params["chat_id"]) == chat_id for call in telegram.calls_to("sendMessage"))


async def send_news(
    application: Application,
    telegram: FakeTelegram,
    subscribers: range,
    before_send: Callable[[], None] = lambda: None,
) -> Broadcast:
    """The admin broadcasts to ``subscribers`` (``before_send`` runs just before the tap on
    Send); returns the news once sent, when every subscriber has it exactly once."""
    storage = storage_of(application)
    await add_subscribers(storage, subscribers, lambda n: "en")
    admin = ChatUser(application, telegram, ADMIN)
    await admin.send(f"/broadcast {NEWS_EN}")
    before_send()
    await admin.tap(f"✅ Send to {len(subscribers)}")
    await until_finished(storage)
    assert news_received(telegram, NEWS_EN) == dict.fromkeys(subscribers, 1)
    news = await storage.news.get(1)
    assert news is not None
    return news


@pytest.mark.parametrize(
    "after",
    [httpx_failure(httpx.RemoteProtocolError), 502, httpx_failure(httpx.ReadTimeout)],
    ids=["reset after sending", "502", "no answer in time"],
)
async def test_news_whose_answer_is_lost_is_counted_unconfirmed_and_never_sent_again(
    served: Application,
    telegram: FakeTelegram,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    after: Exception | int,
) -> None:
    """Telegram took the message, then the connection broke (or a proxy answered 502, or
    the answer was too slow): the subscriber may have it, so it is not sent again."""
    make_trouble(monkeypatch, telegram, Trouble(602, after=after))
    news = await send_news(served, telegram, range(600, 605))
    assert attempts_to(telegram, 602) == 1, "sent again although it had arrived"
    assert (news.sent, news.blocked, news.failed, news.unknown) == (4, 0, 0, 1)
    assert "0 failed; 1 unconfirmed (the connection broke" in await final_report(telegram)
    logged = [r.getMessage() for r in caplog.records if "may have arrived" in r.getMessage()]
    (line,) = logged
    assert "602" not in line, "who"
    assert NEWS_EN not in line, "what"


@pytest.mark.parametrize("kind", [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout])
async def test_news_that_never_left_is_sent_again_and_arrives_once(
    served: Application, telegram: FakeTelegram, kind: type[httpx.HTTPError]
) -> None:
    """A connection refused (or not made in time, or none free): nothing reached Telegram,
    so the message is tried again, and arrives once."""
    fail = partial(telegram.fail_next, "sendMessage", httpx_failure(kind))  # 600's news
    news = await send_news(served, telegram, range(600, 603), fail)
    assert attempts_to(telegram, 600) == 2, "the refused request was tried again"
    assert (news.sent, news.failed, news.unknown) == (3, 0, 0)


async def test_forget_while_the_news_is_being_sent_leaves_nothing_of_the_user(
    served: Application, telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/forget arrives while Telegram has the person's news but has not answered yet: the
    message's id must not be written back when the answer comes."""
    storage = storage_of(served)
    person = ChatUser(served, telegram, 700)
    await person.send("/subscribe")
    trouble = Trouble(700, hold=asyncio.Event())
    make_trouble(monkeypatch, telegram, trouble)
    admin = ChatUser(served, telegram, ADMIN)
    await admin.send(f"/broadcast {NEWS_EN}")
    await admin.tap("✅ Send to 1")
    await asyncio.wait_for(trouble.reached.wait(), 10)
    assert (await storage.dump())["deliveries"] == [(1, 700, "en", 1)], "being sent"

    await person.send("/forget")
    holding = await storage.dump()
    assert trouble.hold is not None
    trouble.hold.set()  # Telegram answers: sent
    await until_finished(storage)

    for dump in (holding, await storage.dump()):
        assert all(person.id not in row for rows in dump.values() for row in rows)
    news = await storage.news.get(1)
    assert news is not None
    assert (news.total, news.sent) == (1, 1), "still counted"
    assert news_received(telegram, NEWS_EN) == {700: 1}
