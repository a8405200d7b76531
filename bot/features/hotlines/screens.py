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

from bot.content.directory import Country, Hotline, Hours, display_number
from bot.content.names import country_name, flag, language_name, locale
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
        rows.append((back, buttons.home(self.bundle, language)))
        return Screen("\n".join(lines), tuple(rows))

    def emergency(self, country: Country, language: str) -> Screen:
        """The card, opened by an emergency word: the number to call comes first."""
        numbers = " · ".join(display_number(number) for number in country.emergency.numbers)
        intro = self.locales.get(language, "emergency_intro", numbers=numbers)
        card = self.card(country, language)
        return Screen(f"<b>🚨 {escape(intro)}</b>\n\n{card.text}", card.rows)

    def no_entry(self, code: str, language: str, notice: str | None = None) -> Screen:
        """A country the directory does not list: say so, and what can still help."""
        name = country_name(code, language)
        lines = [italic(notice), ""] if notice else []
        lines += [f"<b>{flag(code)} {escape(name)}</b>", "",
                  escape(self.locales.get(language, "no_entry", country=name))]  # fmt: skip
        rows = ((self._choose_from_list(language),), (buttons.home(self.bundle, language),))
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
        rows = ((self._choose_from_list(language),), (buttons.home(self.bundle, language),))
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
        emergency = country.emergency
        numbers = _numbers(emergency.numbers, rtl)
        line = "🚨 " + self._field(language, "emergency", numbers, bold=True)
        if emergency.police and emergency.police not in emergency.numbers:
            police = _numbers((emergency.police,), rtl)
            line += " · " + self._field(language, "police", police)
        return [line, self._source(emergency.sourced.source, emergency.sourced.checked, language)]

    def _hotline(self, hotline: Hotline, language: str, rtl: bool) -> list[str]:
        t = self.locales.get
        lines = [f"<b>{_ltr(escape(hotline.name), rtl)}</b>",
                 f"<i>{escape(t(language, f'kind_{hotline.kind}'))}</i>"]  # fmt: skip
        if hotline.phones:
            lines.append(f"📞 {_numbers(hotline.phones, rtl)}")
        numbers = [
            ("🌍", "from_abroad", hotline.from_abroad), ("✉️", "sms", hotline.sms),
            ("💬", "whatsapp", hotline.whatsapp),
        ]  # fmt: skip
        for icon, key, value in numbers:
            if value:
                shown = _ltr(display_number(value), rtl)
                lines.append(f"{icon} {self._field(language, key, shown)}")
        labelled = [
            ("✈️", "telegram", hotline.telegram),
            ("💻", "chat", hotline.chat), ("📧", "email", hotline.email),
            ("🌐", "website", hotline.website),
        ]  # fmt: skip
        for icon, key, value in labelled:
            if value:
                lines.append(f"{icon} {self._field(language, key, _ltr(escape(value), rtl))}")
        if hotline.hours:
            lines.append(f"🕒 {escape(self._hours(hotline.hours, language))}")
        if hotline.languages:
            names = ", ".join(language_name(code, language) for code in hotline.languages)
            lines.append(f"🗣 {self._field(language, 'languages', escape(names))}")
        flags = [t(language, key) for key in ("free", "anonymous") if getattr(hotline, key)]
        if flags:
            lines.append("✅ " + escape(" · ".join(flags)))
        if hotline.operator:
            operator = _ltr(escape(hotline.operator), rtl)
            lines.append(self._field(language, "operator", operator))
        lines.append(self._source(hotline.sourced.source, hotline.sourced.checked, language))
        return lines

    def _field(self, language: str, key: str, value: str, bold: bool = False) -> str:
        """ "Label: value" in the language's own punctuation (French puts a space before :)."""
        label = escape(self.locales.get(language, key))
        field = self.locales.get(language, "field", label=label, value=value)
        return f"<b>{field}</b>" if bold else field

    def _hours(self, hours: Hours, language: str) -> str:
        if hours.always:
            return self.locales.get(language, "hours_always")
        return self.locales.get(language, f"hours_{hours.days}", opens=hours.opens,
                                closes=hours.closes)  # fmt: skip

    def _source(self, url: str, checked: object, language: str) -> str:
        date = format_date(checked, format="long", locale=locale(language))  # type: ignore[arg-type]
        link = f'<a href="{html.escape(url)}">{escape(_domain(url))}</a>'
        return f"<i>{self.locales.get(language, 'source', source=link, date=escape(date))}</i>"


def _ltr(text: str, rtl: bool) -> str:
    """Keep a left-to-right run (a number, an address, a Latin name) intact in RTL text."""
    return f"{LRI}{text}{PDI}" if rtl else text


def _numbers(numbers: tuple[str, ...], rtl: bool) -> str:
    return " · ".join(_ltr(display_number(number), rtl) for number in numbers)


def _domain(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")
