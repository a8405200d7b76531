"""The self-check's screens: what it is, one question at a time, and a result that
explains without diagnosing. The answers travel in the buttons' data only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.callbacks import OPEN_PAGE, SELF_CHECK, SHOW_MY_COUNTRY
from bot.core.screens import Button, Screen, escape
from bot.features import buttons
from bot.features.selfcheck.questions import ALL_ANSWERED, INDICATORS, Progress

if TYPE_CHECKING:
    from bot.content.bundle import Bundle


class SelfCheckScreens:
    def __init__(self, bundle: Bundle) -> None:
        self.bundle = bundle
        self.text = bundle.locales.get

    def intro(self, language: str) -> Screen:
        text = self.text(language, "selfcheck_intro", count=ALL_ANSWERED)
        start = Button(self.text(language, "selfcheck_start"), SELF_CHECK(Progress().encode()))
        return Screen(text, ((start,), (buttons.home(self.bundle, language),)))

    def step(self, language: str, progress: Progress) -> Screen:
        """The next question, or the result once all are answered."""
        if progress.done:
            return self.result(language, progress)
        counter = self.text(language, "selfcheck_counter", number=progress.step + 1,
                            count=ALL_ANSWERED)  # fmt: skip
        question = self.text(language, f"selfcheck_q_{INDICATORS[progress.step]}")
        yes = Button(self.text(language, "selfcheck_yes"),
                     SELF_CHECK(progress.answer(True).encode()))  # fmt: skip
        no = Button(self.text(language, "selfcheck_no"),
                    SELF_CHECK(progress.answer(False).encode()))  # fmt: skip
        stop = Button(self.text(language, "selfcheck_stop"), OPEN_PAGE(self.bundle.content.root))
        body = f"<i>{escape(counter)}</i>\n\n<b>{escape(question)}</b>"
        return Screen(body, ((yes, no), (stop,)))

    def result(self, language: str, progress: Progress) -> Screen:
        """What the answers may mean, without diagnosing; then help and the way out."""
        if signs := progress.signs():
            listed = "\n".join(f"• {escape(self.text(language, f'selfcheck_sign_{sign}'))}"
                               for sign in signs)  # fmt: skip
            body = self.text(language, "selfcheck_result_some", number=len(signs),
                             count=ALL_ANSWERED, signs=listed)  # fmt: skip
        else:
            body = self.text(language, "selfcheck_result_none")
        hotlines = Button(self.text(language, "my_country_button"), SHOW_MY_COUNTRY())
        leave = buttons.leave(self.bundle, language)
        return Screen(body, ((hotlines,), (leave,), (buttons.home(self.bundle, language),)))
