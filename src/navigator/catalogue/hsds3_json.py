"""Reading HSDS 3.0 JSON: full services, organizations with nested services, or one record."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

import ijson
from pydantic import ValidationError

from navigator.catalogue.builder import CatalogueBuilder, schedule_rule
from navigator.catalogue.cleaning import clean, clean_line
from navigator.catalogue.hsds3_models import (
    H3Contact,
    H3Location,
    H3Organization,
    H3OrganizationWithServices,
    H3Phone,
    H3Schedule,
    H3Service,
    validated,
)
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
from navigator.errors import CatalogueFormatError, validation_problem

FORMAT = "hsds3-json"


def load_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogueFormatError(
            f"not UTF-8 text (byte {exc.start})", path=path, hint="Save the file as UTF-8."
        ) from exc
    except OSError as exc:
        raise CatalogueFormatError(f"cannot read the file ({exc.strerror})", path=path) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogueFormatError(
            f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})", path=path
        ) from exc


def _looks_like_record(record: Any) -> bool:
    return isinstance(record, dict) and "id" in record and "name" in record


def looks_like_hsds3(document: Any) -> bool:
    records = document if isinstance(document, list) else [document]
    return bool(records) and all(_looks_like_record(r) for r in records[:20])


def _first_byte(handle: BinaryIO) -> bytes:
    """The first byte that is not white space, after a UTF-8 byte order mark; the handle is
    left at the start of the document."""
    start = handle.read(3)
    offset = 3 if start == b"\xef\xbb\xbf" else 0
    handle.seek(offset)
    while True:
        byte = handle.read(1)
        if byte not in (b" ", b"\t", b"\r", b"\n"):
            handle.seek(offset)
            return byte


def _streamed_records(path: Path, handle: BinaryIO) -> Iterator[Any]:
    """The records of a top-level JSON array, one at a time (ijson), never the whole file."""
    read = 0
    try:
        for record in ijson.items(handle, "item", use_float=True):
            yield record
            read += 1
    except ijson.IncompleteJSONError as exc:
        raise CatalogueFormatError(
            f"not valid JSON after record {read} ({_parser_message(exc)})", path=path
        ) from exc
    except ijson.JSONError as exc:
        raise CatalogueFormatError(f"not valid JSON ({_parser_message(exc)})", path=path) from exc
    except UnicodeDecodeError as exc:
        raise CatalogueFormatError(
            f"not UTF-8 text (byte {exc.start})", path=path, hint="Save the file as UTF-8."
        ) from exc


def _parser_message(error: Exception) -> str:
    """The parser's own words, first line only (it may quote the bad bytes below)."""
    text = error.args[0] if error.args else str(error)
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    first = str(text).strip().splitlines()
    return first[0] if first else "the file ends before the JSON does"


def _records(path: Path, handle: BinaryIO) -> Iterator[Any]:
    """The file's records: streamed from a top-level array (an export of any size); a
    single object (one record, or one page of an API response) is small and read whole."""
    if _first_byte(handle) != b"[":
        document = load_json(path)
        if isinstance(document, dict) and isinstance(document.get("contents"), list):
            document = document["contents"]  # a paginated API response saved to a file
        if not looks_like_hsds3(document):
            raise _not_hsds3(path)
        yield from document if isinstance(document, list) else [document]
        return
    empty = True
    for index, record in enumerate(_streamed_records(path, handle)):
        # As for a whole document: the first twenty records must look like HSDS 3.0.
        if index < 20 and not _looks_like_record(record):
            raise _not_hsds3(path)
        empty = False
        yield record
    if empty:
        raise _not_hsds3(path)


def _not_hsds3(path: Path) -> CatalogueFormatError:
    return CatalogueFormatError(
        "not an HSDS 3.0 JSON catalogue (expected service or organization records with "
        "'id' and 'name')",
        path=path,
    )


def read_hsds3_json(path: Path, builder: CatalogueBuilder) -> None:
    """Read the records into `builder` as they are parsed: memory stays bounded by one
    record (and the builder's batch), whatever the file's size."""
    name = path.name
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise CatalogueFormatError(f"cannot read the file ({exc.strerror})", path=path) from exc
    with handle:
        for index, record in enumerate(_records(path, handle), start=1):
            if (
                isinstance(record, dict)
                and "services" in record
                and "organization" not in record
                and "service_at_locations" not in record
            ):
                _read_organization_with_services(record, name, index, builder)
            else:
                _read_service(record, name, index, builder, organization=None)


def _field_of(error: ValidationError) -> str:
    return validation_problem(error)[0] or "record"


def _message_of(error: ValidationError) -> str:
    return validation_problem(error)[1]


def _read_organization_with_services(
    record: dict[str, Any], path: str, row: int, builder: CatalogueBuilder
) -> None:
    try:
        parsed = validated(H3OrganizationWithServices, record)
    except ValidationError as exc:
        builder.problem(path, row, _field_of(exc), _message_of(exc))
        return
    organization = _organization(parsed)
    if organization is None:
        builder.problem(path, row, "name", "organization has no name")
        return
    builder.add_organization(organization)
    for service in parsed.services:
        _read_service(service, path, row, builder, organization=organization)


def _organization(parsed: H3Organization) -> Organization | None:
    name = clean_line(parsed.name)
    if not name:
        return None
    return Organization(
        id=parsed.id.strip(),
        name=name,
        description=clean(parsed.description),
        website=clean_line(parsed.website or parsed.url),
        email=clean_line(parsed.email),
    )


def _phones(items: list[H3Phone]) -> list[Phone]:
    phones = []
    for item in items:
        number = clean_line(item.number)
        if number:
            phones.append(
                Phone(
                    number=number.strip('"'),
                    extension=clean_line(item.extension),
                    type=clean_line(item.type),
                    description=clean(item.description),
                )
            )
    return phones


def _contacts(items: list[H3Contact]) -> list[Contact]:
    contacts = []
    for item in items:
        name = clean_line(item.name)
        if name:
            phones = _phones(item.phones)
            contacts.append(
                Contact(
                    name=name,
                    title=clean_line(item.title),
                    department=clean_line(item.department),
                    email=clean_line(item.email),
                    phone=phones[0].number if phones else None,
                )
            )
    return contacts


def _location(parsed: H3Location) -> Location:
    addresses = []
    for a in parsed.addresses:
        line = clean_line(a.address_1)
        if line and (a.address_type or "physical") != "postal":
            addresses.append(
                Address(
                    address_1=line,
                    address_2=clean_line(a.address_2),
                    city=clean_line(a.city),
                    state_province=clean_line(a.state_province),
                    postal_code=clean_line(a.postal_code),
                    country=clean_line(a.country),
                )
            )
    latitude, longitude = parsed.latitude, parsed.longitude
    if (
        latitude is None
        or longitude is None
        or not (-90 <= latitude <= 90 and -180 <= longitude <= 180)
    ):
        latitude = longitude = None
    return Location(
        id=parsed.id.strip(),
        name=clean_line(parsed.name),
        description=clean(parsed.description),
        kind=(parsed.location_type or "physical").strip().lower(),
        transportation=clean(parsed.transportation),
        latitude=latitude,
        longitude=longitude,
        addresses=tuple(addresses),
        accessibility=tuple(
            text for a in parsed.accessibility if (text := clean_line(a.description or a.details))
        ),
    )


def _schedules(
    items: list[H3Schedule], path: str, row: int, field: str, builder: CatalogueBuilder
) -> tuple[list[ScheduleRule], list[str]]:
    rules, texts = [], []
    for i, item in enumerate(items):
        if not item.byday and not item.opens_at:
            if text := clean(item.description):
                texts.append(text)
            continue
        try:
            rules.append(
                schedule_rule(
                    freq=item.freq,
                    byday=item.byday,
                    opens_at=item.opens_at,
                    closes_at=item.closes_at,
                    valid_from=item.valid_from,
                    valid_to=item.valid_to,
                    description=item.description,
                )
            )
        except ValueError as exc:
            sub, _, message = str(exc).partition(": ")
            builder.problem(path, row, f"{field}[{i}].{sub}", message, skipped="value")
            if text := clean(item.description):
                texts.append(text)
    return rules, texts


def _is_free(parsed: H3Service) -> bool | None:
    amounts = [c.amount for c in parsed.cost_options if c.amount is not None]
    if any(a > 0 for a in amounts):
        return False
    fees = (parsed.fees_description or "").strip().lower()
    if fees.startswith(("free", "no cost", "no charge", "none")):
        return True
    if amounts and all(a == 0 for a in amounts):
        return True
    if "$" in fees:
        return False
    return None


def _read_service(
    record: Any,
    path: str,
    row: int,
    builder: CatalogueBuilder,
    *,
    organization: Organization | None,
) -> None:
    if not isinstance(record, dict):
        builder.problem(path, row, None, "record is not a JSON object")
        return
    try:
        parsed = validated(H3Service, record)
    except ValidationError as exc:
        builder.problem(path, row, _field_of(exc), _message_of(exc))
        return
    name = clean_line(parsed.name)
    if not name:
        builder.problem(path, row, "name", "service has no name")
        return
    if parsed.organization is not None:
        nested = _organization(parsed.organization)
        if nested is not None:
            builder.add_organization(nested)
            organization = nested
    organization_id = organization.id if organization else clean_line(parsed.organization_id)

    location_ids: list[str] = []
    phones = _phones(parsed.phones)
    contacts = _contacts(parsed.contacts)
    rules, hours_texts = _schedules(parsed.schedules, path, row, "schedules", builder)
    for i, sal in enumerate(parsed.service_at_locations):
        if sal.location is not None:
            location = _location(sal.location)
            builder.add_location(location)
            location_ids.append(location.id)
            loc_rules, loc_texts = _schedules(
                sal.location.schedules, path, row, f"service_at_locations[{i}].location.schedules",
                builder,
            )  # fmt: skip
            rules += loc_rules
            hours_texts += loc_texts
        elif sal.location_id:
            location_ids.append(sal.location_id.strip())
        phones += [p for p in _phones(sal.phones) if p not in phones]
        contacts += [c for c in _contacts(sal.contacts) if c not in contacts]
        sal_rules, sal_texts = _schedules(
            sal.schedules, path, row, f"service_at_locations[{i}].schedules", builder
        )
        rules += sal_rules
        hours_texts += sal_texts

    needs = []
    for attribute in parsed.attributes:
        term = attribute.taxonomy_term
        if term is None:
            continue
        code = (term.code or "").strip().lower()
        if builder.lexicon.get(code) is not None:
            needs.append(code)
        else:
            label = " ".join(t for t in (term.name, term.term) if t)
            needs += sorted(builder.lexicon.needs_in_text(label))

    last_verified = None
    if parsed.assured_date:
        try:
            last_verified = date.fromisoformat(parsed.assured_date.strip()[:10])
        except ValueError:
            builder.problem(path, row, "assured_date", f"'{parsed.assured_date}' is not a date",
                            skipped="value")  # fmt: skip

    service = Service(
        id=parsed.id.strip(),
        organization_id=organization_id,
        name=name,
        alternate_name=clean_line(parsed.alternate_name),
        description=clean(parsed.description),
        url=clean_line(parsed.url),
        email=clean_line(parsed.email),
        status=(clean_line(parsed.status) or "active").lower(),
        eligibility=clean(parsed.eligibility_description),
        minimum_age=int(parsed.minimum_age) if parsed.minimum_age is not None else None,
        maximum_age=int(parsed.maximum_age) if parsed.maximum_age is not None else None,
        fees=clean(parsed.fees_description),
        is_free=_is_free(parsed),
        application_process=clean(parsed.application_process),
        alert=clean(parsed.alert),
        last_verified=last_verified,
        needs=tuple(needs),
        languages=tuple(
            Language(name=n, code=clean_line(lang.code))
            for lang in parsed.languages
            if (n := clean_line(lang.name) or clean_line(lang.code))
        ),
        phones=tuple(phones),
        contacts=tuple(contacts),
        documents=tuple(d for doc in parsed.required_documents if (d := clean_line(doc.document))),
        schedules=tuple(rules),
        hours_text="; ".join(dict.fromkeys(hours_texts)) or None,
        location_ids=tuple(dict.fromkeys(location_ids)),
    )
    builder.add_service(service, path=path, row=row)
