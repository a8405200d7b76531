"""``python -m bot links | qr | leaflet``: deep links, QR codes and printable leaflets.

Each needs the bot's username (``--bot``, else ``BOT_USERNAME``): the ``@name`` BotFather
gave, without the ``@``. Exit codes: 0 done; 1 an unknown page, language or country (or a
link that cannot be made); 2 no username, or one that is not a bot's.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from bot.bundle import Bundle, load_bundle
from bot.config import Config
from bot.leaflet import render_leaflet
from bot.places import country_codes
from bot.sharing import bot_link, save_qr

COMMANDS = ("links", "qr", "leaflet")
EXIT_OK, EXIT_ERROR, EXIT_CONFIG = 0, 1, 2
NO_USERNAME = (
    "error: give the bot's username with --bot or BOT_USERNAME "
    "(the @name from BotFather, without @)"
)


class ShareError(Exception):
    """A one-line reason the command cannot run; ``code`` is the exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
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
    leaflet = commands.add_parser("leaflet", help="a printable A4 leaflet (HTML) for a country")
    leaflet.add_argument("--lang", required=True, help="the leaflet's language")
    leaflet.add_argument("--country", required=True, help="whose numbers (ISO code, e.g. UA)")
    leaflet.add_argument("-o", "--output", type=Path, required=True, help="an .html file")
    _common(leaflet)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bot", help="the bot's username (default: $BOT_USERNAME)")
    parser.add_argument("--campaign", help="a tag counting where people came from, e.g. kyiv")


def run(config: Config, args: argparse.Namespace) -> int:
    """Run one of :data:`COMMANDS`; errors are one line on stderr."""
    try:
        username = bot_username(args.bot, os.environ)
        bundle = load_bundle(config.content_dir, config.locales_dir)
        country = _country(args.country)
        if args.command == "links":
            return links(bundle, username, args.format, country, args.campaign, args.output)
        language = _language(bundle, args.lang)
        if args.command == "qr":
            return qr(bundle, username, args.page, language, country, args.campaign, args.output)
        if country is None:  # argparse requires it; callers of run() might not
            raise ShareError("error: give the leaflet's country with --country, e.g. UA")
        return leaflet(bundle, username, language, country, args.campaign, args.output)
    except ShareError as exc:
        print(exc, file=sys.stderr)
        return exc.code


def bot_username(given: str | None, environ: Mapping[str, str]) -> str:
    """The username from ``--bot``, else ``BOT_USERNAME``, checked with a link made of it."""
    username = (given or environ.get("BOT_USERNAME", "")).strip().removeprefix("@")
    if not username:
        raise ShareError(NO_USERNAME, EXIT_CONFIG)
    try:
        bot_link(username)
    except ValueError:
        raise ShareError(
            f"error: {username!r} is not a bot username (letters, digits and _, as "
            "BotFather gave it, without @)",
            EXIT_CONFIG,
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
    return EXIT_OK


def qr(
    bundle: Bundle, username: str, page_id: str, language: str, country: str | None,
    campaign: str | None, output: Path,
) -> int:  # fmt: skip
    """A QR code of the page's deep link, as SVG or PNG by the file's extension."""
    if page_id not in bundle.content.pages:
        raise ShareError(f"error: unknown page {page_id!r}: `python -m bot links` lists them")
    if output.suffix.lower() not in (".svg", ".png"):
        raise ShareError(f"error: {output} must end in .svg or .png")
    link = _link(username, page_id, language, country, campaign)
    try:
        save_qr(link, str(output))
    except OSError as exc:
        raise ShareError(f"error: cannot write {output}: {exc.strerror}") from None
    print(f"{output}: QR code of {link}")
    return EXIT_OK


def leaflet(
    bundle: Bundle, username: str, language: str, country: str, campaign: str | None,
    output: Path,
) -> int:  # fmt: skip
    """The printable leaflet: open the file in a browser and print it on A4."""
    _link(username, bundle.content.urgent, language, country, campaign)  # checks the campaign
    _write(output, render_leaflet(bundle, username, language, country, campaign))
    print(f"{output}: leaflet in {language} for {country}; open it in a browser and print "
          "it on A4 (one page).")  # fmt: skip
    return EXIT_OK


def _language(bundle: Bundle, language: str) -> str:
    if language not in bundle.languages:
        raise ShareError(
            f"error: unknown language {language!r}: choose one of {', '.join(bundle.languages)}"
        )
    return language


def _country(country: str | None) -> str | None:
    if country is None:
        return None
    code = country.strip().upper()
    if code not in country_codes():
        raise ShareError(f"error: unknown country {country!r}: give its ISO code, e.g. UA")
    return code


def _link(
    username: str, page_id: str, language: str, country: str | None, campaign: str | None
) -> str:
    try:
        return bot_link(username, page_id, language, country, campaign)
    except ValueError as exc:
        raise ShareError(f"error: {exc}") from None


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
        raise ShareError(f"error: cannot write {path}: {exc.strerror}") from None
