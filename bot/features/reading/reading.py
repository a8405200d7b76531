"""What a message means, Telegram-free: :func:`understand` reads it once and says what to
answer. Nothing of the text is kept.

In this order: an intent (:mod:`bot.content.intents`) — danger now, a situation that
points to trafficking, or a wish to help others — with any country the text names; else,
unless it is a question, a country, typed alone or named in a sentence; else the pages
that answer it; else nothing the bot can answer but with the menu.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bot.content.intents import DANGER, GREETING, HELPING, QUESTION

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

Kind = Literal["danger", "situation", "helping", "country", "pages", "greeting", "nothing"]


@dataclass(frozen=True)
class Understood:
    kind: Kind
    intent: str | None = None  # which situation, for a situation
    country: str | None = None  # a country the text names
    alone: bool = False  # the text is only the country's name
    pages: tuple[str, ...] = ()  # for a question: the pages that answer it, best first

    @property
    def outcome(self) -> str:
        """The answer in one word, as the evaluation set writes it: danger, situation,
        helping, country:XX, page:<id> (the first), menu."""
        if self.kind == "country":
            return f"country:{self.country}"
        if self.kind == "pages":
            return f"page:{self.pages[0]}"
        return "menu" if self.kind in ("nothing", "greeting") else self.kind


def understand(bundle: Bundle, text: str, language: str) -> Understood:
    """What ``text``, written by someone whose language is ``language``, asks for."""
    alone = bundle.countries.find(text)
    country = alone or bundle.countries.find_in(text)
    signal = bundle.intents.read(text, language)
    if signal is not None and signal.intent != QUESTION:
        if signal.intent in (DANGER, HELPING, GREETING):
            return Understood(signal.intent, country=country)  # type: ignore[arg-type]
        return Understood("situation", signal.intent, country)
    if country is not None and signal is None:
        return Understood("country", country=country, alone=alone is not None)
    if pages := bundle.search.search(text, language):
        return Understood("pages", pages=tuple(pages))
    return Understood("nothing")
