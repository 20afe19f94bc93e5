"""Pydantic models of HSDS 3.0 records as they arrive: lenient, every field optional.

They check types at the boundary; turning them into the domain catalogue
(with cleaning and need assignment) is hsds3_json's job.
"""

from __future__ import annotations

import copy
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class _In(BaseModel):
    # Directories write ids, extensions and postcodes as numbers or strings: numbers are
    # taken as text by pydantic itself (a validator of our own on every field was a
    # fifth of a JSON import's time). A true/false where text belongs: see `validated`.
    # Lists a record leaves out default through a factory: a `= []` default is deep-copied
    # for every record (8 vs 1.5 microseconds a record for four of them).
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)


M = TypeVar("M", bound=_In)


def validated(model: type[M], record: Any) -> M:
    """`record` as `model`; a true or false where text belongs is taken as "True" or
    "False", as numbers are. Raises ValidationError for anything else wrong."""
    try:
        return model.model_validate(record)
    except ValidationError as error:
        flags = [
            e["loc"] for e in error.errors()
            if e["type"] == "string_type" and isinstance(e["input"], bool)
        ]  # fmt: skip
        if not flags:
            raise
        fixed = copy.deepcopy(record)
        for loc in flags:
            *path, last = loc
            parent = fixed
            for key in path:
                parent = parent[key]
            parent[last] = str(parent[last])
        return model.model_validate(fixed)


class H3Language(_In):
    name: str | None = None
    code: str | None = None


class H3Phone(_In):
    number: str | None = None
    extension: str | None = None
    type: str | None = None
    description: str | None = None


class H3Contact(_In):
    name: str | None = None
    title: str | None = None
    department: str | None = None
    email: str | None = None
    phones: list[H3Phone] = Field(default_factory=list)


class H3Schedule(_In):
    freq: str | None = None
    byday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    description: str | None = None


class H3Address(_In):
    address_1: str | None = None
    address_2: str | None = None
    city: str | None = None
    state_province: str | None = None
    postal_code: str | None = None
    country: str | None = None
    address_type: str | None = None


class H3Accessibility(_In):
    description: str | None = None
    details: str | None = None


class H3Location(_In):
    id: str
    name: str | None = None
    description: str | None = None
    location_type: str | None = None
    transportation: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[H3Address] = Field(default_factory=list)
    accessibility: list[H3Accessibility] = Field(default_factory=list)
    phones: list[H3Phone] = Field(default_factory=list)
    schedules: list[H3Schedule] = Field(default_factory=list)


class H3ServiceAtLocation(_In):
    id: str | None = None
    location_id: str | None = None
    location: H3Location | None = None
    contacts: list[H3Contact] = Field(default_factory=list)
    phones: list[H3Phone] = Field(default_factory=list)
    schedules: list[H3Schedule] = Field(default_factory=list)


class H3TaxonomyTerm(_In):
    id: str | None = None
    code: str | None = None
    name: str | None = None
    term: str | None = None
    taxonomy: str | None = None


class H3Attribute(_In):
    taxonomy_term: H3TaxonomyTerm | None = None


class H3CostOption(_In):
    amount: float | None = None
    option: str | None = None
    amount_description: str | None = None


class H3RequiredDocument(_In):
    document: str | None = None


class H3Organization(_In):
    id: str
    name: str | None = None
    description: str | None = None
    website: str | None = None
    url: str | None = None
    email: str | None = None


class H3Service(_In):
    id: str
    name: str
    organization_id: str | None = None
    organization: H3Organization | None = None
    alternate_name: str | None = None
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str | None = None
    eligibility_description: str | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    fees_description: str | None = None
    application_process: str | None = None
    alert: str | None = None
    assured_date: str | None = None
    languages: list[H3Language] = Field(default_factory=list)
    phones: list[H3Phone] = Field(default_factory=list)
    contacts: list[H3Contact] = Field(default_factory=list)
    schedules: list[H3Schedule] = Field(default_factory=list)
    service_at_locations: list[H3ServiceAtLocation] = Field(default_factory=list)
    attributes: list[H3Attribute] = Field(default_factory=list)
    cost_options: list[H3CostOption] = Field(default_factory=list)
    required_documents: list[H3RequiredDocument] = Field(default_factory=list)


class H3OrganizationWithServices(H3Organization):
    """The 'organization_full' shape: an organization with its services nested."""

    services: list[dict[str, Any]] = Field(default_factory=list)
