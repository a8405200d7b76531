"""Counts: per day, how often each page was opened in each language and how many people
each campaign's links brought. No user ids: only days, names and numbers."""

from __future__ import annotations

import datetime as dt

from bot.storage.database import Database, failing, today


class Counts:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def count_campaign(self, campaign: str, day: dt.date | None = None) -> None:
        """One more person opened the bot from ``campaign`` today. Nothing about who."""
        day = day or today()
        async with self.database.write("count a campaign") as db:
            await db.execute(
                "INSERT INTO campaign_counts (day, campaign, opened) VALUES (?, ?, 1) "
                "ON CONFLICT (day, campaign) DO UPDATE SET opened = opened + 1",
                (day.isoformat(), campaign),
            )

    async def count_page(self, page: str, language: str, day: dt.date | None = None) -> None:
        """One more opening of ``page`` in ``language`` today. Nothing about who."""
        async with self.database.write("count a page") as db:
            await db.execute(
                "INSERT INTO page_counts (day, page, language, opened) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (day, page, language) DO UPDATE SET opened = opened + 1",
                ((day or today()).isoformat(), page, language),
            )

    async def page_counts(self, since: dt.date) -> list[tuple[str, str, str, int]]:
        """(day, page, language, opened) from ``since`` on, oldest first."""
        with failing("read page counts"):
            async with self.database.db.execute(
                "SELECT day, page, language, opened FROM page_counts WHERE day >= ? "
                "ORDER BY day, page, language",
                (since.isoformat(),),
            ) as cursor:
                return [(str(d), str(p), str(lang), int(n)) async for d, p, lang, n in cursor]

    async def campaign_counts(self, since: dt.date) -> list[tuple[str, str, int]]:
        """(day, campaign, opened) from ``since`` on, oldest first."""
        with failing("read campaign counts"):
            async with self.database.db.execute(
                "SELECT day, campaign, opened FROM campaign_counts WHERE day >= ? "
                "ORDER BY day, campaign",
                (since.isoformat(),),
            ) as cursor:
                return [(str(day), str(tag), int(n)) async for day, tag, n in cursor]
