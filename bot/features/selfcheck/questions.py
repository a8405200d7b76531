"""The self-check "Is my situation safe?": yes/no questions after the ILO Indicators of
Forced Labour (International Labour Organization, Special Action Programme to Combat
Forced Labour, 2012), one question per screen.

Nothing about the answers is kept on the server: where the person is in the questions and
which they answered yes to travel in the buttons' data (``sc:<next question>:<yes bits>``),
so the next screen can be drawn from the tap alone. The result names the signs found
without diagnosing, and leads to the hotlines and the safety exit.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.callbacks import is_number

# The eleven indicators, in the ILO's order. Their questions and short names are wording,
# in the locales: selfcheck_q_<indicator> and selfcheck_sign_<indicator>.
INDICATORS = (
    "vulnerability",
    "deception",
    "movement",
    "isolation",
    "violence",
    "threats",
    "documents",
    "wages",
    "debt",
    "conditions",
    "overtime",
)
ALL_ANSWERED = len(INDICATORS)
INTRO = "i"  # the button that opens the self-check: its intro, before any question


@dataclass(frozen=True)
class Progress:
    """Where someone is: the next question (``ALL_ANSWERED`` when done) and the yes answers
    so far, a bit per indicator."""

    step: int = 0
    yes: int = 0

    @property
    def done(self) -> bool:
        return self.step >= ALL_ANSWERED

    def answer(self, yes: bool) -> Progress:
        return Progress(self.step + 1, self.yes | (1 << self.step) if yes else self.yes)

    def signs(self) -> list[str]:
        """The indicators answered yes, in order."""
        return [name for bit, name in enumerate(INDICATORS) if self.yes >> bit & 1]

    def encode(self) -> str:
        return f"{self.step}:{self.yes:x}"

    @classmethod
    def decode(cls, text: str) -> Progress | None:
        """The progress in a button's data, or None when it cannot be ours (forged)."""
        step, _, yes = text.partition(":")
        if not (is_number(step) and yes.isascii() and 0 < len(yes) <= 3):
            return None
        try:
            bits = int(yes, 16)
        except ValueError:
            return None
        number = int(step)
        if number > ALL_ANSWERED or bits >= 1 << number:  # no yes to an unasked question
            return None
        return cls(number, bits)
