"""Hot reload while the bot is serving: good content is swapped in, bad content is refused
and the admin gets the errors, buttons to removed pages lead to the menu. A reload that would
lose translations (a file cut off mid-save) is refused unless forced; SIGHUPs coalesce."""

from __future__ import annotations

import asyncio
import shutil
import signal
from collections.abc import AsyncIterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from telegram.ext import Application

import bot.content.bundle as bundle_module
from bot.config import Config
from bot.content.bundle import check_bundle, load_bundle
from bot.telegram.app import build_application
from tests import conftest
from tests.conftest import CONTENT_DIR, LOCALES_DIR, start_application, stop_application
from tests.fake_telegram import ChatUser, FakeTelegram

ADMIN = 1001
OLD_TITLE = "<b>Help against human trafficking</b>"
NEW_TITLE = "<b>Help and information against human trafficking</b>"
WITH_SIGHUP = pytest.mark.parametrize("reload_on_sighup", [True])  # SIGHUP to this process reloads


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    content, locales = tmp_path / "content", tmp_path / "locales"
    shutil.copytree(CONTENT_DIR, content)
    shutil.copytree(LOCALES_DIR, locales)
    return content, locales


@pytest.fixture
def reload_on_sighup() -> bool:
    return False  # WITH_SIGHUP: as ``run`` builds the bot


@pytest.fixture
async def served(
    site: tuple[Path, Path], config: Config, telegram: FakeTelegram, reload_on_sighup: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Application]:  # fmt: skip
    content, locales = site
    config = replace(config, content_dir=content, locales_dir=locales, admin_ids=frozenset({ADMIN}))
    if reload_on_sighup:
        monkeypatch.setattr(conftest, "build_application",
                            partial(build_application, reload_on_sighup=True))  # fmt: skip
    application = await start_application(config, load_bundle(content, locales), telegram)
    if reload_on_sighup:
        assert signal.getsignal(signal.SIGHUP) != signal.SIG_DFL, "a SIGHUP would end pytest"
    yield application
    if reload_on_sighup:
        asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
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

    countries = len(served.bot_data["services"].bundle.directory.countries)
    assert admin.screen.text.startswith(
        f"<b>Content reloaded: 35 pages, {countries} countries, 7 languages."
    )
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


def cut_off(path: Path) -> None:
    """Keep the first half of a file, as a save cut off midway leaves it: cut before a line
    that starts a key, so the rest is valid YAML that simply lacks the second half."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    half = next(i for i in range(len(lines) // 2, len(lines)) if lines[i][:1].isalpha())
    path.write_text("".join(lines[:half]), encoding="utf-8")


def admin_reports(telegram: FakeTelegram) -> list[str]:
    return [call.params["text"] for call in telegram.calls_to("sendMessage")
            if int(call.params["chat_id"]) == ADMIN]  # fmt: skip


async def reports_arrive(telegram: FakeTelegram, count: int) -> list[str]:
    """The admin's reload reports, once ``count`` have arrived (a reload takes a second)."""
    for _ in range(600):
        if len(admin_reports(telegram)) >= count:
            return admin_reports(telegram)
        await asyncio.sleep(0.05)
    raise AssertionError(f"{count} report(s) expected, the admin got {admin_reports(telegram)}")


async def test_a_translation_cut_off_mid_save_is_refused_until_reload_force(
    served: Application, telegram: FakeTelegram, site: tuple[Path, Path]
) -> None:
    spanish, admin = ChatUser(served, telegram, 42, "es"), ChatUser(served, telegram, ADMIN)
    cut_off(site[0] / "text" / "es.yaml")  # the second half, with the page `about`, is gone

    await admin.send("/reload")

    report = admin.screen.text
    assert report.startswith("<b>The new content would lose translated strings (es: 50): was a")
    assert "send /reload force." in report
    await spanish.send("/start about")
    assert "Acerca del bot y privacidad" in spanish.screen.text, "the old Spanish is served"

    await admin.send("/reload force")

    assert admin.screen.text.startswith("<b>Content reloaded: 35 pages")
    await spanish.send("/start about")
    assert "About and privacy" in spanish.screen.text, "what was cut off falls back to English"


async def test_a_page_removed_everywhere_loses_no_translation(
    served: Application, telegram: FakeTelegram, site: tuple[Path, Path]
) -> None:
    admin = ChatUser(served, telegram, ADMIN)
    remove_page(site[0], "about")  # its translations too

    await admin.send("/reload")

    assert admin.screen.text.startswith("<b>Content reloaded: 34 pages")


@WITH_SIGHUP
async def test_sighup_refuses_a_translation_cut_off_and_tells_the_admin(
    served: Application, telegram: FakeTelegram, site: tuple[Path, Path],
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    spanish = ChatUser(served, telegram, 42, "es")
    cut_off(site[1] / "es.yaml")  # its second half holds the self-check's "▶ Empezar"

    signal.raise_signal(signal.SIGHUP)

    [report] = await reports_arrive(telegram, 1)
    assert report.startswith("<b>The new content would lose translated strings (es: ")
    assert "es.yaml: warning:" in report, "the problems are listed as before"
    assert "reload refused" in caplog.text
    await spanish.send("/check")
    assert "▶ Empezar" in spanish.screen.labels, "the old Spanish is served"


@WITH_SIGHUP
async def test_fifty_sighups_at_once_reload_twice_and_report_twice(
    served: Application, telegram: FakeTelegram, site: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    loads = []

    def counted(*folders: Path) -> object:
        loads.append(folders)
        return check_bundle(*folders)

    monkeypatch.setattr(bundle_module, "check_bundle", counted)
    edit(site[0] / "text" / "en.yaml", "title: Help against human trafficking",
         "title: Help and information against human trafficking")  # fmt: skip

    for _ in range(50):
        signal.raise_signal(signal.SIGHUP)

    reports = await reports_arrive(telegram, 2)
    await asyncio.sleep(0.3)  # a third reload would start as soon as the second ends
    assert len(loads) == 2, "the first SIGHUP's reload, and one for all that came during it"
    assert admin_reports(telegram) == reports
    assert all(report.startswith("<b>Content reloaded: 35 pages") for report in reports)
    user = ChatUser(served, telegram, 42)
    await user.send("/start")
    assert NEW_TITLE in user.screen.text
