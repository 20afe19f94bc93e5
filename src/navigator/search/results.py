"""A ranked service as the desk shows it, and the one-line reason it is there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from navigator.domain.availability import Availability
from navigator.domain.catalogue import Listing, distance_text
from navigator.domain.text import Translate, untranslated


@dataclass(frozen=True)
class SearchResult:
    listing: Listing
    score: float
    matched_needs: tuple[str, ...]
    availability: Availability
    distance_km: float | None
    stale: bool
    explanation: str


def explain(
    need_names: dict[str, str],
    listing: Listing,
    matched: tuple[str, ...],
    hours: Availability,
    distance: float | None,
    stale: bool,
    now: datetime,
    _: Translate = untranslated,
) -> str:
    """'food · open now until 5 pm · 2.4 km': the need it answers, its hours, how far."""
    needs = matched or tuple(listing.service.needs[:2])
    parts = [", ".join(need_names.get(n, n) for n in needs)] if needs else []
    parts.append(hours.summary(now, _))
    if distance is not None:
        parts.append(distance_text(distance, listing.located_by, _=_))
    if stale:
        parts.append(_("stale listing"))
    return " · ".join(parts)
