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
    (``keys``: English must define them, see :mod:`bot.content.locales`), and its screens
    drawn for the checks (:meth:`samples`)."""

    keys: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, services: Services) -> None:
        self.services = services

    def routes(self) -> list[Route]:
        return []

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        """Every screen this feature can show in ``language``, for the checks."""
        return ()
