"""The answers to what people write, when it is not a page or a country's card: a
situation that points to trafficking, the pages for someone who wants to help, and the
pages that answer a question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.callbacks import OPEN_PAGE, SELF_CHECK
from bot.core.screens import Button, Screen, escape
from bot.features import buttons
from bot.features.hotlines.screens import HotlineScreens
from bot.features.selfcheck.questions import INTRO

if TYPE_CHECKING:
    from bot.content.bundle import Bundle


class ReadingScreens:
    def __init__(self, bundle: Bundle) -> None:
        self.bundle, self.content = bundle, bundle.content
        self.text = bundle.locales.get

    def situation(self, language: str, country: str | None) -> Screen:
        """One calm line (this can be a sign of trafficking or forced labour), then the
        numbers of the person's country, its card, the self-check and the safety exit."""
        parts = [f"<b>{escape(self.text(language, 'situation_sign'))}</b>"]
        entry = self.bundle.directory.get(country) if country else None
        if entry is not None:
            parts.append(HotlineScreens(self.bundle).first_numbers(entry, language))
        else:
            parts.append(escape(self.text(language, "situation_no_country")))
        check = Button(self.text(language, "selfcheck_button"), SELF_CHECK(INTRO))
        rows = ((buttons.hotlines(self.bundle, country if entry else None, language),),
                (check,), (buttons.leave(self.bundle, language),),
                (buttons.home(self.bundle, language),))  # fmt: skip
        return Screen("\n\n".join(parts), rows)

    def helpers(self, language: str) -> Screen:
        """For someone who asks how to help others: the pages written for them."""
        return self.pages(list(self.content.helpers), language, "helpers_title", "🤝")

    def search_results(self, page_ids: list[str], language: str) -> Screen:
        """Pages found for what the person typed, as buttons."""
        return self.pages(page_ids, language, "search_results", "🔎")

    def pages(self, page_ids: list[str], language: str, title: str, icon: str) -> Screen:
        heading = escape(self.text(language, title))
        rows = [(Button(self.content.label(page_id, language), OPEN_PAGE(page_id)),)
                for page_id in page_ids]  # fmt: skip
        rows += [(buttons.leave(self.bundle, language),), (buttons.home(self.bundle, language),)]
        return Screen(f"<b>{icon} {heading}</b>", tuple(rows))
