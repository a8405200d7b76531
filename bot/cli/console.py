"""The terminal chat: the bot without Telegram, for newcomers and for editors' previews.

It answers through the same route table as Telegram (:mod:`bot.core.routes`) and shows the
same screens: the text as Telegram would show it, buttons as numbered choices. Type a
number to tap a button, any command the bot answers (/help lists them), /start with a deep
link such as ``/start get_help-es``, any text (a question, a country's name, "help"), or
``/location 50.45 30.52`` to share a location; ``q`` or Ctrl-D quits. Nothing is saved:
the database lives in memory.
"""

from __future__ import annotations

import html
import re
from typing import TextIO

from bot.config import Config
from bot.content.bundle import Bundle, BundleHolder
from bot.core.callbacks import is_number
from bot.core.screens import Reply, Screen, as_reply
from bot.core.services import Services
from bot.core.visit import User, Visit
from bot.features.registry import assemble
from bot.storage import Storage

CONSOLE_USER = User(id=0, language_code=None)
QUIT = {"q", "quit", "/quit"}  # not "exit": a person may mean the safety exit
LOCATION_HOW = "Share a location as /location LATITUDE LONGITUDE, e.g. /location 50.45 30.52"

NO_TOKEN_INTRO = """\
No TELEGRAM_BOT_TOKEN is set, so this is the terminal chat: the bot itself, in your terminal.
To run it in Telegram: open @BotFather in Telegram, send /newbot, copy the token it gives,
then `export TELEGRAM_BOT_TOKEN=<token>` and `make run` again.
"""
HOW_TO = (
    "Type a number to tap a button, a command (/help lists them), any text (a question, "
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
    """One person chatting in the terminal, in a private chat with the bot."""

    def __init__(self, services: Services, out: TextIO, user: User = CONSOLE_USER) -> None:
        self.services = services
        self.routes = services.routes
        self.out = out
        self.user = user
        self.screen: Screen | None = None

    def show(self, answer: Screen | Reply, toast: bool = False) -> None:
        reply = as_reply(answer)
        if toast and reply.toast and not reply.then:
            self.out.write(f"({reply.toast})\n")
        if toast and reply.leave and reply.alert:  # the safety exit's alert said it all
            self.screen = None
            self.out.flush()
            return
        before, after = (reply.then, ()) if reply.keep else ((), reply.then)
        for screen in before:  # a voice message under the list, which stays
            self.out.write("\n" + render(screen) + "\n")
        for screen in (reply.screen, *after):
            self.out.write("\n" + render(screen) + "\n\n")
        self.screen = reply.screen
        self.out.flush()

    async def handle(self, line: str) -> None:
        """One line the user typed."""
        text = line.strip()
        if not text:
            return
        visit = await self.services.visit(self.user)
        if is_number(text) and self.screen is not None:
            await self._tap(visit, int(text))
        elif text.startswith("/"):
            await self._command(visit, text)
        elif self.routes.text is not None:
            self.show(await self.routes.text.answer(visit, text))

    async def _tap(self, visit: Visit, number: int) -> None:
        buttons = self.screen.buttons() if self.screen else []
        if not 1 <= number <= len(buttons):
            self.out.write(f"Choose a number from 1 to {len(buttons)}.\n")
            return
        button = buttons[number - 1]
        if button.url:
            self.out.write(f"(In Telegram this opens {button.url})\n")
            return
        route, argument = self.routes.tap(button.callback) or (None, "")
        self.show(await self.services.tapped(visit, route, argument), toast=True)

    async def _command(self, visit: Visit, text: str) -> None:
        name, _, argument = text[1:].partition(" ")
        name = name.partition("@")[0]
        if name == "location":  # in Telegram, the paperclip's Location
            point = _coordinates(argument)
            if point is None or self.routes.location is None:
                self.out.write(LOCATION_HOW + "\n")
                return
            self.show(await self.routes.location.answer(visit, *point))
            return
        command = self.routes.command(name)
        if command is None or command.admin:  # admins' commands do not exist for others
            self.show(await self.services.menu_with(visit, "unknown_command"))
            return
        self.show(await command.answer(visit, argument.strip()))

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
    staff_chat_id: int | None = None,
) -> None:
    """The terminal chat. With ``staff_chat_id`` (BOT_STAFF_CHAT_ID) the relay's commands
    and buttons are there, and say that talking to a person needs Telegram."""
    holder = bundle if isinstance(bundle, BundleHolder) else BundleHolder(bundle)
    config = Config(token=None, default_language=default_language, bot_username=bot_username,
                    staff_chat_id=staff_chat_id)  # fmt: skip
    async with Storage(":memory:") as storage:
        services = Services(config, holder, storage, bot_username=lambda: bot_username)
        assemble(services)
        await ConsoleChat(services, out).run(lines, intro)
