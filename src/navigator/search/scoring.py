"""Scoring: how well each service answers a query, as one vectorised pass over every service.

A float per service per query word, so a keystroke costs a few array operations rather
than a Python loop over candidates (at 10,000 services a loop over the candidates of a
one-letter prefix took three quarters of a second).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np
import numpy.typing as npt

from navigator.domain.text import fold
from navigator.search.building import EMPTY, Bools, Floats, IndexedCatalogue, Ints, gather
from navigator.search.query import ParsedQuery, QueryTerm
from navigator.search.request import SearchRequest
from navigator.search.vocabulary import STOP_WORDS

# How much each kind of match is worth for one query word (1.0 = perfect).
NAME_WORD = 1.0
NEED = 0.95
TEXT_WORD = 0.75
OPENING_WORD = 0.85  # in the name or the description's first words: what the service is
NAME_PREFIX = 0.8
TEXT_PREFIX = 0.55
CORRECTED = 0.9  # multiplier when the word only matched after typo correction
PREFIX_NEED = 0.7
LANGUAGE_WORD = 0.9  # a query word that names a language the service speaks
LANGUAGE_MIN = 5  # letters: "spanish", "creole", not "es"
LONGER_WORD = 0.8  # multiplier for a finished word met as the start of a longer one
LONGER_WORD_MIN = 4  # letters: "car" must not meet "care"
LONGER_WORDS = 60
# A need match is worth NEED_FLOOR..1 of its value by how central the need is to the
# service (see centrality.py): with needs guessed from text, or dozens of services per
# need, this is what orders the services of one need.
NEED_FLOOR = 0.7
BOTH_BONUS = 0.3  # a word that names the need and also appears in the listing
# The client named a need: a service outside it, matching the word only in passing,
# stays below the services of that need.
OUTSIDE_NEED = 0.6
# A word that names the need only inside a phrase ("stamps" of "food stamps") is worth
# this share of the need's value to the need's services that do not have the word.
PHRASE_ONLY_SHARE = 0.8
# The query says which kind of the need's services it wants (query.py): the need's services
# of other kinds are worth PHRASE_ONLY_SHARE of it, never less than this: just above
# OUTSIDE_NEED, so they still come before services that only mention the words.
KIND_FLOOR = 0.61

# Adjustments on the 0-100 score.
COMPLETE_BONUS = 1.5  # hours, phone and address all listed: the client can be sent there
STALE_PENALTY = 3.0
# A listing whose opening says it serves others (a court's defendants, school staff)
# mentions a need without answering it: it follows the services that do.
SERVES_OTHERS_PENALTY = 25.0
SENIORS_ONLY_PENALTY = 9.0  # times how much the service is for older adults (0..1)
# A programme for the homebound (its name says so: "Home Delivered Meals") is, like one for
# older adults, not for a client who can come in, unless they ask (query.homebound).
HOMEBOUND_PENALTY = SENIORS_ONLY_PENALTY
# Recently verified listings are likelier to be right today: a small, fading bonus.
RECENT_BONUS = 2.0  # for a listing verified today, down to 0 at RECENT_DAYS
RECENT_DAYS = 90
# Distance from the site: up to NEAR_PENALTY points across the search radius, growing
# fastest over the first kilometres; beyond the radius, FAR_PENALTY more, so far
# services of the right kind come after near ones. A service whose place is unknown
# comes after the near ones of its kind (never above one 5 km away), before far ones.
NEAR_PENALTY = 7.0
UNKNOWN_PENALTY = 18.0
NEAR_SCALE_KM = 2.0
FAR_PENALTY = 25.0
# A query that closely matches a service's or organization's name puts it first.
NAME_MATCH_BONUS = 200.0
NAME_MATCH_SHARE = 0.6  # of the name's words the query must cover
NAME_OF_NEEDS_WORDS = 3  # words a name made only of need words must have to be named

# Urgency ("somewhere to sleep tonight"): the services of the need that are there at any
# hour come first (choosing.HELP_TONIGHT_BONUS). Directories say so in words ("24 hours",
# "24/7", "hotline", "overnight"), the only sign a directory without schedules gives.
# "Emergency", "crisis" or "urgent" say it less surely, and lift a service less: a
# programme named "Emergency Food and Shelter" pays bills. A programme that pays for
# things (its name or opening speaks of paying, bills, vouchers) is not help at once for
# any need but money, whatever it is called.
AT_ANY_HOUR = ("hotline", "overnight", "24hrs", "24x7")
# Word pairs that say it when both are in a listing ("24 hours", "24-hour", "24/7",
# "around the clock"), beside a word of being reached: bracelets "worn 24 hours a day"
# and "24 hours of training" are no help at night, a line answered or a door staffed
# around the clock are.
AT_ANY_HOUR_PAIRS = (
    (("24",), ("hour", "hours", "hr", "hrs", "7")),
    (("around", "round"), ("clock",)),
)
REACHED = (
    "call", "calls", "line", "helpline", "answer", "answered", "answers", "open", "staffed",
    "shelter", "crisis", "emergency", "available", "walk",
)  # fmt: skip
URGENT_WORD_SHARE = 0.5  # of a word's match, for a word such as "emergency"
PAYING_WORDS = (
    "pay", "paying", "pays", "payment", "payments", "bills", "voucher", "vouchers",
    "financial", "cash", "funds",
)  # fmt: skip
MONEY = "money"

PURPOSE_SHARE = 0.2  # of a need word's worth, at most, for a word saying what the need is for
MIN_WEIGHT = 0.25  # of a query word that names no need, however common it is
TERM_CACHE = 64  # per-word score arrays kept, so "food b" reuses "food"


class Scorer:
    """Text, need, freshness and distance scores over one indexed catalogue, with caches."""

    def __init__(self, data: IndexedCatalogue) -> None:
        self.data = data
        self.codes = data.lexicon.codes()
        self.term_cache: OrderedDict[tuple[object, ...], Floats] = OrderedDict()
        self._day_cache: dict[date, Floats] = {}
        self._site_cache: dict[tuple[object, ...], tuple[Floats, Floats]] = {}
        self._paying: Bools | None = None
        self._homebound: Floats | None = None

    def pre_hours(
        self, query: ParsedQuery, request: SearchRequest
    ) -> tuple[Ints, Bools, Floats | None, npt.NDArray[np.float64], Bools | None]:
        """Candidates, the filter mask, base scores, every service's score before hours,
        and the services the query names."""
        size = len(self.data)
        base = self.base_scores(query)
        keep = self.filter_mask(request)
        if base is not None:
            keep &= base > 0
        candidates = np.flatnonzero(keep).astype(np.int32)
        pre = np.full(size, -np.inf, dtype=np.float64)
        named = self.named(query)
        if candidates.size == 0:
            return candidates, keep, base, pre, named
        _, distance_penalty = self.distances(request.site, request.radius_km)
        adjusted = (
            (base[candidates] if base is not None else np.full(candidates.size, 50.0))
            + self.freshness(request.now.date())[candidates]
            - distance_penalty[candidates]
        )
        adjusted += COMPLETE_BONUS * self.data.completeness[candidates]
        adjusted -= SERVES_OTHERS_PENALTY * self.data.serves_others[candidates]
        seniors = self.data.for_seniors[candidates]
        if request.filters.age is not None:
            # The client is old enough (the filter saw to it): a service for their age fits.
            adjusted += SENIORS_ONLY_PENALTY * seniors
        elif "older_adults" not in query.needs:
            adjusted -= SENIORS_ONLY_PENALTY * seniors
        if not query.homebound and request.filters.age is None:
            adjusted -= HOMEBOUND_PENALTY * (1 - seniors) * self.homebound()[candidates]
        if named is not None:
            adjusted += NAME_MATCH_BONUS * named[candidates]
        pre[candidates] = adjusted
        return candidates, keep, base, pre, named

    def named(self, query: ParsedQuery) -> Bools | None:
        """Services whose own or organization's name the query closely matches, if any.

        Every meaningful query word is in the name and they cover most of its words:
        "elm street pantry" names a pantry. Words that all name needs ("food pantry") only
        say what is wanted and are left to the ranking, unless there are several of them
        and they are the whole name: "food and nutrition department" (typed, its last word
        may still read as a need) names the department.
        """
        terms = [t for t in query.terms if not t.stop]
        if not terms:
            return None
        words = len({t.word for t in terms})
        share = NAME_MATCH_SHARE
        if all(t.needs for t in terms):
            if words < NAME_OF_NEEDS_WORDS:
                return None
            share = 1.0
        data = self.data
        found: Bools | None = None
        for postings, lengths in (
            (data.name_postings, data.name_words),
            (data.organization_postings, data.organization_words),
        ):
            rows: Ints | None = None
            for term in terms:
                forms = list(term.forms)
                if term.prefix:
                    forms += data.vocabulary.with_prefix(term.word, limit=50)
                has = np.unique(gather(postings, forms))
                rows = has if rows is None else np.intersect1d(rows, has, assume_unique=True)
                if rows.size == 0:
                    break
            if rows is None or rows.size == 0:
                continue
            close = rows[words >= share * lengths[rows]]
            if close.size:
                if found is None:
                    found = np.zeros(len(data), dtype=np.bool_)
                found[close] = True
        return found

    def base_scores(self, query: ParsedQuery) -> Floats | None:
        """0-100 text-and-need score of every service, or None for an empty query."""
        if query.empty:
            return None
        terms = query.scoring_terms
        weights = [self.weight(term) for term in terms]
        total = np.zeros(len(self.data), dtype=np.float32)
        # A purpose word lifts the services that mention it without diluting the words that
        # say the need ("a ride to the doctor" is a ride first).
        said = sum(w for t, w in zip(terms, weights, strict=True) if not t.purpose)
        for term, weight in zip(terms, weights, strict=True):
            share = PURPOSE_SHARE if term.purpose and said else 1.0
            total += np.float32(weight * share) * self.term_scores(term)
        total *= np.float32(100.0 / (said or sum(weights)))
        return total

    def term_scores(self, term: QueryTerm) -> Floats:
        key = (
            term.word,
            term.forms,
            term.prefix,
            term.needs,
            term.in_phrase_only,
            term.urgent,
            term.kind_words,
            term.purpose,
            term.whole,
        )
        cached = self.term_cache.get(key)
        if cached is not None:
            self.term_cache.move_to_end(key)
            return cached
        scores = self.urgent_scores(term) if term.urgent else self.word_scores(term)
        self.term_cache[key] = scores
        if len(self.term_cache) > TERM_CACHE:
            self.term_cache.popitem(last=False)
        return scores

    def word_scores(self, term: QueryTerm) -> Floats:
        """How well each service answers one query word (its words, its needs)."""
        data = self.data
        scores = np.zeros(len(data), dtype=np.float32)
        exact = frozenset(term.forms)
        prefixed: list[str] = []
        if term.prefix:
            # The typed beginning, or the one a slip in it most likely meant.
            prefixed = [
                w
                for form in term.forms
                for w in data.vocabulary.with_prefix(form)
                if w not in exact and w not in STOP_WORDS
            ]
        elif len(term.word) >= LONGER_WORD_MIN:
            # A finished word also meets longer words it begins: "pass" in "passport".
            prefixed = [
                w
                for w in data.vocabulary.with_prefix(term.word, limit=LONGER_WORDS)
                if w not in exact and w not in STOP_WORDS
            ]
        corrected = [f for f in exact if f != term.word]
        # Assigned from the weakest match to the strongest, so each service keeps its best.
        begins = 1.0 if term.prefix else LONGER_WORD
        layers: list[tuple[float, Sequence[str], Mapping[str, Ints]]] = [
            (TEXT_PREFIX * begins, prefixed, data.postings),
            (TEXT_WORD * CORRECTED, corrected, data.postings),
            (TEXT_WORD, [term.word], data.postings),
            (OPENING_WORD * CORRECTED, corrected, data.opening_postings),
            (OPENING_WORD, [term.word], data.opening_postings),
            (NAME_PREFIX * begins, prefixed, data.name_postings),
            (NAME_WORD * CORRECTED, corrected, data.name_postings),
            (NAME_WORD, [term.word], data.name_postings),
        ]
        for value, forms, postings in layers:
            hit = said_in(postings, forms)  # a client word's equivalent may be a phrase
            if hit.size:
                scores[hit] = np.maximum(scores[hit], np.float32(value))
        spoken = data.language_postings.get(term.word) if len(term.word) >= LANGUAGE_MIN else None
        if spoken is not None and not term.needs:
            # "classes in spanish": a service that speaks it answers the word.
            scores[spoken] = np.maximum(scores[spoken], np.float32(LANGUAGE_WORD))
        if term.needs:
            hit = gather(data.need_postings, sorted(term.needs))
            guessed = term.prefix and not term.whole and term.word not in term.needs
            need = PREFIX_NEED if guessed else NEED
            strength = np.zeros(hit.size, dtype=np.float32)
            for code in term.needs:
                if code in data.strength:
                    strength = np.maximum(strength, data.strength[code][hit])
            # The client named a need: services outside it match only in passing.
            outside = np.ones(len(data), dtype=np.bool_)
            outside[hit] = False
            scores[outside] = np.minimum(scores[outside], np.float32(OUTSIDE_NEED))
            worth = np.float32(need) * (NEED_FLOOR + (1 - NEED_FLOOR) * strength)
            if term.kind_words:
                # The kind of service asked for, where a listing says what it is (its
                # names or opening; its text also holds every need's name).
                kind = np.zeros(len(data), dtype=np.bool_)
                for postings in (
                    data.name_postings,
                    data.organization_postings,
                    data.opening_postings,
                ):
                    kind[said_in(postings, term.kind_words)] = True
                # Other kinds of the need still come before services outside it.
                other = np.maximum(np.float32(PHRASE_ONLY_SHARE) * worth, np.float32(KIND_FLOOR))
                worth = np.where(kind[hit], worth, other)
            elif term.in_phrase_only:
                worth = np.where(scores[hit] > 0, worth, np.float32(PHRASE_ONLY_SHARE) * worth)
            # Both the need and the words match: a pantry beats a supper for "food bank".
            scores[hit] = np.maximum(scores[hit], worth + BOTH_BONUS * scores[hit])
        return scores

    def urgent_scores(self, term: QueryTerm) -> Floats:
        """An urgent word ("tonight"): the services of the sentence's needs, lifted a little
        by words such as "emergency"; with no need, the services with those words."""
        data = self.data
        now = np.zeros(len(data), dtype=np.float32)
        paired = {w for first, _ in AT_ANY_HOUR_PAIRS for w in first}
        said = [f for f in term.forms if f not in AT_ANY_HOUR and f not in paired]
        for value, postings in (
            (TEXT_WORD, data.postings),
            (OPENING_WORD, data.opening_postings),
            (NAME_WORD, data.name_postings),
        ):
            hit = gather(postings, said)
            now[hit] = np.maximum(now[hit], np.float32(URGENT_WORD_SHARE * value))
        if term.needs and MONEY not in term.needs:
            now[self.paying()] = 0.0
        if not term.needs:
            return now
        hit = gather(data.need_postings, sorted(term.needs))
        strength = np.zeros(hit.size, dtype=np.float32)
        for code in term.needs:
            if code in data.strength:
                strength = np.maximum(strength, data.strength[code][hit])
        scores = np.minimum(now, np.float32(OUTSIDE_NEED))
        worth = np.float32(NEED) * (NEED_FLOOR + (1 - NEED_FLOOR) * strength)
        scores[hit] = worth + BOTH_BONUS * now[hit]
        return scores

    def homebound(self) -> Floats:
        """1 for each service whose own or organization's name says it is for the
        homebound (a lexicon phrase, see `said_in`), else 0."""
        if self._homebound is None:
            data = self.data
            found = np.zeros(len(data), dtype=np.float32)
            phrases = [" ".join(p) for p in data.lexicon.homebound_phrases]
            for postings in (data.name_postings, data.organization_postings):
                found[said_in(postings, phrases)] = 1.0
            self._homebound = found
        return self._homebound

    def paying(self) -> Bools:
        """Services whose name or opening speaks of paying for things: money programmes."""
        if self._paying is None:
            data = self.data
            found = np.zeros(len(data), dtype=np.bool_)
            found[gather(data.name_postings, PAYING_WORDS)] = True
            found[gather(data.opening_postings, PAYING_WORDS)] = True
            self._paying = found
        return self._paying

    def weight(self, term: QueryTerm) -> float:
        """Words that name a need count fully; other words count by how rare they are (IDF)."""
        if term.needs or term.prefix:
            return 1.0
        postings = self.data.postings
        df = min((len(postings[f]) for f in term.forms if f in postings), default=0)
        if df == 0:
            # A word no listing has ("esposo" in an English directory) cannot tell services
            # apart; at full weight it would only shrink every score against distance.
            return MIN_WEIGHT
        total = len(self.data)
        return max(MIN_WEIGHT, math.log(1 + total / df) / math.log(1 + total))

    def filter_mask(self, request: SearchRequest) -> Bools:
        data, filters = self.data, request.filters
        keep = data.active.copy()
        if filters.needs:
            wanted = np.zeros(len(data), dtype=np.bool_)
            wanted[gather(data.need_postings, filters.needs)] = True
            keep &= wanted
        if filters.free_only:
            keep &= data.free
        if filters.language:
            spoken = np.zeros(len(data), dtype=np.bool_)
            spoken[data.language_postings.get(fold(filters.language), EMPTY)] = True
            keep &= spoken
        if filters.age is not None:
            keep &= (data.min_age <= filters.age) & (data.max_age >= filters.age)
        if filters.within_km is not None:
            distance, _ = self.distances(request.site, request.radius_km)
            keep &= distance <= filters.within_km  # NaN (no coordinates) compares False
        return keep

    def freshness(self, today: date) -> Floats:
        """Recency bonus minus the stale penalty, per service, for one day."""
        cached = self._day_cache.get(today)
        if cached is None:
            age = (today.toordinal() - self.data.verified).astype(np.float32)
            never = self.data.verified < 0
            stale = never | (age > 365)
            bonus = RECENT_BONUS * np.clip(1.0 - np.maximum(age, 0) / RECENT_DAYS, 0.0, 1.0)
            cached = np.where(stale, -STALE_PENALTY, bonus).astype(np.float32)
            self._day_cache = {today: cached}
        return cached

    def distances(
        self, site: tuple[float, float] | None, radius_km: float
    ) -> tuple[Floats, Floats]:
        """Kilometres from the site (NaN where unknown) and the ranking penalty for them."""
        key = (site, radius_km)
        cached = self._site_cache.get(key)
        if cached is None:
            data = self.data
            # Each service's nearest location counts (see IndexedCatalogue.km_from).
            distance = np.full(len(data), np.nan) if site is None else data.km_from(site)
            penalty = distance_penalty(distance, radius_km, located=site is not None)
            cached = (distance.astype(np.float32), penalty.astype(np.float32))
            self._site_cache[key] = cached
        return cached


def said_in(postings: Mapping[str, Ints], phrases: Sequence[str]) -> Ints:
    """Services whose field (`postings`) has every word of any of `phrases` (words joined
    by spaces; stop words, which fields do not all keep, aside), with repeats."""
    found = []
    for phrase in phrases:
        rows: Ints | None = None
        for word in phrase.split():
            if word in STOP_WORDS:
                continue
            has = postings.get(word, EMPTY)
            rows = has if rows is None else np.intersect1d(rows, has)
            if not rows.size:
                break
        if rows is not None and rows.size:
            found.append(rows)
    return np.concatenate(found) if found else EMPTY


def at_any_hour(data: IndexedCatalogue) -> Floats:
    """1 for each service whose words say it is there at any hour, else 0."""
    postings = data.postings
    found = np.zeros(len(data), dtype=np.float32)
    found[gather(postings, AT_ANY_HOUR)] = 1.0
    reached = np.unique(gather(postings, REACHED))
    for first, second in AT_ANY_HOUR_PAIRS:
        both = np.intersect1d(np.unique(gather(postings, first)), gather(postings, second))
        found[np.intersect1d(both, reached)] = 1.0
    return found


def distance_penalty(
    distance: npt.NDArray[np.float64], radius_km: float, *, located: bool
) -> npt.NDArray[np.float64]:
    """Points off for distance: none without a site, the radius's worth where unknown."""
    if not located:
        return np.zeros(distance.shape, dtype=np.float64)
    near = np.log1p(distance / NEAR_SCALE_KM) / math.log1p(radius_km / NEAR_SCALE_KM)
    penalty = NEAR_PENALTY * np.minimum(near, 1.0) + FAR_PENALTY * (distance > radius_km)
    return np.where(np.isnan(distance), UNKNOWN_PENALTY, penalty)
