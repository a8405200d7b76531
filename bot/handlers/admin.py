"""Admin commands, for the ids in BOT_ADMIN_IDS only: to anyone else they do not exist
(the fallback answers them as unknown commands)."""

from __future__ import annotations

from collections.abc import Collection

from telegram.ext import BaseHandler, CommandHandler, filters

from bot.conversation import Conversation
from bot.handlers import replying


def handlers(conversation: Conversation, admin_ids: Collection[int]) -> list[BaseHandler]:  # type: ignore[type-arg]
    admins = filters.User(user_id=list(admin_ids))
    return [
        CommandHandler("reload", replying(conversation.admin.reload), filters=admins),
        CommandHandler("stats", replying(conversation.admin.stats), filters=admins),
    ]
