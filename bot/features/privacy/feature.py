"""Privacy and safety: what is kept (/privacy), deleting it (/forget), and the safety exit
(/exit and 🚪 Leave quickly), which deletes the chat's recent messages, the person's and
the bot's, and says how to delete the chat itself in a way that leaves nothing behind: as
an alert over the tapped button, or, to /exit, in a message that deletes itself."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
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
    "privacy", "forget_button", "forgotten", "command_privacy", "command_forget",
    "exit_button", "exit_alert", "exit_note", "command_exit",
})  # fmt: skip
EXIT_NOTE_SECONDS = 30  # how long the note after /exit stays before it deletes itself


class Privacy(Feature):
    keys = KEYS

    def routes(self) -> list[Route]:
        return [
            Command("privacy", self.privacy, menu=80),
            Command("forget", self.forget),
            Command("exit", self.exit, menu=90, private=True),
            Tap(FORGET_ME, self.forget_tapped),
            Tap(EXIT, self.exit_tapped, private=True),
        ]

    async def privacy(self, visit: Visit, _: str = "") -> Reply:
        """/privacy: exactly what is kept, for how long, and how to delete it."""
        bundle = self.services.bundle
        config = self.services.config
        relay = config.staff_chat_id is not None
        return Reply(screens.privacy(bundle, visit.language, config.retention_days, relay=relay))

    async def forget(self, visit: Visit, _: str = "") -> Reply:
        """/forget: delete everything kept about the user, at once, and say so. The answer
        itself is not remembered: after this, no table holds the user's id."""
        services = self.services
        await services.person_forgot(visit.user.id)  # what features made outside the database
        if not await services.try_to(services.storage.forget(visit.user.id),
                                     "a user could not be forgotten now"):  # fmt: skip
            return Reply(await services.menu_with(visit, "error"))
        notice = services.text(visit.language, "forgotten")
        config = services.config
        screen = screens.privacy(services.bundle, visit.language, config.retention_days, notice,
                                 relay=config.staff_chat_id is not None)  # fmt: skip
        return Reply(screen, notice, remember=False)

    async def forget_tapped(self, visit: Visit, _: str) -> Reply:
        return await self.forget(visit)

    async def exit(self, visit: Visit, _: str = "") -> Reply:
        """/exit: the chat's messages to delete, then how to delete the chat, in a note
        that deletes itself. In a private chat the chat's id is the user's id."""
        services = self.services
        await services.person_left(visit.user.id)  # a conversation with staff ends
        taking = services.storage.messages.take(visit.user.id)
        ids = await services.read(taking, [], "the safety exit deletes only what it sees")
        note = screens.exit_note(services.bundle, visit.language, EXIT_NOTE_SECONDS)
        return Reply(note, delete=tuple(ids), leave=True, vanish_after=EXIT_NOTE_SECONDS,
                     remember=False)  # fmt: skip

    async def exit_tapped(self, visit: Visit, _: str) -> Reply:
        """🚪 Leave quickly: as /exit, but how to delete the chat comes as an alert over the
        button, and nothing at all is left in the chat."""
        reply = await self.exit(visit)
        alert = self.services.text(visit.language, "exit_alert")
        return replace(reply, toast=alert, alert=True)

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        yield Sample("privacy", screens.privacy(bundle, language, 180, relay=True))
        note = screens.exit_note(bundle, language, EXIT_NOTE_SECONDS)
        yield Sample("safety exit", note, toast=bundle.locales.get(language, "exit_alert"))
