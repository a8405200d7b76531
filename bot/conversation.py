"""What the bot answers to each thing a user does, independent of Telegram.

Telegram's handlers (:mod:`bot.handlers`) and the terminal chat (:mod:`bot.console`) both
ask a :class:`Conversation`; it decides which screen to show and remembers the user's
language. It never sees, keeps or logs what the user wrote: free text arrives here only
as the fact that some text was sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from bot import callbacks
from bot.bundle import Bundle
from bot.deeplinks import parse_payload
from bot.screens import Screen
from bot.storage import Storage, StorageError

log = logging.getLogger(__name__)


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


class Conversation:
    def __init__(
        self, bundle: Callable[[], Bundle], storage: Storage, default_language: str
    ) -> None:
        # ``bundle`` is called on every update, so a reload swaps content atomically.
        self._bundle = bundle
        self.storage = storage
        self.default_language = default_language

    @property
    def bundle(self) -> Bundle:
        return self._bundle()

    async def language_of(self, user: User) -> str:
        try:
            saved = await self.storage.get_language(user.id)
        except StorageError as exc:
            log.warning("storage unavailable, using the default language: %s", exc)
            saved = None
        return self.bundle.locales.resolve(saved, user.language_code, self.default_language)

    async def start(self, user: User, payload: str | None = None) -> Screen:
        """``/start``, optionally with a deep-link payload naming a page and a language."""
        if not payload:
            return await self.menu(user)
        bundle = self.bundle
        link = parse_payload(payload, bundle.content.pages, bundle.locales.languages)
        if link.language:
            await self._save_language(user, link.language)
        language = link.language or await self.language_of(user)
        if link.page_id is None and link.language is None:
            return bundle.views.menu(language, bundle.locales.get(language, "stale_button"))
        return bundle.views.page(link.page_id or bundle.content.root, language)

    async def menu(self, user: User) -> Screen:
        return self.bundle.views.menu(await self.language_of(user))

    async def help(self, user: User) -> Screen:
        return self.bundle.views.help(await self.language_of(user))

    async def languages(self, user: User) -> Screen:
        return self.bundle.views.languages(await self.language_of(user))

    async def unknown_command(self, user: User) -> Screen:
        return await self._menu_with(user, "unknown_command")

    async def free_text(self, user: User) -> Screen:
        return await self._menu_with(user, "free_text")

    async def failure(self, user: User) -> Screen:
        return await self._menu_with(user, "error")

    async def tap(self, user: User, data: str | None) -> Reply:
        """A button tap. Any data at all is accepted: stale or forged data shows the menu."""
        bundle = self.bundle
        action = callbacks.decode(data)
        if isinstance(action, callbacks.OpenPage) and bundle.content.has_page(action.page_id):
            return Reply(bundle.views.page(action.page_id, await self.language_of(user)))
        if isinstance(action, callbacks.ShowLanguages):
            return Reply(bundle.views.languages(await self.language_of(user)))
        if isinstance(action, callbacks.ShowRegions):
            return Reply(bundle.views.hotlines.regions(await self.language_of(user)))
        if isinstance(action, callbacks.ShowRegion) and action.region in bundle.directory.regions:
            return Reply(bundle.views.hotlines.region(action.region, await self.language_of(user)))
        if isinstance(action, callbacks.ShowCountry) and (
            country := bundle.directory.get(action.code)
        ):
            return Reply(bundle.views.hotlines.card(country, await self.language_of(user)))
        if isinstance(action, callbacks.SetLanguage) and bundle.locales.has(action.language):
            language = action.language
            await self._save_language(user, language)
            toast = bundle.locales.get(
                language, "language_set", language=bundle.locales.name(language)
            )
            return Reply(bundle.views.menu(language), toast)
        language = await self.language_of(user)
        notice = bundle.locales.get(language, "stale_button")
        return Reply(bundle.views.menu(language, notice), notice)

    async def _menu_with(self, user: User, key: str) -> Screen:
        language = await self.language_of(user)
        return self.bundle.views.menu(language, self.bundle.locales.get(language, key))

    async def _save_language(self, user: User, language: str) -> None:
        try:
            await self.storage.set_language(user.id, language)
        except StorageError as exc:
            log.warning("storage unavailable, the language choice is not saved: %s", exc)
