"""Logging: the token and the base URL's password never show, in any form; what users
wrote never reaches the log, whatever python-telegram-bot or tornado log about it."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator

import pytest
from telegram import Update

from bot.config import Secret
from bot.telegram.logs import (
    NOT_LOGGED,
    RedactingFormatter,
    Redactor,
    UserTextFilter,
    held_back,
    setup_logging,
)
from tests.fake_telegram import FAKE_TOKEN

BOT_ID, SECRET_HALF = FAKE_TOKEN.split(":")
WORDS = "they took my passport 5531"
UPDATE = {
    "update_id": 9,
    "message": {
        "message_id": 3,
        "date": 1_700_000_000,
        "chat": {"id": 31337, "type": "private", "first_name": "Ana"},
        "from": {"id": 31337, "is_bot": False, "first_name": "Ana"},
        "text": WORDS,
    },
}


def encoded(text: str, hex_format: str = "%{:02X}") -> str:
    return "".join(hex_format.format(ord(char)) for char in text)


def record(
    name: str, level: int, msg: str, *args: object, error: BaseException | None = None
) -> logging.LogRecord:
    exc_info = (type(error), error, error.__traceback__) if error is not None else None
    return logging.LogRecord(name, level, __file__, 1, msg, args, exc_info)


@pytest.mark.parametrize(
    "text",
    [
        f"POST https://api.telegram.org/bot{FAKE_TOKEN}/getMe",
        f"<html>502 Bad Gateway: /bot{BOT_ID}%3A{SECRET_HALF}/getMe</html>",
        f"/bot{BOT_ID}%3a{SECRET_HALF}/getUpdates",
        f"/bot{BOT_ID}%253A{SECRET_HALF}/getUpdates",  # encoded twice
        f"/bot{encoded(FAKE_TOKEN)}/getMe",  # every character encoded
        f"/bot{encoded(FAKE_TOKEN, '%{:02x}')}/getMe",
        f"only its secret half: {SECRET_HALF}.",
        f"b'{FAKE_TOKEN}'",
    ],
)
def test_the_token_is_redacted_in_every_form(text: str) -> None:
    redacted = Redactor([FAKE_TOKEN])(text)
    assert "[token]" in redacted
    assert SECRET_HALF not in redacted
    assert encoded(SECRET_HALF[5:20]) not in redacted.upper()


def test_the_base_urls_password_is_redacted_as_written_and_decoded() -> None:
    redact = Redactor.of(Secret(FAKE_TOKEN), "https://bot:pa%40ss-W0rd@proxy.example.org/bot")
    assert redact("https://bot:pa%40ss-W0rd@proxy.example.org/bot") == (
        "https://bot:[password]@proxy.example.org/bot"
    )
    assert redact("Basic auth with pa@ss-W0rd failed") == "Basic auth with [password] failed"
    assert redact(f"/bot{FAKE_TOKEN}/getMe") == "/bot[token]/getMe"


def test_a_base_url_without_a_password_hides_nothing() -> None:
    redact = Redactor.of(None, "https://api.telegram.org/bot")
    assert redact("https://api.telegram.org/bot") == "https://api.telegram.org/bot"


def test_exception_texts_and_tracebacks_are_redacted() -> None:
    formatter = RedactingFormatter([FAKE_TOKEN], passwords=["hunter2-pw"])
    try:
        raise ValueError(f"502 for /bot{BOT_ID}%3A{SECRET_HALF}/getMe via user:hunter2-pw@")
    except ValueError as exc:
        entry = record("telegram.request", logging.ERROR, "Can not load invalid JSON data: %s",
                       f"/bot{FAKE_TOKEN}/x", error=exc)  # fmt: skip
    line = formatter.format(entry)
    assert "Traceback" in line
    assert SECRET_HALF not in line
    assert "hunter2-pw" not in line
    assert line.count("[token]") == 2
    assert "[password]" in line


def filtered(entry: logging.LogRecord) -> str:
    """The line a handler with the filter and the formatter writes."""
    assert UserTextFilter().filter(entry) is True, "a record is changed, never dropped"
    return RedactingFormatter([FAKE_TOKEN]).format(entry)


def test_the_data_python_telegram_bot_received_is_not_logged() -> None:
    try:
        Update.de_json({"update_id": 9, "message": {"message_id": 3, "text": WORDS}}, None)
    except Exception as exc:  # whatever it fails with
        error = exc
    entry = record("telegram.ext.ExtBot", logging.CRITICAL,
                   "Error while parsing updates! Received data was %r", [UPDATE],
                   error=error)  # fmt: skip

    line = filtered(entry)

    assert WORDS not in line
    assert "Ana" not in line
    assert line.endswith(
        f"CRITICAL telegram.ext.ExtBot: Error while parsing updates! Received data was "
        f"[not logged] ({type(error).__name__})"
    )
    assert "Traceback" not in line


def test_a_webhook_update_python_telegram_bot_could_not_process_is_not_logged() -> None:
    entry = record("telegram.ext.Updater", logging.CRITICAL,
                   "Something went wrong processing the data received from Telegram. Received "
                   "data was *not* processed! Received data was: %r", UPDATE)  # fmt: skip
    line = filtered(entry)
    assert WORDS not in line
    assert line.endswith("Received data was *not* processed! Received data was: [not logged]")


@pytest.mark.parametrize(
    "text",
    [
        f'{{"update_id": 9, "message": {{"text": "{WORDS}"}}}}',  # JSON, as tornado shows it
        repr(UPDATE),
        str(Update.de_json(UPDATE, None)),  # python-telegram-bot's own repr
    ],
)
def test_a_line_holding_an_update_is_replaced(text: str) -> None:
    entry = record("tornado.general", logging.WARNING, "Malformed HTTP message: %s", text)
    line = filtered(entry)
    assert WORDS not in line
    assert line.endswith(f"WARNING tornado.general: {NOT_LOGGED}")


def test_an_exception_holding_an_update_loses_its_traceback() -> None:
    error = ValueError(f"cannot handle {Update.de_json(UPDATE, None)}")
    line = filtered(record("telegram.ext.Application", logging.ERROR, "No error handlers "
                           "are registered, logging exception.", error=error))  # fmt: skip
    assert WORDS not in line
    assert line.endswith(f"{NOT_LOGGED} (ValueError)")


def test_the_bots_own_lines_are_left_as_they_are() -> None:
    entry = record("bot", logging.INFO, "content loaded: %d pages, languages %s", 35, "en, es")
    assert filtered(entry).endswith("INFO bot: content loaded: 35 pages, languages en, es")
    entry = record("bot.errors", logging.WARNING, "%s: the user has blocked the bot",
                   "update 4 (message)")  # fmt: skip
    assert filtered(entry).endswith("update 4 (message): the user has blocked the bot")


SetUp = Callable[..., io.StringIO]


@pytest.fixture
def set_up() -> Iterator[SetUp]:
    """``setup_logging``, writing to a string instead of stderr; afterwards the root logger
    as it was."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level

    def logging_to_a_string(token: Secret | None, base_url: str = "") -> io.StringIO:
        setup_logging(token, base_url=base_url)
        written = io.StringIO()
        root.handlers[0].setStream(written)  # type: ignore[attr-defined]
        return written

    yield logging_to_a_string
    root.handlers[:] = handlers
    root.setLevel(level)


def test_setup_logging_filters_and_redacts_from_the_first_line(set_up: SetUp) -> None:
    stderr = set_up(Secret(FAKE_TOKEN), "https://u:s3cr3t-pw@example.org/bot")
    logging.getLogger("telegram.ext.ExtBot").critical(
        "Error while parsing updates! Received data was %r", [UPDATE]
    )
    logging.getLogger("telegram.request").error(
        "invalid JSON: %s", f"/bot{BOT_ID}%3A{SECRET_HALF} https://u:s3cr3t-pw@example.org"
    )

    written = stderr.getvalue()
    assert WORDS not in written
    assert SECRET_HALF not in written
    assert "s3cr3t-pw" not in written
    assert written.count("\n") == 2, written


def test_held_back_lines_are_written_after_success_and_dropped_after_a_failure(
    set_up: SetUp,
) -> None:
    log = logging.getLogger("bot.test_logs")
    stderr = set_up(None)
    with held_back():
        log.info("getMe failed (NetworkError), trying again")
        assert stderr.getvalue() == "", "held while the block runs"
    with pytest.raises(RuntimeError), held_back():  # noqa: PT012 - a line, then the failure
        log.info("dropped: the caller says what failed")
        raise RuntimeError
    log.info("after")

    lines = stderr.getvalue().splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        "getMe failed (NetworkError), trying again",
        "after",
    ]
