"""Campaign news: /subscribe and /unsubscribe for everyone; for admins, /broadcast.

An admin writes one message with a version per language, each after its language code:

    /broadcast
    en: 30 July is the World Day against Trafficking in Persons.
    fr: Le 30 juillet est la Journée mondiale ...

The bot shows each version as subscribers will see it, with the number of subscribers per
language, and asks to confirm. Confirmed, the news is queued in the database for every
subscriber (in their language, English otherwise) and :mod:`bot.features.news.broadcaster` sends it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.core.callbacks import CANCEL_NEWS, SEND_NEWS, SET_NEWS, is_number
from bot.core.feature import Feature
from bot.core.routes import Command, Route, Tap
from bot.core.screens import (
    MAX_MESSAGE_CHARS,
    Button,
    Reply,
    Sample,
    Screen,
    escape,
    message_length,
    with_notice,
)
from bot.core.services import log
from bot.core.visit import User, Visit
from bot.features import buttons
from bot.storage import Broadcast, StorageError

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

FALLBACK = "en"  # subscribers whose language has no version get this one
# A version starts on a line of its own with a language code and a colon: "fr: Bonjour".
_MARKER = re.compile(r"^[ \t]*([a-z]{2}(?:-[a-z]{2,4})?)[ \t]*[:：][ \t]?", re.MULTILINE)


@dataclass(frozen=True)
class Versions:
    """An admin's message split by language; ``malformed`` when it cannot be read."""

    texts: dict[str, str]
    malformed: bool = False


def split_versions(text: str) -> Versions:
    """``en: …\\nfr: …`` as {"en": "…", "fr": "…"}; text with no code at all is English."""
    markers = list(_MARKER.finditer(text))
    if not markers:
        return Versions(
            {FALLBACK: text.strip()} if text.strip() else {}, malformed=not text.strip()
        )
    texts: dict[str, str] = {}
    malformed = bool(text[: markers[0].start()].strip())  # text before the first code
    for marker, following in zip(markers, [*markers[1:], None], strict=True):
        end = following.start() if following else len(text)
        version = text[marker.end() : end].strip()
        code = marker.group(1)
        malformed |= code in texts or not version
        texts[code] = version
    return Versions(texts, malformed)


KEYS = frozenset({
    "command_subscribe", "command_unsubscribe", "news_on", "news_off", "subscribe_button",
    "unsubscribe_button", "subscribed", "unsubscribed", "news_footer", "broadcast_help",
    "broadcast_no_english", "broadcast_unknown_language", "broadcast_too_long",
    "broadcast_preview", "broadcast_send", "broadcast_cancel", "broadcast_cancelled",
    "broadcast_progress", "broadcast_done", "broadcast_gone", "broadcast_nobody",
})  # fmt: skip


def news_screen(
    bundle: Bundle, language: str, subscribed: bool, notice: str | None = None
) -> Screen:
    """Campaign news: whether the user gets it, and a button to change that."""
    get = bundle.locales.get
    text = escape(get(language, "news_on" if subscribed else "news_off",
                      language=bundle.locales.name(language)))  # fmt: skip
    label = get(language, "unsubscribe_button" if subscribed else "subscribe_button")
    toggle = Button(label, SET_NEWS("off" if subscribed else "on"))
    return Screen(with_notice(text, notice), ((toggle,), (buttons.home(bundle, language),)))


class News(Feature):
    keys = KEYS

    def routes(self) -> list[Route]:
        return [
            Command("subscribe", self.subscribe, menu=60),
            Command("unsubscribe", self.unsubscribe, menu=70),
            Tap(SET_NEWS, self.choose),
            Command("broadcast", self.compose, admin=True, html=True),
            Tap(SEND_NEWS, self.confirm, admin=True),
            Tap(CANCEL_NEWS, self.cancel, admin=True),
        ]

    # -- subscribers ---------------------------------------------------------------------
    async def subscribe(self, visit: Visit, _: str = "") -> Screen:
        return await self._set(visit, on=True)

    async def unsubscribe(self, visit: Visit, _: str = "") -> Screen:
        return await self._set(visit, on=False)

    async def choose(self, visit: Visit, choice: str) -> Reply | None:
        """The button under the news screen."""
        if choice not in ("on", "off"):
            return None
        screen = await self._set(visit, on=choice == "on")
        toast = self.services.text(
            visit.language, "subscribed" if choice == "on" else "unsubscribed"
        )
        return Reply(screen, toast)

    async def _set(self, visit: Visit, on: bool) -> Screen:
        services, language = self.services, visit.language
        users = services.storage.users
        change = (
            users.subscribe(visit.user.id, language) if on else users.unsubscribe(visit.user.id)
        )
        if not await services.try_to(change, "a subscription is not changed"):
            return await self.services.menu_with(visit, "error")
        notice = services.text(language, "subscribed" if on else "unsubscribed")
        return news_screen(services.bundle, language, on, notice)

    # -- admins --------------------------------------------------------------------------
    async def compose(self, visit: Visit, text: str) -> Reply:
        """/broadcast: each version as subscribers will see it, then the question."""
        services, language = self.services, visit.language
        locales = services.bundle.locales
        known = ", ".join(locales.languages)
        versions = split_versions(text)
        if versions.malformed or not versions.texts:
            return Reply(Screen(services.text(language, "broadcast_help", languages=known)))
        unknown = sorted(code for code in versions.texts if not locales.has(code))
        if unknown:
            return Reply(self._say(language, "broadcast_unknown_language",
                                   codes=", ".join(unknown), languages=known))  # fmt: skip
        if FALLBACK not in versions.texts:
            return Reply(self._say(language, "broadcast_no_english"))
        messages = {code: self.message(code, version) for code, version in versions.texts.items()}
        for code, message in messages.items():
            size, extra = message_length(versions.texts[code]), message_length(message)
            if extra > MAX_MESSAGE_CHARS:
                limit = MAX_MESSAGE_CHARS - (extra - size)
                name = locales.name(code)
                return Reply(self._say(language, "broadcast_too_long", language=name,
                                       length=size, limit=limit))  # fmt: skip
        try:
            subscribers = await services.storage.users.subscribers()
            if not subscribers:
                return Reply(self._say(language, "broadcast_nobody"))
            draft = await services.storage.news.draft(visit.user.id, messages)
        except StorageError as exc:
            log.warning("storage unavailable, no broadcast: %s", exc)
            return Reply(await self.services.menu_with(visit, "error"))
        previews = tuple(Screen(message) for message in messages.values())
        question = self._question(language, draft, subscribers, set(messages))
        return Reply(previews[0], then=(*previews[1:], question))

    def message(self, language: str, version: str) -> str:
        """What a subscriber reads: the version, and why they get it."""
        footer = escape(self.services.text(language, "news_footer"))
        return f"{version}\n\n<i>{footer}</i>"

    def _question(
        self, language: str, draft: int, subscribers: dict[str, int], versions: set[str]
    ) -> Screen:
        locales = self.services.bundle.locales
        count = sum(subscribers.values())
        parts = []
        for code, number in subscribers.items():
            name = locales.name(code) if locales.has(code) else code or "?"
            shown = code if code in versions else FALLBACK
            parts.append(f"{name} {number}" + ("" if shown == code else f" → {FALLBACK}"))
        text = self.services.text(language, "broadcast_preview", count=count,
                                  by_language=escape(", ".join(parts)))  # fmt: skip
        send = Button(self.services.text(language, "broadcast_send", count=count),
                      SEND_NEWS(draft))  # fmt: skip
        cancel = Button(self.services.text(language, "broadcast_cancel"), CANCEL_NEWS(draft))
        return Screen(text, ((send, cancel),))

    async def confirm(self, visit: Visit, broadcast: str) -> Reply | None:
        """The admin tapped Send: queue the news for every subscriber, once."""
        if not is_number(broadcast):
            return None
        language = visit.language
        try:
            total = await self.services.storage.news.start(int(broadcast))
        except StorageError as exc:
            log.warning("storage unavailable, no broadcast: %s", exc)
            return Reply(await self.services.menu_with(visit, "error"))
        if total is None:
            return self._gone(language)
        self.services.news_queued()
        log.info("campaign news %s queued for %d subscriber(s)", broadcast, total)
        return Reply(self._say(language, "broadcast_progress", done=0, count=total, blocked=0,
                               failed=0, unknown=0))  # fmt: skip

    async def cancel(self, visit: Visit, broadcast: str) -> Reply | None:
        if not is_number(broadcast):
            return None
        language = visit.language
        try:
            cancelled = await self.services.storage.news.cancel(int(broadcast))
        except StorageError as exc:
            log.warning("storage unavailable, a broadcast not cancelled: %s", exc)
            return Reply(await self.services.menu_with(visit, "error"))
        if not cancelled:
            return self._gone(language)
        text = self.services.text(language, "broadcast_cancelled")
        return Reply(Screen(escape(text)), text)

    async def progress(self, news: Broadcast, final: bool) -> Screen:
        """How the sending goes, for the admin who sent it."""
        visit = await self.services.visit(User(news.admin_id))
        key = "broadcast_done" if final else "broadcast_progress"
        return self._say(visit.language, key, done=news.done, count=news.total, sent=news.sent,
                         blocked=news.blocked, failed=news.failed,
                         unknown=news.unknown)  # fmt: skip

    def _gone(self, language: str) -> Reply:
        text = self.services.text(language, "broadcast_gone")
        return Reply(Screen(escape(text)), text)

    def _say(self, language: str, key: str, /, **values: object) -> Screen:
        return Screen(escape(self.services.text(language, key, **values)))

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        yield Sample("campaign news", news_screen(bundle, language, True), rtl=False)
        yield Sample("campaign news", news_screen(bundle, language, False), rtl=False)
