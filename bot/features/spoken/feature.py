"""Spoken messages for responders (/speak): choose the person's language, then a message;
the bot sends it as a voice message, captioned in that language and in the responder's.

Each audio file (:mod:`bot.features.spoken.audio`) is uploaded once: Telegram's file_id
for it is kept, with a key naming the language, message and text (never who asked), and
sent instead of the file afterwards."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.core.callbacks import SAY, SHOW_SPOKEN, SPOKEN_LANGUAGE, is_number
from bot.core.feature import Feature
from bot.core.routes import Command, Route, Tap
from bot.core.screens import Reply, Sample, Screen, Voice
from bot.core.visit import Visit
from bot.features.spoken.audio import audio_file
from bot.features.spoken.screens import SpokenScreens

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

KEYS = frozenset({
    "spoken_button", "spoken_intro", "spoken_choose", "spoken_unreviewed", "spoken_no_audio",
    "spoken_languages", "command_speak",
})  # fmt: skip


class Spoken(Feature):
    keys = KEYS

    def routes(self) -> list[Route]:
        return [
            Command("speak", self.languages),
            Tap(SHOW_SPOKEN, self.languages),
            Tap(SPOKEN_LANGUAGE, self.messages),
            Tap(SAY, self.say),
        ]

    @property
    def screens(self) -> SpokenScreens:
        return SpokenScreens(self.services.bundle)

    async def languages(self, visit: Visit, _: str = "") -> Screen:
        return self.screens.languages(visit.language)

    async def messages(self, visit: Visit, code: str) -> Screen | None:
        target = self.services.bundle.spoken.get(code)
        return None if target is None else self.screens.messages(visit.language, target)

    async def say(self, visit: Visit, what: str) -> Reply | None:
        """A message as a voice message, sent after the list (which stays as it is)."""
        code, _, number = what.partition(":")
        spoken = self.services.bundle.spoken
        target, messages = spoken.get(code), spoken.messages
        if target is None or not is_number(number) or int(number) >= len(messages):
            return None
        message, screens = messages[int(number)], self.screens
        listing = screens.messages(visit.language, target)
        path = audio_file(self.services.config.audio_dir, target, message)
        if not path.exists():
            caption = screens.caption(visit.language, target, message, audio=False)
            return Reply(listing, keep=True, then=(Screen(caption),))
        key = f"{code}/{path.name}"
        reading = self.services.storage.voices.file_id(key)
        file_id = await self.services.read(reading, None, "the audio is uploaded again")
        caption = screens.caption(visit.language, target, message)
        voice = Voice(key, path, file_id)
        return Reply(listing, keep=True, then=(Screen(caption, voice=voice),))

    @staticmethod
    def samples(bundle: Bundle, language: str) -> Iterable[Sample]:
        """The list, and each language's messages and captions (named in themselves, so
        not held to the right-to-left rules)."""
        screens, spoken = SpokenScreens(bundle), bundle.spoken
        yield Sample("spoken languages", screens.languages(language), rtl=False)
        for target in spoken.languages.values():
            yield Sample(f"spoken messages in {target.code}", screens.messages(language, target),
                         rtl=False)  # fmt: skip
            for message in spoken.messages:
                caption = screens.caption(language, target, message, audio=False)
                yield Sample(f"spoken {target.code} {message}", Screen(caption), rtl=False)
