"""What the bot does, feature by feature, independent of Telegram.

Each module here answers one feature (privacy, sharing, news, admin tools) and returns
:class:`~bot.screens.Screen` values; :class:`bot.conversation.Conversation` puts them
together, and Telegram's handlers and the terminal chat ask it. :class:`Basics` holds
what every feature needs: the content, the database and the user's language.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import TypeVar

from bot.bundle import Bundle, BundleHolder
from bot.screens import Screen
from bot.storage import Preferences, Storage, StorageError, today

log = logging.getLogger("bot.conversation")
T = TypeVar("T")


@dataclass(frozen=True)
class User:
    """The little the bot knows of whoever wrote: an id and Telegram's language code."""

    id: int
    language_code: str | None = None


@dataclass(frozen=True)
class Reply:
    """The answer to a button tap: a screen, and a short toast for the tap itself."""

    screen: Screen
    toast: str | None = None
    delete: tuple[int, ...] = ()  # messages to delete first (the safety exit)
    leave: bool = False  # the safety exit: delete, then answer with a new message
    keep: bool = False  # leave the tapped message as it is
    then: Screen | None = None  # a new message to send after (a voice message)


@dataclass(frozen=True)
class Context:
    """A user's language and country for one answer."""

    language: str
    country: str | None


class Basics:
    """The content (read on every call, so a reload swaps it atomically), the database,
    and how a user's language is found."""

    def __init__(self, bundle: BundleHolder, storage: Storage, default_language: str) -> None:
        self.holder = bundle
        self.storage = storage
        self.default_language = default_language

    @property
    def bundle(self) -> Bundle:
        return self.holder()

    async def context_of(self, user: User) -> Context:
        try:
            saved = await self.storage.preferences(user.id)
            day = today()
            if saved != Preferences() and saved.last_seen != day.isoformat():
                await self.storage.seen(user.id, day)  # a write once a day, not per update
        except StorageError as exc:
            log.warning("storage unavailable, using defaults: %s", exc)
            saved = Preferences()
        language = self.bundle.locales.resolve(
            saved.language, user.language_code, self.default_language
        )
        return Context(language, saved.country)

    async def language_of(self, user: User) -> str:
        return (await self.context_of(user)).language

    def text(self, language: str, key: str, /, **values: object) -> str:
        """Interface wording from the locales."""
        return self.bundle.locales.get(language, key, **values)

    def menu(self, language: str, key: str | None = None) -> Screen:
        """The main menu, with the wording ``key`` above it."""
        return self.bundle.views.menu(language, self.text(language, key) if key else None)

    async def menu_with(self, user: User, key: str) -> Screen:
        return self.menu(await self.language_of(user), key)

    async def try_to(self, work: Awaitable[object], or_else: str) -> bool:
        """Do a database write; without a database, log ``or_else`` and carry on."""
        try:
            await work
        except StorageError as exc:
            log.warning("storage unavailable, %s: %s", or_else, exc)
            return False
        return True

    async def read(self, work: Awaitable[T], default: T, or_else: str) -> T:
        """A database read; without a database, log ``or_else`` and use ``default``."""
        try:
            return await work
        except StorageError as exc:
            log.warning("storage unavailable, %s: %s", or_else, exc)
            return default

    async def save(self, user: User, **choice: str | None) -> None:
        """Save a language or country choice; without a database, carry on without it."""
        try:
            if choice.get("language"):
                await self.storage.set_language(user.id, choice["language"])
            if "country" in choice:
                await self.storage.set_country(user.id, choice["country"])
        except StorageError as exc:
            log.warning("storage unavailable, a choice is not saved: %s", exc)
