"""Choosing the few services that are shown: hours looked up only where they can matter.

Hours are cached per distinct schedule and minute, because many listings share the same
opening hours; a search needs them only for the best few dozen services.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Protocol

import numpy as np
import numpy.typing as npt

from navigator.domain.availability import Availability, availability, is_stale
from navigator.domain.catalogue import Listing, Service
from navigator.domain.hours import ScheduleRule, intervals_on
from navigator.search.building import (
    EMPTY,
    Bools,
    Floats,
    IndexedCatalogue,
    Ints,
    gather,
    schedules_from_json,
)
from navigator.search.filters import SearchFilters
from navigator.search.query import ParsedQuery
from navigator.search.request import SearchRequest
from navigator.search.results import SearchResult, explain
from navigator.search.scoring import at_any_hour, said_in

OPEN_NOW_BONUS = 2.5
OPEN_TODAY_BONUS = 1.5
# A client who wants help at once ("tonight", "right now"), or in danger at night (a need
# of CRISIS_NEEDS): the services of their need that can help tonight come first. Their
# words say they are there at any hour (see scoring.at_any_hour), or, at night or when
# the client says "tonight", their hours keep them open at some time from now (from
# EVENING, by day) until MORNING. By day most services are open and hours tell little:
# an office open until five is no bed for tonight, and "food today" is for the open-now
# and open-today bonuses. A directory without schedules has only the words.
HELP_TONIGHT_BONUS = 15.0
HELP_FLOOR = 0.5  # of the bonus, for a service whose need is only guessed (centrality 0)
CRISIS_NEEDS = frozenset({"safety"})
TONIGHT_WORDS = frozenset({"tonight", "noche"})  # "esta noche" ends in "noche"
EVENING, NIGHT, MORNING = time(18, 0), time(22, 0), time(6, 0)
# The client named a kind of their need ("i was raped": sexual assault, not domestic
# violence): the lift goes in full to the services named for that kind (their own or
# their organisation's name) or whose opening says only that kind, in part to those whose
# opening says several kinds of the need (a domestic violence shelter that also takes rape
# survivors: one over how many), and only a little to the need's services of other kinds:
# a shelter's 24-hour line is no rape crisis centre.
OTHER_KIND = 0.2
FIRST_BATCH = 64  # services whose hours are looked up before checking if the rest can matter
SCHEDULES_KEPT = 4096  # distinct schedules kept decoded

Scores = npt.NDArray[np.float64]


class ListingSource(Protocol):
    """Where the listings shown come from: memory, or the database a few at a time."""

    def listings(self, ids: Sequence[str]) -> list[Listing | None]: ...


@dataclass(frozen=True)
class Pick:
    """A chosen service before it is dressed as a result: only what ordering needs."""

    index: int
    score: float
    km: float  # inf where the distance is unknown
    matched: tuple[str, ...]  # the query's needs the service has, in the query's order


class Chooser:
    """Picks the best services by final score (with hours) and turns them into results."""

    def __init__(self, data: IndexedCatalogue, details: ListingSource) -> None:
        self.data = data
        self._at_any_hour: Floats | None = None
        self._needs_share: tuple[tuple[str, ...], Floats] | None = None
        self._kinds_fit: tuple[Kinds, Floats] | None = None
        self.details = details
        self._hours_cache: dict[int, Availability] = {}  # by schedule group, for one minute
        self._hours_minute: datetime | None = None
        self._group_state = np.full(len(data.group_schedules), -1, dtype=np.int8)
        self._group_tonight = np.full(len(data.group_schedules), -1, dtype=np.int8)
        self._schedules: dict[int, Listing] = {}
        self._need_names = {need.code: need.name.lower() for need in data.lexicon.needs}

    def best(
        self,
        candidates: Ints,
        pre: Scores,
        query: ParsedQuery,
        request: SearchRequest,
        distance: Floats,
        *,
        cancellable: bool = True,
    ) -> list[Pick]:
        """The `limit` best by final score; hours are looked up only where they can matter.

        Services are taken in batches, best pre-hours score first. Once the best of the
        rest could not reach the current `limit`-th score even with the open-now bonus,
        no later service can either, so the rest are never looked at.
        """
        limit = request.limit
        now_for = help_now(query, request)
        most = OPEN_NOW_BONUS + (HELP_TONIGHT_BONUS if now_for else 0.0)
        chosen = EMPTY
        chosen_score = np.zeros(0, dtype=np.float64)
        remaining = candidates
        batch = max(FIRST_BATCH, limit + 16)
        while remaining.size:
            if cancellable and request.is_cancelled():
                return []
            if batch < remaining.size:
                part = np.argpartition(-pre[remaining], batch - 1)
                chunk, remaining = remaining[part[:batch]], remaining[part[batch:]]
            else:
                chunk, remaining = remaining, EMPTY
            bonus, passes = self.hours_bonus(chunk, request.filters, request.now, now_for)
            chosen = np.concatenate([chosen, chunk[passes]])
            chosen_score = np.concatenate([chosen_score, (pre[chunk] + bonus)[passes]])
            # Equal scores: nearer, then more complete, then catalogue order; never by name.
            order = np.lexsort(
                (
                    chosen,
                    -self.data.completeness[chosen],
                    np.nan_to_num(distance[chosen], nan=np.inf),
                    -np.round(chosen_score, 2),
                )
            )[:limit]
            chosen, chosen_score = chosen[order], chosen_score[order]
            if (
                chosen.size >= limit
                and remaining.size
                and float(pre[remaining].max()) + most < float(chosen_score[-1])
            ):
                break
            batch *= 4
        return self._picks(chosen.tolist(), chosen_score.tolist(), query, distance)

    def walk(
        self,
        order: Ints,
        pre: Scores,
        query: ParsedQuery,
        request: SearchRequest,
        distance: Floats,
    ) -> list[Pick]:
        """The first `limit` services in `order` that pass the hours filters."""
        limit = request.limit
        now_for = help_now(query, request)
        picked: list[tuple[int, float]] = []
        batch = max(FIRST_BATCH, limit)
        start = 0
        while start < order.size and len(picked) < limit:
            if request.is_cancelled():
                return []
            chunk = order[start : start + batch]
            start += chunk.size
            bonus, passes = self.hours_bonus(chunk, request.filters, request.now, now_for)
            scores = pre[chunk] + bonus
            picked += [
                (int(i), float(v))
                for i, v in zip(chunk[passes].tolist(), scores[passes].tolist(), strict=True)
            ]
            batch *= 4
        return self._picks(
            [i for i, _ in picked[:limit]],
            [v for _, v in picked[:limit]],
            query,
            distance,
        )

    def _picks(
        self,
        rows: list[int],
        scores: list[float],
        query: ParsedQuery,
        distance: Floats,
    ) -> list[Pick]:
        kms = np.nan_to_num(distance[rows], nan=np.inf).tolist() if rows else []
        matched = self.data.declared_among(rows, query.needs)
        return [
            Pick(i, score, km, needs)
            for i, score, km, needs in zip(rows, scores, kms, matched, strict=True)
        ]

    def results(
        self, picks: list[Pick], now: datetime, site: tuple[float, float] | None = None
    ) -> list[SearchResult]:
        """The picks as the desk shows them, with hours and a one-line explanation; a
        service at several places shows the one nearest `site`, whose distance it has."""
        ids = self.data.ids
        listings = self.details.listings([ids[p.index] for p in picks])
        return [
            self.result(pick, listing.seen_from(site), now)
            for pick, listing in zip(picks, listings, strict=True)
            if listing is not None  # gone from the database since the index was made
        ]

    def hours_bonus(
        self,
        chunk: Ints,
        filters: SearchFilters,
        now: datetime,
        now_for: HelpNow | None = None,
    ) -> tuple[Floats, Bools]:
        """Open-now/open-today bonus per service, and which pass the hours filters; with
        `now_for` (see `help_now`), the bonus of those of its needs that can help tonight.

        Hours depend only on the schedule, so they are worked out once per distinct
        schedule and minute; a catalogue where many listings share "weekdays 9-5"
        looks them up a handful of times.
        """
        if self._hours_minute != now:
            self._hours_minute = now
            self._hours_cache.clear()
            self._group_state = np.full(len(self.data.group_schedules), -1, dtype=np.int8)
            self._group_tonight = np.full(len(self.data.group_schedules), -1, dtype=np.int8)
        groups = self.data.groups[chunk]
        state = self._group_state
        for group in np.unique(groups[state[groups] < 0]).tolist():
            hours = availability(self._schedule(group), now)
            self._hours_cache[group] = hours
            state[group] = 2 if hours.open_now else 1 if hours.open_today else 0
        here = state[groups]
        bonus = np.select([here == 2, here == 1], [OPEN_NOW_BONUS, OPEN_TODAY_BONUS], 0.0)
        if now_for:
            bonus += HELP_TONIGHT_BONUS * self._can_help_tonight(chunk, groups, now, now_for)
        passes = np.ones(chunk.size, dtype=np.bool_)
        if filters.open_now:
            passes &= here == 2
        if filters.open_today:
            passes &= here >= 1
        return bonus.astype(np.float32), passes

    def _can_help_tonight(
        self, chunk: Ints, groups: Ints, now: datetime, wanted: HelpNow
    ) -> Floats:
        """How much each service of the needs wanted (of any, when none) can help tonight
        (see HELP_TONIGHT_BONUS): 0..1."""
        if self._at_any_hour is None:
            self._at_any_hour = at_any_hour(self.data)
        can: Floats = self._at_any_hour[chunk].copy()
        if wanted.by_hours:
            tonight = self._group_tonight
            for group in np.unique(groups[tonight[groups] < 0]).tolist():
                tonight[group] = open_tonight(self._schedule(group).service.schedules, now)
            can = np.maximum(can, (tonight[groups] == 1).astype(np.float32))
        if wanted.needs:
            can *= self._of_needs(wanted.needs)[chunk]
        if wanted.kinds:
            can *= self._of_kinds(wanted.kinds)[chunk]
        if not wanted.older:
            # A line for older adults is not the help a young client can call tonight.
            can *= 1 - self.data.for_seniors[chunk]
        return can

    def _of_needs(self, needs: tuple[str, ...]) -> Floats:
        """How much each service is of any of `needs`: 0 outside them, HELP_FLOOR..1 by
        how central the need is to it (the last needs asked for are kept)."""
        if self._needs_share is None or self._needs_share[0] != needs:
            data = self.data
            share = np.zeros(len(data), dtype=np.float32)
            for code in needs:
                rows = gather(data.need_postings, [code])
                central = data.strength[code][rows] if code in data.strength else 0.0
                share[rows] = np.maximum(share[rows], HELP_FLOOR + (1 - HELP_FLOOR) * central)
            self._needs_share = (needs, share)
        return self._needs_share[1]

    def _of_kinds(self, kinds: Kinds) -> Floats:
        """How well each service is of the kinds asked for, per need (see OTHER_KIND):
        1 outside those needs."""
        if self._kinds_fit is None or self._kinds_fit[0] != kinds:
            data = self.data
            fit = np.ones(len(data), dtype=np.float32)
            for code, listed in kinds:
                need = data.lexicon.get(code)
                # How many of the need's kinds each service says where it says what it is.
                says = np.zeros(len(data), dtype=np.float32)
                for kind in need.kinds if need else ():
                    says[np.unique(self._saying(kind.listing_words))] += 1
                said = np.full(len(data), OTHER_KIND, dtype=np.float32)
                mentions = self._saying(listed)
                said[mentions] = 1 / np.maximum(says[mentions], 1)
                for postings in (data.name_postings, data.organization_postings):
                    said[said_in(postings, listed)] = 1.0
                rows = gather(data.need_postings, [code])
                fit[rows] = np.minimum(fit[rows], said[rows])
            self._kinds_fit = (kinds, fit)
        return self._kinds_fit[1]

    def _saying(self, listed: Sequence[str]) -> Ints:
        """Services whose names or opening say any of `listed` (with repeats)."""
        data = self.data
        postings = (data.name_postings, data.organization_postings, data.opening_postings)
        return np.concatenate([said_in(p, listed) for p in postings])

    def _schedule(self, group: int) -> Listing:
        """A stand-in listing with only the group's timed rules: all that hours read."""
        found = self._schedules.get(group)
        if found is None:
            rules: tuple[ScheduleRule, ...] = schedules_from_json(self.data.group_schedules[group])
            found = Listing(service=Service(id="", name="", schedules=rules))
            if len(self._schedules) >= SCHEDULES_KEPT:
                self._schedules.clear()
            self._schedules[group] = found
        return found

    def result(self, pick: Pick, listing: Listing, now: datetime) -> SearchResult:
        hours = self._hours_cache[int(self.data.groups[pick.index])]
        km = None if math.isinf(pick.km) else pick.km
        stale = is_stale(listing, now.date())
        return SearchResult(
            listing=listing,
            score=round(pick.score, 2),
            matched_needs=pick.matched,
            availability=hours,
            distance_km=km,
            stale=stale,
            explanation=explain(self._need_names, listing, pick.matched, hours, km, stale, now),
        )


def is_night(now: datetime) -> bool:
    return now.time() >= NIGHT or now.time() < MORNING


def open_tonight(rules: Sequence[ScheduleRule], now: datetime) -> bool:
    """Whether the hours keep a service open at some time from now (from EVENING, by day)
    until MORNING."""
    if now.time() < MORNING:
        start, end = now, datetime.combine(now.date(), MORNING)
    else:
        start = max(now, datetime.combine(now.date(), EVENING))
        end = datetime.combine(now.date() + timedelta(days=1), MORNING)
    spans = intervals_on(rules, start.date())
    if end.date() != start.date():
        spans += intervals_on(rules, end.date())
    return any(opens < end and closes > start for opens, closes in spans)


Kinds = tuple[tuple[str, tuple[str, ...]], ...]  # need code, the directory's words for its kind


@dataclass(frozen=True)
class HelpNow:
    """A client who wants help tonight: for which needs (none: any), and whether hours
    say who can give it (at night, or when the client says "tonight")."""

    needs: tuple[str, ...]
    by_hours: bool
    older: bool = False  # the client is, or speaks of, an older adult
    kinds: Kinds = ()  # the kinds of those needs the client named (see OTHER_KIND)


def help_now(query: ParsedQuery, request: SearchRequest) -> HelpNow | None:
    """Whether the query says it is urgent, or names a need of danger at night."""
    now = request.now
    older = "older_adults" in query.needs or request.filters.age is not None
    kinds = kinds_named(query)
    if query.urgent:
        said = any(t.word in TONIGHT_WORDS for t in query.terms if t.urgent)
        return HelpNow(query.needs, by_hours=said or is_night(now), older=older, kinds=kinds)
    if is_night(now) and CRISIS_NEEDS.intersection(query.needs):
        return HelpNow(query.needs, by_hours=True, older=older, kinds=kinds)
    return None


def kinds_named(query: ParsedQuery) -> Kinds:
    """Each need whose kind the query names, with the directory's words for that kind."""
    found: dict[str, dict[str, None]] = {}
    for term in query.terms:
        for code in sorted(term.needs) if term.kind_words else ():
            found.setdefault(code, {}).update(dict.fromkeys(term.kind_words))
    return tuple((code, tuple(listed)) for code, listed in sorted(found.items()))


def unique_sorted(picks: list[Pick]) -> list[Pick]:
    """Each service once, best score first, then nearest (stable otherwise)."""
    seen: dict[int, Pick] = {}
    for pick in picks:
        seen.setdefault(pick.index, pick)
    return sorted(seen.values(), key=lambda p: (-round(p.score, 2), p.km))


def mix_needs(picks: list[Pick], needs: tuple[str, ...]) -> list[Pick]:
    """Interleave picks so a query naming several needs shows each of them near the top."""
    covering_all = [r for r in picks if len(r.matched) == len(needs)]
    rest = [r for r in picks if len(r.matched) != len(needs)]
    queues = {code: [r for r in rest if code in r.matched] for code in needs}
    others = [r for r in rest if not r.matched]
    mixed: list[Pick] = list(covering_all)
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
