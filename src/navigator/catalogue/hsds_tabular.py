"""Reading an Open Referral tabular package: HSDS 1.x/2.0 and 3.0 CSV tables.

Tables are read one at a time into the builder. Rows that cannot be used are
reported with file, row and field and skipped; the rest of the service is kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from navigator.catalogue.builder import CatalogueBuilder
from navigator.catalogue.cleaning import clean, clean_line, readable_name
from navigator.catalogue.hsds_tabular_details import ServiceDetails
from navigator.catalogue.hsds_tabular_models import (
    AccessibilityIn,
    AddressIn,
    LocationIn,
    OrganizationIn,
    ServiceAtLocationIn,
    ServiceIn,
)
from navigator.catalogue.tabular_package import TableReader, TabularPackage
from navigator.domain.catalogue import Address, Location, Organization

FORMAT_LEGACY = "hsds-tabular"  # HSDS 1.x and 2.0
FORMAT_V3 = "hsds3-tabular"

Stage = Callable[[str], None]


def is_tabular_package(path: Path) -> bool:
    root = path.parent if path.is_file() else path
    if path.is_file() and path.name != "datapackage.json":
        return False
    return any((folder / "services.csv").is_file() for folder in (root, root / "data"))


def tabular_version(path: Path, builder: CatalogueBuilder) -> str:
    package = TabularPackage(path, builder)
    if package.has("schedules.csv", "attributes.csv", "service_at_location.csv"):
        return FORMAT_V3
    header = package.header("services.csv")
    if "eligibility_description" in header or "assured_date" in header:
        return FORMAT_V3
    return FORMAT_LEGACY


def read_hsds_tabular(path: Path, builder: CatalogueBuilder, stage: Stage | None = None) -> None:
    """Read a tabular package into `builder`; CatalogueFormatError when it is not one."""
    reader = TableReader(path, builder)
    report = stage or (lambda _name: None)
    p = reader.package

    report("organizations")
    org_file = p.first("organizations.csv")
    for row, org in reader.parsed(org_file, OrganizationIn):
        name = clean_line(org.name)
        if not name:
            builder.problem(org_file or "", row, "name", "organization has no name")
            continue
        builder.add_organization(
            Organization(
                id=org.id,
                name=readable_name(name),
                description=clean(org.description),
                website=clean_line(org.website),
                email=clean_line(org.email),
            )
        )
    organization_ids = {o.id for o in builder.organizations()}

    report("locations")
    locations = _read_locations(reader)

    report("services")
    places: dict[str, list[str]] = defaultdict(list)
    via_place: dict[str, str] = {}
    place_file = p.first("services_at_location.csv", "service_at_location.csv")
    for _row, sal in reader.parsed(place_file, ServiceAtLocationIn):
        if sal.service_id and sal.location_id:
            places[sal.service_id].append(sal.location_id)
            if sal.id:
                via_place[sal.id] = sal.service_id

    details = ServiceDetails(reader, via_place)
    details.read()

    service_file = "services.csv"
    for row, parsed in reader.parsed(service_file, ServiceIn):
        name = clean_line(parsed.name)
        if not name:
            builder.problem(service_file, row, "name", "service has no name")
            continue
        organization_id = parsed.organization_id
        if organization_id and organization_id not in organization_ids:
            builder.problem(service_file, row, "organization_id",
                            "organization is not in the package; service kept without it",
                            skipped="value")  # fmt: skip
            organization_id = None
        location_ids = [i for i in dict.fromkeys(places.get(parsed.id, ())) if i in locations]
        for location_id in location_ids:
            if not builder.has_location(location_id):
                builder.add_location(locations[location_id].location())
        builder.add_service(
            details.service(parsed, name, organization_id, location_ids, row),
            path=service_file,
            row=row,
        )


class _AddressRow(NamedTuple):
    address_1: str
    address_2: str | None
    city: str | None
    state_province: str | None
    postal_code: str | None
    country: str | None


class _LocationRow(NamedTuple):
    """A location as plain values until a service uses it: a tenth of a model's memory."""

    id: str
    name: str | None
    description: str | None
    kind: str
    transportation: str | None
    latitude: float | None
    longitude: float | None
    addresses: tuple[_AddressRow, ...]
    accessibility: tuple[str, ...]

    def location(self) -> Location:
        return Location(
            id=self.id,
            name=self.name,
            description=self.description,
            kind=self.kind,
            transportation=self.transportation,
            latitude=self.latitude,
            longitude=self.longitude,
            addresses=tuple(Address(**a._asdict()) for a in self.addresses),
            accessibility=self.accessibility,
        )


def _read_locations(reader: TableReader) -> dict[str, _LocationRow]:
    p, builder = reader.package, reader.builder
    addresses: dict[str, list[_AddressRow]] = defaultdict(list)
    address_file = p.first("physical_addresses.csv", "addresses.csv")
    for row, a in reader.parsed(address_file, AddressIn):
        line = clean_line(a.address_1)
        if not a.location_id or not line:
            builder.problem(address_file or "", row, "location_id" if line else "address_1",
                            "address without a location or street; skipped")  # fmt: skip
            continue
        if (a.address_type or "physical").lower() == "postal":
            continue
        addresses[a.location_id].append(
            _AddressRow(
                address_1=line,
                address_2=clean_line(a.address_2),
                city=clean_line(a.city),
                state_province=clean_line(a.state_province),
                postal_code=clean_line(a.postal_code),
                country=clean_line(a.country),
            )
        )
    access: dict[str, list[str]] = defaultdict(list)
    access_file = p.first("accessibility_for_disabilities.csv", "accessibility.csv")
    for _row, acc in reader.parsed(access_file, AccessibilityIn):
        text = clean_line(" — ".join(t for t in (acc.description, acc.details) if t))
        if acc.location_id and text:
            access[acc.location_id].append(text)
    locations: dict[str, _LocationRow] = {}
    location_file = "locations.csv"
    for row, loc in reader.parsed(location_file, LocationIn):
        latitude, longitude = loc.latitude, loc.longitude
        if (
            latitude is not None
            and longitude is not None
            and not (
                -90 <= latitude <= 90
                and -180 <= longitude <= 180
                and (latitude, longitude) != (0, 0)
            )
        ):
            builder.problem(location_file, row, "latitude",
                            "coordinates out of range; location kept without them",
                            skipped="value")  # fmt: skip
            latitude = longitude = None
        if latitude is None or longitude is None:
            latitude = longitude = None
        name = clean_line(loc.name)
        locations[loc.id] = _LocationRow(
            id=loc.id,
            name=readable_name(name) if name else None,
            description=clean(loc.description),
            kind=(loc.location_type or "physical").lower(),
            transportation=clean(loc.transportation),
            latitude=latitude,
            longitude=longitude,
            addresses=tuple(addresses.get(loc.id, ())),
            accessibility=tuple(dict.fromkeys(access.get(loc.id, ()))),
        )
    return locations
