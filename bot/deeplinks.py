"""Deep-link payloads: ``https://t.me/<bot>?start=<payload>`` opens a page in a language.

The scheme: ``<page>[-<lang>][-<COUNTRY>]``, e.g. ``get_help``, ``get_help-es``,
``get_help-uk-UA``, ``get_help-UA``; or ``<lang>[-<COUNTRY>]`` for the menu (``es``). Page ids
use only a-z, 0-9 and _, languages are lower case and countries are two capital letters,
so ``-`` always separates fields and every payload stays within Telegram's 64 characters of
A-Z a-z 0-9 _ -. A payload that is not wholly of this scheme, or names an unknown page,
language or country, opens the menu.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

MAX_PAYLOAD_CHARS = 64
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class DeepLink:
    page_id: str | None
    language: str | None
    country: str | None = None

    @property
    def is_empty(self) -> bool:
        """Nothing valid was asked for: a forged or outdated payload."""
        return self.page_id is None and self.language is None and self.country is None


def make_payload(page_id: str, language: str | None = None, country: str | None = None) -> str:
    payload = "-".join(field for field in (page_id, language, country) if field)
    if not _PAYLOAD.match(payload):
        raise ValueError(f"cannot make a deep link from {page_id!r}, {language!r}, {country!r}")
    return payload


def parse_payload(
    payload: str,
    pages: Container[str],
    languages: Container[str],
    countries: Container[str] = (),
) -> DeepLink:
    """What a payload asks for. Anything not wholly of the scheme asks for nothing."""
    nothing = DeepLink(None, None)
    if not _PAYLOAD.match(payload):
        return nothing
    fields = payload.split("-")
    page_id = fields.pop(0) if fields[0] in pages else None
    language = fields.pop(0) if fields and _LANGUAGE.match(fields[0]) else None
    country = fields.pop(0) if fields and _COUNTRY.match(fields[0]) else None
    if fields or (language is not None and language not in languages):
        return nothing
    if country is not None and country not in countries:
        return nothing
    return DeepLink(page_id, language, country)
