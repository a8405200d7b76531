"""The connection: SQLite through aiosqlite, in WAL mode, migrated on opening; the one
lock under which every write runs; and :class:`StorageError`, what every failure of the
database is raised as.

Deleted rows leave nothing on disk: ``secure_delete`` zeroes them in the file, and
:meth:`Database.wipe` empties the write-ahead log, which still holds their older copies.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

import aiosqlite

from bot.storage.migrations import SCHEMA_VERSION, migrate, schema_version

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 1000


class StorageError(Exception):
    """The database could not do what was asked."""


def today() -> dt.date:
    """Days are UTC days."""
    return dt.datetime.now(dt.UTC).date()


@contextmanager
def failing(what: str) -> Iterator[None]:
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


class Database:
    """The bot's database. Use ``async with Database(path) as database`` or open/close."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        self._db: aiosqlite.Connection | None = None
        # One connection serves every coroutine: a write's statements and its commit run
        # under this lock, so another coroutine's commit never cuts a write in half.
        self._writing = asyncio.Lock()
        self._file: tuple[int, int] | None = None  # device and inode of the file opened
        self.openings = 0  # how many times it was opened: a new file may be another database
        self.wipe_owed = False  # the write-ahead log may still hold deleted rows

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
            # In WAL mode NORMAL never corrupts the database and spares a sync of the log
            # at every commit (about 0.45 ms each): only a power cut (not a crash of the bot)
            # can lose the last commits. Deletions are followed by a checkpoint (wipe()),
            # which syncs, so /forget and the purges stay done whatever happens.
            await self._db.execute("PRAGMA synchronous=NORMAL")
            await self._db.execute("PRAGMA secure_delete=ON")  # deleted rows are zeroed
            # Wait at most a second for another process's lock (a backup, say): replies
            # must not wait longer, and they do not need the database.
            await self._db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            current = await schema_version(self._db)
            if current > SCHEMA_VERSION:
                raise StorageError(
                    f"the database {self.path} has schema version {current}, newer than this "
                    f"code's {SCHEMA_VERSION}: update the code or use another database"
                )
            await migrate(self._db, current)
        except sqlite3.Error as exc:
            await self.close()
            raise StorageError(f"cannot open the database {self.path}: {exc}") from exc
        except BaseException:
            await self.close()
            raise
        try:
            self._file = self._identity()
        except OSError:
            self._file = None  # cannot tell: never taken for gone
        self.openings += 1

    async def close(self) -> None:
        self._file = None
        if self._db is not None:
            db, self._db = self._db, None
            await db.close()

    async def reopen(self) -> None:
        """Close the connection and open the path again (a new database if the file is
        gone), between two writes."""
        async with self._writing:
            await self.close()
            await self.open()

    def _identity(self) -> tuple[int, int] | None:
        if self.path == ":memory:":
            return None
        info = os.stat(self.path)
        return info.st_dev, info.st_ino

    def file_gone(self) -> bool:
        """Whether the file opened is no longer at its path (deleted, or replaced by
        another): what is written now would be lost when the bot stops. One ``stat``."""
        if self._file is None:
            return False
        try:
            return self._identity() != self._file
        except FileNotFoundError:
            return True
        except OSError:
            return False  # cannot tell (a permission, say): keep the connection

    async def wipe(self) -> bool:
        """Empty the write-ahead log into the database file (``wal_checkpoint(TRUNCATE)``),
        so that rows just deleted, zeroed in the file, leave no older copy on disk. False
        (and ``wipe_owed``) when it cannot be done now, say while another process reads
        the database: housekeeping tries again."""
        try:
            async with (
                self.write("empty the write-ahead log") as db,
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor,
            ):
                row = await cursor.fetchone()
        except StorageError as exc:
            row, reason = None, str(exc)
        else:
            reason = "another connection is reading the database"
        self.wipe_owed = row is None or bool(row[0])
        if self.wipe_owed:
            log.warning("deleted data stays in the write-ahead log for now: %s", reason)
        return not self.wipe_owed

    async def __aenter__(self) -> Self:
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
    async def read(self, what: str = "read the database") -> AsyncIterator[aiosqlite.Connection]:
        """The connection, for reading: a failure inside becomes a :class:`StorageError`."""
        with failing(what):
            yield self.db

    @asynccontextmanager
    async def write(self, what: str) -> AsyncIterator[aiosqlite.Connection]:
        """One transaction: committed when the block ends, rolled back if it fails."""
        async with self._writing:
            with failing(what):
                db = self.db
                try:
                    yield db
                    await db.commit()
                except BaseException:
                    await db.rollback()
                    raise

    async def schema_version(self) -> int:
        return await schema_version(self.db)

    async def journal_mode(self) -> str:
        async with self.db.execute("PRAGMA journal_mode") as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else ""

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
