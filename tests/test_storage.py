"""Storage: migrations, WAL, the one thing stored, and errors as StorageError."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from bot.config import Config
from bot.content.bundle import Bundle
from bot.storage import MIGRATIONS, SCHEMA_VERSION, Preferences, Storage, StorageError
from bot.telegram import app
from tests.conftest import start_application, stop_application, storage_of
from tests.fake_telegram import ChatUser, FakeTelegram

TODAY = dt.datetime.now(dt.UTC).date().isoformat()


async def test_a_new_database_is_migrated_to_the_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    async with Storage(tmp_path / "sub" / "bot.sqlite3") as storage:
        assert await storage.schema_version() == SCHEMA_VERSION
        assert await storage.journal_mode() == "wal"
        assert (await storage.dump())["users"] == []


async def test_reopening_keeps_data_and_runs_no_migration_twice(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with Storage(path) as storage:
        await storage.users.set_language(1, "es")
    async with Storage(path) as storage:
        assert await storage.schema_version() == SCHEMA_VERSION
        assert (await storage.users.preferences(1)).language == "es"


async def test_choices_are_upserted_and_only_choices_are_stored(tmp_path: Path) -> None:
    async with Storage(tmp_path / "bot.sqlite3") as storage:
        assert await storage.users.preferences(7) == Preferences()
        await storage.users.set_language(7, "en")
        await storage.users.set_language(7, "es")
        await storage.users.set_country(7, "UA")
        assert await storage.users.preferences(7) == Preferences("es", "UA")
        assert (await storage.dump())["users"] == [(7, "es", "UA", TODAY, 0)]


async def test_a_user_with_nothing_chosen_is_not_kept(tmp_path: Path) -> None:
    async with Storage(tmp_path / "bot.sqlite3") as storage:
        await storage.users.set_country(8, "NG")
        assert (await storage.dump())["users"] == [(8, None, "NG", TODAY, 0)]
        await storage.users.set_country(8, None)
        assert (await storage.dump())["users"] == []


async def test_migration_2_keeps_the_languages_saved_under_schema_1(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
        connection.execute("INSERT INTO users VALUES (5, 'uk')")
    async with Storage(path) as storage:
        assert await storage.schema_version() == SCHEMA_VERSION == 11
        assert await storage.users.preferences(5) == Preferences("uk", None)
        assert (await storage.dump())["users"] == [(5, "uk", None, None, 0)], "no day invented"
        await storage.users.set_country(5, "UA")
        assert (await storage.dump())["users"] == [(5, "uk", "UA", TODAY, 0)]


async def test_a_database_from_newer_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StorageError, match="newer than this code"):
        await Storage(path).open()


async def test_failures_are_storage_errors(tmp_path: Path) -> None:
    storage = Storage(tmp_path / "bot.sqlite3")
    with pytest.raises(StorageError, match="not open"):
        await storage.users.preferences(1)
    await storage.open()
    await storage.db.execute("DROP TABLE users")
    with pytest.raises(StorageError, match="cannot read"):
        await storage.users.preferences(1)
    with pytest.raises(StorageError, match="cannot save a user's language"):
        await storage.users.set_language(1, "es")
    with pytest.raises(StorageError, match="cannot save a user's country"):
        await storage.users.set_country(1, "UA")
    await storage.close()


async def test_an_unopenable_path_is_a_storage_error(tmp_path: Path) -> None:
    directory = tmp_path / "a-directory"
    directory.mkdir()
    with pytest.raises(StorageError, match="cannot open the database"):
        await Storage(directory).open()


async def test_a_database_file_deleted_while_the_bot_runs_is_made_again_and_said_once(
    config: Config,
    bundle: Bundle,
    telegram: FakeTelegram,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Without this, the bot writes on into a file no one can open again: every choice is
    lost at the next start, and nothing says so."""
    monkeypatch.setattr(app, "EVERY_MINUTE", 0.01)  # housekeeping's minute
    application = await start_application(config, bundle, telegram)
    storage = storage_of(application)
    user = ChatUser(application, telegram)
    try:
        await user.send("/start get_help-es")
        config.database.unlink()  # rm bot.sqlite3, say
        async with asyncio.timeout(10):
            while storage.openings < 2:  # noqa: ASYNC110 (housekeeping opens it)
                await asyncio.sleep(0.01)
        await user.send("/start get_help-fr-UA")  # a choice made after it was noticed
        await asyncio.sleep(0.05)  # a few more rounds of housekeeping
    finally:
        await stop_application(application)
    warnings = [r for r in caplog.records if "was deleted or replaced" in r.getMessage()]
    assert len(warnings) == 1, "said once"
    assert warnings[0].levelname == "WARNING"
    assert storage.openings == 2, "opened again once"
    async with Storage(config.database) as restarted:  # the next start
        assert await restarted.users.preferences(user.id) == Preferences("fr", "UA")
