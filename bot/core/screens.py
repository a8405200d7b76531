"""What the bot shows, independent of Telegram's types: a :class:`Screen` (a text and rows
of buttons), the :class:`Reply` a feature gives, and the :class:`Card` of inline mode.

:mod:`bot.telegram.render` turns a screen into Telegram messages; the terminal chat
(:mod:`bot.cli.console`) prints it; :mod:`bot.content.checks` holds it against the limits
Telegram enforces before any user sees it. Texts are Telegram HTML: anything that is not
markup goes through :func:`escape` once.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

MAX_MESSAGE_CHARS = 4096
MAX_CALLBACK_BYTES = 64
MAX_TOAST_CHARS = 200  # a tap's answer (answerCallbackQuery), as a toast or an alert
MAX_BUTTONS_PER_ROW = 8
MAX_BUTTONS_PER_KEYBOARD = 100

# Unicode marks for right-to-left text: a left-to-right isolate and its end (so a number
# keeps its order), and a right-to-left mark (to start a paragraph right to left).
LRI, PDI, RLM = "\u2066", "\u2069", "\u200f"
FSI = "\u2068"  # first strong isolate: a text keeps its own direction, whatever it is
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")  # a lone < (as in "1 < 2", "<>") is no tag


def escape(text: str) -> str:
    """Plain text as Telegram HTML: <, > and & escaped (quotes need not be)."""
    return html.escape(text, quote=False)


def italic(text: str) -> str:
    """A notice line: plain text, in italics."""
    return f"<i>{escape(text)}</i>"


def with_notice(text: str, notice: str | None) -> str:
    """``text`` with the plain-text ``notice`` above it, in italics."""
    return f"{italic(notice)}\n\n{text}" if notice else text


def visible_text(text: str) -> str:
    """The text as the reader sees it: tags removed, entities decoded."""
    return html.unescape(_TAG.sub("", text))


def message_length(text: str) -> int:
    """The length Telegram counts: UTF-16 code units of the visible text (an emoji may be 2)."""
    return len(visible_text(text).encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Button:
    """A button that sends ``callback`` data back to the bot, or opens ``url``."""

    label: str
    callback: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Voice:
    """An OGG/Opus file to send as a voice message: from ``path`` the first time, then by
    the ``file_id`` Telegram gave it. ``key`` names it for the cache of file ids."""

    key: str
    path: Path | None = None
    file_id: str | None = None


@dataclass(frozen=True)
class Picture:
    """A PNG to send as a photo (a QR code): uploaded the first time, then sent by the
    ``file_id`` Telegram gave it. ``key`` names it for the cache of file ids."""

    key: str
    png: bytes = field(repr=False)
    file_id: str | None = None


@dataclass(frozen=True)
class Screen:
    """One message: Telegram HTML text and rows of buttons."""

    text: str
    rows: tuple[tuple[Button, ...], ...] = ()
    ask_location: str | None = None  # a button label: offer to share the user's location
    image: Picture | None = None  # a photo, with the text as its caption
    document: tuple[str, bytes] | None = None  # (file name, content), the text as caption
    voice: Voice | None = None  # a voice message, the text as its caption

    def buttons(self) -> list[Button]:
        return [button for row in self.rows for button in row]


@dataclass(frozen=True)
class Reply:
    """A feature's answer. To a command it is sent as new messages; to a button tap it
    replaces the tapped message (``screen``) and ``toast`` flashes over the tap."""

    screen: Screen
    toast: str | None = None
    alert: bool = False  # the toast comes as an alert, which the person closes
    then: tuple[Screen, ...] = ()  # new messages sent after (a voice message, previews)
    keep: bool = False  # leave the tapped message as it is
    # The safety exit: delete ``delete`` and the update's own message (the command, or the
    # tapped message); then ``screen`` is sent, unless a tap's alert already said it.
    leave: bool = False
    delete: tuple[int, ...] = field(default=(), repr=False)  # message ids, for ``leave``
    vanish_after: float | None = None  # seconds after which the messages sent delete themselves
    remember: bool = True  # keep the ids of the chat's messages (False once forgotten)


def as_reply(answer: Screen | Reply) -> Reply:
    return answer if isinstance(answer, Reply) else Reply(answer)


@dataclass(frozen=True)
class Card:
    """An inline-mode answer: a message someone can send into any chat, with a button that
    opens the bot on the same page."""

    id: str
    title: str
    description: str
    text: str  # Telegram HTML
    link_label: str
    link: str


@dataclass(frozen=True)
class Sample:
    """A screen as a feature draws it, for the checks (:mod:`bot.content.checks`), and where
    an editor fixes it."""

    what: str  # e.g. "page `get_help`", "SE card"
    screen: Screen
    file: str | None = None  # None: the language's locale file
    line: int = 0
    rtl: bool = True  # hold it to the right-to-left rules in right-to-left languages
    toast: str | None = None  # what flashes over the tap (plain text), if it is drawn too
