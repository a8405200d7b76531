"""The staff chat in Telegram: :class:`~bot.core.relay.Desk` for python-telegram-bot.

Topics are opened, closed and deleted in the staff's forum supergroup (the bot is an
administrator there, with the right to manage topics and delete messages); messages go both
ways with ``copyMessage``, so no "forwarded from" names anyone. What Telegram refuses
because the person blocked the bot, or the topic was deleted by hand, is
:class:`~bot.core.relay.Unreachable`.
"""

from __future__ import annotations

import logging

from telegram import Bot, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.core.relay import Posted, Unreachable
from bot.core.screens import Screen
from bot.telegram.render import send

log = logging.getLogger(__name__)
TOPIC_NAME_LIMIT = 128  # characters Telegram allows in a topic's name


class TelegramDesk:
    def __init__(self, bot: Bot, staff_chat_id: int) -> None:
        self.bot, self.staff_chat_id = bot, staff_chat_id

    async def open_topic(self, name: str) -> int:
        topic = await self.bot.create_forum_topic(self.staff_chat_id, name[:TOPIC_NAME_LIMIT])
        return topic.message_thread_id

    async def close_topic(self, thread_id: int) -> None:
        try:
            await self.bot.close_forum_topic(self.staff_chat_id, thread_id)
        except BadRequest as exc:  # closed or deleted by hand already
            log.info("a case's topic could not be closed: %s", exc.message)

    async def delete_topic(self, thread_id: int) -> None:
        try:
            await self.bot.delete_forum_topic(self.staff_chat_id, thread_id)
        except BadRequest as exc:  # deleted by hand already
            log.info("a case's topic could not be deleted: %s", exc.message)

    async def copy(
        self, message: Posted, to_chat: int, thread_id: int | None = None,
        reply_to: int | None = None,
    ) -> int:  # fmt: skip
        replying = (ReplyParameters(reply_to, allow_sending_without_reply=True)
                    if reply_to is not None else None)  # fmt: skip
        try:
            copied = await self.bot.copy_message(
                chat_id=to_chat, from_chat_id=message.chat_id, message_id=message.message_id,
                message_thread_id=thread_id, reply_parameters=replying,
            )  # fmt: skip
        except Forbidden as exc:  # the person blocked the bot
            raise Unreachable(exc.message) from None
        except BadRequest as exc:
            if _gone(exc):
                raise Unreachable(exc.message) from None
            raise  # a message that cannot be copied: the error handler answers
        return copied.message_id

    async def edit(self, chat_id: int, message_id: int, html: str, caption: bool) -> None:
        try:
            if caption:
                await self.bot.edit_message_caption(chat_id, message_id, caption=html,
                                                    parse_mode=ParseMode.HTML)  # fmt: skip
            else:
                await self.bot.edit_message_text(html, chat_id, message_id,
                                                 parse_mode=ParseMode.HTML)  # fmt: skip
        except (Forbidden, BadRequest) as exc:  # too old, deleted, or the same text
            log.info("an edit could not be passed on: %s", exc.message)

    async def show(self, chat_id: int, screen: Screen, thread_id: int | None = None) -> list[int]:
        try:
            return await send(self.bot, chat_id, screen, thread_id)
        except Forbidden as exc:
            raise Unreachable(exc.message) from None
        except BadRequest as exc:
            if _gone(exc):
                raise Unreachable(exc.message) from None
            raise


def _gone(error: BadRequest) -> bool:
    """Telegram says the chat or the topic no longer exists."""
    text = error.message.lower()
    return "thread not found" in text or "chat not found" in text or "topic_deleted" in text
