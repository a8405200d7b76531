"""/check, the private self-check, and /speak, the spoken messages for responders. (Their
buttons are answered by the navigation handler.)"""

from __future__ import annotations

from telegram.ext import BaseHandler, CommandHandler

from bot.conversation import Conversation
from bot.handlers import replying


def handlers(conversation: Conversation) -> list[BaseHandler]:  # type: ignore[type-arg]
    return [
        CommandHandler("check", replying(conversation.selfcheck.start)),
        CommandHandler("speak", replying(conversation.speak.languages)),
    ]
