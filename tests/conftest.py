"""Shared fixtures: the real content, a fake Telegram, and the real Application on top."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.config import Config, Secret
from bot.content.bundle import Bundle, load_bundle
from bot.features.news.broadcaster import Clock
from bot.storage import Storage
from bot.telegram.app import build_application
from bot.telegram.logs import RedactingFormatter, UserTextFilter, quiet_talkative_loggers
from tests.fake_telegram import FAKE_TOKEN, WRITTEN, ChatUser, FakeTelegram

ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "content"
LOCALES_DIR = ROOT / "locales"


def pytest_configure(config: pytest.Config) -> None:
    """Every log line of the whole run, at DEBUG, as the bot logs in production (the same
    formatter, python-telegram-bot's loggers kept at INFO), goes to one file; at the end
    :func:`pytest_sessionfinish` looks in it for what users wrote."""
    path = Path(config.rootpath) / ".pytest-log.txt"
    handler = logging.FileHandler(path, mode="w", encoding="utf-8")
    handler.setFormatter(RedactingFormatter([FAKE_TOKEN]))
    handler.setLevel(logging.DEBUG)
    handler.addFilter(UserTextFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    quiet_talkative_loggers(logging.DEBUG)
    config.stash[_LOG_FILE] = path


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """No log line of the run may hold what a user wrote (texts long enough to be theirs
    alone, not a command or a button's number)."""
    path = session.config.stash.get(_LOG_FILE, None)
    if path is None or not path.exists() or not WRITTEN:
        return
    logged = path.read_text(encoding="utf-8", errors="replace")
    leaked = sorted(text for text in WRITTEN
                    if len(text) >= 8 and not text.startswith("/") and text in logged)  # fmt: skip
    if leaked:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        lines = [line[:300] for line in logged.splitlines() if any(t in line for t in leaked)]
        print(f"\nThe log of this run holds what users wrote: {leaked[:5]}, in:", *lines[:5],
              sep="\n")  # fmt: skip
    path.unlink()


_LOG_FILE = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def bundle() -> Bundle:
    return load_bundle(CONTENT_DIR, LOCALES_DIR)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(
        token=Secret(FAKE_TOKEN), database=tmp_path / "bot.sqlite3", audio_dir=tmp_path / "audio"
    )


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    yield fake
    assert fake.spec_problems == [], "the bot sent requests the Bot API would refuse"


async def start_application(
    config: Config, bundle: Bundle, telegram: FakeTelegram, clock: Clock | None = None
) -> Application:
    """Build and start the bot as ``run`` would, minus polling."""
    application = build_application(config, bundle, request=telegram, clock=clock)
    await application.initialize()
    assert application.post_init is not None
    await application.post_init(application)
    return application


async def stop_application(application: Application) -> None:
    """Stop the bot as ``run`` does on SIGTERM: post_stop, then shutdown."""
    assert application.post_stop is not None
    await application.post_stop(application)
    await application.shutdown()
    assert application.post_shutdown is not None
    await application.post_shutdown(application)


@pytest.fixture
async def application(
    config: Config, bundle: Bundle, telegram: FakeTelegram
) -> AsyncIterator[Application]:
    application = await start_application(config, bundle, telegram)
    yield application
    await stop_application(application)


@pytest.fixture
def user(application: Application, telegram: FakeTelegram) -> ChatUser:
    return ChatUser(application, telegram)


def storage_of(application: Application) -> Storage:
    """The database of a running bot, to see what it keeps."""
    return application.bot_data["services"].storage
