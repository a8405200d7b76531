"""What people signal when they write: danger now, a situation that points to trafficking,
or a wish to help others. The same intents in every language, each a list of short
phrases in the locales (``intent_<name>``), written by editors.

A message signals an intent when it holds every word of one of its phrases, in any order
and in any form: words are compared as terms (:mod:`bot.content.terms`), and a word of
five letters or more may differ by a typo from the phrase's. A Chinese phrase's parts,
and emoji, are looked for as they are written. When several intents' phrases match, the
longest phrase wins ("how can I help victims" is someone who wants to help, though "help"
alone is danger); on a tie, danger comes first, then the situations, then helping, then
a greeting ("hi", "thanks", "ok", counted only as the whole of a short message). A
question's phrase ("what is", "how do I know") counts only where a sentence begins, and
then wins over anything but danger: "what is forced labour" asks for a page, not help.

The emergency numbers of every country in the directory, typed as digits ("112", "911"),
are danger too: anywhere in a message when they have three digits or more, and as the
whole message otherwise ("17" alone, not "I am 17").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.content.terms import reading_languages, surface_words, term, terms
from bot.content.textmatch import MAX_INPUT_CHARS, fold, has_cjk

DANGER = "danger"
QUESTION = "question"  # "what is...", "how do I know...": a question for the pages
SITUATIONS = ("documents", "wages", "debt", "threats", "confined", "forced")
HELPING = "helping"
GREETING = "greeting"  # "hi", "thanks", "ok": only as the whole of a short message
INTENTS = (DANGER, QUESTION, *SITUATIONS, HELPING, GREETING)  # the order that breaks ties
SHORT = 3  # words (or, in Chinese, twice as many characters) in a short message
OPENING = 4  # a question's words come among the first terms of a sentence
TYPO_SIMILARITY = 84  # out of 100, for words of five letters or more
TYPO_LENGTH = 5
_WHOLE = re.compile(r"[^\W_]", re.UNICODE)
_DIGITS = re.compile(r"(?<!\d)\d+(?!\d)", re.ASCII)
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_CLAUSE = re.compile(r"[,.;:!?¿¡،؟。，！？；]")


@dataclass(frozen=True)
class Phrase:
    intent: str
    words: frozenset[str]  # terms, all of which must be in the message
    parts: tuple[str, ...]  # written as they are (Chinese, emoji), all in the message

    @property
    def size(self) -> int:
        return len(self.words) + len(self.parts)


@dataclass(frozen=True)
class Signal:
    """The intent a message signals, and the phrase that showed it (for tests and tuning)."""

    intent: str
    phrase: str


@dataclass(frozen=True)
class Intents:
    phrases: Mapping[str, tuple[Phrase, ...]]  # language -> phrases
    words: Mapping[str, frozenset[str]]  # language -> every phrase's terms
    numbers: frozenset[str] = frozenset()  # emergency numbers, as digits
    names: Mapping[Phrase, str] = field(default_factory=dict)  # a phrase as written
    # language -> the four-letter words of the phrases, by their sorted letters (swaps)
    swaps: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    written: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # word -> its term

    @classmethod
    def build(cls, lists: Mapping[str, Mapping[str, str]], numbers: Iterable[str]) -> Intents:
        """``lists``: language -> intent -> comma-separated phrases (the locales')."""
        phrases: dict[str, tuple[Phrase, ...]] = {}
        names: dict[Phrase, str] = {}
        surfaces: dict[str, dict[str, str]] = {}
        for language, by_intent in lists.items():
            found = []
            surface = surfaces.setdefault(language, {})
            for intent in INTENTS:
                for written in by_intent.get(intent, "").split(","):
                    phrase = _phrase(intent, written, language)
                    if phrase is not None:
                        found.append(phrase)
                        names.setdefault(phrase, written.strip())
                        for word in surface_words(written):
                            surface.setdefault(word, term(word, language))
            phrases[language] = tuple(found)
        words = {language: frozenset(word for phrase in found for word in phrase.words)
                 for language, found in phrases.items()}  # fmt: skip
        digits = frozenset(number for number in numbers if number.isdigit())
        swaps: dict[str, dict[str, tuple[str, ...]]] = {}
        for language, surface in surfaces.items():  # four-letter words, by their letters
            by_letters: dict[str, list[str]] = {}
            for word in surface:
                if len(word) == TYPO_LENGTH - 1:
                    by_letters.setdefault("".join(sorted(word)), []).append(word)
            swaps[language] = {letters: tuple(same) for letters, same in by_letters.items()}
        return cls(phrases, words, digits, names, swaps, surfaces)

    def read(self, text: str, language: str) -> Signal | None:
        """The intent ``text`` signals, read in the person's language and in the languages
        of its script; ``None`` when it signals none."""
        text = text[:MAX_INPUT_CHARS]
        if (number := self._emergency_number(text)) is not None:
            return Signal(DANGER, number)
        folded = fold(text)
        best: tuple[int, int, Phrase] | None = None
        question: Phrase | None = None
        for code in reading_languages(text, language, self.phrases):
            said = terms(text, code)
            found = self._words_of(text, code, said)
            opening = _openings(text, code)
            short = _short(text, said)
            for phrase in self.phrases[code]:
                if phrase.intent == GREETING and not short:
                    continue
                words = opening if phrase.intent == QUESTION else found
                if phrase.words <= words and all(part in folded for part in phrase.parts):
                    if phrase.intent == QUESTION:
                        question = question or phrase
                    rank = (phrase.size, -INTENTS.index(phrase.intent))
                    if best is None or rank > best[:2]:
                        best = (*rank, phrase)
        if best is None:
            return None
        phrase = best[2]
        if question is not None and phrase.intent != DANGER:  # "what is forced labour?"
            phrase = question
        return Signal(phrase.intent, self.names.get(phrase, ""))

    def _words_of(self, text: str, language: str, said: list[str]) -> set[str]:
        """The message's terms (``said``), with each longer word a typo away from a
        phrase's word counted as that word too."""
        found = set(said)
        known, written = self.words.get(language, frozenset()), self.written.get(language, {})
        if found <= known:
            return found
        for word in surface_words(text):  # typos are in words as written, not in stems
            if word in written or term(word, language) in known:
                continue
            if len(word) >= TYPO_LENGTH:
                close = process.extract(word, written.keys(), scorer=fuzz.ratio,
                                        score_cutoff=TYPO_SIMILARITY, limit=2)  # fmt: skip
                found.update(written[other] for other, _, _ in close)
            elif len(word) == TYPO_LENGTH - 1:  # "hlep": two letters swapped, no more
                found.update(written[other] for other in self.swaps.get(language, {}).get(
                    "".join(sorted(word)), ()) if _swapped(word, other))  # fmt: skip
        return found

    def _emergency_number(self, text: str) -> str | None:
        text = ascii_digits(text)  # "٩٩٩" is 999
        alone = _NOT_WORD.sub("", text)  # "112!" and " 17 " are the number alone
        for number in _DIGITS.findall(text):
            if number in self.numbers and (len(number) >= 3 or number == alone):
                return number
        return None


def _short(text: str, said: list[str]) -> bool:
    """A short message (``said``: its terms): a greeting, a thanks, an "ok", not a sentence
    that holds one."""
    if has_cjk(text):
        return len(_NOT_WORD.sub("", text)) <= 2 * SHORT
    return len(said) <= SHORT


def _openings(text: str, language: str) -> set[str]:
    """The first terms of each sentence or clause of ``text``."""
    found: set[str] = set()
    for clause in _CLAUSE.split(text):
        found.update(terms(clause, language)[:OPENING])
    return found


def _swapped(word: str, other: str) -> bool:
    """Whether ``other`` is ``word`` with two neighbouring letters swapped."""
    return len(word) == len(other) and any(
        word[:i] + word[i + 1] + word[i] + word[i + 2 :] == other for i in range(len(word) - 1)
    )


def ascii_digits(text: str) -> str:
    """Every decimal digit (Arabic-Indic, Persian, Devanagari...) as its ASCII digit."""
    return "".join(str(unicodedata.digit(char)) if char.isdecimal() else char for char in text)


def _phrase(intent: str, written: str, language: str) -> Phrase | None:
    """A phrase as editors write it: words, and parts looked for as written (Chinese
    characters, emoji)."""
    words: set[str] = set()
    parts: list[str] = []
    for piece in written.split():
        if has_cjk(piece) or not _WHOLE.search(piece):
            parts.append(fold(piece))
        else:
            words.update(terms(piece, language))
    if not words and not parts:
        return None
    return Phrase(intent, frozenset(words), tuple(parts))
