"""Print-ready A4 sheets, in one language: a leaflet (the bot's QR code and every way of
reaching a country's lines) or wallet cards (ten small cards to cut out and keep).

NGO staff open the HTML file in a browser and print it. The document is self-contained (no
fonts, images or scripts to fetch), fits on one A4 page in every language, and reads right
to left in Arabic; numbers, addresses and Latin names are isolated in ``<bdi>`` so that the
bidirectional algorithm never reorders "+380 44 284 19 15" or "@BlueHeartBot". The page has
no printer margin of its own (``@page { margin: 0 }``): the sheet pads itself, so a browser's
plain print adds no header or footer (they are printed in the margin).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from functools import cached_property

from babel.dates import format_date

from bot.content.bundle import Bundle
from bot.content.directory import Country, Hotline, Sourced, display_contact, display_number
from bot.content.names import country_name, flag
from bot.features.hotlines.screens import HotlineScreens
from bot.features.sharing.links import bot_link, qr_svg

LAYOUTS = ("page", "wallet")
ACCENT = "#1a5fb4"
QR_SIZE_MM = 76  # the box, quiet zone included: the code itself is 60 mm or more
WALLET_QR_MM = 27  # on a card: scanned from a hand's length
WALLET_CARDS = 10  # 2 × 5 cards of 85 × 54 mm (a bank card) on A4
_SVG_SIZE = re.compile(r'\swidth="(\d+)" height="(\d+)"')
# The ways of reaching a line, besides its phones, as the leaflet lists them.
CHANNELS = ("sms", "whatsapp", "telegram", "chat", "email")
DIALLED = frozenset({"sms", "whatsapp"})  # numbers: kept on one line

FONTS = """
body {
  margin: 0; color: #000; background: #fff; line-height: 1.35;
  font-family: "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", "Noto Color Emoji",
    "Segoe UI", "Helvetica Neue", Arial, sans-serif;
}
:lang(zh) body, body:lang(zh) {
  font-family: "Noto Sans CJK SC", "Noto Sans", "Noto Color Emoji", "Microsoft YaHei",
    "PingFang SC", sans-serif;
}
:lang(ar) body, body:lang(ar) {
  font-family: "Noto Sans Arabic", "Noto Sans", "Noto Color Emoji", "Segoe UI", Tahoma,
    sans-serif;
  line-height: 1.5;
}
"""

PAGE_STYLE = f"""
@page {{ size: A4; margin: 0; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
{FONTS}
body {{ font-size: 12pt; }}
.sheet {{ width: 210mm; height: 296mm; padding: 14mm 15mm; overflow: hidden; }}
h1 {{ margin: 0; font-size: 26pt; line-height: 1.15; font-weight: 800; }}
.bot {{ margin: 1mm 0 0; font-size: 17pt; font-weight: 700; color: {ACCENT}; }}
header {{ border-bottom: 2.5mm solid {ACCENT}; padding-bottom: 3mm; }}
.scan {{ display: flex; gap: 7mm; align-items: center; margin: 4mm 0; }}
.qr {{ flex: 0 0 {QR_SIZE_MM}mm; width: {QR_SIZE_MM}mm; height: {QR_SIZE_MM}mm; }}
.qr svg {{ display: block; width: 100%; height: 100%; shape-rendering: crispEdges; }}
.scan-text {{ flex: 1 1 auto; min-width: 0; }}
.when {{ margin: 0 0 4mm; font-size: 13.5pt; }}
.scan-link {{ margin: 0; font-size: 11pt; }}
.link {{ display: inline-block; max-width: 100%; font-weight: 700; word-break: break-all; }}
.blocked {{ margin: 0 0 3mm; padding: 2mm 3mm; border: 0.6mm dashed #000; font-size: 11pt;
  font-weight: 700; }}
.numbers {{ border: 0.6mm solid #000; border-radius: 3mm; padding: 3mm 5mm; }}
h2 {{ margin: 0 0 2mm; font-size: 16pt; color: {ACCENT}; }}
.emergency {{ display: flex; flex-wrap: wrap; align-items: baseline; gap: 1mm 6mm;
  padding-bottom: 2mm; border-bottom: 0.3mm solid #000; }}
.label {{ font-weight: 700; font-size: 13pt; }}
.big {{ font-size: 34pt; font-weight: 800; line-height: 1.1; }}
.service {{ font-size: 13pt; }}
.service .number {{ font-size: 20pt; font-weight: 800; }}
.helplines {{ list-style: none; margin: 0; padding: 0; }}
.helplines li {{ padding: 1.5mm 0; border-bottom: 0.3mm solid #000; }}
.helplines li:last-child {{ border-bottom: 0; padding-bottom: 0; }}
.name {{ margin: 0; font-weight: 700; font-size: 11.5pt; }}
.kind {{ margin: 0; font-size: 10pt; }}
.phones {{ margin: 0.5mm 0 0; font-size: 18pt; font-weight: 800; line-height: 1.2; }}
.details {{ margin: 0; font-size: 10pt; overflow-wrap: anywhere; }}
.dial {{ white-space: nowrap; }}  /* a number is never cut across two lines */
.no-entry {{ margin: 0; font-size: 13pt; }}
.private {{ margin: 3mm 0 0; font-size: 12.5pt; font-weight: 700; }}
.by {{ margin: 2mm 0 0; font-size: 11pt; }}
.sources {{ margin-top: 2mm; font-size: 8pt; }}
.sources p {{ margin: 0; }}
"""

WALLET_STYLE = f"""
@page {{ size: A4; margin: 0; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
{FONTS}
body {{ font-size: 7.5pt; }}
.sheet {{ width: 210mm; height: 296mm; padding: 13mm 20mm; display: grid;
  grid-template-columns: repeat(2, 85mm); grid-auto-rows: 54mm; overflow: hidden; }}
.card {{ width: 85mm; height: 54mm; padding: 3mm; border: 0.2mm dashed #777;
  display: flex; gap: 2.5mm; overflow: hidden; }}
.qr {{ flex: 0 0 {WALLET_QR_MM}mm; width: {WALLET_QR_MM}mm; height: {WALLET_QR_MM}mm; }}
.qr svg {{ display: block; width: 100%; height: 100%; shape-rendering: crispEdges; }}
.side {{ display: flex; flex-direction: column; justify-content: space-between; }}
.card-text {{ flex: 1 1 auto; min-width: 0; }}
.title {{ margin: 0; font-size: 9pt; font-weight: 800; line-height: 1.15; color: {ACCENT}; }}
.emergency {{ margin: 1mm 0 0; font-size: 8pt; }}
.emergency .number {{ font-size: 15pt; font-weight: 800; }}
.line {{ margin: 1mm 0 0; line-height: 1.2; }}
.line .number {{ font-size: 11pt; font-weight: 800; }}
.bot {{ margin: 0; font-size: 8pt; font-weight: 700; }}
.details {{ font-size: 7pt; }}
.blocked {{ margin: 1mm 0 0; font-size: 6.5pt; font-weight: 700; }}
.by {{ margin: 0; font-size: 6.5pt; }}
"""


def render_leaflet(
    bundle: Bundle, username: str, language: str, country: str, campaign: str | None = None,
    by: str | None = None, layout: str = "page",
) -> str:  # fmt: skip
    """The sheet as a complete HTML5 document, ready to print on one A4 page: the leaflet
    (``layout="page"``) or wallet cards (``"wallet"``); ``by`` names who distributes it."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}: use one of {', '.join(LAYOUTS)}")
    sheet = _Sheet(bundle, username, language, country.upper(), campaign, by)
    body, style = (sheet.page(), PAGE_STYLE) if layout == "page" else (sheet.wallet(),
                                                                       WALLET_STYLE)  # fmt: skip
    direction = "rtl" if bundle.locales.is_rtl(language) else "ltr"
    title = _html(sheet.t("leaflet_title"))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_html(language)}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{style}</style>\n</head>\n"
        f'<body>\n<main class="sheet {layout}">\n{body}\n</main>\n</body>\n</html>\n'
    )


@dataclass(frozen=True)
class _Sheet:
    """What a sheet says, in its language, for one country."""

    bundle: Bundle
    username: str
    language: str
    code: str
    campaign: str | None
    by: str | None

    def t(self, key: str, **values: object) -> str:
        return self.bundle.locales.get(self.language, key, **values)

    @cached_property
    def entry(self) -> Country | None:
        return self.bundle.directory.get(self.code)

    @cached_property
    def link(self) -> str:
        return bot_link(self.username, self.bundle.content.urgent, self.language, self.code,
                        self.campaign)  # fmt: skip

    @cached_property
    def screens(self) -> HotlineScreens:
        return HotlineScreens(self.bundle)

    @property
    def bot(self) -> str:
        return _ltr("@" + self.username.removeprefix("@"))

    # -- the leaflet ------------------------------------------------------------------------

    def page(self) -> str:
        return "\n".join(
            (
                f"<header>\n<h1>{_html(self.t('leaflet_title'))}</h1>\n"
                f'<p class="bot">{self.bot}</p>\n</header>',
                self._scan(),
                self._blocked(),
                self._numbers(),
                f'<p class="private">{_html(self.t("leaflet_private"))}</p>',
                self._by(),
                self._sources(),
            )
        )

    def _scan(self) -> str:
        """The QR code beside when to use the bot and how to open it."""
        when = _html(self.t("leaflet_when"))
        scan = self._fill("leaflet_scan", link=f'<span class="link">{_ltr(self.link)}</span>')
        return (
            f'<section class="scan">\n<div class="qr">{_qr(self.link)}</div>\n'
            f'<div class="scan-text">\n<p class="when">{when}</p>\n'
            f'<p class="scan-link">{scan}</p>\n</div>\n</section>'
        )

    def _blocked(self) -> str:
        """Where a source says Telegram is blocked: the numbers work without it."""
        if self.entry is None or self.entry.telegram_blocked is None:
            return ""
        text = _html(self.t("leaflet_blocked", country=country_name(self.code, self.language)))
        return f'<p class="blocked">{text}</p>'

    def _numbers(self) -> str:
        """The country's emergency numbers and lines, or the note that none are listed."""
        name = country_name(self.code, self.language)
        shown = f"{flag(self.code)} <bdi>{_html(name)}</bdi>"  # a flag reads left to right
        heading = self._fill("leaflet_numbers", country=shown)
        if self.entry is None:
            inside = f'<p class="no-entry">{_html(self.t("no_entry", country=name))}</p>'
        else:
            lines = "\n".join(self._helpline(hotline) for hotline in self.entry.hotlines)
            inside = f'{self._emergency(self.entry)}\n<ul class="helplines">\n{lines}\n</ul>'
        return f'<section class="numbers">\n<h2>{heading}</h2>\n{inside}\n</section>'

    def _emergency(self, entry: Country) -> str:
        """The number for all services big, the others beside it, each labelled."""
        parts = []
        for index, (key, numbers) in enumerate(entry.emergency.labelled()):
            shown = " · ".join(_ltr(display_number(number, self.code)) for number in numbers)
            if index == 0:
                parts += [f'<span class="label">{_html(self.t(key))}</span>',
                          f'<span class="big">{shown}</span>']  # fmt: skip
            else:
                value = f'<span class="number">{shown}</span>'
                parts.append(f'<span class="service">{self._field(key, value)}</span>')
        return f'<div class="emergency">{" ".join(parts)}</div>'

    def _helpline(self, hotline: Hotline) -> str:
        """One line: its own name, what it is in the leaflet's language, its numbers, and
        every other way to reach it, with when it answers and on what terms."""
        what = _html(self.screens.gloss(hotline, self.language) or "")
        parts = [f'<p class="name"><bdi>{_html(hotline.name)}</bdi></p>',
                 f'<p class="kind">{what}</p>']  # fmt: skip
        if hotline.phones:
            phones = " · ".join(_ltr(display_number(phone, self.code)) for phone in hotline.phones)
            parts.append(f'<p class="phones">{phones}</p>')
        details = [_html(area)] if (area := hotline.area_in(self.language)) else []
        if hotline.hours:
            details.append(_html(self.screens.hours(hotline.hours, self.language)))
        details += [_html(self.t(key)) for key in ("free", "anonymous") if getattr(hotline, key)]
        if hotline.abroad:
            abroad = _dial(display_contact("from_abroad", hotline.abroad, self.code))
            details.append(self._field("from_abroad", abroad))
        for key in CHANNELS:
            if value := getattr(hotline, key):
                shown = display_contact(key, value, self.code)
                details.append(self._field(key, _dial(shown) if key in DIALLED else _ltr(shown)))
        if details:
            parts.append(f'<p class="details">{" · ".join(details)}</p>')
        return f"<li>{''.join(parts)}</li>"

    def _by(self) -> str:
        if not self.by:
            return ""
        return f'<p class="by">{self._fill("leaflet_by", name=f"<bdi>{_html(self.by)}</bdi>")}</p>'

    def _sources(self) -> str:
        """Small print: where the numbers come from and when they were checked, once each."""
        if self.entry is None:
            return ""
        lines = [
            self._fill("source", source=_ltr(domain), date=f"<bdi>{_html(date)}</bdi>")
            for domain, date in _unique_sources(self.entry, self.language)
        ]
        # One paragraph, the sources one after the other: a line each could push a country
        # with many lines onto a second page.
        return '<footer class="sources">\n<p>' + " · ".join(lines) + "</p>\n</footer>"

    # -- wallet cards -----------------------------------------------------------------------

    def wallet(self) -> str:
        """Ten identical cards: the QR code, the emergency number, the best line, the bot."""
        card = self._card()
        return "\n".join([card] * WALLET_CARDS)

    def _card(self) -> str:
        side = f'<div class="side"><div class="qr">{_qr(self.link)}</div>'
        side += f'<p class="bot">{self.bot}</p></div>'
        text = [f'<p class="title">{_html(self.t("leaflet_title"))}</p>']
        if self.entry is not None:
            labelled = self.entry.emergency.labelled()[:2]
            text += [
                f'<p class="emergency">{_html(self.t(key))} <span class="number">'
                f"{' · '.join(_ltr(display_number(n, self.code)) for n in numbers)}</span></p>"
                for key, numbers in labelled
            ]
            if self.entry.hotlines:
                text.append(self._card_line(self.entry.hotlines[0]))
        if self.entry is not None and self.entry.telegram_blocked is not None:
            name = country_name(self.code, self.language)
            text.append(f'<p class="blocked">{_html(self.t("leaflet_blocked", country=name))}</p>')
        if self.by:
            text.append(self._by())
        return f'<div class="card">{side}<div class="card-text">{"".join(text)}</div></div>'

    def _card_line(self, hotline: Hotline) -> str:
        name = f"<bdi>{_html(hotline.name)}</bdi>"
        if gloss := self.screens.gloss(hotline, self.language, always=False):
            name += f" ({_html(gloss)})"
        numbers = hotline.phones[:2] or tuple(filter(None, (hotline.sms, hotline.whatsapp)))
        shown = " · ".join(_ltr(display_number(number, self.code)) for number in numbers)
        details = [_html(self.screens.hours(hotline.hours, self.language))] if hotline.hours else []
        details += [self._field(key, _ltr(display_contact(key, value, self.code)))
                    for key in ("sms", "whatsapp") if (value := getattr(hotline, key))]  # fmt: skip
        more = f'<br><span class="details">{" · ".join(details)}</span>' if details else ""
        return f'<p class="line">{name}<br><span class="number">{shown}</span>{more}</p>'

    # -- wording ----------------------------------------------------------------------------

    def _field(self, key: str, value_html: str) -> str:
        """ "Label: value" in the language's own punctuation (French puts a space before :)."""
        return self._fill("field", label=_html(self.t(key)), value=value_html)

    def _fill(self, key: str, **html_values: str) -> str:
        """A wording with its text escaped and its placeholders replaced by ready HTML."""
        markers = {name: f"\x00{name}\x00" for name in html_values}
        text = _html(self.t(key, **markers))
        for name, value in html_values.items():
            text = text.replace(markers[name], value)
        return text


def _qr(link: str) -> str:
    """The QR code as inline SVG that scales to its box (segno sets a fixed pixel size)."""
    svg = qr_svg(link, title=link)
    return _SVG_SIZE.sub(r' viewBox="0 0 \1 \2" role="img"', svg, count=1)


def _unique_sources(entry: Country, language: str) -> list[tuple[str, str]]:
    """Each (domain, long date) pair once, in the order the leaflet shows the numbers."""
    sourced: list[Sourced] = [entry.emergency.sourced,
                              *(hotline.sourced for hotline in entry.hotlines)]  # fmt: skip
    if entry.telegram_blocked:
        sourced.append(entry.telegram_blocked)
    return list(dict.fromkeys((_domain(item.source), _date(item.checked, language))
                              for item in sourced))  # fmt: skip


def _html(text: str) -> str:
    """Text for the leaflet's HTML, quotes escaped too: it may stand in an attribute."""
    return html.escape(text)


def _ltr(text: str) -> str:
    """A left-to-right run (a number, an address, a Latin name) kept intact in any text."""
    return f'<bdi dir="ltr">{_html(text)}</bdi>'


def _dial(number: str) -> str:
    """A number in the small print: left to right, and never cut across two lines."""
    return f'<bdi dir="ltr" class="dial">{_html(number)}</bdi>'


def _date(day: dt.date, language: str) -> str:
    return format_date(day, format="long", locale=language)


def _domain(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")
