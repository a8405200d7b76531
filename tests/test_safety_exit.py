"""The safety exit: /exit and 🚪 Leave quickly delete every message of the chat that
Telegram still allows (under 48 hours old), the person's own as well as the bot's, in as
few requests as the API allows; keep no ids longer; and say how to delete the chat in a way
that leaves nothing behind (an alert over the button, or a note that deletes itself)."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Application

from bot.core.screens import visible_text
from bot.features.privacy import feature as privacy
from bot.storage import Storage
from bot.storage.messages import DELETABLE_FOR, KEPT_FOR
from bot.telegram.vanish import Vanishing
from tests.conftest import storage_of
from tests.fake_telegram import ChatUser, FakeTelegram

# What a note left in the chat must not say: the subject, or anything the person wrote.
TELLING = ("traffick", "hotline", "help", "passport", "boss", "ukrain", "danger", "police")


def deleted_ids(telegram: FakeTelegram, calls_before: int = 0) -> list[int]:
    return [
        message_id
        for call in telegram.calls[calls_before:] if call.method == "deleteMessages"
        for message_id in call.params["message_ids"]
    ]  # fmt: skip


async def chat_a_while(user: ChatUser) -> None:
    """What a person at risk might do: write, name a country, open pages and a card."""
    await user.send("/start")
    await user.send("my boss took my passport")
    await user.send("Ukraine")
    await user.send("/help")
    await user.send("/start get_help")
    await user.tap("📞 Hotlines: 🇺🇦 Ukraine")


async def test_leave_quickly_deletes_both_sides_and_leaves_nothing(
    user: ChatUser, telegram: FakeTelegram, application: Application
) -> None:
    await chat_a_while(user)
    chat = telegram.chats[user.id]
    assert any(shown.by_user for shown in chat.values()), "the person's own messages show"
    everything = set(chat)
    before = len(telegram.calls)

    calls = await user.tap("🚪 Leave quickly")

    assert set(deleted_ids(telegram, before)) == everything, "every message, both sides"
    assert [call.method for call in calls].count("deleteMessages") == 1, "one request"
    assert telegram.chats[user.id] == {}, "nothing is left in the chat"
    assert "sendMessage" not in [call.method for call in calls]
    alert = calls[0]
    assert alert.method == "answerCallbackQuery"
    assert alert.params["show_alert"] is True
    for platform in ("Android", "iPhone", "Computer"):
        assert platform in alert.params["text"]
    assert not any(word in alert.params["text"].lower() for word in TELLING)
    assert (await storage_of(application).dump())["chat_messages"] == []


async def test_exit_leaves_only_a_neutral_note_that_deletes_itself(
    user: ChatUser, telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(privacy, "EXIT_NOTE_SECONDS", 0.05)
    await chat_a_while(user)
    everything = set(telegram.chats[user.id])
    before = len(telegram.calls)

    calls = await user.send("/exit")

    deleted = set(deleted_ids(telegram, before))
    assert deleted >= everything
    (note,) = telegram.chats[user.id].values()
    assert len(deleted - everything) == 1, "the /exit message too"
    assert (deleted - everything).pop() < note.message_id
    assert not note.by_user
    text = visible_text(note.text)
    for platform in ("Android", "iPhone", "Computer"):
        assert platform in text
    assert not any(word in text.lower() for word in TELLING), text
    assert calls[-1].method == "sendMessage"
    assert "reply_markup" not in calls[-1].params, "no button to a page that tells"

    await asyncio.sleep(0.2)
    assert telegram.chats[user.id] == {}, "the note deleted itself"


async def test_a_note_still_waiting_is_deleted_when_the_bot_stops() -> None:
    deleted: list[tuple[int, list[int]]] = []

    class Bot:
        async def delete_messages(self, chat_id: int, message_ids: list[int]) -> bool:
            deleted.append((chat_id, list(message_ids)))
            return True

    vanishing = Vanishing()
    vanishing.later(Bot(), 7, [1], seconds=3600)  # type: ignore[arg-type]
    assert vanishing.waiting == 1
    await vanishing.now(Bot())  # type: ignore[arg-type]
    assert deleted == [(7, [1])]
    assert vanishing.waiting == 0


async def test_many_messages_go_in_requests_of_a_hundred(
    user: ChatUser, telegram: FakeTelegram
) -> None:
    for number in range(130):
        await user.send(f"/start get_help-en-UA-_m{number}")
    expected = set(telegram.chats[user.id])
    assert len(expected) > 200
    before = len(telegram.calls)
    await user.send("/exit")
    requests = [call for call in telegram.calls[before:] if call.method == "deleteMessages"]
    assert len(requests) == -(-(len(expected) + 1) // 100)
    assert all(len(call.params["message_ids"]) <= 100 for call in requests)
    assert set(deleted_ids(telegram, before)) >= expected


async def test_the_exit_keeps_no_text_only_ids(user: ChatUser, application: Application) -> None:
    await user.send("my boss took my passport")
    rows = (await storage_of(application).dump())["chat_messages"]
    assert len(rows) == 2, "the person's message and the answer"
    for chat_id, message_id, sent_at in rows:
        assert chat_id == user.id
        assert isinstance(message_id, int)
        dt.datetime.fromisoformat(sent_at)


async def test_a_second_exit_deletes_nothing_more(user: ChatUser, telegram: FakeTelegram) -> None:
    await user.send("/start")
    await user.send("/exit")
    before = len(telegram.calls)
    await user.send("/exit")
    assert len(deleted_ids(telegram, before)) == 1, "only the new /exit message"


async def test_exit_in_a_group_does_nothing(user: ChatUser, telegram: FakeTelegram) -> None:
    user.chat = {"id": -100, "type": "group", "title": "A group"}
    calls = await user.send("/exit")
    assert [call.method for call in calls] == []


async def test_message_ids_are_kept_48_hours_at_most(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
    async with Storage(tmp_path / "bot.sqlite3") as storage:
        await storage.messages.remember(7, [1, 2], now - dt.timedelta(hours=50))
        await storage.messages.remember(7, [3], now - KEPT_FOR - dt.timedelta(seconds=1))
        await storage.messages.remember(7, [4], now - dt.timedelta(hours=1))
        assert await storage.messages.purge(now) == 3
        assert await storage.messages.take(7, now) == [4]
        assert (await storage.dump())["chat_messages"] == []
    # Purged every minute, an id that just escaped a purge is gone at the next, before 48 h.
    assert KEPT_FOR + dt.timedelta(minutes=1) <= DELETABLE_FOR


async def test_ids_too_old_to_delete_are_not_asked_for(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
    async with Storage(tmp_path / "bot.sqlite3") as storage:
        await storage.messages.remember(7, [1], now - dt.timedelta(hours=49))
        await storage.messages.remember(7, [2], now)
        assert await storage.messages.take(7, now) == [2]


async def test_forget_also_forgets_message_ids(user: ChatUser, application: Application) -> None:
    await user.send("/start get_help-es")
    storage = storage_of(application)
    before = {row[1] for row in (await storage.dump())["chat_messages"]}
    assert before, "the chat's messages are remembered for the safety exit"

    await user.send("/forget")

    dump = await storage.dump()
    assert dump["users"] == []
    kept = {row[1] for row in dump["chat_messages"]}
    assert kept & before == set(), "no id from before /forget is kept"
    assert kept == set(), "not even the answer to /forget: no table holds the user's id"
    assert all(user.id not in row for rows in dump.values() for row in rows)


def leave_on(screen: Any) -> bool:
    return "🚪 Leave quickly" in screen.labels


async def test_leave_quickly_is_one_tap_away_where_a_person_at_risk_goes(user: ChatUser) -> None:
    await user.send("/start get_help")
    assert leave_on(user.screen), "Get help now"
    await user.send("help me")
    assert leave_on(user.screen), "an emergency word, country unknown"
    await user.send("Ukraine")
    assert leave_on(user.screen), "the card of the country just chosen"
    await user.send("sos")
    assert leave_on(user.screen), "an emergency word, country known"
    await user.tap("📞 Hotlines: 🇺🇦 Ukraine")
    assert leave_on(user.screen), "the card from the emergency answer"
    await user.send("blue heart campaign")
    assert user.screen.text.startswith("<b>🔎")
    assert leave_on(user.screen), "search results"
    await user.send("Germany")
    assert leave_on(user.screen), "a country's card"
    for command in ("/check", "/job"):
        await user.send(command)
        assert leave_on(user.screen), f"{command}'s intro"
        await user.tap("▶ Start")
        while not user.screen.text.startswith("<b>"):
            assert leave_on(user.screen), f"{command}: {user.screen.text[:40]}"
            await user.tap("Yes")
        assert leave_on(user.screen), f"{command}'s result"
