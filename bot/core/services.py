"""What every feature is given, once, when the bot is assembled: :class:`Services`.

The content (asked for on every call, so that a reload swaps it at once), the database,
the configuration, the bot's username, and a way to wake the campaign news sender. It
reads a user's language and country once per update (:meth:`Services.visit`), and lets
features carry on when the database is unavailable: content needs no database.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from bot.core.routes import Routes, Tap
from bot.core.screens import Reply, Screen, as_reply, escape
from bot.core.visit import User, Visit
from bot.storage import Preferences, Storage, StorageError, today

if TYPE_CHECKING:
    from bot.config import Config
    from bot.content.bundle import Bundle, BundleHolder
    from bot.core.feature import Feature
    from bot.core.relay import Desk

log = logging.getLogger("bot.features")
T = TypeVar("T")


class Services:
    def __init__(
        self,
        config: Config,
        bundle: BundleHolder,
        storage: Storage,
        bot_username: Callable[[], str | None] = lambda: None,
        news_queued: Callable[[], None] = lambda: None,
        desk: Desk | None = None,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self.config = config
        self.holder = bundle
        self.storage = storage
        self.bot_username = bot_username  # Telegram's getMe answers it once the bot starts
        self.news_queued = news_queued  # wakes the sender of campaign news
        self.desk = desk  # the staff chat, for the relay; None without Telegram
        self.now = now  # the time, as the relay reads it (tests move it)
        self.routes = Routes()  # every feature's, once they are assembled
        self.features: list[Feature] = []  # once they are assembled

    async def person_left(self, user_id: int) -> None:
        """The safety exit: every feature ends what the person had going. A feature that
        fails is logged: the exit itself must happen."""
        for feature in self.features:
            try:
                await feature.left(user_id)
            except Exception:
                log.exception("%s could not end what a person had going", type(feature).__name__)

    async def person_forgot(self, user_id: int) -> None:
        """``/forget``: every feature deletes what it made outside the database (a failure
        is logged; the rows are deleted all the same)."""
        for feature in self.features:
            try:
                await feature.forgot(user_id)
            except Exception:
                log.exception("%s could not delete what it made", type(feature).__name__)

    @property
    def bundle(self) -> Bundle:
        return self.holder()

    async def visit(self, user: User, private: bool = True) -> Visit:
        """The user's language and country for this update: one read of the database (and,
        once a day, a write of the day they were seen, if anything is kept about them)."""
        try:
            saved = await self.storage.users.preferences(user.id)
            day = today()
            if saved != Preferences() and saved.last_seen != day.isoformat():
                await self.storage.users.seen(user.id, day)
        except StorageError as exc:
            log.warning("storage unavailable, using defaults: %s", exc)
            saved = Preferences()
        language = self.bundle.locales.resolve(
            saved.language, user.language_code, self.config.default_language
        )
        admin = user.id in self.config.admin_ids
        return Visit(user, language, saved.country, private=private, admin=admin)

    async def menu_with(self, visit: Visit, key: str) -> Screen:
        """The main menu (the navigation feature's) with the wording ``key`` above it: for
        an unknown command, a stale button or a failure."""
        menu = self.routes.menu
        if menu is None:
            return Screen(escape(self.text(visit.language, key)))
        return await menu.answer(visit, key)

    async def tapped(self, visit: Visit, route: Tap | None, argument: str) -> Reply:
        """The answer to a button: its route's (an admin's button only for admins), or for
        data that names nothing now, the menu with a kind word, also as the tap's toast."""
        if route is not None and (visit.admin or not route.admin):
            answer = await route.answer(visit, argument)
            if answer is not None:
                return as_reply(answer)
        notice = self.text(visit.language, "stale_button")
        return Reply(await self.menu_with(visit, "stale_button"), notice)

    def text(self, language: str, key: str, /, **values: object) -> str:
        """Interface wording from the locales."""
        return self.bundle.locales.get(language, key, **values)

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

    async def save(self, visit: Visit, **choice: str | None) -> Visit:
        """Save a language or country choice (``country=None`` forgets it); without a
        database, carry on without it. Returns the visit as the choice makes it."""
        changes = {key: value for key, value in choice.items() if key == "country" or value}
        users = self.storage.users
        for key, value in changes.items():
            setting = users.set_language if key == "language" else users.set_country
            await self.try_to(setting(visit.user.id, value), "a choice is not saved")
        return visit.but(**changes)

    async def remember_ids(self, chat_id: int, message_ids: list[int]) -> None:
        """Keep the ids of a private chat's messages, the person's and the bot's (never
        their text), for the safety exit."""
        if message_ids:
            keeping = self.storage.messages.remember(chat_id, message_ids)
            await self.try_to(keeping, "message ids not kept")

    async def uploaded(self, key: str, known: str | None, file_id: str) -> None:
        """Telegram took a file (a voice message's audio, a QR code) as ``file_id``: next
        time, send that instead."""
        if file_id != known:
            keeping = self.storage.voices.remember(key, file_id)
            await self.try_to(keeping, "a file id is not kept")
