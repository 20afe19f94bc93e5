"""The in-memory search index over the catalogue, and ranking of what a query finds.

Scoring is vectorised with numpy over every service at once (a float per service per
query word), so a keystroke costs a few array operations rather than a Python loop
over candidates: at 10,000 services a pure-Python loop over the candidates of a
one-letter prefix took three quarters of a second. Only the best few services get the
per-service work (hours, explanation), and hours are cached per distinct schedule
and minute, because many listings share the same opening hours.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import numpy.typing as npt

from navigator.domain.availability import Availability, availability, is_stale
from navigator.domain.catalogue import Listing, distance_text
from navigator.domain.needs import NeedLexicon
from navigator.domain.text import fold, words
from navigator.search.filters import SearchFilters
from navigator.search.listing_text import listing_text
from navigator.search.need_matcher import NeedMatcher
from navigator.search.query import ParsedQuery, QueryTerm, parse_query
from navigator.search.vocabulary import STOP_WORDS, Vocabulary

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int32]
Bools = npt.NDArray[np.bool_]

# How much each kind of match is worth for one query word (1.0 = perfect).
NAME_WORD = 1.0
NEED = 0.95
TEXT_WORD = 0.75
NAME_PREFIX = 0.8
TEXT_PREFIX = 0.55
CORRECTED = 0.9  # multiplier when the word only matched after typo correction
PREFIX_NEED = 0.7
# A need match is worth NEED_FLOOR..1 of its value by how plainly the listing is about
# that need (its client words in the name, several of them in the text): with needs
# guessed from text, or dozens of services per need, this orders what would be ties.
NEED_FLOOR = 0.9
BOTH_BONUS = 0.2  # a word that names the need and also appears in the listing

# Adjustments on the 0-100 score.
PRIMARY_NEED_BONUS = 3.0  # the need is what the service is mainly for
OPEN_NOW_BONUS = 4.0
OPEN_TODAY_BONUS = 2.0
STALE_PENALTY = 3.0
# Services only for older adults (by minimum age) come after open-to-all ones unless the
# query is about older adults or an age is given: the desk rarely knows the client's age.
SENIORS_ONLY_AGE = 55
SENIORS_ONLY_PENALTY = 3.0
# Recently verified listings are likelier to be right today: a small, fading bonus.
RECENT_BONUS = 2.0  # for a listing verified today, down to 0 at RECENT_DAYS
RECENT_DAYS = 90
DISTANCE_PENALTY_PER_KM = 0.5
DISTANCE_PENALTY_MAX = 5.0

FIRST_BATCH = 64  # services whose hours are looked up before checking if the rest can matter
TERM_CACHE = 64  # per-word score arrays kept, so "food b" reuses "food"


@dataclass
class Entry:
    """One service as the index holds it."""

    listing: Listing
    needs: frozenset[str]
    active: bool
    schedule_group: int  # services with identical schedules share their hours


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
        self.by_id: dict[str, int] = {}
        text_postings: dict[str, list[int]] = {}
        name_postings: dict[str, list[int]] = {}
        need_postings: dict[str, list[int]] = {}
        language_postings: dict[str, list[int]] = {}
        groups: dict[object, int] = {}
        self._need_words = {
            need.code: frozenset(p[0] for p in need.phrases if len(p) == 1)
            for need in lexicon.needs
        }
        self._strength_rows: dict[str, tuple[list[int], list[float]]] = {}
        self._group_listing: list[Listing] = []
        for listing in listings:
            self._add(
                listing, text_postings, name_postings, need_postings, language_postings, groups
            )
        self.vocabulary = Vocabulary(text_postings)
        self.postings = {w: _ints(p) for w, p in text_postings.items()}
        self.name_postings = {w: _ints(p) for w, p in name_postings.items()}
        self.need_postings = {c: _ints(p) for c, p in need_postings.items()}
        self.language_postings = {c: _ints(p) for c, p in language_postings.items()}
        self._build_columns()
        self._strength: dict[str, Floats] = {}
        for code, (rows, values) in self._strength_rows.items():
            column = np.zeros(len(self.entries), dtype=np.float32)
            column[rows] = values
            self._strength[code] = column
        del self._strength_rows
        self._term_cache: OrderedDict[tuple[object, ...], Floats] = OrderedDict()
        self._day_cache: dict[date, Floats] = {}
        self._site_cache: dict[tuple[float, float] | None, tuple[Floats, Floats]] = {}
        self._hours_cache: dict[int, Availability] = {}  # by schedule group, for one minute
        self._hours_minute: datetime | None = None
        self._group_state = np.full(len(self._group_listing), -1, dtype=np.int8)

    def _add(
        self,
        listing: Listing,
        text_postings: dict[str, list[int]],
        name_postings: dict[str, list[int]],
        need_postings: dict[str, list[int]],
        language_postings: dict[str, list[int]],
        groups: dict[object, int],
    ) -> None:
        service = listing.service
        text = listing_text(listing, self.lexicon)
        name_words = frozenset(words(f"{service.name} {service.alternate_name or ''}"))
        all_words = frozenset(words(text)) | name_words
        index = len(self.entries)
        timed = tuple(r for r in service.schedules if r.has_times)
        group = groups.get(timed)
        if group is None:
            group = groups[timed] = len(self._group_listing)
            self._group_listing.append(listing)
        languages = frozenset(
            fold(v) for lang in service.languages for v in (lang.name, lang.code) if v
        )
        self.entries.append(
            Entry(
                listing=listing,
                needs=frozenset(service.needs),
                active=service.status not in {"inactive", "defunct"},
                schedule_group=group,
            )
        )
        self.by_id[service.id] = index
        for word in all_words:
            text_postings.setdefault(word, []).append(index)
        for word in name_words:
            name_postings.setdefault(word, []).append(index)
        for code in service.needs:
            need_postings.setdefault(code, []).append(index)
            client_words = self._need_words.get(code, frozenset())
            in_name = not client_words.isdisjoint(name_words)
            in_text = len(client_words & all_words)
            strength = min(1.0, 0.6 * in_name + 0.2 * in_text)
            rows, values = self._strength_rows.setdefault(code, ([], []))
            rows.append(index)
            values.append(strength)
        for language in languages:
            language_postings.setdefault(language, []).append(index)

    def _build_columns(self) -> None:
        """Per-service facts as arrays, so filters and adjustments are vectorised."""
        services = [e.listing.service for e in self.entries]
        size = len(services)
        codes = {code: i for i, code in enumerate(self.lexicon.codes())}
        self._primary = np.array(
            [codes.get(s.needs[0], -1) if s.needs else -1 for s in services], dtype=np.int32
        )
        self._active = np.array([e.active for e in self.entries], dtype=np.bool_)
        self._free = np.array([s.is_free is True for s in services], dtype=np.bool_)
        self._min_age = np.array(
            [s.minimum_age if s.minimum_age is not None else -1 for s in services], dtype=np.int32
        )
        self._max_age = np.array(
            [s.maximum_age if s.maximum_age is not None else 10_000 for s in services],
            dtype=np.int32,
        )
        self._verified = np.array(
            [s.last_verified.toordinal() if s.last_verified else -1 for s in services],
            dtype=np.int64,
        )
        coordinates = [e.listing.coordinates for e in self.entries]
        self._lat = np.array([c[0] if c else np.nan for c in coordinates], dtype=np.float64)
        self._lon = np.array([c[1] if c else np.nan for c in coordinates], dtype=np.float64)
        names = [s.name.casefold() for s in services]
        self._name_rank = np.empty(size, dtype=np.int32)
        self._name_rank[np.argsort(np.array(names, dtype=object), kind="stable")] = np.arange(
            size, dtype=np.int32
        )
        self._by_name = np.argsort(self._name_rank).astype(np.int32)
        self._seniors_only = self._min_age >= SENIORS_ONLY_AGE
        self._groups = np.array([e.schedule_group for e in self.entries], dtype=np.int32)

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
        # Hours are shown to the minute; one minute also bounds the hours cache.
        now = now.replace(second=0, microsecond=0)
        query = self.parse(text)
        if not self.entries:
            return []
        base = self._base_scores(query)
        if cancelled is not None and cancelled():
            return []
        keep = self._filter_mask(filters, site)
        if base is not None:
            keep &= base > 0
        candidates = np.flatnonzero(keep).astype(np.int32)
        if candidates.size == 0:
            return []
        distance, distance_penalty = self._distances(site)
        adjusted = (
            (base[candidates] if base is not None else np.full(candidates.size, 50.0))
            + self._freshness(now.date())[candidates]
            - distance_penalty[candidates]
        )
        if query.needs:
            wanted = [i for i, c in enumerate(self.lexicon.codes()) if c in query.needs]
            adjusted += PRIMARY_NEED_BONUS * np.isin(self._primary[candidates], wanted)
        if filters.age is None and "older_adults" not in query.needs:
            adjusted -= SENIORS_ONLY_PENALTY * self._seniors_only[candidates]
        pre = np.full(len(self.entries), -np.inf, dtype=np.float64)
        pre[candidates] = adjusted
        if base is None:
            # Browsing everything: name order, so an empty box costs no hours lookups.
            order = self._by_name[keep[self._by_name]]
            picked = self._walk(order, pre, query, filters, now, distance, limit, cancelled)
            return picked
        results = self._best(candidates, pre, query, filters, now, distance, limit, cancelled)
        if len(query.needs) > 1:
            # The mix needs the best of each need, and of those covering them all,
            # not only the overall best `limit`.
            extra: list[SearchResult] = []
            with_all = keep.copy()
            for code in query.needs:
                has_need = np.zeros(len(self.entries), dtype=np.bool_)
                has_need[self.need_postings.get(code, _EMPTY)] = True
                with_all &= has_need
                with_need = np.flatnonzero(keep & has_need).astype(np.int32)
                extra += self._best(with_need, pre, query, filters, now, distance, limit, None)
            every = np.flatnonzero(with_all).astype(np.int32)
            extra += self._best(every, pre, query, filters, now, distance, limit, None)
            results = _mix_needs(_unique_sorted(results + extra), query.needs)
        return results[:limit]

    # -- scoring -----------------------------------------------------------------

    def _base_scores(self, query: ParsedQuery) -> Floats | None:
        """0-100 text-and-need score of every service, or None for an empty query."""
        if query.empty:
            return None
        terms = query.scoring_terms
        weights = [self._weight(term) for term in terms]
        total = np.zeros(len(self.entries), dtype=np.float32)
        for term, weight in zip(terms, weights, strict=True):
            total += np.float32(weight) * self._term_scores(term)
        total *= np.float32(100.0 / sum(weights))
        return total

    def _term_scores(self, term: QueryTerm) -> Floats:
        key = (term.word, term.forms, term.prefix, term.needs)
        cached = self._term_cache.get(key)
        if cached is not None:
            self._term_cache.move_to_end(key)
            return cached
        scores = np.zeros(len(self.entries), dtype=np.float32)
        exact = frozenset(term.forms)
        prefixed: list[str] = []
        if term.prefix:
            # The typed beginning, or the one a slip in it most likely meant.
            prefixed = [
                w
                for form in term.forms
                for w in self.vocabulary.with_prefix(form)
                if w not in exact and w not in STOP_WORDS
            ]
        corrected = [f for f in exact if f != term.word]
        # Assigned from the weakest match to the strongest, so each service keeps its best.
        layers: list[tuple[float, Sequence[str], dict[str, Ints]]] = [
            (TEXT_PREFIX, prefixed, self.postings),
            (TEXT_WORD * CORRECTED, corrected, self.postings),
            (TEXT_WORD, [term.word], self.postings),
            (NAME_PREFIX, prefixed, self.name_postings),
            (NAME_WORD * CORRECTED, corrected, self.name_postings),
            (NAME_WORD, [term.word], self.name_postings),
        ]
        for value, forms, postings in layers:
            hit = _gather(postings, forms)
            if hit.size:
                scores[hit] = np.maximum(scores[hit], np.float32(value))
        if term.needs:
            hit = _gather(self.need_postings, sorted(term.needs))
            need = PREFIX_NEED if term.prefix and term.word not in term.needs else NEED
            strength = np.zeros(hit.size, dtype=np.float32)
            for code in term.needs:
                if code in self._strength:
                    strength = np.maximum(strength, self._strength[code][hit])
            # The client named a need: services outside it match only in passing.
            outside = np.ones(len(self.entries), dtype=np.bool_)
            outside[hit] = False
            scores[outside] = np.minimum(scores[outside], np.float32(NAME_PREFIX))
            worth = np.float32(need) * (NEED_FLOOR + (1 - NEED_FLOOR) * strength)
            # Both the need and the words match: a pantry beats a supper for "food bank".
            scores[hit] = np.maximum(scores[hit], worth + BOTH_BONUS * scores[hit])
        self._term_cache[key] = scores
        if len(self._term_cache) > TERM_CACHE:
            self._term_cache.popitem(last=False)
        return scores

    def _weight(self, term: QueryTerm) -> float:
        """Words that name a need count fully; other words count by how rare they are (IDF)."""
        if term.needs or term.prefix:
            return 1.0
        df = min((len(self.postings[f]) for f in term.forms if f in self.postings), default=0)
        if df == 0:
            return 1.0
        total = len(self.entries)
        return max(0.25, math.log(1 + total / df) / math.log(1 + total))

    def _filter_mask(self, filters: SearchFilters, site: tuple[float, float] | None) -> Bools:
        keep = self._active.copy()
        if filters.needs:
            wanted = np.zeros(len(self.entries), dtype=np.bool_)
            wanted[_gather(self.need_postings, filters.needs)] = True
            keep &= wanted
        if filters.free_only:
            keep &= self._free
        if filters.language:
            spoken = np.zeros(len(self.entries), dtype=np.bool_)
            spoken[self.language_postings.get(fold(filters.language), _EMPTY)] = True
            keep &= spoken
        if filters.age is not None:
            keep &= (self._min_age <= filters.age) & (self._max_age >= filters.age)
        if filters.within_km is not None:
            distance, _ = self._distances(site)
            keep &= distance <= filters.within_km  # NaN (no coordinates) compares False
        return keep

    def _freshness(self, today: date) -> Floats:
        """Recency bonus minus the stale penalty, per service, for one day."""
        cached = self._day_cache.get(today)
        if cached is None:
            age = (today.toordinal() - self._verified).astype(np.float32)
            never = self._verified < 0
            stale = never | (age > 365)
            bonus = RECENT_BONUS * np.clip(1.0 - np.maximum(age, 0) / RECENT_DAYS, 0.0, 1.0)
            cached = np.where(stale, -STALE_PENALTY, bonus).astype(np.float32)
            self._day_cache = {today: cached}
        return cached

    def _distances(self, site: tuple[float, float] | None) -> tuple[Floats, Floats]:
        cached = self._site_cache.get(site)
        if cached is None:
            if site is None:
                distance = np.full(len(self.entries), np.nan)
            else:
                lat1, lon1 = math.radians(site[0]), math.radians(site[1])
                lat2, lon2 = np.radians(self._lat), np.radians(self._lon)
                h = (
                    np.sin((lat2 - lat1) / 2) ** 2
                    + math.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
                )
                distance = 2 * 6371.0 * np.arcsin(np.sqrt(h))
            penalty = np.nan_to_num(
                np.minimum(DISTANCE_PENALTY_MAX, distance * DISTANCE_PENALTY_PER_KM), nan=0.0
            )
            cached = (distance.astype(np.float32), penalty.astype(np.float32))
            self._site_cache[site] = cached
        return cached

    # -- the few services that are shown -------------------------------------------

    def _best(
        self,
        candidates: Ints,
        pre: npt.NDArray[np.float64],
        query: ParsedQuery,
        filters: SearchFilters,
        now: datetime,
        distance: Floats,
        limit: int,
        cancelled: Callable[[], bool] | None,
    ) -> list[SearchResult]:
        """The `limit` best by final score; hours are looked up only where they can matter.

        Services are taken in batches, best pre-hours score first. Once the best of the
        rest could not reach the current `limit`-th score even with the open-now bonus,
        no later service can either, so the rest are never looked at.
        """
        chosen = _EMPTY
        chosen_score = np.zeros(0, dtype=np.float64)
        remaining = candidates
        batch = max(FIRST_BATCH, limit + 16)
        while remaining.size:
            if cancelled is not None and cancelled():
                return []
            if batch < remaining.size:
                part = np.argpartition(-pre[remaining], batch - 1)
                chunk, remaining = remaining[part[:batch]], remaining[part[batch:]]
            else:
                chunk, remaining = remaining, _EMPTY
            bonus, passes = self._hours_bonus(chunk, filters, now)
            chosen = np.concatenate([chosen, chunk[passes]])
            chosen_score = np.concatenate([chosen_score, (pre[chunk] + bonus)[passes]])
            order = np.lexsort((self._name_rank[chosen], -np.round(chosen_score, 2)))[:limit]
            chosen, chosen_score = chosen[order], chosen_score[order]
            if (
                chosen.size >= limit
                and remaining.size
                and float(pre[remaining].max()) + OPEN_NOW_BONUS < float(chosen_score[-1])
            ):
                break
            batch *= 4
        return [
            self._result(int(i), float(score), query, now, distance)
            for i, score in zip(chosen.tolist(), chosen_score.tolist(), strict=True)
        ]

    def _walk(
        self,
        order: Ints,
        pre: npt.NDArray[np.float64],
        query: ParsedQuery,
        filters: SearchFilters,
        now: datetime,
        distance: Floats,
        limit: int,
        cancelled: Callable[[], bool] | None,
    ) -> list[SearchResult]:
        """The first `limit` services in `order` that pass the hours filters."""
        picked: list[tuple[int, float]] = []
        batch = max(FIRST_BATCH, limit)
        start = 0
        while start < order.size and len(picked) < limit:
            if cancelled is not None and cancelled():
                return []
            chunk = order[start : start + batch]
            start += chunk.size
            bonus, passes = self._hours_bonus(chunk, filters, now)
            scores = pre[chunk] + bonus
            picked += [
                (int(i), float(v))
                for i, v in zip(chunk[passes].tolist(), scores[passes].tolist(), strict=True)
            ]
            batch *= 4
        return [self._result(i, score, query, now, distance) for i, score in picked[:limit]]

    def _hours_bonus(
        self, chunk: Ints, filters: SearchFilters, now: datetime
    ) -> tuple[Floats, Bools]:
        """Open-now/open-today bonus per service, and which pass the hours filters.

        Hours depend only on the schedule, so they are worked out once per distinct
        schedule and minute; a catalogue where many listings share "weekdays 9-5"
        looks them up a handful of times.
        """
        if self._hours_minute != now:
            self._hours_minute = now
            self._hours_cache.clear()
            self._group_state = np.full(len(self._group_listing), -1, dtype=np.int8)
        groups = self._groups[chunk]
        state = self._group_state
        for group in np.unique(groups[state[groups] < 0]).tolist():
            hours = availability(self._group_listing[group], now)
            self._hours_cache[group] = hours
            state[group] = 2 if hours.open_now else 1 if hours.open_today else 0
        here = state[groups]
        bonus = np.select([here == 2, here == 1], [OPEN_NOW_BONUS, OPEN_TODAY_BONUS], 0.0)
        passes = np.ones(chunk.size, dtype=np.bool_)
        if filters.open_now:
            passes &= here == 2
        if filters.open_today:
            passes &= here >= 1
        return bonus.astype(np.float32), passes

    def _result(
        self, index: int, score: float, query: ParsedQuery, now: datetime, distance: Floats
    ) -> SearchResult:
        entry = self.entries[index]
        hours = self._hours_cache[entry.schedule_group]
        km = float(distance[index])
        km_or_none = None if math.isnan(km) else km
        stale = is_stale(entry.listing, now.date())
        matched = tuple(code for code in query.needs if code in entry.needs)
        return SearchResult(
            listing=entry.listing,
            score=round(score, 2),
            matched_needs=matched,
            availability=hours,
            distance_km=km_or_none,
            stale=stale,
            explanation=self._explain(entry, matched, hours, km_or_none, stale, now),
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
            parts.append(distance_text(distance, entry.listing.located_by))
        if stale:
            parts.append("stale listing")
        return " · ".join(parts)


_EMPTY: Ints = np.zeros(0, dtype=np.int32)


def _ints(values: list[int]) -> Ints:
    return np.array(values, dtype=np.int32)


def _gather(postings: dict[str, Ints], keys: Iterable[str]) -> Ints:
    found = [postings[k] for k in keys if k in postings]
    if not found:
        return _EMPTY
    return found[0] if len(found) == 1 else np.concatenate(found)


def _unique_sorted(results: list[SearchResult]) -> list[SearchResult]:
    seen: dict[str, SearchResult] = {}
    for result in results:
        seen.setdefault(result.listing.id, result)
    return sorted(seen.values(), key=lambda r: (-r.score, r.listing.service.name.casefold()))


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
