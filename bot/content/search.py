"""Searching the pages for what someone typed, in their language and in English.

Forgiving on purpose: people write in a second language, on a small keyboard, in distress.
Words are compared as terms (:mod:`bot.content.terms`): the forms of a word meet
("trafficked" ~ "trafficking", "помощи" ~ "помощь", "паспорта" ~ "паспорт"), Chinese is
cut into words, and a word of five letters or more may differ by a typo or two
("traficking"). Titles and the keywords editors give a page count more than its text.
A question is read in the person's language, in the languages of the script it is
written in, and in English.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.content.model import Content
from bot.content.terms import reading_languages, terms
from bot.content.textmatch import has_cjk

MAX_RESULTS = 5
TITLE_WEIGHT, KEYWORD_WEIGHT, TEXT_WEIGHT = 3.0, 3.0, 1.0
MIN_WORD = 3  # shorter terms ("of", "и", "de") say little; Chinese words are exempt
TYPO_LENGTH = 5  # terms this long may differ by a typo
TYPO_SIMILARITY = 84  # out of 100
TITLE_MATCH = 2.0  # added when the question is all in a page's title ("what is X?")
RELATIVE_FLOOR = 0.35  # results scoring under this share of the best one are noise


@dataclass(frozen=True)
class SearchIndex:
    """For each language, each word and the pages it appears in, with a weight."""

    words: Mapping[str, Mapping[str, Mapping[str, float]]]  # language -> word -> page -> weight
    titles: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)  # terms

    @classmethod
    def build(cls, content: Content) -> SearchIndex:
        index: dict[str, dict[str, dict[str, float]]] = {}
        titles: dict[str, dict[str, frozenset[str]]] = {}
        for language, texts in content.texts.items():
            titles[language] = {}
            by_word: dict[str, dict[str, float]] = defaultdict(dict)
            for page_id, text in texts.items():
                if page_id == content.root:
                    continue  # the menu itself is never an answer
                title = terms(text.title, language)
                titles[language][page_id] = frozenset(title)
                sources = ((TITLE_WEIGHT, title),
                           (KEYWORD_WEIGHT, terms(", ".join(text.keywords), language)),
                           (TEXT_WEIGHT, terms(text.text, language)))  # fmt: skip
                for weight, found in sources:
                    for word in _useful(found):
                        pages = by_word[word]
                        pages[page_id] = max(pages.get(page_id, 0.0), weight)
            # A word found on many pages ("was", "the") tells little: weigh words by rarity.
            total = max(len(texts) - 1, 1)
            index[language] = {
                word: {page: weight * math.log(1 + total / len(pages))
                       for page, weight in pages.items()}
                for word, pages in by_word.items()
            }  # fmt: skip
        return cls(index, titles)

    def search(self, query: str, language: str) -> list[str]:
        """Up to five page ids, best first, for ``query`` (see the module's docstring)."""
        scores: dict[str, float] = defaultdict(float)
        for code in reading_languages(query, language, self.words):
            vocabulary, asked = self.words[code], set(terms(query, code))
            for word in dict.fromkeys(_useful(asked)):
                for match, closeness in _matches(word, vocabulary):
                    for page_id, weight in vocabulary[match].items():
                        scores[page_id] += weight * closeness
            for page_id in list(scores):  # a title that is the question: "what is X?"
                if asked and asked <= self.titles.get(code, {}).get(page_id, frozenset()):
                    scores[page_id] += TITLE_MATCH
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        if not ranked:
            return []
        floor = ranked[0][1] * RELATIVE_FLOOR
        return [page_id for page_id, score in ranked[:MAX_RESULTS] if score >= floor]


def _useful(found: Iterable[str]) -> Iterable[str]:
    return (word for word in found if len(word) >= MIN_WORD or has_cjk(word))


def _matches(word: str, vocabulary: Mapping[str, object]) -> list[tuple[str, float]]:
    """Terms of the vocabulary that ``word`` stands for, with how close each is (0-1)."""
    if word in vocabulary:
        return [(word, 1.0)]
    if has_cjk(word) or len(word) < TYPO_LENGTH:
        return []
    typos = process.extract(word, vocabulary.keys(), scorer=fuzz.ratio,
                            score_cutoff=TYPO_SIMILARITY, limit=3)  # fmt: skip
    return [(other, 0.7) for other, _, _ in typos]
