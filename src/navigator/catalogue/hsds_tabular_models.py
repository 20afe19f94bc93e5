"""Pydantic models of HSDS tabular rows (1.x, 2.0 and 3.0 column names) as they arrive.

Every cell is optional and blank cells become None; the models check types
(numbers, coordinates) so a bad cell is reported with its file, row and field.
Where HSDS renamed a column between versions, both names are accepted.
"""

from __future__ import annotations

from pydantic import AliasChoices, BaseModel, ConfigDict, Field


class CsvRow(BaseModel):
    """A row as `TableReader.parsed` gives it: cells stripped, blank cells None (done there
    for the whole row at once, not by a validator per field: 100,000-row tables)."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class OrganizationIn(CsvRow):
    id: str
    name: str | None = None
    description: str | None = None
    email: str | None = None
    website: str | None = Field(None, validation_alias=AliasChoices("website", "url"))


class LocationIn(CsvRow):
    id: str
    name: str | None = None
    description: str | None = None
    transportation: str | None = None
    location_type: str | None = None
    latitude: float | None = None
    longitude: float | None = None


class AddressIn(CsvRow):
    location_id: str | None = None
    address_1: str | None = None
    address_2: str | None = None
    city: str | None = None
    state_province: str | None = None
    postal_code: str | None = None
    country: str | None = None
    address_type: str | None = None


class AccessibilityIn(CsvRow):
    location_id: str | None = None
    description: str | None = Field(
        None, validation_alias=AliasChoices("description", "accessibility")
    )
    details: str | None = None


class ServiceIn(CsvRow):
    id: str
    organization_id: str | None = None
    name: str | None = None
    alternate_name: str | None = None
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str | None = None
    application_process: str | None = None
    fees_description: str | None = Field(
        None, validation_alias=AliasChoices("fees_description", "fees")
    )
    eligibility_description: str | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    assured_date: str | None = None
    alert: str | None = None
    keywords: str | None = None


class ServiceAtLocationIn(CsvRow):
    id: str | None = None
    service_id: str | None = None
    location_id: str | None = None


class LinkedRow(CsvRow):
    """A row that belongs to a service directly or through a service-at-location."""

    service_id: str | None = None
    service_at_location_id: str | None = None
    location_id: str | None = None


class PhoneIn(LinkedRow):
    number: str | None = None
    extension: str | None = None
    type: str | None = None
    description: str | None = None


class ContactIn(LinkedRow):
    name: str | None = None
    title: str | None = None
    department: str | None = None
    email: str | None = None
    phone_number: str | None = None
    phone_areacode: str | None = None
    phone_extension: str | None = None


class LanguageIn(LinkedRow):
    name: str | None = Field(None, validation_alias=AliasChoices("name", "language"))
    code: str | None = None


class EligibilityIn(LinkedRow):
    eligibility: str | None = None


class DocumentIn(LinkedRow):
    document: str | None = None


class RegularScheduleIn(LinkedRow):
    """HSDS 1.x/2.0 regular_schedules.csv: one weekday per row."""

    weekday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    original_text: str | None = None
    description: str | None = None


class ScheduleIn(LinkedRow):
    """HSDS 3.0 schedules.csv: recurrence fields."""

    freq: str | None = None
    byday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    description: str | None = None


class TaxonomyTermIn(CsvRow):
    id: str
    code: str | None = None
    name: str | None = None
    term: str | None = None


class TermLinkIn(CsvRow):
    """services_taxonomy.csv (1.x) or attributes.csv (3.0): a service tagged with a term."""

    service_id: str | None = Field(None, validation_alias=AliasChoices("service_id", "link_id"))
    taxonomy_id: str | None = Field(
        None, validation_alias=AliasChoices("taxonomy_id", "taxonomy_term_id")
    )
    link_type: str | None = None
    link_entity: str | None = None


class HolidayScheduleIn(LinkedRow):
    """HSDS 1.x/2.0 holiday_schedules.csv: closures and special hours on given dates."""

    closed: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    start_date: str | None = None
    end_date: str | None = None
