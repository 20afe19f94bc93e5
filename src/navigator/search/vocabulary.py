"""Words the search knows, with prefix lookup and typo correction against them."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from rapidfuzz import fuzz, process

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "the",
        "to",
        "for",
        "of",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "my",
        "me",
        "i",
        "im",
        "i'm",
        "we",
        "our",
        "need",
        "needs",
        "needed",
        "help",
        "some",
        "somewhere",
        "someone",
        "anything",
        "get",
        "got",
        "have",
        "has",
        "is",
        "are",
        "was",
        "be",
        "it",
        "its",
        "this",
        "that",
        "there",
        "please",
        "want",
        "wants",
        "looking",
        "find",
        "where",
        "can",
        "could",
        "would",
        "like",
        "just",
    ]
)


def correction_cutoff(word: str) -> float:
    """How alike a typo must be to a known word: stricter for short words."""
    if len(word) <= 3:
        return 85.0
    if len(word) <= 5:
        return 80.0
    return 75.0


class Vocabulary:
    """A sorted set of words for exact, prefix and fuzzy lookup."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted(set(words))
        self._set = frozenset(self.words)

    def __contains__(self, word: str) -> bool:
        return word in self._set

    def with_prefix(self, prefix: str, limit: int = 400) -> list[str]:
        start = bisect.bisect_left(self.words, prefix)
        found: list[str] = []
        for word in self.words[start:]:
            if not word.startswith(prefix) or len(found) >= limit:
                break
            found.append(word)
        return found

    def correct(self, word: str) -> str | None:
        """The closest known word to a misspelt one, or None when nothing is close."""
        if len(word) < 3 or not self.words:
            return None
        best = process.extractOne(
            word, self.words, scorer=fuzz.ratio, score_cutoff=correction_cutoff(word)
        )
        return best[0] if best else None
