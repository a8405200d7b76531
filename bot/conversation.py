"""What the bot answers to each thing a user does, independent of Telegram.

Telegram's handlers (:mod:`bot.handlers`) and the terminal chat (:mod:`bot.console`) both
ask a :class:`Conversation`. It answers navigation itself (the menu, pages, hotlines,
languages, what people write or where they are) and holds one object per other feature
(:mod:`bot.features`): ``privacy``, ``sharing``, ``news``, ``selfcheck``, ``speak``,
``admin``. Button taps all arrive here
and are passed on. Free text is read once, to answer it (emergency words, a country's
name, or a search), and is never kept or logged.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from bot import callbacks
from bot.bundle import Bundle, BundleHolder
from bot.config import Config
from bot.deeplinks import parse_payload
from bot.features import Basics, Context, Reply, User
from bot.features.admin import Admin
from bot.features.news import News
from bot.features.privacy import Privacy
from bot.features.selfcheck import SelfCheck
from bot.features.sharing import Sharing
from bot.features.spoken import Speak
from bot.hotline_views import country_name, flag
from bot.places import country_at, country_codes
from bot.screens import Screen
from bot.selfcheck import INTRO, Progress
from bot.storage import Storage

__all__ = ["Conversation", "Reply", "User"]

log = logging.getLogger(__name__)
KNOWN_COUNTRIES = frozenset(country_codes())


class Conversation:
    def __init__(
        self,
        bundle: BundleHolder,
        storage: Storage,
        default_language: str,
        bot_username: str | None = None,
        retention_days: int = 180,
        admin_ids: frozenset[int] = frozenset(),
        audio_dir: Path = Config.audio_dir,
    ) -> None:
        self.basics = basics = Basics(bundle, storage, default_language)
        self.storage = storage
        self.admin_ids = admin_ids
        self.privacy = Privacy(basics, retention_days)
        self.sharing = Sharing(basics, bot_username)
        self.news = News(basics)
        self.selfcheck = SelfCheck(basics)
        self.speak = Speak(basics, audio_dir)
        self.admin = Admin(basics)

    @property
    def bundle(self) -> Bundle:
        return self.basics.bundle

    async def language_of(self, user: User) -> str:
        return await self.basics.language_of(user)

    # -- commands ------------------------------------------------------------------------
    async def start(self, user: User, payload: str | None = None) -> Screen:
        """``/start``, optionally with a deep link naming a page, a language and a country."""
        if not payload:
            return await self.menu(user)
        bundle = self.bundle
        link = parse_payload(
            payload, bundle.content.pages, bundle.locales.languages, KNOWN_COUNTRIES
        )
        if link.language:
            await self.basics.save(user, language=link.language)
        if link.country:
            await self.basics.save(user, country=link.country)
        if link.campaign:
            await self._count_campaign(link.campaign)
        context = await self.basics.context_of(user)
        if link.is_empty:
            return self.basics.menu(context.language, "stale_button")
        page_id = link.page_id or bundle.content.root
        await self._count_page(page_id, context.language)
        return bundle.views.page(page_id, context.language, country=context.country)

    async def menu(self, user: User) -> Screen:
        return self.bundle.views.menu(await self.language_of(user))

    async def help(self, user: User) -> Screen:
        return self.bundle.views.help(await self.language_of(user))

    async def languages(self, user: User) -> Screen:
        return self.bundle.views.languages(await self.language_of(user))

    async def unknown_command(self, user: User) -> Screen:
        return await self.basics.menu_with(user, "unknown_command")

    async def failure(self, user: User) -> Screen:
        return await self.basics.menu_with(user, "error")

    # -- what people write or send -------------------------------------------------------
    async def free_text(self, user: User, text: str | None = None) -> Screen:
        """Any text that is not a command: help at once for emergency words, a country for
        a country's name, else the pages that match. ``text`` is not kept."""
        if not text or not text.strip():
            return await self.basics.menu_with(user, "free_text")
        bundle = self.bundle
        context = await self.basics.context_of(user)
        if bundle.emergency.found_in(text):
            return self._emergency(context)
        if code := bundle.countries.find(text):
            return await self._choose_country(user, code)
        found = bundle.search.search(text, context.language)
        return bundle.views.search_results(found, context.language)

    async def location(self, user: User, latitude: float, longitude: float) -> Screen:
        """A shared location: the country there becomes the user's. Not kept otherwise."""
        # The first lookup loads the maps (seconds): in a thread, so no one else waits.
        code = await asyncio.to_thread(country_at, latitude, longitude)
        if code is None:
            context = await self.basics.context_of(user)
            notice = self.basics.text(context.language, "location_unknown")
            return self.bundle.views.hotlines.my_country(context.country, context.language, notice)
        return await self._choose_country(user, code)

    # -- buttons ------------------------------------------------------------------------
    async def tap(self, user: User, data: str | None) -> Reply:
        """A button tap. Any data at all is accepted: stale or forged data shows the menu."""
        bundle, basics = self.bundle, self.basics
        hotlines = bundle.views.hotlines
        action = callbacks.decode(data)
        context = await basics.context_of(user)
        language = context.language
        admin = user.id in self.admin_ids
        match action:
            case callbacks.OpenPage(page_id) if bundle.content.has_page(page_id):
                await self._count_page(page_id, language)
                return Reply(bundle.views.page(page_id, language, country=context.country))
            case callbacks.StatsCsv(days) if admin and callbacks.is_number(days):
                return Reply(await self.admin.stats(user, int(days), as_file=True))
            case callbacks.ShowLanguages():
                return Reply(bundle.views.languages(language))
            case callbacks.SetLanguage(code) if bundle.locales.has(code):
                await basics.save(user, language=code)
                toast = basics.text(code, "language_set", language=bundle.locales.name(code))
                return Reply(bundle.views.menu(code), toast)
            case callbacks.ShowRegions():
                return Reply(hotlines.regions(language))
            case callbacks.ShowRegion(region) if region in bundle.directory.regions:
                return Reply(hotlines.region(region, language))
            case callbacks.ShowCountry(code) if country := bundle.directory.get(code):
                return Reply(hotlines.card(country, language, mine=code == context.country))
            case callbacks.ShowMyCountry():
                return Reply(hotlines.my_country(context.country, language))
            case callbacks.SetCountry(code) if code in KNOWN_COUNTRIES:
                return Reply(await self._choose_country(user, code))
            case callbacks.Share(page_id) if bundle.content.has_page(page_id):
                return Reply(self.sharing.page(page_id, language))
            case callbacks.Exit():
                return await self.privacy.exit(user)
            case callbacks.ForgetMe():
                return Reply(await self.privacy.forget(user), basics.text(language, "forgotten"))
            case callbacks.SetNews(choice) if choice in ("on", "off"):
                return await self.news.choose(user, choice)
            case callbacks.SendNews(number) if admin and callbacks.is_number(number):
                return await self.news.confirm(user, number)
            case callbacks.CancelNews(number) if admin and callbacks.is_number(number):
                return await self.news.cancel(user, number)
            case callbacks.SelfCheck(text) if text == INTRO:
                return Reply(self.selfcheck.intro(language))
            case callbacks.SelfCheck(text) if progress := Progress.decode(text):
                return Reply(self.selfcheck.step(language, progress))
            case callbacks.ShowSpoken():
                return Reply(self.speak.language_list(language))
            case callbacks.SpokenLanguage(code) if screen := self.speak.messages(language, code):
                return Reply(screen)
            case callbacks.Say(what) if reply := await self.speak.say(user, what):
                return reply
            case callbacks.ForgetCountry():
                await basics.save(user, country=None)
                notice = basics.text(language, "country_forgotten")
                return Reply(hotlines.my_country(None, language, notice), notice)
        notice = basics.text(language, "stale_button")
        return Reply(bundle.views.menu(language, notice), notice)

    # -- helpers -------------------------------------------------------------------------
    async def _count_page(self, page_id: str, language: str) -> None:
        counting = self.storage.count_page(page_id, language)
        await self.basics.try_to(counting, "a page opening is not counted")

    async def _count_campaign(self, campaign: str) -> None:
        counting = self.storage.count_campaign(campaign)
        await self.basics.try_to(counting, "a campaign visit is not counted")

    def _emergency(self, context: Context) -> Screen:
        hotlines = self.bundle.views.hotlines
        country = self.bundle.directory.get(context.country) if context.country else None
        if country is not None:
            return hotlines.emergency(country, context.language)
        if context.country:
            return hotlines.no_entry(context.country, context.language)
        return hotlines.ask_country(context.language)

    async def _choose_country(self, user: User, code: str) -> Screen:
        await self.basics.save(user, country=code)
        language = await self.language_of(user)
        name = f"{flag(code)} {country_name(code, language)}"
        notice = self.basics.text(language, "country_saved", country=name)
        country = self.bundle.directory.get(code)
        if country is None:
            return self.bundle.views.hotlines.no_entry(code, language, notice)
        return self.bundle.views.hotlines.card(country, language, notice=notice)
