"""The search index over the catalogue: parse a query, score every service, choose the best.

Three roles, one module each: `building` (postings and per-service columns, once per
catalogue), `scoring` (a vectorised score per service per keystroke) and `choosing`
(hours and explanations for the few that are shown). A search is one `SearchRequest`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import overload

import numpy as np

from navigator.domain.catalogue import Listing
from navigator.domain.needs import NeedLexicon
from navigator.search.building import Entry, IndexedCatalogue, gather
from navigator.search.choosing import Chooser, ListingSource, Pick, mix_needs, unique_sorted
from navigator.search.filters import SearchFilters
from navigator.search.need_matcher import NeedMatcher
from navigator.search.query import ParsedQuery, parse_query
from navigator.search.request import DEFAULT_RADIUS_KM, SearchRequest
from navigator.search.results import SearchResult
from navigator.search.scoring import Scorer
from navigator.search.spanish import spanish_words
from navigator.search.vocabulary import Vocabulary

__all__ = ["SearchIndex", "SearchRequest", "SearchResult"]


class ListingsInMemory:
    """The listings an index was built from, kept (tests, benchmarks, a first start)."""

    def __init__(self, listings: Iterable[Listing]) -> None:
        self.by_id = {listing.id: listing for listing in listings}

    def listings(self, ids: Sequence[str]) -> list[Listing | None]:
        return [self.by_id.get(i) for i in ids]


class SearchIndex:
    """Built once per catalogue; answers queries from arrays, and reads only the listings
    it shows from `details`."""

    def __init__(self, listings: Iterable[Listing], lexicon: NeedLexicon) -> None:
        kept = list(listings)
        self._start(IndexedCatalogue(kept, lexicon), ListingsInMemory(kept))

    @classmethod
    def over(cls, data: IndexedCatalogue, details: ListingSource) -> SearchIndex:
        """An index over columns built (or memory-mapped) already, with a listing source."""
        index = cls.__new__(cls)
        index._start(data, details)
        return index

    def _start(self, data: IndexedCatalogue, details: ListingSource) -> None:
        self.lexicon = data.lexicon
        self.matcher = NeedMatcher(data.lexicon)
        self.data = data
        self.details = details
        self.scorer = Scorer(self.data)
        self.chooser = Chooser(self.data, details)
        spanish_words()  # read here, while the catalogue loads, not on a keystroke

    @property
    def entries(self) -> Sequence[Entry]:
        """Each service as an `Entry`, its listing read when asked for (scripts, tests)."""
        return _Entries(self)

    @property
    def vocabulary(self) -> Vocabulary:
        return self.data.vocabulary

    def __len__(self) -> int:
        return len(self.data)

    def listing(self, service_id: str) -> Listing | None:
        if self.data.row(service_id) is None:
            return None
        return self.details.listings([service_id])[0]

    def any_verified(self) -> bool:
        """Whether any listing says when it was last verified."""
        return bool((self.data.verified >= 0).any())

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
        if not len(self.data):
            return []
        candidates, keep, base, pre, named = self.scorer.pre_hours(query, request)
        if request.is_cancelled() or candidates.size == 0:
            return []
        distance, _ = self.scorer.distances(request.site, request.radius_km)
        chooser = self.chooser
        if base is None:
            # Browsing everything: name order, so an empty box costs no hours lookups.
            order = self.data.by_name[keep[self.data.by_name]]
            return chooser.results(
                chooser.walk(order, pre, query, request, distance), now, request.site
            )
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
        return chooser.results(picks[: request.limit], now, request.site)


class _Entries(Sequence[Entry]):
    def __init__(self, index: SearchIndex) -> None:
        self.owner = index

    def __len__(self) -> int:
        return len(self.owner.data)

    @overload
    def __getitem__(self, i: int) -> Entry: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Entry]: ...
    def __getitem__(self, i: int | slice) -> Entry | Sequence[Entry]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        data = self.owner.data
        row = range(len(data))[i]
        listing = self.owner.details.listings([data.ids[row]])[0]
        assert listing is not None
        return Entry(
            listing=listing,
            needs=frozenset(listing.service.needs),
            active=bool(data.active[row]),
            schedule_group=int(data.groups[row]),
        )
