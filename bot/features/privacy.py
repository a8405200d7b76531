"""Privacy and safety: what is kept (/privacy), deleting it (/forget), and the safety
exit (/exit), which deletes the bot's recent messages and says how to delete the chat."""

from __future__ import annotations

from bot.features import Basics, Reply, User
from bot.screens import Screen


class Privacy:
    def __init__(self, basics: Basics, retention_days: int = 180) -> None:
        self.basics = basics
        self.retention_days = retention_days

    async def privacy(self, user: User) -> Screen:
        """/privacy: exactly what is kept, for how long, and how to delete it."""
        language = await self.basics.language_of(user)
        return self.basics.bundle.views.privacy(language, self.retention_days)

    async def forget(self, user: User) -> Screen:
        """/forget: delete everything kept about the user, at once, and say so."""
        basics = self.basics
        language = await basics.language_of(user)  # before forgetting: answer in their language
        forgetting = basics.storage.forget(user.id)
        if not await basics.try_to(forgetting, "a user could not be forgotten now"):
            return basics.menu(language, "error")
        notice = basics.text(language, "forgotten")
        return basics.bundle.views.privacy(language, self.retention_days, notice)

    async def exit(self, user: User) -> Reply:
        """The safety exit: which of the bot's messages to delete, then how to delete the
        chat. In a private chat the chat's id is the user's id."""
        language = await self.basics.language_of(user)
        taking = self.basics.storage.take_sent(user.id)
        ids = await self.basics.read(taking, [], "the safety exit deletes only what it sees")
        return Reply(self.basics.bundle.views.exit_done(language), delete=tuple(ids), leave=True)

    async def remember_sent(self, chat_id: int, message_ids: list[int]) -> None:
        """Keep the ids of the bot's messages (never their text) for the safety exit."""
        keeping = self.basics.storage.remember_sent(chat_id, message_ids)
        await self.basics.try_to(keeping, "message ids not kept")
