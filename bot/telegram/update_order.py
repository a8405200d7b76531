"""Updates from different people are handled at the same time; one person's, in order.

python-telegram-bot handles updates one at a time unless told otherwise, so one slow
answer (a location lookup loading maps, a slow database) would hold up everyone. This
processor lets updates run concurrently, but queues each person's behind their previous
one, so that taps and messages from one chat are answered in the order they were sent.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 256


class PerUserOrder(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._queues: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the sender's previous update first; only then take one of the
        concurrent slots, so that one person sending many updates never fills them."""
        key = sender_of(update)
        if key is None:
            await super().process_update(update, coroutine)
            return
        lock = self._queues.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await super().process_update(update, coroutine)
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # nobody else queued: forget this sender
                del self._waiting[key], self._queues[key]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await coroutine

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def sender_of(update: object) -> int | None:
    """Whose queue an update joins: its sender's, else its chat's (channel posts)."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return None
