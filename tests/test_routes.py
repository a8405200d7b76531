"""The route table is the one source: every command the bot publishes is answered, in
Telegram and in the terminal chat, and /help names each of them in every language."""

from __future__ import annotations

import io

import pytest
from telegram.ext import Application

from bot.cli.console import run_console
from bot.content.bundle import Bundle
from bot.core.callbacks import OPEN_PAGE, SHOW_LANGUAGES
from bot.core.routes import Command, RouteError, Routes, Tap
from bot.core.services import Services
from bot.features.registry import FEATURES, wording_keys
from tests.fake_telegram import ChatUser, FakeTelegram

UNKNOWN = "I don't know that command."


def published(telegram: FakeTelegram, language: str | None = None) -> list[str]:
    [call] = [call for call in telegram.calls_to("setMyCommands")
              if call.params.get("language_code") == language]  # fmt: skip
    return [command["command"] for command in call.params["commands"]]


def services_of(application: Application) -> Services:
    return application.bot_data["services"]


async def test_every_published_command_is_answered_in_telegram(
    user: ChatUser, telegram: FakeTelegram
) -> None:
    names = published(telegram)
    assert len(names) >= 10
    for name in names:
        telegram.clear()
        calls = await user.send(f"/{name}")
        said = [str(call.params.get("text") or call.params.get("caption") or "") for call in calls
                if call.method.startswith("send")]  # fmt: skip
        assert said, f"/{name} got no answer"
        assert not any(UNKNOWN in text for text in said), f"/{name} is not answered"


async def test_every_published_command_is_answered_in_the_terminal_chat(
    bundle: Bundle, telegram: FakeTelegram, application: Application
) -> None:
    for name in published(telegram):
        out = io.StringIO()
        await run_console(bundle, "en", io.StringIO(f"/{name}\nq\n"), out)
        answer = out.getvalue().split("\n> ")[1]
        assert UNKNOWN not in answer, f"/{name} is not answered in the terminal chat"
        assert answer.strip(), f"/{name} got no answer"
        assert answer.strip() != "Bye.", f"/{name} got no answer"


async def test_help_names_every_command_a_person_can_use_in_every_language(
    application: Application, telegram: FakeTelegram, bundle: Bundle
) -> None:
    usable = [command.name for command in services_of(application).routes.usable]
    assert {"exit", "check", "job", "privacy", "forget", "speak"} <= set(usable)
    assert not {"broadcast", "reload", "stats"} & set(usable), "admins' commands are theirs"
    for number, language in enumerate(bundle.languages):
        names = published(telegram, None if language == "en" else language)
        assert set(names) <= set(usable)
        user = ChatUser(application, telegram, 5000 + number, language)
        await user.send("/help")
        for name in usable:
            described = bundle.locales.get(language, f"command_{name}")
            assert f"/{name} — {described}" in user.screen.text, (language, name)


def test_published_commands_are_described_in_english(application: Application) -> None:
    for command in services_of(application).routes.public:
        assert f"command_{command.name}" in wording_keys(), command.name


def test_admin_commands_are_never_published(application: Application) -> None:
    routes = services_of(application).routes
    admin = {name for name, command in routes.commands.items() if command.admin}
    assert admin >= {"broadcast", "reload", "stats"}
    assert not admin & {command.name for command in routes.public}


def test_every_feature_claims_its_own_routes(application: Application) -> None:
    routes = services_of(application).routes
    assert routes.text is not None
    assert routes.location is not None
    assert routes.inline is not None
    assert routes.menu is not None
    assert len(FEATURES) == len(set(FEATURES))


async def _answer(*_: object) -> None:
    return None


def test_two_features_cannot_claim_the_same_command_or_button() -> None:
    with pytest.raises(RouteError, match="/start"):
        Routes([Command("start", _answer), Command("start", _answer)])
    with pytest.raises(RouteError, match="'p:'"):
        Routes([Tap(OPEN_PAGE, _answer), Tap(OPEN_PAGE, _answer)])
    routes = Routes([Tap(SHOW_LANGUAGES, _answer)])
    assert routes.tap("lang") is not None
    assert routes.tap("lang:es") is None, "a button no route claims is nobody's"
    assert routes.tap("p:home") is None
