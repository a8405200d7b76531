"""Routes: what a feature answers. A feature lists its routes; nothing else does.

- :class:`Command`: ``/name`` and its argument;
- :class:`Tap`: a button of one :class:`~bot.core.callbacks.Action`;
- :class:`Text`: what people write (or send) that is not a command, in a private chat;
- :class:`Location`: a shared location, in a private chat;
- :class:`Inline`: ``@bot <query>`` in any chat;
- :class:`Menu`: the menu with a notice, for what nothing else answers;
- :class:`Conversation`: the relay to a person: a person's messages while their case is
  open (before :class:`Text`), and staff's in the staff chat's topics.

:class:`Routes` puts every feature's routes in one table. That one table feeds
python-telegram-bot's handlers (:mod:`bot.handlers`), the terminal chat
(:mod:`bot.cli.console`), the command menu published with ``setMyCommands`` in every
language, and the list of commands in ``/help``; so they cannot drift apart.

An answer is a :class:`~bot.core.screens.Screen` or a :class:`~bot.core.screens.Reply`.
A tap's answer may be ``None``: the data named something that is gone (a page removed, a
language no longer offered), and the user sees the menu with a kind word.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from bot.core.callbacks import Action, decode
from bot.core.relay import Posted, Relayed
from bot.core.screens import Card, Reply, Screen
from bot.core.visit import Visit

Answer = Screen | Reply


@dataclass(frozen=True)
class Command:
    """``/name [argument]``. Commands with a ``menu`` place are published in Telegram's
    command menu (described by the wording ``command_<name>``) and listed by ``/help``."""

    name: str
    answer: Callable[[Visit, str], Awaitable[Answer]]  # the argument, "" when none
    menu: int | None = None  # its place in the command menu and /help; None: not listed
    admin: bool = False  # only for BOT_ADMIN_IDS; to anyone else it does not exist
    private: bool = False  # only in private chats; elsewhere it does nothing
    html: bool = False  # the argument as Telegram HTML (bold and links kept)


@dataclass(frozen=True)
class Tap:
    """A tap on a button of ``action``; ``answer`` gets the data's argument."""

    action: Action
    answer: Callable[[Visit, str], Awaitable[Answer | None]]
    admin: bool = False  # admins only: to anyone else the button is stale
    private: bool = False  # private chats only: elsewhere the tap is only acknowledged


@dataclass(frozen=True)
class Text:
    """Text that is no command (``None`` for a sticker, a photo...), in a private chat."""

    answer: Callable[[Visit, str | None], Awaitable[Answer]]


@dataclass(frozen=True)
class Location:
    """A location shared in a private chat: latitude, longitude."""

    answer: Callable[[Visit, float, float], Awaitable[Answer]]


@dataclass(frozen=True)
class Inline:
    """An inline query: the cards to offer for what was typed."""

    answer: Callable[[Visit, str], Awaitable[list[Card]]]


@dataclass(frozen=True)
class Menu:
    """The main menu with the wording ``key`` above it: for what no route answers (an
    unknown command, a stale button) and for failures."""

    answer: Callable[[Visit, str], Awaitable[Screen]]


@dataclass(frozen=True)
class Conversation:
    """The relay. ``from_person`` gets whatever a person sends in a private chat (text,
    photos, voice, documents; edits too) before :class:`Text` does: it answers ``None``
    when the message is not part of a case (the other routes then answer it).
    ``from_staff`` gets what staff post in the topics of the staff chat."""

    staff_chat_id: int
    from_person: Callable[[Visit, Posted], Awaitable[Relayed | None]]
    from_staff: Callable[[Posted], Awaitable[None]]


Route = Command | Tap | Text | Location | Inline | Menu | Conversation


class RouteError(Exception):
    """Two features claim the same thing."""


class Routes:
    """Every feature's routes, checked: each command, action and kind of message is
    claimed by one feature only."""

    def __init__(self, routes: Iterable[Route] = ()) -> None:
        self.commands: dict[str, Command] = {}
        self.taps: dict[Action, Tap] = {}
        self.text: Text | None = None
        self.location: Location | None = None
        self.inline: Inline | None = None
        self.menu: Menu | None = None
        self.conversation: Conversation | None = None
        self.include(routes)

    def include(self, routes: Iterable[Route]) -> None:
        """Add a feature's routes."""
        for route in routes:
            self._add(route)

    def _add(self, route: Route) -> None:
        match route:
            case Command(name=name) if name in self.commands:
                raise RouteError(f"two features answer /{name}")
            case Command(name=name):
                self.commands[name] = route
            case Tap(action=action) if action in self.taps:
                raise RouteError(f"two features answer the buttons {action.prefix!r}")
            case Tap(action=action):
                self.taps[action] = route
            case Text() | Location() | Inline() | Menu() | Conversation():
                kind = type(route).__name__.lower()
                if getattr(self, kind) is not None:
                    raise RouteError(f"two features answer {kind} messages")
                setattr(self, kind, route)

    @property
    def public(self) -> list[Command]:
        """The commands published in Telegram's menu, in order."""
        listed = [command for command in self.commands.values() if command.menu is not None]
        return sorted(listed, key=lambda command: command.menu or 0)

    @property
    def usable(self) -> list[Command]:
        """Every command anyone can use, for /help: the published ones in their order,
        then the others (such as /forget) by name."""
        unlisted = sorted((command for command in self.commands.values()
                           if command.menu is None and not command.admin),
                          key=lambda command: command.name)  # fmt: skip
        return [*self.public, *unlisted]

    def command(self, name: str) -> Command | None:
        return self.commands.get(name)

    def tap(self, data: str | None) -> tuple[Tap, str] | None:
        """The route for a button's data and the data's argument; ``None``: not ours."""
        decoded = decode(data)
        if decoded is None or (route := self.taps.get(decoded[0])) is None:
            return None
        return route, decoded[1]
