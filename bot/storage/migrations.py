"""The schema, as numbered migrations; ``PRAGMA user_version`` records which have run."""

from __future__ import annotations

import logging

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
    # 9: campaign news whose fate is unknown: the connection failed after the message left
    # (a reset, a 502, a timeout waiting for the answer, a crash while sending). It may have
    # arrived, so it is counted apart and never sent again.
    """
    ALTER TABLE broadcasts ADD COLUMN unknown INTEGER NOT NULL DEFAULT 0;
    """,
    # 10: the safety exit now deletes the person's own messages too: the table keeps the
    # ids (never the text) of a private chat's messages from both sides, so it is renamed,
    # and indexed by time, for the purge that runs every minute.
    """
    ALTER TABLE sent_messages RENAME TO chat_messages;
    CREATE INDEX chat_messages_by_time ON chat_messages (sent_at);
    """,
    # 11: the relay to a person. A case: its code, the person's id, its topic in the staff
    # chat, language, times; never what is said. The pairs of message ids replies need,
    # while the case is open. Bans. Per day and language: counts and waits, no ids.
    """
    CREATE TABLE cases (
        code         TEXT PRIMARY KEY,
        user_id      INTEGER NOT NULL,
        thread_id    INTEGER NOT NULL UNIQUE,
        language     TEXT NOT NULL,
        report       INTEGER NOT NULL,
        opened_at    TEXT NOT NULL,
        active_at    TEXT NOT NULL,
        answered_at  TEXT,
        told_away_at TEXT,
        closed_at    TEXT
    ) WITHOUT ROWID;
    CREATE INDEX cases_by_user ON cases (user_id);
    CREATE TABLE case_messages (
        code      TEXT NOT NULL,
        person_id INTEGER NOT NULL,
        staff_id  INTEGER NOT NULL,
        sent_at   TEXT NOT NULL,
        PRIMARY KEY (code, person_id)
    ) WITHOUT ROWID;
    CREATE INDEX case_messages_by_staff ON case_messages (code, staff_id);
    CREATE TABLE relay_bans (
        user_id   INTEGER PRIMARY KEY,
        banned_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE case_counts (
        day      TEXT NOT NULL,
        language TEXT NOT NULL,
        opened   INTEGER NOT NULL,
        closed   INTEGER NOT NULL,
        answered INTEGER NOT NULL,
        PRIMARY KEY (day, language)
    ) WITHOUT ROWID;
    CREATE TABLE case_waits (
        day      TEXT NOT NULL,
        language TEXT NOT NULL,
        seconds  INTEGER NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


async def schema_version(db: aiosqlite.Connection) -> int:
    """The number of migrations that have run on the database."""
    async with db.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(db: aiosqlite.Connection, current: int) -> None:
    """Run the migrations after ``current`` (the database's schema version), each in one
    transaction with the version it brings."""
    for version in range(current + 1, SCHEMA_VERSION + 1):
        log.info("database: applying migration %d", version)
        await db.executescript(
            f"BEGIN; {MIGRATIONS[version - 1]} PRAGMA user_version = {version}; COMMIT;"
        )
