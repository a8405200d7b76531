"""Campaign news: /subscribe and /unsubscribe for everyone; for admins, /broadcast.

An admin writes one message with a version per language, each after its language code:

    /broadcast
    en: 30 July is the World Day against Trafficking in Persons.
    fr: Le 30 juillet est la Journée mondiale ...

The bot shows each version as subscribers will see it, with the number of subscribers per
language, and asks to confirm. Confirmed, the news is queued in the database for every
subscriber (in their language, English otherwise) and :mod:`bot.broadcaster` sends it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from bot import callbacks
from bot.features import Basics, Reply, User, log
from bot.screens import MAX_MESSAGE_CHARS, Button, Screen, message_length
from bot.storage import Broadcast, StorageError

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


class News:
    def __init__(self, basics: Basics, wake: Callable[[], None] = lambda: None) -> None:
        self.basics = basics
        self.wake = wake  # tells the broadcaster there is news to send

    # -- subscribers ---------------------------------------------------------------------
    async def subscribe(self, user: User) -> Screen:
        return await self._set(user, on=True)

    async def unsubscribe(self, user: User) -> Screen:
        return await self._set(user, on=False)

    async def choose(self, user: User, choice: str) -> Reply:
        """The button under the news screen."""
        screen = await self._set(user, on=choice == "on")
        language = await self.basics.language_of(user)
        return Reply(
            screen, self.basics.text(language, "subscribed" if choice == "on" else "unsubscribed")
        )

    async def _set(self, user: User, on: bool) -> Screen:
        basics = self.basics
        language = await basics.language_of(user)
        storage = basics.storage
        change = storage.subscribe(user.id, language) if on else storage.unsubscribe(user.id)
        if not await basics.try_to(change, "a subscription is not changed"):
            return basics.menu(language, "error")
        notice = basics.text(language, "subscribed" if on else "unsubscribed")
        return basics.bundle.views.news(language, on, notice)

    # -- admins --------------------------------------------------------------------------
    async def compose(self, user: User, text: str | None) -> list[Screen]:
        """/broadcast: each version as subscribers will see it, then the question."""
        basics = self.basics
        locales = basics.bundle.locales
        language = await basics.language_of(user)
        known = ", ".join(locales.languages)
        versions = split_versions(text or "")
        if versions.malformed or not versions.texts:
            return [Screen(basics.text(language, "broadcast_help", languages=known))]
        unknown = sorted(code for code in versions.texts if not locales.has(code))
        if unknown:
            return [self._say(language, "broadcast_unknown_language", codes=", ".join(unknown),
                              languages=known)]  # fmt: skip
        if FALLBACK not in versions.texts:
            return [self._say(language, "broadcast_no_english")]
        messages = {code: self.message(code, version) for code, version in versions.texts.items()}
        for code, message in messages.items():
            size, extra = message_length(versions.texts[code]), message_length(message)
            if extra > MAX_MESSAGE_CHARS:
                limit = MAX_MESSAGE_CHARS - (extra - size)
                name = locales.name(code)
                return [self._say(language, "broadcast_too_long", language=name, length=size,
                                  limit=limit)]  # fmt: skip
        try:
            subscribers = await basics.storage.subscribers()
            if not subscribers:
                return [self._say(language, "broadcast_nobody")]
            draft = await basics.storage.draft_broadcast(user.id, messages)
        except StorageError as exc:
            log.warning("storage unavailable, no broadcast: %s", exc)
            return [basics.menu(language, "error")]
        return [*(Screen(message) for message in messages.values()),
                self._question(language, draft, subscribers, set(messages))]  # fmt: skip

    def message(self, language: str, version: str) -> str:
        """What a subscriber reads: the version, and why they get it."""
        footer = html.escape(self.basics.text(language, "news_footer"), quote=False)
        return f"{version}\n\n<i>{footer}</i>"

    def _question(
        self, language: str, draft: int, subscribers: dict[str, int], versions: set[str]
    ) -> Screen:
        locales = self.basics.bundle.locales
        count = sum(subscribers.values())
        parts = []
        for code, number in subscribers.items():
            name = locales.name(code) if locales.has(code) else code or "?"
            shown = code if code in versions else FALLBACK
            parts.append(f"{name} {number}" + ("" if shown == code else f" → {FALLBACK}"))
        text = self.basics.text(language, "broadcast_preview", count=count,
                                by_language=html.escape(", ".join(parts), quote=False))  # fmt: skip
        send = Button(self.basics.text(language, "broadcast_send", count=count),
                      callbacks.send_news(draft))  # fmt: skip
        cancel = Button(
            self.basics.text(language, "broadcast_cancel"), callbacks.cancel_news(draft)
        )
        return Screen(text, ((send, cancel),))

    async def confirm(self, user: User, broadcast: str) -> Reply:
        """The admin tapped Send: queue the news for every subscriber, once."""
        language = await self.basics.language_of(user)
        try:
            total = await self.basics.storage.start_broadcast(int(broadcast))
        except StorageError as exc:
            log.warning("storage unavailable, no broadcast: %s", exc)
            return Reply(self.basics.menu(language, "error"))
        if total is None:
            return self._gone(language)
        self.wake()
        log.info("campaign news %s queued for %d subscriber(s)", broadcast, total)
        text = self.basics.text(
            language, "broadcast_progress", done=0, count=total, blocked=0, failed=0
        )
        return Reply(Screen(html.escape(text, quote=False)))

    async def cancel(self, user: User, broadcast: str) -> Reply:
        language = await self.basics.language_of(user)
        try:
            cancelled = await self.basics.storage.cancel_broadcast(int(broadcast))
        except StorageError as exc:
            log.warning("storage unavailable, a broadcast not cancelled: %s", exc)
            return Reply(self.basics.menu(language, "error"))
        if not cancelled:
            return self._gone(language)
        text = self.basics.text(language, "broadcast_cancelled")
        return Reply(Screen(html.escape(text, quote=False)), text)

    async def progress(self, news: Broadcast, final: bool) -> Screen:
        """How the sending goes, for the admin who sent it."""
        language = await self.basics.language_of(User(news.admin_id))
        key = "broadcast_done" if final else "broadcast_progress"
        text = self.basics.text(language, key, done=news.done, count=news.total, sent=news.sent,
                                blocked=news.blocked, failed=news.failed)  # fmt: skip
        return Screen(html.escape(text, quote=False))

    def _gone(self, language: str) -> Reply:
        text = self.basics.text(language, "broadcast_gone")
        return Reply(Screen(html.escape(text, quote=False)), text)

    def _say(self, language: str, key: str, /, **values: object) -> Screen:
        return Screen(html.escape(self.basics.text(language, key, **values), quote=False))
