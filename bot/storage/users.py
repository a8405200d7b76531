"""Users: a user's chosen language and country, whether they subscribed to campaign news,
and the day they last used the bot. A user with nothing chosen is not kept at all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import aiosqlite

from bot.storage.database import Database, failing, today
from bot.storage.news import unqueue


@dataclass(frozen=True)
class Preferences:
    """What a user chose: all the bot keeps about them."""

    language: str | None = None
    country: str | None = None
    last_seen: str | None = field(default=None, compare=False)  # a day, YYYY-MM-DD
    subscribed: bool = False  # to campaign news


async def forget_user(db: aiosqlite.Connection, user_id: int) -> None:
    """Within a write: delete the user's row."""
    await db.execute("DELETE FROM users WHERE user_id = ?", (user_id,))


class Users:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def preferences(self, user_id: int) -> Preferences:
        with failing("read a user's preferences"):
            async with self.database.db.execute(
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
        async with self.database.write(f"save a user's {column}") as db:
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
        async with self.database.write("note a user's last day") as db:
            await db.execute(
                "UPDATE users SET last_seen = ? WHERE user_id = ? "
                "AND (last_seen IS NULL OR last_seen <> ?)",
                (day_text, user_id, day_text),
            )

    async def purge_inactive(self, days: int, day: dt.date | None = None) -> int:
        """Delete users not seen for ``days`` days before ``day`` (today); returns how many."""
        cutoff = ((day or today()) - dt.timedelta(days=days)).isoformat()
        async with self.database.write("delete inactive users") as db:
            cursor = await db.execute(
                "DELETE FROM users WHERE COALESCE(last_seen, '') < ? AND subscribed = 0", (cutoff,)
            )
        return cursor.rowcount

    # -- campaign news -------------------------------------------------------------------
    async def subscribe(self, user_id: int, language: str) -> None:
        """Campaign news for the user, in ``language`` (kept as the user's language)."""
        async with self.database.write("subscribe a user") as db:
            await db.execute(
                "INSERT INTO users (user_id, language, last_seen, subscribed) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, "
                "last_seen = excluded.last_seen, subscribed = 1",
                (user_id, language, today().isoformat()),
            )

    async def unsubscribe(self, user_id: int) -> None:
        """No more campaign news, including any still queued for the user."""
        async with self.database.write("unsubscribe a user") as db:
            await db.execute("UPDATE users SET subscribed = 0 WHERE user_id = ?", (user_id,))
            await unqueue(db, user_id)

    async def subscribers(self) -> dict[str, int]:
        """How many subscribers per language."""
        with failing("count subscribers"):
            async with self.database.db.execute(
                "SELECT COALESCE(language, ''), COUNT(*) FROM users WHERE subscribed = 1 "
                "GROUP BY 1 ORDER BY 2 DESC, 1"
            ) as cursor:
                return {str(language): int(n) async for language, n in cursor}
