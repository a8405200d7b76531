"""Rendering the hotline directory: regions, countries, and a country's hotline card.

Country and language names come from Babel (CLDR), so they are right in every language
without translators. Numbers are written as plain text so Telegram makes them tappable.
In right-to-left languages every number, address and Latin name is wrapped in a Unicode
isolate (LRI ... PDI) so that "+380 44 205 36 95" is not reordered into "95 36 205 44 380+",
and every line starts with a right-to-left mark, since clients take a paragraph's direction
from its first strong character.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from babel.dates import format_date

from bot.content.directory import (
    FLAGS,
    Country,
    Hotline,
    Hours,
    Sourced,
    display_contact,
    display_number,
)
from bot.content.names import country_name, flag, language_name, locale, readable
from bot.core.callbacks import (
    FORGET_COUNTRY,
    OPEN_PAGE,
    SET_COUNTRY,
    SHOW_COUNTRY,
    SHOW_REGION,
    SHOW_REGIONS,
)
from bot.core.screens import LRI, PDI, RLM, Button, Card, Screen, escape, italic
from bot.features import buttons

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

COUNTRIES_PER_ROW = 2
# The ways of reaching a line besides its phones, in the card's order, and their icons.
ICONS = {"from_abroad": "🌍", "sms": "✉️", "whatsapp": "💬", "telegram": "✈️", "chat": "💻",
         "email": "📧", "website": "🌐"}  # fmt: skip
TERMS = ("free", "anonymous")  # what a caller needs to know before calling
RECENT_YEARS = 2  # a source this many years older than its check shows its year


class HotlineScreens:
    def __init__(self, bundle: Bundle) -> None:
        self.bundle, self.directory = bundle, bundle.directory
        self.content, self.locales = bundle.content, bundle.locales

    def regions(self, language: str) -> Screen:
        t = self.locales.get
        choices = [
            (Button(t(language, f"region_{region}"), SHOW_REGION(region)),)
            for region in self.directory.regions
        ]
        text = f"<b>{escape(t(language, 'hotlines_title'))}</b>\n\n{t(language, 'hotlines_intro')}"
        back = buttons.back(self.bundle, language, OPEN_PAGE(self.content.urgent))
        return Screen(text, (*choices, (back, buttons.home(self.bundle, language))))

    def region(self, region: str, language: str) -> Screen:
        t = self.locales.get
        countries = sorted(
            self.directory.in_region(region),
            key=lambda country: country_name(country.code, language).casefold(),
        )
        choices = [
            Button(f"{flag(c.code)} {country_name(c.code, language)}", SHOW_COUNTRY(c.code))
            for c in countries
        ]
        rows = [tuple(choices[i : i + COUNTRIES_PER_ROW])
                for i in range(0, len(choices), COUNTRIES_PER_ROW)]  # fmt: skip
        back = buttons.back(self.bundle, language, SHOW_REGIONS())
        rows.append((back, buttons.home(self.bundle, language)))
        text = (
            f"<b>{escape(t(language, f'region_{region}'))}</b>\n\n{t(language, 'choose_country')}"
            f"\n<i>{escape(t(language, 'region_not_listed'))}</i>"
        )
        return Screen(text, tuple(rows))

    def card(
        self, country: Country, language: str, mine: bool = True, notice: str | None = None
    ) -> Screen:
        """The country's hotline card; ``mine`` when it is the user's saved country."""
        t = self.locales.get
        rtl = self.locales.is_rtl(language)
        lines = [italic(notice), ""] if notice else []
        name = escape(country_name(country.code, language))
        lines += [f"<b>{flag(country.code)} {name}</b>", ""]
        lines += self._emergency(country, language, rtl)
        if not country.hotlines:
            lines += ["", escape(t(language, "no_lines"))]
        elif not country.has_trafficking_line:
            lines += ["", f"<i>{escape(t(language, 'no_trafficking_line'))}</i>"]
        for hotline in country.hotlines:
            lines += ["", *self._hotline(hotline, language, rtl)]
        if rtl:  # each line is a paragraph: start it right to left, whatever comes first
            lines = [f"{RLM}{line}" if line else line for line in lines]
        back = buttons.back(self.bundle, language, SHOW_REGION(country.region))
        rows: list[tuple[Button, ...]] = []
        if not mine:
            rows.append((Button(t(language, "set_as_my_country"),
                                SET_COUNTRY(country.code)),))  # fmt: skip
        rows.append((buttons.leave(self.bundle, language),))
        rows.append((back, buttons.home(self.bundle, language)))
        return Screen("\n".join(lines), tuple(rows))

    def first_numbers(self, country: Country, language: str) -> str:
        """What to call first: the emergency number, labelled (and police and ambulance
        where they differ), then the best line with its hours, whether it is free or
        anonymous, and its SMS, WhatsApp or chat. The card, one tap away, has the rest."""
        rtl = self.locales.is_rtl(language)
        lines = [self._emergency_numbers(country, language, rtl)]
        if country.hotlines:
            lines += self._best_line(country.hotlines[0], language, rtl)
        if rtl:
            lines = [f"{RLM}{line}" for line in lines]
        return "\n".join(lines)

    def line_summary(self, hotline: Hotline, language: str) -> str:
        """A line in a few lines (:meth:`first_numbers` shows the best one so)."""
        rtl = self.locales.is_rtl(language)
        lines = self._best_line(hotline, language, rtl)
        return "\n".join(f"{RLM}{line}" for line in lines) if rtl else "\n".join(lines)

    def emergency(self, country: Country, language: str) -> Screen:
        """For someone who needs help now (an emergency word): the numbers first, then
        their country's card, the safety exit and the menu, each one tap away."""
        intro = escape(self.locales.get(language, "emergency_intro"))
        text = f"<b>🚨 {intro}</b>\n\n{self.first_numbers(country, language)}"
        return Screen(text, self.help_rows(country.code, language))

    def help_rows(self, code: str | None, language: str) -> tuple[tuple[Button, ...], ...]:
        """Under the numbers to call: all the lines of the country (or the list of
        countries), the safety exit, and the menu."""
        return (
            (buttons.hotlines(self.bundle, code, language),),
            (buttons.leave(self.bundle, language),),
            (buttons.home(self.bundle, language),),
        )

    def no_entry(self, code: str, language: str, notice: str | None = None) -> Screen:
        """A country the directory does not list: say so, and what can still help."""
        name = country_name(code, language)
        lines = [italic(notice), ""] if notice else []
        lines += [f"<b>{flag(code)} {escape(name)}</b>", "",
                  escape(self.locales.get(language, "no_entry", country=name))]  # fmt: skip
        rows = ((self._choose_from_list(language),), (buttons.leave(self.bundle, language),),
                (buttons.home(self.bundle, language),))  # fmt: skip
        return Screen("\n".join(lines), rows)

    def my_country(self, code: str | None, language: str, notice: str | None = None) -> Screen:
        """The user's country, and the ways to set, change or forget it."""
        t = self.locales.get
        lines = [italic(notice), ""] if notice else []
        lines.append(f"<b>{escape(t(language, 'my_country_title'))}</b>")
        if code:
            name = f"{flag(code)} {country_name(code, language)}"
            lines.append(escape(t(language, "my_country_is", country=name)))
        else:
            lines.append(escape(t(language, "my_country_none")))
        lines += ["", escape(t(language, "my_country_how")),
                  f"<i>{escape(t(language, 'share_location_hint'))}</i>"]  # fmt: skip
        rows: list[tuple[Button, ...]] = []
        if code:
            rows.append((buttons.hotlines(self.bundle, code, language),))
        rows.append((self._choose_from_list(language),))
        if code:
            rows.append((Button(t(language, "forget_country"), FORGET_COUNTRY()),))
        back = buttons.back(self.bundle, language, OPEN_PAGE(self.content.urgent))
        rows.append((back, buttons.home(self.bundle, language)))
        return Screen("\n".join(lines), tuple(rows), ask_location=t(language, "share_location"))

    def ask_country(self, language: str) -> Screen:
        """Asked when someone needs help and the bot does not know where they are."""
        text = f"<b>🚨 {escape(self.locales.get(language, 'ask_country'))}</b>"
        rows = ((self._choose_from_list(language),), (buttons.leave(self.bundle, language),),
                (buttons.home(self.bundle, language),))  # fmt: skip
        return Screen(text, rows, ask_location=self.locales.get(language, "share_location"))

    def country_card(self, country: Country, language: str, link: str) -> Card:
        """A country's hotline card as an inline-mode answer."""
        return Card(
            id=f"c:{country.code}",
            title=f"{flag(country.code)} {country_name(country.code, language)}",
            description=self.locales.get(language, "inline_card"),
            text=self.card(country, language).text,
            link_label=self.locales.get(language, "inline_open"), link=link,
        )  # fmt: skip

    def _choose_from_list(self, language: str) -> Button:
        return Button(self.locales.get(language, "choose_from_list"), SHOW_REGIONS())

    def _emergency(self, country: Country, language: str, rtl: bool) -> list[str]:
        sourced = country.emergency.sourced
        line = self._emergency_numbers(country, language, rtl)
        return [line, self._source(sourced, language)]

    def _emergency_numbers(self, country: Country, language: str, rtl: bool) -> str:
        """ "🚨 Emergency: 112 · Police: 102 · Ambulance: 103 · Fire: 101" (those that
        differ), or "🚨 Police: 110 · Ambulance: 120 · Fire: 119" where no one number
        serves all."""
        fields = [
            self._field(language, key, _numbers(numbers, country.code, rtl), bold=not index)
            for index, (key, numbers) in enumerate(country.emergency.labelled())
        ]
        return "🚨 " + " · ".join(fields)

    def _best_line(self, hotline: Hotline, language: str, rtl: bool) -> list[str]:
        """The best line in a few lines: its number and name (and what it is, where the
        name is not in the reader's language), when it answers and on what terms, and the
        other ways to reach it that a watched phone may need."""
        name = _ltr(escape(hotline.name), rtl)
        if gloss := self.gloss(hotline, language, always=False):
            name += f" ({escape(gloss)})"
        lines = [f"📞 <b>{_numbers(hotline.phones, hotline.country, rtl)}</b> · {name}"
                 if hotline.phones else f"<b>{name}</b>"]  # fmt: skip
        terms = [f"🕒 {escape(self.hours(hotline.hours, language))}"] if hotline.hours else []
        if area := hotline.area_in(language):
            terms.insert(0, f"📍 {escape(area)}")
        if flags := self._flags(hotline, language, TERMS):
            terms.append("✅ " + escape(" · ".join(flags)))
        if terms:
            lines.append(" · ".join(terms))
        lines += self._contacts(hotline, language, rtl, ("sms", "whatsapp", "telegram", "chat"))
        return lines

    def gloss(self, hotline: Hotline, language: str, always: bool = True) -> str | None:
        """What the line is called, or what it is, in the reader's language: its name there
        where an editor gave one, else its kind ("Hotline against human trafficking");
        unless ``always``, only where its own name is not written in the reader's script."""
        translated = hotline.name_in(language)
        if translated and translated != hotline.name:
            return translated
        if always or not readable(hotline.name, language):
            return self.locales.get(language, f"kind_{hotline.kind}")
        return None

    def _flags(self, hotline: Hotline, language: str, keys: tuple[str, ...] = FLAGS) -> list[str]:
        """What the source says of the line (free, anonymous, checks job offers), and
        never more."""
        return [self.locales.get(language, key) for key in keys if getattr(hotline, key)]

    def _contacts(
        self, hotline: Hotline, language: str, rtl: bool, keys: tuple[str, ...]
    ) -> list[str]:
        """A line each for the ways of reaching ``hotline`` named by ``keys``."""
        lines = []
        for key in keys:
            value = hotline.abroad if key == "from_abroad" else getattr(hotline, key)
            if value:
                shown = escape(display_contact(key, value, hotline.country))
                lines.append(f"{ICONS[key]} {self._field(language, key, _ltr(shown, rtl))}")
        return lines

    def _hotline(self, hotline: Hotline, language: str, rtl: bool) -> list[str]:
        t = self.locales.get
        what = escape(t(language, f"kind_{hotline.kind}"))
        translated = hotline.name_in(language)
        if translated and translated != hotline.name:
            what = f"{escape(translated)} · {what}"
        lines = [f"<b>{_ltr(escape(hotline.name), rtl)}</b>", f"<i>{what}</i>"]
        if area := hotline.area_in(language):
            lines.append(f"📍 {self._field(language, 'area', escape(area))}")
        if hotline.phones:
            lines.append(f"📞 {_numbers(hotline.phones, hotline.country, rtl)}")
        lines += self._contacts(hotline, language, rtl, tuple(ICONS))
        if hotline.hours:
            lines.append(f"🕒 {escape(self.hours(hotline.hours, language))}")
        if hotline.languages:
            names = ", ".join(language_name(code, language) for code in hotline.languages)
            lines.append(f"🗣 {self._field(language, 'languages', escape(names))}")
        if flags := self._flags(hotline, language):
            lines.append("✅ " + escape(" · ".join(flags)))
        if hotline.operator:
            operator = _ltr(escape(hotline.operator), rtl)
            lines.append(self._field(language, "operator", operator))
        lines.append(self._source(hotline.sourced, language))
        return lines

    def _field(self, language: str, key: str, value: str, bold: bool = False) -> str:
        """ "Label: value" in the language's own punctuation (French puts a space before :)."""
        label = escape(self.locales.get(language, key))
        field = self.locales.get(language, "field", label=label, value=value)
        return f"<b>{field}</b>" if bold else field

    def hours(self, hours: Hours, language: str) -> str:
        if hours.always:
            return self.locales.get(language, "hours_always")
        return self.locales.get(language, f"hours_{hours.days}", opens=hours.opens,
                                closes=hours.closes)  # fmt: skip

    def _source(self, sourced: Sourced, language: str) -> str:
        """Where the numbers come from, when that was checked, and, when the source is not
        recent, the year it shows: "la-strada.org.ua (2016), checked on 3 December 2026"."""
        date = format_date(sourced.checked, format="long", locale=locale(language))
        link = f'<a href="{html.escape(sourced.source)}">{escape(_domain(sourced.source))}</a>'
        if sourced.year is not None and sourced.checked.year - sourced.year >= RECENT_YEARS:
            link += f" ({sourced.year})"
        return f"<i>{self.locales.get(language, 'source', source=link, date=escape(date))}</i>"


def _ltr(text: str, rtl: bool) -> str:
    """Keep a left-to-right run (a number, an address, a Latin name) intact in RTL text."""
    return f"{LRI}{text}{PDI}" if rtl else text


def _numbers(numbers: tuple[str, ...], country: str, rtl: bool) -> str:
    return " · ".join(_ltr(display_number(number, country), rtl) for number in numbers)


def _domain(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")
