"""A print-ready A4 leaflet: the bot's QR code and a country's numbers, in one language.

NGO staff open the HTML file in a browser and print it. The document is self-contained (no
fonts, images or scripts to fetch), fits on one A4 page in every language, and reads right
to left in Arabic; numbers, addresses and Latin names are isolated in ``<bdi>`` so that the
bidirectional algorithm never reorders "+380 44 284 19 15" or "@BlueHeartBot".
"""

from __future__ import annotations

import datetime as dt
import html
import re

from babel.dates import format_date

from bot.content.bundle import Bundle
from bot.content.directory import Country, Hotline, display_number
from bot.content.names import country_name, flag
from bot.features.sharing.links import bot_link, qr_svg

ACCENT = "#1a5fb4"
QR_SIZE_MM = 76  # the box, quiet zone included: the code itself is 60 mm or more
_SVG_SIZE = re.compile(r'\swidth="(\d+)" height="(\d+)"')

STYLE = f"""
@page {{ size: A4; margin: 15mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{
  margin: 0; color: #000; background: #fff; font-size: 12.5pt; line-height: 1.35;
  font-family: "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", "Noto Color Emoji",
    "Segoe UI", "Helvetica Neue", Arial, sans-serif;
}}
:lang(zh) body, body:lang(zh) {{
  font-family: "Noto Sans CJK SC", "Noto Sans", "Noto Color Emoji", "Microsoft YaHei",
    "PingFang SC", sans-serif;
}}
:lang(ar) body, body:lang(ar) {{
  font-family: "Noto Sans Arabic", "Noto Sans", "Noto Color Emoji", "Segoe UI", Tahoma,
    sans-serif;
  line-height: 1.5;
}}
@media screen {{ body {{ padding: 15mm; }} }}  /* the page margins, when previewed */
.leaflet {{ width: 180mm; max-height: 267mm; margin: 0 auto; }}
h1 {{ margin: 0; font-size: 27pt; line-height: 1.15; font-weight: 800; }}
.bot {{ margin: 1mm 0 0; font-size: 17pt; font-weight: 700; color: {ACCENT}; }}
header {{ border-bottom: 2.5mm solid {ACCENT}; padding-bottom: 3mm; }}
.scan {{ display: flex; gap: 7mm; align-items: center; margin: 5mm 0; }}
.qr {{ flex: 0 0 {QR_SIZE_MM}mm; width: {QR_SIZE_MM}mm; height: {QR_SIZE_MM}mm; }}
.qr svg {{ display: block; width: 100%; height: 100%; shape-rendering: crispEdges; }}
.scan-text {{ flex: 1 1 auto; min-width: 0; }}
.when {{ margin: 0 0 4mm; font-size: 14pt; }}
.scan-link {{ margin: 0; font-size: 11pt; }}
.link {{ display: inline-block; max-width: 100%; font-weight: 700; word-break: break-all; }}
.numbers {{ border: 0.6mm solid #000; border-radius: 3mm; padding: 4mm 5mm; }}
h2 {{ margin: 0 0 2mm; font-size: 17pt; color: {ACCENT}; }}
.emergency {{ display: flex; flex-wrap: wrap; align-items: baseline; gap: 1mm 6mm;
  padding-bottom: 2mm; border-bottom: 0.3mm solid #000; }}
.label {{ font-weight: 700; font-size: 13pt; }}
.big {{ font-size: 36pt; font-weight: 800; line-height: 1.1; }}
.police {{ font-size: 13pt; }}
.police .number {{ font-size: 20pt; font-weight: 800; }}
.helplines {{ list-style: none; margin: 0; padding: 0; }}
.helplines li {{ padding: 2mm 0; border-bottom: 0.3mm solid #000; }}
.helplines li:last-child {{ border-bottom: 0; padding-bottom: 0; }}
.name {{ margin: 0; font-weight: 700; font-size: 12pt;
  font-family: "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", sans-serif; }}
.kind {{ margin: 0; font-size: 10.5pt; }}
.phones {{ margin: 0.5mm 0 0; font-size: 19pt; font-weight: 800; line-height: 1.2; }}
.abroad {{ margin: 0; font-size: 11pt; }}
.no-entry {{ margin: 0; font-size: 13pt; }}
.private {{ margin: 4mm 0 0; font-size: 13pt; font-weight: 700; }}
.sources {{ margin-top: 3mm; font-size: 8.5pt; }}
.sources p {{ margin: 0; }}
"""


def render_leaflet(
    bundle: Bundle, username: str, language: str, country: str, campaign: str | None = None
) -> str:
    """The leaflet as a complete HTML5 document, ready to print on one A4 page."""
    code = country.upper()
    link = bot_link(username, bundle.content.urgent, language, code, campaign)
    entry = bundle.directory.get(code)
    title = bundle.locales.get(language, "leaflet_title")
    body = "\n".join(
        (
            _header(title, username),
            _scan(bundle, language, link),
            _numbers(bundle, language, code, entry),
            f'<p class="private">{_html(bundle.locales.get(language, "leaflet_private"))}</p>',
            _sources(bundle, language, entry),
        )
    )
    direction = "rtl" if bundle.locales.is_rtl(language) else "ltr"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_html(language)}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_html(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f'<body>\n<main class="leaflet">\n{body}\n</main>\n</body>\n</html>\n'
    )


def _header(title: str, username: str) -> str:
    name = "@" + username.removeprefix("@")
    return f'<header>\n<h1>{_html(title)}</h1>\n<p class="bot">{_ltr(name)}</p>\n</header>'


def _scan(bundle: Bundle, language: str, link: str) -> str:
    """The QR code beside when to use the bot and how to open it."""
    when = _html(bundle.locales.get(language, "leaflet_when"))
    scan = _fill(bundle, language, "leaflet_scan", link=f'<span class="link">{_ltr(link)}</span>')
    return (
        f'<section class="scan">\n<div class="qr">{_qr(link)}</div>\n'
        f'<div class="scan-text">\n<p class="when">{when}</p>\n'
        f'<p class="scan-link">{scan}</p>\n</div>\n</section>'
    )


def _qr(link: str) -> str:
    """The QR code as inline SVG that scales to its box (segno sets a fixed pixel size)."""
    svg = qr_svg(link, title=link)
    return _SVG_SIZE.sub(r' viewBox="0 0 \1 \2" role="img"', svg, count=1)


def _numbers(bundle: Bundle, language: str, code: str, entry: Country | None) -> str:
    """The country's emergency number(s) and helplines, or the note that none are listed."""
    name = country_name(code, language)
    shown = f"{flag(code)} <bdi>{_html(name)}</bdi>"  # a flag reads left to right
    heading = _fill(bundle, language, "leaflet_numbers", country=shown)
    if entry is None:
        text = _html(bundle.locales.get(language, "no_entry", country=name))
        inside = f'<p class="no-entry">{text}</p>'
    else:
        helplines = "\n".join(_helpline(bundle, language, hotline) for hotline in entry.hotlines)
        emergency = _emergency(bundle, language, entry)
        inside = f'{emergency}\n<ul class="helplines">\n{helplines}\n</ul>'
    return f'<section class="numbers">\n<h2>{heading}</h2>\n{inside}\n</section>'


def _emergency(bundle: Bundle, language: str, entry: Country) -> str:
    emergency = entry.emergency
    label = _html(bundle.locales.get(language, "emergency"))
    numbers = " · ".join(_ltr(display_number(number)) for number in emergency.numbers)
    parts = [f'<span class="label">{label}</span>', f'<span class="big">{numbers}</span>']
    if emergency.police and emergency.police not in emergency.numbers:
        number = f'<span class="number">{_ltr(display_number(emergency.police))}</span>'
        police = _field(bundle, language, "police", number)
        parts.append(f'<span class="police">{police}</span>')
    return f'<div class="emergency">{" ".join(parts)}</div>'


def _helpline(bundle: Bundle, language: str, hotline: Hotline) -> str:
    """One helpline: its own name, what kind of line it is, its numbers."""
    kind = _html(bundle.locales.get(language, f"kind_{hotline.kind}"))
    lines = [
        f'<p class="name"><bdi>{_html(hotline.name)}</bdi></p>',
        f'<p class="kind">{kind}</p>',
    ]
    if hotline.phones:
        phones = " · ".join(_ltr(display_number(phone)) for phone in hotline.phones)
        lines.append(f'<p class="phones">{phones}</p>')
    if hotline.abroad:
        abroad = _field(bundle, language, "from_abroad", _ltr(display_number(hotline.abroad)))
        lines.append(f'<p class="abroad">{abroad}</p>')
    return f"<li>{''.join(lines)}</li>"


def _sources(bundle: Bundle, language: str, entry: Country | None) -> str:
    """Small print: where the numbers come from and when they were checked, once each."""
    if entry is None:
        return ""
    lines = [
        _fill(bundle, language, "source", source=_ltr(domain), date=f"<bdi>{_html(date)}</bdi>")
        for domain, date in _unique_sources(entry, language)
    ]
    # One paragraph, the sources one after the other: a line each could push a country with
    # many lines onto a second page.
    return '<footer class="sources">\n<p>' + " · ".join(lines) + "</p>\n</footer>"


def _unique_sources(entry: Country, language: str) -> list[tuple[str, str]]:
    """Each (domain, long date) pair once, in the order the leaflet shows the numbers."""
    sourced = [entry.emergency.sourced, *(hotline.sourced for hotline in entry.hotlines)]
    return list(dict.fromkeys((_domain(item.source), _date(item.checked, language))
                              for item in sourced))  # fmt: skip


def _field(bundle: Bundle, language: str, key: str, value_html: str) -> str:
    """ "Label: value" in the language's own punctuation (French puts a space before :)."""
    label = _html(bundle.locales.get(language, key))
    return _fill(bundle, language, "field", label=label, value=value_html)


def _fill(bundle: Bundle, language: str, key: str, **html_values: str) -> str:
    """A wording with its text escaped and its placeholders replaced by ready HTML."""
    markers = {name: f"\x00{name}\x00" for name in html_values}
    text = _html(bundle.locales.get(language, key, **markers))
    for name, value in html_values.items():
        text = text.replace(markers[name], value)
    return text


def _html(text: str) -> str:
    """Text for the leaflet's HTML, quotes escaped too: it may stand in an attribute."""
    return html.escape(text)


def _ltr(text: str) -> str:
    """A left-to-right run (a number, an address, a Latin name) kept intact in any text."""
    return f'<bdi dir="ltr">{_html(text)}</bdi>'


def _date(day: dt.date, language: str) -> str:
    return format_date(day, format="long", locale=language)


def _domain(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")
