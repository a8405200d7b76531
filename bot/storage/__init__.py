"""The package that holds all the SQL. SQLite through aiosqlite, in WAL mode.

What is stored, and why, is the whole privacy story of the bot, so it is kept small and
in one place: a user's chosen language and country, whether they subscribed to campaign
news, and the day they last used the bot; for 48 hours at most, the ids (never the text)
of a private chat's messages, the person's and the bot's, for the safety exit; per day
how often each page was opened in each language and how many people each campaign's
links brought (no user ids); and the campaign news admins send, with the queue of
subscribers still to receive it (a row is deleted once sent); the relay's cases, with
no word of what is said (see cases.py). The schema evolves by
numbered migrations; ``PRAGMA user_version`` records which have run.

Every failure of the database is raised as :class:`StorageError`, so callers can keep
serving (content needs no database) without knowing about sqlite.

One module per concern, each over the same connection:

    database.py    the connection, its write lock, StorageError
    migrations.py  the schema, as numbered migrations
    users.py       what a user chose: language, country, subscription, last day seen
    messages.py    the ids of a private chat's messages, for the safety exit
    counts.py      pages opened and campaign visits, per day
    news.py        campaign news and its delivery queue
    voices.py      Telegram's file ids of uploaded spoken messages
    cases.py       the relay's cases (never what is said), bans, and their counts
"""

from __future__ import annotations

from pathlib import Path

from bot.storage.cases import Case, CaseDay, Cases, forget_cases
from bot.storage.counts import Counts
from bot.storage.database import Database, StorageError, today
from bot.storage.messages import DELETABLE_FOR, PURGED_EVERY, ChatMessages, forget_chat
from bot.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from bot.storage.news import Broadcast, BroadcastState, Delivery, News, Outcome, unqueue
from bot.storage.users import Preferences, Users, forget_user
from bot.storage.voices import VoiceFiles

__all__ = [
    "DELETABLE_FOR",
    "MIGRATIONS",
    "PURGED_EVERY",
    "SCHEMA_VERSION",
    "Broadcast",
    "BroadcastState",
    "Case",
    "CaseDay",
    "Delivery",
    "Outcome",
    "Preferences",
    "Storage",
    "StorageError",
    "today",
]


class Storage(Database):
    """The bot's database. Use ``async with Storage(path) as storage`` or open/close."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path)
        self.users = Users(self)
        self.messages = ChatMessages(self)
        self.counts = Counts(self)
        self.news = News(self)
        self.voices = VoiceFiles(self)
        self.cases = Cases(self)

    async def forget(self, user_id: int) -> None:
        """Delete everything kept about a user, at once (campaign news being sent to them
        included), and leave no copy of it on disk (:meth:`Database.wipe`)."""
        async with self.write("forget a user") as db:
            await forget_user(db, user_id)
            await forget_chat(db, user_id)
            await unqueue(db, user_id, in_flight=True)
            await forget_cases(db, user_id)
        await self.wipe()
