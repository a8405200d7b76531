"""A private chat's messages, both sides: for 48 hours at most, their ids (never their
text), so that the safety exit can delete them. Telegram lets a bot delete any message of
a private chat, the person's own included, while it is under 48 hours old."""

from __future__ import annotations

import datetime as dt

import aiosqlite

from bot.storage.database import Database

DELETABLE_FOR = dt.timedelta(hours=48)  # Telegram lets a bot delete messages this young
PURGED_EVERY = dt.timedelta(minutes=1)  # how often housekeeping calls :meth:`purge`
# Purged this early, no id outlives 48 hours, however the minute between purges falls.
KEPT_FOR = DELETABLE_FOR - PURGED_EVERY


def _stamp(now: dt.datetime | None) -> dt.datetime:
    return now or dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


async def keep_ids(
    db: aiosqlite.Connection, chat_id: int, message_ids: list[int], now: dt.datetime | None = None
) -> None:
    """Within a write: keep the ids of a chat's messages (for the safety exit)."""
    stamp = _iso(_stamp(now))
    await db.executemany(
        "INSERT OR IGNORE INTO chat_messages (chat_id, message_id, sent_at) VALUES (?, ?, ?)",
        [(chat_id, message_id, stamp) for message_id in message_ids],
    )


async def forget_chat(db: aiosqlite.Connection, chat_id: int) -> None:
    """Within a write: forget the ids of every message of a chat."""
    await db.execute("DELETE FROM chat_messages WHERE chat_id = ?", (chat_id,))


class ChatMessages:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def remember(
        self, chat_id: int, message_ids: list[int], now: dt.datetime | None = None
    ) -> None:
        """Keep the ids of messages of a private chat (the bot's, the person's), so that the
        safety exit can delete them."""
        async with self.database.write("keep message ids") as db:
            await keep_ids(db, chat_id, message_ids, now)

    async def take(self, chat_id: int, now: dt.datetime | None = None) -> list[int]:
        """The ids of a chat's messages that can still be deleted; forgets them all."""
        since = _iso(_stamp(now) - DELETABLE_FOR)
        async with self.database.write("read message ids") as db:
            async with db.execute(
                "SELECT message_id FROM chat_messages WHERE chat_id = ? AND sent_at >= ? "
                "ORDER BY message_id",
                (chat_id, since),
            ) as cursor:
                ids = [int(row[0]) async for row in cursor]
            await forget_chat(db, chat_id)
        return ids

    async def purge(self, now: dt.datetime | None = None) -> int:
        """Forget ids about to be too old to delete (:data:`KEPT_FOR`); returns how many."""
        before = _iso(_stamp(now) - KEPT_FOR)
        async with self.database.write("forget old message ids") as db:
            cursor = await db.execute("DELETE FROM chat_messages WHERE sent_at < ?", (before,))
        return cursor.rowcount
