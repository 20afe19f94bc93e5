"""The catalogue as the desk sees it: organizations, locations and services (HSDS-shaped).

Importers build these, the store saves and loads them, search indexes them and
exporters write them back out, so every format meets in one shape.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from navigator.domain.hours import ScheduleRule
from navigator.domain.text import N_, Translate, untranslated

LocatedBy = Literal["exact", "postal_code", "city"]
"""How a location's point was found: the directory's coordinates, or a ZIP or city centre."""

_PRECISION: dict[str | None, int] = {"exact": 0, None: 0, "postal_code": 1, "city": 2}
_SHOWN_AS: dict[str | None, str] = {"postal_code": N_("by ZIP"), "city": N_("by city")}


def distance_text(
    km: float, located_by: LocatedBy | None, *, away: str = "", _: Translate = untranslated
) -> str:
    """'2.4 km', or '2.4 km · by ZIP' when the point is a ZIP or city centre."""
    how = _SHOWN_AS.get(located_by)
    return f"{km:.1f} km{away} · {_(how)}" if how else f"{km:.1f} km{away}"


# What directories write in "how to apply" when there is nothing to apply for (Miami's
# hotlines and information lines say "None"): read out as-is it looks like missing data.
_NOTHING_TO_APPLY = frozenset({"none", "n/a", "na", "not applicable", "none required"})


def how_to_apply(text: str | None, _: Translate = untranslated) -> str | None:
    """The service's application process as a client should read it; None when unsaid."""
    said = (text or "").strip()
    if not said:
        return None
    if said.rstrip(".").casefold() in _NOTHING_TO_APPLY:
        return _("No application needed")
    return said


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Phone(_Frozen):
    number: str
    extension: str | None = None
    type: str | None = None
    description: str | None = None


class Contact(_Frozen):
    """A named person at a partner, for warm handoffs."""

    name: str
    title: str | None = None
    department: str | None = None
    email: str | None = None
    phone: str | None = None


class Address(_Frozen):
    address_1: str
    address_2: str | None = None
    city: str | None = None
    state_province: str | None = None
    postal_code: str | None = None
    country: str | None = None

    def one_line(self) -> str:
        parts = [self.address_1, self.address_2, self.city]
        line = ", ".join(p for p in parts if p)
        tail = " ".join(p for p in (self.state_province, self.postal_code) if p)
        return f"{line}, {tail}" if tail else line


class Language(_Frozen):
    name: str
    code: str | None = None


class Organization(_Frozen):
    id: str
    name: str
    description: str | None = None
    website: str | None = None
    email: str | None = None


class Location(_Frozen):
    id: str
    name: str | None = None
    description: str | None = None
    kind: str = "physical"
    transportation: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    located_by: LocatedBy | None = None
    """How latitude/longitude were found; None with coordinates means the directory's own."""
    addresses: tuple[Address, ...] = ()
    accessibility: tuple[str, ...] = ()

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def exact_coordinates(self) -> tuple[float, float] | None:
        """The directory's own coordinates, never a ZIP or city centre (for exports)."""
        if self.has_point and _PRECISION[self.located_by] == 0:
            return self.latitude, self.longitude  # type: ignore[return-value]
        return None


class Service(_Frozen):
    """One service listing with everything a worker needs at the desk."""

    id: str
    organization_id: str | None = None
    name: str
    alternate_name: str | None = None
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str = "active"
    eligibility: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    fees: str | None = None
    is_free: bool | None = None
    application_process: str | None = None
    alert: str | None = None
    last_verified: date | None = None
    needs: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    languages: tuple[Language, ...] = ()
    phones: tuple[Phone, ...] = ()
    contacts: tuple[Contact, ...] = ()
    documents: tuple[str, ...] = ()
    schedules: tuple[ScheduleRule, ...] = ()
    hours_text: str | None = None
    location_ids: tuple[str, ...] = ()


class Catalogue(_Frozen):
    """A whole directory as imported: one version of the region's catalogue."""

    source: str
    format: str
    organizations: tuple[Organization, ...] = ()
    locations: tuple[Location, ...] = ()
    services: tuple[Service, ...] = Field(default=())

    def listings(self) -> list[Listing]:
        """Each service joined with its organization and locations."""
        organizations = {o.id: o for o in self.organizations}
        locations = {loc.id: loc for loc in self.locations}
        return [
            Listing(
                service=s,
                organization=organizations.get(s.organization_id) if s.organization_id else None,
                locations=tuple(locations[i] for i in s.location_ids if i in locations),
            )
            for s in self.services
        ]


class Listing(_Frozen):
    """A service joined with its organization and locations, ready to show and search."""

    service: Service
    organization: Organization | None = None
    locations: tuple[Location, ...] = ()

    @property
    def id(self) -> str:
        return self.service.id

    @property
    def organization_name(self) -> str:
        return self.organization.name if self.organization else ""

    @property
    def primary_location(self) -> Location | None:
        """The location the listing shows: its first with an address or a point. Its
        address, distance and how it was placed always go together (see `seen_from`)."""
        return next((loc for loc in self.locations if loc.addresses or loc.has_point), None) or (
            self.locations[0] if self.locations else None
        )

    @property
    def address(self) -> str | None:
        location = self.primary_location
        if location and location.addresses:
            return location.addresses[0].one_line()
        return None

    @property
    def phone(self) -> str | None:
        return self.service.phones[0].number if self.service.phones else None

    @property
    def coordinates(self) -> tuple[float, float] | None:
        """The shown location's point, never another location's."""
        location = self.primary_location
        if location is None or location.latitude is None or location.longitude is None:
            return None
        return location.latitude, location.longitude

    @property
    def located_by(self) -> LocatedBy | None:
        """How the shown location's point was found ("exact", "postal_code", "city")."""
        location = self.primary_location
        if location is None or not location.has_point:
            return None
        return location.located_by or "exact"

    def nearest_location(self, site: tuple[float, float] | None) -> int | None:
        """Position of the placed location nearest `site`, or None (no site, no point)."""
        if site is None:
            return None
        placed = [(km_between(site, (loc.latitude, loc.longitude)), i)
                  for i, loc in enumerate(self.locations)
                  if loc.latitude is not None and loc.longitude is not None]  # fmt: skip
        return min(placed)[1] if placed else None

    def shown_at(self, position: int | None) -> Listing:
        """The listing showing its location at `position` first, so the address, the
        distance and "by ZIP" all speak of that one place."""
        if position is None or not 0 <= position < len(self.locations):
            return self
        location = self.locations[position]
        if location is self.primary_location:
            return self
        others = tuple(loc for i, loc in enumerate(self.locations) if i != position)
        return self.model_copy(update={"locations": (location, *others)})

    def seen_from(self, site: tuple[float, float] | None) -> Listing:
        """The listing as a desk at `site` sees it: its location nearest the site first."""
        return self.shown_at(self.nearest_location(site))


EARTH_KM = 6371.0


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))
