"""The one module that holds SQL. SQLite through aiosqlite, in WAL mode.

What is stored, and why, is the whole privacy story of the bot, so it is kept small and
in one place: a user's chosen language and country and the day they last used the bot;
for 48 hours, the ids (never the text) of the bot's own messages, for the safety exit; and
per day how often each page was opened in each language and how many people each
campaign's links brought (no user ids). The schema evolves by
numbered migrations; ``PRAGMA user_version`` records which have run.

Every failure of the database is raised as :class:`StorageError`, so callers can keep
serving (content needs no database) without knowing about sqlite.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import aiosqlite

log = logging.getLogger(__name__)

# Append only: a migration that has shipped is never edited, a new one is added.
MIGRATIONS: tuple[str, ...] = (
    # 1: the user's chosen language. Only users who chose one are stored.
    """
    CREATE TABLE users (
        user_id  INTEGER PRIMARY KEY,
        language TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 2: the user's country, chosen to see its hotlines. A user may now have a country and
    # no chosen language, so the table is rebuilt with both columns optional.
    """
    CREATE TABLE users_new (
        user_id  INTEGER PRIMARY KEY,
        language TEXT,
        country  TEXT
    ) WITHOUT ROWID;
    INSERT INTO users_new (user_id, language) SELECT user_id, language FROM users;
    DROP TABLE users;
    ALTER TABLE users_new RENAME TO users;
    """,
    # 3: how many people a campaign's deep links (leaflets, posters) brought, per day. No
    # user ids: only the day, the campaign tag and a count.
    """
    CREATE TABLE campaign_counts (
        day      TEXT NOT NULL,
        campaign TEXT NOT NULL,
        opened   INTEGER NOT NULL,
        PRIMARY KEY (day, campaign)
    ) WITHOUT ROWID;
    """,
    # 4: the day a user last used the bot (a date, no time), so that the data of users who
    # have gone quiet can be deleted after the retention period.
    """
    ALTER TABLE users ADD COLUMN last_seen TEXT;
    """,
    # 5: the ids of the bot's own messages in each chat (never their text), kept at most
    # 48 hours, the time Telegram lets a bot delete them: for the safety exit.
    """
    CREATE TABLE sent_messages (
        chat_id    INTEGER NOT NULL,
        message_id INTEGER NOT NULL,
        sent_at    TEXT NOT NULL,
        PRIMARY KEY (chat_id, message_id)
    ) WITHOUT ROWID;
    """,
    # 6: how often each page was opened, per day and language. No user ids.
    """
    CREATE TABLE page_counts (
        day      TEXT NOT NULL,
        page     TEXT NOT NULL,
        language TEXT NOT NULL,
        opened   INTEGER NOT NULL,
        PRIMARY KEY (day, page, language)
    ) WITHOUT ROWID;
    """,
)
DELETABLE_FOR = dt.timedelta(hours=48)  # Telegram lets a bot delete messages this young
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class Preferences:
    """What a user chose: all the bot keeps about them."""

    language: str | None = None
    country: str | None = None
    last_seen: str | None = field(default=None, compare=False)  # a day, YYYY-MM-DD


def today() -> dt.date:
    """Days are UTC days."""
    return dt.datetime.now(dt.UTC).date()


class StorageError(Exception):
    """The database could not do what was asked."""


@contextmanager
def _failing(what: str) -> Iterator[None]:
    """Any database error inside becomes a :class:`StorageError` saying what failed."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StorageError(f"cannot {what}: {exc}") from exc


async def _wait_for_worker(connection: aiosqlite.Connection) -> None:
    """After a failed connect, aiosqlite (0.22) stops its worker thread without waiting for
    it; the thread then reports to an event loop that may be closed by then. Wait for it."""
    thread = getattr(connection, "_thread", None)
    if thread is not None and thread.is_alive():
        await asyncio.to_thread(thread.join, 5.0)


class Storage:
    """The bot's database. Use ``async with Storage(path) as storage`` or open/close."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self._db: aiosqlite.Connection | None = None

    async def open(self) -> None:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        connection = aiosqlite.connect(self.path)
        try:
            self._db = await connection
        except sqlite3.Error as exc:
            await _wait_for_worker(connection)
            raise StorageError(f"cannot open the database {self.path}: {exc}") from exc
        try:
            await self._db.execute("PRAGMA journal_mode=WAL")
            await self._db.execute("PRAGMA busy_timeout=5000")
            await self._migrate()
        except sqlite3.Error as exc:
            await self.close()
            raise StorageError(f"cannot open the database {self.path}: {exc}") from exc
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        if self._db is not None:
            db, self._db = self._db, None
            await db.close()

    async def __aenter__(self) -> Storage:
        await self.open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise StorageError("the database is not open")
        return self._db

    async def schema_version(self) -> int:
        async with self.db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def journal_mode(self) -> str:
        async with self.db.execute("PRAGMA journal_mode") as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else ""

    async def _migrate(self) -> None:
        current = await self.schema_version()
        if current > SCHEMA_VERSION:
            raise StorageError(
                f"the database {self.path} has schema version {current}, newer than this "
                f"code's {SCHEMA_VERSION}: update the code or use another database"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            log.info("database: applying migration %d", version)
            await self.db.executescript(
                f"BEGIN; {MIGRATIONS[version - 1]} PRAGMA user_version = {version}; COMMIT;"
            )

    async def preferences(self, user_id: int) -> Preferences:
        with _failing("read a user's preferences"):
            async with self.db.execute(
                "SELECT language, country, last_seen FROM users WHERE user_id = ?", (user_id,)
            ) as cursor:
                row = await cursor.fetchone()
        return Preferences(*row) if row else Preferences()

    async def set_language(self, user_id: int, language: str) -> None:
        await self._set(user_id, "language", language)

    async def set_country(self, user_id: int, country: str | None) -> None:
        """Save the user's country; ``None`` forgets it."""
        await self._set(user_id, "country", country)

    async def _set(self, user_id: int, column: str, value: str | None) -> None:
        assert column in ("language", "country")  # never from input: the SQL is built here
        with _failing(f"save a user's {column}"):
            await self.db.execute(
                f"INSERT INTO users (user_id, {column}, last_seen) VALUES (?, ?, ?) "
                f"ON CONFLICT (user_id) DO UPDATE SET {column} = excluded.{column}, "
                "last_seen = excluded.last_seen",
                (user_id, value, today().isoformat()),
            )
            # A user with nothing chosen is not kept at all.
            await self.db.execute(
                "DELETE FROM users WHERE user_id = ? AND language IS NULL AND country IS NULL",
                (user_id,),
            )
            await self.db.commit()

    async def seen(self, user_id: int, day: dt.date | None = None) -> None:
        """Note the day a user used the bot, if the bot keeps anything about them."""
        day_text = (day or today()).isoformat()
        with _failing("note a user's last day"):
            await self.db.execute(
                "UPDATE users SET last_seen = ? WHERE user_id = ? "
                "AND (last_seen IS NULL OR last_seen <> ?)",
                (day_text, user_id, day_text),
            )
            await self.db.commit()

    async def forget(self, user_id: int) -> None:
        """Delete everything kept about a user, at once."""
        with _failing("forget a user"):
            await self.db.execute("DELETE FROM users WHERE user_id = ?", (user_id,))
            await self.db.execute("DELETE FROM sent_messages WHERE chat_id = ?", (user_id,))
            await self.db.commit()

    async def purge_inactive(self, days: int, day: dt.date | None = None) -> int:
        """Delete users not seen for ``days`` days before ``day`` (today); returns how many."""
        cutoff = ((day or today()) - dt.timedelta(days=days)).isoformat()
        with _failing("delete inactive users"):
            cursor = await self.db.execute(
                "DELETE FROM users WHERE COALESCE(last_seen, '') < ?", (cutoff,)
            )
            await self.db.commit()
        return cursor.rowcount

    async def remember_sent(
        self, chat_id: int, message_ids: list[int], now: dt.datetime | None = None
    ) -> None:
        """Keep the ids of messages the bot sent, so that the safety exit can delete them."""
        stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        with _failing("keep message ids"):
            await self.db.executemany(
                "INSERT OR IGNORE INTO sent_messages (chat_id, message_id, sent_at) "
                "VALUES (?, ?, ?)",
                [(chat_id, message_id, stamp) for message_id in message_ids],
            )
            await self.db.commit()

    async def take_sent(self, chat_id: int, now: dt.datetime | None = None) -> list[int]:
        """The ids of the bot's messages in a chat that can still be deleted; forgets all."""
        since = ((now or dt.datetime.now(dt.UTC)) - DELETABLE_FOR).isoformat(timespec="seconds")
        with _failing("read message ids"):
            async with self.db.execute(
                "SELECT message_id FROM sent_messages WHERE chat_id = ? AND sent_at >= ? "
                "ORDER BY message_id",
                (chat_id, since),
            ) as cursor:
                ids = [int(row[0]) async for row in cursor]
            await self.db.execute("DELETE FROM sent_messages WHERE chat_id = ?", (chat_id,))
            await self.db.commit()
        return ids

    async def purge_sent(self, now: dt.datetime | None = None) -> int:
        """Forget the ids of messages too old to delete; returns how many."""
        before = ((now or dt.datetime.now(dt.UTC)) - DELETABLE_FOR).isoformat(timespec="seconds")
        with _failing("forget old message ids"):
            cursor = await self.db.execute("DELETE FROM sent_messages WHERE sent_at < ?", (before,))
            await self.db.commit()
        return cursor.rowcount

    async def count_campaign(self, campaign: str, day: dt.date | None = None) -> None:
        """One more person opened the bot from ``campaign`` today. Nothing about who."""
        day = day or today()
        with _failing("count a campaign"):
            await self.db.execute(
                "INSERT INTO campaign_counts (day, campaign, opened) VALUES (?, ?, 1) "
                "ON CONFLICT (day, campaign) DO UPDATE SET opened = opened + 1",
                (day.isoformat(), campaign),
            )
            await self.db.commit()

    async def count_page(self, page: str, language: str, day: dt.date | None = None) -> None:
        """One more opening of ``page`` in ``language`` today. Nothing about who."""
        with _failing("count a page"):
            await self.db.execute(
                "INSERT INTO page_counts (day, page, language, opened) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (day, page, language) DO UPDATE SET opened = opened + 1",
                ((day or today()).isoformat(), page, language),
            )
            await self.db.commit()

    async def page_counts(self, since: dt.date) -> list[tuple[str, str, str, int]]:
        """(day, page, language, opened) from ``since`` on, oldest first."""
        with _failing("read page counts"):
            async with self.db.execute(
                "SELECT day, page, language, opened FROM page_counts WHERE day >= ? "
                "ORDER BY day, page, language",
                (since.isoformat(),),
            ) as cursor:
                return [(str(d), str(p), str(lang), int(n)) async for d, p, lang, n in cursor]

    async def campaign_counts(self, since: dt.date) -> list[tuple[str, str, int]]:
        """(day, campaign, opened) from ``since`` on, oldest first."""
        with _failing("read campaign counts"):
            async with self.db.execute(
                "SELECT day, campaign, opened FROM campaign_counts WHERE day >= ? "
                "ORDER BY day, campaign",
                (since.isoformat(),),
            ) as cursor:
                return [(str(day), str(tag), int(n)) async for day, tag, n in cursor]

    async def dump(self) -> dict[str, list[tuple[object, ...]]]:
        """Every row of every table: for tests and for showing what is stored."""
        tables: dict[str, list[tuple[object, ...]]] = {}
        async with self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ) as cursor:
            names = [str(row[0]) async for row in cursor]
        for name in names:
            async with self.db.execute(f'SELECT * FROM "{name}"') as cursor:
                tables[name] = [tuple(row) async for row in cursor]
        return tables
