"""Rendering the two tools: the self-check's screens and the spoken messages' lists and
captions. No Telegram types, no database: the features decide, these draw, and
:mod:`bot.bundle` draws them all in every language to check them against Telegram's
limits before the bot serves them."""

from __future__ import annotations

import html

from bot import callbacks
from bot.content import Content
from bot.i18n import Locales
from bot.screens import Button, Screen
from bot.selfcheck import ALL_ANSWERED, INDICATORS, Progress
from bot.spoken import Spoken, SpokenLanguage, language_name

LABEL_CHARS = 60  # a spoken message's button shows its start


class ToolViews:
    def __init__(self, content: Content, locales: Locales, spoken: Spoken) -> None:
        self.content, self.locales, self.spoken = content, locales, spoken

    # -- the self-check --------------------------------------------------------------------
    def selfcheck_intro(self, language: str) -> Screen:
        text = self._text(language, "selfcheck_intro", count=ALL_ANSWERED)
        start = Button(self._text(language, "selfcheck_start"),
                       callbacks.self_check(Progress().encode()))  # fmt: skip
        return Screen(text, ((start,), (self._menu(language),)))

    def selfcheck_step(self, language: str, progress: Progress) -> Screen:
        """The next question, or the result once all are answered."""
        if progress.done:
            return self.selfcheck_result(language, progress)
        counter = self._text(language, "selfcheck_counter", number=progress.step + 1,
                             count=ALL_ANSWERED)  # fmt: skip
        question = self._text(language, f"selfcheck_q_{INDICATORS[progress.step]}")
        yes = Button(self._text(language, "selfcheck_yes"),
                     callbacks.self_check(progress.answer(True).encode()))  # fmt: skip
        no = Button(self._text(language, "selfcheck_no"),
                    callbacks.self_check(progress.answer(False).encode()))  # fmt: skip
        stop = Button(self._text(language, "selfcheck_stop"), callbacks.open_page(self._root))
        body = f"<i>{_escape(counter)}</i>\n\n<b>{_escape(question)}</b>"
        return Screen(body, ((yes, no), (stop,)))

    def selfcheck_result(self, language: str, progress: Progress) -> Screen:
        """What the answers may mean, without diagnosing; then help and the way out."""
        if signs := progress.signs():
            listed = "\n".join(f"• {_escape(self._text(language, f'selfcheck_sign_{sign}'))}"
                               for sign in signs)  # fmt: skip
            body = self._text(language, "selfcheck_result_some", number=len(signs),
                              count=ALL_ANSWERED, signs=listed)  # fmt: skip
        else:
            body = self._text(language, "selfcheck_result_none")
        hotlines = Button(self._text(language, "my_country_button"), callbacks.show_my_country())
        leave = Button(self._text(language, "exit_button"), callbacks.exit_())
        return Screen(body, ((hotlines,), (leave,), (self._menu(language),)))

    # -- spoken messages -------------------------------------------------------------------
    def spoken_languages(self, language: str) -> Screen:
        """Every language, in its own name and the responder's, two to a row."""
        named = sorted(self.spoken.languages.values(),
                       key=lambda item: language_name(item.code, language))  # fmt: skip
        buttons = [Button(_label(item, language), callbacks.spoken_language(item.code))
                   for item in named]  # fmt: skip
        rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
        rows.append((self._menu(language),))
        return Screen(self._text(language, "spoken_intro"), tuple(rows))

    def spoken_messages(self, language: str, target: SpokenLanguage) -> Screen:
        """The messages to play in ``target``, labelled in the responder's ``language``."""
        mine = self.spoken.get(language) or target
        text = self._text(language, "spoken_choose", language=_escape(target.name))
        if not target.reviewed:
            text += f"\n\n<i>⚠ {_escape(self._text(language, 'spoken_unreviewed'))}</i>"
        rows: list[tuple[Button, ...]] = []
        for number, message in enumerate(self.spoken.messages):
            label = mine.texts[message]
            if len(label) > LABEL_CHARS:
                label = label[: LABEL_CHARS - 1].rstrip() + "…"
            rows.append((Button(f"🔊 {label}", callbacks.say(target.code, number)),))
        back = Button(self._text(language, "spoken_languages"), callbacks.show_spoken())
        rows.append((back, self._menu(language)))
        return Screen(text, tuple(rows))

    def spoken_caption(
        self, language: str, target: SpokenLanguage, message: str, audio: bool = True
    ) -> str:
        """The words in the person's language, then in the responder's; a warning when not
        reviewed; a note when there is no audio to send."""
        caption = f"<b>{_escape(target.texts[message])}</b>"
        mine = self.spoken.get(language)
        if mine is not None and mine.code != target.code:
            caption += f"\n{_escape(mine.texts[message])}"
        if not target.reviewed:
            caption += f"\n<i>⚠ {_escape(self._text(language, 'spoken_unreviewed'))}</i>"
        if not audio:
            caption += f"\n\n<i>{_escape(self._text(language, 'spoken_no_audio'))}</i>"
        return caption

    # -- helpers ---------------------------------------------------------------------------
    @property
    def _root(self) -> str:
        return self.content.root

    def _text(self, language: str, key: str, /, **values: object) -> str:
        return self.locales.get(language, key, **values)

    def _menu(self, language: str) -> Button:
        return Button(self._text(language, "home"), callbacks.open_page(self._root))


def _label(item: SpokenLanguage, language: str) -> str:
    """ "العربية · Arabic": the person can point at their own name."""
    own, theirs = item.name, language_name(item.code, language)
    return own if own.casefold() == theirs.casefold() else f"{own} · {theirs}"


def _escape(text: str) -> str:
    return html.escape(text, quote=False)
