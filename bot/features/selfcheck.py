"""The self-check "Is my situation safe?" (see :mod:`bot.selfcheck`): one yes/no question
per screen, a result that explains without diagnosing, and a way out at every step. The
answers live only in the buttons' data: nothing is stored, counted or logged. The screens
are drawn by :class:`bot.tool_views.ToolViews`."""

from __future__ import annotations

from bot.features import Basics, User
from bot.screens import Screen
from bot.selfcheck import Progress


class SelfCheck:
    def __init__(self, basics: Basics) -> None:
        self.basics = basics

    async def start(self, user: User) -> Screen:
        """/check and the 📝 button: what the questions are, and a Start button."""
        return self.intro(await self.basics.language_of(user))

    def intro(self, language: str) -> Screen:
        return self.basics.bundle.views.tools.selfcheck_intro(language)

    def step(self, language: str, progress: Progress) -> Screen:
        return self.basics.bundle.views.tools.selfcheck_step(language, progress)
