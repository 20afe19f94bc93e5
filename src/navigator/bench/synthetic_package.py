"""A synthetic HSDS 1.x tabular package of any size, for the import benchmark.

Names, descriptions and hours are drawn from a small vocabulary so that need
assignment, hours parsing and cleaning all do their real work.
"""

from __future__ import annotations

import csv
import random
from contextlib import ExitStack
from pathlib import Path

_KINDS = (
    ("FOOD PANTRY", "Free groceries and hot meals for families in need."),
    ("RENT ASSISTANCE", "Help with rent, eviction prevention and emergency shelter."),
    ("BUS PASS PROGRAM", "Reduced-fare bus passes and rides to medical appointments."),
    ("COMMUNITY CLINIC", "Primary care, vaccines and prescriptions; sliding-scale fees."),
    ("LEGAL AID", "Free lawyers for tenants, immigration and benefits cases."),
    ("JOB CENTER", "Job search, resume help and training for adults."),
    ("COUNSELING", "Counseling for depression, anxiety and grief.\\n\\n###MON###"),
    ("SENIOR CENTER", "Meals on wheels and activities for older adults."),
)
_HOURS = (("8:00am", "5:00pm"), ("9am", "4:30 PM"), ("10:00am", "2:00pm"))
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def write_package(folder: Path, services: int, seed: int = 7) -> Path:
    """Write organizations, services, locations and their tables for `services` services."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    organizations = max(1, services // 4)

    with ExitStack() as files:

        def table(name: str, header: list[str]) -> csv.DictWriter[str]:
            handle = files.enter_context((folder / name).open("w", newline="", encoding="utf-8"))
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            return writer

        orgs = table("organizations.csv", ["id", "name", "description"])
        for i in range(organizations):
            orgs.writerow({"id": f"o{i}", "name": f"COMMUNITY PARTNER {i} INC.",
                           "description": "A nonprofit serving the county."})  # fmt: skip
        svc = table("services.csv", ["id", "organization_id", "name", "description", "fees"])
        loc = table("locations.csv", ["id", "organization_id", "name", "latitude", "longitude"])
        sal = table("services_at_location.csv", ["id", "service_id", "location_id"])
        phones = table("phones.csv", ["id", "service_id", "number"])
        addresses = table("physical_addresses.csv", ["id", "location_id", "address_1", "city",
                                                     "state_province", "postal_code"])  # fmt: skip
        hours = table("regular_schedules.csv", ["service_id", "weekday", "opens_at", "closes_at",
                                                "original_text"])  # fmt: skip
        languages = table("languages.csv", ["service_id", "language"])
        for i in range(services):
            name, description = _KINDS[i % len(_KINDS)]
            org = f"o{rng.randrange(organizations)}"
            svc.writerow(
                {
                    "id": f"s{i}",
                    "organization_id": org,
                    "name": f"{name} {i}",
                    "description": description,
                    "fees": "Free" if i % 3 else "$10",
                }
            )
            with_coordinates = i % 2 == 0
            loc.writerow(
                {
                    "id": f"l{i}",
                    "organization_id": org,
                    "name": f"SITE {i}",
                    "latitude": f"{25.7 + rng.random() / 5:.5f}" if with_coordinates else "",
                    "longitude": f"{-80.3 + rng.random() / 5:.5f}" if with_coordinates else "",
                }
            )
            sal.writerow({"id": f"sal{i}", "service_id": f"s{i}", "location_id": f"l{i}"})
            phones.writerow(
                {"id": f"p{i}", "service_id": f"s{i}", "number": f"305-555-{i % 10000:04d}"}
            )
            addresses.writerow(
                {
                    "id": f"a{i}",
                    "location_id": f"l{i}",
                    "address_1": f"{100 + i} Main Street ",
                    "city": "Miami",
                    "state_province": "FL ",
                    "postal_code": "33101",
                }
            )
            opens, closes = _HOURS[i % len(_HOURS)]
            for day in _DAYS[: 3 + i % 3]:
                hours.writerow(
                    {
                        "service_id": f"s{i}",
                        "weekday": day,
                        "opens_at": opens,
                        "closes_at": closes,
                        "original_text": f"{opens}-{closes}, Mon-Fri",
                    }
                )
            languages.writerow({"service_id": f"s{i}", "language": "English"})
            if i % 4 == 0:
                languages.writerow({"service_id": f"s{i}", "language": "Spanish"})  # fmt: skip
    return folder
