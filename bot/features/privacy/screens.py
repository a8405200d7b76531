"""What the bot keeps (/privacy) and what the safety exit leaves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.callbacks import FORGET_ME
from bot.core.screens import Button, Screen, with_notice
from bot.features import buttons

if TYPE_CHECKING:
    from bot.content.bundle import Bundle


def privacy(
    bundle: Bundle, language: str, days: int, notice: str | None = None, relay: bool = False
) -> Screen:
    """What the bot keeps, for how long, and a button to delete it now; with ``relay``
    (talking to staff is offered), what a conversation or a report keeps, as the last of
    the list."""
    text = bundle.locales.get(language, "privacy", days=days)
    if relay:
        listed, _, after = text.rstrip().rpartition("\n\n")
        relay_lines = "\n".join(bundle.locales.get(language, key, days=days)
                                 for key in ("privacy_relay", "privacy_relay_ban"))  # fmt: skip
        text = f"{listed}\n{relay_lines}\n\n{after}"
    text = with_notice(text, notice)
    forget = Button(bundle.locales.get(language, "forget_button"), FORGET_ME())
    return Screen(text, ((forget,), (buttons.home(bundle, language),)))


def exit_note(bundle: Bundle, language: str, seconds: int) -> Screen:
    """After /exit: how to delete the chat itself, in words that name nothing else (the
    note deletes itself after ``seconds``)."""
    return Screen(bundle.locales.get(language, "exit_note", seconds=seconds))
