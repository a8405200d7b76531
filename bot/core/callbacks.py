"""The data carried by inline buttons: one table of actions, each a prefix.

Telegram gives a button 1-64 bytes of data and sends them back verbatim when it is tapped,
from any message the user still has, however old. Every kind of button is an
:class:`Action` below; the data of a button is the action's prefix, followed by one
argument when the action takes one (``p:get_help`` opens the page ``get_help``). Encoding
(:meth:`Action.__call__`), decoding (:func:`decode`) and python-telegram-bot's handler
patterns (:attr:`Action.pattern`) all come from this table, so they cannot drift apart.

Features claim actions in their routes (:mod:`bot.core.routes`); any screen may draw a
button for any action, so the table lives here, where every prefix can be seen at once.
Decoding accepts anything and never fails: data that is not one of ours is ``None``, and
the user is shown the menu.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Action:
    """A kind of button. ``argument``: whether the data carries one after the prefix."""

    prefix: str
    argument: bool = True
    pattern: re.Pattern[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        tail = "(.+)" if self.argument else ""
        pattern = re.compile(rf"\A{re.escape(self.prefix)}{tail}\Z", re.DOTALL)
        object.__setattr__(self, "pattern", pattern)

    def __call__(self, argument: object = None) -> str:
        """The data of a button for this action (with ``argument`` when it takes one)."""
        if self.argument != (argument is not None):
            raise TypeError(f"{self.prefix!r} takes {'an' if self.argument else 'no'} argument")
        return self.prefix if argument is None else f"{self.prefix}{argument}"

    def argument_of(self, data: str) -> str | None:
        """The argument in ``data`` ("" for an action without one); ``None`` if not ours."""
        match = self.pattern.match(data)
        if match is None:
            return None
        return match.group(1) if self.argument else ""


# -- the table: every button the bot draws -------------------------------------------------
OPEN_PAGE = Action("p:")  # a page id
SHOW_LANGUAGES = Action("lang", argument=False)
SET_LANGUAGE = Action("lang:")  # a language code
SHOW_REGIONS = Action("hl", argument=False)
SHOW_REGION = Action("hr:")  # a region of the directory
SHOW_COUNTRY = Action("hc:")  # a country code
SHOW_MY_COUNTRY = Action("mc", argument=False)
FORGET_COUNTRY = Action("mc:x", argument=False)
SET_COUNTRY = Action("mc:s:")  # a country code
SHARE = Action("sh:")  # a page id
FORGET_ME = Action("fg", argument=False)
EXIT = Action("ex", argument=False)
STATS_CSV = Action("st:")  # a number of days
SET_NEWS = Action("nw:")  # "on" or "off"
SEND_NEWS = Action("nb:")  # a broadcast's number
CANCEL_NEWS = Action("nx:")  # a broadcast's number
SELF_CHECK = Action("sc:")  # "<next question>:<yes bits in hex>", or "i" (the intro)
JOB_CHECK = Action("jc:")  # the same, for "Is this job offer safe?"
SHOW_SPOKEN = Action("sp", argument=False)
SPOKEN_LANGUAGE = Action("sp:")  # a language code
SAY = Action("sv:")  # "<language>:<message number>"
TALK = Action("tk:")  # "i": what talking to a person means; "go": start
REPORT = Action("rp:")  # "i" the intro, "go" start, "k" skip a question, "y" send, "n" cancel

ACTIONS: tuple[Action, ...] = tuple(
    value for value in dict(globals()).values() if isinstance(value, Action)
)


def decode(data: str | None) -> tuple[Action, str] | None:
    """The action behind a button's data and its argument; ``None`` when it is not ours.
    Never raises."""
    if not data:
        return None
    for action in ACTIONS:  # at most one matches: the patterns are exact
        argument = action.argument_of(data)
        if argument is not None:
            return action, argument
    return None


def is_number(text: str) -> bool:
    """ASCII digits only: "²" and "٣" pass str.isdigit, and "²" breaks int()."""
    return text.isascii() and text.isdigit()


def unambiguous(actions: tuple[Action, ...] = ACTIONS) -> list[str]:
    """Pairs of actions whose data could be mistaken for each other (the tests call this)."""
    problems = []
    for first in actions:
        for second in actions:
            if first is not second and first.argument and second.prefix.startswith(first.prefix):
                problems.append(f"{second.prefix!r} is also {first.prefix!r} + an argument")
    return problems
