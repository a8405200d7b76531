"""Building the python-telegram-bot Application: handlers, storage, the command menu.

Tests build it with a fake ``request`` and drive it with updates; ``python -m bot run``
builds it with the real network and polls.
"""

from __future__ import annotations

import logging

from telegram import BotCommand, Update
from telegram.ext import Application, ApplicationBuilder
from telegram.request import BaseRequest

from bot.bundle import Bundle, BundleHolder
from bot.config import Config
from bot.content import SOURCE_LANGUAGE
from bot.conversation import Conversation
from bot.handlers import all_handlers
from bot.handlers.errors import error_handler
from bot.storage import Storage

log = logging.getLogger(__name__)

COMMANDS = ("start", "menu", "language", "help")
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]


def build_application(
    config: Config, bundle: Bundle, request: BaseRequest | None = None
) -> Application:  # type: ignore[type-arg]
    """The bot, ready to ``initialize``. ``request`` replaces the network (for tests)."""
    token = config.require_token()
    storage = Storage(config.database)
    conversation = Conversation(BundleHolder(bundle), storage, config.default_language)

    async def post_init(application: Application) -> None:  # type: ignore[type-arg]
        await storage.open()
        await publish_commands(application, conversation.bundle)

    async def post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
        await storage.close()

    builder: ApplicationBuilder = (  # type: ignore[type-arg]
        Application.builder()
        .token(token.reveal())
        .base_url(config.api_base_url)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application = builder.build()
    application.bot_data["conversation"] = conversation
    application.add_handlers(all_handlers(conversation))
    application.add_error_handler(error_handler(conversation))
    return application


async def publish_commands(application: Application, bundle: Bundle) -> None:  # type: ignore[type-arg]
    """The command menu Telegram shows beside the text field, in each language."""
    bot = application.bot
    for language in bundle.languages:
        commands = [
            BotCommand(name, bundle.locales.get(language, f"command_{name}")) for name in COMMANDS
        ]
        code = None if language == SOURCE_LANGUAGE else language
        await bot.set_my_commands(commands, language_code=code)
