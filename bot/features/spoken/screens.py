"""The spoken messages' screens: every language in its own name and the responder's, the
messages of one language, and the caption of a voice message."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.content.names import language_name
from bot.content.spoken import SpokenLanguage
from bot.core.callbacks import SAY, SHOW_SPOKEN, SPOKEN_LANGUAGE
from bot.core.screens import Button, Screen, escape, italic
from bot.features import buttons

if TYPE_CHECKING:
    from bot.content.bundle import Bundle

LABEL_CHARS = 60  # a spoken message's button shows its start


class SpokenScreens:
    def __init__(self, bundle: Bundle) -> None:
        self.bundle, self.spoken = bundle, bundle.spoken
        self.text = bundle.locales.get

    def languages(self, language: str) -> Screen:
        """Every language, in its own name and the responder's, two to a row."""
        named = sorted(self.spoken.languages.values(),
                       key=lambda item: language_name(item.code, language, label=True))  # fmt: skip
        choices = [Button(_label(item, language), SPOKEN_LANGUAGE(item.code)) for item in named]
        rows = [tuple(choices[i : i + 2]) for i in range(0, len(choices), 2)]
        rows.append((buttons.home(self.bundle, language),))
        return Screen(self.text(language, "spoken_intro"), tuple(rows))

    def messages(self, language: str, target: SpokenLanguage) -> Screen:
        """The messages to play in ``target``, labelled in the responder's ``language``."""
        mine = self.spoken.get(language) or target
        text = self.text(language, "spoken_choose", language=escape(target.name))
        if not target.reviewed:
            text += f"\n\n<i>⚠ {escape(self.text(language, 'spoken_unreviewed'))}</i>"
        rows: list[tuple[Button, ...]] = []
        for number, message in enumerate(self.spoken.messages):
            label = mine.texts[message]
            if len(label) > LABEL_CHARS:
                label = label[: LABEL_CHARS - 1].rstrip() + "…"
            rows.append((Button(f"🔊 {label}", SAY(f"{target.code}:{number}")),))
        back = Button(self.text(language, "spoken_languages"), SHOW_SPOKEN())
        rows.append((back, buttons.home(self.bundle, language)))
        return Screen(text, tuple(rows))

    def caption(
        self, language: str, target: SpokenLanguage, message: str, audio: bool = True
    ) -> str:
        """The words in the person's language, then in the responder's; a warning when not
        reviewed; a note when there is no audio to send."""
        caption = f"<b>{escape(target.texts[message])}</b>"
        mine = self.spoken.get(language)
        if mine is not None and mine.code != target.code:
            caption += f"\n{escape(mine.texts[message])}"
        if not target.reviewed:
            caption += f"\n<i>⚠ {escape(self.text(language, 'spoken_unreviewed'))}</i>"
        if not audio:
            caption += f"\n\n{italic(self.text(language, 'spoken_no_audio'))}"
        return caption


def _label(item: SpokenLanguage, language: str) -> str:
    """ "العربية · Arabic": the person can point at their own name."""
    own, theirs = item.name, language_name(item.code, language, label=True)
    return own if own.casefold() == theirs.casefold() else f"{own} · {theirs}"
