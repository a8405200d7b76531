"""Help where you are, driven through the fake Telegram: country by name, list or location;
the card of the user's country; emergency words; search; in several languages."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from telegram.ext import Application

from bot.content.places import CountryNames, country_at
from bot.core.screens import visible_text
from bot.storage import Preferences
from tests.conftest import storage_of
from tests.fake_telegram import ChatUser, FakeTelegram

KYIV = (50.45, 30.52)
MID_ATLANTIC = (0.0, -30.0)
OFF_ODESA = (46.0, 31.0)  # at sea, 35 km from the shore
VIENNA = (48.2, 16.37)


def person(
    application: Application, telegram: FakeTelegram, language: str, uid: int = 900
) -> ChatUser:
    return ChatUser(application, telegram, user_id=uid, language_code=language)


@pytest.mark.parametrize(
    ("language", "typed"),
    [("en", "ukraine"), ("en", "Ukriane"), ("uk", "Україна"), ("ar", "أوكرانيا"), ("zh", "乌克兰"),
     ("ru", "  УКРАИНА! "), ("es", "Ucrania")],
)  # fmt: skip
async def test_typing_a_country_in_any_language_saves_it_and_shows_its_card(
    application: Application, telegram: FakeTelegram, language: str, typed: str
) -> None:
    user = person(application, telegram, language)

    await user.send(typed)

    assert "🇺🇦" in user.screen.text
    assert "527" in user.screen.text  # Ukraine's anti-trafficking hotline
    assert await storage_of(application).users.preferences(user.id) == Preferences(None, "UA")


async def test_a_country_without_an_entry_says_so_and_what_can_help(
    application: Application, telegram: FakeTelegram
) -> None:
    user = person(application, telegram, "en")
    await user.send("Turkmenistan")  # no source gives its labelled numbers yet
    text = user.screen.text
    assert text.startswith("<i>Saved: 🇹🇲 Turkmenistan is your country.</i>")
    assert "There is no hotline for Turkmenistan in this directory yet." in text
    assert "🌍 Choose from the list" in user.screen.labels


async def test_an_unknown_country_is_searched_and_nothing_is_saved(
    application: Application, telegram: FakeTelegram
) -> None:
    user = person(application, telegram, "en")
    await user.send("Atlantis")
    assert user.screen.text.startswith("<i>I found no page about that. Here is the menu.</i>")
    assert (await storage_of(application).dump())["users"] == []


async def test_choosing_from_the_list_saves_the_country(
    application: Application, telegram: FakeTelegram
) -> None:
    user = person(application, telegram, "en")
    await user.send("/start get_help")
    await user.tap("📞 Hotlines by country")
    await user.tap("Africa")
    await user.tap("🇳🇬 Nigeria")
    assert "📍 This is my country" in user.screen.labels

    await user.tap("📍 This is my country")

    assert user.screen.text.startswith("<i>Saved: 🇳🇬 Nigeria is your country.</i>")
    assert "📍 This is my country" not in user.screen.labels
    await user.send("/start get_help")
    assert "📞 Hotlines: 🇳🇬 Nigeria" in user.screen.labels, "help is one tap away now"


async def test_my_country_offers_location_and_can_forget(
    application: Application, telegram: FakeTelegram
) -> None:
    user = person(application, telegram, "en")
    await user.send("/start get_help-AT")
    await user.tap("📍 My country")

    assert "Your country: 🇦🇹 Austria" in user.screen.text
    (button,) = [b for row in user.prompt.reply_keyboard for b in row]
    assert button == {"text": "📍 Share my location", "request_location": True}

    await user.tap("✖ Forget my country")
    assert user.screen.text.startswith("<i>Your country is forgotten.</i>")
    assert "You have not chosen a country yet." in user.screen.text
    assert (await storage_of(application).dump())["users"] == []


@pytest.mark.parametrize(("point", "country"), [(KYIV, "UA"), (VIENNA, "AT")])
async def test_a_shared_location_sets_the_country(
    application: Application, telegram: FakeTelegram, point: tuple[float, float], country: str
) -> None:
    user = person(application, telegram, "en")
    await user.share_location(*point)
    assert (await storage_of(application).users.preferences(user.id)).country == country
    assert user.screen.text.startswith("<i>Saved: ")


@pytest.mark.parametrize("point", [MID_ATLANTIC, OFF_ODESA])
async def test_a_location_at_sea_is_not_a_country(
    application: Application, telegram: FakeTelegram, point: tuple[float, float]
) -> None:
    user = person(application, telegram, "fr")
    await user.share_location(*point)
    assert (await storage_of(application).dump())["users"] == []
    assert "🌍" in " ".join(user.screen.labels)
    assert user.screen.text.startswith("<i>")


def test_locations_map_offline() -> None:
    assert country_at(*KYIV) == "UA"
    assert country_at(*MID_ATLANTIC) is None
    assert country_at(91.0, 0.0) is None


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "HELP!"), ("en", "please help me they took my passport"), ("ru", "помогите"),
     ("uk", "допоможіть мені"), ("es", "¡ayuda!"), ("fr", "au secours"), ("ar", "مساعدة"),
     ("zh", "救命啊"), ("en", "sos")],
)  # fmt: skip
async def test_emergency_words_show_the_emergency_number_at_once(
    application: Application, telegram: FakeTelegram, language: str, words: str
) -> None:
    user = person(application, telegram, language)
    await user.send("/start home-AT")

    calls = await user.send(words)

    assert [call.method for call in calls] == ["sendMessage"]
    assert user.screen.text.startswith("<b>🚨 ")
    first, *_ = (line for line in visible_text(user.screen.text).split("\n") if any(
        character.isdigit() for character in line))  # fmt: skip
    assert "112" in first, "the number to call comes first"
    assert "🚪" in user.screen.labels[1], "the safety exit, one tap away"
    assert "Menschenhandels-Hotline" in user.screen.text


async def test_emergency_words_without_a_country_ask_for_it_in_one_tap(
    application: Application, telegram: FakeTelegram
) -> None:
    user = person(application, telegram, "zh")

    await user.send("救命")

    assert user.screen.text.startswith("<b>🚨 ")
    (button,) = [b for row in user.prompt.reply_keyboard for b in row]
    assert button["request_location"] is True
    await user.share_location(*KYIV)
    assert "🇺🇦" in user.screen.text


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [("en", "kafala system", "p:signs_workers"), ("en", "traficking signs", "p:signs"),
     ("ru", "причины торговли людьми", "p:causes"), ("zh", "怎么删除聊天", "p:stay_safe"),
     ("es", "qué es el matrimonio forzado", "p:forms"), ("ar", "ما هو الزواج القسري", "p:forms"),
     ("fr", "supprimer la discussion", "p:stay_safe")],
)  # fmt: skip
async def test_free_text_finds_matching_pages(
    application: Application, telegram: FakeTelegram, language: str, query: str, expected: str
) -> None:
    user = person(application, telegram, language)

    await user.send(query)

    buttons = [b.get("callback_data") for row in user.screen.keyboard for b in row]
    assert expected in buttons
    assert 3 <= len(buttons) <= 7, "up to five pages, Leave quickly and the menu"
    await user.tap_data(expected)
    assert "◀" in " ".join(user.screen.labels) or "▶" in " ".join(user.screen.labels)


@pytest.mark.parametrize("text", ["", "   ", "\u200f\u200b", "x" * 4096, "?!"])
async def test_empty_odd_or_very_long_text_gets_the_menu(
    application: Application, telegram: FakeTelegram, text: str
) -> None:
    user = person(application, telegram, "en")
    calls = await user.send(text)
    assert [call.method for call in calls] == ["sendMessage"]
    assert "Help against human trafficking" in user.screen.text


async def test_nothing_typed_is_stored_or_logged(
    application: Application, telegram: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    user = person(application, telegram, "en")
    typed = ["help me at Rua Secreta 12", "ukraine", "my employer Joao took my passport"]
    for text in typed:
        await user.send(text)
    await user.share_location(*KYIV)

    dump = await storage_of(application).dump()
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert dump["users"] == [(user.id, None, "UA", today, 0)]
    assert dump["campaign_counts"] == []
    for chat_id, message_id, sent_at in dump["chat_messages"]:  # ids and times, no text
        assert (chat_id, type(message_id), len(sent_at)) == (user.id, int, 25)
    assert set(dump) == {"users", "campaign_counts", "chat_messages", "page_counts",
                         "broadcasts", "deliveries", "voice_files", "cases", "case_messages",
                         "relay_bans", "case_counts", "case_waits"}  # fmt: skip
    assert all(dump[table] == [] for table in ("cases", "case_messages", "relay_bans"))
    assert dump["broadcasts"] == dump["deliveries"] == []  # no news without an admin
    for row in dump["page_counts"]:  # day, page, language, count: nobody in them
        assert user.id not in row
    for text in typed:  # the bot's own replies may name the country; nobody's words appear
        assert text not in caplog.text
    assert "Rua Secreta" not in caplog.text
    assert "Joao" not in caplog.text
    assert "50.45" not in caplog.text


def test_country_names_do_not_catch_ordinary_words() -> None:
    names = CountryNames.build(["en", "es", "fr"], {})
    for word in ("no", "it", "in", "help", "sos", "hello", "passport", "danger", "me"):
        assert names.find(word) is None, word
