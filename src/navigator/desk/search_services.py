"""Finding services for what the client said."""

from __future__ import annotations

from collections.abc import Callable

from navigator.desk.context import Desk
from navigator.errors import UnknownNeed
from navigator.search.filters import SearchFilters
from navigator.search.index import SearchRequest, SearchResult


def check_needs(desk: Desk, needs: tuple[str, ...]) -> tuple[str, ...]:
    known = desk.lexicon.codes()
    for need in needs:
        if need not in known:
            raise UnknownNeed(
                f"'{need}' is not a need category.", hint="Known needs: " + ", ".join(known)
            )
    return needs


def search_services(
    desk: Desk,
    text: str,
    *,
    filters: SearchFilters | None = None,
    limit: int = 50,
    cancelled: Callable[[], bool] | None = None,
    finished: bool = False,
) -> list[SearchResult]:
    """Services for what the client said, best first; `finished` when the query is whole
    (the command line), rather than typed key by key with its last word still growing."""
    filters = filters or SearchFilters()
    check_needs(desk, filters.needs)
    return desk.index.answer(
        SearchRequest(
            text=text,
            now=desk.local_now(),
            filters=filters,
            site=desk.settings.site_coordinates,
            limit=limit,
            radius_km=desk.settings.search_radius_km,
            cancelled=cancelled,
            finished=finished,
        )
    )


def query_needs(desk: Desk, text: str) -> tuple[str, ...]:
    """The needs a query names, to preselect them in the handoff form."""
    return desk.index.parse(text).needs
