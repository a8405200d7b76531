"""The questionnaires, "Is my situation safe?" (/check) and "Is this job offer safe?" (/job):
one question per screen in the user's language, with Back, Stop and the safety exit; a
result that names the signs without diagnosing, leads with the emergency number when the
answers signal danger, and promises nothing a line does not offer; and nothing written to
the database or the logs."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram.ext import Application

from bot.content.bundle import Bundle
from bot.core.screens import visible_text
from bot.features.selfcheck.questions import JOB_OFFER, QUESTIONNAIRES, SITUATION, Progress
from bot.features.selfcheck.questions import Questionnaire as Q
from bot.telegram.logs import quiet_talkative_loggers
from tests.conftest import storage_of
from tests.fake_telegram import ChatUser, FakeTelegram

COMMAND = {SITUATION: "/check", JOB_OFFER: "/job"}


def wording(bundle: Bundle, language: str, key: str, **values: object) -> str:
    return bundle.locales.get(language, key, **values)


def labels(bundle: Bundle, language: str, *keys: str) -> list[str]:
    return [wording(bundle, language, key) for key in keys]


async def answer_all(user: ChatUser, bundle: Bundle, q: Q, language: str, yes: set[str]) -> None:
    """Answer every question, yes to the signs in ``yes``, checking each screen."""
    for number, sign in enumerate(q.signs, start=1):
        screen = user.screen
        counter = wording(bundle, language, "selfcheck_counter", number=number, count=q.count)
        assert counter in screen.text
        question = wording(bundle, language, f"{q.key}_q_{sign}")
        assert question.replace("&", "&amp;") in screen.text
        expected = ("selfcheck_yes", "selfcheck_no", "back", "selfcheck_stop", "exit_button")
        assert screen.labels == labels(bundle, language, *expected)
        key = "selfcheck_yes" if sign in yes else "selfcheck_no"
        await user.tap(wording(bundle, language, key))


@pytest.mark.parametrize("q", QUESTIONNAIRES, ids=lambda q: q.key)
@pytest.mark.parametrize("language", ["en", "es", "ar", "ru", "zh"])
async def test_each_questionnaire_in_several_languages_keeps_and_logs_nothing(
    application: Application, telegram: FakeTelegram, bundle: Bundle, language: str, q: Q,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    caplog.set_level(logging.DEBUG)
    quiet_talkative_loggers(logging.DEBUG)  # as `run` does, at its most verbose
    user = ChatUser(application, telegram, 5000, language)
    await user.send(COMMAND[q])
    storage = storage_of(application)
    before = await storage.dump()
    assert user.screen.text == wording(bundle, language, f"{q.key}_intro", count=q.count)
    await user.tap(wording(bundle, language, "selfcheck_start"))
    yes = {q.signs[1], q.signs[-1]}
    await answer_all(user, bundle, q, language, yes=yes)

    result = user.screen.text
    for sign in q.signs:
        assert (wording(bundle, language, f"{q.key}_sign_{sign}") in result) == (sign in yes)
    expected = ("hotlines_button", "exit_button", "home")
    assert user.screen.labels == labels(bundle, language, *expected)

    after = await storage.dump()
    ids_only = {table: rows for table, rows in after.items() if table != "chat_messages"}
    assert ids_only == {table: rows for table, rows in before.items() if table != "chat_messages"}
    assert after["users"] == [], "an answer was stored"
    assert after["page_counts"] == [], "an answer was counted"
    assert all(len(row) == 3 and all(isinstance(v, int | str) for v in row)
               for row in after["chat_messages"])  # fmt: skip
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"{q.action.prefix}" not in logged, "an answer was logged"
    for sign in q.signs:
        assert wording(bundle, language, f"{q.key}_sign_{sign}") not in logged


@pytest.mark.parametrize("q", QUESTIONNAIRES, ids=lambda q: q.key)
@pytest.mark.parametrize("language", ["en", "uk", "fr"])
async def test_back_takes_the_last_answer_back(
    application: Application, telegram: FakeTelegram, bundle: Bundle, language: str, q: Q
) -> None:
    user = ChatUser(application, telegram, 5001, language)
    await user.send(COMMAND[q])
    await user.tap(wording(bundle, language, "selfcheck_start"))
    await user.tap(wording(bundle, language, "selfcheck_yes"))  # yes to the first
    await user.tap(wording(bundle, language, "back"))
    counter = wording(bundle, language, "selfcheck_counter", number=1, count=q.count)
    assert counter in user.screen.text
    await user.tap(wording(bundle, language, "selfcheck_no"))  # now no to the first
    await answer_all_from(user, bundle, q, language, start=2)
    first = wording(bundle, language, f"{q.key}_sign_{q.signs[0]}")
    assert first not in user.screen.text, "the answer taken back is not counted"
    # Back on the first question goes to the intro.
    await user.send(COMMAND[q])
    await user.tap(wording(bundle, language, "selfcheck_start"))
    await user.tap(wording(bundle, language, "back"))
    assert user.screen.text == wording(bundle, language, f"{q.key}_intro", count=q.count)


async def answer_all_from(user: ChatUser, bundle: Bundle, q: Q, language: str, start: int) -> None:
    for _ in range(start, q.count + 1):
        await user.tap(wording(bundle, language, "selfcheck_no"))


@pytest.mark.parametrize("danger", ["movement", "violence", "threats"])
async def test_danger_leads_with_the_emergency_number_and_the_card(
    user: ChatUser, bundle: Bundle, danger: str
) -> None:
    await user.send("Ukraine")  # the country is known
    await user.send("/check")
    await user.tap("▶ Start")
    await answer_all(user, bundle, SITUATION, "en", yes={danger})
    text = visible_text(user.screen.text)
    assert text.startswith("🚨 Some of your answers are signs of danger.")
    assert text.index("Emergency: 112") < text.index("You answered yes to 1 of 11")
    assert "Police: 102" in text
    assert user.screen.labels == ["📞 Hotlines: 🇺🇦 Ukraine", "🚪 Leave quickly", "🏠 Menu"]
    await user.tap("📞 Hotlines: 🇺🇦 Ukraine")
    assert "🚪 Leave quickly" in user.screen.labels


async def test_danger_without_a_country_is_one_tap_from_choosing_it(
    user: ChatUser, bundle: Bundle
) -> None:
    await user.send("/check")
    await user.tap("▶ Start")
    await answer_all(user, bundle, SITUATION, "en", yes={"violence"})
    assert visible_text(user.screen.text).startswith("🚨 Some of your answers")
    await user.tap("📞 Hotlines by country")
    assert "Choose your region" in user.screen.text


async def test_signs_without_danger_do_not_lead_with_the_emergency_number(
    user: ChatUser, bundle: Bundle
) -> None:
    await user.send("Ukraine")
    await user.send("/check")
    await user.tap("▶ Start")
    await answer_all(user, bundle, SITUATION, "en", yes={"wages", "overtime"})
    assert user.screen.text.startswith("<b>Thank you for answering.</b>")
    assert "Emergency" not in user.screen.text


@pytest.mark.parametrize("language", ["en", "es", "ar", "ru", "uk", "fr", "zh"])
def test_no_result_promises_what_the_line_does_not_offer(bundle: Bundle, language: str) -> None:
    """ "Free" and "anonymous" come from a line's card, where its source says so."""
    for q in QUESTIONNAIRES:
        for key in (f"{q.key}_result_none", f"{q.key}_result_some", "selfcheck_result_urgent"):
            text = bundle.locales.get(language, key, number=1, count=q.count, signs="")
            for claim in (bundle.locales.get(language, "free"), "confidential", "free call"):
                assert claim.lower() not in text.lower(), (language, key)


async def test_the_job_check_leads_to_the_line_that_checks_recruiters(
    user: ChatUser, bundle: Bundle
) -> None:
    await user.send("Ukraine")
    await user.send("/job")
    await user.tap("▶ Start")
    await answer_all(user, bundle, JOB_OFFER, "en", yes={"fees", "passport"})
    text = visible_text(user.screen.text)
    assert "You saw 2 of 8 warning signs" in text
    assert "you are asked to pay to get the job" in text
    checking = [line for line in bundle.directory.get("UA").hotlines if line.recruiters]
    assert checking, "Ukraine's 527 checks job offers (the issue names it)"
    assert "In 🇺🇦 Ukraine, this line checks job offers and recruiters:" in text
    assert checking[0].phones[0] in text
    assert "Emergency" not in text, "warning signs are not danger now"


async def test_one_can_stop_at_any_question_and_reach_help(user: ChatUser) -> None:
    await user.send("/start")
    await user.tap("Spot the signs")
    await user.tap("💼 Is this job offer safe?")
    await user.tap("▶ Start")
    await user.tap("Yes")
    assert "Question 2 of 8" in user.screen.text
    await user.tap("✖ Stop")
    assert user.screen.text.startswith("<b>Help against human trafficking</b>")


async def test_the_result_leads_to_the_safety_exit(user: ChatUser, bundle: Bundle) -> None:
    await user.send("/start get_help")
    await user.tap("📝 Is my situation safe?")
    await user.tap("▶ Start")
    await answer_all(user, bundle, SITUATION, "en", yes=set(SITUATION.signs))
    assert "You answered yes to 11 of 11 questions:" in user.screen.text
    calls = await user.tap("🚪 Leave quickly")
    assert "deleteMessages" in [call.method for call in calls]


@pytest.mark.parametrize(
    "data",
    ["sc:12:0", "sc:3:fff", "sc:2:4", "sc:x:0", "sc:1:", "sc:1:g", "sc:²:0", "sc:2:٣",
     "jc:9:0", "jc:2:7", "jc:1:10000"],
)  # fmt: skip
async def test_forged_progress_shows_the_menu(user: ChatUser, data: str) -> None:
    await user.send("/start")
    await user.tap_data(data)
    assert user.screen.text.startswith("<i>That button is out of date.")


@given(st.sampled_from(QUESTIONNAIRES), st.lists(st.booleans(), max_size=11))
def test_progress_survives_the_round_trip_through_button_data(q: Q, answers: list[bool]) -> None:
    answers = answers[: q.count]
    progress = Progress()
    for yes in answers:
        progress = progress.answer(yes)
    assert q.decode(progress.encode()) == progress
    assert len((q.action.prefix + progress.encode()).encode()) <= 64
    assert q.seen(progress) == [q.signs[i] for i, yes in enumerate(answers) if yes]
    if answers:
        assert progress.back() == Progress(
            len(answers) - 1, progress.yes & ~(1 << len(answers) - 1)
        )
