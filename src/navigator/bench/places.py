"""Where a listing is, for judging and for the distance-sorted baseline: its own
coordinates, or failing that the centroid of its US ZIP code (the `zipcodes` package).

Measurement only: the product locates listings at import (geo work); the bench needs
its own, fixed answer so judged "within 30 km" does not move when ranking code changes.
"""

from __future__ import annotations

import math
from functools import cache

import zipcodes

from navigator.domain.catalogue import Listing

EARTH_KM = 6371.0


@cache
def zip_centroid(code: str) -> tuple[float, float] | None:
    """The centroid of a 5-digit US ZIP code, or None when it is unknown."""
    digits = code.strip()[:5]
    if len(digits) != 5 or not digits.isdigit():
        return None
    try:
        found = zipcodes.matching(digits)  # type: ignore[no-untyped-call]
    except (TypeError, ValueError):
        return None
    if not found:
        return None
    return float(found[0]["lat"]), float(found[0]["long"])


def place_of(listing: Listing) -> tuple[tuple[float, float], str] | None:
    """(latitude, longitude) and how it was found ("exact" or "ZIP"), or None."""
    exact = listing.coordinates
    if exact is not None:
        return exact, "exact"
    for location in listing.locations:
        for address in location.addresses:
            if address.postal_code and (centroid := zip_centroid(address.postal_code)):
                return centroid, "ZIP"
    return None


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def km_from(site: tuple[float, float], listing: Listing) -> float | None:
    place = place_of(listing)
    return km_between(site, place[0]) if place else None
