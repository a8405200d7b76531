"""The hotline directory: regions, countries and their cards, the user's own country (chosen
from the list, by name, or by sharing a location, which is used once and not kept), and
the emergency card for someone who needs help now."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.content.directory import DAYS, KINDS, REGIONS
from bot.content.names import country_name, flag
from bot.content.places import country_at, known_countries
from bot.core.callbacks import (
    FORGET_COUNTRY,
    SET_COUNTRY,
    SHOW_COUNTRY,
    SHOW_MY_COUNTRY,
    SHOW_REGION,
    SHOW_REGIONS,
)
from bot.core.feature import Feature
from bot.core.routes import Location, Route, Tap
from bot.core.screens import Reply, Sample, Screen
from bot.core.services import Services
from bot.core.visit import Visit
from bot.features.hotlines.screens import HotlineScreens

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

KEYS = frozenset({
    "hotlines_button", "hotlines_title", "hotlines_intro", "choose_country",
    *(f"region_{region}" for region in REGIONS), "emergency", "police", "no_lines",
    "no_trafficking_line", *(f"kind_{kind}" for kind in KINDS),
    "from_abroad", "sms", "whatsapp", "telegram", "chat", "email", "website", "hours_always",
    *(f"hours_{days}" for days in DAYS), "languages", "free", "anonymous", "operator", "area",
    "source", "field", "my_country_button", "my_country_title", "my_country_is",
    "my_country_none", "my_country_how", "share_location", "share_location_hint",
    "choose_from_list", "forget_country", "country_forgotten", "country_saved",
    "set_as_my_country", "hotlines_in", "location_unknown", "no_entry", "emergency_intro",
    "ask_country", "inline_card", "ambulance", "fire", "recruiters", "region_not_listed",
})  # fmt: skip


class Hotlines(Feature):
    keys = KEYS

    def routes(self) -> list[Route]:
        return [
            Tap(SHOW_REGIONS, self.regions),
            Tap(SHOW_REGION, self.region),
            Tap(SHOW_COUNTRY, self.country),
            Tap(SHOW_MY_COUNTRY, self.my_country),
            Tap(SET_COUNTRY, self.set_country),
            Tap(FORGET_COUNTRY, self.forget_country),
            Location(self.location),
        ]

    @property
    def screens(self) -> HotlineScreens:
        return HotlineScreens(self.services.bundle)

    async def regions(self, visit: Visit, _: str) -> Screen:
        return self.screens.regions(visit.language)

    async def region(self, visit: Visit, region: str) -> Screen | None:
        if region not in self.services.bundle.directory.regions:
            return None
        return self.screens.region(region, visit.language)

    async def country(self, visit: Visit, code: str) -> Screen | None:
        country = self.services.bundle.directory.get(code)
        if country is None:
            return None
        return self.screens.card(country, visit.language, mine=code == visit.country)

    async def my_country(self, visit: Visit, _: str) -> Screen:
        return self.screens.my_country(visit.country, visit.language)

    async def set_country(self, visit: Visit, code: str) -> Screen | None:
        if code not in known_countries():
            return None
        return await choose_country(self.services, visit, code)

    async def forget_country(self, visit: Visit, _: str) -> Reply:
        await self.services.save(visit, country=None)
        notice = self.services.text(visit.language, "country_forgotten")
        return Reply(self.screens.my_country(None, visit.language, notice), notice)

    async def location(self, visit: Visit, latitude: float, longitude: float) -> Screen:
        """A shared location: the country there becomes the user's. Not kept otherwise."""
        # The first lookup loads the maps (seconds): in a thread, so no one else waits.
        code = await asyncio.to_thread(country_at, latitude, longitude)
        if code is None:
            notice = self.services.text(visit.language, "location_unknown")
            return self.screens.my_country(visit.country, visit.language, notice)
        return await choose_country(self.services, visit, code)

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        screens, directory = HotlineScreens(bundle), bundle.directory
        yield Sample("regions", screens.regions(language), "hotlines", rtl=False)
        for region in directory.regions:
            yield Sample(f"region {region}", screens.region(region, language), "hotlines",
                         rtl=False)  # fmt: skip
        for country in directory.countries.values():
            where = country.location
            yield Sample(f"{country.code} card", screens.card(country, language), where.file,
                         where.line, rtl=False)  # fmt: skip
            yield Sample(f"{country.code} emergency answer", screens.emergency(country, language),
                         where.file, where.line, rtl=False)  # fmt: skip


async def choose_country(services: Services, visit: Visit, code: str) -> Screen:
    """Make ``code`` the user's country and show its card (or what can still help)."""
    visit = await services.save(visit, country=code)
    name = f"{flag(code)} {country_name(code, visit.language)}"
    notice = services.text(visit.language, "country_saved", country=name)
    screens = HotlineScreens(services.bundle)
    country = services.bundle.directory.get(code)
    if country is None:
        return screens.no_entry(code, visit.language, notice)
    return screens.card(country, visit.language, notice=notice)


def emergency(bundle: Bundle, visit: Visit) -> Screen:
    """For someone who needs help now: their country's numbers first, or where are you?"""
    screens = HotlineScreens(bundle)
    country = bundle.directory.get(visit.country) if visit.country else None
    if country is not None:
        return screens.emergency(country, visit.language)
    if visit.country:
        return screens.no_entry(visit.country, visit.language)
    return screens.ask_country(visit.language)
