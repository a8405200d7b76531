"""Privacy: /privacy says what is kept and for how long; /forget deletes it at once;
the data of users who stopped using the bot is deleted after the retention period."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.config import Config, ConfigError
from bot.storage import Storage
from bot.telegram import app
from tests.conftest import storage_of
from tests.fake_telegram import ChatUser, FakeTelegram

TODAY = dt.datetime.now(dt.UTC).date()


async def test_privacy_says_what_is_kept_and_for_how_long(user: ChatUser) -> None:
    await user.send("/privacy")
    text = user.screen.text
    assert text.startswith("<b>What this bot keeps about you</b>")
    assert "Never what you write" in text
    assert "for 180 days" in text
    assert user.screen.labels == ["✖ Delete what the bot keeps about me", "🏠 Menu"]


async def test_forget_deletes_everything_at_once_and_says_so(
    application: Application, telegram: FakeTelegram
) -> None:
    user = ChatUser(application, telegram, language_code="en")
    await user.send("/start get_help-es-UA")
    storage = storage_of(application)
    assert (await storage.dump())["users"] == [(user.id, "es", "UA", TODAY.isoformat(), 0)]

    await user.send("/forget")

    assert (await storage.dump())["users"] == []
    assert user.screen.text.startswith("<i>")
    assert "🏠 Menú" in user.screen.labels, "the answer is still in the user's language"


async def test_the_forget_button_is_answered_and_deletes(
    application: Application, telegram: FakeTelegram
) -> None:
    user = ChatUser(application, telegram)
    await user.send("Nigeria")
    await user.send("/privacy")

    calls = await user.tap("✖ Delete what the bot keeps about me")

    assert calls[0].method == "answerCallbackQuery"
    assert calls[0].params["text"] == "Done: the bot no longer keeps anything about you."
    assert (await storage_of(application).dump())["users"] == []


async def test_users_inactive_longer_than_the_retention_are_deleted(tmp_path: Path) -> None:
    async with Storage(tmp_path / "bot.sqlite3") as storage:
        await storage.users.set_language(1, "es")  # seen today
        await storage.users.set_country(2, "UA")
        await storage.users.seen(2, TODAY - dt.timedelta(days=200))
        await storage.db.execute("UPDATE users SET last_seen = ? WHERE user_id = 2",
                                 ((TODAY - dt.timedelta(days=200)).isoformat(),))  # fmt: skip
        await storage.users.set_country(3, "NG")
        await storage.db.execute("UPDATE users SET last_seen = NULL WHERE user_id = 3")

        deleted = await storage.users.purge_inactive(180)

        assert deleted == 2
        assert [row[0] for row in (await storage.dump())["users"]] == [1]


async def test_using_the_bot_moves_the_last_day_forward(
    application: Application, telegram: FakeTelegram
) -> None:
    user = ChatUser(application, telegram)
    await user.send("Nigeria")
    storage = storage_of(application)
    await storage.db.execute("UPDATE users SET last_seen = '2020-01-01'")
    await user.send("/menu")
    assert (await storage.dump())["users"][0][3] == TODAY.isoformat()


def test_retention_is_configurable() -> None:
    assert Config.from_env({}).retention_days == 180
    assert Config.from_env({"BOT_RETENTION_DAYS": "30"}).retention_days == 30
    with pytest.raises(ConfigError, match="BOT_RETENTION_DAYS"):
        Config.from_env({"BOT_RETENTION_DAYS": "forever"})


async def test_the_last_day_is_written_once_a_day_not_on_every_update(
    application: Application, telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = ChatUser(application, telegram)
    await user.send("Nigeria")  # the choice itself notes today
    storage = storage_of(application)
    writes: list[int] = []
    original = storage.users.seen

    async def counting(user_id: int, day: dt.date | None = None) -> None:
        writes.append(user_id)
        await original(user_id, day)

    monkeypatch.setattr(storage.users, "seen", counting)
    for _ in range(3):
        await user.send("/menu")
    assert writes == []
    await storage.db.execute("UPDATE users SET last_seen = '2020-01-01'")
    await user.send("/menu")
    await user.send("/menu")
    assert writes == [user.id]


async def test_forget_leaves_no_copy_of_the_users_row_on_disk(
    application: Application, telegram: FakeTelegram, config: Config
) -> None:
    """Deleting a row is not enough: the write-ahead log keeps older copies of its page, and
    the file keeps the deleted bytes. After /forget, neither file holds the user's row."""
    user = ChatUser(application, telegram, 987_654_321)
    await user.send("/start get_help-es-UA")
    # The row as SQLite stores it: the id (4 bytes), then the language and the country.
    row = user.id.to_bytes(4, "big") + b"esUA"
    files = (config.database, config.database.with_name(config.database.name + "-wal"))

    def holding() -> list[str]:
        return [path.name for path in files if path.exists() and row in path.read_bytes()]

    assert holding(), "the test sees the row on disk before"
    await user.send("/forget")
    assert holding() == []


async def test_a_wipe_kept_waiting_by_a_reader_is_done_by_housekeeping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app, "EVERY_MINUTE", 0.01)  # housekeeping's minute
    path = tmp_path / "bot.sqlite3"
    async with Storage(path) as storage:
        await storage.db.execute("PRAGMA busy_timeout=10")  # no second of waiting here
        await storage.users.set_country(1, "UA")
        reader = sqlite3.connect(path)  # another process, reading the database
        reader.execute("BEGIN")
        reader.execute("SELECT * FROM users").fetchall()
        await storage.forget(1)
        assert storage.wipe_owed, "the log could not be emptied while read"
        housekeeping = asyncio.create_task(app.housekeeping(storage, 180))
        try:
            await asyncio.sleep(0.05)
            assert storage.wipe_owed, "still read"
            reader.close()
            async with asyncio.timeout(10):
                while storage.wipe_owed:  # noqa: ASYNC110 (housekeeping changes it)
                    await asyncio.sleep(0.01)
        finally:
            housekeeping.cancel()
            await asyncio.gather(housekeeping, return_exceptions=True)
        assert path.with_name(path.name + "-wal").stat().st_size == 0
