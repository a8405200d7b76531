"""Who is asking: the :class:`User` as Telegram names them, and the :class:`Visit` a
feature answers, with the user's language and country read once per update."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class User:
    """The little the bot knows of whoever wrote: an id and Telegram's language code."""

    id: int
    language_code: str | None = None


@dataclass(frozen=True)
class Visit:
    """One update as the features see it: who, in which language, from which country (if
    they chose one), whether in a private chat, whether an admin."""

    user: User
    language: str
    country: str | None = None
    private: bool = True
    admin: bool = False

    def but(self, **changes: object) -> Visit:
        """This visit after a choice, e.g. ``visit.but(language="fr")``."""
        return replace(self, **changes)  # type: ignore[arg-type]
