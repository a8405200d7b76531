"""Sharing the bot: /share and the Share button with a link and its QR code, and inline
answers (``@bot <query>`` in any chat) with country cards and pages. Leaflets to print are
made on the command line (:mod:`bot.features.sharing.leaflet`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.content.names import country_name
from bot.core.callbacks import SHARE
from bot.core.feature import Feature
from bot.core.routes import Command, Inline, Route, Tap
from bot.core.screens import Card, Picture, Sample, Screen, escape
from bot.core.visit import Visit
from bot.features import buttons
from bot.features.hotlines.screens import HotlineScreens
from bot.features.navigation.screens import Pages
from bot.features.sharing.links import bot_link, qr_png

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

MAX_INLINE_RESULTS = 50  # Telegram's limit for one answer
EXAMPLE_USERNAME = "YourHelpBot"  # in the terminal chat, without BOT_USERNAME
KEYS = frozenset({
    "command_share", "share_text", "leaflet_title", "leaflet_when", "leaflet_scan",
    "leaflet_numbers", "leaflet_private", "leaflet_by", "leaflet_blocked",
})  # fmt: skip


def share_screen(bundle: Bundle, link: str, image: Picture, language: str) -> Screen:
    """A page's link and its QR code, to pass on."""
    text = escape(bundle.locales.get(language, "share_text", link=link))
    return Screen(text, ((buttons.home(bundle, language),),), image=image)


class Sharing(Feature):
    keys = KEYS

    def routes(self) -> list[Route]:
        return [
            Command("share", self.share, menu=50),
            Tap(SHARE, self.share_page),
            Inline(self.inline),
        ]

    async def share(self, visit: Visit, _: str = "") -> Screen:
        """/share: the bot's link in the user's language, and its QR code."""
        return await self.page(self.services.bundle.content.root, visit.language)

    async def share_page(self, visit: Visit, page_id: str) -> Screen | None:
        if not self.services.bundle.content.has_page(page_id):
            return None
        return await self.page(page_id, visit.language)

    async def page(self, page_id: str, language: str) -> Screen:
        """The link to ``page_id`` in ``language``, and its QR code: sent by the file_id
        Telegram gave it once it was uploaded, as spoken messages are."""
        bundle, services = self.services.bundle, self.services
        link = self.link(None if page_id == bundle.content.root else page_id, language)
        key = f"qr:{link}"
        known = await services.read(services.storage.voices.file_id(key), None,
                                    "the QR code is uploaded again")  # fmt: skip
        return share_screen(bundle, link, Picture(key, qr_png(link), known), language)

    def link(self, page_id: str | None, language: str, country: str | None = None) -> str:
        username = self.services.bot_username() or EXAMPLE_USERNAME
        return bot_link(username, page_id, language, country)

    async def inline(self, visit: Visit, query: str) -> list[Card]:
        """Answers for ``@bot <query>`` in any chat: country cards and pages, at most 50."""
        bundle, language = self.services.bundle, visit.language
        countries, pages = self._choices(query, visit)
        hotlines, urgent = HotlineScreens(bundle), bundle.content.urgent
        cards = [
            hotlines.country_card(country, language, self.link(urgent, language, country.code))
            for code in countries if (country := bundle.directory.get(code))
        ]  # fmt: skip
        navigation = Pages(bundle, relay=self.services.config.staff_chat_id is not None)
        cards += [navigation.page_card(page_id, language, self.link(page_id, language))
                  for page_id in pages]  # fmt: skip
        return cards[:MAX_INLINE_RESULTS]

    def _choices(self, query: str, visit: Visit) -> tuple[list[str], list[str]]:
        """Which countries and pages answer ``query``; the most useful ones when empty."""
        bundle = self.services.bundle
        if not query.strip():
            mine = [visit.country] if visit.country else []
            others = sorted((code for code, c in bundle.directory.countries.items()
                             if c.has_trafficking_line and code not in mine),
                            key=lambda code: country_name(code, visit.language))  # fmt: skip
            root = bundle.content.pages[bundle.content.root]
            return [*mine, *others], list(root.children())
        found = bundle.countries.find(query)
        countries = [found] if found else bundle.countries.starting_with(query)
        return countries, bundle.search.search(query, visit.language)

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        link = bot_link(EXAMPLE_USERNAME, bundle.content.urgent, language, "UA")
        yield Sample("share", share_screen(bundle, link, Picture("qr", b""), language), rtl=False)
