"""Faults from Telegram and at home: the bot keeps serving through each, retries what is
safe to retry, logs the harmless quietly, and recovers when the database does. And
concurrency: one person's slow update never holds up anyone else's."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Update
from telegram.error import Conflict, TimedOut
from telegram.ext import Application

from bot.config import Config
from bot.content.bundle import Bundle
from bot.core.routes import Text
from bot.handlers.errors import CONFLICT
from bot.telegram.network import PatientRequest
from tests.conftest import start_application, stop_application, storage_of
from tests.fake_telegram import ChatUser, FakeTelegram

MENU_TITLE = "<b>Help against human trafficking</b>"


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The pauses the bot's HTTP client takes before retrying, recorded, not slept."""
    taken: list[float] = []

    async def pause(self: PatientRequest, seconds: float) -> None:
        taken.append(seconds)

    monkeypatch.setattr(PatientRequest, "pause", pause)
    return taken


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno >= logging.ERROR]


def timeout(cause: Exception) -> TimedOut:
    """A timeout as python-telegram-bot's client raises it, with httpx's error as cause."""
    error = TimedOut()
    error.__cause__ = cause
    return error


# -- faults from Telegram ----------------------------------------------------------------------
async def test_429_is_waited_out_and_the_reply_sent_again(
    user: ChatUser, telegram: FakeTelegram, waits: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    telegram.refuse_next("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)
    calls = await user.send("/start")
    assert [call.method for call in calls] == ["sendMessage", "sendMessage"]
    assert waits == [3.0]
    assert user.screen.text.startswith(MENU_TITLE)
    assert errors_logged(caplog) == []


async def test_a_long_retry_after_is_not_waited_for_in_a_reply(
    user: ChatUser, telegram: FakeTelegram, waits: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    telegram.refuse_next("sendMessage", 429, "Too Many Requests: retry after 600", retry_after=600)
    await user.send("/start")
    assert waits == []  # nobody waits ten minutes for a menu
    assert "RetryAfter" in caplog.text
    assert errors_logged(caplog) == []
    await user.send("/start")  # and the bot goes on serving
    assert user.screen.text.startswith(MENU_TITLE)


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_5xx_on_a_tap_is_retried(
    user: ChatUser, telegram: FakeTelegram, waits: list[float], status: int
) -> None:
    await user.send("/start")
    telegram.refuse_next("editMessageText", status, "Internal Server Error")
    telegram.refuse_next("answerCallbackQuery", status, "Bad Gateway")
    calls = await user.tap("📚 Learn")
    assert [call.method for call in calls] == ["answerCallbackQuery"] * 2 + ["editMessageText"] * 2
    assert "<b>Learn</b>" in user.screen.text
    assert waits == [0.5, 0.5]


async def test_5xx_on_a_new_message_is_not_repeated_and_the_bot_goes_on(
    user: ChatUser, telegram: FakeTelegram, waits: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    telegram.refuse_next("sendMessage", 502, "Bad Gateway")
    calls = await user.send("/start")
    # The menu may have gone: neither sent again nor followed by an apology.
    assert [call.method for call in calls] == ["sendMessage"]
    assert waits == []
    assert "the network failed while handling" in caplog.text
    assert errors_logged(caplog) == []
    await user.send("/help")
    assert user.screen.text.startswith("This bot gives information")


async def test_a_timeout_before_sending_is_retried_after_it_not(
    user: ChatUser, telegram: FakeTelegram, waits: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    telegram.fail_next("sendMessage", timeout(httpx.ConnectTimeout("no route")))
    calls = await user.send("/start")
    assert [call.method for call in calls] == ["sendMessage"] * 2  # the second got through
    assert waits == [0.5]
    assert user.screen.text.startswith(MENU_TITLE)

    waits.clear()
    telegram.fail_next("sendMessage", timeout(httpx.ReadTimeout("slow")))
    calls = await user.send("/start")  # may have arrived: not sent twice, no apology
    assert [call.method for call in calls] == ["sendMessage"]
    assert waits == []
    assert "the network failed while handling" in caplog.text
    assert errors_logged(caplog) == []

    telegram.fail_next("editMessageText", timeout(httpx.ReadTimeout("slow")))
    await user.send("/start")
    calls = await user.tap("📚 Learn")  # an edit changes nothing twice: tried again
    assert [call.method for call in calls] == ["answerCallbackQuery", *["editMessageText"] * 2]
    assert "<b>Learn</b>" in user.screen.text


async def test_a_user_who_blocked_the_bot_is_logged_quietly_and_others_are_served(
    application: Application, telegram: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    blocker, other = ChatUser(application, telegram, 71), ChatUser(application, telegram, 72)
    telegram.blocked = {71}
    calls = await blocker.send("/start")
    assert [call.method for call in calls] == ["sendMessage"]  # no apology to nobody
    assert "the user has blocked the bot" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "71" in r.message]
    await other.send("/start")
    assert other.screen.text.startswith(MENU_TITLE)


async def test_409_conflict_while_polling_stops_the_bot(
    application: Application, caplog: pytest.LogCaptureFixture
) -> None:
    await application.process_error(None, Conflict("terminated by other getUpdates request"))
    assert application.bot_data[CONFLICT] is True
    assert "409 Conflict" in caplog.text  # the process test checks the exit code and message


# -- faults at home --------------------------------------------------------------------------------
async def test_a_locked_database_slows_nothing_down_for_long_and_recovers(
    application: Application, telegram: FakeTelegram, config: Config,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    user = ChatUser(application, telegram, 81)
    await user.send("/start")
    # Another process holds the write lock (taken off the event loop: it may have to wait).
    other = sqlite3.connect(config.database, isolation_level=None, check_same_thread=False)
    await asyncio.to_thread(other.execute, "BEGIN IMMEDIATE")
    try:
        await user.tap_data("lang:es")
        assert user.screen.text.startswith("<b>")  # answered anyway, in Spanish for now
        assert "storage unavailable, a choice is not saved" in caplog.text
    finally:
        other.execute("ROLLBACK")
        other.close()
    await user.tap_data("lang:es")
    rows = (await storage_of(application).dump())["users"]
    assert [(row[0], row[1]) for row in rows] == [(81, "es")]  # recovered


async def test_a_read_only_database_still_answers_and_recovers(
    application: Application, telegram: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    storage = storage_of(application)
    user = ChatUser(application, telegram, 82)
    await storage.db.execute("PRAGMA query_only = 1")
    await user.send("ukraine")  # a country: saved normally
    assert "Ukraine" in user.screen.text
    assert "storage unavailable, a choice is not saved" in caplog.text
    assert (await storage.dump())["users"] == []
    await storage.db.execute("PRAGMA query_only = 0")
    await user.send("ukraine")
    assert [row[2] for row in (await storage.dump())["users"]] == ["UA"]


async def test_a_full_disk_still_answers_and_recovers(
    application: Application, telegram: FakeTelegram, caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """SQLite reports a full disk as "database or disk is full" on a write; it is raised
    here from the bot's connection for every write, as it would be on a full disk."""
    storage = storage_of(application)
    user = ChatUser(application, telegram, 83)
    execute = type(storage.db).execute

    def full(self: object, sql: str, *args: object) -> object:
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError("database or disk is full")
        return execute(self, sql, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(type(storage.db), "execute", full)
    await user.send("/start get_help-fr")
    assert "<b>" in user.screen.text
    assert "storage unavailable" in caplog.text
    assert (await storage.dump())["users"] == []
    monkeypatch.undo()  # space freed
    await user.send("/start get_help-fr")
    assert [row[1] for row in (await storage.dump())["users"]] == ["fr"]


async def test_a_database_that_cannot_be_opened_at_start_is_served_without(
    config: Config, bundle: Bundle, telegram: FakeTelegram, tmp_path,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database's folder should be")
    broken = config.__class__(**{**config.__dict__, "database": blocker / "bot.sqlite3"})
    application = await start_application(broken, bundle, telegram)
    try:
        user = ChatUser(application, telegram, 84)
        await user.send("/start")
        assert user.screen.text.startswith(MENU_TITLE)
        await user.tap("📚 Learn")
        assert "<b>Learn</b>" in user.screen.text
        assert "serving without the database" in caplog.text
    finally:
        await stop_application(application)


# -- concurrency ----------------------------------------------------------------------------------
@pytest.fixture
async def running(application: Application) -> AsyncIterator[Application]:
    """The bot taking updates from its queue, as polling or a webhook feeds it."""
    await application.start()
    yield application
    await application.stop()


async def test_a_slow_user_holds_up_no_one_and_each_user_is_answered_in_order(
    running: Application, telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    routes = running.bot_data["services"].routes
    release = asyncio.Event()
    fast_free_text = routes.text.answer

    async def slow_for_one(visit, text=None):  # type: ignore[no-untyped-def]
        if visit.user.id == 91 and text == "slow":
            await release.wait()  # e.g. a database stuck for a while
        return await fast_free_text(visit, text)

    monkeypatch.setattr(routes, "text", Text(slow_for_one))
    slow, quick = ChatUser(running, telegram, 91), ChatUser(running, telegram, 92)

    def message(user: ChatUser, text: str, number: int) -> Update:
        raw = {"update_id": number, "message": {
            "message_id": number, "date": 1_700_000_000, "chat": user.chat, "from": user.user,
            "text": text,
            **({"entities": [{"type": "bot_command", "offset": 0, "length": len(text)}]}
               if text.startswith("/") else {}),
        }}  # fmt: skip
        return Update.de_json(raw, running.bot)

    def replies_to(chat_id: int) -> list[str]:
        return [call.params["text"] for call in telegram.calls_to("sendMessage")
                if int(call.params["chat_id"]) == chat_id]  # fmt: skip

    await running.update_queue.put(message(slow, "slow", 9001))
    await running.update_queue.put(message(slow, "/help", 9002))  # must wait for "slow"
    await running.update_queue.put(message(quick, "/start", 9003))
    async with asyncio.timeout(10):
        while not replies_to(92):  # noqa: ASYNC110 (the bot's tasks change it)
            await asyncio.sleep(0.01)
    assert replies_to(91) == [], "the slow user's second message waits for the first"
    release.set()
    async with asyncio.timeout(10):
        while len(replies_to(91)) < 2:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    first, second = replies_to(91)
    assert "I found no page about that" in first
    assert second.startswith("This bot gives information")
