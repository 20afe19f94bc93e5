"""The search index over the catalogue: parse a query, score every service, choose the best.

Three roles, one module each: `building` (postings and per-service columns, once per
catalogue), `scoring` (a vectorised score per service per keystroke) and `choosing`
(hours and explanations for the few that are shown). A search is one `SearchRequest`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime

import numpy as np

from navigator.domain.catalogue import Listing
from navigator.domain.needs import NeedLexicon
from navigator.search.building import Entry, IndexedCatalogue, gather
from navigator.search.choosing import Chooser, Pick, mix_needs, unique_sorted
from navigator.search.filters import SearchFilters
from navigator.search.need_matcher import NeedMatcher
from navigator.search.query import ParsedQuery, parse_query
from navigator.search.request import DEFAULT_RADIUS_KM, SearchRequest
from navigator.search.results import SearchResult
from navigator.search.scoring import Scorer
from navigator.search.spanish import spanish_words
from navigator.search.vocabulary import Vocabulary

__all__ = ["SearchIndex", "SearchRequest", "SearchResult"]


class SearchIndex:
    """Built once per catalogue; answers queries without touching the database."""

    def __init__(self, listings: Iterable[Listing], lexicon: NeedLexicon) -> None:
        self.lexicon = lexicon
        self.matcher = NeedMatcher(lexicon)
        self.data = IndexedCatalogue(listings, lexicon)
        self.scorer = Scorer(self.data)
        self.chooser = Chooser(self.data)
        spanish_words()  # read here, while the catalogue loads, not on a keystroke

    @property
    def entries(self) -> list[Entry]:
        return self.data.entries

    @property
    def vocabulary(self) -> Vocabulary:
        return self.data.vocabulary

    def __len__(self) -> int:
        return len(self.data)

    def listing(self, service_id: str) -> Listing | None:
        index = self.data.by_id.get(service_id)
        return self.data.entries[index].listing if index is not None else None

    def parse(self, text: str, *, finished: bool = False) -> ParsedQuery:
        return parse_query(text, self.data.vocabulary, self.matcher, finished=finished)

    def search(
        self,
        text: str,
        *,
        now: datetime,
        filters: SearchFilters | None = None,
        site: tuple[float, float] | None = None,
        limit: int = 50,
        radius_km: float = DEFAULT_RADIUS_KM,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[SearchResult]:
        """`answer` for arguments given one by one (scripts, benchmarks, tests)."""
        return self.answer(
            SearchRequest(
                text=text,
                now=now,
                filters=filters or SearchFilters(),
                site=site,
                limit=limit,
                radius_km=radius_km,
                cancelled=cancelled,
            )
        )

    def answer(self, request: SearchRequest) -> list[SearchResult]:
        """Rank services for one request, best first."""
        # Hours are shown to the minute; one minute also bounds the hours cache.
        now = request.now.replace(second=0, microsecond=0)
        if now != request.now:
            request = replace(request, now=now)
        query = self.parse(request.text, finished=request.finished)
        if not self.data.entries:
            return []
        candidates, keep, base, pre, named = self.scorer.pre_hours(query, request)
        if request.is_cancelled() or candidates.size == 0:
            return []
        distance, _ = self.scorer.distances(request.site, request.radius_km)
        chooser = self.chooser
        if base is None:
            # Browsing everything: name order, so an empty box costs no hours lookups.
            order = self.data.by_name[keep[self.data.by_name]]
            return chooser.results(chooser.walk(order, pre, query, request, distance), now)
        picks = chooser.best(candidates, pre, query, request, distance)
        if len(query.needs) > 1:
            # The mix needs the best of each need, and of those covering them all,
            # not only the overall best `limit`.
            extra: list[Pick] = []
            with_all = keep.copy()
            size = len(self.data)
            for code in query.needs:
                has_need = np.zeros(size, dtype=np.bool_)
                has_need[gather(self.data.need_postings, [code])] = True
                with_all &= has_need
                with_need = np.flatnonzero(keep & has_need).astype(np.int32)
                extra += chooser.best(with_need, pre, query, request, distance, cancellable=False)
            every = np.flatnonzero(with_all).astype(np.int32)
            extra += chooser.best(every, pre, query, request, distance, cancellable=False)
            picks = mix_needs(unique_sorted(picks + extra), query.needs)
        if named is not None:
            # A service the query names comes first, whatever the need interleaving.
            picks = [p for p in picks if named[p.index]] + [p for p in picks if not named[p.index]]
        if request.is_cancelled():
            return []
        return chooser.results(picks[: request.limit], now)
