"""Comparing what people type with what the bot knows, in any script.

Everything is compared in a normalized form: Unicode NFKC, case folded, accents and other
combining marks removed, Arabic letter variants unified, invisible marks dropped. Words
become terms (word forms meeting) in :mod:`bot.content.terms`.
"""

from __future__ import annotations

import re
import unicodedata

ARABIC_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                                  "ؤ": "و", "ئ": "ي", "ـ": None})  # fmt: skip
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+")  # a run of it
WORD = re.compile(r"[^\W_]+", re.UNICODE)  # letters and digits
MAX_INPUT_CHARS = 500  # longer texts are cut: nobody's question needs more to be understood


def normalize(text: str) -> str:
    """The form in which texts are compared."""
    text = unicodedata.normalize("NFKD", text[:MAX_INPUT_CHARS].casefold())
    text = "".join(char for char in text if not unicodedata.combining(char)
                   and unicodedata.category(char) != "Cf")  # fmt: skip
    return unicodedata.normalize("NFKC", text).translate(ARABIC_VARIANTS)


def fold(word: str) -> str:
    """One word in the form in which words are compared (see :func:`normalize`)."""
    return normalize(word)


def has_cjk(text: str) -> bool:
    return bool(CJK.search(text))
