"""Configuration, read once from environment variables at start.

Modelled on Starlette's ``Config``: every setting has a name, a documented default and a
parser; secrets are wrapped in :class:`Secret`, which never shows its value in ``repr``,
``str``, logs or tracebacks.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.opening_hours import HoursError, OpeningHours

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"

# A bot token as @BotFather issues it: the bot's numeric id, a colon, then 35 characters.
# ASCII digits only: \d would take Arabic-Indic ones, which Telegram never issues.
_TOKEN_PATTERN = re.compile(r"^[0-9]{3,20}:[A-Za-z0-9_-]{30,64}$")
_LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(Exception):
    """A setting is missing or malformed. The message is one line, safe to print."""


class Secret:
    """A value that must never be printed. Use :meth:`reveal` where the value is needed."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    def __str__(self) -> str:
        return "**********"

    def __bool__(self) -> bool:
        return bool(self._value)


@dataclass(frozen=True)
class Config:
    """Every setting the bot reads. Build it with :meth:`from_env`."""

    token: Secret | None
    api_base_url: str = DEFAULT_API_BASE_URL
    database: Path = PROJECT_ROOT / "data" / "bot.sqlite3"
    default_language: str = "en"
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    content_dir: Path = PROJECT_ROOT / "content"
    locales_dir: Path = PROJECT_ROOT / "locales"
    audio_dir: Path = PROJECT_ROOT / "data" / "audio"  # spoken messages, made by `audio build`
    bot_username: str | None = None  # for links made offline; a running bot asks Telegram
    retention_days: int = 180  # a user's data is deleted after this many days unused
    broadcast_rate: float = 20.0  # campaign news messages a second (Telegram allows ~30)
    webhook_url: str | None = None  # the public HTTPS address Telegram posts updates to
    port: int = 8443  # where the webhook server listens (PORT, as platforms set it)
    webhook_secret: Secret | None = None  # Telegram sends it back; None: a new one each start
    drop_pending_updates: bool = False  # on start, drop updates that came while stopped
    staff_chat_id: int | None = None  # the staff's forum supergroup: turns the relay on
    staff_hours: OpeningHours | None = None  # when staff read; None: always
    case_idle_hours: int = 72  # a case nobody wrote in for this long is closed

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Config:
        env = os.environ if environ is None else environ
        raw_token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        return cls(
            token=Secret(raw_token) if raw_token else None,
            api_base_url=env.get("TELEGRAM_API_BASE_URL", "").strip() or DEFAULT_API_BASE_URL,
            database=_path(env, "BOT_DATABASE", cls.database),
            default_language=_language(env.get("BOT_DEFAULT_LANGUAGE", "en")),
            admin_ids=_admin_ids(env.get("BOT_ADMIN_IDS", "")),
            content_dir=_path(env, "BOT_CONTENT_DIR", cls.content_dir),
            locales_dir=_path(env, "BOT_LOCALES_DIR", cls.locales_dir),
            audio_dir=_path(env, "BOT_AUDIO_DIR", cls.audio_dir),
            bot_username=env.get("BOT_USERNAME", "").strip().removeprefix("@") or None,
            retention_days=_days(env.get("BOT_RETENTION_DAYS", "")),
            broadcast_rate=_rate(env.get("BOT_BROADCAST_RATE", "")),
            webhook_url=_url(env.get("BOT_WEBHOOK_URL", "")),
            port=_port(env.get("PORT", "")),
            webhook_secret=_secret(env.get("BOT_WEBHOOK_SECRET", "")),
            drop_pending_updates=_flag("BOT_DROP_PENDING_UPDATES", env),
            staff_chat_id=_chat_id(env.get("BOT_STAFF_CHAT_ID", "")),
            staff_hours=_hours(env.get("BOT_STAFF_HOURS", "")),
            case_idle_hours=_idle_hours(env.get("BOT_CASE_IDLE_HOURS", "")),
        )

    def require_token(self) -> Secret:
        """The token, checked for shape; raises :class:`ConfigError` without echoing it."""
        if self.token is None:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather in Telegram "
                "and export it, or run `python -m bot console` to try the bot without one."
            )
        if not _TOKEN_PATTERN.match(self.token.reveal()):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is malformed: expected the form 123456789:ABC... "
                "as @BotFather gives it (the value is not shown here)."
            )
        return self.token

    def require_webhook(self) -> tuple[str, str]:
        """The webhook's public address and the path the server answers on."""
        if not self.webhook_url:
            raise ConfigError(
                "BOT_WEBHOOK_URL is not set: --webhook needs the public HTTPS address Telegram "
                "should send updates to, such as https://bot.example.org/telegram."
            )
        path = self.webhook_url.split("://", 1)[1].partition("/")[2]
        return self.webhook_url, path


def _path(env: Mapping[str, str], name: str, default: Path) -> Path:
    value = env.get(name, "").strip()
    return Path(value).expanduser() if value else default


def _language(value: str) -> str:
    code = value.strip().lower() or "en"
    if not _LANGUAGE_PATTERN.match(code):
        raise ConfigError(
            f"BOT_DEFAULT_LANGUAGE must be a language code such as 'en', not {code!r}."
        )
    return code


def _admin_ids(value: str) -> frozenset[int]:
    ids: set[int] = set()
    for part in re.split(r"[,\s]+", value.strip()):
        if not part:
            continue
        if not re.fullmatch(r"-?[0-9]{1,20}", part):
            raise ConfigError(
                f"BOT_ADMIN_IDS must be Telegram user ids separated by commas, not {part!r}."
            )
        ids.add(int(part))
    return frozenset(ids)


def _days(value: str) -> int:
    text = value.strip()
    if not text:
        return 180
    if not text.isdigit() or not 1 <= int(text) <= 3650:
        raise ConfigError(
            f"BOT_RETENTION_DAYS must be a number of days from 1 to 3650, not {text!r}."
        )
    return int(text)


MAX_BROADCAST_RATE = 25.0  # leave Telegram's 30 a second some room for replies


def _rate(value: str) -> float:
    text = value.strip()
    if not text:
        return Config.broadcast_rate
    try:
        rate = float(text)
    except ValueError:
        rate = 0.0
    if not 0.1 <= rate <= MAX_BROADCAST_RATE:
        raise ConfigError(
            f"BOT_BROADCAST_RATE must be messages a second from 0.1 to {MAX_BROADCAST_RATE:g} "
            f"(Telegram allows about 30 for a bot), not {text!r}."
        )
    return rate


_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts


def _url(value: str) -> str | None:
    text = value.strip()
    if not text:
        return None
    if not re.fullmatch(r"https?://[^/\s]+(/\S*)?", text):
        raise ConfigError(
            "BOT_WEBHOOK_URL must be an address such as https://bot.example.org/telegram, "
            f"not {text!r}."
        )
    return text


def _port(value: str) -> int:
    text = value.strip()
    if not text:
        return Config.port
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 65535:
        raise ConfigError(f"PORT must be a port number from 1 to 65535, not {text!r}.")
    return int(text)


def _secret(value: str) -> Secret | None:
    text = value.strip()
    if not text:
        return None
    if not _SECRET_PATTERN.match(text):
        raise ConfigError(
            "BOT_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - "
            "(the value is not shown here)."
        )
    return Secret(text)


def _flag(name: str, env: Mapping[str, str]) -> bool:
    text = env.get(name, "").strip().lower()
    if text in ("", "0", "false", "no", "off"):
        return False
    if text in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"{name} must be true or false, not {text!r}.")


def _chat_id(value: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    if not re.fullmatch(r"-100[0-9]{5,16}", text):
        raise ConfigError(
            "BOT_STAFF_CHAT_ID must be the id of a supergroup, such as -1001234567890 "
            f"(see README: the relay to a person), not {text!r}."
        )
    return int(text)


def _hours(value: str) -> OpeningHours | None:
    if not value.strip():
        return None
    try:
        return OpeningHours.parse(value)
    except HoursError as exc:
        raise ConfigError(f"BOT_STAFF_HOURS: {exc}.") from None


def _idle_hours(value: str) -> int:
    text = value.strip()
    if not text:
        return Config.case_idle_hours
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 24 * 30:
        raise ConfigError(f"BOT_CASE_IDLE_HOURS must be hours from 1 to 720, not {text!r}.")
    return int(text)
