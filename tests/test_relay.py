"""Talk to a person, and report anonymously: the relay between a person and the NGO's staff,
driven through the fake Telegram as a person and a counsellor would use it. Every request
is checked against the Bot API specification (createForumTopic, copyMessage,
closeForumTopic, deleteForumTopic included) by the fake."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application

from bot.cli.console import run_console
from bot.config import Config
from bot.content.bundle import Bundle
from bot.core.callbacks import EXIT, TALK
from bot.core.opening_hours import OpeningHours
from bot.features.relay.feature import CODE_LETTERS, Relay
from bot.features.relay.memory import PACE_LIMIT
from tests.conftest import start_application, stop_application, storage_of
from tests.fake_telegram import Call, ChatUser, FakeTelegram, StaffMember

STAFF_CHAT = -1001234567890
WEDNESDAY_NOON = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)  # 12:00 in Kyiv
SATURDAY = dt.datetime(2026, 12, 5, 10, 0, tzinfo=dt.UTC)
CODE = re.compile(r"\b[A-HJ-NP-Z2-9]{6}\b")


@pytest.fixture
def relay_config(config: Config) -> Config:
    return dataclasses.replace(config, staff_chat_id=STAFF_CHAT)


class Clock:
    """The time the relay reads, moved by the test."""

    def __init__(self, now: dt.datetime = WEDNESDAY_NOON) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
async def bot(
    relay_config: Config, bundle: Bundle, telegram: FakeTelegram
) -> AsyncIterator[Application]:
    application = await start_application(relay_config, bundle, telegram)
    application.bot_data["services"].now = Clock()
    yield application
    await stop_application(application)


def clock(application: Application) -> Clock:
    return application.bot_data["services"].now  # type: ignore[no-any-return]


def relay(application: Application) -> Relay:
    services = application.bot_data["services"]
    return next(feature for feature in services.features if isinstance(feature, Relay))


def person(application: Application, telegram: FakeTelegram, user_id: int = 4242,
           language: str = "en") -> ChatUser:  # fmt: skip
    chat = ChatUser(application, telegram, user_id=user_id, language_code=language)
    chat.user.update({"first_name": "Olena", "last_name": "Kovalenko", "username": "olena_k"})
    chat.chat.update({"first_name": "Olena", "username": "olena_k"})
    return chat


def staff(application: Application, telegram: FakeTelegram) -> StaffMember:
    return StaffMember(application, telegram, STAFF_CHAT)


async def open_case(chat: ChatUser, telegram: FakeTelegram) -> tuple[str, int]:
    """/talk, then Start (in any language): the case's code and its topic."""
    await chat.send("/talk")
    await chat.tap_data(TALK("go"))
    thread = max(telegram.topics)
    (code,) = CODE.findall(telegram.topics[thread].name)
    return code, thread


def to_staff(calls: list[Call]) -> list[Call]:
    return [call for call in calls if int(call.params.get("chat_id", 0)) == STAFF_CHAT]


# -- opening a case ------------------------------------------------------------------------


async def test_talking_to_a_person_says_first_what_happens_then_opens_a_case(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat = person(bot, telegram)
    await chat.send("Ukraine")  # the country is known: its emergency number is shown

    await chat.send("/talk")

    intro = chat.screen.text
    assert "do not see your name, your username or your phone number" in intro
    assert "/exit" in intro
    assert "call <b>112</b>" in intro
    assert chat.screen.labels[:2] == ["✅ Start", "📞 Hotlines: 🇺🇦 Ukraine"]

    calls = await chat.tap("✅ Start")

    (created,) = [call for call in calls if call.method == "createForumTopic"]
    (code,) = CODE.findall(created.params["name"])
    assert created.params["name"] == f"💬 {code} · en · UA"
    assert int(created.params["chat_id"]) == STAFF_CHAT
    assert f"Your case is {code}." in chat.screen.text
    (thread,) = telegram.topics
    header = telegram.in_topic(thread)[0].text
    assert header.startswith(f"New case {code}: language English, country Ukraine.")
    assert "/close" in header
    assert "/say here|safe|emergency|later" in header


async def test_messages_go_both_ways_and_replies_and_edits_keep_their_thread(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat, counsellor = person(bot, telegram), staff(bot, telegram)
    _code, thread = await open_case(chat, telegram)

    calls = await chat.send("my employer keeps my passport")
    (copied,) = [call for call in calls if call.method == "copyMessage"]
    assert int(copied.params["chat_id"]) == STAFF_CHAT
    assert int(copied.params["message_thread_id"]) == thread
    assert "sendMessage" not in [call.method for call in calls], "nothing answers it as text"
    in_topic = telegram.in_topic(thread)[-1]
    assert in_topic.text == "my employer keeps my passport"
    assert in_topic.by_user is False, "a copy, sent by the bot: no name, no forward header"

    answer_calls = await counsellor.write(thread, "You are not alone. Are you safe now?",
                                          reply_to=in_topic.message_id)  # fmt: skip
    (answer,) = [call for call in answer_calls if call.method == "copyMessage"]
    assert int(answer.params["chat_id"]) == chat.id
    person_side = chat.screen
    assert person_side.text == "You are not alone. Are you safe now?"
    original = next(m for m in telegram.chats[chat.id].values()
                    if m.text == "my employer keeps my passport")  # fmt: skip
    assert person_side.reply_to == original.message_id, "the reply answers their message"

    await chat.send("yes, I can talk", reply_to=person_side.message_id)
    reply_copy = telegram.in_topic(thread)[-1]
    assert reply_copy.text == "yes, I can talk"
    (written,) = [m for m in telegram.in_topic(thread) if m.by_user]  # the counsellor's
    assert reply_copy.reply_to == written.message_id, "the answer's thread is kept"

    await chat.edit(original.message_id, "my employer keeps my passport and my phone")
    assert in_topic.message_id in telegram.chats[STAFF_CHAT]
    assert telegram.chats[STAFF_CHAT][in_topic.message_id].text.endswith("and my phone")

    await chat.send_voice()
    assert telegram.in_topic(thread)[-1].kind == "voice", "voice notes go through"


async def test_nothing_sent_to_the_staff_chat_names_the_person(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat, counsellor = person(bot, telegram), staff(bot, telegram)
    await chat.send("Ukraine")
    code, thread = await open_case(chat, telegram)
    await chat.send("I need help")
    await counsellor.write(thread, "/say safe")
    await counsellor.write(thread, "/card")
    await counsellor.write(thread, "/close")

    # Everything the staff chat was sent and shows; ``from_chat_id`` only tells Telegram
    # where to copy from: a copy names no sender.
    params = [{key: value for key, value in call.params.items() if key != "from_chat_id"}
              for call in to_staff(telegram.calls)]  # fmt: skip
    shown = [shown.text for shown in telegram.chats[STAFF_CHAT].values()]
    topics = [topic.name for topic in telegram.topics.values()]
    sent = json.dumps([params, shown, topics], ensure_ascii=False, default=str)
    for personal in ("4242", "Olena", "Kovalenko", "olena_k"):
        assert personal not in sent, f"{personal} reached the staff chat"
    assert code in sent


# -- staff commands ------------------------------------------------------------------------


async def test_close_tells_the_person_kindly_and_a_new_case_can_open(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat, counsellor = person(bot, telegram), staff(bot, telegram)
    code, thread = await open_case(chat, telegram)

    calls = await counsellor.write(thread, "/close")

    assert [c for c in calls if c.method == "closeForumTopic"], "the topic is closed"
    assert telegram.topics[thread].closed
    assert chat.screen.text.startswith("This conversation has ended. Thank you")
    assert telegram.in_topic(thread)[-1].text == f"Case {code} is closed: closed by staff."
    late = await counsellor.write(thread, "one more thing")
    assert not [c for c in late if c.method == "copyMessage"], "a closed case reaches nobody"
    assert "reaches nobody" in telegram.in_topic(thread)[-1].text
    chat_calls = await chat.send("hello again")
    assert not [c for c in chat_calls if c.method == "copyMessage"]

    new_code, new_thread = await open_case(chat, telegram)
    assert new_code != code
    assert new_thread != thread


async def test_ban_tells_the_person_nothing_and_stops_new_cases(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat, counsellor = person(bot, telegram), staff(bot, telegram)
    _, thread = await open_case(chat, telegram)
    shown_before = chat.screen

    calls = await counsellor.write(thread, "/ban")

    assert not [c for c in calls if int(c.params.get("chat_id", 0)) == chat.id]
    assert chat.screen == shown_before
    assert "can no longer open cases" in telegram.in_topic(thread)[-1].text
    await chat.send("/talk")
    assert chat.screen.text.startswith("Talking to a person is not possible now.")
    assert "createForumTopic" not in [c.method for c in await chat.tap("📞 Hotlines by country")]


@pytest.mark.parametrize(("language", "expected"), [
    ("uk", "Тобі зараз безпечно говорити?"),
    ("ar", "هل"),
    ("es", "¿"),
])  # fmt: skip
async def test_say_sends_a_prepared_message_in_the_persons_language(
    bot: Application, telegram: FakeTelegram, bundle: Bundle, language: str, expected: str
) -> None:
    chat, counsellor = person(bot, telegram, language=language), staff(bot, telegram)
    _, thread = await open_case(chat, telegram)

    await counsellor.write(thread, "/say safe")

    said = bundle.locales.get(language, "say_safe")
    assert chat.screen.text == said
    assert expected in said
    assert telegram.in_topic(thread)[-1].text == f"Sent in {language}: {said}"
    await counsellor.write(thread, "/say nonsense")
    assert telegram.in_topic(thread)[-1].text.startswith("Prepared messages: here|safe|")


async def test_card_sends_the_persons_country_card(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat, counsellor = person(bot, telegram), staff(bot, telegram)
    await chat.send("Ukraine")
    _, thread = await open_case(chat, telegram)

    await counsellor.write(thread, "/card")

    assert chat.screen.text.startswith("<b>🇺🇦 Ukraine</b>")
    assert "527" in chat.screen.text


# -- hours, idle cases, pace ---------------------------------------------------------------


async def test_out_of_hours_the_person_is_told_when_and_gets_the_numbers_at_once(
    relay_config: Config, bundle: Bundle, telegram: FakeTelegram
) -> None:
    hours = OpeningHours.parse("Mon-Fri 09:00-17:00 Europe/Kyiv")
    application = await start_application(dataclasses.replace(relay_config, staff_hours=hours),
                                          bundle, telegram)  # fmt: skip
    application.bot_data["services"].now = Clock(SATURDAY)
    try:
        chat = person(application, telegram)
        await chat.send("Ukraine")
        _, _thread = await open_case(chat, telegram)

        away = chat.screen.text
        assert away.startswith("Our team reads messages Monday–Friday, 09:00–17:00 (Europe/Kyiv).")
        assert "Monday 7 December, 09:00 (Europe/Kyiv)" in away
        assert "🚨 <b>Emergency: 112</b>" in away
        assert "📞 Hotlines: 🇺🇦 Ukraine" in chat.screen.labels
        calls = await chat.send("is anyone there?")
        assert [c for c in calls if c.method == "copyMessage"], "the case stays open"
        assert not [c for c in calls if c.method == "sendMessage"], "told once, not each time"
    finally:
        await stop_application(application)


async def test_a_case_idle_for_72_hours_closes(bot: Application, telegram: FakeTelegram) -> None:
    chat = person(bot, telegram)
    code, thread = await open_case(chat, telegram)
    await chat.send("hello")
    clock(bot).now += dt.timedelta(hours=71)
    await relay(bot).housekeeping()
    assert not telegram.topics[thread].closed

    clock(bot).now += dt.timedelta(hours=2)
    await relay(bot).housekeeping()

    assert telegram.topics[thread].closed
    assert telegram.in_topic(thread)[-1].text == (
        f"Case {code} is closed: no message for 72 hours."
    )
    assert chat.screen.text.startswith("This conversation has ended.")


async def test_a_person_may_send_a_few_messages_a_minute(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat = person(bot, telegram)
    _, _thread = await open_case(chat, telegram)
    copies = 0
    answers: list[str] = []
    for number in range(PACE_LIMIT + 3):
        calls = await chat.send(f"message number {number}")
        copies += sum(1 for call in calls if call.method == "copyMessage")
        answers += [call.params["text"] for call in calls if call.method == "sendMessage"]

    assert copies == PACE_LIMIT
    assert answers == ["Please wait a minute before you send more. Our team will read "
                       "everything you sent."], "refused kindly, once"  # fmt: skip


# -- the exit and /forget ------------------------------------------------------------------


async def test_the_safety_exit_ends_the_case_and_deletes_both_sides(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat, counsellor = person(bot, telegram), staff(bot, telegram)
    code, thread = await open_case(chat, telegram)
    await chat.send("they watch my phone")
    await counsellor.write(thread, "We are here.")
    assert len(telegram.chats[chat.id]) >= 4

    await chat.tap_data(EXIT(), chat.screen.message_id)  # the button on an earlier message

    assert telegram.chats[chat.id] == {}, "the person's side is empty"
    assert telegram.topics[thread].closed
    assert telegram.in_topic(thread)[-1].text == (
        f"Case {code} is closed: the person used the safety exit."
    )
    calls = await counsellor.write(thread, "are you there?")
    assert not [c for c in calls if c.method == "copyMessage"]


async def test_forget_deletes_the_topic_and_every_row_about_the_case(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat, counsellor = person(bot, telegram), staff(bot, telegram)
    _, first = await open_case(chat, telegram)
    await counsellor.write(first, "/close")
    _, second = await open_case(chat, telegram)
    await chat.send("please delete everything")

    calls = await chat.send("/forget")

    deleted = {int(c.params["message_thread_id"]) for c in calls
               if c.method == "deleteForumTopic"}  # fmt: skip
    assert deleted == {first, second}
    assert telegram.in_topic(first) == []
    assert telegram.in_topic(second) == []
    tables = await storage_of(bot).dump()
    for table in ("cases", "case_messages", "relay_bans"):
        assert not [row for row in tables[table] if chat.id in row], table


# -- a restart -----------------------------------------------------------------------------


async def test_a_case_carries_on_after_a_restart(
    relay_config: Config, bundle: Bundle, telegram: FakeTelegram
) -> None:
    first = await start_application(relay_config, bundle, telegram)
    chat = person(first, telegram)
    _code, thread = await open_case(chat, telegram)
    await chat.send("before the restart")
    await stop_application(first)

    second = await start_application(relay_config, bundle, telegram)
    try:
        chat, counsellor = person(second, telegram), staff(second, telegram)
        await chat.send("after the restart")
        assert telegram.in_topic(thread)[-1].text == "after the restart"
        await counsellor.write(thread, "We still read you.")
        assert chat.screen.text == "We still read you."
    finally:
        await stop_application(second)


# -- reports -------------------------------------------------------------------------------


async def write_report(chat: ChatUser, answers: list[str | None]) -> None:
    await chat.send("/report")
    assert chat.screen.text.startswith("<b>Report anonymously</b>")
    await chat.tap("▶ Start")
    for answer in answers:
        if answer is None:
            await chat.tap("Skip ⏭")
        else:
            await chat.send(answer)


async def test_a_report_is_written_one_question_at_a_time_and_sent_with_a_code(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat = person(bot, telegram)
    answers = ["Workers sleep in the factory and never leave", "Lviv, near the market",
               None, "About ten men", None]  # fmt: skip
    await chat.send("/report")
    await chat.tap("▶ Start")
    assert "Question 1 of 5" in chat.screen.text
    await chat.send_voice()
    assert "write your answer in words" in telegram.chats[chat.id][chat.screen.message_id - 1].text
    for answer in answers:
        if answer is None:
            await chat.tap("Skip ⏭")
        else:
            await chat.send(answer)
    assert chat.screen.text.startswith("<b>Your report</b>")
    assert "(skipped)" in chat.screen.text
    assert not telegram.topics, "nothing reaches staff before it is sent"

    await chat.tap("✅ Send")

    (code,) = set(CODE.findall(chat.screen.text))
    assert f"send /report {code}" in chat.screen.text
    (thread,) = telegram.topics
    assert telegram.topics[thread].name == f"📝 {code} · en · —"
    header, summary = (shown.text for shown in telegram.in_topic(thread)[:2])
    assert header.startswith(f"New report {code}")
    for answer in filter(None, answers):
        assert answer in summary
    tables = await storage_of(bot).dump()
    stored = json.dumps(tables, default=str)
    for answer in filter(None, answers):
        assert answer not in stored, "what was written is not stored"


async def test_a_reporter_adds_to_the_report_later_from_another_account(
    bot: Application, telegram: FakeTelegram
) -> None:
    first = person(bot, telegram)
    await write_report(first, ["A girl is kept in a flat", None, None, None, None])
    await first.tap("✅ Send")
    (code,) = set(CODE.findall(first.screen.text))
    (thread,) = telegram.topics
    counsellor = staff(bot, telegram)

    other = person(bot, telegram, user_id=5151)
    await other.send(f"/report {code.lower()}")
    assert other.screen.text.startswith(f"You can add to report {code} now")
    assert "came back" in telegram.in_topic(thread)[-1].text
    await other.send("She is still there today")
    assert telegram.in_topic(thread)[-1].text == "She is still there today"
    before_first = len(telegram.chats.get(first.id, {}))
    await counsellor.write(thread, "Thank you, we passed it on.")

    assert other.screen.text == "Thank you, we passed it on."
    assert len(telegram.chats.get(first.id, {})) == before_first, "the old account gets nothing"
    await other.send("/report ZZZZZZ")
    assert other.screen.text.startswith("No open report has the code ZZZZZZ")


async def test_a_report_can_be_cancelled_and_nothing_is_kept(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat = person(bot, telegram)
    await write_report(chat, ["something", "somewhere"])
    await chat.tap("✖ Cancel")
    assert chat.screen.text == "Your report was not sent, and nothing was kept."
    assert not telegram.topics
    assert relay(bot).drafts.get(chat.id) is None
    calls = await chat.send("an ordinary message now")
    assert not [c for c in calls if c.method == "copyMessage"]


# -- statistics, privacy, without a staff chat ----------------------------------------------


async def test_stats_count_cases_and_the_wait_for_a_first_answer(
    relay_config: Config, bundle: Bundle, telegram: FakeTelegram
) -> None:
    admin_config = dataclasses.replace(relay_config, admin_ids=frozenset({99}))
    application = await start_application(admin_config, bundle, telegram)
    now = Clock()
    application.bot_data["services"].now = now
    try:
        chat, counsellor = person(application, telegram), staff(application, telegram)
        _, thread = await open_case(chat, telegram)
        now.now += dt.timedelta(minutes=10)
        await counsellor.write(thread, "Hello, we are here.")
        await counsellor.write(thread, "/close")
        admin = ChatUser(application, telegram, user_id=99)

        await admin.send("/stats")

        text = admin.screen.text
        assert "Conversations and reports" in text
        assert re.search(r"2026-12-02 en\s+1\s+1\s+1\s+10m", text), text
        assert "4242" not in text
    finally:
        await stop_application(application)


async def test_privacy_says_what_the_relay_keeps(bot: Application, telegram: FakeTelegram) -> None:
    chat = person(bot, telegram)
    await chat.send("/privacy")
    assert "If you talk to our team (/talk) or send a report (/report)" in chat.screen.text
    assert "that block is kept with your user id for 180 days, or until /forget" in (
        chat.screen.text
    )


async def test_closed_cases_and_bans_go_after_the_retention_period(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat, counsellor = person(bot, telegram), staff(bot, telegram)
    _, thread = await open_case(chat, telegram)
    await counsellor.write(thread, "/ban")
    clock(bot).now += dt.timedelta(days=179)
    await relay(bot).housekeeping()
    tables = await storage_of(bot).dump()
    assert (len(tables["cases"]), len(tables["relay_bans"])) == (1, 1), "kept until then"

    clock(bot).now += dt.timedelta(days=2)
    await relay(bot).housekeeping()

    tables = await storage_of(bot).dump()
    assert (tables["cases"], tables["relay_bans"]) == ([], [])


async def test_without_a_staff_chat_there_is_no_relay(
    application: Application, telegram: FakeTelegram
) -> None:
    chat = person(application, telegram)
    await chat.send("/talk")
    assert "💬 Talk to a person" not in chat.screen.labels
    assert "createForumTopic" not in [call.method for call in telegram.calls]
    await chat.send("/start get_help")
    assert "💬 Talk to a person" not in chat.screen.labels
    assert "📝 Report anonymously" not in chat.screen.labels


async def test_the_buttons_open_the_relay_from_get_help_and_the_menu(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat = person(bot, telegram)
    await chat.send("/start get_help")
    assert {"💬 Talk to a person", "📝 Report anonymously"} <= set(chat.screen.labels)
    await chat.tap("💬 Talk to a person")
    assert chat.screen.text.startswith("<b>Talk to a person</b>")
    await chat.send("/start")
    assert "💬 Talk to a person" in chat.screen.labels


async def test_the_terminal_chat_says_talking_to_a_person_needs_telegram(bundle: Bundle) -> None:
    out = io.StringIO()
    await run_console(bundle, "en", io.StringIO("/talk\n/report\n"), out,
                      staff_chat_id=STAFF_CHAT)  # fmt: skip

    assert out.getvalue().count("works in Telegram only") == 2


async def test_a_person_who_blocked_the_bot_ends_the_case(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat, counsellor = person(bot, telegram), staff(bot, telegram)
    code, thread = await open_case(chat, telegram)
    telegram.blocked.add(chat.id)

    await counsellor.write(thread, "Are you still there?")

    assert telegram.topics[thread].closed
    assert telegram.in_topic(thread)[-1].text == (
        f"Case {code} is closed: the person can no longer be reached (they blocked the bot or "
        "deleted the chat)."
    )


async def test_the_safety_exit_works_even_when_the_staff_chat_fails(
    bot: Application, telegram: FakeTelegram
) -> None:
    chat = person(bot, telegram)
    await open_case(chat, telegram)
    await chat.send("quick, they are coming")
    telegram.refuse_next("sendMessage", 500, "Internal Server Error")  # the staff topic's note

    await chat.send("/exit")

    (left,) = telegram.chats[chat.id].values()  # only the note that deletes itself
    assert not left.by_user
    assert left.text.startswith("To delete this chat too:")


async def test_report_codes_cannot_be_guessed_quickly(
    bot: Application, telegram: FakeTelegram
) -> None:
    guesser = person(bot, telegram, user_id=6161)
    answers = []
    for attempt in range(PACE_LIMIT + 1):
        await guesser.send(f"/report AAAAA{CODE_LETTERS[attempt]}")
        answers.append(guesser.screen.text)

    assert all(answer.startswith("No open report has the code") for answer in answers[:-1])
    assert answers[-1].startswith("Please wait a minute")


async def test_a_message_outside_a_case_reads_the_persons_settings_once(
    bot: Application, telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The relay's handler and then the text's see one update: one read of the database."""
    users = storage_of(bot).users
    reads: list[int] = []
    preferences = users.preferences

    async def counted(user_id: int) -> object:
        reads.append(user_id)
        return await preferences(user_id)

    monkeypatch.setattr(users, "preferences", counted)
    chat = person(bot, telegram)

    await chat.send("Ukraine")

    assert "🇺🇦" in chat.screen.text, "answered as text"
    assert reads == [chat.id]
