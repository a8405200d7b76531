"""Tools for the admins named in BOT_ADMIN_IDS: /reload and /stats. (Broadcasts are in
:mod:`bot.features.news`.) Telegram's handlers let only admins reach these."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from bot.content.sources import errors
from bot.core.callbacks import STATS_CSV, is_number
from bot.core.feature import Feature
from bot.core.routes import Command, Route, Tap
from bot.core.screens import MAX_MESSAGE_CHARS, Screen, escape, message_length
from bot.core.services import log
from bot.core.visit import Visit
from bot.features.admin.stats import stats_csv, stats_screen
from bot.storage import StorageError, today

if TYPE_CHECKING:
    from bot.content.bundle import Bundle, Reload

STATS_DAYS = 30
MAX_REPORTED_PROBLEMS = 30
REPORT_CHARS = MAX_MESSAGE_CHARS - 100  # room for the count of those left out
KEYS = frozenset({
    "reload_done", "reload_failed", "reload_lower_coverage", "stats_title", "stats_pages",
    "stats_top", "stats_campaigns", "stats_none", "stats_csv", "stats_cases",
})  # fmt: skip


class Admin(Feature):
    keys = KEYS

    def routes(self) -> list[Route]:
        return [
            Command("reload", self.reload, admin=True),
            Command("stats", self.stats, admin=True),
            Tap(STATS_CSV, self.stats_file, admin=True),
        ]

    async def reload(self, visit: Visit, argument: str = "") -> Screen:
        """/reload: new content if valid and no language loses translations, else what is
        wrong and the old content. /reload force: even if translations are lost."""
        outcome = await self.services.holder.reload(force=argument.strip().lower() == "force")
        return reload_report(self.services.bundle, outcome, visit.language)

    async def stats(self, visit: Visit, days: str = "") -> Screen:
        """/stats [days]: pages opened per day and language, campaign visits; no one named."""
        return await self._stats(visit, int(days) if is_number(days) else STATS_DAYS)

    async def stats_file(self, visit: Visit, days: str) -> Screen | None:
        """The button under /stats: the same figures as a CSV file."""
        return await self._stats(visit, int(days), as_file=True) if is_number(days) else None

    async def _stats(self, visit: Visit, days: int, as_file: bool = False) -> Screen:
        services, language = self.services, visit.language
        days = min(max(days, 1), 366)
        since = today() - dt.timedelta(days=days - 1)
        try:
            pages = await services.storage.counts.page_counts(since)
            campaigns = await services.storage.counts.campaign_counts(since)
            cases = await services.storage.cases.days(since)
        except StorageError as exc:
            log.warning("storage unavailable, no statistics: %s", exc)
            return await services.menu_with(visit, "error")
        screen = stats_screen(services.bundle.locales, language, days, pages, campaigns, cases)
        if not as_file:
            return screen
        name = f"stats-{since.isoformat()}-{days}d.csv"
        return Screen(
            screen.text.split("\n")[0], document=(name, stats_csv(pages, campaigns, cases))
        )


def reload_report(served: Bundle, outcome: Reload, language: str) -> Screen:
    """What an admin reads after a reload: the new content's size, or what to fix; in the
    wording of ``served``, the content served now."""
    locales, bundle, problems = served.locales, outcome.bundle, outcome.problems
    if bundle is not None:
        head = locales.get(language, "reload_done", pages=len(bundle.content.pages),
                           countries=len(bundle.directory.countries),
                           languages=len(bundle.languages))  # fmt: skip
    elif outcome.lost:
        head = locales.get(language, "reload_lower_coverage", losses=outcome.losses)
    else:
        head = locales.get(language, "reload_failed", count=len(errors(problems)))
    # Errors first, the directory's warnings (its backlog of old sources: many) last; as
    # many as fit in one message.
    ordered = sorted(problems, key=lambda problem: (problem.severity != "error",
                                                    "/hotlines/" in problem.file))  # fmt: skip
    lines, shown = [f"<b>{escape(head)}</b>"], 0
    for problem in ordered[:MAX_REPORTED_PROBLEMS]:
        line = f"<code>{escape(str(problem))}</code>"
        if message_length("\n".join([*lines, line])) > REPORT_CHARS:
            break
        lines.append(line)
        shown += 1
    if len(problems) > shown:
        lines.append(f"… +{len(problems) - shown}")
    return Screen("\n".join(lines))
