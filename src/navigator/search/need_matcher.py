"""Finding need categories in what a client said, tolerant of typos."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from navigator.domain.needs import NeedLexicon
from navigator.domain.text import fold, words
from navigator.search.spanish import is_spanish, sound_key
from navigator.search.vocabulary import STOP_WORDS, Vocabulary

MIN_PHRASE_PREFIX = 3  # letters of a phrase's last word typed before the phrase counts
MIN_SOUNDED = 3  # letters of a word before a spelling by ear is guessed at


@dataclass(frozen=True)
class NeedHit:
    """A need found in the query, and which query words pointed at it."""

    code: str
    positions: tuple[int, ...]
    exact: bool
    weak: bool = False  # counts only when nothing else in the query names a need


class NeedMatcher:
    def __init__(self, lexicon: NeedLexicon) -> None:
        self.lexicon = lexicon
        self.filler = lexicon.filler
        self.modifiers = lexicon.modifiers
        self.people = lexicon.people
        self.urgent_phrases = lexicon.urgent_phrases
        self.purpose_words = frozenset(fold(w) for w in lexicon.purpose_words)
        self.about_the_client = frozenset(lexicon.about_the_client)
        self.urgent_means = tuple(dict.fromkeys(fold(w) for w in lexicon.urgent_means))
        self.brought_home = lexicon.brought_home_phrases
        self.asking_phrases = lexicon.asking_phrases
        # Whom the client speaks of, or a kind of help: a need only when nothing else is.
        in_context = lexicon.people | lexicon.modifiers
        # A phrase ("ssi" -> "social security") keeps its words, folded, joined by a space:
        # a listing says it where all of them are in one field (scoring.said_in).
        self.same_as = {
            fold(word): tuple(" ".join(words(o)) for o in others if words(o))
            for word, others in lexicon.same_as.items()
        }
        self.single: dict[str, set[str]] = {}
        self.weak_single: dict[str, set[str]] = {}
        self.phrases: list[tuple[tuple[str, ...], str, bool]] = []
        for need in lexicon.needs:
            for phrase in need.phrases:
                if len(phrase) == 1 and phrase[0] in in_context:
                    self.weak_single.setdefault(phrase[0], set()).add(need.code)
                elif len(phrase) == 1:
                    self.single.setdefault(phrase[0], set()).add(need.code)
                else:
                    self.phrases.append((phrase, need.code, False))
            for phrase in need.weak_phrases:
                if len(phrase) == 1:
                    self.weak_single.setdefault(phrase[0], set()).add(need.code)
                else:
                    self.phrases.append((phrase, need.code, True))
        # Longest phrases first so "kids haven't eaten" wins over "kids".
        self.phrases.sort(key=lambda item: -len(item[0]))
        # Each phrase by its first word (said in full even while the last is typed), with
        # its place in that order, so a keystroke looks only at phrases the query can start.
        self.by_first: dict[str, list[tuple[int, tuple[str, ...], str, bool]]] = {}
        for order, (phrase, code, weak) in enumerate(self.phrases):
            self.by_first.setdefault(phrase[0], []).append((order, phrase, code, weak))
        # Which kind of a need's services the sentence asks for: each kind's phrases by
        # their first word, with the kind's need and the directory's words for it.
        self.kind_phrases: dict[str, list[tuple[tuple[str, ...], str, tuple[str, ...]]]] = {}
        for need in lexicon.needs:
            for kind in need.kinds:
                for phrase in kind.said:
                    self.kind_phrases.setdefault(phrase[0], []).append(
                        (phrase, need.code, kind.listing_words)
                    )
        self.vocabulary = Vocabulary(self.single)
        self.weak_vocabulary = Vocabulary(self.weak_single)
        self.phrase_words = Vocabulary(w for phrase, _, _ in self.phrases for w in phrase)
        # Our words by how they sound in Spanish; a sound two words share is left out.
        by_sound: dict[str, set[str]] = {}
        ours = (
            *self.single, *self.weak_single, *self.phrase_words.words, *self.filler,
            *STOP_WORDS, *self.same_as,
        )  # fmt: skip
        for word in ours:
            if len(word) >= MIN_SOUNDED:
                by_sound.setdefault(sound_key(word), set()).add(word)
        self.by_sound = {key: next(iter(w)) for key, w in by_sound.items() if len(w) == 1}

    def correct_scored(self, token: str) -> tuple[str, float] | None:
        """The closest client word, alone or in a phrase: "meication" is "medication"."""
        candidates = (
            self.phrase_words.correct_scored(token),
            self.vocabulary.correct_scored(token),
            self.weak_vocabulary.correct_scored(token),  # "huband" is still a husband
        )
        found = [c for c in candidates if c is not None]
        return max(found, key=lambda c: c[1]) if found else None

    def urgent(self, tokens: list[str], claimed: set[int]) -> dict[int, int]:
        """Where the tokens say the help is wanted at once: each urgent phrase's last
        position and its length; words a need's phrase has claimed are not urgent."""
        found: dict[int, int] = {}
        taken: set[int] = set()
        for phrase in self.urgent_phrases:
            size = len(phrase)
            for start in range(len(tokens) - size + 1):
                span = set(range(start, start + size))
                if tuple(tokens[start : start + size]) == phrase and not span & (claimed | taken):
                    found[start + size - 1] = size
                    taken |= span
        return found

    def asks_brought_home(self, tokens: list[str]) -> bool:
        """Whether the tokens ask for help brought to the client's home ("delivered")."""
        return bool(_said(tokens, self.brought_home))

    def asking(self, tokens: list[str]) -> set[int]:
        """Positions of words that say the client wants to obtain a service ("apply")."""
        return _said(tokens, self.asking_phrases)

    def kinds(self, tokens: list[str], needs: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """For each of `needs` whose kind the tokens say, anywhere ("my husband beats me":
        domestic violence), the directory's words for the kinds said."""
        wanted = set(needs)
        found: dict[str, dict[str, None]] = {}
        if not wanted:
            return {}
        for start, token in enumerate(tokens):
            for phrase, code, listed in self.kind_phrases.get(token, ()):
                if code in wanted and tuple(tokens[start : start + len(phrase)]) == phrase:
                    found.setdefault(code, {}).update(dict.fromkeys(listed))
        return {code: tuple(listed) for code, listed in found.items()}

    def sounded(self, token: str) -> str | None:
        """Our word that `token` spells by ear ("nesesito" -> "necesito"), if exactly one."""
        if len(token) < MIN_SOUNDED:
            return None
        found = self.by_sound.get(sound_key(token))
        return found if found != token else None

    def singular(self, token: str) -> str | None:
        """The client word `token` is the plural of, if any ("pantries" -> "pantry")."""
        if token in self.single or not token.endswith("s"):
            return None
        for word in (token[:-1], token[:-2], token[:-3] + "y"):
            if len(word) >= MIN_SOUNDED and word in self.single:
                return word
        return None

    def names_alone(self, word: str) -> bool:
        """Whether the word names a need by itself, or is a filler or stop word."""
        return (
            word in self.single
            or word in self.weak_single
            or word in self.filler
            or word in STOP_WORDS
        )

    def names_whole(self, word: str) -> bool:
        """Whether the word, as it stands, is a client word that names a need by itself
        (or its plural): "raped" is, "rap" is only the start of one."""
        return word in self.single or self.singular(word) is not None

    def knows(self, word: str) -> bool:
        """Whether the word is ours: a client word, alone or in a phrase, or a filler word.

        Known words are never typo-corrected: "renta" stays Spanish for rent.
        """
        return (
            word in self.single
            or word in self.phrase_words
            or word in self.weak_single
            or word in self.filler
            or word in STOP_WORDS
        )

    def could_be_typing(self, token: str) -> bool:
        """Whether a half-typed word is the beginning of a client word."""
        return bool(
            self.vocabulary.with_prefix(token, limit=1)
            or self.phrase_words.with_prefix(token, limit=1)
        )

    def _normalized(
        self, tokens: list[str], last_is_prefix: bool, kept: frozenset[int] = frozenset()
    ) -> list[str]:
        """Tokens with typos corrected against the lexicon, so "fod bank" reads "food bank";
        the `kept` positions are real words (the catalogue's own) and are left as they are."""
        fixed = []
        for position, token in enumerate(tokens):
            typing = last_is_prefix and position == len(tokens) - 1
            if position in kept or self.knows(token) or (typing and self.could_be_typing(token)):
                fixed.append(token)
                continue
            best = self.correct_scored(token)
            fixed.append(best[0] if best and not _into_english(token, best[0]) else token)
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
        if self.knows(word):
            return set(), True  # "mental" alone is not a typo for "dental"
        corrected = self.vocabulary.correct(word)
        if corrected is not None and not _into_english(word, corrected):
            return set(self.single[corrected]), False
        return set(), False

    def match(
        self, tokens: list[str], *, last_is_prefix: bool, kept: frozenset[int] = frozenset()
    ) -> list[NeedHit]:
        """Needs mentioned in the tokens, in the order the client mentioned them; the words
        at `kept` positions are never typo-corrected ("paying" is not "pain")."""
        hits: list[NeedHit] = []
        used: set[int] = set()
        tokens = self._normalized(tokens, last_is_prefix, kept)
        last = len(tokens) - 1
        found: list[tuple[int, int, tuple[str, ...], str, bool]] = []
        for start, token in enumerate(tokens):
            for order, phrase, code, weak in self.by_first.get(token, ()):
                size = len(phrase)
                if start + size - 1 > last:
                    continue
                said = tuple(tokens[start : start + size])
                typed_beginning = (
                    last_is_prefix
                    and start + size - 1 == last
                    and len(said[-1]) >= MIN_PHRASE_PREFIX
                    and said[:-1] == phrase[:-1]
                    and phrase[-1].startswith(said[-1])
                )
                if said == phrase or typed_beginning:
                    found.append((order, start, phrase, code, weak))
        # Longest phrases first, then from the left, each word claimed once; a phrase two
        # needs share ("eviction notice": housing and legal) names both.
        claimed: dict[tuple[int, ...], tuple[str, ...]] = {}
        for _, start, phrase, code, weak in sorted(found):
            span = tuple(range(start, start + len(phrase)))
            if claimed.get(span) != phrase and any(i in used for i in span):
                continue
            hits.append(NeedHit(code, span, True, weak))
            claimed[span] = phrase
            used.update(span)
        for position, token in enumerate(tokens):
            if position in used or token in STOP_WORDS:
                continue
            if token in self.weak_single:
                for code in sorted(self.weak_single[token]):
                    hits.append(NeedHit(code, (position,), True, True))
                continue
            if token in self.filler and token not in self.single:
                continue
            singular = self.singular(token)
            if singular is not None:  # "alzheimers", "shelters": the need's word, plural
                for code in sorted(self.single[singular]):
                    hits.append(NeedHit(code, (position,), True))
                continue
            if position in kept and token not in self.single:
                continue  # a real word that names no need
            prefix = last_is_prefix and position == last
            codes, exact = self.needs_of_word(token, prefix=prefix)
            for code in sorted(codes):
                hits.append(NeedHit(code, (position,), exact))
        hits.sort(key=lambda h: h.positions[0])
        return hits


def _said(tokens: list[str], phrases: Iterable[tuple[str, ...]]) -> set[int]:
    """Positions of the tokens where any of `phrases` is said."""
    found: set[int] = set()
    for phrase in phrases:
        for start in range(len(tokens) - len(phrase) + 1):
            if tuple(tokens[start : start + len(phrase)]) == phrase:
                found.update(range(start, start + len(phrase)))
    return found


def _into_english(word: str, corrected: str) -> bool:
    """Whether a correction would turn a Spanish word into an English one: never a slip.
    "servicio" is not "eviction", "cocina" not "cocaine"; "desalojada" may be "desalojado"."""
    return is_spanish(word) and not is_spanish(corrected)
