"""Buttons that many features' screens draw, each drawn here once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content.names import country_name, flag
from bot.core.callbacks import EXIT, OPEN_PAGE, SHOW_COUNTRY, SHOW_LANGUAGES, SHOW_REGIONS
from bot.core.screens import Button

if TYPE_CHECKING:
    from bot.content.bundle import Bundle


def home(bundle: Bundle, language: str) -> Button:
    """🏠 Menu: the main menu."""
    return Button(bundle.locales.get(language, "home"), OPEN_PAGE(bundle.content.root))


def back(bundle: Bundle, language: str, data: str) -> Button:
    return Button(bundle.locales.get(language, "back"), data)


def leave(bundle: Bundle, language: str) -> Button:
    """🚪 Leave quickly: the safety exit."""
    return Button(bundle.locales.get(language, "exit_button"), EXIT())


def languages(bundle: Bundle, language: str) -> Button:
    return Button(bundle.locales.get(language, "language_button"), SHOW_LANGUAGES())


def hotlines(bundle: Bundle, code: str | None, language: str) -> Button:
    """The way to the hotlines: the user's country card when known, else the regions."""
    if code is None:
        return Button(bundle.locales.get(language, "hotlines_button"), SHOW_REGIONS())
    name = f"{flag(code)} {country_name(code, language)}"
    return Button(bundle.locales.get(language, "hotlines_in", country=name), SHOW_COUNTRY(code))
