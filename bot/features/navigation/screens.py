"""The pages, the menu, the languages and /help.

Every page gets the same frame: its title in bold, its text, its buttons, then a row to
the urgent page (help is one tap away from anywhere), and Back and Menu. The root page
has a Language button instead of Back and Menu.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content.model import ActionButton, ButtonSpec, LinkButton
from bot.core.callbacks import (
    EXIT,
    JOB_CHECK,
    OPEN_PAGE,
    REPORT,
    SELF_CHECK,
    SET_LANGUAGE,
    SHARE,
    SHOW_MY_COUNTRY,
    SHOW_SPOKEN,
    TALK,
)
from bot.core.screens import RLM, Button, Card, Screen, escape, italic, visible_text
from bot.features import buttons
from bot.features.hotlines.screens import HotlineScreens
from bot.features.selfcheck.questions import INTRO

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

LANGUAGES_PER_ROW = 2
# Buttons a page's YAML may ask for by name (``action: exit``), and what they open.
_ACTIONS = {
    "exit": ("exit_button", lambda: EXIT()),
    "selfcheck": ("selfcheck_button", lambda: SELF_CHECK(INTRO)),
    "jobcheck": ("jobcheck_button", lambda: JOB_CHECK(INTRO)),
    "spoken": ("spoken_button", lambda: SHOW_SPOKEN()),
    "my_country": ("my_country_button", lambda: SHOW_MY_COUNTRY()),
    "talk": ("talk_button", lambda: TALK("i")),
    "report": ("report_button", lambda: REPORT("i")),
}
RELAY_ACTIONS = frozenset({"talk", "report"})  # only where the relay to staff is set up


class Pages:
    def __init__(self, bundle: Bundle, relay: bool = False) -> None:
        """``relay``: talking to a person is offered (``BOT_STAFF_CHAT_ID`` is set); else
        its buttons are left out of the pages."""
        self.bundle, self.content, self.locales = bundle, bundle.content, bundle.locales
        self.hidden = frozenset() if relay else RELAY_ACTIONS

    def page(
        self, page_id: str, language: str, notice: str | None = None, country: str | None = None
    ) -> Screen:
        """The page in ``language``; ``notice`` is a line shown above it (e.g. an apology);
        ``country`` is the user's, so that the hotlines button leads straight to its card."""
        page = self.content.pages[page_id]
        text, translated = self.content.text(page_id, language)
        parts = [italic(notice)] if notice else []
        if not translated:
            parts.append(italic(self.locales.get(language, "not_translated")))
        entry = self.bundle.directory.get(country) if country else None
        if page_id == self.content.urgent and entry is not None:  # the numbers come first
            parts.append(HotlineScreens(self.bundle).first_numbers(entry, language))
        parts += [f"<b>{escape(text.title)}</b>", text.text]
        rows = [
            shown
            for row in page.rows
            if (shown := tuple(self._button(button, page_id, language, country) for button in row
                               if not (isinstance(button, ActionButton)
                                       and button.action in self.hidden)))
        ]  # fmt: skip
        rows += self._frame(page_id, page.parent, language)
        return Screen("\n\n".join(parts), tuple(rows))

    def menu(self, language: str, notice: str | None = None) -> Screen:
        return self.page(self.content.root, language, notice)

    def page_card(self, page_id: str, language: str, link: str) -> Card:
        """A page as an inline-mode answer."""
        text, _ = self.content.text(page_id, language)
        summary = " ".join(visible_text(text.text).split())
        return Card(
            id=f"p:{page_id}", title=text.title, description=summary[:120],
            text=self.page(page_id, language).text,
            link_label=self.locales.get(language, "inline_open"), link=link,
        )  # fmt: skip

    def languages(self, language: str) -> Screen:
        choices = [
            Button(("✓ " if code == language else "") + self.locales.name(code), SET_LANGUAGE(code))
            for code in self.locales.languages
        ]
        rows = [
            tuple(choices[i : i + LANGUAGES_PER_ROW])
            for i in range(0, len(choices), LANGUAGES_PER_ROW)
        ]
        rows.append((buttons.home(self.bundle, language),))
        title = self.locales.get(language, "choose_language")
        return Screen(f"<b>{escape(title)}</b>", tuple(rows))

    def help(self, language: str, commands: list[str]) -> Screen:
        """How to use the bot, with every public command and what it does."""
        start = RLM if self.locales.is_rtl(language) else ""  # a paragraph's direction
        listed = "\n".join(
            f"{start}• /{name} — {escape(self.locales.get(language, f'command_{name}'))}"
            for name in commands
        )
        text = self.locales.get(language, "help", commands=listed)
        home = buttons.home(self.bundle, language)
        return Screen(text, ((home, buttons.languages(self.bundle, language)),))

    def _button(self, spec: ButtonSpec, page_id: str, language: str, country: str | None) -> Button:
        if isinstance(spec, LinkButton):
            return Button(self.content.link_label(page_id, spec.id, language), url=spec.url)
        if isinstance(spec, ActionButton) and spec.action in _ACTIONS:
            key, data = _ACTIONS[spec.action]
            return Button(self.locales.get(language, key), data())
        if isinstance(spec, ActionButton):  # hotlines
            return buttons.hotlines(self.bundle, country, language)
        return Button(self.content.label(spec.target, language), OPEN_PAGE(spec.target))

    def _frame(self, page_id: str, parent: str | None, language: str) -> list[tuple[Button, ...]]:
        root, urgent = self.content.root, self.content.urgent
        share = Button(self.locales.get(language, "share_button"), SHARE(page_id))
        if page_id == root:
            return [(buttons.languages(self.bundle, language), share)]
        rows: list[tuple[Button, ...]] = []
        if urgent not in (page_id, root) and urgent not in self.content.breadcrumb(page_id):
            rows.append((Button(self.content.label(urgent, language), OPEN_PAGE(urgent)),))
        back = buttons.back(self.bundle, language, OPEN_PAGE(parent or root))
        rows.append((back, buttons.home(self.bundle, language), share))
        return rows
