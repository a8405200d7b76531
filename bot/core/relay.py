"""The relay to a person, as features see it: a message someone posted (:class:`Posted`),
what the relay did with a person's message (:class:`Relayed`), and the staff chat
(:class:`Desk`), which the Telegram adapter implements (:mod:`bot.telegram.desk`). Nothing
here knows about Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.core.routes import Answer
    from bot.core.screens import Screen


class Unreachable(Exception):
    """Telegram would not take it: the person blocked the bot, or the topic is gone."""


@dataclass(frozen=True)
class Posted:
    """A message as the relay sees it. Its ``text`` and ``html`` (text or caption) are
    read to answer a staff command, to fill in a report or to pass on an edit; the relay
    never keeps them."""

    chat_id: int
    message_id: int
    thread_id: int | None = None  # its forum topic, in the staff chat
    reply_to: int | None = None  # the message of the same chat it answers
    text: str | None = None
    html: str | None = None
    caption: bool = False  # the text is a caption (of a photo, a document...)
    edited: bool = False

    @property
    def command(self) -> tuple[str, str] | None:
        """``("say", "safe")`` for "/say safe" (an @bot suffix dropped); ``None`` if none."""
        if not self.text or not self.text.startswith("/") or self.caption:
            return None
        head, _, rest = self.text.partition(" ")
        return head[1:].split("@", 1)[0].lower(), rest.strip()


@dataclass(frozen=True)
class Relayed:
    """A person's message belonged to their case (or to the report they are writing):
    it is not answered as ordinary text; ``answer`` is what the bot says, if anything."""

    answer: Answer | None = None


class Desk(Protocol):
    """What the relay asks of Telegram: topics in the staff chat, copies both ways."""

    async def open_topic(self, name: str) -> int:
        """A new forum topic in the staff chat; returns its thread id."""

    async def close_topic(self, thread_id: int) -> None: ...

    async def delete_topic(self, thread_id: int) -> None:
        """Delete the topic and every message in it."""

    async def copy(
        self, message: Posted, to_chat: int, thread_id: int | None = None,
        reply_to: int | None = None,
    ) -> int:  # fmt: skip
        """Copy ``message`` (no "forwarded from" link); returns the copy's id."""

    async def edit(self, chat_id: int, message_id: int, html: str, caption: bool) -> None:
        """Make a copy say what its original says now."""

    async def show(self, chat_id: int, screen: Screen, thread_id: int | None = None) -> list[int]:
        """Send a screen (into a topic of the staff chat, with ``thread_id``)."""
