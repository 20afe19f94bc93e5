"""Writing the catalogue as HSDS 3.0 JSON: a list of full service records.

Each record validates against the official `service.json` schema, with its
organization, locations (through service_at_locations), phones, contacts,
schedules, languages, documents and need categories nested. Reading the
file back with hsds3_json gives the same catalogue.

Ids are the directory's own: HSDS 3.0 asks for UUIDs, but a directory's ids
are what handoffs and a later re-import refer to, so they are kept as they
came. Nested records without an id of their own get a stable UUID made from
their owner's id.
"""

from __future__ import annotations

import uuid
from typing import Any

from navigator.domain.catalogue import Catalogue, Location, Organization, Service
from navigator.domain.hours import ScheduleRule
from navigator.domain.needs import NeedLexicon

NEEDS_TAXONOMY = "navigator-needs"
_STATUSES = {"active", "inactive", "defunct", "temporarily closed"}
_NAMESPACE = uuid.UUID("4f1c2a7e-8a43-4a53-9a52-0d3a7c6b9e11")


def _child_id(owner: str, kind: str, index: int) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{owner}/{kind}/{index}"))


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    """Drop empty optional fields, as HSDS publishers do."""
    return {k: v for k, v in record.items() if v is not None and v != [] and v != ""}


def _organization(org: Organization) -> dict[str, Any]:
    record = _compact({"id": org.id, "name": org.name, "website": org.website,
                       "email": org.email})  # fmt: skip
    record["description"] = org.description or ""  # required by the schema
    return record


def _location(loc: Location) -> dict[str, Any]:
    exact = loc.exact_coordinates
    return _compact(
        {
            "id": loc.id,
            "location_type": loc.kind if loc.kind in {"physical", "postal", "virtual"}
            else "physical",
            "name": loc.name,
            "description": loc.description,
            "transportation": loc.transportation,
            # A ZIP or town centre is ours, not the directory's: only its own go out.
            "latitude": exact[0] if exact else None,
            "longitude": exact[1] if exact else None,
            "addresses": [
                {
                    "id": _child_id(loc.id, "address", i),
                    "address_1": a.address_1,
                    **_compact({"address_2": a.address_2}),
                    # required by the schema even when the directory left them blank
                    "city": a.city or "",
                    "state_province": a.state_province or "",
                    "postal_code": a.postal_code or "",
                    "country": a.country or "",
                    "address_type": "physical",
                }
                for i, a in enumerate(loc.addresses)
            ],
            "accessibility": [
                {"id": _child_id(loc.id, "accessibility", i), "description": text}
                for i, text in enumerate(loc.accessibility)
            ],
        }
    )  # fmt: skip


def _schedule(owner: str, index: int, rule: ScheduleRule) -> dict[str, Any]:
    return _compact(
        {
            "id": _child_id(owner, "schedule", index),
            "freq": rule.freq,
            "byday": rule.byday_text(),
            "opens_at": rule.opens_at.strftime("%H:%M:%S") if rule.opens_at else None,
            "closes_at": rule.closes_at.strftime("%H:%M:%S") if rule.closes_at else None,
            "valid_from": rule.valid_from.isoformat() if rule.valid_from else None,
            "valid_to": rule.valid_to.isoformat() if rule.valid_to else None,
            "description": rule.description,
        }
    )


def _phone(owner: str, kind: str, index: int, number: str, **extra: Any) -> dict[str, Any]:
    extension = extra.pop("extension", None)
    record = {"id": _child_id(owner, kind, index), "number": number, **extra}
    if extension:
        # The schema types an extension as a number; anything else stays in the text.
        if extension.isdigit():
            record["extension"] = int(extension)
        else:
            record["description"] = "; ".join(
                p for p in (record.get("description"), f"extension {extension}") if p
            )
    return _compact(record)


def service_record(
    service: Service,
    organization: Organization | None,
    locations: dict[str, Location],
    lexicon: NeedLexicon,
) -> dict[str, Any]:
    """One service as an HSDS 3.0 service_full record."""
    sid = service.id
    schedules = [_schedule(sid, i, r) for i, r in enumerate(service.schedules)]
    if service.hours_text:
        # Hours the directory gave only as text travel as a schedule with a description.
        schedules.append({"id": _child_id(sid, "hours-text", 0),
                          "description": service.hours_text})  # fmt: skip
    record: dict[str, Any] = {
        "id": sid,
        "name": service.name,
        "status": service.status if service.status in _STATUSES else "active",
        "organization_id": service.organization_id,
        "alternate_name": service.alternate_name,
        "description": service.description,
        "url": service.url,
        "email": service.email,
        "eligibility_description": service.eligibility,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "fees_description": service.fees,
        "application_process": service.application_process,
        "alert": service.alert,
        "assured_date": service.last_verified.isoformat() if service.last_verified else None,
        "organization": _organization(organization) if organization else None,
        "phones": [
            _phone(sid, "phone", i, p.number, extension=p.extension, type=p.type,
                   description=p.description)
            for i, p in enumerate(service.phones)
        ],
        "contacts": [
            _compact({
                "id": _child_id(sid, "contact", i),
                "name": c.name,
                "title": c.title,
                "department": c.department,
                "email": c.email,
                "phones": [_phone(sid, f"contact-{i}-phone", 0, c.phone)] if c.phone else [],
            })
            for i, c in enumerate(service.contacts)
        ],
        "languages": [
            _compact({"id": _child_id(sid, "language", i), "name": lang.name, "code": lang.code})
            for i, lang in enumerate(service.languages)
        ],
        "required_documents": [
            {"id": _child_id(sid, "document", i), "document": d}
            for i, d in enumerate(service.documents)
        ],
        "cost_options": [{"id": _child_id(sid, "cost", 0), "amount": 0}]
        if service.is_free
        else [],
        "schedules": schedules,
        "service_at_locations": [
            {
                "id": _child_id(sid, "service-at-location", i),
                "service_id": sid,
                "location_id": location_id,
                "location": _location(locations[location_id]),
            }
            for i, location_id in enumerate(service.location_ids)
            if location_id in locations
        ],
        "attributes": [
            {
                "id": _child_id(sid, "need", i),
                "link_id": sid,
                "link_type": "need",
                "link_entity": "service",
                "taxonomy_term": {
                    "id": str(uuid.uuid5(_NAMESPACE, f"need/{code}")),
                    "code": code,
                    "name": lexicon.name_of(code),
                    "description": f"Navigator need category: {lexicon.name_of(code)}",
                    "taxonomy": NEEDS_TAXONOMY,
                },
            }
            for i, code in enumerate(service.needs)
        ],
    }  # fmt: skip
    return _compact(record)


def catalogue_records(catalogue: Catalogue, lexicon: NeedLexicon) -> list[dict[str, Any]]:
    """The whole catalogue as a list of HSDS 3.0 service records."""
    organizations = {o.id: o for o in catalogue.organizations}
    locations = {loc.id: loc for loc in catalogue.locations}
    return [
        service_record(s, organizations.get(s.organization_id or ""), locations, lexicon)
        for s in catalogue.services
    ]
