"""Collecting organizations, locations and services from any format into one catalogue.

Every importer feeds a builder; the builder gives each service its needs
(from the directory's taxonomy, else from its text) and keeps ids unique.
"""

from __future__ import annotations

from datetime import date

from navigator.catalogue.cleaning import clean
from navigator.catalogue.needs_from_text import TextNeeds, import_lexicon
from navigator.catalogue.problems import Problem, ProblemLog
from navigator.domain.catalogue import Catalogue, Location, Organization, Service
from navigator.domain.hours import ScheduleRule, parse_clock
from navigator.domain.locating import locate
from navigator.domain.needs import NeedLexicon, default_lexicon


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


class CatalogueBuilder:
    """Accumulates one directory's records and reports what it had to leave out."""

    def __init__(self, source: str, fmt: str, lexicon: NeedLexicon | None = None) -> None:
        self.source = source
        self.format = fmt
        self.lexicon = lexicon or default_lexicon()
        self.needs_in_text = TextNeeds(import_lexicon(self.lexicon))
        self.problems = ProblemLog()
        self._organizations: dict[str, Organization] = {}
        self._locations: dict[str, Location] = {}
        self._services: dict[str, Service] = {}
        self.needs_from_text = 0

    def problem(
        self, path: str, row: int | None, field: str | None, message: str, skipped: str = "row"
    ) -> None:
        self.problems.add(Problem(path, row, field, message, skipped))

    def add_organization(self, organization: Organization) -> None:
        self._organizations.setdefault(organization.id, organization)

    def organizations(self) -> tuple[Organization, ...]:
        return tuple(self._organizations.values())

    def add_location(self, location: Location) -> None:
        self._locations.setdefault(location.id, location)

    def has_service(self, service_id: str) -> bool:
        return service_id in self._services

    def add_service(self, service: Service, *, path: str, row: int | None) -> bool:
        if service.id in self._services:
            self.problem(
                path, row, "id", f"service id '{service.id}' appears twice; kept the first"
            )
            return False
        self._services[service.id] = service
        return True

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
                locate(loc) for loc in self._locations.values() if loc.id in used_locations
            ),
            services=services,
        )
