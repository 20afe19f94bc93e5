"""A query as typed, parsed into words (with typo corrections) and the needs they name."""

from __future__ import annotations

from dataclasses import dataclass

from navigator.domain.text import words
from navigator.search.need_matcher import NeedHit, NeedMatcher
from navigator.search.spanish import is_spanish
from navigator.search.vocabulary import STOP_WORDS, Vocabulary

MAX_VARIANTS = 4  # other forms of one word ("taxes" -> "tax") a term may match


@dataclass(frozen=True)
class QueryTerm:
    """One word of the query and what it can match."""

    word: str
    forms: tuple[str, ...]  # the word, then its correction against the catalogue, if any
    prefix: bool  # the word is still being typed
    needs: frozenset[str]
    stop: bool
    # The word names its needs only as part of a phrase ("stamps" in "food stamps"):
    # on its own it says which service of the need, not the need.
    in_phrase_only: bool = False
    # The word says the help is wanted at once ("tonight"): it asks for help that is there now.
    urgent: bool = False
    # The word says what the need is for ("doctor" of "a ride to the doctor"): it names no
    # need, but of the need's services those that mention it fit better (a small lift).
    purpose: bool = False
    # The sentence says which kind of its needs' services it wants ("beats me" beside
    # "husband": domestic violence): the directory's words for that kind. Services of the
    # need that do not say them where they say what they are rank below those that do.
    kind_words: tuple[str, ...] = ()
    # The word being typed is already a whole client word of its needs ("raped"): the
    # need is as sure as once a space follows, and so is the kind it says.
    whole: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    terms: tuple[QueryTerm, ...]
    needs: tuple[str, ...]  # in the order the client mentioned them
    # The client asks for help brought home ("meals delivered"), or speaks of someone
    # who cannot leave it (an older or disabled person): programmes for the homebound fit.
    homebound: bool = False

    @property
    def scoring_terms(self) -> tuple[QueryTerm, ...]:
        meaningful = tuple(t for t in self.terms if not t.stop)
        return meaningful or self.terms

    @property
    def urgent(self) -> bool:
        """Whether the client wants help at once ("tonight", "right now")."""
        return any(t.urgent for t in self.terms)

    @property
    def empty(self) -> bool:
        return not self.terms


def _forms(
    word: str, vocabulary: Vocabulary, matcher: NeedMatcher, *, prefix: bool
) -> tuple[str, ...]:
    variants = [w for w in vocabulary.same_stem(word) if w != word][:MAX_VARIANTS]
    variants += [
        w
        for w in matcher.same_as.get(word, ())
        if w != word and all(part in vocabulary for part in w.split())
    ]
    if word in vocabulary or variants or matcher.knows(word) or is_spanish(word):
        # A word of ours, or a Spanish one, is never "corrected" into the catalogue's:
        # "renta" is not "reentry", "esposo" is not "sponsor".
        return (word, *variants)
    if prefix:
        if vocabulary.with_prefix(word, limit=1):
            return (word,)
        beginning = vocabulary.correct_prefix(word)
        return (word, beginning) if beginning else (word,)
    corrected = vocabulary.correct(word)
    return (word, corrected) if corrected else (word,)


def _by_ear(
    tokens: list[str], vocabulary: Vocabulary, matcher: NeedMatcher, *, still_typing: bool
) -> list[str]:
    """Tokens with words spelt by ear respelt as ours: "nesesito ayuda con la lus" reads
    "necesito ayuda con la luz". Only in a Spanish sentence (another of its words is
    Spanish), only words nobody knows (not the catalogue's, not ours, not Spanish); a
    word still being typed is left alone."""
    respelt = list(tokens)
    spanish = [is_spanish(token) for token in tokens]
    for i, token in enumerate(tokens):
        if (
            not any(spanish[:i] + spanish[i + 1 :])
            or (still_typing and i == len(tokens) - 1)
            or token in vocabulary
            or matcher.knows(token)
            or is_spanish(token)
        ):
            continue
        respelt[i] = matcher.sounded(token) or token
    return respelt


def _purposes(hits: list[NeedHit], tokens: list[str], matcher: NeedMatcher) -> list[NeedHit]:
    """Needs named after a purpose word that follows another need: what the help is for
    ("clothes for a job interview": the job), not the help."""
    first = min((h.positions[0] for h in hits), default=len(tokens))
    after = next(
        (i for i in range(first + 1, len(tokens)) if tokens[i] in matcher.purpose_words), None
    )
    if after is None:
        return []
    before = {h.code for h in hits if h.positions[-1] < after}
    return [
        h
        for h in hits
        if h.positions[0] > after
        and h.code not in before
        and h.code not in matcher.about_the_client
    ]


def _may_grow(word: str, vocabulary: Vocabulary, matcher: NeedMatcher) -> bool:
    """Whether a word being typed may still become a longer word, ours or the catalogue's."""
    return any(
        known != word
        for words_of in (vocabulary, matcher.vocabulary, matcher.phrase_words)
        for known in words_of.with_prefix(word, limit=2)
    )


def parse_query(
    text: str, vocabulary: Vocabulary, matcher: NeedMatcher, *, finished: bool = False
) -> ParsedQuery:
    """The query's words and needs; its last word is still being typed unless `finished`
    or followed by a space."""
    still_typing = not finished and bool(text) and not text[-1].isspace()
    tokens = _by_ear(words(text), vocabulary, matcher, still_typing=still_typing)
    # Where a typo is equally close to two client words ("diner": dinner, dinero), the
    # catalogue's own vocabulary decides, as it does for the words themselves.
    for_needs = list(tokens)
    for i, token in enumerate(tokens):
        if (
            (still_typing and i == len(tokens) - 1)
            or matcher.knows(token)
            or token in vocabulary
            or is_spanish(token)
        ):
            continue
        ours, theirs = vocabulary.correct_scored(token), matcher.correct_scored(token)
        if ours and matcher.knows(ours[0]) and (theirs is None or ours[1] >= theirs[1]):
            for_needs[i] = ours[0]
    # A word the catalogue itself uses is a real word, not a slip for a client word.
    kept = frozenset(
        i
        for i, token in enumerate(tokens)
        if not (still_typing and i == len(tokens) - 1) and token in vocabulary
    )
    hits = matcher.match(for_needs, last_is_prefix=still_typing, kept=kept)
    filler = {i for i, token in enumerate(tokens) if token in matcher.filler}
    if any(not hit.weak for hit in hits):
        # "no money" beside "haven't eaten" says why, not what: the sentence is about food.
        # A kind of help ("voucher" of "child care voucher") still says which service.
        filler.update(
            p
            for hit in hits
            if hit.weak
            for p in hit.positions
            if for_needs[p] not in matcher.modifiers
        )
        hits = [hit for hit in hits if not hit.weak]
    purposes = _purposes(hits, for_needs, matcher)
    hits = [hit for hit in hits if hit not in purposes]
    purpose_at = {p for hit in purposes for p in hit.positions}
    filler.update(purpose_at)
    # "apply for ssi" asks for SSI: beside a need, "apply" says nothing of which service.
    if hits:
        filler |= matcher.asking(for_needs) - {p for h in hits for p in h.positions}
    needs_at: dict[int, set[str]] = {}
    for hit in hits:
        # Whom a told phrase speaks of ("kids" of "kids haven't eaten") is not a search
        # word; in a name for the help ("child care", "baby formula") it is.
        told = any(for_needs[p] in matcher.filler for p in hit.positions)
        said = [p for p in hit.positions if not (told and for_needs[p] in matcher.people)] or list(
            hit.positions
        )
        filler.update(p for p in hit.positions if p not in said)
        for position in said:
            needs_at.setdefault(position, set()).add(hit.code)
    needs = tuple(dict.fromkeys(h.code for h in hits))
    # "tonight": the sentence's needs, met first by the services of them that help at once.
    # A last word still being typed is urgent once no longer word begins with it: "tonight"
    # is, "now" (of "nowhere") waits for the space.
    typed = len(tokens) - 1 if still_typing and _may_grow(tokens[-1], vocabulary, matcher) else -1
    urgent = matcher.urgent(
        for_needs, claimed={p for h in hits if not h.weak for p in h.positions} | {typed}
    )
    rest_of_urgent = {p for last, size in urgent.items() for p in range(last - size + 1, last)}
    for last in urgent:
        needs_at[last] = set(needs)
        filler.discard(last)
    filler |= rest_of_urgent
    # "my husband beats me": of the safety services, those for domestic violence.
    # A kind phrase the word being typed completes counts ("he hit me" says domestic
    # violence before any space); typing on ("me" -> "meals") breaks the phrase again.
    kinds = matcher.kinds(for_needs, needs)
    terms = []
    for i, token in enumerate(tokens):
        typing = still_typing and i == len(tokens) - 1
        forms = (
            (token, *(w for w in matcher.urgent_means if w != token))
            if i in urgent
            else _forms(token, vocabulary, matcher, prefix=typing)
        )
        # A word still being typed says its need's kind only once it is a whole word of
        # the need ("rape", "raped"); "rap" may yet be anything.
        whole = typing and i in needs_at and matcher.names_whole(for_needs[i])
        kind_words = (
            ()
            if i in urgent or (typing and not whole)
            else tuple(
                w
                for code in sorted(needs_at.get(i, ()))
                for w in kinds.get(code, ())
                if all(part in vocabulary for part in w.split())
            )
        )
        terms.append(
            QueryTerm(
                word=token,
                forms=forms,
                prefix=typing,
                needs=frozenset(needs_at.get(i, ())),
                # A stop word inside a need's phrase ("me" of "hit me") says nothing alone.
                stop=i not in urgent
                and (
                    token in STOP_WORDS
                    or i in rest_of_urgent
                    or (i in filler and i not in needs_at and i not in purpose_at)
                ),
                in_phrase_only=i in needs_at
                and i not in urgent
                and not matcher.names_alone(for_needs[i])
                and not typing,
                kind_words=tuple(dict.fromkeys(kind_words)),
                urgent=i in urgent,
                purpose=i in purpose_at and i not in needs_at and token not in STOP_WORDS,
                whole=whole,
            )
        )
    homebound = matcher.asks_brought_home(for_needs) or any(
        code in matcher.about_the_client for code in needs
    )
    return ParsedQuery(text=text, terms=tuple(terms), needs=needs, homebound=homebound)
