"""``python -m bot links | qr | leaflet``: deep links, QR codes and printable leaflets.

Each needs the bot's username (``--bot``, else ``BOT_USERNAME``): the ``@name`` BotFather
gave, without the ``@``. Languages and countries are accepted in any case (``EN``, ``ua``).
A leaflet is HTML (``-o x.html``) or, printed by headless Chromium, PDF (``-o x.pdf``); as
one A4 leaflet (``--layout page``) or ten wallet cards (``--layout wallet``), signed by who
distributes it (``--by``).

Exit codes: 0 done; 1 an unknown page, language or country, a file type these commands do
not write, a campaign tag that is not 1-32 of ``A-Z a-z 0-9 _``, a ``--by`` that is empty
or longer than 80 characters, or no Chromium for a PDF;
2 no username, or one that is not a bot's, or a leaflet for a country the hotline
directory has no entry for (it would have no numbers).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.cli.arguments import CommandError, choice, file_type
from bot.cli.exit_codes import ExitCode
from bot.config import Config
from bot.content.bundle import Bundle, load_bundle
from bot.content.places import country_codes
from bot.core.deeplinks import MAX_PAYLOAD_CHARS
from bot.features.sharing.leaflet import LAYOUTS, WALLET_CARDS, render_leaflet
from bot.features.sharing.links import bot_link, save_qr

COMMANDS = ("links", "qr", "leaflet")
NO_USERNAME = (
    "error: give the bot's username with --bot or BOT_USERNAME "
    "(the @name from BotFather, without @)"
)
CAMPAIGN_TAG = re.compile(r"[A-Za-z0-9_]{1,32}")  # as bot.core.deeplinks accepts it
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
PRINT_TIMEOUT = 120  # seconds Chromium may take to print a leaflet
MAX_BY = 80  # characters of --by: a name, not a paragraph


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``links``, ``qr`` and ``leaflet`` to the command line."""
    links = commands.add_parser("links", help="the deep link of every page in every language")
    links.add_argument("--format", choices=("csv", "markdown"), default="csv")
    links.add_argument("--country", help="preset this country (ISO code, e.g. UA)")
    links.add_argument("-o", "--output", type=Path, help="write to this file, not stdout")
    _common(links)
    qr = commands.add_parser("qr", help="a QR code of a page's deep link (.svg or .png)")
    qr.add_argument("page", help="the page id, e.g. get_help")
    qr.add_argument("--lang", required=True, help="the language the page opens in")
    qr.add_argument("--country", help="preset this country (ISO code, e.g. UA)")
    qr.add_argument("-o", "--output", type=Path, required=True, help="a .svg or .png file")
    _common(qr)
    leaflet = commands.add_parser("leaflet", help="a printable A4 leaflet (HTML or PDF)")
    leaflet.add_argument("--lang", required=True, help="the leaflet's language")
    leaflet.add_argument("--country", required=True, help="whose numbers (ISO code, e.g. UA)")
    leaflet.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="an .html file, or .pdf (printed by headless Chromium)",
    )
    leaflet.add_argument(
        "--layout",
        choices=LAYOUTS,
        default="page",
        help="page: the A4 leaflet; wallet: ten cards to cut out",
    )
    leaflet.add_argument("--by", help='who distributes it, e.g. "La Strada-Ukraine"')  # fmt: skip
    _common(leaflet)
    for parser in (links, qr, leaflet):
        parser.set_defaults(run=run)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bot", help="the bot's username (default: $BOT_USERNAME)")
    parser.add_argument("--campaign", help="a tag counting where people came from, e.g. kyiv")


def run(config: Config, args: argparse.Namespace) -> int:
    """Run one of :data:`COMMANDS`; errors are one line on stderr."""
    try:
        username = bot_username(args.bot, os.environ)
        campaign = _campaign(args.campaign)
        bundle = load_bundle(config.content_dir, config.locales_dir)
        country = _country(args.country)
        if args.command == "links":
            return links(bundle, username, args.format, country, campaign, args.output)
        language = _language(bundle, args.lang)
        if args.command == "qr":
            return qr(bundle, username, args.page, language, country, campaign, args.output)
        if country is None:  # argparse requires it; callers of run() might not
            raise CommandError("error: give the leaflet's country with --country, e.g. UA")
        sheet = Sheet(language, country, campaign, _by(args.by), args.layout)
        return leaflet(bundle, username, sheet, args.output)
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return exc.code


def bot_username(given: str | None, environ: Mapping[str, str]) -> str:
    """The username from ``--bot``, else ``BOT_USERNAME``, checked with a link made of it."""
    username = (given or environ.get("BOT_USERNAME", "")).strip().removeprefix("@")
    if not username:
        raise CommandError(NO_USERNAME, ExitCode.BAD_INPUT)
    try:
        bot_link(username)
    except ValueError:
        raise CommandError(
            f"error: {username!r} is not a bot username (letters, digits and _, as "
            "BotFather gave it, without @)",
            ExitCode.BAD_INPUT,
        ) from None
    return username


def links(
    bundle: Bundle, username: str, output_format: str, country: str | None,
    campaign: str | None, output: Path | None,
) -> int:  # fmt: skip
    """One row per page and language: page id, language, title, deep link."""
    rows = [
        (page_id, language, bundle.content.text(page_id, language)[0].title,
         _link(username, page_id, language, country, campaign))
        for page_id in bundle.content.pages for language in bundle.languages
    ]  # fmt: skip
    text = _markdown(rows) if output_format == "markdown" else _csv(rows)
    if output is None:
        sys.stdout.write(text)
    else:
        _write(output, text)
        print(f"{output}: {len(rows)} links ({len(bundle.content.pages)} pages × "
              f"{len(bundle.languages)} languages)")  # fmt: skip
    return ExitCode.OK


def qr(
    bundle: Bundle, username: str, page_id: str, language: str, country: str | None,
    campaign: str | None, output: Path,
) -> int:  # fmt: skip
    """A QR code of the page's deep link, as SVG or PNG by the file's extension."""
    if page_id not in bundle.content.pages:
        raise CommandError(f"error: unknown page {page_id!r}: `python -m bot links` lists them")
    file_type(output, (".svg", ".png"), ExitCode.FAILURE)
    link = _link(username, page_id, language, country, campaign)
    try:
        save_qr(link, str(output))
    except OSError as exc:
        raise CommandError(f"error: cannot write {output}: {exc.strerror}") from None
    print(f"{output}: QR code of {link}")
    return ExitCode.OK


@dataclass(frozen=True)
class Sheet:
    """What to print: for whom (language, country), how it is counted and signed, how laid out."""

    language: str
    country: str
    campaign: str | None = None
    by: str | None = None
    layout: str = "page"

    @property
    def what(self) -> str:
        kind = "leaflet" if self.layout == "page" else f"{WALLET_CARDS} wallet cards"
        return f"{kind} in {self.language} for {self.country}"


def leaflet(bundle: Bundle, username: str, sheet: Sheet, output: Path) -> int:
    """The printable sheet, as HTML to print from a browser on A4, or as a PDF."""
    pdf = file_type(output, (".html", ".pdf"), ExitCode.FAILURE) == ".pdf"
    if bundle.directory.get(sheet.country) is None:
        raise CommandError(
            f"error: the hotline directory has no entry for {sheet.country}, so its leaflet "
            f"would have no numbers: choose one of {', '.join(sorted(bundle.directory.countries))} "
            "(`python -m bot hotlines` lists them)",
            ExitCode.BAD_INPUT,
        )
    chromium = _chromium() if pdf else None
    _link(username, bundle.content.urgent, sheet.language, sheet.country, sheet.campaign)
    document = render_leaflet(bundle, username, sheet.language, sheet.country, sheet.campaign,
                              sheet.by, sheet.layout)  # fmt: skip
    if chromium is None:
        _write(output, document)
        print(f"{output}: {sheet.what}; open it in a browser and print it on A4 (one page).")
    else:
        _write_pdf(chromium, document, output)
        print(f"{output}: {sheet.what}, one A4 page (PDF).")
    return ExitCode.OK


def _by(by: str | None) -> str | None:
    """Who distributes the sheet: one short line of text."""
    if by is None:
        return None
    name = " ".join(by.split())
    if not name or len(name) > MAX_BY:
        raise CommandError(f"error: --by names who distributes the leaflet in 1 to {MAX_BY} "
                           'characters, e.g. --by "La Strada-Ukraine"')  # fmt: skip
    return name


def _language(bundle: Bundle, language: str) -> str:
    return choice(language, bundle.languages, "language", ExitCode.FAILURE)


def _country(country: str | None) -> str | None:
    if country is None:
        return None
    code = country.strip().upper()
    if code not in country_codes():
        raise CommandError(
            f"error: unknown country {country!r}: give its two-letter ISO 3166 code, e.g. UA "
            "(`python -m bot hotlines` lists the countries with hotlines)"
        )
    return code


def _campaign(campaign: str | None) -> str | None:
    if campaign is not None and not CAMPAIGN_TAG.fullmatch(campaign):
        raise CommandError(
            f"error: cannot make a deep link with the campaign tag {campaign!r}: a tag is 1 to "
            "32 letters A-Z a-z, digits 0-9 and _ (no - or spaces), e.g. kyiv_station"
        )
    return campaign


def _link(
    username: str, page_id: str, language: str, country: str | None, campaign: str | None
) -> str:
    try:
        return bot_link(username, page_id, language, country, campaign)
    except ValueError:
        raise CommandError(
            f"error: cannot make a deep link to {page_id} in {language}"
            f"{f' for {country}' if country else ''} with the campaign tag {campaign!r}: "
            f"it would be longer than Telegram's {MAX_PAYLOAD_CHARS} characters; "
            "shorten the tag"
        ) from None


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) on PATH, if there is one."""
    return next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)


def print_to_pdf(
    chromium: str, html_file: Path, pdf_file: Path, profile: Path, timeout: float = PRINT_TIMEOUT
) -> None:
    """Print a page as Chrome's "Save as PDF" does, without headers and footers."""
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf_file}", html_file.as_uri()],
        capture_output=True, timeout=timeout, check=True,
    )  # fmt: skip


def _chromium() -> str:
    if chromium := find_chromium():
        return chromium
    raise CommandError(
        "error: a PDF leaflet is printed by Chromium, which is not installed (Debian: "
        "apt-get install chromium); or write an .html file and print it from a browser"
    )


def _write_pdf(chromium: str, document: str, output: Path) -> None:
    """The leaflet printed to ``output`` by headless Chromium, from a private folder."""
    if not output.parent.is_dir():
        raise CommandError(f"error: cannot write {output}: no folder {output.parent}")
    with tempfile.TemporaryDirectory(prefix="leaflet-") as folder:
        page, printed = Path(folder) / "leaflet.html", Path(folder) / "leaflet.pdf"
        page.write_text(document, encoding="utf-8")
        try:
            print_to_pdf(chromium, page, printed, Path(folder) / "profile")
        except (OSError, subprocess.SubprocessError) as exc:
            raise CommandError(
                f"error: Chromium could not print the leaflet: {_why(exc)}"
            ) from None
        if not printed.is_file():
            raise CommandError("error: Chromium could not print the leaflet: it wrote no PDF")
        try:
            shutil.move(printed, output)
        except OSError as exc:
            raise CommandError(f"error: cannot write {output}: {exc.strerror}") from None


def _why(exc: OSError | subprocess.SubprocessError) -> str:
    """One line: Chromium's last words, or the reason it did not run."""
    if isinstance(exc, subprocess.TimeoutExpired):
        return f"no PDF after {exc.timeout:g} seconds"
    if isinstance(exc, subprocess.CalledProcessError):
        said = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        return f"exit status {exc.returncode}" + (f" ({said[-1].strip()})" if said else "")
    return str(exc.strerror if isinstance(exc, OSError) else exc)


def _csv(rows: list[tuple[str, str, str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("page", "language", "title", "link"))
    writer.writerows(rows)
    return buffer.getvalue()


def _markdown(rows: list[tuple[str, str, str, str]]) -> str:
    lines = ["| Page | Language | Title | Link |", "| --- | --- | --- | --- |"]
    for page_id, language, title, link in rows:
        cells = (f"`{page_id}`", language, title.replace("|", "\\|"), f"<{link}>")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"error: cannot write {path}: {exc.strerror}") from None
