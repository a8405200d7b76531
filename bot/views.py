"""Rendering: content and wording in, :class:`~bot.screens.Screen` out.

Every page gets the same frame: its title in bold, its text, its buttons, then a row to
the urgent page (help is one tap away from anywhere), and Back and Menu. The root page
has a Language button instead of Back and Menu.
"""

from __future__ import annotations

import html

from bot import callbacks
from bot.content import ActionButton, ButtonSpec, Content, LinkButton
from bot.hotline_views import HotlineViews
from bot.hotlines import Directory
from bot.i18n import Locales
from bot.screens import Button, Card, Screen, visible_text
from bot.selfcheck import INTRO
from bot.spoken import Spoken
from bot.tool_views import ToolViews

LANGUAGES_PER_ROW = 2


class Views:
    def __init__(
        self, content: Content, locales: Locales, directory: Directory, spoken: Spoken | None = None
    ) -> None:
        self.content = content
        self.locales = locales
        self.hotlines = HotlineViews(directory, content, locales)
        self.tools = ToolViews(content, locales, spoken or Spoken())

    def page(
        self, page_id: str, language: str, notice: str | None = None, country: str | None = None
    ) -> Screen:
        """The page in ``language``; ``notice`` is a line shown above it (e.g. an apology);
        ``country`` is the user's, so that the hotlines button leads straight to its card."""
        page = self.content.pages[page_id]
        text, translated = self.content.text(page_id, language)
        parts = [f"<i>{html.escape(notice, quote=False)}</i>"] if notice else []
        if not translated:
            note = self.locales.get(language, "not_translated")
            parts.append(f"<i>{html.escape(note, quote=False)}</i>")
        parts += [f"<b>{html.escape(text.title, quote=False)}</b>", text.text]
        rows = [
            tuple(self._button(button, page_id, language, country) for button in row)
            for row in page.rows
        ]
        rows += self._frame(page_id, page.parent, language)
        return Screen("\n\n".join(parts), tuple(rows))

    def menu(self, language: str, notice: str | None = None) -> Screen:
        return self.page(self.content.root, language, notice)

    def privacy(self, language: str, days: int, notice: str | None = None) -> Screen:
        """What the bot keeps, for how long, and a button to delete it now."""
        text = self.locales.get(language, "privacy", days=days)
        if notice:
            text = f"<i>{html.escape(notice, quote=False)}</i>\n\n{text}"
        forget = Button(self.locales.get(language, "forget_button"), callbacks.forget_me())
        return Screen(text, ((forget,), (self._home(language),)))

    def news(self, language: str, subscribed: bool, notice: str | None = None) -> Screen:
        """Campaign news: whether the user gets it, and a button to change that."""
        get = self.locales.get
        text = html.escape(get(language, "news_on" if subscribed else "news_off",
                               language=self.locales.name(language)), quote=False)  # fmt: skip
        if notice:
            text = f"<i>{html.escape(notice, quote=False)}</i>\n\n{text}"
        label = get(language, "unsubscribe_button" if subscribed else "subscribe_button")
        toggle = Button(label, callbacks.news(not subscribed))
        return Screen(text, ((toggle,), (self._home(language),)))

    def exit_done(self, language: str) -> Screen:
        """After the safety exit: how to delete the chat itself."""
        return Screen(self.locales.get(language, "exit_done"))

    def share(self, link: str, image: bytes, language: str) -> Screen:
        """A page's link and its QR code, to pass on."""
        text = html.escape(self.locales.get(language, "share_text", link=link), quote=False)
        return Screen(text, ((self._home(language),),), image=image)

    def page_card(self, page_id: str, language: str, link: str) -> Card:
        """A page as an inline-mode answer."""
        text, _ = self.content.text(page_id, language)
        summary = " ".join(visible_text(text.text).split())
        return Card(
            id=f"p:{page_id}", title=text.title, description=summary[:120],
            text=self.page(page_id, language).text,
            link_label=self.locales.get(language, "inline_open"), link=link,
        )  # fmt: skip

    def search_results(self, page_ids: list[str], language: str) -> Screen:
        """Pages found for what the user typed, as buttons."""
        if not page_ids:
            return self.menu(language, self.locales.get(language, "search_nothing"))
        title = html.escape(self.locales.get(language, "search_results"), quote=False)
        rows = [(Button(self.content.label(page_id, language), callbacks.open_page(page_id)),)
                for page_id in page_ids]  # fmt: skip
        rows.append((self._home(language),))
        return Screen(f"<b>🔎 {title}</b>", tuple(rows))

    def languages(self, language: str) -> Screen:
        buttons = [
            Button(
                ("✓ " if code == language else "") + self.locales.name(code),
                callback=callbacks.set_language(code),
            )
            for code in self.locales.languages
        ]
        rows = [
            tuple(buttons[i : i + LANGUAGES_PER_ROW])
            for i in range(0, len(buttons), LANGUAGES_PER_ROW)
        ]
        rows.append((self._home(language),))
        title = self.locales.get(language, "choose_language")
        text = f"<b>{html.escape(title, quote=False)}</b>"
        return Screen(text, tuple(rows))

    def help(self, language: str) -> Screen:
        rows = ((self._home(language), self._language_button(language)),)
        return Screen(self.locales.get(language, "help"), rows)

    def _button(self, spec: ButtonSpec, page_id: str, language: str, country: str | None) -> Button:
        if isinstance(spec, LinkButton):
            return Button(self.content.link_label(page_id, spec.id, language), url=spec.url)
        if isinstance(spec, ActionButton) and spec.action == "exit":
            return Button(self.locales.get(language, "exit_button"), callbacks.exit_())
        if isinstance(spec, ActionButton) and spec.action == "selfcheck":
            label = self.locales.get(language, "selfcheck_button")
            return Button(label, callbacks.self_check(INTRO))
        if isinstance(spec, ActionButton) and spec.action == "spoken":
            return Button(self.locales.get(language, "spoken_button"), callbacks.show_spoken())
        if isinstance(spec, ActionButton) and spec.action == "my_country":
            label = self.locales.get(language, "my_country_button")
            return Button(label, callbacks.show_my_country())
        if isinstance(spec, ActionButton):
            return self.hotlines.hotlines_button(country, language)
        label = self.content.label(spec.target, language)
        return Button(label, callback=callbacks.open_page(spec.target))

    def _frame(self, page_id: str, parent: str | None, language: str) -> list[tuple[Button, ...]]:
        root, urgent = self.content.root, self.content.urgent
        share = Button(self.locales.get(language, "share_button"), callbacks.share(page_id))
        if page_id == root:
            return [(self._language_button(language), share)]
        rows: list[tuple[Button, ...]] = []
        if urgent not in (page_id, root) and urgent not in self.content.breadcrumb(page_id):
            rows.append(
                (Button(self.content.label(urgent, language), callbacks.open_page(urgent)),)
            )
        back = Button(self.locales.get(language, "back"), callbacks.open_page(parent or root))
        rows.append((back, self._home(language), share))
        return rows

    def _home(self, language: str) -> Button:
        return Button(self.locales.get(language, "home"), callbacks.open_page(self.content.root))

    def _language_button(self, language: str) -> Button:
        return Button(self.locales.get(language, "language_button"), callbacks.show_languages())
