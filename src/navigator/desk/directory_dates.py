"""Whether the loaded directory dates its listings at all (Miami 211's export does not).

Where none is dated, "never verified" says nothing about one listing against another:
the desk says it once, in the status bar and on the slip, not on every row.
"""

from __future__ import annotations

from dataclasses import replace
from weakref import WeakKeyDictionary

from navigator.desk.context import Desk
from navigator.search.index import SearchIndex, SearchResult
from navigator.search.results import explain

_DATED: WeakKeyDictionary[SearchIndex, bool] = WeakKeyDictionary()


def directory_is_dated(desk: Desk) -> bool:
    """True when any listing carries a verification date; worked out once per catalogue."""
    index = desk.index
    dated = _DATED.get(index)
    if dated is None:
        # The index's column of verification days (-1: none), not the listings themselves.
        dated = _DATED[index] = bool((index.data.verified >= 0).any())
    return dated


def unmarked_when_undated(desk: Desk, results: list[SearchResult]) -> list[SearchResult]:
    """The results with no "stale listing" mark when no listing of the directory is dated:
    the command line says so once, as the desk's status bar does."""
    if directory_is_dated(desk):
        return results
    names = {need.code: need.name.lower() for need in desk.lexicon.needs}
    now = desk.local_now()
    return [
        replace(
            r,
            stale=False,
            explanation=explain(
                names, r.listing, r.matched_needs, r.availability, r.distance_km, False, now
            ),
        )
        for r in results
    ]
