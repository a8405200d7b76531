"""Configuration from the environment; the token never shows."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from bot.config import DEFAULT_API_BASE_URL, Config, ConfigError, Secret
from bot.telegram.logs import USER_TEXT_LOGGERS, RedactingFormatter, setup_logging
from tests.fake_telegram import FAKE_TOKEN


def test_defaults() -> None:
    config = Config.from_env({})
    assert config.token is None
    assert config.api_base_url == DEFAULT_API_BASE_URL == "https://api.telegram.org/bot"
    assert config.database.name == "bot.sqlite3"
    assert config.database.parent.name == "data"
    assert config.default_language == "en"
    assert config.admin_ids == frozenset()
    assert config.content_dir.name == "content"
    assert config.locales_dir.name == "locales"


def test_every_setting_is_read(tmp_path: Path) -> None:
    config = Config.from_env(
        {
            "TELEGRAM_BOT_TOKEN": f" {FAKE_TOKEN} ",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
            "BOT_DATABASE": str(tmp_path / "x.db"),
            "BOT_DEFAULT_LANGUAGE": "ES",
            "BOT_ADMIN_IDS": "1, 22 333",
            "BOT_CONTENT_DIR": str(tmp_path / "c"),
            "BOT_LOCALES_DIR": str(tmp_path / "l"),
            "BOT_BROADCAST_RATE": "12.5",
            "BOT_WEBHOOK_URL": "https://bot.example.org/telegram",
            "PORT": "5000",
            "BOT_WEBHOOK_SECRET": "abc_DEF-123",
            "BOT_DROP_PENDING_UPDATES": "yes",
        }
    )
    assert config.require_token().reveal() == FAKE_TOKEN
    assert config.api_base_url == "http://127.0.0.1:8081/bot"
    assert config.database == tmp_path / "x.db"
    assert config.default_language == "es"
    assert config.admin_ids == frozenset({1, 22, 333})
    assert config.content_dir == tmp_path / "c"
    assert config.locales_dir == tmp_path / "l"
    assert config.broadcast_rate == 12.5
    assert Config.from_env({}).broadcast_rate == 20.0
    assert config.require_webhook() == ("https://bot.example.org/telegram", "telegram")
    assert config.port == 5000
    assert config.webhook_secret is not None
    assert config.webhook_secret.reveal() == "abc_DEF-123"
    assert "abc_DEF" not in repr(config)
    assert config.drop_pending_updates is True
    defaults = Config.from_env({})
    assert (defaults.webhook_url, defaults.port, defaults.webhook_secret) == (None, 8443, None)
    assert defaults.drop_pending_updates is False


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("BOT_ADMIN_IDS", "12,abc", "BOT_ADMIN_IDS must be Telegram user ids"),
        ("BOT_ADMIN_IDS", "12,\u0661\u0662", "BOT_ADMIN_IDS must be Telegram user ids"),
        ("BOT_DEFAULT_LANGUAGE", "english!", "BOT_DEFAULT_LANGUAGE must be a language code"),
        ("BOT_BROADCAST_RATE", "30", "BOT_BROADCAST_RATE must be messages a second from 0.1 to 25"),
        ("BOT_BROADCAST_RATE", "fast", "BOT_BROADCAST_RATE must be messages a second"),
        ("BOT_BROADCAST_RATE", "nan", "BOT_BROADCAST_RATE must be messages a second"),
        ("BOT_WEBHOOK_URL", "bot.example.org", "BOT_WEBHOOK_URL must be an address"),
        ("PORT", "99999", "PORT must be a port number"),
        ("PORT", "8\u00b2", "PORT must be a port number"),
        ("BOT_WEBHOOK_SECRET", "has spaces in it", "BOT_WEBHOOK_SECRET must be 1-256"),
        ("BOT_DROP_PENDING_UPDATES", "maybe", "BOT_DROP_PENDING_UPDATES must be true or false"),
        ("BOT_STAFF_CHAT_ID", "12345", "BOT_STAFF_CHAT_ID must be the id of a supergroup"),
        ("BOT_STAFF_HOURS", "Mon-Fri 09:00-17:00", "is not a time zone"),
        ("BOT_STAFF_HOURS", "Mon-Fri 9-5 Europe/Kyiv", "cannot read 'Mon-Fri 9-5 Europe/Kyiv'"),
        ("BOT_STAFF_HOURS", "Mon 17:00-09:00 UTC", "must open before they close"),
        ("BOT_STAFF_HOURS", "Moonday 09:00-10:00 UTC", "cannot read"),
        ("BOT_CASE_IDLE_HOURS", "0", "BOT_CASE_IDLE_HOURS must be hours from 1 to 720"),
    ],
)
def test_malformed_settings_are_one_clear_line(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        Config.from_env({name: value})
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("token", ["", "abc", "123:short", f"{FAKE_TOKEN} extra"])
def test_missing_or_malformed_tokens_are_refused_without_echo(token: str) -> None:
    config = Config.from_env({"TELEGRAM_BOT_TOKEN": token})
    with pytest.raises(ConfigError) as caught:
        config.require_token()
    if token:
        assert token not in str(caught.value)


def test_the_token_never_prints() -> None:
    config = Config.from_env({"TELEGRAM_BOT_TOKEN": FAKE_TOKEN})
    assert FAKE_TOKEN not in repr(config)
    assert FAKE_TOKEN not in str(config.token)
    assert FAKE_TOKEN not in f"{config.token!r}"
    assert bool(Secret("x"))
    assert not bool(Secret(""))


def test_log_lines_and_tracebacks_are_redacted() -> None:
    formatter = RedactingFormatter([FAKE_TOKEN])
    try:
        raise ValueError(f"The token `{FAKE_TOKEN}` was rejected by the server.")
    except ValueError as exc:
        record = logging.LogRecord(
            "x",
            logging.ERROR,
            __file__,
            1,
            "POST https://api.telegram.org/bot%s/getMe",
            (FAKE_TOKEN,),
            (type(exc), exc, exc.__traceback__),
        )
    line = formatter.format(record)
    assert FAKE_TOKEN not in line
    assert line.count("[token]") == 2


def test_debug_logging_never_shows_what_users_write() -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    levels = {name: logging.getLogger(name).level for name in USER_TEXT_LOGGERS}
    try:
        setup_logging(Secret(FAKE_TOKEN), level=logging.DEBUG)
        for name in USER_TEXT_LOGGERS:
            logger = logging.getLogger(name)
            assert not logger.isEnabledFor(logging.DEBUG), name
            assert logger.isEnabledFor(logging.INFO), name
        assert logging.getLogger("bot").isEnabledFor(logging.DEBUG)
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        for name, level in levels.items():  # as they were (the test run's log clamps them)
            logging.getLogger(name).setLevel(level)


def test_the_relay_settings_are_read() -> None:
    config = Config.from_env({"BOT_STAFF_CHAT_ID": "-1001234567890",
                              "BOT_STAFF_HOURS": "Sat-Mon 10:00-14:00, Wed 09:00-12:00 UTC",
                              "BOT_CASE_IDLE_HOURS": "24"})  # fmt: skip
    assert config.staff_chat_id == -1001234567890
    assert config.case_idle_hours == 24
    hours = config.staff_hours
    assert hours is not None
    sunday = dt.datetime(2026, 12, 6, 11, tzinfo=dt.UTC)
    tuesday = dt.datetime(2026, 12, 8, 11, tzinfo=dt.UTC)
    assert hours.open_at(sunday), "Sat-Mon wraps over the weekend"
    assert not hours.open_at(tuesday)
    assert hours.next_opening(tuesday) == dt.datetime(2026, 12, 9, 9, tzinfo=dt.UTC)
    assert Config.from_env({}).staff_chat_id is None
