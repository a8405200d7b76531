"""The one module that holds SQL. SQLite through aiosqlite, in WAL mode.

What is stored, and why, is the whole privacy story of the bot, so it is kept small and
in one place: a user's chosen language and country, whether they subscribed to campaign
news, and the day they last used the bot; for 48 hours, the ids (never the text) of the
bot's own messages, for the safety exit; per day how often each page was opened in each
language and how many people each campaign's links brought (no user ids); and the
campaign news admins send, with the queue of subscribers still to receive it (a row is
deleted once sent). The schema evolves by numbered migrations; ``PRAGMA user_version``
records which have run.

Every failure of the database is raised as :class:`StorageError`, so callers can keep
serving (content needs no database) without knowing about sqlite.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
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
    # 7: campaign news. Whether a user subscribed; the messages admins broadcast (their
    # text per language and counts, no recipients); and the queue of deliveries, a row per
    # subscriber still to be sent to, deleted as soon as it is sent.
    """
    ALTER TABLE users ADD COLUMN subscribed INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE broadcasts (
        id       INTEGER PRIMARY KEY,
        admin_id INTEGER NOT NULL,
        created  TEXT NOT NULL,
        texts    TEXT NOT NULL,
        state    TEXT NOT NULL,
        total    INTEGER NOT NULL DEFAULT 0,
        sent     INTEGER NOT NULL DEFAULT 0,
        blocked  INTEGER NOT NULL DEFAULT 0,
        failed   INTEGER NOT NULL DEFAULT 0,
        progress_message INTEGER
    );
    CREATE TABLE deliveries (
        broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id),
        user_id      INTEGER NOT NULL,
        language     TEXT NOT NULL,
        in_flight    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (broadcast_id, user_id)
    ) WITHOUT ROWID;
    """,
    # 8: Telegram's file_id of each spoken message's audio once uploaded, so that each file
    # is uploaded once. The key names the language, the message and what the audio is made
    # of. Nothing about who asked for it.
    """
    CREATE TABLE voice_files (
        audio_key TEXT PRIMARY KEY,
        file_id   TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
)
DELETABLE_FOR = dt.timedelta(hours=48)  # Telegram lets a bot delete messages this young
DRAFTS_KEPT_FOR = dt.timedelta(days=1)  # broadcasts never confirmed
SCHEMA_VERSION = len(MIGRATIONS)
BUSY_TIMEOUT_MS = 1000


@dataclass(frozen=True)
class Preferences:
    """What a user chose: all the bot keeps about them."""

    language: str | None = None
    country: str | None = None
    last_seen: str | None = field(default=None, compare=False)  # a day, YYYY-MM-DD
    subscribed: bool = False  # to campaign news


def today() -> dt.date:
    """Days are UTC days."""
    return dt.datetime.now(dt.UTC).date()


class BroadcastState(StrEnum):
    DRAFT = "draft"  # shown to its admin as a preview, waiting for confirmation
    SENDING = "sending"  # confirmed: deliveries are queued
    DONE = "done"
    CANCELLED = "cancelled"


class Outcome(StrEnum):
    """What became of one delivery."""

    SENT = "sent"
    BLOCKED = "blocked"  # the user blocked the bot or left Telegram: unsubscribed
    FAILED = "failed"


@dataclass(frozen=True)
class Broadcast:
    """Campaign news from an admin: the message per language (footer included) and how
    its sending went. Who it went to is not kept."""

    id: int
    admin_id: int
    texts: dict[str, str]
    state: BroadcastState
    total: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    progress_message: int | None = None

    @property
    def done(self) -> int:
        return self.sent + self.blocked + self.failed


@dataclass(frozen=True)
class Delivery:
    """One subscriber still to receive a broadcast."""

    broadcast_id: int
    user_id: int
    language: str


class StorageError(Exception):
    """The database could not do what was asked."""


@contextmanager
def _failing(what: str) -> Iterator[None]:
    """Any database error inside becomes a :class:`StorageError` saying what failed."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StorageError(f"cannot {what}: {exc}") from exc


async def _keep_sent(
    db: aiosqlite.Connection, chat_id: int, message_ids: list[int], now: dt.datetime | None = None
) -> None:
    """Within a write: keep the ids of messages the bot sent (for the safety exit)."""
    stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    await db.executemany(
        "INSERT OR IGNORE INTO sent_messages (chat_id, message_id, sent_at) VALUES (?, ?, ?)",
        [(chat_id, message_id, stamp) for message_id in message_ids],
    )


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
        # One connection serves every coroutine: a write's statements and its commit run
        # under this lock, so another coroutine's commit never cuts a write in half.
        self._writing = asyncio.Lock()

    async def open(self) -> None:
        if self.path != ":memory:":
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"cannot open the database {self.path}: {exc}") from exc
        connection = aiosqlite.connect(self.path)
        try:
            self._db = await connection
        except sqlite3.Error as exc:
            await _wait_for_worker(connection)
            raise StorageError(f"cannot open the database {self.path}: {exc}") from exc
        try:
            await self._db.execute("PRAGMA journal_mode=WAL")
            # Wait at most a second for another process's lock (a backup, say): replies
            # must not wait longer, and they do not need the database.
            await self._db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
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
    def is_open(self) -> bool:
        return self._db is not None

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise StorageError("the database is not open")
        return self._db

    @asynccontextmanager
    async def _write(self, what: str) -> AsyncIterator[aiosqlite.Connection]:
        """One transaction: committed when the block ends, rolled back if it fails."""
        async with self._writing:
            with _failing(what):
                db = self.db
                try:
                    yield db
                    await db.commit()
                except BaseException:
                    await db.rollback()
                    raise

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
                "SELECT language, country, last_seen, subscribed FROM users WHERE user_id = ?",
                (user_id,),
            ) as cursor:
                row = await cursor.fetchone()
        return Preferences(row[0], row[1], row[2], bool(row[3])) if row else Preferences()

    async def set_language(self, user_id: int, language: str) -> None:
        await self._set(user_id, "language", language)

    async def set_country(self, user_id: int, country: str | None) -> None:
        """Save the user's country; ``None`` forgets it."""
        await self._set(user_id, "country", country)

    async def _set(self, user_id: int, column: str, value: str | None) -> None:
        assert column in ("language", "country")  # never from input: the SQL is built here
        async with self._write(f"save a user's {column}") as db:
            await db.execute(
                f"INSERT INTO users (user_id, {column}, last_seen) VALUES (?, ?, ?) "
                f"ON CONFLICT (user_id) DO UPDATE SET {column} = excluded.{column}, "
                "last_seen = excluded.last_seen",
                (user_id, value, today().isoformat()),
            )
            # A user with nothing chosen is not kept at all.
            await db.execute(
                "DELETE FROM users WHERE user_id = ? AND language IS NULL AND country IS NULL "
                "AND subscribed = 0",
                (user_id,),
            )

    async def seen(self, user_id: int, day: dt.date | None = None) -> None:
        """Note the day a user used the bot, if the bot keeps anything about them."""
        day_text = (day or today()).isoformat()
        async with self._write("note a user's last day") as db:
            await db.execute(
                "UPDATE users SET last_seen = ? WHERE user_id = ? "
                "AND (last_seen IS NULL OR last_seen <> ?)",
                (day_text, user_id, day_text),
            )

    async def forget(self, user_id: int) -> None:
        """Delete everything kept about a user, at once."""
        async with self._write("forget a user") as db:
            await db.execute("DELETE FROM users WHERE user_id = ?", (user_id,))
            await db.execute("DELETE FROM sent_messages WHERE chat_id = ?", (user_id,))
            await db.execute(
                "DELETE FROM deliveries WHERE user_id = ? AND in_flight = 0", (user_id,)
            )

    async def purge_inactive(self, days: int, day: dt.date | None = None) -> int:
        """Delete users not seen for ``days`` days before ``day`` (today); returns how many."""
        cutoff = ((day or today()) - dt.timedelta(days=days)).isoformat()
        async with self._write("delete inactive users") as db:
            cursor = await db.execute(
                "DELETE FROM users WHERE COALESCE(last_seen, '') < ? AND subscribed = 0", (cutoff,)
            )
        return cursor.rowcount

    async def remember_sent(
        self, chat_id: int, message_ids: list[int], now: dt.datetime | None = None
    ) -> None:
        """Keep the ids of messages the bot sent, so that the safety exit can delete them."""
        async with self._write("keep message ids") as db:
            await _keep_sent(db, chat_id, message_ids, now)

    async def take_sent(self, chat_id: int, now: dt.datetime | None = None) -> list[int]:
        """The ids of the bot's messages in a chat that can still be deleted; forgets all."""
        since = ((now or dt.datetime.now(dt.UTC)) - DELETABLE_FOR).isoformat(timespec="seconds")
        async with self._write("read message ids") as db:
            async with self.db.execute(
                "SELECT message_id FROM sent_messages WHERE chat_id = ? AND sent_at >= ? "
                "ORDER BY message_id",
                (chat_id, since),
            ) as cursor:
                ids = [int(row[0]) async for row in cursor]
            await db.execute("DELETE FROM sent_messages WHERE chat_id = ?", (chat_id,))
        return ids

    async def purge_sent(self, now: dt.datetime | None = None) -> int:
        """Forget the ids of messages too old to delete; returns how many."""
        before = ((now or dt.datetime.now(dt.UTC)) - DELETABLE_FOR).isoformat(timespec="seconds")
        async with self._write("forget old message ids") as db:
            cursor = await db.execute("DELETE FROM sent_messages WHERE sent_at < ?", (before,))
        return cursor.rowcount

    async def count_campaign(self, campaign: str, day: dt.date | None = None) -> None:
        """One more person opened the bot from ``campaign`` today. Nothing about who."""
        day = day or today()
        async with self._write("count a campaign") as db:
            await db.execute(
                "INSERT INTO campaign_counts (day, campaign, opened) VALUES (?, ?, 1) "
                "ON CONFLICT (day, campaign) DO UPDATE SET opened = opened + 1",
                (day.isoformat(), campaign),
            )

    async def count_page(self, page: str, language: str, day: dt.date | None = None) -> None:
        """One more opening of ``page`` in ``language`` today. Nothing about who."""
        async with self._write("count a page") as db:
            await db.execute(
                "INSERT INTO page_counts (day, page, language, opened) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (day, page, language) DO UPDATE SET opened = opened + 1",
                ((day or today()).isoformat(), page, language),
            )

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

    # -- campaign news -------------------------------------------------------------------
    async def subscribe(self, user_id: int, language: str) -> None:
        """Campaign news for the user, in ``language`` (kept as the user's language)."""
        async with self._write("subscribe a user") as db:
            await db.execute(
                "INSERT INTO users (user_id, language, last_seen, subscribed) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, "
                "last_seen = excluded.last_seen, subscribed = 1",
                (user_id, language, today().isoformat()),
            )

    async def unsubscribe(self, user_id: int) -> None:
        """No more campaign news, including any still queued for the user."""
        async with self._write("unsubscribe a user") as db:
            await db.execute("UPDATE users SET subscribed = 0 WHERE user_id = ?", (user_id,))
            await db.execute(
                "DELETE FROM deliveries WHERE user_id = ? AND in_flight = 0", (user_id,)
            )

    async def subscribers(self) -> dict[str, int]:
        """How many subscribers per language."""
        with _failing("count subscribers"):
            async with self.db.execute(
                "SELECT COALESCE(language, ''), COUNT(*) FROM users WHERE subscribed = 1 "
                "GROUP BY 1 ORDER BY 2 DESC, 1"
            ) as cursor:
                return {str(language): int(n) async for language, n in cursor}

    async def draft_broadcast(self, admin_id: int, texts: dict[str, str]) -> int:
        """Keep an admin's message until they confirm it; returns its id."""
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        async with self._write("keep a broadcast") as db:
            cursor = await db.execute(
                "INSERT INTO broadcasts (admin_id, created, texts, state) VALUES (?, ?, ?, ?)",
                (admin_id, stamp, json.dumps(texts, ensure_ascii=False), BroadcastState.DRAFT),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def broadcast(self, broadcast_id: int) -> Broadcast | None:
        with _failing("read a broadcast"):
            async with self.db.execute(
                "SELECT id, admin_id, texts, state, total, sent, blocked, failed, "
                "progress_message FROM broadcasts WHERE id = ?",
                (broadcast_id,),
            ) as cursor:
                row = await cursor.fetchone()
        if row is None:
            return None
        number, admin, texts, state, *counts, progress = row
        return Broadcast(number, admin, json.loads(texts), BroadcastState(state), *counts,
                         progress_message=progress)  # fmt: skip

    async def cancel_broadcast(self, broadcast_id: int) -> bool:
        """Cancel a draft; False if it is not one (sent, cancelled or unknown)."""
        async with self._write("cancel a broadcast") as db:
            cursor = await db.execute(
                "UPDATE broadcasts SET state = ? WHERE id = ? AND state = ?",
                (BroadcastState.CANCELLED, broadcast_id, BroadcastState.DRAFT),
            )
        return cursor.rowcount == 1

    async def start_broadcast(self, broadcast_id: int) -> int | None:
        """Queue a draft for every subscriber, in one transaction; returns how many, or
        None if it is not a draft (a second tap on Send, say)."""
        async with self._write("queue a broadcast") as db:
            cursor = await db.execute(
                "UPDATE broadcasts SET state = ? WHERE id = ? AND state = ?",
                (BroadcastState.SENDING, broadcast_id, BroadcastState.DRAFT),
            )
            if cursor.rowcount != 1:
                return None
            cursor = await db.execute(
                "INSERT INTO deliveries (broadcast_id, user_id, language) "
                "SELECT ?, user_id, COALESCE(language, '') FROM users WHERE subscribed = 1",
                (broadcast_id,),
            )
            total = cursor.rowcount
            await db.execute("UPDATE broadcasts SET total = ? WHERE id = ?", (total, broadcast_id))
        return total

    async def queued(self, limit: int) -> list[Delivery]:
        """The next deliveries to make: the oldest broadcast's first."""
        with _failing("read the delivery queue"):
            async with self.db.execute(
                "SELECT broadcast_id, user_id, language FROM deliveries WHERE in_flight = 0 "
                "ORDER BY broadcast_id, user_id LIMIT ?",
                (limit,),
            ) as cursor:
                return [Delivery(int(b), int(u), str(lang)) async for b, u, lang in cursor]

    async def take_off(self, delivery: Delivery) -> bool:
        """Mark a delivery as being sent, just before sending; False if it is gone (the
        user unsubscribed or asked to be forgotten meanwhile)."""
        async with self._write("mark a delivery") as db:
            cursor = await db.execute(
                "UPDATE deliveries SET in_flight = 1 WHERE broadcast_id = ? AND user_id = ?",
                (delivery.broadcast_id, delivery.user_id),
            )
        return cursor.rowcount == 1

    async def put_back(self, delivery: Delivery) -> None:
        """A delivery Telegram did not take (asked to slow down): queue it again."""
        async with self._write("queue a delivery again") as db:
            await db.execute(
                "UPDATE deliveries SET in_flight = 0 WHERE broadcast_id = ? AND user_id = ?",
                (delivery.broadcast_id, delivery.user_id),
            )

    async def delivered(
        self, delivery: Delivery, outcome: Outcome, message_id: int | None = None
    ) -> None:
        """Record a delivery's outcome and forget the delivery; a blocked user is
        unsubscribed; a message sent is remembered for the safety exit."""
        column = outcome.value  # the counts' columns are named after the outcomes
        async with self._write("record a delivery") as db:
            await db.execute(
                "DELETE FROM deliveries WHERE broadcast_id = ? AND user_id = ?",
                (delivery.broadcast_id, delivery.user_id),
            )
            await db.execute(
                f"UPDATE broadcasts SET {column} = {column} + 1 WHERE id = ?",
                (delivery.broadcast_id,),
            )
            if outcome is Outcome.BLOCKED:
                await db.execute(
                    "UPDATE users SET subscribed = 0 WHERE user_id = ?", (delivery.user_id,)
                )
            if message_id is not None:
                await _keep_sent(db, delivery.user_id, [message_id])

    async def drop_in_flight(self) -> int:
        """After a crash: deliveries that were being sent may have arrived. They are not
        sent again (no one gets a message twice) and count as failed. Returns how many."""
        async with self._write("drop unfinished deliveries") as db:
            await db.execute(
                "UPDATE broadcasts SET failed = failed + (SELECT COUNT(*) FROM deliveries "
                "WHERE broadcast_id = broadcasts.id AND in_flight = 1) WHERE state = ?",
                (BroadcastState.SENDING,),
            )
            cursor = await db.execute("DELETE FROM deliveries WHERE in_flight = 1")
        return cursor.rowcount

    async def finish_broadcasts(self) -> list[Broadcast]:
        """Mark as done the broadcasts with nothing left to send; returns them."""
        async with self._write("finish broadcasts") as db:
            async with db.execute(
                "SELECT id FROM broadcasts WHERE state = ? AND NOT EXISTS "
                "(SELECT 1 FROM deliveries WHERE broadcast_id = broadcasts.id)",
                (BroadcastState.SENDING,),
            ) as cursor:
                ids = [int(row[0]) async for row in cursor]
            await db.executemany(
                "UPDATE broadcasts SET state = ? WHERE id = ?",
                [(BroadcastState.DONE, number) for number in ids],
            )
        return [b for number in ids if (b := await self.broadcast(number))]

    async def set_progress_message(self, broadcast_id: int, message_id: int) -> None:
        async with self._write("note a progress message") as db:
            await db.execute(
                "UPDATE broadcasts SET progress_message = ? WHERE id = ?",
                (message_id, broadcast_id),
            )

    async def purge_drafts(self, now: dt.datetime | None = None) -> int:
        """Delete drafts and cancelled broadcasts older than a day; returns how many."""
        before = ((now or dt.datetime.now(dt.UTC)) - DRAFTS_KEPT_FOR).isoformat(timespec="seconds")
        async with self._write("delete old drafts") as db:
            cursor = await db.execute(
                "DELETE FROM broadcasts WHERE state IN (?, ?) AND created < ?",
                (BroadcastState.DRAFT, BroadcastState.CANCELLED, before),
            )
        return cursor.rowcount

    # -- spoken messages -----------------------------------------------------------------
    async def voice_file(self, audio_key: str) -> str | None:
        """Telegram's file_id for an audio file already uploaded, if any."""
        with _failing("read a voice file id"):
            async with self.db.execute(
                "SELECT file_id FROM voice_files WHERE audio_key = ?", (audio_key,)
            ) as cursor:
                row = await cursor.fetchone()
        return str(row[0]) if row else None

    async def remember_voice_file(self, audio_key: str, file_id: str) -> None:
        async with self._write("keep a voice file id") as db:
            await db.execute(
                "INSERT INTO voice_files (audio_key, file_id) VALUES (?, ?) "
                "ON CONFLICT (audio_key) DO UPDATE SET file_id = excluded.file_id",
                (audio_key, file_id),
            )

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
