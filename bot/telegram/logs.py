"""Logging that never shows the bot token, nor what users write.

python-telegram-bot and httpx put the token in request URLs and in some error messages
(``InvalidToken`` quotes it); a proxy's error page may quote the URL percent-encoded, and
TELEGRAM_API_BASE_URL may hold a password. Every line is redacted after formatting,
tracebacks included: the token and its secret half, in every percent-encoding, and the
base URL's password (:class:`Redactor`). httpx's per-request lines are silenced.

python-telegram-bot's debug lines hold whole updates (users' messages), so its loggers
never go below INFO; and when it fails to read an update it logs the update ("Received data
was ..."): :class:`UserTextFilter` takes such data, and any update's JSON, out of every
record before a handler writes it.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from urllib.parse import unquote, urlsplit

from bot.config import Secret

REDACTED = "[token]"
PASSWORD = "[password]"
USER_TEXT_LOGGERS = (
    "telegram.Bot", "telegram.ext.ExtBot", "telegram.ext.Application", "telegram.ext.Updater",
)  # fmt: skip
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _spelled(secret: str) -> str:
    """A pattern for ``secret`` with each character as it is or percent-encoded (once or
    twice, in either case of hex digit)."""
    return "".join(
        f"(?:{re.escape(char)}|%(?:25)?{ord(char):02x})" if ord(char) < 128 else re.escape(char)
        for char in secret
    )


def _forms(secret: str) -> list[str]:
    """A token's patterns: the whole token, and its secret half on its own."""
    bot_id, colon, rest = secret.partition(":")
    if colon and bot_id.isdigit() and len(rest) >= 16:
        return [_spelled(secret), _spelled(rest)]
    return [_spelled(secret)]


class Redactor:
    """Replaces every form of the token(s) with ``[token]`` and of the passwords with
    ``[password]``."""

    def __init__(self, secrets: Iterable[str] = (), passwords: Iterable[str] = ()) -> None:
        patterns = [(form, REDACTED) for secret in secrets if secret for form in _forms(secret)]
        patterns += [(_spelled(word), PASSWORD) for word in passwords if word]
        # Longest first, so that a whole token is taken before its half.
        patterns.sort(key=lambda pattern: -len(pattern[0]))
        self._labels = [label for _, label in patterns]
        self._pattern = (
            re.compile("|".join(f"({form})" for form, _ in patterns), re.IGNORECASE)
            if patterns
            else None
        )

    @classmethod
    def of(cls, token: Secret | None, base_url: str = "") -> Redactor:
        """The bot's token, and the password of the Bot API's base URL if it has one."""
        return cls([token.reveal()] if token else [], passwords_of(base_url))

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda found: self._labels[(found.lastindex or 1) - 1], text)


def passwords_of(url: str) -> set[str]:
    """The password in ``url`` (``https://user:password@host``), as written and decoded."""
    try:
        password = urlsplit(url).password or ""
    except ValueError:  # not a URL one could connect to: nothing to hide in it
        return set()
    return {password, unquote(password)} - {""}


def redact(text: str, secrets: list[str]) -> str:
    return Redactor(secrets)(text)


class RedactingFormatter(logging.Formatter):
    def __init__(
        self, secrets: list[str], fmt: str = FORMAT, passwords: Iterable[str] = ()
    ) -> None:
        super().__init__(fmt)
        self.redact = Redactor(secrets, passwords)

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))


RECEIVED = "Received data was"  # how python-telegram-bot introduces an update it logs
_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]")
# An update, a message, a user in JSON, a dict's repr or python-telegram-bot's repr.
_UPDATE = re.compile(
    r"""['"](?:update_id|message_id|from|first_name|chat_instance)['"]\s*:"""
    r"|\b(?:update_id|message_id|from_user|first_name)="
)
NOT_LOGGED = "a line holding what a user sent was not logged"


class UserTextFilter(logging.Filter):
    """Keeps what users wrote out of the log. A record saying "Received data was" loses
    its data: its arguments, and its traceback (replaced by the exception's name). A record
    whose text or exception holds an update, a message or a user is replaced by one saying
    so. Either keeps its level and logger, so that the failure still shows."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if RECEIVED in message:
            self._replace(record, _PLACEHOLDER.sub("[not logged]", message))
            return True
        try:
            text = record.getMessage()
        except Exception:  # arguments that do not fit: logging reports it, without them
            return True
        error = record.exc_info[1] if record.exc_info else None
        if _UPDATE.search(text) or (error is not None and _UPDATE.search(str(error))):
            self._replace(record, NOT_LOGGED)
        return True

    @staticmethod
    def _replace(record: logging.LogRecord, message: str) -> None:
        error = record.exc_info[1] if record.exc_info else None
        if error is not None:
            message += f" ({type(error).__name__})"
        record.msg, record.args = message, ()  # with no arguments, "%" is left as it is
        record.exc_info = record.exc_text = None


@contextlib.contextmanager
def held_back() -> Iterator[None]:
    """The root logger's records are held while the block runs, then written; if it
    raises, they are dropped: the caller says what failed, in one line."""
    root = logging.getLogger()
    holding = _Holding()
    handlers, root.handlers[:] = root.handlers[:], [holding]
    try:
        yield
    finally:
        root.handlers[:] = handlers
    for record in holding.records:
        for handler in handlers:
            if record.levelno >= handler.level:
                handler.handle(record)


class _Holding(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def setup_logging(token: Secret | None, level: int = logging.INFO, base_url: str = "") -> None:
    """Lines to stderr, redacted and without what users wrote, from the first one on."""
    handler = logging.StreamHandler(sys.stderr)
    secrets = [token.reveal()] if token else []
    handler.setFormatter(RedactingFormatter(secrets, passwords=passwords_of(base_url)))
    handler.addFilter(UserTextFilter())
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
