"""A directory's JSON writes ids, postcodes and extensions as numbers, or even true/false."""

from __future__ import annotations

import json
from pathlib import Path

from navigator.catalogue.reader import read_catalogue


def test_numbers_and_flags_where_text_belongs_are_read_as_text(tmp_path: Path) -> None:
    # Given an HSDS 3.0 export whose ids, extension and postcode are numbers, and whose
    # phone type is a JSON true
    record = {
        "id": 101, "name": "Pantry", "minimum_age": "18",
        "phones": [{"number": "305-555-0100", "extension": 12, "type": True}],
        "service_at_locations": [{"location": {
            "id": 7, "name": "Hall", "latitude": 25.78, "longitude": -80.2,
            "addresses": [{"address_1": "1 Main St", "city": "Miami", "postal_code": 33130}],
        }}],
    }  # fmt: skip
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    # When it is read
    result = read_catalogue(path)
    # Then each is kept as the text it was written as, and nothing is reported
    service = result.catalogue.services[0]
    assert (service.id, service.minimum_age, service.location_ids) == ("101", 18, ("7",))
    phone = service.phones[0]
    assert (phone.extension, phone.type) == ("12", "True")
    assert result.catalogue.locations[0].addresses[0].postal_code == "33130"
    assert not result.problems.problems
