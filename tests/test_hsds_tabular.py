"""HSDS 1.x tabular quirks seen in real 211 exports, on small packages written per test."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from navigator.catalogue.reader import read_catalogue


def package(folder: Path, **tables: str) -> Path:
    folder.mkdir()
    base = {
        "organizations.csv": "id,name\no1,FOOD FOR ALL INC.\n",
        "services.csv": "id,organization_id,name,description\n"
        "s1,o1,PANTRY,Groceries for families.\ns2,o9,LEGAL CLINIC,Advice for tenants.\n",
    }
    for name, body in (base | {k.replace("__", "."): v for k, v in tables.items()}).items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def test_weekday_rows_with_loose_times_merge_into_one_rule(tmp_path: Path) -> None:
    folder = package(
        tmp_path / "p",
        regular_schedules__csv="service_id,weekday,opens_at,closes_at,original_text\n"
        + "".join(f"s1,{d},9:00am,5:00,\n" for d in ("Monday", "Tuesday", "Wednesday"))
        + "s1,Saturday,830am,12:00pm,\n",
    )
    service = next(s for s in read_catalogue(folder).catalogue.services if s.id == "s1")
    rules = {(r.byday_text(), r.opens_at, r.closes_at) for r in service.schedules}
    # "5:00" after "9:00am" is 5 pm, not five in the morning
    assert rules == {("MO,TU,WE", time(9), time(17)), ("SA", time(8, 30), time(12))}


def test_blank_times_fall_back_on_the_directory_text(tmp_path: Path) -> None:
    folder = package(
        tmp_path / "p",
        regular_schedules__csv="service_id,weekday,opens_at,closes_at,original_text\n"
        's1,Monday,,,"8:30amGÇô5:00pm, Mon-Fri"\n',
    )
    result = read_catalogue(folder)
    service = next(s for s in result.catalogue.services if s.id == "s1")
    assert service.hours_text == "8:30am–5:00pm, Mon-Fri"
    assert [r.byday_text() for r in service.schedules] == ["MO,TU,WE,TH,FR"]
    assert not result.problems.problems or all(
        p.field != "opens_at" for p in result.problems.problems
    )


def test_missing_organization_and_orphan_rows_are_reported_not_fatal(tmp_path: Path) -> None:
    folder = package(
        tmp_path / "p",
        eligibility__csv="id,service_id,eligibility\n,,Anyone\n,s1,Families in the county\n",
    )
    result = read_catalogue(folder)
    services = {s.id: s for s in result.catalogue.services}
    assert services["s2"].organization_id is None
    assert services["s1"].eligibility == "Families in the county"
    where = {(p.path, p.row, p.field) for p in result.problems.problems}
    assert ("services.csv", 3, "organization_id") in where
    assert ("eligibility.csv", 2, "service_id") in where
    assert services["s1"].name == "Pantry"


def test_a_taxonomy_in_the_package_gives_the_needs(tmp_path: Path) -> None:
    folder = package(
        tmp_path / "p",
        taxonomy__csv="id,name,parent_id\nt1,Tenant Rights Legal Aid,\nt2,Food Pantries,\n",
        services_taxonomy__csv="id,service_id,taxonomy_id\n1,s1,t2\n2,s2,t1\n",
    )
    result = read_catalogue(folder)
    needs = {s.id: s.needs for s in result.catalogue.services}
    assert needs["s1"] == ("food",)
    assert "legal" in needs["s2"]
    assert result.needs_from_text == 0


def test_holiday_closures_are_shown_with_the_hours(tmp_path: Path) -> None:
    folder = package(
        tmp_path / "p",
        regular_schedules__csv="service_id,weekday,opens_at,closes_at,original_text\n"
        "s1,Monday,9am,5pm,Mon 9-5\n",
        holiday_schedules__csv="service_id,closed,opens_at,closes_at,start_date,end_date\n"
        "s1,true,,,2026-12-25,2026-12-26\ns1,false,9am,1pm,2026-12-24,2026-12-24\n",
    )
    service = next(s for s in read_catalogue(folder).catalogue.services if s.id == "s1")
    assert service.hours_text == "Mon 9-5; Closed 2026-12-25 to 2026-12-26; 2026-12-24: 9am-1pm"
    assert [r.byday_text() for r in service.schedules] == ["MO"]
