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
_REGIONS = "hl"
_REGION = "hr:"
_COUNTRY = "hc:"
_MY_COUNTRY = "mc"
_FORGET_COUNTRY = "mc:x"
_SET_COUNTRY = "mc:s:"
_SHARE = "sh:"
_FORGET_ME = "fg"
_EXIT = "ex"
_STATS_CSV = "st:"
_NEWS = "nw:"
_SEND_NEWS = "nb:"
_CANCEL_NEWS = "nx:"
_SELF_CHECK = "sc:"
_SPOKEN = "sp"
_SPOKEN_LANGUAGE = "sp:"
_SAY = "sv:"


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
class ShowRegions:
    pass


@dataclass(frozen=True)
class ShowRegion:
    region: str


@dataclass(frozen=True)
class ShowCountry:
    code: str


@dataclass(frozen=True)
class ShowMyCountry:
    pass


@dataclass(frozen=True)
class SetCountry:
    code: str


@dataclass(frozen=True)
class ForgetCountry:
    pass


@dataclass(frozen=True)
class Share:
    page_id: str


@dataclass(frozen=True)
class ForgetMe:
    pass


@dataclass(frozen=True)
class Exit:
    pass


@dataclass(frozen=True)
class StatsCsv:
    days: str


@dataclass(frozen=True)
class SetNews:
    choice: str  # "on" or "off"


@dataclass(frozen=True)
class SendNews:
    broadcast: str


@dataclass(frozen=True)
class CancelNews:
    broadcast: str


@dataclass(frozen=True)
class SelfCheck:
    progress: str  # "<next question>:<yes bits in hex>", see bot.selfcheck


@dataclass(frozen=True)
class ShowSpoken:
    pass


@dataclass(frozen=True)
class SpokenLanguage:
    language: str


@dataclass(frozen=True)
class Say:
    what: str  # "<language>:<message number>"


@dataclass(frozen=True)
class Unknown:
    pass


Action = (
    OpenPage | ShowLanguages | SetLanguage | ShowRegions | ShowRegion | ShowCountry
    | ShowMyCountry | SetCountry | ForgetCountry | Share | ForgetMe | Exit | StatsCsv
    | SetNews | SendNews | CancelNews | SelfCheck | ShowSpoken | SpokenLanguage | Say | Unknown
)  # fmt: skip


def open_page(page_id: str) -> str:
    return _PAGE + page_id


def show_languages() -> str:
    return _LANGUAGES


def set_language(language: str) -> str:
    return _SET_LANGUAGE + language


def show_regions() -> str:
    return _REGIONS


def show_region(region: str) -> str:
    return _REGION + region


def show_country(code: str) -> str:
    return _COUNTRY + code


def show_my_country() -> str:
    return _MY_COUNTRY


def set_country(code: str) -> str:
    return _SET_COUNTRY + code


def forget_country() -> str:
    return _FORGET_COUNTRY


def share(page_id: str) -> str:
    return _SHARE + page_id


def forget_me() -> str:
    return _FORGET_ME


def exit_() -> str:
    return _EXIT


def stats_csv(days: int) -> str:
    return f"{_STATS_CSV}{days}"


def news(on: bool) -> str:
    return _NEWS + ("on" if on else "off")


def send_news(broadcast_id: int) -> str:
    return f"{_SEND_NEWS}{broadcast_id}"


def cancel_news(broadcast_id: int) -> str:
    return f"{_CANCEL_NEWS}{broadcast_id}"


def self_check(progress: str) -> str:
    return _SELF_CHECK + progress


def show_spoken() -> str:
    return _SPOKEN


def spoken_language(language: str) -> str:
    return _SPOKEN_LANGUAGE + language


def say(language: str, message: int) -> str:
    return f"{_SAY}{language}:{message}"


def is_number(text: str) -> bool:
    """ASCII digits only: "²" and "٣" pass str.isdigit, and "²" breaks int()."""
    return text.isascii() and text.isdigit()


def decode(data: str | None) -> Action:
    """The action behind a button's data. Never raises."""
    if not data:
        return Unknown()
    if data == _LANGUAGES:
        return ShowLanguages()
    if data == _REGIONS:
        return ShowRegions()
    if data == _MY_COUNTRY:
        return ShowMyCountry()
    if data == _FORGET_COUNTRY:
        return ForgetCountry()
    if data == _FORGET_ME:
        return ForgetMe()
    if data == _EXIT:
        return Exit()
    if data == _SPOKEN:
        return ShowSpoken()
    prefixes = ((_PAGE, OpenPage), (_SET_LANGUAGE, SetLanguage), (_REGION, ShowRegion),
                (_COUNTRY, ShowCountry), (_SET_COUNTRY, SetCountry), (_SHARE, Share),
                (_STATS_CSV, StatsCsv), (_NEWS, SetNews), (_SEND_NEWS, SendNews),
                (_CANCEL_NEWS, CancelNews), (_SELF_CHECK, SelfCheck),
                (_SPOKEN_LANGUAGE, SpokenLanguage), (_SAY, Say))  # fmt: skip
    for prefix, action in prefixes:
        if data.startswith(prefix) and len(data) > len(prefix):
            return action(data[len(prefix) :])
    return Unknown()
