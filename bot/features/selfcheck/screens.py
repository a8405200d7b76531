"""A questionnaire's screens: what it is, one question at a time (with Back, Stop and the
safety exit), and a result that explains without diagnosing. The answers travel in the
buttons' data only.

A result that signals danger now (violence, threats, not being free to leave) leads with
the emergency number of the person's country and its best line, or one tap to choose the
country. A result promises nothing a line does not offer: what a line is (free,
anonymous) is said by its card, from the directory's sources.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content.names import country_name, flag
from bot.core.callbacks import OPEN_PAGE
from bot.core.screens import Button, Screen, escape
from bot.features import buttons
from bot.features.hotlines.screens import HotlineScreens
from bot.features.selfcheck.questions import INTRO, Progress, Questionnaire

if TYPE_CHECKING:
    from bot.content.bundle import Bundle


class QuestionnaireScreens:
    def __init__(self, bundle: Bundle, questionnaire: Questionnaire) -> None:
        self.bundle, self.questions = bundle, questionnaire
        self.text = bundle.locales.get

    def intro(self, language: str) -> Screen:
        q = self.questions
        text = self.text(language, f"{q.key}_intro", count=q.count)
        start = Button(self.text(language, "selfcheck_start"), q.action(Progress().encode()))
        return Screen(text, ((start,), *self._way_out(language)))

    def step(self, language: str, progress: Progress, country: str | None = None) -> Screen:
        """The next question, or the result once all are answered."""
        q = self.questions
        if q.done(progress):
            return self.result(language, progress, country)
        counter = self.text(language, "selfcheck_counter", number=progress.step + 1,
                            count=q.count)  # fmt: skip
        question = self.text(language, f"{q.key}_q_{q.signs[progress.step]}")
        yes = Button(self.text(language, "selfcheck_yes"), q.action(progress.answer(True).encode()))
        no = Button(self.text(language, "selfcheck_no"), q.action(progress.answer(False).encode()))
        before = q.action(INTRO if progress.step == 0 else progress.back().encode())
        back = buttons.back(self.bundle, language, before)
        stop = Button(self.text(language, "selfcheck_stop"), OPEN_PAGE(self.bundle.content.root))
        body = f"<i>{escape(counter)}</i>\n\n<b>{escape(question)}</b>"
        leave = buttons.leave(self.bundle, language)
        return Screen(body, ((yes, no), (back, stop), (leave,)))

    def result(self, language: str, progress: Progress, country: str | None = None) -> Screen:
        """What the answers may mean, without diagnosing; help first when in danger; then
        the country's lines, the safety exit and the menu."""
        q, hotlines = self.questions, HotlineScreens(self.bundle)
        entry = self.bundle.directory.get(country) if country else None
        parts = []
        if q.in_danger(progress):
            parts.append(f"<b>🚨 {escape(self.text(language, 'selfcheck_result_urgent'))}</b>")
            if entry is not None:
                parts.append(hotlines.first_numbers(entry, language))
        if seen := q.seen(progress):
            listed = "\n".join(f"• {escape(self.text(language, f'{q.key}_sign_{sign}'))}"
                               for sign in seen)  # fmt: skip
            parts.append(self.text(language, f"{q.key}_result_some", number=len(seen),
                                   count=q.count, signs=listed))  # fmt: skip
        else:
            parts.append(self.text(language, f"{q.key}_result_none"))
        checking = [line for line in entry.hotlines if line.recruiters] if entry else []
        if q.recruiters and entry is not None and checking:
            name = f"{flag(entry.code)} {country_name(entry.code, language)}"
            parts.append(escape(self.text(language, "jobcheck_recruiters", country=name)))
            parts.append(hotlines.line_summary(checking[0], language))
        code = entry.code if entry is not None else None
        return Screen("\n\n".join(parts), hotlines.help_rows(code, language))

    def _way_out(self, language: str) -> tuple[tuple[Button, ...], ...]:
        return ((buttons.leave(self.bundle, language),), (buttons.home(self.bundle, language),))
