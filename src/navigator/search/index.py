"""The in-memory search index over the catalogue, and ranking of what a query finds."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from navigator.domain.availability import Availability, availability, distance_km, is_stale
from navigator.domain.catalogue import Listing
from navigator.domain.needs import NeedLexicon
from navigator.domain.text import fold, words
from navigator.search.filters import SearchFilters
from navigator.search.listing_text import listing_text
from navigator.search.need_matcher import NeedMatcher
from navigator.search.query import ParsedQuery, QueryTerm, parse_query
from navigator.search.vocabulary import STOP_WORDS, Vocabulary

# How much each kind of match is worth for one query word (1.0 = perfect).
NAME_WORD = 1.0
NEED = 0.95
TEXT_WORD = 0.75
NAME_PREFIX = 0.8
TEXT_PREFIX = 0.55
CORRECTED = 0.9  # multiplier when the word only matched after typo correction
PREFIX_NEED = 0.7

# Adjustments on the 0-100 score.
PRIMARY_NEED_BONUS = 3.0  # the need is what the service is mainly for
OPEN_NOW_BONUS = 4.0
OPEN_TODAY_BONUS = 2.0
STALE_PENALTY = 3.0
# Recently verified listings are likelier to be right today: a small, graded bonus.
RECENT_BONUS = 2.0  # verified within RECENT_DAYS
RECENT_DAYS = 90
BOTH_BONUS = 0.2  # a word that names the need and also appears in the listing
DISTANCE_PENALTY_PER_KM = 0.5
DISTANCE_PENALTY_MAX = 5.0


@dataclass
class Entry:
    """One service as the index holds it."""

    listing: Listing
    name_words: frozenset[str]
    words: frozenset[str]
    needs: frozenset[str]
    languages: frozenset[str]
    active: bool
    _availability: dict[datetime, Availability] = field(default_factory=dict)

    def availability_at(self, now: datetime) -> Availability:
        cached = self._availability.get(now)
        if cached is None:
            if len(self._availability) > 4:
                self._availability.clear()
            cached = self._availability[now] = availability(self.listing, now)
        return cached


@dataclass(frozen=True)
class SearchResult:
    listing: Listing
    score: float
    matched_needs: tuple[str, ...]
    availability: Availability
    distance_km: float | None
    stale: bool
    explanation: str


class SearchIndex:
    """Built once per catalogue; answers queries without touching the database."""

    def __init__(self, listings: Iterable[Listing], lexicon: NeedLexicon) -> None:
        self.lexicon = lexicon
        self.matcher = NeedMatcher(lexicon)
        self.entries: list[Entry] = []
        self.postings: dict[str, list[int]] = {}
        self.need_postings: dict[str, list[int]] = {}
        self.by_id: dict[str, int] = {}
        for listing in listings:
            self._add(listing)
        self.vocabulary = Vocabulary(self.postings)

    def _add(self, listing: Listing) -> None:
        service = listing.service
        text = listing_text(listing, self.lexicon)
        name_words = frozenset(words(f"{service.name} {service.alternate_name or ''}"))
        all_words = frozenset(words(text)) | name_words
        index = len(self.entries)
        self.entries.append(
            Entry(
                listing=listing,
                name_words=name_words,
                words=all_words,
                needs=frozenset(service.needs),
                languages=frozenset(
                    fold(v) for lang in service.languages for v in (lang.name, lang.code) if v
                ),
                active=service.status not in {"inactive", "defunct"},
            )
        )
        self.by_id[service.id] = index
        for word in all_words:
            self.postings.setdefault(word, []).append(index)
        for code in service.needs:
            self.need_postings.setdefault(code, []).append(index)

    def __len__(self) -> int:
        return len(self.entries)

    def listing(self, service_id: str) -> Listing | None:
        index = self.by_id.get(service_id)
        return self.entries[index].listing if index is not None else None

    def parse(self, text: str) -> ParsedQuery:
        return parse_query(text, self.vocabulary, self.matcher)

    def search(
        self,
        text: str,
        *,
        now: datetime,
        filters: SearchFilters | None = None,
        site: tuple[float, float] | None = None,
        limit: int = 50,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[SearchResult]:
        """Rank services for a query at local time `now`; `cancelled` lets a newer keystroke win."""
        filters = filters or SearchFilters()
        query = self.parse(text)
        expansions = [self._expansions(term) for term in query.scoring_terms]
        weights = [
            self._weight(term, exact)
            for term, (exact, _) in zip(query.scoring_terms, expansions, strict=True)
        ]
        candidates = self._candidates(query, expansions)
        results: list[SearchResult] = []
        for count, index in enumerate(candidates):
            if cancelled is not None and count % 512 == 0 and cancelled():
                return []
            entry = self.entries[index]
            result = self._score(entry, query, expansions, weights, filters, now, site)
            if result is not None:
                results.append(result)
        results.sort(key=lambda r: (-r.score, r.listing.service.name.casefold()))
        if len(query.needs) > 1:
            results = _mix_needs(results, query.needs)
        return results[:limit]

    def _expansions(self, term: QueryTerm) -> tuple[frozenset[str], frozenset[str]]:
        """Exact forms, and words the term is a prefix of (while it is being typed)."""
        exact = frozenset(term.forms)
        prefixed: frozenset[str] = frozenset()
        if term.prefix:
            prefixed = frozenset(self.vocabulary.with_prefix(term.word)) - exact - STOP_WORDS
        return exact, prefixed

    def _weight(self, term: QueryTerm, exact: frozenset[str]) -> float:
        """Words that name a need count fully; other words count by how rare they are (IDF)."""
        if term.needs or term.prefix:
            return 1.0
        df = min((len(self.postings[f]) for f in exact if f in self.postings), default=0)
        if df == 0:
            return 1.0
        total = len(self.entries)
        return max(0.25, math.log(1 + total / df) / math.log(1 + total))

    def _candidates(
        self, query: ParsedQuery, expansions: Sequence[tuple[frozenset[str], frozenset[str]]]
    ) -> Iterable[int]:
        if query.empty:
            return range(len(self.entries))
        found: set[int] = set()
        for exact, prefixed in expansions:
            for word in exact | prefixed:
                found.update(self.postings.get(word, ()))
        for code in query.needs:
            found.update(self.need_postings.get(code, ()))
        return sorted(found)

    def _score(
        self,
        entry: Entry,
        query: ParsedQuery,
        expansions: Sequence[tuple[frozenset[str], frozenset[str]]],
        weights: Sequence[float],
        filters: SearchFilters,
        now: datetime,
        site: tuple[float, float] | None,
    ) -> SearchResult | None:
        if not entry.active or not _passes(entry, filters, now.date()):
            return None
        hours = entry.availability_at(now)
        if filters.open_now and not hours.open_now:
            return None
        if filters.open_today and not hours.open_today:
            return None
        coordinates = entry.listing.coordinates
        distance = distance_km(site, coordinates) if site and coordinates else None
        if filters.within_km is not None and (distance is None or distance > filters.within_km):
            return None

        if query.empty:
            base = 50.0
        else:
            total = 0.0
            for term, (exact, prefixed), weight in zip(
                query.scoring_terms, expansions, weights, strict=True
            ):
                total += weight * _term_score(term, exact, prefixed, entry)
            base = 100.0 * total / sum(weights)
            if base <= 0:
                return None
        stale = is_stale(entry.listing, now.date())
        score = base
        primary = entry.listing.service.needs[:1]
        if primary and primary[0] in query.needs:
            score += PRIMARY_NEED_BONUS
        if hours.open_now:
            score += OPEN_NOW_BONUS
        elif hours.open_today:
            score += OPEN_TODAY_BONUS
        if stale:
            score -= STALE_PENALTY
        else:
            score += _recency_bonus(entry.listing, now.date())
        if distance is not None:
            score -= min(DISTANCE_PENALTY_MAX, distance * DISTANCE_PENALTY_PER_KM)
        matched = tuple(code for code in query.needs if code in entry.needs)
        return SearchResult(
            listing=entry.listing,
            score=round(score, 2),
            matched_needs=matched,
            availability=hours,
            distance_km=distance,
            stale=stale,
            explanation=self._explain(entry, matched, hours, distance, stale, now),
        )

    def _explain(
        self,
        entry: Entry,
        matched: tuple[str, ...],
        hours: Availability,
        distance: float | None,
        stale: bool,
        now: datetime,
    ) -> str:
        needs = matched or tuple(entry.listing.service.needs[:2])
        parts = [", ".join(self.lexicon.name_of(n).lower() for n in needs)] if needs else []
        parts.append(hours.summary(now))
        if distance is not None:
            parts.append(f"{distance:.1f} km")
        if stale:
            parts.append("stale listing")
        return " · ".join(parts)


def _term_score(
    term: QueryTerm, exact: frozenset[str], prefixed: frozenset[str], entry: Entry
) -> float:
    best = 0.0
    word = term.word
    for form in exact:
        weight = 1.0 if form == word else CORRECTED
        if form in entry.name_words:
            best = max(best, NAME_WORD * weight)
        elif form in entry.words:
            best = max(best, TEXT_WORD * weight)
    if best < NAME_PREFIX and prefixed:
        if not prefixed.isdisjoint(entry.name_words):
            best = max(best, NAME_PREFIX)
        elif not prefixed.isdisjoint(entry.words):
            best = max(best, TEXT_PREFIX)
    if term.needs and not term.needs.isdisjoint(entry.needs):
        need = PREFIX_NEED if term.prefix and word not in term.needs else NEED
        # Both the need and the words match: a pantry beats a supper for "food bank".
        best = max(best, need + BOTH_BONUS * best)
    return best


def _recency_bonus(listing: Listing, today: date) -> float:
    """Up to RECENT_BONUS for a listing verified today, fading to 0 at RECENT_DAYS."""
    verified = listing.service.last_verified
    if verified is None:
        return 0.0
    age = max(0, (today - verified).days)
    return RECENT_BONUS * max(0.0, 1.0 - age / RECENT_DAYS)


def _passes(entry: Entry, filters: SearchFilters, today: date) -> bool:
    service = entry.listing.service
    if filters.needs and entry.needs.isdisjoint(filters.needs):
        return False
    if filters.free_only and service.is_free is not True:
        return False
    if filters.language and fold(filters.language) not in entry.languages:
        return False
    if filters.age is not None:
        if service.minimum_age is not None and filters.age < service.minimum_age:
            return False
        if service.maximum_age is not None and filters.age > service.maximum_age:
            return False
    return True


def _mix_needs(results: list[SearchResult], needs: tuple[str, ...]) -> list[SearchResult]:
    """Interleave results so a query naming several needs shows each of them near the top."""
    covering_all = [r for r in results if len(r.matched_needs) == len(needs)]
    rest = [r for r in results if len(r.matched_needs) != len(needs)]
    queues = {code: [r for r in rest if code in r.matched_needs] for code in needs}
    others = [r for r in rest if not r.matched_needs]
    mixed: list[SearchResult] = list(covering_all)
    seen = {id(r) for r in mixed}
    while any(queues.values()):
        for code in needs:
            queue = queues[code]
            while queue and id(queue[0]) in seen:
                queue.pop(0)
            if queue:
                picked = queue.pop(0)
                mixed.append(picked)
                seen.add(id(picked))
    mixed += [r for r in others if id(r) not in seen]
    return mixed
