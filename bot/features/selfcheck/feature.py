"""The private questionnaires: "Is my situation safe?" (/check), on the ILO's indicators of
forced labour, and "Is this job offer safe?" (/job), on a recruiter's warning signs. One
yes/no question per screen (:mod:`bot.features.selfcheck.questions`), a result that
explains without diagnosing and leads with the emergency number when the answers signal
danger, and a way back and a way out at every step. The answers live only in the buttons'
data: nothing is stored, counted or logged."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING

from bot.core.feature import Feature
from bot.core.routes import Command, Route, Tap
from bot.core.screens import Sample, Screen
from bot.core.visit import Visit
from bot.features.selfcheck.questions import (
    INTRO,
    JOB_OFFER,
    QUESTIONNAIRES,
    SITUATION,
    Progress,
    Questionnaire,
)
from bot.features.selfcheck.screens import QuestionnaireScreens

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

COMMANDS = {SITUATION: "check", JOB_OFFER: "job"}
KEYS = frozenset({
    "selfcheck_start", "selfcheck_counter", "selfcheck_yes", "selfcheck_no", "selfcheck_stop",
    "selfcheck_result_urgent", "jobcheck_recruiters",
    *(f"command_{command}" for command in COMMANDS.values()),
    *(f"{q.key}_{part}" for q in QUESTIONNAIRES
      for part in ("button", "intro", "result_none", "result_some")),
    *(f"{q.key}_{kind}_{sign}" for q in QUESTIONNAIRES for kind in ("q", "sign")
      for sign in q.signs),
})  # fmt: skip
SAMPLE_COUNTRY = "UA"  # a result is also drawn with a country's numbers: one with them all


class SelfCheck(Feature):
    keys = KEYS

    def routes(self) -> list[Route]:
        return [
            Command("check", self.starter(SITUATION), menu=30),
            Command("job", self.starter(JOB_OFFER), menu=35),
            Tap(SITUATION.action, self.stepper(SITUATION)),
            Tap(JOB_OFFER.action, self.stepper(JOB_OFFER)),
        ]

    def starter(self, questions: Questionnaire) -> Callable[[Visit, str], Awaitable[Screen]]:
        async def start(visit: Visit, _: str = "") -> Screen:
            """The command and the button: what the questions are, and a Start button."""
            return QuestionnaireScreens(self.services.bundle, questions).intro(visit.language)

        return start

    def stepper(self, questions: Questionnaire) -> Callable[[Visit, str], Awaitable[Screen | None]]:
        async def step(visit: Visit, data: str) -> Screen | None:
            """The next screen, from the tap's data alone (``None``: forged data)."""
            screens = QuestionnaireScreens(self.services.bundle, questions)
            if data == INTRO:
                return screens.intro(visit.language)
            progress = questions.decode(data)
            if progress is None:
                return None
            return screens.step(visit.language, progress, visit.country)

        return step

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        """Every question, and results with every sign and with none, with and without a
        country."""
        for q in QUESTIONNAIRES:
            screens, name = QuestionnaireScreens(bundle, q), q.key
            yield Sample(f"{name} intro", screens.intro(language))
            all_yes = Progress(q.count, (1 << q.count) - 1)
            for country in (None, SAMPLE_COUNTRY):
                yield Sample(f"{name} result", screens.result(language, all_yes, country))
            yield Sample(f"{name} result", screens.result(language, Progress(q.count)))
            for step in range(q.count):
                yield Sample(f"{name} question {step + 1}", screens.step(language, Progress(step)))
