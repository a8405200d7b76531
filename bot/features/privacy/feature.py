"""Privacy and safety: what is kept (/privacy), deleting it (/forget), and the safety exit
(/exit and 🚪 Leave quickly), which deletes the chat's recent messages and says how to
delete the chat itself."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.core.callbacks import EXIT, FORGET_ME
from bot.core.feature import Feature
from bot.core.routes import Command, Route, Tap
from bot.core.screens import Reply, Sample
from bot.core.visit import Visit
from bot.features.privacy import screens

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

KEYS = frozenset({
    "privacy", "forget_button", "forgotten", "command_privacy", "exit_button", "exit_done",
    "command_exit",
})  # fmt: skip


class Privacy(Feature):
    keys = KEYS

    def routes(self) -> list[Route]:
        return [
            Command("privacy", self.privacy, menu=80),
            Command("forget", self.forget),
            Command("exit", self.exit, menu=90, private=True),
            Tap(FORGET_ME, self.forget_tapped),
            Tap(EXIT, self.exit, private=True),
        ]

    async def privacy(self, visit: Visit, _: str = "") -> Reply:
        """/privacy: exactly what is kept, for how long, and how to delete it."""
        bundle = self.services.bundle
        days = self.services.config.retention_days
        return Reply(screens.privacy(bundle, visit.language, days))

    async def forget(self, visit: Visit, _: str = "") -> Reply:
        """/forget: delete everything kept about the user, at once, and say so. The answer
        itself is not remembered: after this, no table holds the user's id."""
        services = self.services
        if not await services.try_to(services.storage.forget(visit.user.id),
                                     "a user could not be forgotten now"):  # fmt: skip
            return Reply(await services.menu_with(visit, "error"))
        notice = services.text(visit.language, "forgotten")
        days = services.config.retention_days
        screen = screens.privacy(services.bundle, visit.language, days, notice)
        return Reply(screen, notice, remember=False)

    async def forget_tapped(self, visit: Visit, _: str) -> Reply:
        return await self.forget(visit)

    async def exit(self, visit: Visit, _: str = "") -> Reply:
        """The safety exit: which messages to delete, then how to delete the chat. In a
        private chat the chat's id is the user's id."""
        services = self.services
        taking = services.storage.messages.take(visit.user.id)
        ids = await services.read(taking, [], "the safety exit deletes only what it sees")
        done = screens.exit_done(services.bundle, visit.language)
        return Reply(done, delete=tuple(ids), leave=True, remember=False)

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        yield Sample("privacy", screens.privacy(bundle, language, 180))
        yield Sample("safety exit", screens.exit_done(bundle, language))
