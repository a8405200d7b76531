"""The bot driven like a user through a fake Telegram: what did it show?"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.config import Config
from bot.content.bundle import Bundle, load_bundle
from bot.core.callbacks import OPEN_PAGE
from bot.core.routes import Tap, Text
from bot.core.services import Services
from bot.storage import Storage
from tests.conftest import CONTENT_DIR, LOCALES_DIR, start_application, stop_application
from tests.fake_telegram import ChatUser, FakeTelegram

TODAY = dt.datetime.now(dt.UTC).date().isoformat()
MAIN_MENU_EN = [
    "🆘 Get help now",
    "What is human trafficking",
    "Spot the signs",
    "📚 Learn",
    "💙 Blue Heart campaign",
    "🤝 Support for victims",
    "🏢 For businesses and organisations",
    "ℹ️ About and privacy",
]


def conversation_of(application: Application) -> Services:
    return application.bot_data["services"]


async def stored(application: Application) -> dict[str, list[tuple[object, ...]]]:
    storage: Storage = conversation_of(application).storage
    return await storage.dump()


async def test_start_shows_the_main_menu(user: ChatUser, telegram: FakeTelegram) -> None:
    calls = await user.send("/start")

    assert [call.method for call in calls] == ["sendMessage"]
    assert calls[0].params["parse_mode"] == "HTML"
    assert calls[0].params["link_preview_options"] == {"is_disabled": True}
    assert "<b>Help against human trafficking</b>" in user.screen.text
    assert user.screen.labels == [*MAIN_MENU_EN, "🌐 Language", "🔗 Share"]


async def test_commands_are_published_in_every_language(
    application: Application, telegram: FakeTelegram, bundle: Bundle
) -> None:
    published = {
        call.params.get("language_code"): call for call in telegram.calls_to("setMyCommands")
    }

    assert set(published) == {None, "ar", "es", "fr", "ru", "uk", "zh"}
    names = [command["command"] for command in published["es"].params["commands"]]
    assert names == [
        "start",
        "menu",
        "check",
        "job",
        "language",
        "share",
        "subscribe",
        "unsubscribe",
        "privacy",
        "exit",
        "help",
    ]
    assert published["es"].params["commands"][0]["description"] == "Iniciar el bot"


@pytest.mark.parametrize("label", MAIN_MENU_EN)
async def test_every_main_page_opens_in_place_and_leads_back(
    user: ChatUser, telegram: FakeTelegram, label: str
) -> None:
    await user.send("/start")
    menu_id = user.screen.message_id

    calls = await user.tap(label)

    assert [call.method for call in calls] == ["answerCallbackQuery", "editMessageText"]
    assert calls[1].params["message_id"] == menu_id, "navigation must edit, not send"
    assert user.screen.message_id == menu_id
    assert "◀ Back" in user.screen.labels
    assert "🏠 Menu" in user.screen.labels

    await user.tap("◀ Back")
    assert user.screen.labels == [*MAIN_MENU_EN, "🌐 Language", "🔗 Share"]


async def test_get_help_is_one_tap_away_on_every_page(user: ChatUser, bundle: Bundle) -> None:
    content = bundle.content
    for page_id in content.pages:
        if page_id == content.root or content.urgent in content.breadcrumb(page_id):
            continue
        await user.send(f"/start {page_id}")
        assert "🆘 Get help now" in user.screen.labels, page_id


async def test_every_page_in_every_language_is_reachable_by_tapping(
    application: Application, telegram: FakeTelegram, bundle: Bundle
) -> None:
    for number, language in enumerate(bundle.languages):
        user = ChatUser(application, telegram, user_id=500 + number, language_code=language)
        await user.send("/start")
        message_id = user.screen.message_id
        to_tap, tapped = list(callback_data(user)), set()
        while to_tap:
            data = to_tap.pop()
            if data in tapped:
                continue
            tapped.add(data)
            await user.tap_data(data, message_id)
            assert user.screen.message_id == message_id, "every page opens in place"
            assert "out of date" not in user.screen.text, data
            to_tap += callback_data(user)
        opened = {data for data in tapped if data.startswith("p:")}
        assert opened == {f"p:{page_id}" for page_id in bundle.content.pages}, language


def callback_data(user: ChatUser) -> list[str]:
    """What the buttons of the screen carry, but Share (it sends a photo) and the safety exit
    (it deletes the chat's messages): both are tested apart."""
    return [b["callback_data"] for row in user.screen.keyboard for b in row
            if "callback_data" in b and b["callback_data"] != "ex"
            and not b["callback_data"].startswith(("sh:", "sv:"))]  # fmt: skip


async def test_language_choice_is_saved_and_used(
    user: ChatUser, telegram: FakeTelegram, application: Application
) -> None:
    await user.send("/language")
    assert user.screen.labels == [
        "✓ English",
        "العربية",
        "Español",
        "Français",
        "Русский",
        "Українська",
        "中文",
        "🏠 Menu",
    ]

    calls = await user.tap("Español")

    answer = calls[0]
    assert answer.method == "answerCallbackQuery"
    assert answer.params["text"] == "Idioma: Español"
    assert "<b>Ayuda contra la trata de personas</b>" in user.screen.text
    assert "🌐 Idioma" in user.screen.labels
    assert (await stored(application))["users"] == [(user.id, "es", None, TODAY, 0)]

    await user.send("/menu")
    assert "🆘 Pedir ayuda ahora" in user.screen.labels


@pytest.mark.parametrize(
    ("telegram_code", "expected_title"),
    [
        ("es", "Ayuda contra la trata de personas"),
        ("es-MX", "Ayuda contra la trata de personas"),
        ("en-GB", "Help against human trafficking"),
        ("de", "Help against human trafficking"),
        (None, "Help against human trafficking"),
    ],
)
async def test_telegram_language_is_used_until_one_is_chosen(
    application: Application,
    telegram: FakeTelegram,
    telegram_code: str | None,
    expected_title: str,
) -> None:
    user = ChatUser(application, telegram, user_id=77, language_code=telegram_code)
    await user.send("/start")
    assert f"<b>{expected_title}</b>" in user.screen.text
    assert (await stored(application))["users"] == [], "nothing is stored until a user chooses"


async def test_deep_link_opens_a_page_in_a_language(
    user: ChatUser, application: Application
) -> None:
    await user.send("/start get_help-es")

    assert "<b>Pedir ayuda ahora</b>" in user.screen.text or "Pedir ayuda" in user.screen.text
    assert "◀ Atrás" in user.screen.labels
    assert (await stored(application))["users"] == [(user.id, "es", None, TODAY, 0)]


async def test_deep_link_to_a_page_keeps_the_users_language(user: ChatUser) -> None:
    await user.send("/start stay_safe")
    assert "<b>Stay safe while using this bot</b>" in user.screen.text


@pytest.mark.parametrize(
    "payload", ["no_such_page", "../../etc/passwd", "x" * 64, "home-xx", "ЖЖЖ", "-", "get_help--"]
)
async def test_forged_deep_links_open_the_menu(user: ChatUser, payload: str) -> None:
    await user.send(f"/start {payload}")
    assert "Help against human trafficking" in user.screen.text
    assert user.screen.labels == [*MAIN_MENU_EN, "🌐 Language", "🔗 Share"]


async def test_free_text_is_answered_and_never_kept(
    user: ChatUser, application: Application, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "my boss took my passport, 12 Hidden Street"
    caplog.set_level(logging.DEBUG)

    await user.send(secret)

    assert user.screen.text.startswith("<b>What you describe can be a sign of forced labour")
    assert "📝 Is my situation safe?" in user.screen.labels
    assert secret not in caplog.text
    assert "Hidden Street" not in caplog.text
    assert secret not in repr(await stored(application))


@pytest.mark.parametrize(
    "text",
    ["", " ", "\u200f\u200e\u200b", "a" * 4096, "e\u0301\u0301\u0301", "<b>hi</b> &"],
)
async def test_odd_text_is_answered_with_the_menu(user: ChatUser, text: str) -> None:
    calls = await user.send(text)
    assert [call.method for call in calls] == ["sendMessage"]
    assert "Help against human trafficking" in user.screen.text


async def test_unknown_command_gets_a_kind_answer(user: ChatUser) -> None:
    await user.send("/nonsense")
    assert user.screen.text.startswith("<i>I don't know that command. Here is the menu.</i>")
    assert user.screen.labels == [*MAIN_MENU_EN, "🌐 Language", "🔗 Share"]


async def test_help_lists_the_commands(user: ChatUser) -> None:
    await user.send("/help")
    for command in ("/menu", "/language", "/help"):
        assert command in user.screen.text
    assert user.screen.labels == ["🏠 Menu", "🌐 Language"]


@pytest.mark.parametrize(
    "data", ["p:no_such_page", "zzz", "lang:xx", "p:", "lang:", "x" * 64, "p:../home", "🙂"]
)
async def test_stale_or_forged_buttons_lead_to_the_menu(
    user: ChatUser, telegram: FakeTelegram, data: str
) -> None:
    await user.send("/start")

    calls = await user.tap_data(data)

    answers = [call for call in calls if call.method == "answerCallbackQuery"]
    assert len(answers) == 1, "every tap is answered exactly once"
    assert answers[0].params["text"] == "That button is out of date. Here is the menu."
    assert user.screen.text.startswith("<i>That button is out of date.")
    assert user.screen.labels == [*MAIN_MENU_EN, "🌐 Language", "🔗 Share"]


async def test_not_modified_is_harmless(user: ChatUser, telegram: FakeTelegram) -> None:
    await user.send("/start")
    telegram.refuse_next(
        "editMessageText",
        400,
        "Bad Request: message is not modified: specified new message content and reply "
        "markup are exactly the same as a current content and reply markup of the message",
    )

    calls = await user.tap("Spot the signs")

    assert [call.method for call in calls] == ["answerCallbackQuery", "editMessageText"]


async def test_a_message_that_cannot_be_edited_is_replaced_by_a_new_one(
    user: ChatUser, telegram: FakeTelegram
) -> None:
    await user.send("/start")
    telegram.refuse_next("editMessageText", 400, "Bad Request: message can't be edited")

    calls = await user.tap("Spot the signs")

    assert [call.method for call in calls] == [
        "answerCallbackQuery",
        "editMessageText",
        "sendMessage",
    ]
    assert "<b>Spot the signs</b>" in user.screen.text


async def test_a_tap_answered_too_late_still_shows_the_page(
    user: ChatUser, telegram: FakeTelegram
) -> None:
    await user.send("/start")
    telegram.refuse_next(
        "answerCallbackQuery", 400, "Bad Request: query is too old and response timeout expired"
    )

    await user.tap("📚 Learn")

    assert "<b>Learn</b>" in user.screen.text


async def test_a_failure_is_logged_without_user_text_and_apologised_for(
    user: ChatUser,
    application: Application,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    secret = "please help me my name is Maria"

    async def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(conversation_of(application).routes, "text", Text(broken))
    caplog.set_level(logging.DEBUG)

    await user.send(secret)

    assert "RuntimeError: boom" in caplog.text
    assert secret not in caplog.text
    assert user.screen.text.startswith("<i>Sorry, something went wrong on our side.")


async def test_a_failing_tap_is_still_answered(
    user: ChatUser,
    telegram: FakeTelegram,
    application: Application,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await user.send("/start")

    async def broken(*args: object) -> None:
        raise RuntimeError("boom")

    taps = conversation_of(application).routes.taps
    monkeypatch.setitem(taps, OPEN_PAGE, Tap(OPEN_PAGE, broken))
    calls = await user.tap("📚 Learn")

    assert [call.method for call in calls][:1] == ["answerCallbackQuery"]


async def test_edited_messages_and_channel_posts_are_ignored(
    user: ChatUser, telegram: FakeTelegram
) -> None:
    edited = {
        "message_id": 5,
        "date": 1_700_000_000,
        "edit_date": 1_700_000_100,
        "chat": user.chat,
        "from": user.user,
        "text": "changed",
    }
    channel = {
        "message_id": 6,
        "date": 1_700_000_000,
        "text": "news",
        "chat": {"id": -100123, "type": "channel", "title": "News"},
    }

    assert await user.feed({"edited_message": edited}) == []
    assert await user.feed({"channel_post": channel}) == []


async def test_untranslated_pages_show_english_with_a_note(
    tmp_path: Path, config: Config, telegram: FakeTelegram
) -> None:
    content_dir = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content_dir)
    spanish = content_dir / "text" / "es.yaml"
    lines = spanish.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("signs:\n")
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:1].isalpha())
    spanish.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    application = await start_application(config, load_bundle(content_dir, LOCALES_DIR), telegram)
    try:
        user = ChatUser(application, telegram, language_code="es")
        await user.send("/start signs")
        note = load_bundle(content_dir, LOCALES_DIR).locales.get("es", "not_translated")
        assert note.startswith("Esta página aún no está traducida")
        assert user.screen.text.startswith(f"<i>{note}</i>")
        assert "<b>Spot the signs</b>" in user.screen.text
        assert "◀ Atrás" in user.screen.labels
    finally:
        await stop_application(application)
