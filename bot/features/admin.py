"""Tools for the admins named in BOT_ADMIN_IDS: /reload and /stats. (Broadcasts are in
:mod:`bot.features.news`.) Telegram's handlers let only admins reach these."""

from __future__ import annotations

import datetime as dt
import html

from bot.bundle import Bundle
from bot.features import Basics, User, log
from bot.screens import Screen
from bot.sources import Problem, errors
from bot.stats import stats_csv, stats_screen
from bot.storage import StorageError, today

STATS_DAYS = 30
MAX_REPORTED_PROBLEMS = 30


class Admin:
    def __init__(self, basics: Basics) -> None:
        self.basics = basics

    async def reload(self, user: User) -> Screen:
        """/reload: new content if valid, else the errors and the old content."""
        bundle, problems = await self.basics.holder.reload()
        language = await self.basics.language_of(user)
        return reload_report(bundle or self.basics.bundle, bundle is not None, problems, language)

    async def stats(self, user: User, days: int = STATS_DAYS, as_file: bool = False) -> Screen:
        """/stats: pages opened per day and language, campaign visits; no one named."""
        basics = self.basics
        language = await basics.language_of(user)
        days = min(max(days, 1), 366)
        since = today() - dt.timedelta(days=days - 1)
        try:
            pages = await basics.storage.page_counts(since)
            campaigns = await basics.storage.campaign_counts(since)
        except StorageError as exc:
            log.warning("storage unavailable, no statistics: %s", exc)
            return basics.menu(language, "error")
        screen = stats_screen(basics.bundle.locales, language, days, pages, campaigns)
        if not as_file:
            return screen
        name = f"stats-{since.isoformat()}-{days}d.csv"
        return Screen(screen.text.split("\n")[0], document=(name, stats_csv(pages, campaigns)))


def reload_report(bundle: Bundle, done: bool, problems: list[Problem], language: str) -> Screen:
    """What an admin reads after a reload: the new content's size, or what to fix."""
    locales = bundle.locales
    if done:
        head = locales.get(language, "reload_done", pages=len(bundle.content.pages),
                           countries=len(bundle.directory.countries),
                           languages=len(bundle.languages))  # fmt: skip
    else:
        head = locales.get(language, "reload_failed", count=len(errors(problems)))
    shown = problems[:MAX_REPORTED_PROBLEMS]
    lines = [f"<b>{html.escape(head, quote=False)}</b>"]
    lines += [f"<code>{html.escape(str(problem), quote=False)}</code>" for problem in shown]
    if len(problems) > len(shown):
        lines.append(f"… +{len(problems) - len(shown)}")
    return Screen("\n".join(lines))
