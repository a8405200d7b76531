"""Moving through the content: /start (with deep links), /menu, /help, the pages, the
languages, and what people write. Free text is read once, to answer it (emergency words,
a country's name, or a search), and is never kept or logged."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.content.model import SOURCE_LANGUAGE
from bot.content.places import known_countries
from bot.core.callbacks import OPEN_PAGE, SET_LANGUAGE, SHOW_LANGUAGES
from bot.core.deeplinks import parse_payload
from bot.core.feature import Feature
from bot.core.routes import Command, Menu, Route, Tap, Text
from bot.core.screens import Reply, Sample, Screen
from bot.core.visit import Visit
from bot.features.hotlines.feature import choose_country, emergency
from bot.features.navigation.screens import Pages

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

KEYS = frozenset({
    "language_name", "text_direction", "back", "home", "language_button", "choose_language",
    "language_set", "not_translated", "unknown_command", "free_text", "stale_button", "error",
    "help", "command_start", "command_menu", "command_language", "command_help",
    "search_results", "search_nothing", "inline_open", "share_button", "emergency_words",
    "link_unknown",
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
            Text(self.free_text),
            Menu(self.menu_with),
        ]

    @property
    def pages(self) -> Pages:
        return Pages(self.services.bundle)

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

    async def free_text(self, visit: Visit, text: str | None) -> Screen:
        """Help at once for emergency words, a country for a country's name, else the
        pages that match. ``text`` is not kept."""
        if not text or not text.strip():
            return await self.menu_with(visit, "free_text")
        bundle = self.services.bundle
        if bundle.emergency.found_in(text):
            return emergency(bundle, visit)
        if code := bundle.countries.find(text):
            return await choose_country(self.services, visit, code)
        found = bundle.search.search(text, visit.language)
        return self.pages.search_results(found, visit.language)

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        pages, content = Pages(bundle), bundle.content
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
