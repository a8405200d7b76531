"""The safety exit: /exit and the Leave quickly button delete the bot's own messages that
Telegram still allows (under 48 hours old), keep no ids longer, and say how to delete the
chat on Android, iPhone and a computer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from telegram.ext import Application

from bot.storage import Storage
from tests.conftest import storage_of
from tests.fake_telegram import ChatUser, FakeTelegram


def deleted_ids(telegram: FakeTelegram, calls_before: int) -> list[int]:
    return [
        message_id
        for call in telegram.calls[calls_before:] if call.method == "deleteMessages"
        for message_id in call.params["message_ids"]
    ]  # fmt: skip


async def test_exit_deletes_the_bots_messages_and_explains_how_to_delete_the_chat(
    user: ChatUser, telegram: FakeTelegram, application: Application
) -> None:
    await user.send("/start")
    await user.send("hello")
    await user.send("/help")
    sent = sorted(telegram.chats[user.id])
    before = len(telegram.calls)

    calls = await user.send("/exit")

    deleted = deleted_ids(telegram, before)
    assert set(sent) <= set(deleted), "every message of the bot is deleted"
    assert len(deleted) == len(sent) + 1, "and the /exit message itself"
    assert calls[-1].method == "sendMessage"
    text = calls[-1].params["text"]
    for platform in ("Android", "iPhone", "Computer"):
        assert platform in text
    assert (await storage_of(application).dump())["sent_messages"] == []


async def test_the_leave_quickly_button_on_get_help(user: ChatUser, telegram: FakeTelegram) -> None:
    await user.send("/start get_help")
    page = user.screen.message_id
    before = len(telegram.calls)

    calls = await user.tap("🚪 Leave quickly")

    assert calls[0].method == "answerCallbackQuery"
    assert page in deleted_ids(telegram, before)
    assert calls[-1].params["text"].startswith("<b>Done.</b>")


async def test_a_second_exit_deletes_nothing_more(user: ChatUser, telegram: FakeTelegram) -> None:
    await user.send("/start")
    await user.send("/exit")
    before = len(telegram.calls)
    await user.send("/exit")
    assert len(deleted_ids(telegram, before)) == 1, "only the new /exit message"


async def test_message_ids_are_kept_48_hours_at_most(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
    async with Storage(tmp_path / "bot.sqlite3") as storage:
        await storage.messages.remember(7, [1, 2], now - dt.timedelta(hours=50))
        await storage.messages.remember(7, [3], now - dt.timedelta(hours=1))
        assert await storage.messages.purge(now) == 2
        assert await storage.messages.take(7, now) == [3]
        assert (await storage.dump())["sent_messages"] == []


async def test_ids_too_old_to_delete_are_not_asked_for(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
    async with Storage(tmp_path / "bot.sqlite3") as storage:
        await storage.messages.remember(7, [1], now - dt.timedelta(hours=49))
        await storage.messages.remember(7, [2], now)
        assert await storage.messages.take(7, now) == [2]


async def test_forget_also_forgets_message_ids(user: ChatUser, application: Application) -> None:
    await user.send("/start get_help-es")
    storage = storage_of(application)
    before = {row[1] for row in (await storage.dump())["sent_messages"]}
    assert before, "the bot's messages are remembered for the safety exit"

    await user.send("/forget")

    dump = await storage.dump()
    assert dump["users"] == []
    kept = {row[1] for row in dump["sent_messages"]}
    assert kept & before == set(), "no id from before /forget is kept"
    assert kept == set(), "not even the answer to /forget: no table holds the user's id"
    assert all(user.id not in row for rows in dump.values() for row in rows)
