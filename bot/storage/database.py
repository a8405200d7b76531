"""The connection: SQLite through aiosqlite, in WAL mode, migrated on opening; the one
lock under which every write runs; and :class:`StorageError`, what every failure of the
database is raised as."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

import aiosqlite

from bot.storage.migrations import SCHEMA_VERSION, migrate, schema_version

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

    async def close(self) -> None:
        if self._db is not None:
            db, self._db = self._db, None
            await db.close()

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
