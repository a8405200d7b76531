"""What the relay holds in memory only, never on disk: the reports being written (gone
when sent or cancelled, after an hour, or at a restart), and the pace of each person's
messages (a few a minute)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

QUESTIONS = ("saw", "where", "when", "who", "else")  # report_q_<key>, in this order
DRAFT_KEPT_FOR = 3600.0  # seconds a report being written is held
PACE_LIMIT = 6  # messages a person may send into the relay ...
PACE_WINDOW = 60.0  # ... in this many seconds


@dataclass
class Draft:
    """A report being written: the answers so far, ``None`` for a skipped question."""

    started: float
    answers: list[str | None] = field(default_factory=list)

    @property
    def step(self) -> int:
        """The number of the question to answer now (0-based); ``len(QUESTIONS)``: done."""
        return len(self.answers)

    @property
    def done(self) -> bool:
        return self.step >= len(QUESTIONS)


class Drafts:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._drafts: dict[int, Draft] = {}

    def start(self, user_id: int) -> Draft:
        self._drafts[user_id] = draft = Draft(self.clock())
        return draft

    def get(self, user_id: int) -> Draft | None:
        """The person's report in progress; ``None`` if none, or if it is too old (then
        it is dropped)."""
        draft = self._drafts.get(user_id)
        if draft is not None and self.clock() - draft.started > DRAFT_KEPT_FOR:
            self.drop(user_id)
            return None
        return draft

    def drop(self, user_id: int) -> None:
        self._drafts.pop(user_id, None)


class Pace:
    """At most :data:`PACE_LIMIT` messages in :data:`PACE_WINDOW` seconds per person."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._sent: dict[int, deque[float]] = {}

    def allow(self, user_id: int) -> bool:
        now = self.clock()
        sent = self._sent.setdefault(user_id, deque())
        while sent and now - sent[0] >= PACE_WINDOW:
            sent.popleft()
        if len(sent) >= PACE_LIMIT:
            return False
        sent.append(now)
        return True

    def forget(self, user_id: int) -> None:
        self._sent.pop(user_id, None)
