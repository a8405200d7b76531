"""Deep-link payloads: ``https://t.me/<bot>?start=<payload>`` opens a page in a language.

The scheme: ``<page>`` or ``<page>-<lang>``, e.g. ``get_help-es``. Page ids use only
a-z, 0-9 and _, so ``-`` always separates fields, and every payload stays within Telegram's
64 characters of A-Z a-z 0-9 _ -. A bare language code (``es``) opens the menu in it.
A payload that is not wholly of this scheme, or names an unknown page or language,
opens the menu.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

MAX_PAYLOAD_CHARS = 64
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class DeepLink:
    page_id: str | None
    language: str | None


def make_payload(page_id: str, language: str | None = None) -> str:
    payload = f"{page_id}-{language}" if language else page_id
    if not _PAYLOAD.match(payload):
        raise ValueError(f"cannot make a deep link from page {page_id!r}, language {language!r}")
    return payload


def parse_payload(payload: str, pages: Container[str], languages: Container[str]) -> DeepLink:
    """What a payload asks for. Anything not wholly of the scheme asks for nothing."""
    nothing = DeepLink(None, None)
    if not _PAYLOAD.match(payload):
        return nothing
    first, separator, rest = payload.partition("-")
    if not separator:
        if first in pages:
            return DeepLink(first, None)
        return DeepLink(None, first) if first in languages else nothing
    if first in pages and rest in languages:
        return DeepLink(first, rest)
    return nothing
