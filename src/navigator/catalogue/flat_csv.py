"""Reading the one-row-per-service spreadsheet a coalition keeps by hand.

The columns are those of data/catalogue_template.csv (documented in the
README). Headers are matched without regard to case, spaces or order; only
`organization` and `service` are required. Hours are written as people
write them and parsed into schedule rows; what cannot be parsed is kept as
text and reported.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from pydantic import AliasChoices, Field, ValidationError

from navigator.catalogue.builder import CatalogueBuilder
from navigator.catalogue.cleaning import clean, clean_line
from navigator.catalogue.hsds_tabular_models import CsvRow
from navigator.catalogue.tabular_package import read_csv_rows
from navigator.domain.catalogue import (
    Address,
    Contact,
    Language,
    Location,
    Organization,
    Phone,
    Service,
)
from navigator.domain.hours import ScheduleRule
from navigator.domain.hours_text import parse_hours_text
from navigator.domain.text import fold
from navigator.errors import CatalogueFormatError, validation_problem

FORMAT = "flat-csv"
REQUIRED = ("organization", "service")


class FlatRowIn(CsvRow):
    """One service row of the coalition spreadsheet."""

    id: str | None = None
    organization: str | None = None
    service: str | None = Field(None, validation_alias=AliasChoices("service", "service_name"))
    description: str | None = None
    needs: str | None = None
    address: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = Field(None, validation_alias=AliasChoices("postal_code", "zip"))
    latitude: float | None = None
    longitude: float | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    hours: str | None = None
    languages: str | None = None
    eligibility: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    fees: str | None = None
    documents: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    transportation: str | None = None
    last_verified: date | None = None


def slug(text: str) -> str:
    """A stable id from a name, so re-importing an edited sheet keeps ids."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60] or "x"


def _items(text: str | None) -> list[str]:
    return [item for part in re.split(r"[;\n]", text or "") if (item := clean_line(part))]


def read_flat_csv(path: Path, builder: CatalogueBuilder) -> None:
    """Read a flat spreadsheet CSV into `builder`."""
    name = path.name
    header, rows = read_csv_rows(path, builder)
    normal = [re.sub(r"[\s-]+", "_", h.strip().lower()) for h in header]
    missing = [column for column in REQUIRED if column not in normal]
    if missing:
        rows.close()  # the file is open until the rows are read or closed
        raise CatalogueFormatError(
            f"not a Navigator spreadsheet: no column {', '.join(repr(m) for m in missing)}",
            path=path,
            hint="Start from data/catalogue_template.csv; the README lists its columns.",
        )
    for row, values in rows:
        # Stripped, blank cells None: what every CsvRow model expects.
        record = {key: value.strip() or None for key, value in zip(normal, values, strict=False)}
        try:
            parsed = FlatRowIn.model_validate(record)
        except ValidationError as exc:
            field, message = validation_problem(exc)
            builder.problem(name, row, field, message)
            continue
        _add_row(parsed, name, row, builder)


def _add_row(parsed: FlatRowIn, name: str, row: int, builder: CatalogueBuilder) -> None:
    organization_name = clean_line(parsed.organization)
    service_name = clean_line(parsed.service)
    if not organization_name or not service_name:
        field = "organization" if not organization_name else "service"
        builder.problem(name, row, field, f"no {field} name; row skipped")
        return
    organization = Organization(id=slug(organization_name), name=organization_name)
    builder.add_organization(organization)
    service_id = clean_line(parsed.id) or f"{organization.id}--{slug(service_name)}"

    location_ids: tuple[str, ...] = ()
    street = clean_line(parsed.address)
    if street or (parsed.latitude is not None and parsed.longitude is not None):
        location = Location(
            id=f"{service_id}--place",
            name=organization_name,
            transportation=clean(parsed.transportation),
            latitude=parsed.latitude,
            longitude=parsed.longitude,
            addresses=(
                Address(
                    address_1=street,
                    city=clean_line(parsed.city),
                    state_province=clean_line(parsed.state),
                    postal_code=clean_line(parsed.postal_code),
                ),
            )
            if street
            else (),
        )
        builder.add_location(location)
        location_ids = (location.id,)

    needs: list[str] = []
    for item in _items(parsed.needs):
        code = item.lower().replace(" ", "_")
        if builder.lexicon.get(code) is not None:
            needs.append(code)
        elif found := builder.lexicon.needs_in_text(item):
            needs += sorted(found)
        else:
            builder.problem(name, row, "needs", f"'{item}' is not a need Navigator knows",
                            skipped="value")  # fmt: skip

    hours = clean(parsed.hours)
    schedules: tuple[ScheduleRule, ...] = ()
    if hours:
        try:
            schedules = parse_hours_text(hours)
        except ValueError as exc:
            builder.problem(name, row, "hours", f"{exc}; hours kept as text", skipped="nothing")

    fees = clean(parsed.fees)
    contact = clean_line(parsed.contact_name)
    service = Service(
        id=service_id,
        organization_id=organization.id,
        name=service_name,
        description=clean(parsed.description),
        url=clean_line(parsed.website),
        email=clean_line(parsed.email),
        eligibility=clean(parsed.eligibility),
        minimum_age=parsed.minimum_age,
        maximum_age=parsed.maximum_age,
        fees=fees,
        is_free=_is_free(fees),
        last_verified=parsed.last_verified,
        needs=tuple(dict.fromkeys(needs)),
        languages=tuple(Language(name=lang) for lang in dict.fromkeys(_items(parsed.languages))),
        phones=tuple(Phone(number=p) for p in _items(parsed.phone)),
        contacts=(Contact(name=contact, phone=clean_line(parsed.contact_phone)),)
        if contact
        else (),
        documents=tuple(_items(parsed.documents)),
        schedules=schedules,
        hours_text=hours,
        location_ids=location_ids,
    )
    builder.add_service(service, path=name, row=row)


def _is_free(fees: str | None) -> bool | None:
    text = (fees or "").strip().lower()
    if text.startswith(("free", "no cost", "no charge", "none", "no fee", "$0")):
        return True
    return False if "$" in text else None
