"""Deep-link payloads: ``https://t.me/<bot>?start=<payload>`` opens a page in a language.

The scheme, fields separated by ``-``, each optional but in this order::

    <page>-<lang>-<COUNTRY>-_<campaign>      e.g. get_help-uk-UA-_kyiv_station

``page`` is a page id (a-z, 0-9, _; starts with a letter), ``lang`` a language code (lower
case), ``COUNTRY`` an ISO code (two capitals), ``campaign`` a tag for counting which
leaflet or poster brought people (A-Z a-z 0-9 _, after a leading ``_``). So ``-`` always
separates fields, every field is recognised by its shape, and every payload stays within
Telegram's 64 characters of A-Z a-z 0-9 _ -. Without a page the menu opens (``es``,
``es-UA``). A payload that is not wholly of this scheme, or names an unknown page, language
or country, opens the menu.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

MAX_PAYLOAD_CHARS = 64
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_CAMPAIGN = re.compile(r"^_[A-Za-z0-9_]{1,32}$")


@dataclass(frozen=True)
class DeepLink:
    page_id: str | None
    language: str | None
    country: str | None = None
    campaign: str | None = None

    @property
    def is_empty(self) -> bool:
        """Nothing valid was asked for: a forged or outdated payload."""
        return self.page_id is None and self.language is None and self.country is None


def make_payload(
    page_id: str | None,
    language: str | None = None,
    country: str | None = None,
    campaign: str | None = None,
) -> str:
    fields = [page_id, language, country, f"_{campaign}" if campaign else None]
    payload = "-".join(field for field in fields if field)
    if not _PAYLOAD.fullmatch(payload) or (campaign and not _CAMPAIGN.fullmatch(f"_{campaign}")):
        raise ValueError(
            f"cannot make a deep link of at most {MAX_PAYLOAD_CHARS} characters A-Z a-z 0-9 _ - "
            f"from {page_id!r}, {language!r}, {country!r}, {campaign!r}"
        )
    return payload


def parse_payload(
    payload: str,
    pages: Container[str],
    languages: Container[str],
    countries: Container[str] = (),
) -> DeepLink:
    """What a payload asks for. Anything not wholly of the scheme asks for nothing."""
    nothing = DeepLink(None, None)
    if not _PAYLOAD.fullmatch(payload):
        return nothing
    fields = payload.split("-")
    page_id = fields.pop(0) if fields[0] in pages else None
    language = fields.pop(0) if fields and _LANGUAGE.fullmatch(fields[0]) else None
    country = fields.pop(0) if fields and _COUNTRY.fullmatch(fields[0]) else None
    campaign = fields.pop(0)[1:] if fields and _CAMPAIGN.fullmatch(fields[0]) else None
    if fields or (language is not None and language not in languages):
        return nothing
    if country is not None and country not in countries:
        return nothing
    link = DeepLink(page_id, language, country, campaign)
    return nothing if link.is_empty else link
