"""Statistics without personal data: pages opened per day and language, campaign visits;
/stats for admins as a table and a CSV file; for anyone else /stats does not exist."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from telegram.ext import Application

from bot.config import Config
from bot.content.bundle import Bundle
from tests.conftest import start_application, stop_application
from tests.fake_telegram import ChatUser, FakeTelegram

ADMIN = 555
TODAY = dt.datetime.now(dt.UTC).date().isoformat()


@pytest.fixture
async def served(
    config: Config, bundle: Bundle, telegram: FakeTelegram
) -> AsyncIterator[Application]:
    application = await start_application(replace(config, admin_ids=frozenset({ADMIN})), bundle,
                                          telegram)  # fmt: skip
    yield application
    await stop_application(application)


async def test_pages_opened_are_counted_per_day_and_language_without_user_ids(
    served: Application, telegram: FakeTelegram
) -> None:
    english, spanish = ChatUser(served, telegram, 1), ChatUser(served, telegram, 2, "es")
    await english.send("/start get_help")
    await spanish.send("/start get_help")
    await spanish.tap("◀ Atrás")

    dump = await served.bot_data["services"].storage.dump()
    assert sorted(dump["page_counts"]) == [
        (TODAY, "get_help", "en", 1), (TODAY, "get_help", "es", 1), (TODAY, "home", "es", 1),
    ]  # fmt: skip


async def test_admins_see_the_table_and_get_a_csv(
    served: Application, telegram: FakeTelegram
) -> None:
    await ChatUser(served, telegram, 1).send("/start get_help-_poster")
    admin = ChatUser(served, telegram, ADMIN)

    await admin.send("/stats")

    text = admin.screen.text
    assert text.startswith("<b>Use of the bot, last 30 days (UTC)</b>")
    assert f"{TODAY}     1" in text
    assert "get_help: 1" in text
    assert "poster: 1" in text

    calls = await admin.tap("📄 CSV file")

    assert calls[-1].method == "sendDocument"
    rows = list(csv.reader(io.StringIO(admin.screen.photo.decode())))  # type: ignore[union-attr]
    assert rows[0] == ["kind", "day", "page_or_campaign", "language", "opened", "closed",
                       "answered", "median_wait_seconds"]  # fmt: skip
    assert ["page", TODAY, "get_help", "en", "1", "", "", ""] in rows
    assert ["campaign", TODAY, "poster", "", "1", "", "", ""] in rows


async def test_stats_do_not_exist_for_other_users(
    served: Application, telegram: FakeTelegram
) -> None:
    user = ChatUser(served, telegram, 1)
    await user.send("/stats")
    assert user.screen.text.startswith("<i>I don't know that command.")
    await user.tap_data("st:30")
    assert user.screen.text.startswith("<i>That button is out of date.")


async def test_stats_with_nothing_counted(served: Application, telegram: FakeTelegram) -> None:
    admin = ChatUser(served, telegram, ADMIN)
    await admin.send("/stats")
    assert "Nothing counted yet." in admin.screen.text


@pytest.mark.parametrize("data", ["st:²", "st:٣", "nb:²", "nx:¹", "st:"])
async def test_forged_admin_buttons_with_odd_digits_show_the_menu(
    served: Application, telegram: FakeTelegram, data: str
) -> None:
    """ "²" passes str.isdigit but not int(): found by the fuzz tests."""
    admin = ChatUser(served, telegram, ADMIN)
    await admin.send("/stats")
    await admin.tap_data(data)
    assert admin.screen.text.startswith("<i>That button is out of date.")
