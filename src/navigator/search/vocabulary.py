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
        # People in the story are not search terms ("he hit me", "my kids").
        "he",
        "she",
        "they",
        "him",
        "her",
        "his",
        "them",
        "their",
        "you",
        "your",
        "us",
        "am",
        "do",
        "does",
        "did",
        "too",
        "much",
        "very",
        "really",
        "so",
        # The same for Spanish, which clients often speak first.
        "necesito",
        "quiero",
        "ayuda",
        "para",
        "mi",
        "mis",
        "de",
        "del",
        "la",
        "el",
        "los",
        "las",
        "un",
        "una",
        "y",
        "con",
        "por",
        "que",
        "en",
    ]
)


PREFIX_CORRECTION_MIN = 4  # letters typed before a slip in a half-typed word is guessed at
PREFIX_CORRECTION_CUTOFF = 75.0  # one swapped or missing letter in 4-8 letters


def correction_cutoff(word: str) -> float:
    """How alike a typo must be to a known word: stricter for short words."""
    if len(word) <= 3:
        return 85.0
    if len(word) <= 5:
        return 80.0
    return 75.0


def stem(word: str) -> str:
    """A light English suffix strip, so "taxes" meets "tax" and "evicted" meets "evict".

    Deliberately crude (no dictionary): it only has to make plural and -ed/-ing forms
    of one word collide, and wrong collisions are rare among a catalogue's words.
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("es") and (word[-3] in "sxz" or word[-4:-2] in {"ch", "sh"}):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if len(word) > 6 and word.endswith("tion"):  # eviction -> evict, addiction -> addict
        return word[:-3]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    return word


class Vocabulary:
    """A sorted set of words for exact, prefix and fuzzy lookup."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted(set(words))
        self._set = frozenset(self.words)
        # Each keystroke re-parses the whole query, so earlier words' corrections recur.
        self._corrections: dict[str, tuple[str, float] | None] = {}
        self._beginnings: dict[int, list[str]] = {}
        self._by_stem: dict[str, list[str]] = {}
        for word in self.words:
            self._by_stem.setdefault(stem(word), []).append(word)

    def correct_prefix(self, prefix: str) -> str | None:
        """While a word is being typed with a slip ("shlet"), the known beginning it meant.

        Only asked when no known word starts with the prefix, so any close beginning is
        better than an empty result list mid-word.
        """
        size = len(prefix)
        if size < PREFIX_CORRECTION_MIN or not self.words:
            return None
        beginnings = self._beginnings.get(size)
        if beginnings is None:
            beginnings = sorted({w[:size] for w in self.words if len(w) >= size})
            self._beginnings[size] = beginnings
        # Slips are rarely in the first letter: try beginnings that keep it first.
        start = bisect.bisect_left(beginnings, prefix[0])
        end = bisect.bisect_left(beginnings, prefix[0] + "\uffff")
        for pool in (beginnings[start:end], beginnings):
            best = process.extractOne(
                prefix, pool, scorer=fuzz.ratio, score_cutoff=PREFIX_CORRECTION_CUTOFF
            )
            if best:
                return str(best[0])
        return None

    def same_stem(self, word: str) -> list[str]:
        """Known words that share `word`'s stem (its plural, -ed or -ing forms)."""
        return self._by_stem.get(stem(word), [])

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
        found = self.correct_scored(word)
        return found[0] if found else None

    def correct_scored(self, word: str) -> tuple[str, float] | None:
        """The closest known word and how alike it is (0-100), or None when nothing is close."""
        if len(word) < 3 or not self.words:
            return None
        if word in self._corrections:
            return self._corrections[word]
        best = process.extractOne(
            word, self.words, scorer=fuzz.ratio, score_cutoff=correction_cutoff(word)
        )
        found = (best[0], best[1]) if best else None
        if len(self._corrections) > 4096:
            self._corrections.clear()
        self._corrections[word] = found
        return found
