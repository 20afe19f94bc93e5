"""Reading an Open Referral tabular package: HSDS 1.x/2.0 and 3.0 CSV tables.

Tables are read one at a time into the builder. Rows that cannot be used are
reported with file, row and field and skipped; the rest of the service is kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from navigator.catalogue.builder import CatalogueBuilder, schedule_rule
from navigator.catalogue.cleaning import clean, clean_line, readable_name
from navigator.catalogue.hsds_tabular_models import (
    AccessibilityIn,
    AddressIn,
    ContactIn,
    DocumentIn,
    EligibilityIn,
    LanguageIn,
    LinkedRow,
    LocationIn,
    OrganizationIn,
    PhoneIn,
    RegularScheduleIn,
    ScheduleIn,
    ServiceAtLocationIn,
    ServiceIn,
    TaxonomyTermIn,
    TermLinkIn,
)
from navigator.catalogue.tabular_package import TabularPackage
from navigator.domain.catalogue import Address, Contact, Language, Location, Organization, Phone
from navigator.domain.catalogue import Service as ServiceRecord
from navigator.domain.hours import WEEKDAY_CODES, WEEKDAY_NAMES, ScheduleRule, parse_clock
from navigator.domain.hours_text import parse_hours_text, parse_loose_clock
from navigator.errors import CatalogueFormatError

FORMAT_LEGACY = "hsds-tabular"  # HSDS 1.x and 2.0
FORMAT_V3 = "hsds3-tabular"

M = TypeVar("M", bound=BaseModel)
Stage = Callable[[str], None]

# HSDS 1.x wrote weekdays as names, abbreviations or numbers (1 = Monday).
_WEEKDAYS = {
    key: code
    for number, (code, name) in enumerate(zip(WEEKDAY_CODES, WEEKDAY_NAMES, strict=True), 1)
    for key in (name.lower(), name[:3].lower(), code.lower(), str(number))
}


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


class _Reader:
    def __init__(self, path: Path, builder: CatalogueBuilder) -> None:
        self.package = TabularPackage(path, builder)
        self.builder = builder
        if not self.package.has("services.csv"):
            raise CatalogueFormatError(
                "not an HSDS tabular package (no services.csv)",
                path=path,
                hint="Give the folder that holds services.csv, or its datapackage.json.",
            )

    def parsed(self, name: str | None, model: type[M]) -> Iterator[tuple[int, M]]:
        for row, record in self.package.rows(name):
            try:
                yield row, model.model_validate(record)
            except ValidationError as exc:
                first = exc.errors()[0]
                field = ".".join(str(p) for p in first["loc"]) or None
                message = str(first["msg"])
                if first["type"] == "missing":
                    message = "required value is missing"
                self.builder.problem(name or "", row, field, message)


def _service_of(row: LinkedRow, via_place: dict[str, str]) -> str | None:
    if row.service_id:
        return row.service_id
    if row.service_at_location_id:
        return via_place.get(row.service_at_location_id)
    return None


def read_hsds_tabular(path: Path, builder: CatalogueBuilder, stage: Stage | None = None) -> None:
    """Read a tabular package into `builder`; CatalogueFormatError when it is not one."""
    reader = _Reader(path, builder)
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

    details = _ServiceDetails(reader, via_place)
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
            builder.add_location(locations[location_id])
        builder.add_service(
            details.service(parsed, name, organization_id, location_ids, row),
            path=service_file,
            row=row,
        )


def _read_locations(reader: _Reader) -> dict[str, Location]:
    p, builder = reader.package, reader.builder
    addresses: dict[str, list[Address]] = defaultdict(list)
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
            Address(
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
    locations: dict[str, Location] = {}
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
        locations[loc.id] = Location(
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


class _ServiceDetails:
    """Phones, contacts, languages, eligibility, documents, hours and terms, by service id."""

    def __init__(self, reader: _Reader, via_place: dict[str, str]) -> None:
        self.reader = reader
        self.via_place = via_place
        self.phones: dict[str, list[Phone]] = defaultdict(list)
        self.contacts: dict[str, list[Contact]] = defaultdict(list)
        self.languages: dict[str, list[Language]] = defaultdict(list)
        self.eligibility: dict[str, list[str]] = defaultdict(list)
        self.documents: dict[str, list[str]] = defaultdict(list)
        self.schedules: dict[str, list[ScheduleRule]] = defaultdict(list)
        self.hours_text: dict[str, list[str]] = defaultdict(list)
        self.needs: dict[str, list[str]] = defaultdict(list)

    def _linked(self, name: str | None, model: type[M]) -> Iterator[tuple[int, str, M]]:
        for row, parsed in self.reader.parsed(name, model):
            assert isinstance(parsed, LinkedRow)
            service_id = _service_of(parsed, self.via_place)
            if service_id is None:
                self.reader.builder.problem(name or "", row, "service_id",
                                            "row names no service; skipped")  # fmt: skip
                continue
            yield row, service_id, parsed

    def read(self) -> None:
        p = self.reader.package
        for _row, sid, phone in self._linked(p.first("phones.csv"), PhoneIn):
            if number := clean_line(phone.number):
                self.phones[sid].append(
                    Phone(number=number.strip('"'), extension=clean_line(phone.extension),
                          type=clean_line(phone.type), description=clean(phone.description))
                )  # fmt: skip
        for _row, sid, contact in self._linked(p.first("contacts.csv"), ContactIn):
            if name := clean_line(contact.name):
                number = "-".join(
                    part for part in (contact.phone_areacode, contact.phone_number) if part
                )
                if number and contact.phone_extension:
                    number += f" ext. {contact.phone_extension}"
                self.contacts[sid].append(
                    Contact(name=name, title=clean_line(contact.title),
                            department=clean_line(contact.department),
                            email=clean_line(contact.email), phone=clean_line(number))
                )  # fmt: skip
        for _row, sid, language in self._linked(p.first("languages.csv"), LanguageIn):
            if name := clean_line(language.name) or clean_line(language.code):
                entry = Language(name=name, code=clean_line(language.code))
                if entry not in self.languages[sid]:
                    self.languages[sid].append(entry)
        for _row, sid, rule in self._linked(p.first("eligibility.csv"), EligibilityIn):
            if text := clean(rule.eligibility):
                self.eligibility[sid].append(text)
        for _row, sid, doc in self._linked(p.first("required_documents.csv"), DocumentIn):
            if text := clean_line(doc.document):
                self.documents[sid].append(text)
        self._read_regular_schedules()
        self._read_schedules()
        self._read_terms()

    def _read_regular_schedules(self) -> None:
        name = self.reader.package.first("regular_schedules.csv")
        texts: dict[str, str] = {}
        windows: dict[str, dict[tuple[time, time], list[str]]] = defaultdict(dict)
        failed: dict[str, tuple[int, str, str]] = {}
        for row, sid, item in self._linked(name, RegularScheduleIn):
            if sid not in texts and (text := clean(item.original_text or item.description)):
                texts[sid] = text
            day = _WEEKDAYS.get((item.weekday or "").strip().lower())
            if day is None:
                failed.setdefault(sid, (row, "weekday", f"'{item.weekday}' is not a weekday"))
                continue
            try:
                opens = _loose_time(item.opens_at, "opens_at")
                closes = _loose_time(item.closes_at, "closes_at")
            except ValueError as exc:
                field, _, message = str(exc).partition(": ")
                failed.setdefault(sid, (row, field, message))
                continue
            if opens is None or closes is None:
                failed.setdefault(sid, (row, "opens_at", "no opening or closing time"))
                continue
            if closes <= opens and closes.hour < 12 and "m" not in (item.closes_at or "").lower():
                closes = closes.replace(hour=closes.hour + 12)  # "9:00am" to "5:00" means 5 pm
            key = (opens, closes)
            windows[sid].setdefault(key, []).append(day)
        for sid, text in texts.items():
            self.hours_text[sid].append(text)
        for sid in windows.keys() | failed.keys():
            if sid in failed:
                # One bad row spoils the week: fall back on the directory's own text.
                row, field, message = failed[sid]
                if self._from_text(sid, texts.get(sid)):
                    continue
                self.reader.builder.problem(
                    name or "", row, field, f"{message}; hours kept as text", skipped="value"
                )
                continue
            for (opens, closes), days in windows[sid].items():
                self.schedules[sid].append(
                    ScheduleRule(freq="WEEKLY", byday=",".join(dict.fromkeys(days)),
                                 opens_at=opens, closes_at=closes)
                )  # fmt: skip

    def _from_text(self, sid: str, text: str | None) -> bool:
        if not text:
            return False
        try:
            self.schedules[sid] += parse_hours_text(text)
        except ValueError:
            return False
        return True

    def _read_schedules(self) -> None:
        name = self.reader.package.first("schedules.csv")
        for row, sid, item in self._linked(name, ScheduleIn):
            if not item.byday and not item.opens_at:
                if text := clean(item.description):
                    self.hours_text[sid].append(text)
                    self._from_text(sid, text)
                continue
            try:
                self.schedules[sid].append(
                    schedule_rule(freq=item.freq, byday=item.byday, opens_at=item.opens_at,
                                  closes_at=item.closes_at, valid_from=item.valid_from,
                                  valid_to=item.valid_to, description=item.description)
                )  # fmt: skip
            except ValueError as exc:
                field, _, message = str(exc).partition(": ")
                self.reader.builder.problem(name or "", row, field, message, skipped="row")
                if text := clean(item.description):
                    self.hours_text[sid].append(text)

    def _read_terms(self) -> None:
        p, lexicon = self.reader.package, self.reader.builder.lexicon
        terms: dict[str, list[str]] = {}
        for _row, term in self.reader.parsed(
            p.first("taxonomy_terms.csv", "taxonomy.csv", "taxonomies.csv"), TaxonomyTermIn
        ):
            code = (term.code or "").strip().lower()
            if lexicon.get(code) is not None:
                terms[term.id] = [code]
            else:
                label = " ".join(t for t in (term.name, term.term) if t)
                terms[term.id] = sorted(lexicon.needs_in_text(label))
        for _row, link in self.reader.parsed(
            p.first("services_taxonomy.csv", "service_taxonomy.csv", "attributes.csv"), TermLinkIn
        ):
            if link.link_entity and link.link_entity.lower() not in {"service", "link_entity"}:
                continue
            if link.service_id and link.taxonomy_id in terms:
                self.needs[link.service_id] += terms[link.taxonomy_id]

    def service(
        self,
        parsed: ServiceIn,
        name: str,
        organization_id: str | None,
        location_ids: list[str],
        row: int,
    ) -> ServiceRecord:
        sid = parsed.id
        eligibility = [clean(parsed.eligibility_description), *self.eligibility.get(sid, ())]
        last_verified = None
        if parsed.assured_date:
            try:
                last_verified = date.fromisoformat(parsed.assured_date[:10])
            except ValueError:
                self.reader.builder.problem("services.csv", row, "assured_date",
                                            f"'{parsed.assured_date}' is not a date",
                                            skipped="value")  # fmt: skip
        fees = clean(parsed.fees_description)
        return ServiceRecord(
            id=sid,
            organization_id=organization_id,
            name=readable_name(name),
            alternate_name=clean_line(parsed.alternate_name),
            description=clean(parsed.description),
            url=clean_line(parsed.url),
            email=clean_line(parsed.email),
            status=(clean_line(parsed.status) or "active").lower(),
            eligibility="\n".join(dict.fromkeys(e for e in eligibility if e)) or None,
            minimum_age=int(parsed.minimum_age) if parsed.minimum_age is not None else None,
            maximum_age=int(parsed.maximum_age) if parsed.maximum_age is not None else None,
            fees=fees,
            is_free=_is_free(fees),
            application_process=clean(parsed.application_process),
            alert=clean(parsed.alert),
            last_verified=last_verified,
            needs=tuple(dict.fromkeys(self.needs.get(sid, ()))),
            keywords=tuple(
                k for k in (clean_line(w) for w in (parsed.keywords or "").split(",")) if k
            ),
            languages=tuple(self.languages.get(sid, ())),
            phones=tuple(dict.fromkeys(self.phones.get(sid, ()))),
            contacts=tuple(dict.fromkeys(self.contacts.get(sid, ()))),
            documents=tuple(dict.fromkeys(self.documents.get(sid, ()))),
            schedules=tuple(dict.fromkeys(self.schedules.get(sid, ()))),
            hours_text="; ".join(dict.fromkeys(self.hours_text.get(sid, ()))) or None,
            location_ids=tuple(location_ids),
        )


def _loose_time(value: str | None, field: str) -> time | None:
    if not value:
        return None
    try:
        return parse_clock(value)
    except ValueError:
        pass
    try:
        return parse_loose_clock(value)
    except ValueError as exc:
        raise ValueError(f"{field}: {exc}") from exc


def _is_free(fees: str | None) -> bool | None:
    text = (fees or "").strip().lower()
    if text.startswith(("free", "no cost", "no charge", "none", "no fee")):
        return True
    if "$" in text:
        return False
    return None
