"""Searching the pages for what someone typed, in their language and in English.

Forgiving on purpose: people write in a second language, on a small keyboard, in distress.
A word of the question matches a word of a page when they are the same, when they share a
long beginning (word forms: "trafficked" ~ "trafficking", "помощи" ~ "помощь"), or when
they differ by a typo or two ("traficking"). Titles count more than texts.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.content.model import SOURCE_LANGUAGE, Content
from bot.content.textmatch import has_cjk, words

MAX_RESULTS = 5
TITLE_WEIGHT, TEXT_WEIGHT = 3.0, 1.0
MIN_WORD = 3  # shorter words ("of", "и", "de") say little; CJK pairs are exempt
SHARED_BEGINNING = 5  # letters two word forms must share
TYPO_SIMILARITY = 84  # out of 100, for words of 5 letters or more
RELATIVE_FLOOR = 0.35  # results scoring under this share of the best one are noise


@dataclass(frozen=True)
class SearchIndex:
    """For each language, each word and the pages it appears in, with a weight."""

    words: Mapping[str, Mapping[str, Mapping[str, float]]]  # language -> word -> page -> weight

    @classmethod
    def build(cls, content: Content) -> SearchIndex:
        index: dict[str, dict[str, dict[str, float]]] = {}
        for language, texts in content.texts.items():
            by_word: dict[str, dict[str, float]] = defaultdict(dict)
            for page_id, text in texts.items():
                if page_id == content.root:
                    continue  # the menu itself is never an answer
                for weight, source in ((TITLE_WEIGHT, text.title), (TEXT_WEIGHT, text.text)):
                    for word in _useful(words(source)):
                        pages = by_word[word]
                        pages[page_id] = max(pages.get(page_id, 0.0), weight)
            # A word found on many pages ("was", "the") tells little: weigh words by rarity.
            total = max(len(texts) - 1, 1)
            index[language] = {
                word: {page: weight * math.log(1 + total / len(pages))
                       for page, weight in pages.items()}
                for word, pages in by_word.items()
            }  # fmt: skip
        return cls(index)

    def search(self, query: str, language: str) -> list[str]:
        """Up to five page ids, best first, for ``query`` in ``language`` and English."""
        scores: dict[str, float] = defaultdict(float)
        query_words = list(dict.fromkeys(_useful(words(query))))
        for code in dict.fromkeys((language, SOURCE_LANGUAGE)):
            vocabulary = self.words.get(code, {})
            for word in query_words:
                for match, closeness in _matches(word, vocabulary):
                    for page_id, weight in vocabulary[match].items():
                        scores[page_id] += weight * closeness
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        if not ranked:
            return []
        floor = ranked[0][1] * RELATIVE_FLOOR
        return [page_id for page_id, score in ranked[:MAX_RESULTS] if score >= floor]


def _useful(found: Iterable[str]) -> Iterable[str]:
    return (word for word in found if len(word) >= MIN_WORD or has_cjk(word))


def _matches(word: str, vocabulary: Mapping[str, object]) -> list[tuple[str, float]]:
    """Words of the vocabulary that ``word`` stands for, with how close each is (0-1)."""
    if word in vocabulary:
        return [(word, 1.0)]
    if has_cjk(word):
        return []
    found = []
    if len(word) >= SHARED_BEGINNING:
        stem = word[:SHARED_BEGINNING]
        found = [(other, 0.8) for other in vocabulary if other.startswith(stem)]
    if not found and len(word) >= SHARED_BEGINNING:
        typos = process.extract(word, vocabulary.keys(), scorer=fuzz.ratio,
                                score_cutoff=TYPO_SIMILARITY, limit=3)  # fmt: skip
        found = [(other, 0.6) for other, _, _ in typos]
    return found
