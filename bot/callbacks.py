"""The data carried by inline buttons, and the one place that encodes and decodes it.

Telegram gives a button 1-64 bytes of data and sends them back verbatim when it is tapped,
from any message the user still has, however old. So decoding must accept anything and
never fail: data that is not one of ours, or names a page that no longer exists, becomes
:class:`Unknown` and the user is shown the menu.
"""

from __future__ import annotations

from dataclasses import dataclass

_PAGE = "p:"
_SET_LANGUAGE = "lang:"
_LANGUAGES = "lang"


@dataclass(frozen=True)
class OpenPage:
    page_id: str


@dataclass(frozen=True)
class ShowLanguages:
    pass


@dataclass(frozen=True)
class SetLanguage:
    language: str


@dataclass(frozen=True)
class Unknown:
    pass


Action = OpenPage | ShowLanguages | SetLanguage | Unknown


def open_page(page_id: str) -> str:
    return _PAGE + page_id


def show_languages() -> str:
    return _LANGUAGES


def set_language(language: str) -> str:
    return _SET_LANGUAGE + language


def decode(data: str | None) -> Action:
    """The action behind a button's data. Never raises."""
    if not data:
        return Unknown()
    if data == _LANGUAGES:
        return ShowLanguages()
    if data.startswith(_PAGE) and len(data) > len(_PAGE):
        return OpenPage(data[len(_PAGE) :])
    if data.startswith(_SET_LANGUAGE) and len(data) > len(_SET_LANGUAGE):
        return SetLanguage(data[len(_SET_LANGUAGE) :])
    return Unknown()
