"""Campaign news: the messages admins broadcast (their text per language and counts, no
recipients) and the queue of deliveries, a row per subscriber still to be sent to, deleted
as soon as it is sent. Who subscribed is kept with the users."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum

import aiosqlite

from bot.storage.database import Database, failing
from bot.storage.messages import keep_ids

DRAFTS_KEPT_FOR = dt.timedelta(days=1)  # broadcasts never confirmed


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
    # The connection failed after the message left (or the process died while sending): it
    # may have arrived, so it is never sent again.
    UNKNOWN = "unknown"


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
    unknown: int = 0  # may have arrived: not sent again
    progress_message: int | None = None

    @property
    def done(self) -> int:
        return self.sent + self.blocked + self.failed + self.unknown


@dataclass(frozen=True)
class Delivery:
    """One subscriber still to receive a broadcast."""

    broadcast_id: int
    user_id: int
    language: str


async def unqueue(db: aiosqlite.Connection, user_id: int, in_flight: bool = False) -> None:
    """Within a write: drop the user's deliveries not being sent yet; with ``in_flight``,
    the one being sent too (its outcome is still counted, but nothing of the user is kept)."""
    await db.execute(
        "DELETE FROM deliveries WHERE user_id = ? AND (in_flight = 0 OR ?)",
        (user_id, int(in_flight)),
    )


class News:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def draft(self, admin_id: int, texts: dict[str, str]) -> int:
        """Keep an admin's message until they confirm it; returns its id."""
        stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        async with self.database.write("keep a broadcast") as db:
            cursor = await db.execute(
                "INSERT INTO broadcasts (admin_id, created, texts, state) VALUES (?, ?, ?, ?)",
                (admin_id, stamp, json.dumps(texts, ensure_ascii=False), BroadcastState.DRAFT),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def get(self, broadcast_id: int) -> Broadcast | None:
        with failing("read a broadcast"):
            async with self.database.db.execute(
                "SELECT id, admin_id, texts, state, total, sent, blocked, failed, unknown, "
                "progress_message FROM broadcasts WHERE id = ?",
                (broadcast_id,),
            ) as cursor:
                row = await cursor.fetchone()
        if row is None:
            return None
        number, admin, texts, state, *counts, progress = row
        return Broadcast(number, admin, json.loads(texts), BroadcastState(state), *counts,
                         progress_message=progress)  # fmt: skip

    async def cancel(self, broadcast_id: int) -> bool:
        """Cancel a draft; False if it is not one (sent, cancelled or unknown)."""
        async with self.database.write("cancel a broadcast") as db:
            cursor = await db.execute(
                "UPDATE broadcasts SET state = ? WHERE id = ? AND state = ?",
                (BroadcastState.CANCELLED, broadcast_id, BroadcastState.DRAFT),
            )
        return cursor.rowcount == 1

    async def start(self, broadcast_id: int) -> int | None:
        """Queue a draft for every subscriber, in one transaction; returns how many, or
        None if it is not a draft (a second tap on Send, say)."""
        async with self.database.write("queue a broadcast") as db:
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
        with failing("read the delivery queue"):
            async with self.database.db.execute(
                "SELECT broadcast_id, user_id, language FROM deliveries WHERE in_flight = 0 "
                "ORDER BY broadcast_id, user_id LIMIT ?",
                (limit,),
            ) as cursor:
                return [Delivery(int(b), int(u), str(lang)) async for b, u, lang in cursor]

    async def take_off(self, delivery: Delivery) -> bool:
        """Mark a delivery as being sent, just before sending; False if it is gone (the
        user unsubscribed or asked to be forgotten meanwhile)."""
        async with self.database.write("mark a delivery") as db:
            cursor = await db.execute(
                "UPDATE deliveries SET in_flight = 1 WHERE broadcast_id = ? AND user_id = ?",
                (delivery.broadcast_id, delivery.user_id),
            )
        return cursor.rowcount == 1

    async def put_back(self, delivery: Delivery) -> None:
        """A delivery Telegram did not take (asked to slow down): queue it again."""
        async with self.database.write("queue a delivery again") as db:
            await db.execute(
                "UPDATE deliveries SET in_flight = 0 WHERE broadcast_id = ? AND user_id = ?",
                (delivery.broadcast_id, delivery.user_id),
            )

    async def delivered(
        self, delivery: Delivery, outcome: Outcome, message_id: int | None = None
    ) -> None:
        """Record a delivery's outcome and forget the delivery; a blocked user is
        unsubscribed; a message sent is remembered for the safety exit, unless the user
        asked to be forgotten while it was being sent (the delivery is gone then)."""
        column = outcome.value  # the counts' columns are named after the outcomes
        async with self.database.write("record a delivery") as db:
            cursor = await db.execute(
                "DELETE FROM deliveries WHERE broadcast_id = ? AND user_id = ?",
                (delivery.broadcast_id, delivery.user_id),
            )
            await db.execute(
                f"UPDATE broadcasts SET {column} = {column} + 1 WHERE id = ?",
                (delivery.broadcast_id,),
            )
            if cursor.rowcount == 0:
                return  # forgotten meanwhile: keep nothing that names them
            if outcome is Outcome.BLOCKED:
                await db.execute(
                    "UPDATE users SET subscribed = 0 WHERE user_id = ?", (delivery.user_id,)
                )
            if message_id is not None:
                await keep_ids(db, delivery.user_id, [message_id])

    async def drop_in_flight(self) -> int:
        """After a crash: deliveries that were being sent may have arrived. They are not
        sent again (no one gets a message twice) and count as unknown. Returns how many."""
        async with self.database.write("drop unfinished deliveries") as db:
            await db.execute(
                "UPDATE broadcasts SET unknown = unknown + (SELECT COUNT(*) FROM deliveries "
                "WHERE broadcast_id = broadcasts.id AND in_flight = 1) WHERE state = ?",
                (BroadcastState.SENDING,),
            )
            cursor = await db.execute("DELETE FROM deliveries WHERE in_flight = 1")
        return cursor.rowcount

    async def finish(self) -> list[Broadcast]:
        """Mark as done the broadcasts with nothing left to send; returns them."""
        async with self.database.write("finish broadcasts") as db:
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
        return [b for number in ids if (b := await self.get(number))]

    async def set_progress_message(self, broadcast_id: int, message_id: int) -> None:
        async with self.database.write("note a progress message") as db:
            await db.execute(
                "UPDATE broadcasts SET progress_message = ? WHERE id = ?",
                (message_id, broadcast_id),
            )

    async def purge_drafts(self, now: dt.datetime | None = None) -> int:
        """Delete drafts and cancelled broadcasts older than a day; returns how many."""
        before = ((now or dt.datetime.now(dt.UTC)) - DRAFTS_KEPT_FOR).isoformat(timespec="seconds")
        async with self.database.write("delete old drafts") as db:
            cursor = await db.execute(
                "DELETE FROM broadcasts WHERE state IN (?, ?) AND created < ?",
                (BroadcastState.DRAFT, BroadcastState.CANCELLED, before),
            )
        return cursor.rowcount
