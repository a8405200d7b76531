"""What the bot shows: a text and rows of buttons, independent of Telegram's types.

Handlers turn a :class:`Screen` into a Telegram message (:mod:`bot.telegram_io`); the
terminal chat prints it (:mod:`bot.console`). :func:`limit_problems` checks a screen
against the limits Telegram enforces, so the validator can reject content that Telegram
would refuse before any user sees an error.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

MAX_MESSAGE_CHARS = 4096
MAX_CALLBACK_BYTES = 64
MAX_BUTTONS_PER_ROW = 8
MAX_BUTTONS_PER_KEYBOARD = 100

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")  # a lone < (as in "1 < 2", "<>") is no tag


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
class Screen:
    """One message: Telegram HTML text and rows of buttons."""

    text: str
    rows: tuple[tuple[Button, ...], ...] = ()
    ask_location: str | None = None  # a button label: offer to share the user's location
    image: bytes | None = None  # a PNG sent as a photo, with the text as its caption
    document: tuple[str, bytes] | None = None  # (file name, content), the text as caption
    voice: Voice | None = None  # a voice message, the text as its caption

    def buttons(self) -> list[Button]:
        return [button for row in self.rows for button in row]


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


def visible_text(text: str) -> str:
    """The text as the reader sees it: tags removed, entities decoded."""
    return html.unescape(_TAG.sub("", text))


def message_length(text: str) -> int:
    """The length Telegram counts: UTF-16 code units of the visible text (an emoji may be 2)."""
    return len(visible_text(text).encode("utf-16-le")) // 2


def limit_problems(screen: Screen) -> list[str]:
    """Each way in which ``screen`` breaks a Telegram limit, in words an editor can act on."""
    problems = []
    length = message_length(screen.text)
    if length > MAX_MESSAGE_CHARS:
        problems.append(
            f"the message is {length} characters long (an emoji may count as 2); Telegram "
            f"allows {MAX_MESSAGE_CHARS}: "
            "shorten it or split it into sub-pages"
        )
    for number, row in enumerate(screen.rows, start=1):
        if len(row) > MAX_BUTTONS_PER_ROW:
            problems.append(
                f"row {number} has {len(row)} buttons; Telegram allows {MAX_BUTTONS_PER_ROW}"
            )
    total = len(screen.buttons())
    if total > MAX_BUTTONS_PER_KEYBOARD:
        problems.append(
            f"{total} buttons in all; Telegram allows {MAX_BUTTONS_PER_KEYBOARD} in one message"
        )
    for button in screen.buttons():
        if not button.label.strip():
            problems.append("a button has an empty label")
        if button.callback is not None:
            size = len(button.callback.encode("utf-8"))
            if not 1 <= size <= MAX_CALLBACK_BYTES:
                problems.append(
                    f"button {button.label!r} carries {size} bytes of data; Telegram allows "
                    f"1-{MAX_CALLBACK_BYTES} (shorten the page id)"
                )
    return problems


# Tags Telegram accepts with parse_mode HTML (https://core.telegram.org/bots/api#html-style).
ALLOWED_TAGS = {
    "b": set(), "strong": set(), "i": set(), "em": set(), "u": set(), "ins": set(),
    "s": set(), "strike": set(), "del": set(), "code": {"class"}, "pre": set(),
    "a": {"href"}, "tg-spoiler": set(), "span": {"class"}, "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
}  # fmt: skip


class _TelegramHtmlChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(
                f"<{tag}> is not a tag Telegram accepts; use <b>, <i>, <u>, <s>, <a>, "
                "<code>, <pre> or <blockquote>, or write < as &lt;"
            )
            return
        for name, _ in attrs:
            if name not in ALLOWED_TAGS[tag]:
                self.problems.append(f"<{tag}> cannot have the attribute {name!r}")
        if tag == "a" and not dict(attrs).get("href"):
            self.problems.append('<a> needs href="https://..."')
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            return
        if not self.open or self.open[-1] != tag:
            expected = f"</{self.open[-1]}>" if self.open else "no closing tag"
            self.problems.append(
                f"</{tag}> closes a tag that is not open here (expected {expected})"
            )
            return
        self.open.pop()


def html_problems(text: str) -> list[str]:
    """Each way in which ``text`` is not HTML that Telegram accepts."""
    checker = _TelegramHtmlChecker()
    checker.feed(text)
    checker.close()
    if _BARE_AMPERSAND.search(text):
        checker.problems.append("write & as &amp; (Telegram reads & as the start of an entity)")
    if re.search(r"[<>]", _TAG.sub("", text)):
        checker.problems.append("write < as &lt; and > as &gt; where they are not part of a tag")
    checker.problems += [f"<{tag}> is never closed" for tag in checker.open]
    return checker.problems


_BARE_AMPERSAND = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


_ISOLATE_OPENERS = "\u2066\u2067\u2068"  # LRI, RLI, FSI
_ISOLATE_CLOSER = "\u2069"  # PDI


def paragraph_direction(line: str) -> str | None:
    """The direction a client gives a paragraph: that of its first strong character outside
    isolates (rule P2 of the Unicode bidirectional algorithm), or None when it has none."""
    depth = 0
    for char in line:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == _ISOLATE_CLOSER:
            depth = max(depth - 1, 0)
        elif depth == 0:
            kind = unicodedata.bidirectional(char)
            if kind in ("R", "AL"):
                return "rtl"
            if kind == "L":
                return "ltr"
    return None


def rtl_problems(screen: Screen) -> list[str]:
    """Lines and button labels of a right-to-left screen that a client would lay out left to
    right, because they begin with a Latin letter, a digit or an LTR emoji."""
    problems = [
        f"this line would read left to right; begin it with a word of the language: {line!r}"
        for line in visible_text(screen.text).split("\n")
        if line.strip() and paragraph_direction(line) != "rtl"
    ]
    problems += [
        f"this button would read left to right; begin it with a word of the language: "
        f"{button.label!r}"
        for button in screen.buttons()
        if button.callback and not button.callback.startswith(NAMED_IN_THEMSELVES)
        and paragraph_direction(button.label) != "rtl"
    ]  # fmt: skip
    return problems


# Buttons named in their own language or by CLDR (languages, countries): their direction is
# their own.
NAMED_IN_THEMSELVES = ("lang:", "hc:")
