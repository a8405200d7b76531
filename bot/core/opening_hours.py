"""When staff read the relay: ``BOT_STAFF_HOURS``, such as ``Mon-Fri 09:00-17:00 Europe/Kyiv``
or ``Mon-Fri 09:00-17:00, Sat 10:00-14:00 Europe/Kyiv``: day ranges and times, then the
time zone (IANA). Outside them a person is told when someone will read their message.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAYS = r"[A-Za-z]{3}(?:\s*-\s*[A-Za-z]{3})?"
_SPAN = re.compile(
    rf"(?P<days>{_DAYS}(?:\s*,\s*{_DAYS})*)\s+(?P<opens>\d{{1,2}}:\d{{2}})\s*-\s*"
    r"(?P<closes>\d{1,2}:\d{2})"
)
_BETWEEN = re.compile(r"\s*[,;]?\s*")  # what may separate two spans
EXAMPLE = "Mon-Fri 09:00-17:00 Europe/Kyiv"


class HoursError(ValueError):
    """``BOT_STAFF_HOURS`` cannot be read; the message says how to write it."""


@dataclass(frozen=True)
class Span:
    days: frozenset[int]  # 0 = Monday
    opens: dt.time
    closes: dt.time


@dataclass(frozen=True)
class OpeningHours:
    spans: tuple[Span, ...]
    zone: ZoneInfo

    @classmethod
    def parse(cls, text: str) -> OpeningHours:
        words = text.strip().rsplit(maxsplit=1)
        if len(words) != 2:
            raise HoursError(f"write the days, the hours and a time zone, e.g. {EXAMPLE!r}")
        spans_text, zone_name = words
        try:
            zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            raise HoursError(
                f"{zone_name!r} is not a time zone: use one such as Europe/Kyiv or UTC"
            ) from None
        spans, at = [], 0
        for match in _SPAN.finditer(spans_text):
            if not _BETWEEN.fullmatch(spans_text[at : match.start()]):
                break
            spans.append(_span(match))
            at = match.end()
        if not spans or spans_text[at:].strip():
            raise HoursError(f"cannot read {text.strip()!r}: write days and hours as in "
                             f"{EXAMPLE!r}")  # fmt: skip
        return cls(tuple(spans), zone)

    def open_at(self, moment: dt.datetime) -> bool:
        local = moment.astimezone(self.zone)
        return any(
            local.weekday() in span.days and span.opens <= local.time() < span.closes
            for span in self.spans
        )

    def next_opening(self, moment: dt.datetime) -> dt.datetime:
        """The next moment staff are there (``moment`` itself when they are)."""
        if self.open_at(moment):
            return moment
        local = moment.astimezone(self.zone)
        for offset in range(8):
            day = local.date() + dt.timedelta(days=offset)
            starts = sorted(
                dt.datetime.combine(day, span.opens, self.zone)
                for span in self.spans
                if day.weekday() in span.days
            )
            for start in starts:
                if start > local:
                    return start
        raise HoursError("the staff hours never open")  # parse() refuses such hours


def _span(match: re.Match[str]) -> Span:
    days: set[int] = set()
    for part in re.split(r"\s*,\s*", match["days"]):
        first, _, last = (word.strip().lower() for word in part.partition("-"))
        if first not in DAYS or (last and last not in DAYS):
            raise HoursError(f"{part!r} is not a day or a range of days (Mon-Fri, Sat, Sun)")
        start, length = DAYS.index(first), (DAYS.index(last or first) - DAYS.index(first)) % 7
        days.update((start + step) % 7 for step in range(length + 1))  # Sat-Mon wraps
    opens, closes = _time(match["opens"]), _time(match["closes"])
    if opens >= closes:
        raise HoursError(f"in {match.group()!r} the hours must open before they close")
    return Span(frozenset(days), opens, closes)


def _time(text: str) -> dt.time:
    hours, minutes = (int(part) for part in text.split(":"))
    if hours > 23 or minutes > 59:
        raise HoursError(f"{text!r} is not a time of day (00:00 to 23:59)")
    return dt.time(hours, minutes)
