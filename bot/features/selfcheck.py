"""The self-check "Is my situation safe?" (see :mod:`bot.selfcheck`): one yes/no question
per screen, a result that explains without diagnosing, and a way out at every step. The
answers live only in the buttons' data: nothing is stored, counted or logged."""

from __future__ import annotations

import html

from bot import callbacks
from bot.features import Basics, User
from bot.screens import Button, Screen
from bot.selfcheck import ALL_ANSWERED, INDICATORS, Progress


class SelfCheck:
    def __init__(self, basics: Basics) -> None:
        self.basics = basics

    async def start(self, user: User) -> Screen:
        """/check and the 📝 button: what the questions are, and a Start button."""
        return self.intro(await self.basics.language_of(user))

    def intro(self, language: str) -> Screen:
        text = self.basics.text(language, "selfcheck_intro", count=ALL_ANSWERED)
        start = Button(self.basics.text(language, "selfcheck_start"),
                       callbacks.self_check(Progress().encode()))  # fmt: skip
        return Screen(text, ((start,), (self._menu(language),)))

    def step(self, language: str, progress: Progress) -> Screen:
        """The next question, or the result once all are answered."""
        if progress.done:
            return self.result(language, progress)
        text = self.basics.text
        counter = text(language, "selfcheck_counter", number=progress.step + 1,
                       count=ALL_ANSWERED)  # fmt: skip
        question = text(language, f"selfcheck_q_{INDICATORS[progress.step]}")
        yes = Button(text(language, "selfcheck_yes"),
                     callbacks.self_check(progress.answer(True).encode()))  # fmt: skip
        no = Button(text(language, "selfcheck_no"),
                    callbacks.self_check(progress.answer(False).encode()))  # fmt: skip
        stop = Button(text(language, "selfcheck_stop"), callbacks.open_page(self._root))
        body = f"<i>{_escape(counter)}</i>\n\n<b>{_escape(question)}</b>"
        return Screen(body, ((yes, no), (stop,)))

    def result(self, language: str, progress: Progress) -> Screen:
        text = self.basics.text
        signs = progress.signs()
        if signs:
            listed = "\n".join(f"• {_escape(text(language, f'selfcheck_sign_{sign}'))}"
                               for sign in signs)  # fmt: skip
            body = text(language, "selfcheck_result_some", number=len(signs),
                        count=ALL_ANSWERED, signs=listed)  # fmt: skip
        else:
            body = text(language, "selfcheck_result_none")
        hotlines = Button(text(language, "my_country_button"), callbacks.show_my_country())
        leave = Button(text(language, "exit_button"), callbacks.exit_())
        return Screen(body, ((hotlines,), (leave,), (self._menu(language),)))

    @property
    def _root(self) -> str:
        return self.basics.bundle.content.root

    def _menu(self, language: str) -> Button:
        return Button(self.basics.text(language, "home"), callbacks.open_page(self._root))


def _escape(text: str) -> str:
    return html.escape(text, quote=False)
