"""Sent messages: for 48 hours, the ids (never the text) of the bot's own messages in each
chat, so that the safety exit can delete them."""

from __future__ import annotations

import datetime as dt

import aiosqlite

from bot.storage.database import Database

DELETABLE_FOR = dt.timedelta(hours=48)  # Telegram lets a bot delete messages this young


def _deletable_since(now: dt.datetime | None) -> str:
    """The time before which the bot's messages can no longer be deleted."""
    return ((now or dt.datetime.now(dt.UTC)) - DELETABLE_FOR).isoformat(timespec="seconds")


async def keep_sent(
    db: aiosqlite.Connection, chat_id: int, message_ids: list[int], now: dt.datetime | None = None
) -> None:
    """Within a write: keep the ids of messages the bot sent (for the safety exit)."""
    stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    await db.executemany(
        "INSERT OR IGNORE INTO sent_messages (chat_id, message_id, sent_at) VALUES (?, ?, ?)",
        [(chat_id, message_id, stamp) for message_id in message_ids],
    )


async def forget_chat(db: aiosqlite.Connection, chat_id: int) -> None:
    """Within a write: forget the ids of every message the bot sent in a chat."""
    await db.execute("DELETE FROM sent_messages WHERE chat_id = ?", (chat_id,))


class SentMessages:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def remember(
        self, chat_id: int, message_ids: list[int], now: dt.datetime | None = None
    ) -> None:
        """Keep the ids of messages the bot sent, so that the safety exit can delete them."""
        async with self.database.write("keep message ids") as db:
            await keep_sent(db, chat_id, message_ids, now)

    async def take(self, chat_id: int, now: dt.datetime | None = None) -> list[int]:
        """The ids of the bot's messages in a chat that can still be deleted; forgets all."""
        since = _deletable_since(now)
        async with self.database.write("read message ids") as db:
            async with db.execute(
                "SELECT message_id FROM sent_messages WHERE chat_id = ? AND sent_at >= ? "
                "ORDER BY message_id",
                (chat_id, since),
            ) as cursor:
                ids = [int(row[0]) async for row in cursor]
            await forget_chat(db, chat_id)
        return ids

    async def purge(self, now: dt.datetime | None = None) -> int:
        """Forget the ids of messages too old to delete; returns how many."""
        before = _deletable_since(now)
        async with self.database.write("forget old message ids") as db:
            cursor = await db.execute("DELETE FROM sent_messages WHERE sent_at < ?", (before,))
        return cursor.rowcount
