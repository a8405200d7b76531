"""Spoken messages for responders: choose the person's language, then a message; the bot
sends it as a voice message, captioned in that language and in the responder's.

Each audio file is uploaded once: Telegram's file_id for it is kept (with a key naming the
language, message and text, never who asked) and sent instead of the file afterwards."""

from __future__ import annotations

from pathlib import Path

from bot.audio import audio_file
from bot.callbacks import is_number
from bot.features import Basics, Reply, User
from bot.screens import Screen, Voice


class Speak:
    def __init__(self, basics: Basics, audio_dir: Path) -> None:
        self.basics = basics
        self.audio_dir = audio_dir

    async def languages(self, user: User) -> Screen:
        return self.language_list(await self.basics.language_of(user))

    def language_list(self, language: str) -> Screen:
        return self.basics.bundle.views.tools.spoken_languages(language)

    def messages(self, language: str, code: str) -> Screen | None:
        target = self.basics.bundle.spoken.get(code)
        return None if target is None else self.basics.bundle.views.tools.spoken_messages(
            language, target)  # fmt: skip

    async def say(self, user: User, what: str) -> Reply | None:
        """A message as a voice message, sent after the list (which stays as it is)."""
        code, _, number = what.partition(":")
        bundle = self.basics.bundle
        target, messages = bundle.spoken.get(code), bundle.spoken.messages
        if target is None or not is_number(number) or int(number) >= len(messages):
            return None
        language = await self.basics.language_of(user)
        message = messages[int(number)]
        tools = bundle.views.tools
        listing = tools.spoken_messages(language, target)
        path = audio_file(self.audio_dir, target, message)
        if not path.exists():
            caption = tools.spoken_caption(language, target, message, audio=False)
            return Reply(listing, keep=True, then=Screen(caption))
        key = f"{code}/{path.name}"
        voice = Voice(key, path, await self._file_id(key))
        caption = tools.spoken_caption(language, target, message)
        return Reply(listing, keep=True, then=Screen(caption, voice=voice))

    async def uploaded(self, voice: Voice, file_id: str) -> None:
        """Telegram took the file: next time, send its file_id instead."""
        if voice.file_id == file_id:
            return
        keeping = self.basics.storage.remember_voice_file(voice.key, file_id)
        await self.basics.try_to(keeping, "a voice file id is not kept")

    async def _file_id(self, key: str) -> str | None:
        reading = self.basics.storage.voice_file(key)
        return await self.basics.read(reading, None, "the audio is uploaded again")
