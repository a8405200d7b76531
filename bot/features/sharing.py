"""Sharing the bot: /share with a link and its QR code, and inline answers
(``@bot <query>`` in any chat) with country cards and pages."""

from __future__ import annotations

from bot.features import Basics, Context, User
from bot.hotline_views import country_name
from bot.screens import Card, Screen
from bot.sharing import bot_link, qr_png

MAX_INLINE_RESULTS = 50  # Telegram's limit for one answer
EXAMPLE_USERNAME = "YourHelpBot"  # in the terminal chat, without BOT_USERNAME


class Sharing:
    def __init__(self, basics: Basics, bot_username: str | None = None) -> None:
        self.basics = basics
        self.bot_username = bot_username  # set from Telegram's getMe when the bot starts

    async def share(self, user: User) -> Screen:
        """/share: the bot's link in the user's language, and its QR code."""
        language = await self.basics.language_of(user)
        return self.page(self.basics.bundle.content.root, language)

    def page(self, page_id: str, language: str) -> Screen:
        """The link to ``page_id`` in ``language``, and its QR code."""
        bundle = self.basics.bundle
        link = self.link(None if page_id == bundle.content.root else page_id, language)
        return bundle.views.share(link, qr_png(link), language)

    def link(self, page_id: str | None, language: str, country: str | None = None) -> str:
        return bot_link(self.bot_username or EXAMPLE_USERNAME, page_id, language, country)

    async def inline(self, user: User, query: str) -> list[Card]:
        """Answers for ``@bot <query>`` in any chat: country cards and pages, at most 50."""
        bundle = self.basics.bundle
        context = await self.basics.context_of(user)
        language, views = context.language, bundle.views
        countries, pages = self._choices(query, context)
        cards = [
            views.hotlines.country_card(country, language, self.link(
                bundle.content.urgent, language, country.code))
            for code in countries if (country := bundle.directory.get(code))
        ]  # fmt: skip
        cards += [views.page_card(page_id, language, self.link(page_id, language))
                  for page_id in pages]  # fmt: skip
        return cards[:MAX_INLINE_RESULTS]

    def _choices(self, query: str, context: Context) -> tuple[list[str], list[str]]:
        """Which countries and pages answer ``query``; the most useful ones when empty."""
        bundle = self.basics.bundle
        if not query.strip():
            mine = [context.country] if context.country else []
            others = sorted((code for code, c in bundle.directory.countries.items()
                             if c.has_trafficking_line and code not in mine),
                            key=lambda code: country_name(code, context.language))  # fmt: skip
            root = bundle.content.pages[bundle.content.root]
            return [*mine, *others], list(root.children())
        found = bundle.countries.find(query)
        countries = [found] if found else bundle.countries.starting_with(query)
        return countries, bundle.search.search(query, context.language)
