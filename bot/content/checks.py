"""Everything Telegram would refuse, found before a user sees it: the limits of a message
and its buttons, the HTML Telegram accepts, and lines a client would lay out in the wrong
direction in right-to-left languages.

:func:`rendered_problems` draws every screen of every feature in every language (each
feature lists its screens in ``samples``) and holds each against these rules, so that what
passes ``python -m bot validate`` is exactly what the bot can serve.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from bot.content.sources import Problem, display_path
from bot.core.callbacks import SET_LANGUAGE, SHOW_COUNTRY
from bot.core.screens import (
    _TAG,
    MAX_BUTTONS_PER_KEYBOARD,
    MAX_BUTTONS_PER_ROW,
    MAX_CALLBACK_BYTES,
    MAX_MESSAGE_CHARS,
    MAX_TOAST_CHARS,
    Screen,
    message_length,
    visible_text,
)

if TYPE_CHECKING:
    from bot.content.bundle import Bundle


def rendered_problems(bundle: Bundle, locales_dir: Path) -> list[Problem]:
    """Every feature's screens in every language, against Telegram's limits and rules."""
    from bot.features.registry import FEATURES  # the features draw; the checks judge

    problems: list[Problem] = []
    for language in bundle.locales.languages:
        locale_file = display_path(locales_dir / f"{language}.yaml")
        rtl = bundle.locales.is_rtl(language)
        for feature in FEATURES:
            for sample in feature.samples(bundle, language):
                file = sample.file or locale_file
                found = limit_problems(sample.screen) + html_problems(sample.screen.text)
                found += toast_problems(sample.toast)
                if rtl and sample.rtl:
                    found += rtl_problems(sample.screen)
                problems += [Problem(file, sample.line, f"{sample.what}: {message}")
                             for message in found]  # fmt: skip
    return problems


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


def toast_problems(toast: str | None) -> list[str]:
    """A tap's answer: plain text, at most :data:`MAX_TOAST_CHARS` characters."""
    if toast is None:
        return []
    problems = []
    if (length := len(toast.encode("utf-16-le")) // 2) > MAX_TOAST_CHARS:
        problems.append(f"the tap's answer is {length} characters long; Telegram shows at "
                        f"most {MAX_TOAST_CHARS}: shorten it")  # fmt: skip
    if _TAG.search(toast):
        problems.append("the tap's answer is plain text: Telegram shows tags as they are")
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
NAMED_IN_THEMSELVES = (SET_LANGUAGE.prefix, SHOW_COUNTRY.prefix)
