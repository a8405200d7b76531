"""Sharing through the fake Telegram: the Share button and /share (link and QR code),
campaign counts without user ids, and inline mode in any chat."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
import zxingcpp
from PIL import Image
from telegram.ext import Application

from bot.config import Config
from bot.content.bundle import Bundle
from bot.core.deeplinks import parse_payload
from tests.conftest import storage_of
from tests.fake_telegram import BOT_USER, ChatUser, FakeTelegram
from tests.test_process import bot_env, run_bot

BOT = BOT_USER["username"]
_inline_ids = itertools.count(1)


def decoded(png: bytes) -> str:
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return found.text


async def test_the_share_button_sends_the_link_and_a_qr_code_of_it(
    user: ChatUser, telegram: FakeTelegram, bundle: Bundle
) -> None:
    await user.send("/start signs")

    calls = await user.tap("🔗 Share")

    assert [call.method for call in calls] == ["answerCallbackQuery", "sendPhoto"]
    link = f"https://t.me/{BOT}?start=signs-en"
    assert link in user.screen.text
    assert user.screen.photo is not None
    assert decoded(user.screen.photo) == link
    payload = link.split("start=")[1]
    link_back = parse_payload(payload, bundle.content.pages, bundle.languages)
    assert (link_back.page_id, link_back.language) == ("signs", "en")


async def test_share_command_shares_the_bot_in_the_users_language(
    application: Application, telegram: FakeTelegram
) -> None:
    user = ChatUser(application, telegram, language_code="uk")
    calls = await user.send("/share")
    assert [call.method for call in calls] == ["sendPhoto"]
    assert decoded(user.screen.photo or b"") == f"https://t.me/{BOT}?start=uk"
    assert "Поділ" in user.screen.text or "t.me" in user.screen.text


async def test_a_qr_code_is_uploaded_once_then_sent_by_its_file_id(
    user: ChatUser, telegram: FakeTelegram, application: Application
) -> None:
    await user.send("/share")
    (first,) = telegram.calls_to("sendPhoto")
    assert isinstance(first.params["photo"], bytes), "uploaded the first time"
    given = f"photo{user.screen.message_id}"  # the file_id the fake Telegram gave it
    telegram.clear()

    await user.send("/share")
    other = ChatUser(application, telegram, user_id=5151)
    await other.send("/share")

    again = telegram.calls_to("sendPhoto")
    assert [call.params["photo"] for call in again] == [given, given], "for anyone, after"
    assert decoded(user.screen.photo or b"") == f"https://t.me/{BOT}?start=en"
    assert decoded(other.screen.photo or b"") == f"https://t.me/{BOT}?start=en"


async def test_a_file_id_telegram_no_longer_knows_is_uploaded_again(
    user: ChatUser, telegram: FakeTelegram
) -> None:
    await user.send("/share")
    telegram.files.clear()  # Telegram forgot it
    telegram.clear()

    await user.send("/share")

    refused, uploaded = telegram.calls_to("sendPhoto")
    assert isinstance(refused.params["photo"], str)
    assert isinstance(uploaded.params["photo"], bytes)
    assert decoded(user.screen.photo or b"") == f"https://t.me/{BOT}?start=en"


async def test_campaign_links_are_counted_per_day_without_user_ids(
    application: Application, telegram: FakeTelegram
) -> None:
    for uid in (1, 2, 3):
        await ChatUser(application, telegram, uid).send("/start get_help-uk-UA-_kyiv_station")
    await ChatUser(application, telegram, 4).send("/start get_help-_airport")

    storage = storage_of(application)
    today = dt.datetime.now(dt.UTC).date()
    assert await storage.counts.campaign_counts(today) == [
        (today.isoformat(), "airport", 1), (today.isoformat(), "kyiv_station", 3),
    ]  # fmt: skip
    dump = await storage.dump()
    assert "kyiv_station" not in repr(dump["users"])
    assert all(len(row) == 3 for row in dump["campaign_counts"]), "day, tag, count: no user"


async def test_a_forged_campaign_is_not_counted(
    application: Application, telegram: FakeTelegram
) -> None:
    await ChatUser(application, telegram).send("/start get_help-_a&b")
    await ChatUser(application, telegram).send("/start nowhere-_leaflet")
    assert (await storage_of(application).dump())["campaign_counts"] == []


async def ask_inline(user: ChatUser, query: str) -> dict[str, object]:
    update = {"inline_query": {"id": str(next(_inline_ids)), "from": user.user,
                               "query": query, "offset": ""}}  # fmt: skip
    calls = await user.feed(update)
    (answer,) = [call for call in calls if call.method == "answerInlineQuery"]
    return answer.params


async def test_inline_with_no_words_offers_the_most_useful_cards(
    application: Application, telegram: FakeTelegram
) -> None:
    user = ChatUser(application, telegram, language_code="es")
    await user.send("Nigeria")  # saves the user's country

    params = await ask_inline(user, "")

    results = params["results"]
    assert 1 <= len(results) <= 50
    assert results[0]["id"] == "c:NG", "the user's own country comes first"
    assert {result["type"] for result in results} == {"article"}
    assert params["is_personal"] is True
    first = results[0]
    assert "627" in first["input_message_content"]["message_text"]
    (button,) = first["reply_markup"]["inline_keyboard"][0]
    assert button["url"] == f"https://t.me/{BOT}?start=get_help-es-NG"


@pytest.mark.parametrize(
    ("language", "query", "first_id"),
    [("en", "ukraine", "c:UA"), ("uk", "Україна", "c:UA"), ("zh", "乌克兰", "c:UA"),
     ("en", "austr", "c:AT"), ("en", "passport taken", "p:signs_workers")],
)  # fmt: skip
async def test_inline_answers_matching_countries_and_pages(
    application: Application, telegram: FakeTelegram, language: str, query: str, first_id: str
) -> None:
    user = ChatUser(application, telegram, language_code=language)
    results = (await ask_inline(user, query))["results"]
    ids = [result["id"] for result in results]
    assert first_id in ids
    assert len(results) <= 50


@pytest.mark.parametrize("query", ["zzzz", "x" * 256, "🆘", "\u200f"])
async def test_odd_inline_queries_get_a_valid_answer(
    application: Application, telegram: FakeTelegram, query: str
) -> None:
    results = (await ask_inline(ChatUser(application, telegram), query))["results"]
    assert isinstance(results, list)
    assert len(results) <= 50


async def test_staff_read_campaign_counts_on_the_command_line(
    application: Application, telegram: FakeTelegram, config: Config
) -> None:
    await ChatUser(application, telegram).send("/start get_help-_poster_a")
    await ChatUser(application, telegram, 5).send("/start get_help-_poster_a")
    env = bot_env(config.database.parent, BOT_DATABASE=str(config.database))

    result = run_bot(env, "campaigns", "--days", "7")

    assert result.returncode == 0, result.stderr
    assert f"{dt.datetime.now(dt.UTC).date().isoformat()}  poster_a" in result.stdout
    assert result.stdout.rstrip().endswith("2")
