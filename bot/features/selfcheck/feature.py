"""The self-check "Is my situation safe?" (/check): the ILO's indicators of forced labour,
one yes/no question per screen (:mod:`bot.features.selfcheck.questions`), a result that
explains without diagnosing, and a way out at every step. The answers live only in the
buttons' data: nothing is stored, counted or logged."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.core.callbacks import SELF_CHECK
from bot.core.feature import Feature
from bot.core.routes import Command, Route, Tap
from bot.core.screens import Sample, Screen
from bot.core.visit import Visit
from bot.features.selfcheck.questions import ALL_ANSWERED, INDICATORS, INTRO, Progress
from bot.features.selfcheck.screens import SelfCheckScreens

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

KEYS = frozenset({
    "selfcheck_button", "selfcheck_intro", "selfcheck_start", "selfcheck_counter",
    "selfcheck_yes", "selfcheck_no", "selfcheck_stop", "selfcheck_result_none",
    "selfcheck_result_some", "command_check",
    *(f"selfcheck_{kind}_{sign}" for kind in ("q", "sign") for sign in INDICATORS),
})  # fmt: skip


class SelfCheck(Feature):
    keys = KEYS

    def routes(self) -> list[Route]:
        return [Command("check", self.start, menu=30), Tap(SELF_CHECK, self.step)]

    async def start(self, visit: Visit, _: str = "") -> Screen:
        """/check and the 📝 button: what the questions are, and a Start button."""
        return SelfCheckScreens(self.services.bundle).intro(visit.language)

    async def step(self, visit: Visit, data: str) -> Screen | None:
        if data == INTRO:
            return await self.start(visit)
        progress = Progress.decode(data)
        if progress is None:
            return None
        return SelfCheckScreens(self.services.bundle).step(visit.language, progress)

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        """Every question, and a result with every sign and with none."""
        screens = SelfCheckScreens(bundle)
        yield Sample("self-check", screens.intro(language))
        all_yes = Progress(ALL_ANSWERED, (1 << ALL_ANSWERED) - 1)
        yield Sample("self-check result", screens.result(language, all_yes))
        yield Sample("self-check result", screens.result(language, Progress(ALL_ANSWERED)))
        for step in range(ALL_ANSWERED):
            yield Sample(f"self-check question {step + 1}", screens.step(language, Progress(step)))
