"""Sharing the bot: deep links to any page, and QR codes of them, for chats and leaflets."""

from __future__ import annotations

import functools
import io
import re

import segno

from bot.core.deeplinks import make_payload

_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


def bot_link(username: str, page_id: str | None = None, language: str | None = None,
             country: str | None = None, campaign: str | None = None) -> str:  # fmt: skip
    """``https://t.me/<bot>?start=<payload>``; without a page or language, the bot itself."""
    if not _USERNAME.match(username.removeprefix("@")):
        raise ValueError(f"{username!r} is not a bot username")
    base = f"https://t.me/{username.removeprefix('@')}"
    if not any((page_id, language, country, campaign)):
        return base
    return f"{base}?start={make_payload(page_id, language, country, campaign)}"


@functools.lru_cache(maxsize=512)  # a few links, shared again and again: draw each once
def qr_png(link: str, scale: int = 8) -> bytes:
    """A QR code of ``link`` as PNG: error correction level M, quiet zone included."""
    buffer = io.BytesIO()
    segno.make_qr(link, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(link: str, scale: int = 8, title: str | None = None) -> str:
    """A QR code of ``link`` as a standalone SVG document (crisp at any print size)."""
    buffer = io.BytesIO()
    segno.make_qr(link, error="m").save(
        buffer, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True, title=title
    )
    return buffer.getvalue().decode("utf-8")


def save_qr(link: str, path: str) -> None:
    """Write a QR code to ``path``: SVG or PNG by its extension."""
    if not path.lower().endswith((".svg", ".png")):
        raise ValueError("the QR code file must end in .svg or .png")
    segno.make_qr(link, error="m").save(path, scale=10, border=4)
