"""Statistics without personal data: pages opened per day and language, and campaign visits,
as a table for admins and as a CSV file. Nothing here knows who anyone is."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Sequence

from bot.content.locales import Locales
from bot.core.callbacks import STATS_CSV
from bot.core.screens import Button, Screen, escape
from bot.storage import CaseDay

PageRow = tuple[str, str, str, int]  # day, page, language, opened
CampaignRow = tuple[str, str, int]  # day, campaign, opened
TOP_PAGES = 10


def stats_screen(
    locales: Locales,
    language: str,
    days: int,
    pages: list[PageRow],
    campaigns: list[CampaignRow],
    cases: Sequence[CaseDay] = (),
) -> Screen:
    """The last ``days`` days as a monospaced table, and a button for the CSV file."""
    t = locales.get
    lines = [f"<b>{escape(t(language, 'stats_title', days=days))}</b>"]
    if not pages and not campaigns and not cases:
        lines.append(escape(t(language, "stats_none")))
        return Screen("\n".join(lines))
    lines += [
        "",
        f"<b>{escape(t(language, 'stats_pages'))}</b>",
        f"<pre>{escape(_by_day_table(pages, locales.languages))}</pre>",
    ]
    top = Counter[str]()
    for _, page, _, opened in pages:
        top[page] += opened
    lines.append(f"<b>{escape(t(language, 'stats_top'))}</b>")
    lines += [f"{page}: {count}" for page, count in top.most_common(TOP_PAGES)]
    if campaigns:
        visits = Counter[str]()
        for _, campaign, opened in campaigns:
            visits[campaign] += opened
        lines += ["", f"<b>{escape(t(language, 'stats_campaigns'))}</b>"]
        lines += [f"{escape(tag)}: {n}" for tag, n in visits.most_common()]
    if cases:
        lines += ["", f"<b>{escape(t(language, 'stats_cases'))}</b>",
                  f"<pre>{escape(_cases_table(cases))}</pre>"]  # fmt: skip
    csv_button = Button(t(language, "stats_csv"), STATS_CSV(days))
    return Screen("\n".join(lines), ((csv_button,),))


def _by_day_table(pages: list[PageRow], languages: tuple[str, ...]) -> str:
    per_day: dict[str, Counter[str]] = defaultdict(Counter)
    for day, _, language, opened in pages:
        per_day[day][language] += opened
    header = "day         all " + "".join(f"{code:>5}" for code in languages)
    rows = [
        f"{day}  {sum(counts.values()):>4} " + "".join(f"{counts[code]:>5}" for code in languages)
        for day, counts in sorted(per_day.items())
    ]
    return "\n".join([header, *rows])


def _cases_table(cases: Sequence[CaseDay]) -> str:
    """Per day and language: opened, closed, answered, the median wait (minutes)."""
    header = "day        lang open closed answered wait"
    rows = [
        f"{row.day} {row.language:<4} {row.opened:>4} {row.closed:>6} {row.answered:>8} "
        + (f"{row.median_wait / 60:>3.0f}m" if row.median_wait is not None else "   -")
        for row in cases
    ]
    return "\n".join([header, *rows])


def stats_csv(
    pages: list[PageRow],
    campaigns: list[CampaignRow],
    cases: Sequence[CaseDay] = (),
) -> bytes:
    """Every count as CSV rows: kind, day, page or campaign, language, opened (and for
    cases: closed, answered, the median wait for a first answer in seconds)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["kind", "day", "page_or_campaign", "language", "opened", "closed",
                     "answered", "median_wait_seconds"])  # fmt: skip
    writer.writerows(("page", day, page, language, n, "", "", "")
                     for day, page, language, n in pages)  # fmt: skip
    writer.writerows(("campaign", day, tag, "", n, "", "", "") for day, tag, n in campaigns)
    writer.writerows(("cases", row.day, "", row.language, row.opened, row.closed, row.answered,
                      "" if row.median_wait is None else row.median_wait)
                     for row in cases)  # fmt: skip
    return buffer.getvalue().encode("utf-8")
