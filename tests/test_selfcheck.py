"""The self-check "Is my situation safe?": one question per screen in the user's language,
a result that names the signs without diagnosing and leads to the hotlines and the safety
exit, a way out at every step, and nothing written to the database or the logs."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram.ext import Application

from bot.content.bundle import Bundle
from bot.features.selfcheck.questions import ALL_ANSWERED, INDICATORS, Progress
from bot.telegram.logs import quiet_talkative_loggers
from tests.conftest import storage_of
from tests.fake_telegram import ChatUser, FakeTelegram


def wording(bundle: Bundle, language: str, key: str, **values: object) -> str:
    return bundle.locales.get(language, key, **values)


async def answer_all(user: ChatUser, bundle: Bundle, language: str, yes: set[str]) -> None:
    """Answer every question, yes to the indicators in ``yes``, checking each screen."""
    for number, indicator in enumerate(INDICATORS, start=1):
        screen = user.screen
        counter = wording(bundle, language, "selfcheck_counter", number=number,
                          count=ALL_ANSWERED)  # fmt: skip
        assert counter in screen.text
        question = wording(bundle, language, f"selfcheck_q_{indicator}")
        assert question.replace("&", "&amp;") in screen.text
        keys = ("selfcheck_yes", "selfcheck_no", "selfcheck_stop")
        assert screen.labels == [wording(bundle, language, key) for key in keys]
        key = "selfcheck_yes" if indicator in yes else "selfcheck_no"
        await user.tap(wording(bundle, language, key))


@pytest.mark.parametrize("language", ["en", "es", "ar", "ru", "zh"])
async def test_the_self_check_in_several_languages_keeps_and_logs_nothing(
    application: Application, telegram: FakeTelegram, bundle: Bundle, language: str,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    caplog.set_level(logging.DEBUG)
    quiet_talkative_loggers(logging.DEBUG)  # as `run` does, at its most verbose
    user = ChatUser(application, telegram, 5000, language)
    await user.send("/check")
    before = await storage_of(application).dump()
    assert user.screen.text == wording(bundle, language, "selfcheck_intro", count=ALL_ANSWERED)
    await user.tap(wording(bundle, language, "selfcheck_start"))
    await answer_all(user, bundle, language, yes={"documents", "wages"})

    result = user.screen.text
    assert wording(bundle, language, "selfcheck_sign_documents") in result
    assert wording(bundle, language, "selfcheck_sign_wages") in result
    assert wording(bundle, language, "selfcheck_sign_debt") not in result
    keys = ("my_country_button", "exit_button", "home")
    assert user.screen.labels == [wording(bundle, language, key) for key in keys]

    assert await storage_of(application).dump() == before, "an answer was stored"
    assert before["users"] == []
    assert before["page_counts"] == []
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "sc:" not in logged, "an answer was logged"
    for indicator in INDICATORS:
        assert wording(bundle, language, f"selfcheck_sign_{indicator}") not in logged


async def test_no_to_every_question_says_so_kindly(user: ChatUser, bundle: Bundle) -> None:
    await user.send("/check")
    await user.tap("▶ Start")
    await answer_all(user, bundle, "en", yes=set())
    assert user.screen.text.startswith("<b>Thank you for answering.</b>\n\nYou answered no")


async def test_one_can_stop_at_any_question_and_reach_help(user: ChatUser) -> None:
    await user.send("/start")
    await user.tap("Spot the signs")
    await user.tap("📝 Is my situation safe?")
    await user.tap("▶ Start")
    await user.tap("Yes")
    assert "Question 2 of 11" in user.screen.text
    await user.tap("✖ Stop")
    assert user.screen.text.startswith("<b>Help against human trafficking</b>")


async def test_the_result_leads_to_the_hotlines_and_the_safety_exit(
    user: ChatUser, telegram: FakeTelegram, bundle: Bundle
) -> None:
    await user.send("/start get_help")
    await user.tap("📝 Is my situation safe?")
    await user.tap("▶ Start")
    await answer_all(user, bundle, "en", yes=set(INDICATORS))
    assert "You answered yes to 11 of 11 questions:" in user.screen.text
    await user.tap("📍 My country")
    assert "country" in user.screen.text.lower()
    await user.tap_data("sc:11:7ff")  # the result again, from its data
    calls = await user.tap("🚪 Leave quickly")
    assert "deleteMessages" in [call.method for call in calls]


@pytest.mark.parametrize(
    "data", ["sc:12:0", "sc:3:fff", "sc:2:4", "sc:x:0", "sc:1:", "sc:1:g", "sc:²:0", "sc:2:٣"]
)
async def test_forged_progress_shows_the_menu(user: ChatUser, data: str) -> None:
    await user.send("/start")
    await user.tap_data(data)
    assert user.screen.text.startswith("<i>That button is out of date.")


@given(st.lists(st.booleans(), min_size=0, max_size=ALL_ANSWERED))
def test_progress_survives_the_round_trip_through_button_data(answers: list[bool]) -> None:
    progress = Progress()
    for yes in answers:
        progress = progress.answer(yes)
    assert Progress.decode(progress.encode()) == progress
    assert len(("sc:" + progress.encode()).encode()) <= 64
    assert progress.signs() == [INDICATORS[i] for i, yes in enumerate(answers) if yes]
