"""A realistic mix of updates from many people, built as Telegram would send them.

The mix, by share of updates: 30% ``/start`` (half plain, half deep links with a page, a
language, a country or a campaign), 40% button taps, 15% free text (questions in several
languages, country names, a few emergency words), 10% language changes (a tap on a
language in the language menu) and 5% inline queries. A tap takes its data from the
newest buttons the bot showed that person, as a person would; a few buttons (Share, Leave
quickly, Forget me, campaign news) are tapped less often than navigation. Everything comes
from a seeded random generator, so every run sends the same kinds in the same order.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bench.fake import LeanTelegram
from bot.core.deeplinks import make_payload
from tests.fake_telegram import BOT_USER

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

Raw = dict[str, Any]

SEED = 8  # the number: the same mix every run

MIX = {"start": 30, "tap": 40, "text": 15, "language": 10, "inline": 5}  # per 100 updates
LANGUAGE_CODES = ("en", "en", "en", "fr", "es", "ar", "ru", "uk", "zh", "de", "pt", None)
QUESTIONS = (
    "how do I know if it is trafficking", "they took my passport", "job offer abroad",
    "what is forced labour", "where can I get help", "signs of exploitation",
    "¿qué es la trata de personas?", "on m'a pris mon passeport", "мне не платят зарплату",
    "як отримати допомогу", "什么是人口贩卖", "ما هو الاتجار بالبشر", "help me", "urgence",
)  # fmt: skip
COUNTRY_NAMES = (
    "Ukraine", "Україна", "France", "Nigeria", "Philippines", "Deutschland", "Mexico",
    "Thailand", "USA", "Brasil", "Kenia", "Moldova",
)  # fmt: skip
INLINE_QUERIES = ("", "ukr", "help", "Fra", "signs", "Nigeria")
CAMPAIGNS = ("airport", "kyiv_station", "leaflet_2026")
# How often a button is chosen among those shown, by its data's prefix (others: 1).
RARE_BUTTONS = {"sh:": 0.2, "ex": 0.1, "fg": 0.1, "nw:": 0.3, "mc:x": 0.3}


@dataclass
class Person:
    """Someone in a private chat with the bot."""

    id: int
    language_code: str | None

    @property
    def user(self) -> Raw:
        user: Raw = {"id": self.id, "is_bot": False, "first_name": "Someone"}
        if self.language_code:
            user["language_code"] = self.language_code
        return user

    @property
    def chat(self) -> Raw:
        return {"id": self.id, "type": "private", "first_name": "Someone"}


@dataclass(frozen=True)
class Planned:
    """One update to send: its kind in the mix, a finer label, and the raw update."""

    kind: str
    label: str
    raw: Raw


class Traffic:
    """People and the updates they send; taps read the buttons ``telegram`` last showed."""

    def __init__(
        self, telegram: LeanTelegram, people: int, seed: int, payloads: Sequence[str]
    ) -> None:
        self.random = random.Random(seed)
        self.telegram = telegram
        self.people = [
            Person(100_000 + n, self.random.choice(LANGUAGE_CODES)) for n in range(people)
        ]
        self.payloads = payloads
        self.language_taps: list[str] = []  # from the bot's language menu: learn_languages

    def kinds(self, count: int) -> list[str]:
        """``count`` kinds in the proportions of :data:`MIX`, shuffled."""
        kinds = [kind for kind, share in MIX.items() for _ in range(share)]
        planned = (kinds * (count // len(kinds) + 1))[:count]
        self.random.shuffle(planned)
        return planned

    def learn_languages(self) -> None:
        """Keep the language buttons of the language menu the bot sent (to tap them)."""
        for newest in self.telegram.newest.values():
            taps = [data for data in newest.callbacks() if data.startswith("lang:")]
            if taps:
                self.language_taps = taps
                return
        raise RuntimeError("the bot has not shown its language menu: send /language first")

    def stream(self, count: int) -> Iterator[Planned]:
        """``count`` updates from people chosen at random, each built only when asked for
        (after the previous one was handled, so a tap sees what the bot showed)."""
        for kind in self.kinds(count):
            yield self.plan(kind, self.random.choice(self.people))

    def bursts(self, count: int, size: int) -> Iterator[list[Planned]]:
        """``count`` updates in batches of ``size``, no one twice in a batch; each batch is
        built only when asked for, after the previous batch was handled."""
        kinds = self.kinds(count)
        for start in range(0, count, size):
            people = self.random.sample(self.people, min(size, len(self.people)))
            batch = zip(kinds[start : start + size], people, strict=False)
            yield [self.plan(kind, person) for kind, person in batch]

    def greetings(self) -> list[Planned]:
        """Everyone's first message, ``/start``, then one person opening ``/language``."""
        plans = [Planned("start", "/start", message(person, "/start"))
                 for person in self.people]  # fmt: skip
        plans.append(Planned("language", "/language", message(self.people[0], "/language")))
        return plans

    # -- updates ---------------------------------------------------------------------------
    def plan(self, kind: str, person: Person) -> Planned:
        """The next update of ``kind`` from ``person``."""
        if kind == "start":
            return self._start(person)
        if kind == "tap":
            return self._tap(person)
        if kind == "language":
            data = self.random.choice(self.language_taps)
            return Planned(kind, "lang:", self._tap_newest(person, data))
        if kind == "text":
            return self._text(person)
        query = self.random.choice(INLINE_QUERIES)
        return Planned(kind, "inline", inline(person, query))

    def _start(self, person: Person) -> Planned:
        if self.random.random() < 0.5:
            return Planned("start", "/start", message(person, "/start"))
        payload = self.random.choice(self.payloads)
        return Planned("start", "/start link", message(person, f"/start {payload}"))

    def _tap(self, person: Person) -> Planned:
        newest = self.telegram.newest.get(person.id)
        choices = newest.callbacks() if newest else []
        if not choices:  # nothing shown yet (or a baseline without buttons): the menu
            return Planned("tap", "p:", self._tap_newest(person, "p:home"))
        weights = [rarity(data) for data in choices]
        data = self.random.choices(choices, weights)[0]
        return Planned("tap", prefix(data), self._tap_newest(person, data))

    def _tap_newest(self, person: Person, data: str) -> Raw:
        """A tap on the newest message with buttons in the person's chat."""
        newest = self.telegram.newest.get(person.id)
        return tap(person, data, newest.message_id if newest else 1)

    def _text(self, person: Person) -> Planned:
        if self.random.random() < 0.6:
            return Planned("text", "question", message(person, self.random.choice(QUESTIONS)))
        name = self.random.choice(COUNTRY_NAMES)
        return Planned("text", "country", message(person, name))


_ids = itertools.count(1)  # update, message and query ids


def message(person: Person, text: str) -> Raw:
    """An update: ``person`` sends ``text`` (a command gets its entity, as Telegram adds)."""
    sent: Raw = {
        "message_id": next(_ids), "date": 1_700_000_000, "chat": person.chat,
        "from": person.user, "text": text,
    }  # fmt: skip
    if text.startswith("/"):
        length = len(text.split()[0])
        sent["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"update_id": next(_ids), "message": sent}


def tap(person: Person, data: str, message_id: int) -> Raw:
    """An update: ``person`` taps a button carrying ``data`` on message ``message_id``."""
    tapped = {"message_id": message_id, "date": 1_700_000_000, "chat": person.chat,
              "from": BOT_USER, "text": "…"}  # fmt: skip
    query = {"id": str(next(_ids)), "from": person.user, "chat_instance": "1",
             "message": tapped, "data": data}  # fmt: skip
    return {"update_id": next(_ids), "callback_query": query}


def location(person: Person, point: tuple[float, float]) -> Raw:
    """An update: ``person`` shares a location (latitude, longitude)."""
    latitude, longitude = point
    shared = {
        "message_id": next(_ids), "date": 1_700_000_000, "chat": person.chat,
        "from": person.user, "location": {"latitude": latitude, "longitude": longitude},
    }  # fmt: skip
    return {"update_id": next(_ids), "message": shared}


def inline(person: Person, query: str) -> Raw:
    """An update: ``person`` types ``@bot query`` in some chat."""
    asked = {"id": str(next(_ids)), "from": person.user, "query": query, "offset": ""}
    return {"update_id": next(_ids), "inline_query": asked}


def deep_link_payloads(bundle: Bundle, seed: int, count: int = 60) -> list[str]:
    """Deep-link payloads as leaflets and shared links carry them: real pages, languages,
    countries and campaign tags, each field present or not."""
    rng = random.Random(seed)
    pages = sorted(bundle.content.pages)
    countries = sorted(bundle.directory.countries)
    return [
        make_payload(
            rng.choice(pages),
            rng.choice((None, *bundle.languages)),
            rng.choice((None, None, *countries)),
            rng.choice((None, None, None, *CAMPAIGNS)),
        )
        for _ in range(count)
    ]


def rarity(data: str) -> float:
    """How likely a person is to tap a button with this data, relative to navigation."""
    return next((weight for start, weight in RARE_BUTTONS.items() if data == start
                 or (start.endswith(":") and data.startswith(start))), 1.0)  # fmt: skip


def prefix(data: str) -> str:
    """The kind of button: its data up to and including the first colon."""
    head, colon, _ = data.partition(":")
    return head + colon
