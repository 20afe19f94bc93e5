"""One search as asked: the words typed, the moment, the filters and where the desk is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from navigator.search.filters import SearchFilters

DEFAULT_RADIUS_KM = 40.0


@dataclass(frozen=True)
class SearchRequest:
    """What every stage of a search needs to know, passed as one object."""

    text: str
    now: datetime  # the site's local wall-clock time
    filters: SearchFilters = field(default_factory=SearchFilters)
    site: tuple[float, float] | None = None
    limit: int = 50
    radius_km: float = DEFAULT_RADIUS_KM  # services further away come after near ones
    cancelled: Callable[[], bool] | None = None  # lets a newer keystroke win
    finished: bool = False  # the whole query is given (a script), not typed key by key

    def is_cancelled(self) -> bool:
        return self.cancelled is not None and self.cancelled()
