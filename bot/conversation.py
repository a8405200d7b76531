"""What the bot answers to each thing a user does, independent of Telegram.

Telegram's handlers (:mod:`bot.handlers`) and the terminal chat (:mod:`bot.console`) both
ask a :class:`Conversation`; it decides which screen to show and remembers the user's
language and country. Free text is read once, to answer it (emergency words, a country's
name, or a search), and is never kept or logged.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from dataclasses import dataclass

from bot import callbacks
from bot.bundle import Bundle, BundleHolder
from bot.deeplinks import parse_payload
from bot.hotline_views import country_name, flag
from bot.places import country_at, country_codes
from bot.screens import Card, Screen
from bot.sharing import bot_link, qr_png
from bot.sources import Problem, errors
from bot.stats import stats_csv, stats_screen
from bot.storage import Preferences, Storage, StorageError, today

log = logging.getLogger(__name__)
KNOWN_COUNTRIES = frozenset(country_codes())
MAX_INLINE_RESULTS = 50  # Telegram's limit for one answer
STATS_DAYS = 30
EXAMPLE_USERNAME = "YourHelpBot"  # in the terminal chat, without BOT_USERNAME


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


@dataclass(frozen=True)
class Context:
    """A user's language and country for one answer."""

    language: str
    country: str | None


class Conversation:
    def __init__(
        self,
        bundle: BundleHolder,
        storage: Storage,
        default_language: str,
        bot_username: str | None = None,
        retention_days: int = 180,
        admin_ids: frozenset[int] = frozenset(),
    ) -> None:
        # ``bundle`` is called on every update, so a reload swaps content atomically.
        self._bundle = bundle
        self.storage = storage
        self.default_language = default_language
        self.bot_username = bot_username  # set from Telegram's getMe when the bot starts
        self.retention_days = retention_days
        self.admin_ids = admin_ids

    @property
    def bundle(self) -> Bundle:
        return self._bundle()

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
            await self._save(user, language=link.language)
        if link.country:
            await self._save(user, country=link.country)
        if link.campaign:
            await self._count(link.campaign)
        context = await self.context_of(user)
        if link.is_empty:
            notice = bundle.locales.get(context.language, "stale_button")
            return bundle.views.menu(context.language, notice)
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
        return await self._menu_with(user, "unknown_command")

    async def failure(self, user: User) -> Screen:
        return await self._menu_with(user, "error")

    async def reload(self, user: User) -> Screen:
        """An admin's /reload: new content if valid, else the errors and the old content."""
        bundle, problems = await self._bundle.reload()
        language = await self.language_of(user)
        return reload_report(bundle or self.bundle, bundle is not None, problems, language)

    # -- what people write or send -------------------------------------------------------
    async def free_text(self, user: User, text: str | None = None) -> Screen:
        """Any text that is not a command: help at once for emergency words, a country for
        a country's name, else the pages that match. ``text`` is not kept."""
        if not text or not text.strip():
            return await self._menu_with(user, "free_text")
        bundle = self.bundle
        context = await self.context_of(user)
        if bundle.emergency.found_in(text):
            return self._emergency(context)
        if code := bundle.countries.find(text):
            return await self._choose_country(user, code)
        found = bundle.search.search(text, context.language)
        return bundle.views.search_results(found, context.language)

    async def location(self, user: User, latitude: float, longitude: float) -> Screen:
        """A shared location: the country there becomes the user's. Not kept otherwise."""
        code = country_at(latitude, longitude)
        if code is None:
            context = await self.context_of(user)
            notice = self.bundle.locales.get(context.language, "location_unknown")
            return self.bundle.views.hotlines.my_country(context.country, context.language, notice)
        return await self._choose_country(user, code)

    # -- buttons ------------------------------------------------------------------------
    async def tap(self, user: User, data: str | None) -> Reply:
        """A button tap. Any data at all is accepted: stale or forged data shows the menu."""
        bundle = self.bundle
        hotlines = bundle.views.hotlines
        action = callbacks.decode(data)
        context = await self.context_of(user)
        language = context.language
        match action:
            case callbacks.OpenPage(page_id) if bundle.content.has_page(page_id):
                await self._count_page(page_id, language)
                return Reply(bundle.views.page(page_id, language, country=context.country))
            case callbacks.StatsCsv(days) if user.id in self.admin_ids and days.isdigit():
                return Reply(await self.stats(user, int(days), as_file=True))
            case callbacks.ShowLanguages():
                return Reply(bundle.views.languages(language))
            case callbacks.SetLanguage(code) if bundle.locales.has(code):
                await self._save(user, language=code)
                toast = bundle.locales.get(code, "language_set", language=bundle.locales.name(code))
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
                return Reply(self._share(page_id, language))
            case callbacks.Exit():
                return await self.exit(user)
            case callbacks.ForgetMe():
                return Reply(await self.forget(user), bundle.locales.get(language, "forgotten"))
            case callbacks.ForgetCountry():
                await self._save(user, country=None)
                notice = bundle.locales.get(language, "country_forgotten")
                return Reply(hotlines.my_country(None, language, notice), notice)
        notice = bundle.locales.get(language, "stale_button")
        return Reply(bundle.views.menu(language, notice), notice)

    async def privacy(self, user: User) -> Screen:
        """/privacy: exactly what is kept, for how long, and how to delete it."""
        return self.bundle.views.privacy(await self.language_of(user), self.retention_days)

    async def forget(self, user: User) -> Screen:
        """/forget: delete everything kept about the user, at once, and say so."""
        language = await self.language_of(user)  # before forgetting: answer in their language
        try:
            await self.storage.forget(user.id)
        except StorageError as exc:
            log.warning("storage unavailable, a user could not be forgotten now: %s", exc)
            return self.bundle.views.menu(language, self.bundle.locales.get(language, "error"))
        notice = self.bundle.locales.get(language, "forgotten")
        return self.bundle.views.privacy(language, self.retention_days, notice)

    async def exit(self, user: User) -> Reply:
        """The safety exit: which of the bot's messages to delete, then how to delete the
        chat. In a private chat the chat's id is the user's id."""
        language = await self.language_of(user)
        try:
            ids = await self.storage.take_sent(user.id)
        except StorageError as exc:
            log.warning("storage unavailable, the safety exit deletes only what it sees: %s", exc)
            ids = []
        return Reply(self.bundle.views.exit_done(language), delete=tuple(ids), leave=True)

    async def remember_sent(self, chat_id: int, message_ids: list[int]) -> None:
        """Keep the ids of the bot's messages (never their text) for the safety exit."""
        try:
            await self.storage.remember_sent(chat_id, message_ids)
        except StorageError as exc:
            log.warning("storage unavailable, message ids not kept: %s", exc)

    async def stats(self, user: User, days: int = STATS_DAYS, as_file: bool = False) -> Screen:
        """For admins: pages opened per day and language, campaign visits; no one named."""
        language = await self.language_of(user)
        days = min(max(days, 1), 366)
        since = today() - dt.timedelta(days=days - 1)
        try:
            pages = await self.storage.page_counts(since)
            campaigns = await self.storage.campaign_counts(since)
        except StorageError as exc:
            log.warning("storage unavailable, no statistics: %s", exc)
            return self.bundle.views.menu(language, self.bundle.locales.get(language, "error"))
        screen = stats_screen(self.bundle.locales, language, days, pages, campaigns)
        if not as_file:
            return screen
        name = f"stats-{since.isoformat()}-{days}d.csv"
        return Screen(screen.text.split("\n")[0], document=(name, stats_csv(pages, campaigns)))

    async def share(self, user: User) -> Screen:
        """/share: the bot's link in the user's language, and its QR code."""
        language = await self.language_of(user)
        return self._share(self.bundle.content.root, language)

    async def inline(self, user: User, query: str) -> list[Card]:
        """Answers for ``@bot <query>`` in any chat: country cards and pages, at most 50."""
        bundle = self.bundle
        context = await self.context_of(user)
        language, views = context.language, bundle.views
        countries, pages = self._inline_choices(query, context)
        cards = [
            views.hotlines.country_card(country, language, self._link(
                bundle.content.urgent, language, country.code))
            for code in countries if (country := bundle.directory.get(code))
        ]  # fmt: skip
        cards += [views.page_card(page_id, language, self._link(page_id, language))
                  for page_id in pages]  # fmt: skip
        return cards[:MAX_INLINE_RESULTS]

    def _inline_choices(self, query: str, context: Context) -> tuple[list[str], list[str]]:
        """Which countries and pages answer ``query``; the most useful ones when empty."""
        bundle = self.bundle
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

    # -- helpers -------------------------------------------------------------------------
    def _link(self, page_id: str | None, language: str, country: str | None = None) -> str:
        return bot_link(self.bot_username or EXAMPLE_USERNAME, page_id, language, country)

    def _share(self, page_id: str, language: str) -> Screen:
        page = None if page_id == self.bundle.content.root else page_id
        link = self._link(page, language)
        return self.bundle.views.share(link, qr_png(link), language)

    async def _count_page(self, page_id: str, language: str) -> None:
        try:
            await self.storage.count_page(page_id, language)
        except StorageError as exc:
            log.warning("storage unavailable, a page opening is not counted: %s", exc)

    async def _count(self, campaign: str) -> None:
        try:
            await self.storage.count_campaign(campaign)
        except StorageError as exc:
            log.warning("storage unavailable, a campaign visit is not counted: %s", exc)

    def _emergency(self, context: Context) -> Screen:
        hotlines = self.bundle.views.hotlines
        country = self.bundle.directory.get(context.country) if context.country else None
        if country is not None:
            return hotlines.emergency(country, context.language)
        if context.country:
            return hotlines.no_entry(context.country, context.language)
        return hotlines.ask_country(context.language)

    async def _choose_country(self, user: User, code: str) -> Screen:
        await self._save(user, country=code)
        language = await self.language_of(user)
        name = f"{flag(code)} {country_name(code, language)}"
        notice = self.bundle.locales.get(language, "country_saved", country=name)
        country = self.bundle.directory.get(code)
        if country is None:
            return self.bundle.views.hotlines.no_entry(code, language, notice)
        return self.bundle.views.hotlines.card(country, language, notice=notice)

    async def _menu_with(self, user: User, key: str) -> Screen:
        language = await self.language_of(user)
        return self.bundle.views.menu(language, self.bundle.locales.get(language, key))

    async def _save(self, user: User, **choice: str | None) -> None:
        """Save a language or country choice; without a database, carry on without it."""
        try:
            if choice.get("language"):
                await self.storage.set_language(user.id, choice["language"])
            if "country" in choice:
                await self.storage.set_country(user.id, choice["country"])
        except StorageError as exc:
            log.warning("storage unavailable, a choice is not saved: %s", exc)


MAX_REPORTED_PROBLEMS = 30


def reload_report(bundle: Bundle, done: bool, problems: list[Problem], language: str) -> Screen:
    """What an admin reads after a reload: the new content's size, or what to fix."""
    locales = bundle.locales
    if done:
        head = locales.get(language, "reload_done", pages=len(bundle.content.pages),
                           countries=len(bundle.directory.countries),
                           languages=len(bundle.languages))  # fmt: skip
    else:
        head = locales.get(language, "reload_failed", count=len(errors(problems)))
    shown = problems[:MAX_REPORTED_PROBLEMS]
    lines = [f"<b>{html.escape(head, quote=False)}</b>"]
    lines += [f"<code>{html.escape(str(problem), quote=False)}</code>" for problem in shown]
    if len(problems) > len(shown):
        lines.append(f"… +{len(problems) - len(shown)}")
    return Screen("\n".join(lines))
