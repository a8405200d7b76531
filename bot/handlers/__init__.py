"""python-telegram-bot's handlers, generated from the features' routes.

Each route becomes the handler python-telegram-bot's own examples would write for it: a
``CommandHandler`` per command (admins' commands filtered by BOT_ADMIN_IDS: to anyone
else they do not exist), a ``CallbackQueryHandler`` per action whose ``pattern`` is the
action's prefix, an ``InlineQueryHandler``, a ``MessageHandler`` for locations and one for
what people write in private chats. Then the fallbacks: a button whose data is no one's,
and unknown commands. The relay's handlers come first, in a group of their own (``-1``):
a person's message while their case is open, and staff's in the staff chat's topics, stop
there (``ApplicationHandlerStop``); anything else goes on to the other handlers.
:mod:`bot.handlers.answers` holds the callbacks, :mod:`bot.handlers.errors` the error
handler.
"""

from __future__ import annotations

from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.core.services import Services
from bot.handlers.answers import Answers
from bot.telegram.vanish import Vanishing

# What people write is answered in private chats only: in groups the bot speaks when
# spoken to with a command, and a shared location answered there would tell everyone.
PRIVATE = filters.ChatType.PRIVATE & ~filters.UpdateType.EDITED
NEW = filters.UpdateType.MESSAGE  # an edited command is not a new one (edits reach the relay)


RELAY_GROUP = -1  # tried before the others: a case's messages are not answered as text


def build_handlers(
    services: Services, vanishing: Vanishing | None = None
) -> dict[int, list[BaseHandler]]:  # type: ignore[type-arg]
    """The handlers for every route in ``services.routes``, by group, each in the order to
    try them; ``vanishing`` deletes the messages meant to delete themselves."""
    routes, answers = services.routes, Answers(services, vanishing)
    relay: list[BaseHandler] = []  # type: ignore[type-arg]
    if (conversation := routes.conversation) is not None:
        staff = (
            filters.Chat(chat_id=conversation.staff_chat_id)
            & filters.IS_TOPIC_MESSAGE
            & ~filters.StatusUpdate.ALL
        )  # a topic closed by hand is no message to pass on
        person = filters.ChatType.PRIVATE & ~filters.COMMAND & ~filters.StatusUpdate.ALL
        relay = [MessageHandler(staff, answers.from_staff),
                 MessageHandler(person, answers.from_person)]  # fmt: skip
    admins = filters.User(user_id=list(services.config.admin_ids))
    handlers: list[BaseHandler] = [  # type: ignore[type-arg]
        CommandHandler(
            command.name,
            answers.command(command.name),
            filters=NEW & admins if command.admin else NEW,
        )
        for command in routes.commands.values()
    ]
    handlers += [CallbackQueryHandler(answers.tap(action), pattern=action.pattern)
                 for action in routes.taps]  # fmt: skip
    handlers.append(CallbackQueryHandler(answers.tap(None)))  # stale or forged data
    if routes.inline is not None:
        handlers.append(InlineQueryHandler(answers.inline))
    if routes.location is not None:
        handlers.append(MessageHandler(filters.LOCATION & PRIVATE, answers.location))
    handlers.append(MessageHandler(filters.COMMAND & NEW, answers.unknown_command))
    if routes.text is not None:
        handlers.append(MessageHandler(PRIVATE, answers.text))
    return {RELAY_GROUP: relay, 0: handlers} if relay else {0: handlers}
