"""The terminal chat: the bot without Telegram, for newcomers and for editors' previews.

It asks the same :class:`~bot.conversation.Conversation` as the Telegram handlers and
shows the same screens: the text as Telegram would show it, buttons as numbered choices.
Type a number to tap a button, a command such as /language or /start get_help-es, any
text (a question, a country's name, "help"), or /location 50.45 30.52 to share a location;
``q`` or Ctrl-D quits. Nothing is saved: the database lives in memory.
"""

from __future__ import annotations

import html
import re
from typing import TextIO

from bot.bundle import Bundle, BundleHolder
from bot.callbacks import is_number
from bot.conversation import Conversation, User
from bot.screens import Screen
from bot.storage import Storage

CONSOLE_USER = User(id=0, language_code=None)
QUIT = {"q", "quit", "exit", "/quit"}

NO_TOKEN_INTRO = """\
No TELEGRAM_BOT_TOKEN is set, so this is the terminal chat: the bot itself, in your terminal.
To run it in Telegram: open @BotFather in Telegram, send /newbot, copy the token it gives,
then `export TELEGRAM_BOT_TOKEN=<token>` and `make run` again.
"""
HOW_TO = (
    "Type a number to tap a button, /help, /language, /check, /speak, any text (a question, "
    'a country, "help"), /location LATITUDE LONGITUDE, or q to quit.'
)

_BLOCK_BREAK = re.compile(r"</?(?:blockquote|pre)[^>]*>")
_BOLD = re.compile(r"</?(?:b|strong)>")
_LINK = re.compile(r'<a\s+href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Telegram HTML as terminal text: bold as *…*, links as "text (address)"."""
    text = _LINK.sub(lambda match: f"{match[2]} ({match[1]})", text)
    text = _BOLD.sub("*", _BLOCK_BREAK.sub("\n", text))
    return html.unescape(_TAG.sub("", text)).strip()


def render(screen: Screen) -> str:
    lines = [plain(screen.text), ""]
    for number, button in enumerate(screen.buttons(), start=1):
        suffix = f"  ↗ {button.url}" if button.url else ""
        lines.append(f"  [{number}] {button.label}{suffix}")
    if screen.image:
        lines.append("  (in Telegram, a QR code image comes with this message)")
    if screen.voice and screen.voice.path:
        lines.append(f"  (in Telegram, a voice message: {screen.voice.path})")
    if screen.ask_location:
        lines.append(f"  [{screen.ask_location}]: type /location LATITUDE LONGITUDE")
    return "\n".join(lines)


def _coordinates(argument: str) -> tuple[float, float] | None:
    try:
        latitude, longitude = (float(part) for part in argument.replace(",", " ").split())
    except ValueError:
        return None
    return latitude, longitude


class ConsoleChat:
    def __init__(self, conversation: Conversation, out: TextIO, user: User = CONSOLE_USER) -> None:
        self.conversation = conversation
        self.out = out
        self.user = user
        self.screen: Screen | None = None

    def show(self, screen: Screen, toast: str | None = None) -> None:
        self.screen = screen
        if toast:
            self.out.write(f"({toast})\n")
        self.out.write("\n" + render(screen) + "\n\n")
        self.out.flush()

    async def handle(self, line: str) -> None:
        """One line the user typed."""
        text = line.strip()
        if not text:
            return
        if is_number(text) and self.screen is not None:
            await self._tap(int(text))
        elif text.startswith("/"):
            await self._command(text)
        else:
            self.show(await self.conversation.free_text(self.user, text))

    async def _tap(self, number: int) -> None:
        buttons = self.screen.buttons() if self.screen else []
        if not 1 <= number <= len(buttons):
            self.out.write(f"Choose a number from 1 to {len(buttons)}.\n")
            return
        button = buttons[number - 1]
        if button.url:
            self.out.write(f"(In Telegram this opens {button.url})\n")
            return
        reply = await self.conversation.tap(self.user, button.callback)
        if reply.then is not None:  # a voice message under the list, which stays
            self.out.write("\n" + render(reply.then) + "\n")
        self.show(reply.screen, None if reply.then else reply.toast)

    async def _command(self, text: str) -> None:
        command, _, argument = text[1:].partition(" ")
        conversation, user = self.conversation, self.user
        if command == "start":
            self.show(await conversation.start(user, argument.strip() or None))
        elif command == "menu":
            self.show(await conversation.menu(user))
        elif command == "help":
            self.show(await conversation.help(user))
        elif command == "language":
            self.show(await conversation.languages(user))
        elif command == "share":
            self.show(await conversation.sharing.share(user))
        elif command == "check":
            self.show(await conversation.selfcheck.start(user))
        elif command == "speak":
            self.show(await conversation.speak.languages(user))
        elif command == "location" and (point := _coordinates(argument)):
            self.show(await conversation.location(user, *point))
        else:
            self.show(await conversation.unknown_command(user))

    async def run(self, lines: TextIO, intro: str = "") -> None:
        self.out.write(intro + HOW_TO + "\n")
        await self.handle("/start")
        while True:
            self.out.write("> ")
            self.out.flush()
            line = lines.readline()
            if not line or line.strip().lower() in QUIT:
                self.out.write("\nBye.\n")
                return
            await self.handle(line)


async def run_console(
    bundle: Bundle | BundleHolder,
    default_language: str,
    lines: TextIO,
    out: TextIO,
    intro: str = "",
    bot_username: str | None = None,
) -> None:
    holder = bundle if isinstance(bundle, BundleHolder) else BundleHolder(bundle)
    async with Storage(":memory:") as storage:
        conversation = Conversation(holder, storage, default_language, bot_username)
        await ConsoleChat(conversation, out).run(lines, intro)
