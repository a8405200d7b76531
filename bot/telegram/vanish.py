"""Messages that delete themselves: what the safety exit says after deleting the chat's
messages must not stay to show what the chat was about.

Each is deleted after its time on a timer of its own; when the bot stops, those still
waiting are deleted at once (earlier is harmless), so only a crash can leave one behind.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot
from telegram.error import TelegramError

from bot.telegram.render import delete

log = logging.getLogger(__name__)


class Vanishing:
    def __init__(self) -> None:
        self._waiting: dict[asyncio.Task[None], tuple[int, list[int]]] = {}

    def later(self, bot: Bot, chat_id: int, message_ids: list[int], seconds: float) -> None:
        """Delete ``message_ids`` from the chat in ``seconds``."""
        if not message_ids:
            return
        task = asyncio.create_task(self._after(bot, chat_id, message_ids, seconds))
        self._waiting[task] = (chat_id, message_ids)
        task.add_done_callback(self._waiting.pop)

    async def now(self, bot: Bot) -> None:
        """Delete at once every message still waiting (the bot is stopping)."""
        waiting = list(self._waiting.items())
        for task, _ in waiting:
            task.cancel()
        await asyncio.gather(*(task for task, _ in waiting), return_exceptions=True)
        for _, (chat_id, message_ids) in waiting:
            await _delete(bot, chat_id, message_ids)

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @staticmethod
    async def _after(bot: Bot, chat_id: int, message_ids: list[int], seconds: float) -> None:
        await asyncio.sleep(seconds)
        await _delete(bot, chat_id, message_ids)


async def _delete(bot: Bot, chat_id: int, message_ids: list[int]) -> None:
    try:
        await delete(bot, chat_id, message_ids)
    except TelegramError as exc:  # the network: the person can still delete the chat
        log.warning("a message that was to delete itself could not be deleted: %s", exc)
