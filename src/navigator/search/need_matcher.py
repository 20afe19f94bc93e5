"""Finding need categories in what a client said, tolerant of typos."""

from __future__ import annotations

from dataclasses import dataclass

from navigator.domain.needs import NeedLexicon
from navigator.search.vocabulary import STOP_WORDS, Vocabulary


@dataclass(frozen=True)
class NeedHit:
    """A need found in the query, and which query words pointed at it."""

    code: str
    positions: tuple[int, ...]
    exact: bool


class NeedMatcher:
    def __init__(self, lexicon: NeedLexicon) -> None:
        self.lexicon = lexicon
        self.single: dict[str, set[str]] = {}
        self.phrases: list[tuple[tuple[str, ...], str]] = []
        for need in lexicon.needs:
            for phrase in need.phrases:
                if len(phrase) == 1:
                    self.single.setdefault(phrase[0], set()).add(need.code)
                else:
                    self.phrases.append((phrase, need.code))
        # Longest phrases first so "kids haven't eaten" wins over "kids".
        self.phrases.sort(key=lambda item: -len(item[0]))
        self.vocabulary = Vocabulary(self.single)
        self.phrase_words = Vocabulary(w for phrase, _ in self.phrases for w in phrase)

    def correct_scored(self, token: str) -> tuple[str, float] | None:
        """The closest client word, alone or in a phrase: "meication" is "medication"."""
        candidates = (
            self.phrase_words.correct_scored(token),
            self.vocabulary.correct_scored(token),
        )
        found = [c for c in candidates if c is not None]
        return max(found, key=lambda c: c[1]) if found else None

    def knows(self, word: str) -> bool:
        """Whether the word is a client word, alone or inside a phrase."""
        return word in self.single or word in self.phrase_words

    def _normalized(self, tokens: list[str], last_is_prefix: bool) -> list[str]:
        """Tokens with typos corrected against the lexicon, so "fod bank" reads "food bank"."""
        fixed = []
        for position, token in enumerate(tokens):
            typing = last_is_prefix and position == len(tokens) - 1
            known = token in self.single or token in self.phrase_words or token in STOP_WORDS
            if known or typing:
                fixed.append(token)
                continue
            best = self.correct_scored(token)
            fixed.append(best[0] if best else token)
        return fixed

    def needs_of_word(self, word: str, *, prefix: bool) -> tuple[set[str], bool]:
        """Needs a single query word points at, and whether the match was exact."""
        if word in self.single:
            return set(self.single[word]), True
        if prefix and len(word) >= 3:
            found: set[str] = set()
            for known in self.vocabulary.with_prefix(word, limit=20):
                found |= self.single[known]
            if found:
                return found, False
        corrected = self.vocabulary.correct(word)
        if corrected is not None:
            return set(self.single[corrected]), False
        return set(), False

    def match(self, tokens: list[str], *, last_is_prefix: bool) -> list[NeedHit]:
        """Needs mentioned in the tokens, in the order the client mentioned them."""
        hits: list[NeedHit] = []
        used: set[int] = set()
        tokens = self._normalized(tokens, last_is_prefix)
        for phrase, code in self.phrases:
            size = len(phrase)
            for start in range(len(tokens) - size + 1):
                span = range(start, start + size)
                if any(i in used for i in span):
                    continue
                if tuple(tokens[start : start + size]) == phrase:
                    hits.append(NeedHit(code, tuple(span), True))
                    used.update(span)
        for position, token in enumerate(tokens):
            if position in used or token in STOP_WORDS:
                continue
            prefix = last_is_prefix and position == len(tokens) - 1
            codes, exact = self.needs_of_word(token, prefix=prefix)
            for code in sorted(codes):
                hits.append(NeedHit(code, (position,), exact))
        hits.sort(key=lambda h: h.positions[0])
        return hits
