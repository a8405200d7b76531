"""What people write, answered as a person would, through the fake Telegram in every
language: danger gets the emergency answer at once, a situation a calm word and the
country's hotlines, a country named in a sentence its card, a wish to help others the
pages for helpers, a question the pages that answer it, and noise the menu."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.content.bundle import Bundle
from bot.content.directory import display_number
from bot.core.screens import visible_text
from tests.fake_telegram import ChatUser, FakeTelegram

# language: (danger, situation, a country in a sentence and its name's code, a question
# and a page that answers it, how someone asks to help others)
WRITTEN = {
    "en": ("please help me they hurt me", "my boss took my passport", ("I am in Qatar", "QA"),
           ("what happens when I call a hotline", "call_what_happens"),
           "how can I help victims"),
    "es": ("ayúdenme por favor", "mi jefe me quitó el pasaporte", ("estoy en México", "MX"),
           ("qué pasa cuando llamo a una línea de ayuda", "call_what_happens"),
           "cómo puedo ayudar a las víctimas"),
    "fr": ("au secours", "je ne suis pas payée depuis trois mois", ("je suis au Qatar", "QA"),
           ("que se passe-t-il quand j'appelle une ligne d'écoute", "call_what_happens"),
           "comment aider les victimes"),
    "ru": ("помогите мне", "у меня забрали паспорт", ("я сейчас в Польше", "PL"),
           ("что такое торговля людьми", "what_is"), "как я могу помочь жертвам"),
    "uk": ("допоможіть мені", "роботодавець забрав мій паспорт", ("я зараз у Польщі", "PL"),
           ("що таке торгівля людьми", "what_is"), "як я можу допомогти постраждалим"),
    "ar": ("ساعدوني", "الكفيل أخذ جوازي", ("أنا في الإمارات", "AE"),
           ("ما هو الاتجار بالبشر", "what_is"), "كيف يمكنني مساعدة الضحايا"),
    "zh": ("救命", "老板扣了我的护照", ("我在泰国", "TH"), ("什么是人口贩运", "what_is"),
           "我怎样才能帮助受害者"),
}  # fmt: skip


def person(application: Application, telegram: FakeTelegram, language: str) -> ChatUser:
    return ChatUser(application, telegram, 6000 + list(WRITTEN).index(language), language)


def text(bundle: Bundle, language: str, key: str) -> str:
    return bundle.locales.get(language, key)


@pytest.mark.parametrize("language", list(WRITTEN))
async def test_danger_gets_the_emergency_number_at_once(
    application: Application, telegram: FakeTelegram, bundle: Bundle, language: str
) -> None:
    user = person(application, telegram, language)
    await user.send("/start home-AT")  # Austria: 112, and police 133
    await user.send(WRITTEN[language][0])
    shown = visible_text(user.screen.text)
    assert shown.startswith("🚨 " + text(bundle, language, "emergency_intro")), shown
    assert "112" in shown.split("\n")[2]
    assert text(bundle, language, "exit_button") in user.screen.labels


@pytest.mark.parametrize("language", list(WRITTEN))
async def test_a_situation_gets_a_calm_word_and_the_countrys_hotlines(
    application: Application, telegram: FakeTelegram, bundle: Bundle, language: str
) -> None:
    user = person(application, telegram, language)
    await user.send("/start home-AT")
    await user.send(WRITTEN[language][1])
    shown = visible_text(user.screen.text)
    assert shown.startswith(text(bundle, language, "situation_sign")), shown
    assert "112" in shown
    for key in ("selfcheck_button", "exit_button"):
        assert text(bundle, language, key) in user.screen.labels


@pytest.mark.parametrize("language", list(WRITTEN))
async def test_a_country_in_a_sentence_shows_its_card_without_saving_it(
    application: Application, telegram: FakeTelegram, bundle: Bundle, language: str
) -> None:
    user = person(application, telegram, language)
    sentence, code = WRITTEN[language][2]
    await user.send(sentence)
    country = bundle.directory.get(code)
    assert country is not None
    (_, numbers), *_ = country.emergency.labelled()
    assert display_number(numbers[0], code) in user.screen.text
    assert text(bundle, language, "set_as_my_country") in user.screen.labels, "not saved"


@pytest.mark.parametrize("language", list(WRITTEN))
async def test_a_question_finds_the_page_that_answers_it(
    application: Application, telegram: FakeTelegram, bundle: Bundle, language: str
) -> None:
    user = person(application, telegram, language)
    question, page = WRITTEN[language][3]
    await user.send(question)
    assert user.screen.labels[0] == bundle.content.label(page, language), user.screen.labels


@pytest.mark.parametrize("language", list(WRITTEN))
async def test_someone_who_wants_to_help_gets_the_pages_for_helpers(
    application: Application, telegram: FakeTelegram, bundle: Bundle, language: str
) -> None:
    user = person(application, telegram, language)
    await user.send(WRITTEN[language][4])
    assert visible_text(user.screen.text) == "🤝 " + text(bundle, language, "helpers_title")
    first = bundle.content.helpers[0]
    assert user.screen.labels[0] == bundle.content.label(first, language)


@pytest.mark.parametrize(
    ("noise", "answer"),
    [("asdfgh", "<i>I found no page about that."), ("ok", "<i>Hello. Choose a topic"),
     ("👍", "<i>Hello. Choose a topic"), ("thanks!", "<i>Hello. Choose a topic")],
)  # fmt: skip
async def test_noise_gets_the_menu_with_a_kind_word(
    user: ChatUser, noise: str, answer: str
) -> None:
    await user.send(noise)
    assert user.screen.text.startswith(answer)
    assert "🆘 Get help now" in user.screen.labels


async def test_a_greeting_inside_a_sentence_does_not_hide_it(user: ChatUser) -> None:
    await user.send("hello, my boss took my passport")
    assert user.screen.text.startswith("<b>What you describe can be a sign")


async def test_an_emergency_number_typed_is_danger(user: ChatUser) -> None:
    for typed in ("112", "911!", "call 999", "🆘" * 1000, "٩٩٩"):
        await user.send(typed)
        assert user.screen.text.startswith("<b>🚨 "), typed
    await user.send("I am 17 and I want to learn")
    assert not user.screen.text.startswith("<b>🚨 "), "17 is an age here"
