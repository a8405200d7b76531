"""What the relay shows: to the person, in their language (what talking to a person
means, the case opened, out of hours, closed, the report's questions); and to staff, in the
bot's default language (a new case, a closed one), naming the case by its code, language
and country only."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from babel.dates import format_datetime, get_day_names

from bot.content.directory import display_number
from bot.content.names import country_name, language_name, locale
from bot.core.callbacks import REPORT, TALK
from bot.core.opening_hours import OpeningHours
from bot.core.screens import FSI, PDI, RLM, Button, Screen, escape
from bot.features import buttons
from bot.features.hotlines.screens import HotlineScreens
from bot.features.relay.memory import QUESTIONS

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

SAY_KEYS = ("here", "safe", "emergency", "later")  # /say <key>: say_<key> in the locales


class RelayScreens:
    def __init__(self, bundle: Bundle) -> None:
        self.bundle = bundle
        self.t = bundle.locales.get
        self.hotlines = HotlineScreens(bundle)

    # -- to the person ---------------------------------------------------------------------

    def emergency(self, language: str, country: str | None) -> str:
        """The number to call in danger, as a phrase: "<b>112</b>", or "the local
        emergency number" when the country is not known."""
        entry = self.bundle.directory.get(country) if country else None
        if entry is None or not (labelled := entry.emergency.labelled()):
            return escape(self.t(language, "talk_local_emergency"))
        key, numbers = labelled[0]
        number = f"<b>{escape(display_number(numbers[0], entry.code))}</b>"
        return number if key == "emergency" else f"{number} ({escape(self.t(language, key))})"

    def talk_intro(self, language: str, country: str | None) -> Screen:
        text = self.t(language, "talk_intro", emergency=self.emergency(language, country))
        rows = ((Button(self.t(language, "talk_start"), TALK("go")),),
                *self.hotlines.help_rows(country, language))  # fmt: skip
        return Screen(text, rows)

    def opened(self, language: str, code: str, key: str = "talk_opened") -> Screen:
        text = escape(self.t(language, key, code=code))
        return Screen(text, ((buttons.leave(self.bundle, language),),))

    def away(
        self, language: str, country: str | None, hours: OpeningHours, when: dt.datetime
    ) -> Screen:
        """Out of hours: when someone will read it, and the numbers to call now."""
        notice = self.t(language, "talk_away", hours=describe(hours, language),
                        when=moment(when, hours, language))  # fmt: skip
        entry = self.bundle.directory.get(country) if country else None
        numbers = self.hotlines.first_numbers(entry, language) if entry else ""
        text = escape(notice) + (f"\n\n{numbers}" if numbers else "")
        return Screen(text, self.hotlines.help_rows(country, language))

    def closed(self, language: str) -> Screen:
        text = escape(self.t(language, "talk_closed"))
        return Screen(text, ((buttons.home(self.bundle, language),),))

    def unavailable(self, language: str, country: str | None) -> Screen:
        text = escape(self.t(language, "talk_unavailable"))
        return Screen(text, self.hotlines.help_rows(country, language))

    def needs_telegram(self, language: str) -> Screen:
        text = escape(self.t(language, "talk_needs_telegram"))
        return Screen(text, ((buttons.home(self.bundle, language),),))

    def note(self, language: str, key: str, **values: object) -> Screen:
        """A line with no buttons (slow down, write in words...)."""
        return Screen(escape(self.t(language, key, **values)))

    def report_intro(self, language: str, country: str | None) -> Screen:
        text = self.t(language, "report_intro", emergency=self.emergency(language, country))
        rows = ((Button(self.t(language, "report_start"), REPORT("go")),),
                (buttons.leave(self.bundle, language),),
                (buttons.home(self.bundle, language),))  # fmt: skip
        return Screen(text, rows)

    def question(self, language: str, step: int) -> Screen:
        counter = self.t(language, "report_counter", number=step + 1, count=len(QUESTIONS))
        asked = self.t(language, f"report_q_{QUESTIONS[step]}")
        text = f"<i>{escape(counter)}</i>\n\n<b>{escape(asked)}</b>"
        rows = ((Button(self.t(language, "report_skip"), REPORT("k")),),
                (Button(self.t(language, "report_cancel"), REPORT("n")),
                 buttons.leave(self.bundle, language)))  # fmt: skip
        return Screen(text, rows)

    def summary(self, language: str, answers: list[str | None]) -> Screen:
        text = self.t(language, "report_summary", answers=self.answers(language, answers))
        rows = ((Button(self.t(language, "report_send"), REPORT("y")),
                 Button(self.t(language, "report_cancel"), REPORT("n"))),
                (buttons.leave(self.bundle, language),))  # fmt: skip
        return Screen(text, rows)

    def answers(self, language: str, answers: list[str | None]) -> str:
        """Each question in bold and its answer (escaped), or "(skipped)". In a right-to-
        left language each line starts right to left, and an answer keeps its own
        direction (written in any script) inside an isolate."""
        rtl = self.bundle.locales.is_rtl(language)
        start = RLM if rtl else ""
        skipped = f"<i>{escape(self.t(language, 'report_skipped'))}</i>"
        parts = []
        for key, answer in zip(QUESTIONS, answers, strict=True):
            shown = skipped
            if answer:
                lines = escape(answer).split("\n")
                shown = "\n".join(f"{start}{FSI}{line}{PDI}" if rtl else line for line in lines)
            asked = escape(self.t(language, f"report_q_{key}"))
            parts.append(f"{start}<b>{asked}</b>\n{start if answer else ''}{shown}")
        return "\n\n".join(parts)

    def sent(self, language: str, code: str) -> Screen:
        text = self.t(language, "report_sent", code=escape(code))
        return Screen(text, ((buttons.leave(self.bundle, language),),
                             (buttons.home(self.bundle, language),)))  # fmt: skip

    def cancelled(self, language: str) -> Screen:
        text = escape(self.t(language, "report_cancelled"))
        return Screen(text, ((buttons.home(self.bundle, language),),))

    # -- to staff --------------------------------------------------------------------------

    def topic_name(self, code: str, language: str, country: str | None, report: bool) -> str:
        """The topic's name: the code, the language, the country; nothing about the person."""
        return f"{'📝' if report else '💬'} {code} · {language} · {country or '—'}"

    def new_case(self, staff: str, code: str, language: str, country: str | None,
                 report: bool) -> Screen:  # fmt: skip
        named = country_name(country, staff) if country else "—"
        key = "staff_new_report" if report else "staff_new_case"
        text = self.t(staff, key, code=code, language=language_name(language, staff),
                      country=named, keys="|".join(SAY_KEYS))  # fmt: skip
        return Screen(escape(text))

    def staff_note(self, staff: str, key: str, **values: object) -> Screen:
        return Screen(escape(self.t(staff, key, keys="|".join(SAY_KEYS), **values)))

    def staff_closed(self, staff: str, code: str, why: str, **values: object) -> Screen:
        reason = self.t(staff, f"staff_closed_{why}", **values)
        return Screen(escape(self.t(staff, "staff_closed", code=code, why=reason)))


def describe(hours: OpeningHours, language: str) -> str:
    """ "Monday–Friday, 09:00–17:00 (Europe/Kyiv)", in ``language``."""
    names = get_day_names("wide", locale=locale(language))
    spans = []
    for span in hours.spans:
        days = sorted(span.days)
        if len(days) > 1 and days == list(range(days[0], days[-1] + 1)):
            day_text = f"{names[days[0]]}–{names[days[-1]]}"
        else:
            day_text = ", ".join(names[day] for day in days)
        spans.append(f"{day_text}, {span.opens:%H:%M}–{span.closes:%H:%M}")
    return "; ".join(spans) + f" ({hours.zone.key})"


def moment(when: dt.datetime, hours: OpeningHours, language: str) -> str:
    """ "Monday 7 December, 09:00 (Europe/Kyiv)", in ``language``."""
    shown = format_datetime(when, "EEEE d MMMM, HH:mm", tzinfo=hours.zone, locale=locale(language))
    return f"{shown} ({hours.zone.key})"
