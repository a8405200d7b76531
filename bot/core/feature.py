"""The shape of a feature: a folder under :mod:`bot.features` with a :class:`Feature`
subclass, registered by one line in :mod:`bot.features.registry`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from bot.core.routes import Route
from bot.core.screens import Sample
from bot.core.services import Services

if TYPE_CHECKING:
    from bot.content.bundle import Bundle


class Feature:
    """What a feature answers (:meth:`routes`), the wording keys its code asks for
    (``keys``: English must define them, see :mod:`bot.content.locales`), its screens
    drawn for the checks (:meth:`samples`), and what it does when a person leaves or asks
    to be forgotten, and every minute (:meth:`left`, :meth:`forgot`, :meth:`housekeeping`)."""

    keys: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, services: Services) -> None:
        self.services = services

    def routes(self) -> list[Route]:
        return []

    async def left(self, user_id: int) -> None:
        """The person used the safety exit: end what they had going (a case)."""

    async def forgot(self, user_id: int) -> None:
        """The person asked to be forgotten: delete what this feature made outside the
        database (a case's topic in the staff chat). The rows go with ``Storage.forget``."""

    async def housekeeping(self) -> None:
        """Called every minute while the bot runs (idle cases close)."""

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        """Every screen this feature can show in ``language``, for the checks."""
        return ()
