"""A coordinator loads a directory in whatever form it came: HSDS 3.0 JSON or CSV, or a sheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from navigator.catalogue.reader import detect_format, read_catalogue
from navigator.cli import main
from navigator.desk.catalogue_stats import catalogue_stats
from navigator.desk.context import Desk
from navigator.desk.import_catalogue import import_catalogue
from navigator.errors import NavigatorError
from navigator.store.catalogue_store import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "data" / "catalogue_template.csv"
EXAMPLES = ROOT.parent / "shared" / "data" / "hsds-3.0" / "examples"
needs_examples = pytest.mark.skipif(
    not EXAMPLES.exists(), reason=f"the HSDS 3.0 examples are not at {EXAMPLES} (../shared/data)"
)


@needs_examples
@pytest.mark.parametrize(
    ("name", "fmt"),
    [("service_full.json", "hsds3-json"), ("organization_full.json", "hsds3-json"),
     ("service_list.json", "hsds3-json"), ("csv", "hsds3-tabular")],
)  # fmt: skip
def test_hsds3_examples_load_with_their_service(name: str, fmt: str) -> None:
    result = read_catalogue(EXAMPLES / name)
    assert result.catalogue.format == fmt
    assert [s.name for s in result.catalogue.services] == ["Community Counselling"]
    assert "mental_health" in result.catalogue.services[0].needs


@needs_examples
def test_hsds3_tabular_example_keeps_schedule_location_and_reports_bad_coordinates() -> None:
    result = read_catalogue(EXAMPLES / "csv")
    service = result.catalogue.services[0]
    assert service.schedules[0].byday_text() == "TH,FR"
    assert service.location_ids == ("3a19ff88-4620-4d17-9830-ac1d859eb5d5",)
    located = {(p.path, p.field) for p in result.problems.problems}
    assert ("locations.csv", "latitude") in located  # 100, 101 is not on Earth


def test_the_shipped_template_loads_with_hours_parsed(empty_desk: Desk) -> None:
    report = import_catalogue(empty_desk, TEMPLATE)
    assert report.format == "flat-csv"
    assert report.services == 3
    assert len(report.problems) == 0
    with empty_desk.session() as session:
        catalogue = load_catalogue(session)
    pantry = next(s for s in catalogue.services if "Pantry" in s.name)
    assert pantry.schedules[0].byday_text() == "2SA,4SA"
    assert pantry.needs == ("food",)


def _sheet(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "sheet.csv"
    path.write_text("Organization,Service,Needs,Hours,Phone\n" + rows, encoding="utf-8")
    return path


def test_hours_a_sheet_cannot_parse_are_kept_as_text_and_reported(tmp_path: Path) -> None:
    path = _sheet(tmp_path, "Hope Church,Pop-up pantry,food,when the truck comes,555-0100\n")
    result = read_catalogue(path)
    service = result.catalogue.services[0]
    assert service.schedules == ()
    assert service.hours_text == "when the truck comes"
    problem = result.problems.problems[0]
    assert (problem.path, problem.row, problem.field) == ("sheet.csv", 2, "hours")


def test_a_sheet_row_without_a_service_name_is_skipped_and_reported(tmp_path: Path) -> None:
    path = _sheet(tmp_path, "Hope Church,,food,Mon 9-5,\nHope Church,Pantry,food,Mon 9-5,\n")
    result = read_catalogue(path)
    assert [s.name for s in result.catalogue.services] == ["Pantry"]
    assert str(result.problems.problems[0]).startswith("sheet.csv, row 2, field 'service'")


def test_strict_import_stops_at_the_first_problem_and_changes_nothing(
    tmp_path: Path, desk: Desk
) -> None:
    before = catalogue_stats(desk)
    path = _sheet(tmp_path, "Hope Church,Pantry,food,someday,\n")
    with pytest.raises(NavigatorError, match="row 2"):
        import_catalogue(desk, path, strict=True)
    assert catalogue_stats(desk) == before


def test_a_package_folder_is_detected_by_its_services_table(tmp_path: Path) -> None:
    (tmp_path / "services.csv").write_text("id,name\n1,Pantry\n", encoding="utf-8")
    (tmp_path / "datapackage.json").write_text('{"resources": []}', encoding="utf-8")
    assert detect_format(tmp_path) == "hsds-tabular"
    assert detect_format(tmp_path / "datapackage.json") == "hsds-tabular"
    assert detect_format(TEMPLATE) == "flat-csv"


def test_reimport_replaces_the_catalogue_as_a_new_version(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    runner = CliRunner()
    first = runner.invoke(main, ["catalogue", "import", str(TEMPLATE), "--db", db, "--json"])
    path = _sheet(tmp_path, "Hope Church,Pantry,food,Mon 9-5,\n")
    second = runner.invoke(main, ["catalogue", "import", str(path), "--db", db, "--json"])
    assert json.loads(second.stdout)["version"] == json.loads(first.stdout)["version"] + 1
    stats = json.loads(runner.invoke(main, ["catalogue", "stats", "--json", "--db", db]).stdout)
    assert stats["services"] == 1
    assert stats["services_with_schedules"] == 1
