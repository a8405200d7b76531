"""Logging that never shows the bot token, nor what users write.

python-telegram-bot and httpx put the token in request URLs and in some error messages
(``InvalidToken`` quotes it). Every line is redacted after formatting, tracebacks
included, and httpx's per-request lines are silenced. python-telegram-bot's debug lines
hold whole updates (users' messages), so its loggers never go below INFO.
"""

from __future__ import annotations

import logging
import sys

from bot.config import Secret

REDACTED = "[token]"
USER_TEXT_LOGGERS = (
    "telegram.Bot", "telegram.ext.ExtBot", "telegram.ext.Application", "telegram.ext.Updater",
)  # fmt: skip
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFormatter(logging.Formatter):
    def __init__(self, secrets: list[str], fmt: str = FORMAT) -> None:
        super().__init__(fmt)
        self.secrets = [secret for secret in secrets if secret]

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)


def redact(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return text


def setup_logging(token: Secret | None, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter([token.reveal()] if token else []))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    quiet_talkative_loggers(level)


def quiet_talkative_loggers(level: int = logging.INFO) -> None:
    """Loggers that would show what users wrote or chose never go below INFO."""
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # At DEBUG these log whole updates and API calls, which hold what users wrote and
    # the buttons they were shown: never below INFO, whatever the level asked for.
    for talkative in USER_TEXT_LOGGERS:
        logging.getLogger(talkative).setLevel(max(level, logging.INFO))
