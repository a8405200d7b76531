"""The questionnaires: yes/no questions, one per screen, and what their answers may mean.

- "Is my situation safe?" (/check): the ILO Indicators of Forced Labour (International
  Labour Organization, Special Action Programme to Combat Forced Labour, 2012).
- "Is this job offer safe?" (/job): a recruiter's warning signs, after the ILO General
  principles and operational guidelines for fair recruitment (2019) and the OSCE's
  "Analysing the Business Model of Trafficking in Human Beings" (2010).

Nothing about the answers is kept on the server: where the person is in the questions and
which they answered yes to travel in the buttons' data (``<next question>:<yes bits>``),
so the next screen can be drawn from the tap alone. The questions and the short names of
the signs are wording, in the locales: ``<key>_q_<sign>`` and ``<key>_sign_<sign>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.callbacks import JOB_CHECK, SELF_CHECK, Action, is_number

INTRO = "i"  # the button that opens a questionnaire: its intro, before any question


@dataclass(frozen=True)
class Progress:
    """Where someone is: the next question and the yes answers so far, a bit per sign."""

    step: int = 0
    yes: int = 0

    def answer(self, yes: bool) -> Progress:
        return Progress(self.step + 1, self.yes | (1 << self.step) if yes else self.yes)

    def back(self) -> Progress:
        """The question before, its answer taken back."""
        step = max(self.step - 1, 0)
        return Progress(step, self.yes & ~(1 << step))

    def encode(self) -> str:
        return f"{self.step}:{self.yes:x}"


@dataclass(frozen=True)
class Questionnaire:
    """Yes/no questions on ``signs``, in order; ``urgent`` signs mean danger now, and lead
    the result with the emergency number."""

    key: str  # the wording's prefix, and the command's wording key's
    action: Action  # the buttons' data
    signs: tuple[str, ...]
    urgent: frozenset[str] = frozenset()
    recruiters: bool = False  # the result leads to a line that checks recruiters

    @property
    def count(self) -> int:
        return len(self.signs)

    def done(self, progress: Progress) -> bool:
        return progress.step >= self.count

    def seen(self, progress: Progress) -> list[str]:
        """The signs answered yes, in order."""
        return [name for bit, name in enumerate(self.signs) if progress.yes >> bit & 1]

    def in_danger(self, progress: Progress) -> bool:
        return any(sign in self.urgent for sign in self.seen(progress))

    def decode(self, text: str) -> Progress | None:
        """The progress in a button's data, or None when it cannot be ours (forged)."""
        step, _, yes = text.partition(":")
        if not (is_number(step) and yes.isascii() and 0 < len(yes) <= 4):
            return None
        try:
            bits = int(yes, 16)
        except ValueError:
            return None
        number = int(step)
        if number > self.count or bits >= 1 << number:  # no yes to an unasked question
            return None
        return Progress(number, bits)


# The eleven ILO indicators, in the ILO's order. Being hurt, threatened or not free to
# leave is danger now: the result leads with the emergency number.
SITUATION = Questionnaire(
    "selfcheck",
    SELF_CHECK,
    ("vulnerability", "deception", "movement", "isolation", "violence", "threats",
     "documents", "wages", "debt", "conditions", "overtime"),
    urgent=frozenset({"movement", "violence", "threats"}),
)  # fmt: skip

# A recruiter's warning signs, before anyone leaves: fees charged to the worker (the ILO:
# no worker pays for being recruited), no contract or one they cannot read, a passport to
# hand over, an employer no one can check, pay too good to be true, travel paid as a debt,
# a visa that does not allow the work, and pressure to decide at once and tell no one.
JOB_OFFER = Questionnaire(
    "jobcheck",
    JOB_CHECK,
    ("fees", "contract", "passport", "employer", "pay", "debt", "visa", "pressure"),
    recruiters=True,
)

QUESTIONNAIRES = (SITUATION, JOB_OFFER)
