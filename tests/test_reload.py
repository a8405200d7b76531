"""Hot reload while the bot is serving: good content is swapped in, bad content is refused
and the admin gets the errors, buttons to removed pages lead to the menu."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from telegram.ext import Application

from bot.config import Config
from bot.content.bundle import load_bundle
from tests.conftest import CONTENT_DIR, LOCALES_DIR, start_application, stop_application
from tests.fake_telegram import ChatUser, FakeTelegram

ADMIN = 1001
OLD_TITLE = "<b>Help against human trafficking</b>"
NEW_TITLE = "<b>Help and information against human trafficking</b>"


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    content, locales = tmp_path / "content", tmp_path / "locales"
    shutil.copytree(CONTENT_DIR, content)
    shutil.copytree(LOCALES_DIR, locales)
    return content, locales


@pytest.fixture
async def served(
    site: tuple[Path, Path], config: Config, telegram: FakeTelegram
) -> AsyncIterator[Application]:
    content, locales = site
    config = replace(config, content_dir=content, locales_dir=locales, admin_ids=frozenset({ADMIN}))
    application = await start_application(config, load_bundle(content, locales), telegram)
    yield application
    await stop_application(application)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def remove_page(content: Path, page_id: str) -> None:
    """Remove a page everywhere, as an editor would: structure, texts and translations."""
    yaml = YAML()
    yaml.width = 4096
    pages_file = content / "pages.yaml"
    pages = yaml.load(pages_file)
    pages["pages"] = [page for page in pages["pages"] if page["id"] != page_id]
    for page in pages["pages"]:
        if page.get("buttons"):
            page["buttons"] = [b for b in page["buttons"] if b != page_id]
    yaml.dump(pages, pages_file)
    for text_file in (content / "text").glob("*.yaml"):
        texts = yaml.load(text_file)
        del texts[page_id]
        yaml.dump(texts, text_file)


async def test_good_content_is_swapped_in_while_serving(
    served: Application, telegram: FakeTelegram, site: tuple[Path, Path]
) -> None:
    user, admin = ChatUser(served, telegram, 42), ChatUser(served, telegram, ADMIN)
    await user.send("/start")
    assert OLD_TITLE in user.screen.text

    edit(site[0] / "text" / "en.yaml", "title: Help against human trafficking",
         "title: Help and information against human trafficking")  # fmt: skip
    await admin.send("/reload")

    assert admin.screen.text.startswith("<b>Content reloaded: 35 pages, 57 countries, 7 languages.")
    await user.send("/menu")
    assert NEW_TITLE in user.screen.text


async def test_broken_content_is_refused_and_the_admin_gets_the_errors(
    served: Application, telegram: FakeTelegram, site: tuple[Path, Path]
) -> None:
    user, admin = ChatUser(served, telegram, 42), ChatUser(served, telegram, ADMIN)
    edit(site[0] / "pages.yaml", "      - get_help\n", "      - get_hepl\n")
    edit(site[0] / "text" / "en.yaml", "title: Help against human trafficking",
         "title: Help and information against human trafficking")  # fmt: skip

    await admin.send("/reload")

    report = admin.screen.text
    assert report.startswith("<b>The new content has 1 error(s). The bot keeps serving")
    assert "pages.yaml:" in report
    assert "has a button to `get_hepl`, which does not exist" in report
    await user.send("/start")
    assert OLD_TITLE in user.screen.text, "the previous content is still served"
    assert "🆘 Get help now" in user.screen.labels


async def test_reload_does_not_exist_for_other_users(
    served: Application, telegram: FakeTelegram
) -> None:
    user = ChatUser(served, telegram, 42)
    await user.send("/reload")
    assert user.screen.text.startswith("<i>I don't know that command.")


async def test_buttons_to_a_removed_page_lead_to_the_menu(
    served: Application, telegram: FakeTelegram, site: tuple[Path, Path]
) -> None:
    user, admin = ChatUser(served, telegram, 42), ChatUser(served, telegram, ADMIN)
    await user.send("/start blue_heart")
    old_message = user.screen
    assert "p:spread_word" in [b.get("callback_data") for row in old_message.keyboard for b in row]

    remove_page(site[0], "spread_word")
    await admin.send("/reload")
    assert admin.screen.text.startswith("<b>Content reloaded: 34 pages")

    await user.tap_data("p:spread_word", old_message.message_id)
    assert user.screen.text.startswith("<i>That button is out of date. Here is the menu.</i>")


async def test_users_are_answered_while_a_reload_runs(
    served: Application, telegram: FakeTelegram
) -> None:
    user, admin = ChatUser(served, telegram, 42), ChatUser(served, telegram, ADMIN)
    reload = asyncio.ensure_future(admin.send("/reload"))
    answered = await user.send("/menu")
    await reload
    assert [call.method for call in answered] == ["sendMessage"]
    assert admin.screen.text.startswith("<b>Content reloaded")
