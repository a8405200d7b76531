"""The printable leaflet: one A4 page in every language, with its numbers and QR code intact.

Each leaflet is printed to PDF by headless Chromium, as NGO staff print it from a browser,
and the PDF is read back with pypdf. Without Chromium these tests are skipped locally and
fail in CI (``CI`` set), which must run them.
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdf
import pytest
from babel.dates import format_date

from bot.__main__ import main
from bot.cli import share as share_cli
from bot.content.bundle import Bundle
from bot.content.directory import display_contact, display_number
from bot.content.names import country_name
from bot.content.places import country_codes
from bot.core.deeplinks import DeepLink, parse_payload
from bot.features.sharing.leaflet import QR_SIZE_MM, WALLET_CARDS, render_leaflet
from bot.features.sharing.links import bot_link
from tests.qrcodes import PIXELS_PER_MODULE, decode, svg_image
from tests.test_languages import SUPPORTED

CHROMIUM = Path("/usr/bin/chromium")
USERNAME = "BlueHeartTestBot"
CAMPAIGN = "kyiv_station"
BY = "La Strada-Ukraine"
# Ukraine has three helplines; the United States a text line; South Georgia, where nobody
# lives, no entry.
COUNTRIES = ("UA", "US", "GS")
CASES = [(language, country) for language in SUPPORTED for country in COUNTRIES]
WALLET_CASES = [(language, country) for language in SUPPORTED for country in ("UA", "US")]
A4_POINTS = (595, 842)
QUIET_ZONE = 4  # modules of white around a QR code


def print_to_pdf(html_file: Path, pdf_file: Path, profile: Path) -> None:
    """Print a page as Chrome's "Save as PDF" does, as ``leaflet -o x.pdf`` does."""
    share_cli.print_to_pdf(str(CHROMIUM), html_file, pdf_file, profile, timeout=60)
    assert pdf_file.is_file(), f"Chromium wrote no {pdf_file.name}"


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: the leaflets cannot be printed to PDF"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must run these tests: install chromium)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def printed(
    bundle: Bundle, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, str, str], Path]:
    """Every case printed once, in both layouts, a few Chromiums at a time (each takes a
    second or so)."""
    require_chromium()
    folder = tmp_path_factory.mktemp("leaflets")
    cases = [(*case, "page") for case in CASES] + [(*case, "wallet") for case in WALLET_CASES]

    def one(case: tuple[str, str, str]) -> Path:
        language, country, layout = case
        html_file = folder / f"{language}-{country}-{layout}.html"
        html_file.write_text(leaflet(bundle, language, country, layout), encoding="utf-8")
        pdf_file = html_file.with_suffix(".pdf")
        print_to_pdf(html_file, pdf_file, folder / f"profile-{language}-{country}-{layout}")
        return pdf_file

    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return dict(zip(cases, pool.map(one, cases), strict=True))


def leaflet(bundle: Bundle, language: str, country: str, layout: str = "page") -> str:
    return render_leaflet(bundle, USERNAME, language, country, CAMPAIGN, BY, layout)


def link(bundle: Bundle, language: str, country: str) -> str:
    return bot_link(USERNAME, bundle.content.urgent, language, country, CAMPAIGN)


def squeezed(text: str) -> str:
    """Text without its spaces and line breaks: PDF text extraction adds and drops them
    (around Arabic, in long names that wrap)."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf_file: Path) -> str:
    """The PDF's text, with Arabic presentation forms and CJK radicals made plain letters."""
    reader = pypdf.PdfReader(pdf_file)
    return unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages))


# -- printed --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "country", "layout"),
    [(*case, "page") for case in CASES] + [(*case, "wallet") for case in WALLET_CASES],
)
def test_the_sheet_prints_on_one_a4_page(
    printed: dict[tuple[str, str, str], Path], language: str, country: str, layout: str
) -> None:
    reader = pypdf.PdfReader(printed[language, country, layout])

    assert len(reader.pages) == 1, f"{language} {country} {layout}: {len(reader.pages)} pages"
    box = reader.pages[0].mediabox
    size = (float(box.width), float(box.height))
    assert size == pytest.approx(A4_POINTS, abs=2), f"not A4: {size} pt"


@pytest.mark.parametrize(("language", "country"), CASES)
def test_the_printed_leaflet_shows_the_bot_and_every_way_to_reach_the_lines(
    bundle: Bundle, printed: dict[tuple[str, str, str], Path], language: str, country: str
) -> None:
    text = squeezed(pdf_text(printed[language, country, "page"]))

    assert f"@{USERNAME}" in text
    assert squeezed(country_name(country, language)) in text
    assert squeezed(BY) in text
    entry = bundle.directory.get(country)
    if entry is None:
        return
    for _, numbers in entry.emergency.labelled():
        for number in numbers:
            shown = squeezed(display_number(number, country))
            assert shown in text, f"emergency number {number} missing"
    for hotline in entry.hotlines:
        for phone in hotline.phones:
            assert squeezed(display_number(phone, country)) in text
        for key in ("from_abroad", "sms", "whatsapp", "email"):
            value = hotline.abroad if key == "from_abroad" else getattr(hotline, key)
            if value:
                assert squeezed(display_contact(key, value, country)) in text, f"{key} missing"
    if country == "US":
        assert "233733" in text  # the text line


@pytest.mark.parametrize(("language", "country"), WALLET_CASES)
def test_the_printed_wallet_cards_each_show_the_numbers(
    bundle: Bundle, printed: dict[tuple[str, str, str], Path], language: str, country: str
) -> None:
    text = squeezed(pdf_text(printed[language, country, "wallet"]))
    entry = bundle.directory.get(country)
    assert entry is not None

    assert text.count(f"@{USERNAME}") == WALLET_CARDS
    (_key, numbers), *_ = entry.emergency.labelled()
    assert text.count(squeezed(display_number(numbers[0], country))) >= WALLET_CARDS
    best = squeezed(display_number(entry.hotlines[0].phones[0], country))
    assert text.count(best) == WALLET_CARDS


def test_the_command_line_writes_a_pdf_leaflet(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_chromium()
    monkeypatch.setattr(share_cli, "find_chromium", lambda: str(CHROMIUM))
    output = tmp_path / "leaflet-uk-UA.PDF"  # any case

    code = main(["leaflet", "--lang", "uk", "--country", "UA", "--campaign", CAMPAIGN,
                 "-o", str(output), "--bot", USERNAME])  # fmt: skip

    assert code == 0, capsys.readouterr().err
    assert capsys.readouterr().out == f"{output}: leaflet in uk for UA, one A4 page (PDF).\n"
    assert output.read_bytes().startswith(b"%PDF-")
    assert len(pypdf.PdfReader(output).pages) == 1
    text = pdf_text(output)
    assert f"@{USERNAME}" in text
    assert "527" in text
    assert [path.name for path in tmp_path.iterdir()] == [output.name]  # nothing left behind


# -- the document ---------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "country"), CASES)
def test_the_qr_code_opens_get_help_in_the_leaflets_language_and_country(
    bundle: Bundle, language: str, country: str
) -> None:
    document = leaflet(bundle, language, country)
    svg = re.search(r"<svg.*?</svg>", document, re.DOTALL)
    assert svg, "no inline SVG"

    decoded = decode(svg_image(svg.group()))

    assert decoded == link(bundle, language, country)
    payload = decoded.split("?start=", 1)[1]
    parsed = parse_payload(payload, bundle.content.pages, bundle.languages, country_codes())
    assert parsed == DeepLink(bundle.content.urgent, language, country, CAMPAIGN)


@pytest.mark.parametrize("language", SUPPORTED)
def test_the_qr_code_is_big_enough_to_scan_from_a_poster(bundle: Bundle, language: str) -> None:
    document = leaflet(bundle, language, "UA")
    svg = re.search(r"<svg.*?</svg>", document, re.DOTALL)
    assert svg
    modules = svg_image(svg.group()).shape[0] // PIXELS_PER_MODULE  # with the quiet zone
    assert QR_SIZE_MM * (modules - 2 * QUIET_ZONE) / modules >= 60
    assert re.search(rf"\.qr \{{[^}}]*width: {QR_SIZE_MM}mm", document)


@pytest.mark.parametrize("language", SUPPORTED)
def test_the_document_is_self_contained_and_in_its_language(bundle: Bundle, language: str) -> None:
    document = leaflet(bundle, language, "UA")
    direction = "rtl" if bundle.locales.is_rtl(language) else "ltr"

    assert document.startswith("<!DOCTYPE html>")
    assert f'<html lang="{language}" dir="{direction}">' in document
    assert "@page { size: A4; margin: 0; }" in document  # no room for a browser's header
    assert "<script" not in document
    assert not re.search(r"\b(src|href)=|url\(|@import", document), "an outside resource"
    for font in ("Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC"):
        assert f'"{font}"' in document
    title = html.escape(bundle.locales.get(language, "leaflet_title"))
    assert f"<h1>{title}</h1>" in document
    assert html.escape(bundle.locales.get(language, "leaflet_private")) in document


def test_numbers_and_latin_names_stay_intact_in_arabic(bundle: Bundle) -> None:
    """Each number, address and name is isolated, so right-to-left text cannot reorder it."""
    ukraine = bundle.directory.get("UA")
    assert ukraine is not None
    document = leaflet(bundle, "ar", "UA")

    numbers = [*ukraine.emergency.numbers, ukraine.emergency.police]
    for hotline in ukraine.hotlines:
        numbers += [*hotline.phones, hotline.from_abroad]
        assert f"<bdi>{html.escape(hotline.name)}</bdi>" in document
    for number in filter(None, numbers):
        if number.startswith("+"):  # from abroad, in the small print: kept on one line too
            shown = html.escape(display_contact("from_abroad", number, "UA"))
            assert f'<bdi dir="ltr" class="dial">{shown}</bdi>' in document
        else:
            assert f'<bdi dir="ltr">{html.escape(display_number(number, "UA"))}</bdi>' in document
    assert '<bdi dir="ltr">527</bdi>' in document
    assert f'<bdi dir="ltr">@{USERNAME}</bdi>' in document
    assert f'<bdi dir="ltr">{link(bundle, "ar", "UA")}</bdi>' in document


def test_a_country_without_an_entry_shows_only_the_no_entry_text(bundle: Bundle) -> None:
    assert bundle.directory.get("GS") is None
    document = leaflet(bundle, "en", "GS")
    name = country_name("GS", "en")

    assert html.escape(bundle.locales.get("en", "no_entry", country=name)) in document
    assert 'class="emergency"' not in document
    assert 'class="helplines"' not in document
    assert 'class="sources"' not in document


def test_the_sources_are_named_once_each_with_their_dates(bundle: Bundle) -> None:
    ukraine = bundle.directory.get("UA")
    assert ukraine is not None
    sourced = [ukraine.emergency.sourced, *(hotline.sourced for hotline in ukraine.hotlines)]
    expected = dict.fromkeys(
        (item.source.split("/")[2].removeprefix("www."), format_date(item.checked, "long", "fr"))
        for item in sourced
    )

    footer = leaflet(bundle, "fr", "UA").split('<footer class="sources">')[1]

    (paragraph,) = re.findall(r"<p>(.*?)</p>", footer)  # one paragraph, to save the page
    lines = paragraph.split(" · ")
    assert len(lines) == len(expected)
    for line, (domain, date) in zip(lines, expected, strict=True):
        assert line == f'Source\u00a0: <bdi dir="ltr">{domain}</bdi>, vérifiée le <bdi>{date}</bdi>'


def test_every_text_is_escaped(bundle: Bundle) -> None:
    ukraine = bundle.directory.get("UA")
    assert ukraine is not None
    hotline = dataclasses.replace(ukraine.hotlines[0], name='<script>alert("x")</script> & Co')
    country = dataclasses.replace(ukraine, hotlines=(hotline,))
    directory = dataclasses.replace(bundle.directory, countries={"UA": country})

    document = render_leaflet(
        dataclasses.replace(bundle, directory=directory), USERNAME, "en", "UA"
    )

    assert "<script" not in document
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in document


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_wallet_card_has_a_qr_code_that_opens_get_help(bundle: Bundle, language: str) -> None:
    document = leaflet(bundle, language, "UA", "wallet")
    codes = re.findall(r"<svg.*?</svg>", document, re.DOTALL)

    assert document.count('class="card"') == WALLET_CARDS == len(codes)
    assert {decode(svg_image(svg)) for svg in codes} == {link(bundle, language, "UA")}
    assert "@page { size: A4; margin: 0; }" in document


@pytest.mark.parametrize("layout", ["page", "wallet"])
def test_where_telegram_is_blocked_the_sheet_says_the_numbers_work_without_it(
    bundle: Bundle, layout: str
) -> None:
    ukraine = bundle.directory.get("UA")
    assert ukraine is not None
    blocked = dataclasses.replace(ukraine, telegram_blocked=ukraine.emergency.sourced)
    directory = dataclasses.replace(bundle.directory, countries={"UA": blocked})
    warning = html.escape(bundle.locales.get("en", "leaflet_blocked", country="Ukraine"))

    document = render_leaflet(dataclasses.replace(bundle, directory=directory), USERNAME,
                              "en", "UA", layout=layout)  # fmt: skip

    assert warning in document
    assert warning not in leaflet(bundle, "en", "UA", layout)


@pytest.mark.parametrize("layout", ["page", "wallet"])
def test_who_distributes_the_sheet_is_named_and_escaped(bundle: Bundle, layout: str) -> None:
    document = render_leaflet(bundle, USERNAME, "fr", "UA", by="<b>A & B</b>", layout=layout)

    assert "Distribué par <bdi>&lt;b&gt;A &amp; B&lt;/b&gt;</bdi>" in document
    assert 'class="by"' not in render_leaflet(bundle, USERNAME, "fr", "UA", layout=layout)
