"""The relay's cases: a conversation between a person and the NGO's staff, or a report.

Never what is said. A case keeps its short code, the person's id (to pass staff's answers
on), its topic in the staff chat, its language, and when it was opened, last active,
first answered and closed; while it is open, the pairs of message ids (the person's chat,
the staff topic) that replies and edits need. A closed case keeps only its code, topic and
the person's id (so that ``/forget`` can still delete the topic) until the retention
period ends. Statistics are counts per day and language, and the waits for a first
answer in seconds, with no ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from statistics import median

import aiosqlite

from bot.storage.database import Database

_COLUMNS = "code, user_id, thread_id, language, report, opened_at, active_at, answered_at, " \
           "told_away_at, closed_at"  # fmt: skip


@dataclass(frozen=True)
class Case:
    code: str
    user_id: int
    thread_id: int
    language: str
    report: bool
    opened_at: dt.datetime
    active_at: dt.datetime
    answered_at: dt.datetime | None = None
    told_away_at: dt.datetime | None = None  # when the person was last told staff are away
    closed_at: dt.datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class CaseDay:
    """One day and language of ``/stats``: cases opened, closed, answered, and the median
    wait for a first answer."""

    day: str
    language: str
    opened: int
    closed: int
    answered: int
    median_wait: float | None  # seconds


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _moment(value: object) -> dt.datetime:
    return dt.datetime.fromisoformat(str(value))


def _case(row: aiosqlite.Row | tuple[object, ...]) -> Case:
    code, user_id, thread_id, language, report, opened, active, *maybe = row
    answered, told, closed = (None if value is None else _moment(value) for value in maybe)
    return Case(str(code), int(str(user_id)), int(str(thread_id)), str(language), bool(report),
                _moment(opened), _moment(active), answered, told, closed)  # fmt: skip


async def forget_cases(db: aiosqlite.Connection, user_id: int) -> None:
    """Within a write: every row about the person's cases, and any ban."""
    await db.execute(
        "DELETE FROM case_messages WHERE code IN (SELECT code FROM cases WHERE user_id = ?)",
        (user_id,),
    )
    await db.execute("DELETE FROM cases WHERE user_id = ?", (user_id,))
    await db.execute("DELETE FROM relay_bans WHERE user_id = ?", (user_id,))


class Cases:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def open(self, case: Case) -> None:
        async with self.database.write("open a case") as db:
            await db.execute(
                f"INSERT INTO cases ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)",
                (case.code, case.user_id, case.thread_id, case.language, int(case.report),
                 _iso(case.opened_at), _iso(case.active_at)),
            )  # fmt: skip
            await _count(db, case.opened_at, case.language, "opened")

    async def open_case_of(self, user_id: int) -> Case | None:
        """The person's open case, if any."""
        return await self._one("user_id = ? AND closed_at IS NULL", (user_id,))

    async def by_thread(self, thread_id: int) -> Case | None:
        return await self._one("thread_id = ?", (thread_id,))

    async def by_code(self, code: str) -> Case | None:
        return await self._one("code = ?", (code,))

    async def cases_of(self, user_id: int) -> list[Case]:
        """Every case of the person, open or closed (their topics, for ``/forget``)."""
        async with (
            self.database.read() as db,
            db.execute(f"SELECT {_COLUMNS} FROM cases WHERE user_id = ?", (user_id,)) as cursor,
        ):
            return [_case(row) async for row in cursor]

    async def idle(self, since: dt.datetime) -> list[Case]:
        """Open cases nobody has written in since ``since``."""
        async with (
            self.database.read() as db,
            db.execute(
                f"SELECT {_COLUMNS} FROM cases WHERE closed_at IS NULL AND active_at < ?",
                (_iso(since),),
            ) as cursor,
        ):
            return [_case(row) async for row in cursor]

    async def active(self, code: str, now: dt.datetime, staff: bool = False) -> bool:
        """Someone wrote in the case. Staff's first message counts as its first answer
        (and the wait for it is kept, without ids). Returns whether it was the first."""
        async with self.database.write("note a case's activity") as db:
            await db.execute("UPDATE cases SET active_at = ? WHERE code = ?", (_iso(now), code))
            if not staff:
                return False
            async with db.execute(
                "SELECT opened_at, language FROM cases WHERE code = ? AND answered_at IS NULL",
                (code,),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return False
            await db.execute("UPDATE cases SET answered_at = ? WHERE code = ?", (_iso(now), code))
            wait = (now - dt.datetime.fromisoformat(str(row[0]))).total_seconds()
            await db.execute(
                "INSERT INTO case_waits (day, language, seconds) VALUES (?, ?, ?)",
                (now.date().isoformat(), str(row[1]), max(0, round(wait))),
            )
            await _count(db, now, str(row[1]), "answered")
            return True

    async def told_away(self, code: str, now: dt.datetime) -> None:
        async with self.database.write("note an out-of-hours notice") as db:
            await db.execute("UPDATE cases SET told_away_at = ? WHERE code = ?", (_iso(now), code))

    async def move_to(self, code: str, user_id: int, now: dt.datetime) -> None:
        """A report's follow-up from another account: staff's answers go there now."""
        async with self.database.write("move a report") as db:
            await db.execute(
                "UPDATE cases SET user_id = ?, active_at = ? WHERE code = ?",
                (user_id, _iso(now), code),
            )
            await db.execute("DELETE FROM case_messages WHERE code = ?", (code,))

    async def close(self, code: str, now: dt.datetime) -> bool:
        """Close an open case: its message pairs go. Returns whether it was open."""
        async with self.database.write("close a case") as db:
            async with db.execute(
                "SELECT language FROM cases WHERE code = ? AND closed_at IS NULL", (code,)
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return False
            await db.execute("UPDATE cases SET closed_at = ? WHERE code = ?", (_iso(now), code))
            await db.execute("DELETE FROM case_messages WHERE code = ?", (code,))
            await _count(db, now, str(row[0]), "closed")
        return True

    async def pair(self, code: str, person_id: int, staff_id: int, now: dt.datetime) -> None:
        """A message and its copy: the person's chat's id, the staff topic's id."""
        async with self.database.write("pair two messages") as db:
            await db.execute(
                "INSERT OR REPLACE INTO case_messages (code, person_id, staff_id, sent_at) "
                "VALUES (?, ?, ?, ?)",
                (code, person_id, staff_id, _iso(now)),
            )

    async def staff_side(self, code: str, person_id: int) -> int | None:
        """The staff topic's copy of a message of the person's chat."""
        return await self._paired("SELECT staff_id FROM case_messages WHERE code = ? AND "
                                  "person_id = ?", code, person_id)  # fmt: skip

    async def person_side(self, code: str, staff_id: int) -> int | None:
        """The person's chat's copy of a message of the staff topic."""
        return await self._paired("SELECT person_id FROM case_messages WHERE code = ? AND "
                                  "staff_id = ?", code, staff_id)  # fmt: skip

    async def ban(self, user_id: int, now: dt.datetime) -> None:
        async with self.database.write("ban from the relay") as db:
            await db.execute(
                "INSERT OR REPLACE INTO relay_bans (user_id, banned_at) VALUES (?, ?)",
                (user_id, _iso(now)),
            )

    async def banned(self, user_id: int) -> bool:
        async with (
            self.database.read() as db,
            db.execute("SELECT 1 FROM relay_bans WHERE user_id = ?", (user_id,)) as cursor,
        ):
            return await cursor.fetchone() is not None

    async def forget(self, user_id: int) -> None:
        async with self.database.write("forget a person's cases") as db:
            await forget_cases(db, user_id)

    async def purge(self, before: dt.datetime) -> int:
        """Forget cases closed, and bans made, before ``before`` (the retention period);
        returns how many rows went."""
        async with self.database.write("forget old cases") as db:
            cases = await db.execute(
                "DELETE FROM cases WHERE closed_at IS NOT NULL AND closed_at < ?", (_iso(before),)
            )
            bans = await db.execute("DELETE FROM relay_bans WHERE banned_at < ?", (_iso(before),))
        return cases.rowcount + bans.rowcount

    async def days(self, since: dt.date) -> list[CaseDay]:
        """``/stats``: per day and language, from ``since``."""
        async with self.database.read() as db:
            async with db.execute(
                "SELECT day, language, opened, closed, answered FROM case_counts WHERE day >= ? "
                "ORDER BY day, language",
                (since.isoformat(),),
            ) as cursor:
                counts = [tuple(row) async for row in cursor]
            async with db.execute(
                "SELECT day, language, seconds FROM case_waits WHERE day >= ?", (since.isoformat(),)
            ) as cursor:
                waits: dict[tuple[str, str], list[int]] = {}
                async for day, language, seconds in cursor:
                    waits.setdefault((str(day), str(language)), []).append(int(seconds))
        days = []
        for day, language, opened, closed, answered in counts:
            wait = waits.get((str(day), str(language)))
            days.append(CaseDay(str(day), str(language), int(opened), int(closed), int(answered),
                                median(wait) if wait else None))  # fmt: skip
        return days

    async def _one(self, where: str, values: tuple[object, ...]) -> Case | None:
        async with (
            self.database.read() as db,
            db.execute(f"SELECT {_COLUMNS} FROM cases WHERE {where}", values) as cursor,
        ):
            row = await cursor.fetchone()
        return _case(row) if row else None

    async def _paired(self, query: str, code: str, message_id: int) -> int | None:
        async with self.database.read() as db, db.execute(query, (code, message_id)) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else None


async def _count(db: aiosqlite.Connection, moment: dt.datetime, language: str, what: str) -> None:
    assert what in ("opened", "closed", "answered")
    await db.execute(
        "INSERT INTO case_counts (day, language, opened, closed, answered) VALUES (?, ?, 0, 0, 0)"
        " ON CONFLICT (day, language) DO NOTHING",
        (moment.date().isoformat(), language),
    )
    await db.execute(
        f"UPDATE case_counts SET {what} = {what} + 1 WHERE day = ? AND language = ?",
        (moment.date().isoformat(), language),
    )
