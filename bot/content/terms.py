"""Words as the bot compares them: the terms of a text in a language.

People write in distress, on a phone, in a second language: "они забрали паспорта", "j'ai
pas été payée", "老板扣了我的护照". A term is a word reduced to what its forms share, so that
the forms of a word meet:

- en, ar, es, fr, ru: the Snowball stemmers (PyStemmer); "passports" and "passport" give
  "passport", "забрали" and "забрать" give "забра";
- uk, which Snowball lacks: the lemma from pymorphy3's Ukrainian dictionary ("паспорта" →
  "паспорт", "забрали" → "забрати");
- zh, written without spaces: words cut by jieba, with a dictionary of its 24,000 most
  frequent words (the whole one holds 90 MiB in memory); nothing is written to disk;
- any other script: the word itself.

Every term is then folded (:func:`bot.content.textmatch.fold`): case, accents and Arabic
letter variants no longer matter. Stemming comes first, since stemmers need the letters
as written ("й", "ї"). The tools load on first use, not at import.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from bot.content.textmatch import CJK, MAX_INPUT_CHARS, WORD, fold, has_cjk

SNOWBALL = {"en": "english", "ar": "arabic", "es": "spanish", "fr": "french", "ru": "russian",
            "de": "german", "it": "italian", "pt": "portuguese", "tr": "turkish",
            "ro": "romanian", "nl": "dutch", "el": "greek", "hu": "hungarian"}  # fmt: skip
LATIN = frozenset({"en", "es", "fr", "de", "it", "pt", "tr", "ro", "nl", "hu"})  # accents
LEMMATIZED = frozenset({"uk"})
JIEBA_MIN_FREQUENCY = 200  # keeps about 24,000 of jieba's 349,000 words

_TAG = re.compile(r"<[^>]+>")
_REPEATED = re.compile(r"([^\W\d_])\1{2,}")  # a letter three times or more
# English negations as people type them, with or without the apostrophe ("can't" is read
# as "can" and "t"): each also counts as "not", so that "not paid" finds "havent been paid".
_ENGLISH_NOT = frozenset({"t", "cant", "cannot", "dont", "doesnt", "didnt", "wont", "isnt",
                          "arent", "wasnt", "werent", "havent", "hasnt", "hadnt", "couldnt",
                          "wouldnt", "shouldnt", "aint", "never", "no"})  # fmt: skip
# Which languages a script may be written in, among those the bot reads.
SCRIPTS = {"latin": ("en", "es", "fr"), "cyrillic": ("ru", "uk"), "arabic": ("ar",),
           "cjk": ("zh",)}  # fmt: skip


def terms(text: str, language: str) -> list[str]:
    """The terms of ``text`` read as ``language``, in order."""
    text = _stretched(unicodedata.normalize("NFC", _TAG.sub(" ", text[:MAX_INPUT_CHARS])))
    result: list[str] = []
    for word in WORD.findall(text):
        if has_cjk(word):
            result += chinese_words(word)
            continue
        result.append(term(word, language))
        if language == "en" and word in _ENGLISH_NOT:  # "cant", "doesn't": also "not"
            result.append("not")
    return [found for found in result if found]


def surface_words(text: str) -> list[str]:
    """The words of ``text`` as written, folded but not stemmed (typos are looked for in
    these: "помагите" is a typo of "помогите", though their stems differ)."""
    text = _stretched(unicodedata.normalize("NFC", text[:MAX_INPUT_CHARS]))
    return [fold(word) for word in WORD.findall(text) if not has_cjk(word)]


def _stretched(text: str) -> str:
    """Case folded, and letters stretched for emphasis shortened: "helppp", "ayudaaa"."""
    return _REPEATED.sub(r"\1", text.casefold())


@lru_cache(maxsize=8192)
def term(word: str, language: str) -> str:
    """One word's term (cached: people use the same words)."""
    if language in LATIN:  # "enlevée", typed "enlevee" or "enleve": one term, "enlev"
        word = fold(word)
        stemmer = _stemmer(SNOWBALL[language])
        for _ in range(3):  # unaccented forms lose their endings one at a time
            shorter = stemmer.stemWord(word)
            if shorter == word:
                break
            word = shorter
    elif language == "ar":  # "النجدة" is often typed "النجده": the shorter stem of the two
        stemmer = _stemmer("arabic")
        stems = [stemmer.stemWord(word), word]
        if word.endswith("ه"):
            stems[1] = stemmer.stemWord(word[:-1] + "ة")
        word = min(stems, key=len)
    elif language in SNOWBALL:
        word = _stemmer(SNOWBALL[language]).stemWord(word)
    elif language in LEMMATIZED:
        word = _lemma(word)
    return fold(word)


def chinese_words(text: str) -> list[str]:
    """Chinese (or Japanese, Korean) text cut into words; punctuation dropped."""
    words: list[str] = []
    for run in CJK.findall(text):
        words += [fold(word) for word in _segmenter().cut(run) if word.strip()]
    return words


def scripts(text: str) -> set[str]:
    """The scripts of the letters in ``text``: latin, cyrillic, arabic, cjk."""
    found = set()
    for char in text[:MAX_INPUT_CHARS]:
        if not char.isalpha():
            continue
        if CJK.match(char):
            found.add("cjk")
            continue
        name = unicodedata.name(char, "")
        for script in ("LATIN", "CYRILLIC", "ARABIC"):
            if name.startswith(script):
                found.add(script.lower())
    return found


def reading_languages(text: str, preferred: str, languages: Iterable[str]) -> list[str]:
    """The languages to read ``text`` in: the person's own and English; and for a script
    the person's language is not written in (Cyrillic from someone whose Telegram is in
    English), the languages written in it. Only those the bot has."""
    have = set(languages)
    ordered = [preferred]
    for script in sorted(scripts(text)):
        if preferred not in SCRIPTS[script]:
            ordered += SCRIPTS[script]
    ordered.append("en")
    return [language for language in dict.fromkeys(ordered) if language in have]


@cache
def _stemmer(algorithm: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer(algorithm)


@cache
def _morphology() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


def _lemma(word: str) -> str:
    if not word.isalpha() or word.isascii():
        return word
    return str(_morphology().parse(word)[0].normal_form)


@cache
def _segmenter() -> Any:
    """jieba with its most frequent words, built in memory (no cache file written)."""
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    with jieba.get_module_res("dict.txt") as whole:
        kept = [line for line in whole if _frequency(line) >= JIEBA_MIN_FREQUENCY]
    segmenter = jieba.Tokenizer()
    segmenter.FREQ, segmenter.total = segmenter.gen_pfdict(io.BytesIO(b"".join(kept)))
    segmenter.initialized = True  # the dictionary is built: initialize() would load the whole
    return segmenter


def _frequency(line: bytes) -> int:
    parts = line.split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
