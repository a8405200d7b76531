"""Reading what people write (:mod:`bot.features.reading.reading`) and answering as a
person would: the emergency answer for danger, a calm word and the country's hotlines for
a situation, the pages for helpers, a country's card, the pages that answer a question,
or the menu. What people write is read once, to answer it, and never kept or logged."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.content.intents import INTENTS
from bot.core.feature import Feature
from bot.core.routes import Route, Text
from bot.core.screens import Sample, Screen
from bot.core.visit import Visit
from bot.features.hotlines.feature import choose_country, emergency
from bot.features.hotlines.screens import HotlineScreens
from bot.features.reading.reading import understand
from bot.features.reading.screens import ReadingScreens

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

KEYS = frozenset({
    "free_text", "search_results", "search_nothing", "situation_sign", "situation_no_country",
    "helpers_title", "greeting_reply", *(f"intent_{intent}" for intent in INTENTS),
})  # fmt: skip


class Reading(Feature):
    keys = KEYS

    def routes(self) -> list[Route]:
        return [Text(self.free_text)]

    async def free_text(self, visit: Visit, text: str | None) -> Screen:
        """The answer to what someone wrote (``text`` is not kept)."""
        services = self.services
        if not text or not text.strip():
            return await services.menu_with(visit, "free_text")
        bundle, language = services.bundle, visit.language
        understood = understand(bundle, text, language)
        screens, code = ReadingScreens(bundle), understood.country
        if understood.kind == "danger":
            return emergency(bundle, visit.but(country=code) if code else visit)
        if understood.kind == "situation":
            return screens.situation(language, code or visit.country)
        if understood.kind == "helping":
            return screens.helpers(language)
        if understood.kind == "country" and code is not None:
            if understood.alone:  # the person names their country: it becomes theirs
                return await choose_country(services, visit, code)
            return self.named(visit, code)
        if understood.kind == "pages":
            return screens.search_results(list(understood.pages), language)
        if understood.kind == "greeting":
            return await services.menu_with(visit, "greeting_reply")
        return await services.menu_with(visit, "search_nothing")

    def named(self, visit: Visit, code: str) -> Screen:
        """A country named in a sentence ("I am from Ukraine"): its card, and a button to
        make it the person's, who may only be from there."""
        hotlines = HotlineScreens(self.services.bundle)
        country = self.services.bundle.directory.get(code)
        if country is None:
            return hotlines.no_entry(code, visit.language)
        return hotlines.card(country, visit.language, mine=code == visit.country)

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        screens = ReadingScreens(bundle)
        yield Sample("answer to a situation", screens.situation(language, None))
        yield Sample("answer to a situation", screens.situation(language, "UA"))
        yield Sample("pages for helpers", screens.helpers(language))
        some = [page for page in bundle.content.pages if page != bundle.content.root][:5]
        yield Sample("search results", screens.search_results(some, language))
