"""Moving through the content: /start (with deep links), /menu, /help, the pages and the
languages. What people write is the reading feature's (:mod:`bot.features.reading`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.content.model import SOURCE_LANGUAGE
from bot.content.places import known_countries
from bot.core.callbacks import OPEN_PAGE, SET_LANGUAGE, SHOW_LANGUAGES
from bot.core.deeplinks import parse_payload
from bot.core.feature import Feature
from bot.core.routes import Command, Menu, Route, Tap
from bot.core.screens import Reply, Sample, Screen
from bot.core.visit import Visit
from bot.features.navigation.screens import Pages

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

KEYS = frozenset({
    "language_name", "text_direction", "back", "home", "language_button", "choose_language",
    "language_set", "not_translated", "unknown_command", "stale_button", "error",
    "help", "command_start", "command_menu", "command_language", "command_help",
    "inline_open", "share_button", "link_unknown",
})  # fmt: skip


class Navigation(Feature):
    keys = KEYS

    def routes(self) -> list[Route]:
        return [
            Command("start", self.start, menu=10),
            Command("menu", self.menu, menu=20),
            Command("language", self.languages, menu=40),
            Command("help", self.help, menu=100),
            Tap(OPEN_PAGE, self.open_page),
            Tap(SHOW_LANGUAGES, self.languages),
            Tap(SET_LANGUAGE, self.set_language),
            Menu(self.menu_with),
        ]

    @property
    def pages(self) -> Pages:
        relay = self.services.config.staff_chat_id is not None
        return Pages(self.services.bundle, relay=relay)

    async def start(self, visit: Visit, payload: str) -> Screen:
        """``/start``, optionally with a deep link naming a page, a language, a country
        and a campaign."""
        if not payload:
            return self.pages.menu(visit.language)
        bundle, services = self.services.bundle, self.services
        link = parse_payload(
            payload, bundle.content.pages, bundle.locales.languages, known_countries()
        )
        choice = {key: value for key, value in (("language", link.language),
                                                ("country", link.country)) if value}  # fmt: skip
        if choice:
            visit = await services.save(visit, **choice)
        if link.campaign:
            counting = services.storage.counts.count_campaign(link.campaign)
            await services.try_to(counting, "a campaign visit is not counted")
        if link.is_empty:
            return await self.menu_with(visit, "link_unknown")
        return await self.open_page(visit, link.page_id or bundle.content.root)

    async def menu(self, visit: Visit, _: str = "") -> Screen:
        return self.pages.menu(visit.language)

    async def menu_with(self, visit: Visit, key: str) -> Screen:
        """The main menu with the wording ``key`` above it."""
        return self.pages.menu(visit.language, self.services.text(visit.language, key))

    async def help(self, visit: Visit, _: str = "") -> Screen:
        commands = [command.name for command in self.services.routes.usable]
        return self.pages.help(visit.language, commands)

    async def languages(self, visit: Visit, _: str = "") -> Screen:
        return self.pages.languages(visit.language)

    async def open_page(self, visit: Visit, page_id: str) -> Screen | None:
        if not self.services.bundle.content.has_page(page_id):
            return None
        counting = self.services.storage.counts.count_page(page_id, visit.language)
        await self.services.try_to(counting, "a page opening is not counted")
        return self.pages.page(page_id, visit.language, country=visit.country)

    async def set_language(self, visit: Visit, code: str) -> Reply | None:
        locales = self.services.bundle.locales
        if not locales.has(code):
            return None
        await self.services.save(visit, language=code)
        toast = self.services.text(code, "language_set", language=locales.name(code))
        return Reply(self.pages.menu(code), toast)

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        pages, content = Pages(bundle, relay=True), bundle.content
        for page_id, page in content.pages.items():
            _, translated = content.text(page_id, language)
            where = content.text_locations.get(
                (language if translated else SOURCE_LANGUAGE, page_id), page.location
            )
            yield Sample(f"page `{page_id}`", pages.page(page_id, language), where.file, where.line)
        every = [key.removeprefix("command_") for key in bundle.locales.strings[SOURCE_LANGUAGE]
                 if key.startswith("command_")]  # fmt: skip
        yield Sample("`help`", pages.help(language, every))
        yield Sample("language menu", pages.languages(language))
