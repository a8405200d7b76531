"""Spoken messages for responders: choose the person's language, then a message; the bot
sends it as a voice message, captioned in that language and in the responder's.

Each audio file is uploaded once: Telegram's file_id for it is kept (with a key naming the
language, message and text, never who asked) and sent instead of the file afterwards."""

from __future__ import annotations

import html
from pathlib import Path

from babel import Locale, UnknownLocaleError

from bot import callbacks
from bot.audio import audio_file
from bot.features import Basics, Reply, User, log
from bot.screens import Button, Screen, Voice
from bot.spoken import SpokenLanguage
from bot.storage import StorageError

LABEL_CHARS = 60  # a message's button shows its start


class Speak:
    def __init__(self, basics: Basics, audio_dir: Path) -> None:
        self.basics = basics
        self.audio_dir = audio_dir

    async def languages(self, user: User) -> Screen:
        return self.language_list(await self.basics.language_of(user))

    def language_list(self, language: str) -> Screen:
        """Every language, in its own name and the responder's, two to a row."""
        spoken = self.basics.bundle.spoken
        named = sorted(spoken.languages.values(), key=lambda item: _name_in(item.code, language))
        buttons = [Button(_label(item, language), callbacks.spoken_language(item.code))
                   for item in named]  # fmt: skip
        rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
        rows.append((self._menu(language),))
        return Screen(self.basics.text(language, "spoken_intro"), tuple(rows))

    def messages(self, language: str, code: str) -> Screen | None:
        """The messages to play in ``code``, labelled in the responder's ``language``."""
        spoken = self.basics.bundle.spoken
        target = spoken.get(code)
        if target is None:
            return None
        mine = spoken.get(language) or spoken.get("en")
        text = self.basics.text(language, "spoken_choose", language=_escape(target.name))
        if not target.reviewed:
            text += f"\n\n<i>⚠ {_escape(self.basics.text(language, 'spoken_unreviewed'))}</i>"
        rows: list[tuple[Button, ...]] = []
        for number, message in enumerate(spoken.messages):
            label = (mine or target).texts[message]
            if len(label) > LABEL_CHARS:
                label = label[: LABEL_CHARS - 1].rstrip() + "…"
            rows.append((Button(f"🔊 {label}", callbacks.say(code, number)),))
        back = Button(self.basics.text(language, "spoken_languages"), callbacks.show_spoken())
        rows.append((back, self._menu(language)))
        return Screen(text, tuple(rows))

    async def say(self, user: User, what: str) -> Reply | None:
        """A message as a voice message, to send after the list (which stays)."""
        code, _, number = what.partition(":")
        spoken = self.basics.bundle.spoken
        target = spoken.get(code)
        if target is None or not number.isdigit() or int(number) >= len(spoken.messages):
            return None
        language = await self.basics.language_of(user)
        message = spoken.messages[int(number)]
        caption = f"<b>{_escape(target.texts[message])}</b>"
        mine = spoken.get(language)
        if mine is not None and mine.code != code:
            caption += f"\n{_escape(mine.texts[message])}"
        if not target.reviewed:
            caption += f"\n<i>⚠ {_escape(self.basics.text(language, 'spoken_unreviewed'))}</i>"
        path = audio_file(self.audio_dir, target, message)
        list_screen = self.messages(language, code)
        assert list_screen is not None
        if not path.exists():
            note = self.basics.text(language, "spoken_no_audio")
            return Reply(list_screen, keep=True,
                         then=Screen(f"{caption}\n\n<i>{_escape(note)}</i>"))  # fmt: skip
        key = f"{code}/{path.name}"
        voice = Voice(key, path, await self._file_id(key))
        return Reply(list_screen, keep=True, then=Screen(caption, voice=voice))

    async def uploaded(self, voice: Voice, file_id: str) -> None:
        """Telegram took the file: next time, send its file_id instead."""
        if voice.file_id == file_id:
            return
        try:
            await self.basics.storage.remember_voice_file(voice.key, file_id)
        except StorageError as exc:
            log.warning("storage unavailable, a voice file id is not kept: %s", exc)

    async def _file_id(self, key: str) -> str | None:
        try:
            return await self.basics.storage.voice_file(key)
        except StorageError as exc:
            log.warning("storage unavailable, the audio is uploaded again: %s", exc)
            return None

    def _menu(self, language: str) -> Button:
        root = self.basics.bundle.content.root
        return Button(self.basics.text(language, "home"), callbacks.open_page(root))


def _name_in(code: str, language: str) -> str:
    try:
        return Locale.parse(code).get_display_name(language) or code
    except (UnknownLocaleError, ValueError):
        return code


def _label(item: SpokenLanguage, language: str) -> str:
    """ "العربية · Arabic": the person can point at their own name."""
    own, theirs = item.name, _name_in(item.code, language)
    theirs = theirs[:1].upper() + theirs[1:]
    return own if own.casefold() == theirs.casefold() else f"{own} · {theirs}"


def _escape(text: str) -> str:
    return html.escape(text, quote=False)
