"""Collecting organizations, locations and services from any format into one catalogue.

Every importer feeds a builder; the builder gives each service its needs
(from the directory's taxonomy, else from its text) and keeps ids unique.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Protocol

from pydantic import BaseModel

from navigator.catalogue.cleaning import clean
from navigator.catalogue.needs_from_text import TextNeeds, import_lexicon
from navigator.catalogue.problems import Problem, ProblemLog
from navigator.domain.catalogue import Catalogue, Location, Organization, Service
from navigator.domain.hours import ScheduleRule, parse_clock
from navigator.domain.locating import CORRECTION_MESSAGES, placed
from navigator.domain.needs import NeedLexicon, default_lexicon


# A directory repeats a few hundred distinct schedule rows across 100,000 services:
# each made and checked once (a bad one raises each time, and is reported each time).
@lru_cache(maxsize=4096)
def schedule_rule(
    *,
    freq: str | None,
    byday: str | None,
    opens_at: str | None,
    closes_at: str | None,
    valid_from: str | None = None,
    valid_to: str | None = None,
    description: str | None = None,
) -> ScheduleRule:
    """Build a rule from raw text fields; ValueError names the bad field in its message."""
    try:
        opens = parse_clock(opens_at) if opens_at else None
    except ValueError as exc:
        raise ValueError(f"opens_at: {exc}") from exc
    try:
        closes = parse_clock(closes_at) if closes_at else None
    except ValueError as exc:
        raise ValueError(f"closes_at: {exc}") from exc
    frequency = (freq or "WEEKLY").strip().upper()
    if frequency not in {"WEEKLY", "MONTHLY"}:
        raise ValueError(f"freq: '{freq}' is not WEEKLY or MONTHLY")
    if not byday:
        raise ValueError("byday: no weekday given")
    try:
        return ScheduleRule(
            freq=frequency,
            byday=byday,
            opens_at=opens,
            closes_at=closes,
            valid_from=date.fromisoformat(valid_from[:10]) if valid_from else None,
            valid_to=date.fromisoformat(valid_to[:10]) if valid_to else None,
            description=clean(description) or "",
        )
    except ValueError as exc:
        raise ValueError(f"byday: {_first_error(exc)}") from exc


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        found = errors()
        if found:
            return str(found[0].get("msg", exc)).removeprefix("Value error, ")
    return str(exc)


class CatalogueSink(Protocol):
    """Where a streaming builder sends each batch of new records (the store's writer)."""

    def write(
        self,
        organizations: Sequence[Organization],
        locations: Sequence[Location],
        services: Sequence[Service],
    ) -> None: ...


class CatalogueHasher:
    """SHA-256 of a catalogue's content, fed record by record in any interleaving.

    Each kind of record has its own digest, so a streamed catalogue (services
    before the last organization) hashes as the same catalogue held whole.
    """

    def __init__(self, fmt: str) -> None:
        self.format = fmt
        self._parts = [hashlib.sha256() for _ in range(3)]

    def _add(self, part: int, record: BaseModel) -> None:
        digest = self._parts[part]
        digest.update(record.model_dump_json().encode("utf-8"))
        digest.update(b"\n")

    def add_organization(self, record: Organization) -> None:
        self._add(0, record)

    def add_location(self, record: Location) -> None:
        self._add(1, record)

    def add_service(self, record: Service) -> None:
        self._add(2, record)

    def hexdigest(self) -> str:
        digest = hashlib.sha256(self.format.encode("utf-8"))
        for part in self._parts:
            digest.update(b"\x1e" + part.hexdigest().encode("ascii"))
        return digest.hexdigest()


@dataclass
class Tally:
    """What a streamed import saved, for its report."""

    services: int = 0
    locations: int = 0
    services_with_needs: int = 0
    services_with_schedules: int = 0
    hours_only_as_text: int = 0

    def count(self, service: Service) -> None:
        self.services += 1
        self.services_with_needs += bool(service.needs)
        self.services_with_schedules += bool(service.schedules)
        self.hours_only_as_text += bool(service.hours_text and not service.schedules)


class CatalogueBuilder:
    """Accumulates one directory's records and reports what it had to leave out.

    With a `sink`, services are not kept: each gets its needs as it arrives and
    goes, with the organizations and locations first seen since the last batch,
    to the sink every `batch` services (call `finish` at the end).
    """

    def __init__(
        self,
        source: str,
        fmt: str,
        lexicon: NeedLexicon | None = None,
        *,
        sink: CatalogueSink | None = None,
        batch: int = 2000,
    ) -> None:
        self.source = source
        self.format = fmt
        self.lexicon = lexicon or default_lexicon()
        self.needs_in_text = TextNeeds(import_lexicon(self.lexicon))
        self.problems = ProblemLog()
        self._organizations: dict[str, Organization] = {}
        self._locations: dict[str, Location] = {}
        self._services: dict[str, Service] = {}
        self.needs_from_text = 0
        self._sink = sink
        self._batch = batch
        self._service_ids: set[str] = set()
        self._location_ids: set[str] = set()
        self._new_organizations: list[Organization] = []
        self._new_locations: list[Location] = []
        self._pending: list[Service] = []
        self.hasher = CatalogueHasher(fmt)
        self.tally = Tally()

    def problem(
        self, path: str, row: int | None, field: str | None, message: str, skipped: str = "row"
    ) -> None:
        self.problems.add(Problem(path, row, field, message, skipped))

    def add_organization(self, organization: Organization) -> None:
        if organization.id in self._organizations:
            return
        self._organizations[organization.id] = organization
        if self._sink is not None:
            self._new_organizations.append(organization)

    def organizations(self) -> tuple[Organization, ...]:
        return tuple(self._organizations.values())

    def add_location(self, location: Location) -> None:
        if self._sink is None:
            self._locations.setdefault(location.id, location)
        elif location.id not in self._location_ids:
            # Streaming: placed from its ZIP code or town now, as build() does for a whole one.
            location = self._placed(location)
            self._location_ids.add(location.id)
            self._new_locations.append(location)
            self.hasher.add_location(location)
            self.tally.locations += 1

    def _placed(self, location: Location) -> Location:
        """The location with a point checked against its address, or found from it."""
        location, correction = placed(location)
        if correction is not None:
            self.problem(f"location '{location.id}'", None, "latitude",
                         CORRECTION_MESSAGES[correction], skipped="value")  # fmt: skip
        return location

    def has_location(self, location_id: str) -> bool:
        return location_id in self._locations or location_id in self._location_ids

    def has_service(self, service_id: str) -> bool:
        return service_id in self._services or service_id in self._service_ids

    def add_service(self, service: Service, *, path: str, row: int | None) -> bool:
        if self.has_service(service.id):
            self.problem(
                path, row, "id", f"service id '{service.id}' appears twice; kept the first"
            )
            return False
        if self._sink is None:
            self._services[service.id] = service
            return True
        self._service_ids.add(service.id)
        service = self._with_needs(service)
        self.hasher.add_service(service)
        self.tally.count(service)
        self._pending.append(service)
        if len(self._pending) >= self._batch:
            self._flush()
        return True

    def _flush(self) -> None:
        assert self._sink is not None
        self._sink.write(self._new_organizations, self._new_locations, self._pending)
        self._new_organizations, self._new_locations, self._pending = [], [], []

    def finish(self) -> str:
        """Streaming: send the last batch; the content hash of all that was sent."""
        self._flush()
        for organization in self._organizations.values():
            self.hasher.add_organization(organization)
        return self.hasher.hexdigest()

    def _with_needs(self, service: Service) -> Service:
        known = [n for n in service.needs if self.lexicon.get(n) is not None]
        if known:
            return service.model_copy(update={"needs": tuple(dict.fromkeys(known))})
        text = " ".join(
            part
            for part in (service.name, service.alternate_name, service.description,
                         service.eligibility, " ".join(service.keywords))
            if part
        )  # fmt: skip
        found = self.needs_in_text(text)
        organization = self._organizations.get(service.organization_id or "")
        if not found and organization is not None:
            # A service that says nothing of its purpose shares its organization's.
            found = self.needs_in_text(f"{organization.name} {organization.description or ''}")
        if found:
            self.needs_from_text += 1
        ordered = tuple(code for code in self.lexicon.codes() if code in found)
        return service.model_copy(update={"needs": ordered})

    def build(self) -> Catalogue:
        """The catalogue; the builder hands its services over (build once)."""
        # Popping each service as its copy with needs is made keeps one copy in memory.
        services = tuple(self._with_needs(self._services.pop(i)) for i in list(self._services))
        used_locations = {i for s in services for i in s.location_ids}
        # A location without coordinates is placed here, once, from its ZIP code or town.
        return Catalogue(
            source=self.source,
            format=self.format,
            organizations=tuple(self._organizations.values()),
            locations=tuple(
                self._placed(loc) for loc in self._locations.values() if loc.id in used_locations
            ),
            services=services,
        )
