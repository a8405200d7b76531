"""Serving the bot: long polling (the default) or a webhook, and how it stops.

Polling needs nothing but the token. A webhook (``run --webhook``) needs a public HTTPS
address (BOT_WEBHOOK_URL) and a port to listen on (PORT); Telegram sends every update with
a secret token the bot gave it, and the webhook server refuses (403) any request without
it, before a handler runs. SIGTERM and SIGINT stop either cleanly: updates being handled
are finished, the campaign news being sent finishes its message and keeps the rest queued.
"""

from __future__ import annotations

import logging
import secrets
import sys

from telegram.error import Conflict, InvalidToken, NetworkError

from bot.cli.exit_codes import ExitCode
from bot.config import Config, Secret
from bot.content.bundle import Bundle
from bot.handlers.errors import CONFLICT
from bot.telegram.app import ALLOWED_UPDATES, build_application
from bot.telegram.logs import setup_logging

log = logging.getLogger("bot")

CONFLICT_MESSAGE = (
    "error: another process is getting this bot's updates (Telegram answered 409 Conflict). "
    "Stop the other instance, or remove its webhook, then start this one again."
)


def serve(config: Config, bundle: Bundle, webhook: bool = False) -> int:
    """Serve ``bundle`` until stopped; returns the process's exit code."""
    token = config.require_token()
    hook = config.require_webhook() if webhook else None
    setup_logging(token)
    log.info("content loaded: %d pages, languages %s", len(bundle.content.pages),
             ", ".join(bundle.languages))  # fmt: skip
    application = build_application(config, bundle, reload_on_sighup=True)
    try:
        if hook is None:
            application.run_polling(
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=config.drop_pending_updates,
            )
        else:
            url, path = hook
            secret = config.webhook_secret or Secret(secrets.token_urlsafe(32))
            log.info("listening for Telegram's updates on port %d", config.port)
            application.run_webhook(
                listen="0.0.0.0",
                port=config.port,
                url_path=path,
                webhook_url=url,
                secret_token=secret.reveal(),
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=config.drop_pending_updates,
            )
    except InvalidToken:
        print("error: Telegram rejected TELEGRAM_BOT_TOKEN (check it with @BotFather; "
              "the value is not shown here).", file=sys.stderr)  # fmt: skip
        return ExitCode.BAD_INPUT
    except Conflict:
        print(CONFLICT_MESSAGE, file=sys.stderr)
        return ExitCode.CONFLICT
    except NetworkError as exc:
        print(f"error: cannot reach the Bot API at {config.api_base_url}: "
              f"{type(exc).__name__}", file=sys.stderr)  # fmt: skip
        return ExitCode.FAILURE
    if application.bot_data.get(CONFLICT):
        print(CONFLICT_MESSAGE, file=sys.stderr)
        return ExitCode.CONFLICT
    return ExitCode.OK
