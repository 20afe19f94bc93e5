"""Pydantic models of HSDS 3.0 records as they arrive: lenient, every field optional.

They check types at the boundary; turning them into the domain catalogue
(with cleaning and need assignment) is hsds3_json's job.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator


class _In(BaseModel):
    model_config = ConfigDict(extra="ignore")

    @field_validator("*", mode="before")
    @classmethod
    def _numbers_as_text(cls, value: Any, info: Any) -> Any:
        # Directories write ids, extensions and postcodes as numbers or strings.
        field = cls.model_fields.get(info.field_name)
        if (
            field is not None
            and field.annotation in (str, str | None)
            and isinstance(value, int | float)
        ):
            return str(value)
        return value


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
    phones: list[H3Phone] = []


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
    addresses: list[H3Address] = []
    accessibility: list[H3Accessibility] = []
    phones: list[H3Phone] = []
    schedules: list[H3Schedule] = []


class H3ServiceAtLocation(_In):
    id: str | None = None
    location_id: str | None = None
    location: H3Location | None = None
    contacts: list[H3Contact] = []
    phones: list[H3Phone] = []
    schedules: list[H3Schedule] = []


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
    languages: list[H3Language] = []
    phones: list[H3Phone] = []
    contacts: list[H3Contact] = []
    schedules: list[H3Schedule] = []
    service_at_locations: list[H3ServiceAtLocation] = []
    attributes: list[H3Attribute] = []
    cost_options: list[H3CostOption] = []
    required_documents: list[H3RequiredDocument] = []


class H3OrganizationWithServices(H3Organization):
    """The 'organization_full' shape: an organization with its services nested."""

    services: list[dict[str, Any]] = []
