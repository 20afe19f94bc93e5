"""A large directory is saved batch by batch as it is read, yet a late failure changes nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from navigator.bench.synthetic_package import write_package
from navigator.catalogue.reader import read_catalogue
from navigator.desk.catalogue_stats import catalogue_stats
from navigator.desk.context import Desk
from navigator.desk.export_catalogue import export_catalogue
from navigator.desk.import_catalogue import import_catalogue
from navigator.desk.search_services import search_services
from navigator.errors import NavigatorError

SERVICES = 2300  # more than one batch of 2,000


def _blank_last_service_name(package: Path) -> None:
    services = package / "services.csv"
    with services.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[-1]["name"] = ""
    with services.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_a_problem_in_the_last_row_of_a_large_package_changes_nothing_under_strict(
    desk: Desk, tmp_path: Path
) -> None:
    # Given a desk with its catalogue, and a large package whose very last service is bad
    before = catalogue_stats(desk)
    package = write_package(tmp_path / "package", SERVICES)
    _blank_last_service_name(package)
    # When the coordinator imports it with --strict (the first batches are saved by then)
    with pytest.raises(NavigatorError, match=r"services\.csv.*row.*name"):
        import_catalogue(desk, package, strict=True)
    # Then the catalogue is the one they had, and searching still works
    assert catalogue_stats(desk) == before
    assert search_services(desk, "food")


def test_a_streamed_import_saves_what_reading_the_whole_package_gives(
    desk: Desk, tmp_path: Path
) -> None:
    # Given a package of more than one batch
    package = write_package(tmp_path / "package", SERVICES)
    whole = read_catalogue(package)
    # When it is imported
    report = import_catalogue(desk, package)
    # Then every service is stored, counted and hashed as the whole catalogue would be
    assert report.services == SERVICES == len(whole.catalogue.services)
    assert report.locations == len(whole.catalogue.locations)
    assert report.organizations == len(whole.catalogue.organizations)
    assert report.content_hash == whole.content_hash
    assert catalogue_stats(desk).services == SERVICES
    # And the export written batch by batch holds every service once, with its needs
    out = tmp_path / "export.json"
    exported = export_catalogue(desk, out)
    records = json.loads(out.read_text(encoding="utf-8"))
    assert exported.services == len(records) == SERVICES
    assert len({r["id"] for r in records}) == SERVICES
    assert all(r["attributes"] for r in records)


def _exported_json(desk: Desk, tmp_path: Path) -> Path:
    package = write_package(tmp_path / "package", SERVICES)
    import_catalogue(desk, package)
    out = tmp_path / "export.json"
    export_catalogue(desk, out)
    return out


def test_a_large_hsds3_json_file_streams_in_and_names_a_late_bad_field(
    desk: Desk, tmp_path: Path
) -> None:
    # Given an HSDS 3.0 JSON export of more than one batch, whose last record has a bad age
    out = _exported_json(desk, tmp_path)
    records = json.loads(out.read_text(encoding="utf-8"))
    records[-1]["minimum_age"] = "ten"
    out.write_text(json.dumps(records, indent=1), encoding="utf-8")
    before = catalogue_stats(desk)
    # When it is imported with --strict
    with pytest.raises(NavigatorError, match=rf"export\.json.*row {SERVICES}.*minimum_age"):
        import_catalogue(desk, out, strict=True)
    # Then nothing changed; and without --strict every other record is saved and the bad
    # one is reported by file, row and field
    assert catalogue_stats(desk) == before
    report = import_catalogue(desk, out)
    assert report.services == SERVICES - 1
    (problem,) = report.problems.problems
    assert (problem.row, problem.field) == (SERVICES, "minimum_age")


def test_an_hsds3_json_file_cut_short_changes_nothing(desk: Desk, tmp_path: Path) -> None:
    # Given an export whose last bytes were lost (a full USB stick), after many records
    out = _exported_json(desk, tmp_path)
    text = out.read_text(encoding="utf-8")
    out.write_text(text[: len(text) - 200], encoding="utf-8")
    before = catalogue_stats(desk)
    # When it is imported, then the error names the file and how far it got; nothing changed
    with pytest.raises(NavigatorError, match=r"export\.json.*not valid JSON after record \d+"):
        import_catalogue(desk, out)
    assert catalogue_stats(desk) == before
