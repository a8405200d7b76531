"""Comparing what people type with what the bot knows, in any script.

Everything is compared in a normalized form: Unicode NFKC, case folded, accents and other
combining marks removed, Arabic letter variants unified, invisible marks dropped. Words
are runs of letters and digits; Chinese, Japanese and Korean text, written without spaces,
is cut into overlapping pairs of characters so that words inside a sentence can be found.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_ARABIC_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                                  "ؤ": "و", "ئ": "ي", "ـ": None})  # fmt: skip
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_TAG = re.compile(r"<[^>]+>")
MAX_INPUT_CHARS = 500  # longer texts are cut: nobody's question needs more to be understood


def normalize(text: str) -> str:
    """The form in which texts are compared."""
    text = unicodedata.normalize("NFKD", text[:MAX_INPUT_CHARS].casefold())
    text = "".join(char for char in text if not unicodedata.combining(char)
                   and unicodedata.category(char) != "Cf")  # fmt: skip
    return unicodedata.normalize("NFKC", text).translate(_ARABIC_VARIANTS)


def words(text: str) -> list[str]:
    """The words of ``text``, normalized; CJK runs become pairs of characters."""
    result: list[str] = []
    for word in _WORD.findall(normalize(_TAG.sub(" ", text))):
        if _CJK.search(word):
            result += cjk_pairs(word)
        else:
            result.append(word)
    return result


def cjk_pairs(word: str) -> list[str]:
    """ "乌克兰热线" -> ["乌克", "克兰", "兰热", "热线"]; a single character stays itself."""
    if len(word) < 2:
        return [word]
    return [word[i : i + 2] for i in range(len(word) - 1)]


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


class Phrases:
    """A set of words and short phrases, found in a text as whole words (in any script)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.sequences = {tuple(words(phrase)) for phrase in phrases if words(phrase)}
        self.cjk = {normalize(phrase).strip() for phrase in phrases if has_cjk(phrase)}

    def found_in(self, text: str) -> bool:
        normal = normalize(text)
        if any(phrase and phrase in normal for phrase in self.cjk):
            return True
        found = words(text)
        return any(
            found[i : i + len(sequence)] == list(sequence)
            for sequence in self.sequences
            for i in range(len(found) - len(sequence) + 1)
        )
