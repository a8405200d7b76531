"""Spoken messages for responders: the texts in 40 languages, audio made offline with
espeak-ng and opusenc as OGG/Opus voice messages Telegram accepts, sent with sendVoice
(checked against the Bot API specification), each file uploaded once."""

from __future__ import annotations

import struct
from dataclasses import replace
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.config import Config
from bot.content.bundle import Bundle
from bot.content.spoken import check_spoken
from bot.features.spoken.audio import MAX_VOICE_BYTES, audio_file, build, is_ogg_opus, missing_tools
from tests.conftest import CONTENT_DIR, start_application, stop_application, storage_of
from tests.fake_telegram import ChatUser, FakeTelegram

BUILT = ("en", "ar", "zh", "uk")
needs_tools = pytest.mark.skipif(
    bool(missing_tools()), reason="espeak-ng and opusenc are installed by `make audio-tools`"
)


def opus_seconds(data: bytes) -> float:
    """The length of an Ogg/Opus stream: the last page's granule position, at 48 kHz,
    less the pre-skip from the Opus header."""
    pre_skip = struct.unpack_from("<H", data, data.index(b"OpusHead") + 10)[0]
    last_page = data.rindex(b"OggS")
    granule = struct.unpack_from("<q", data, last_page + 6)[0]
    return (granule - pre_skip) / 48_000


@pytest.fixture(scope="module")
def audio_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if missing_tools():
        pytest.skip("espeak-ng and opusenc are installed by `make audio-tools`")
    folder = tmp_path_factory.mktemp("audio")
    spoken, problems = check_spoken(CONTENT_DIR / "spoken")
    assert problems == []
    build(spoken, folder, BUILT)
    return folder


@pytest.fixture
async def speaking(
    config: Config, bundle: Bundle, telegram: FakeTelegram, audio_dir: Path
) -> Application:  # type: ignore[misc]
    application = await start_application(replace(config, audio_dir=audio_dir), bundle, telegram)
    yield application
    await stop_application(application)


def test_forty_languages_each_with_every_message_and_a_voice(bundle: Bundle) -> None:
    spoken = bundle.spoken
    assert len(spoken.languages) == 40
    assert set(bundle.languages) <= set(spoken.languages)  # the bot's own languages too
    for language in spoken.languages.values():
        assert tuple(language.texts) == spoken.messages
        assert language.voice
    assert "en" not in spoken.unreviewed()  # the source
    assert "ar" in spoken.unreviewed()  # machine translations are marked as such


@needs_tools
def test_the_audio_is_ogg_opus_within_telegrams_voice_limits(
    audio_dir: Path, bundle: Bundle
) -> None:
    spoken = bundle.spoken
    for code in BUILT:
        language = spoken.languages[code]
        for message in spoken.messages:
            data = audio_file(audio_dir, language, message).read_bytes()
            assert is_ogg_opus(data), f"{code}/{message}"
            assert len(data) < MAX_VOICE_BYTES
            assert 0.5 < opus_seconds(data) < 30, f"{code}/{message}: {opus_seconds(data)} s"


@needs_tools
def test_building_again_makes_only_what_changed(audio_dir: Path, bundle: Bundle) -> None:
    spoken = bundle.spoken
    again = build(spoken, audio_dir, ["en"])
    assert again.made == []
    assert len(again.kept) == len(spoken.messages)
    english = spoken.languages["en"]
    changed = replace(english, texts={**english.texts, "safe": "You are safe."})
    edited = replace(spoken, languages={**spoken.languages, "en": changed})
    report = build(edited, audio_dir, ["en"])
    assert [path.name.split("-")[0] for path in report.made] == ["safe"]
    assert [path.name.split("-")[0] for path in report.removed] == ["safe"]  # the old one
    build(spoken, audio_dir, ["en"])  # as it was, for the other tests


async def test_the_language_list_names_each_language_in_itself(user: ChatUser) -> None:
    await user.send("/speak")
    labels = user.screen.labels
    assert len(labels) == 41  # 40 languages and the menu
    assert "العربية · Arabic" in labels
    assert "Українська · Ukrainian" in labels
    assert "English" in labels


@needs_tools
async def test_a_message_comes_as_a_voice_uploaded_once(
    speaking: Application, telegram: FakeTelegram
) -> None:
    responder = ChatUser(speaking, telegram, 6100, "uk")
    await responder.send("/speak")
    await responder.tap("العربية · Арабська")
    listing = responder.screen
    spoken = speaking.bot_data["services"].bundle.spoken
    ukrainian, arabic = spoken.languages["uk"].texts["safe"], spoken.languages["ar"].texts["safe"]
    assert listing.labels[0] == f"🔊 {ukrainian}"  # in the responder's language
    assert "⚠" in listing.text  # not reviewed by a native speaker
    calls = await responder.tap(listing.labels[0])
    voice_calls = [call for call in calls if call.method == "sendVoice"]
    assert len(voice_calls) == 1
    assert isinstance(voice_calls[0].params["voice"], bytes)  # the file, uploaded
    caption = voice_calls[0].params["caption"]
    assert caption.startswith(f"<b>{arabic}</b>\n{ukrainian}\n<i>⚠ ")
    assert [call.method for call in calls].count("editMessageText") == 0  # the list stays

    again = ChatUser(speaking, telegram, 6101, "en")
    await again.send("/speak")
    await again.tap("العربية · Arabic")
    calls = await again.tap(again.screen.labels[0])
    (second,) = [call for call in calls if call.method == "sendVoice"]
    assert isinstance(second.params["voice"], str)  # Telegram's file_id, not the file again
    assert "You are safe here" in second.params["caption"]
    kept = (await storage_of(speaking).dump())["voice_files"]
    assert [row[0].split("/")[0] for row in kept] == ["ar"]


@needs_tools
async def test_a_file_id_telegram_no_longer_knows_is_replaced_by_the_file(
    speaking: Application, telegram: FakeTelegram
) -> None:
    responder = ChatUser(speaking, telegram, 6200, "en")
    await responder.send("/speak")
    await responder.tap("中文 · Chinese")
    listing = responder.screen
    second = listing.button(listing.labels[1])["callback_data"]
    await responder.tap_data(second, listing.message_id)
    telegram.files.clear()  # e.g. the bot's token changed
    calls = await responder.tap_data(second, listing.message_id)
    voices = [call.params["voice"] for call in calls if call.method == "sendVoice"]
    assert [type(voice) for voice in voices] == [str, bytes]


async def test_without_audio_the_text_is_sent(user: ChatUser, telegram: FakeTelegram) -> None:
    await user.send("/speak")
    await user.tap("Deutsch · German")  # the test's audio folder has no German
    calls = await user.tap(user.screen.labels[0])
    assert [call.method for call in calls] == ["answerCallbackQuery", "sendMessage"]
    assert "The audio is not ready yet" in calls[1].params["text"]


@pytest.mark.parametrize("data", ["sv:xx:0", "sv:de:99", "sv:de:x", "sp:xx", "sv:de"])
async def test_forged_spoken_buttons_show_the_menu(user: ChatUser, data: str) -> None:
    await user.send("/start")
    await user.tap_data(data)
    assert user.screen.text.startswith("<i>That button is out of date.")


def test_a_broken_spoken_file_names_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "spoken"
    folder.mkdir()
    (folder / "en.yaml").write_text((CONTENT_DIR / "spoken" / "en.yaml").read_text())
    (folder / "fr.yaml").write_text(
        'voice: fr-fr\nreviewed: maybe\ntexts:\n  safe: "Vous êtes en sécurité."\n  extra: "x"\n'
    )
    _, problems = check_spoken(folder)
    shown = [str(problem) for problem in problems]
    assert any("fr.yaml:2" in line and "`reviewed` must be true" in line for line in shown)
    assert any("fr.yaml:5" in line and "unknown message `extra`" in line for line in shown)
    assert any("message `doctor` is missing" in line for line in shown)
