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
import signal
import sys

from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError

from bot.cli.exit_codes import ExitCode
from bot.config import Config, Secret
from bot.content.bundle import Bundle
from bot.handlers.errors import CONFLICT
from bot.telegram.app import ALLOWED_UPDATES, build_application
from bot.telegram.logs import Redactor, setup_logging
from bot.telegram.polling import poll
from bot.telegram.webhook import run_webhook

log = logging.getLogger("bot")

CONFLICT_MESSAGE = (
    "error: another process is getting this bot's updates (Telegram answered 409 Conflict). "
    "Stop the other instance, or remove its webhook, then start this one again."
)


def serve(config: Config, bundle: Bundle, webhook: bool = False) -> int:
    """Serve ``bundle`` until stopped; returns the process's exit code."""
    if hasattr(signal, "SIGHUP"):  # its default is to die: ignored until post_init, which
        signal.signal(signal.SIGHUP, signal.SIG_IGN)  # makes it reload the content
    token = config.require_token()
    hook = config.require_webhook() if webhook else None
    setup_logging(token, base_url=config.api_base_url)
    redact = Redactor.of(token, config.api_base_url)

    def loaded() -> None:
        log.info("content loaded: %d pages, languages %s", len(bundle.content.pages),
                 ", ".join(bundle.languages))  # fmt: skip

    if hook is not None:  # polling says it once Telegram has taken the token
        loaded()
    application = build_application(config, bundle, reload_on_sighup=True, settle=True)
    try:
        if hook is None:
            poll(application, allowed_updates=ALLOWED_UPDATES,
                 drop_pending_updates=config.drop_pending_updates, started=loaded)  # fmt: skip
        else:
            url, path = hook
            secret = config.webhook_secret or Secret(secrets.token_urlsafe(32))
            code = run_webhook(application, url=url, path=path, port=config.port, secret=secret,
                               drop_pending_updates=config.drop_pending_updates)  # fmt: skip
            if code != ExitCode.OK:  # a port in use, a webhook refused: said in one line
                return code
    except InvalidToken:
        print("error: Telegram rejected TELEGRAM_BOT_TOKEN (check it with @BotFather; "
              "the value is not shown here).", file=sys.stderr)  # fmt: skip
        return ExitCode.BAD_INPUT
    except Conflict:
        print(CONFLICT_MESSAGE, file=sys.stderr)
        return ExitCode.CONFLICT
    except NetworkError as exc:
        print(f"error: cannot reach the Bot API at {redact(config.api_base_url)}: "
              f"{said(exc, redact)}", file=sys.stderr)  # fmt: skip
        return ExitCode.FAILURE
    except TelegramError as exc:  # a request refused at start (deleteWebhook, setMyCommands)
        print(f"error: Telegram refused a request: {said(exc, redact)}", file=sys.stderr)
        return ExitCode.FAILURE
    if application.bot_data.get(CONFLICT):
        print(CONFLICT_MESSAGE, file=sys.stderr)
        return ExitCode.CONFLICT
    return ExitCode.OK


SAID_AT_MOST = 200  # characters of an error's message: a proxy's error page can be long


def said(error: TelegramError, redact: Redactor) -> str:
    """What ``error`` says, redacted, on one line of reasonable length."""
    message = " ".join(redact(error.message).split())
    return message if len(message) <= SAID_AT_MOST else message[: SAID_AT_MOST - 1] + "…"
