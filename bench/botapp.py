"""The real bot, built as ``python -m bot run`` builds it, with the network faked."""

from __future__ import annotations

from pathlib import Path

from bench.echo import App
from bench.fake import LeanTelegram
from bot.config import Config, Secret
from bot.content.bundle import Bundle
from bot.features.news.broadcaster import Clock
from bot.telegram.app import build_application
from tests.fake_telegram import FAKE_TOKEN

ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "content"
LOCALES_DIR = ROOT / "locales"


def bot_config(database: Path, admin_ids: frozenset[int] = frozenset()) -> Config:
    """The bot's settings for a run: a fake token, a fresh database, default rates."""
    return Config(
        token=Secret(FAKE_TOKEN), database=database, admin_ids=admin_ids,
        content_dir=CONTENT_DIR, locales_dir=LOCALES_DIR,
    )  # fmt: skip


def bot_application(
    config: Config, bundle: Bundle, telegram: LeanTelegram, clock: Clock | None = None
) -> App:
    """The bot with ``telegram`` as its network and ``clock`` pacing campaign news."""
    return build_application(config, bundle, request=telegram, clock=clock, settle=True)
