"""A coordinator loads a real, messy 211 directory (Miami, HSDS 1.1 tabular)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from navigator.catalogue.hsds3_export import catalogue_records
from navigator.catalogue.reader import ReadResult, read_catalogue
from navigator.cli import main
from navigator.domain.needs import default_lexicon
from test_catalogue_export import SCHEMAS, same, schema_errors

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
MIAMI = SHARED_DATA / "miami-211-hsds-1.1"
pytestmark = pytest.mark.skipif(
    not MIAMI.exists(), reason=f"the Miami 211 package is not at {MIAMI} (../shared/data)"
)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Import Miami once through the CLI, as a coordinator would; share the outcome."""
    db = tmp_path_factory.mktemp("miami") / "navigator.db"
    runner = CliRunner()
    text_run = runner.invoke(main, ["catalogue", "import", str(MIAMI), "--db", str(db)])
    stats = runner.invoke(main, ["catalogue", "stats", "--json", "--db", str(db)])
    return {"db": db, "import": text_run, "stats": json.loads(stats.stdout)}


def test_miami_loads_thousands_of_services_with_needs(imported: dict[str, object]) -> None:
    stats = imported["stats"]
    assert isinstance(stats, dict)
    assert stats["format"] == "hsds-tabular"
    assert stats["services"] >= 4000
    assert stats["organizations"] == 1074
    assert stats["locations"] >= 4000
    assert stats["services_with_needs"] >= 0.95 * stats["services"]
    # Every weekly row the package has: 2,597 services carry regular_schedules rows.
    assert stats["services_with_schedules"] >= 2500


def test_miami_import_prints_a_readable_skip_report(imported: dict[str, object]) -> None:
    result = imported["import"]
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Imported 4089 services" in out
    assert "row names no service; skipped" in out  # eligibility rows without service ids
    assert "organization is not in the package" in out


def test_miami_text_is_repaired_for_the_desk(imported: dict[str, object]) -> None:
    from navigator.config import Settings
    from navigator.desk.context import open_desk

    db = imported["db"]
    assert isinstance(db, Path)
    desk = open_desk(db, settings=Settings(site_id="site-test"), load_demo=False)
    try:
        with desk.session() as session:
            from navigator.store.catalogue_store import load_catalogue

            catalogue = load_catalogue(session)
    finally:
        desk.close()
    texts = [
        t
        for s in catalogue.services
        for t in (s.name, s.description, s.eligibility, s.hours_text)
        if t
    ]
    assert not [t for t in texts if "GÇ" in t or "ΓÇ" in t]
    assert not [t for t in texts if "###MON###" in t or "###COL###" in t]
    assert not [t for t in texts if "\\n" in t]
    assert any("Attorney’s" in t for t in texts)
    names = {s.id: s.name for s in catalogue.services}
    assert names["136"] == "Girl Scouts Council of Tropical Florida, Inc."
    assert not [t for t in texts if t != t.strip()]
    with_coordinates = [loc for loc in catalogue.locations if loc.latitude is not None]
    assert 0 < len(with_coordinates) < len(catalogue.locations)


@pytest.fixture(scope="module")
def miami_read() -> ReadResult:
    return read_catalogue(MIAMI)


def test_problems_name_file_row_and_field(miami_read: ReadResult) -> None:
    result = miami_read
    missing_org = next(p for p in result.problems.problems if p.field == "organization_id")
    assert missing_org.path == "services.csv"
    assert missing_org.row is not None
    assert str(missing_org).startswith(
        f"services.csv, row {missing_org.row}, field 'organization_id'"
    )


def test_miami_export_validates_and_reads_back_to_the_same_catalogue(
    miami_read: ReadResult, tmp_path: Path
) -> None:
    # Read -> export records -> read again, without the database, to keep the suite quick.
    if not SCHEMAS.exists():
        pytest.skip(f"the HSDS 3.0 schemas are not at {SCHEMAS} (../shared/data)")
    original = miami_read.catalogue
    records = catalogue_records(original, default_lexicon())
    assert schema_errors(records) == []
    out = tmp_path / "miami.json"
    out.write_text(json.dumps(records), encoding="utf-8")
    same(original, read_catalogue(out).catalogue)


def _miami_search(db: Path, *args: str, env: dict[str, str]) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["search", *args, "--json", "--db", str(db)], env=env)
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def test_miami_locations_without_coordinates_are_placed_by_zip_code(
    imported: dict[str, object],
) -> None:
    # Given Miami imported: 1,829 of its 4,089 locations have no coordinates, 1,799 a ZIP code
    from sqlalchemy import text

    from navigator.store.database import open_database

    db = imported["db"]
    assert isinstance(db, Path)
    engine = open_database(db)
    with engine.connect() as c:
        counts = dict(
            c.execute(text("SELECT located_by, count(*) FROM location GROUP BY located_by")).all()
        )
    engine.dispose()
    # Then nearly all of those are placed at their ZIP code's centre, and none is made up;
    # of the 2,260 directory points, 123 lie far from their own address (a head office's
    # point, another state) and give way to its ZIP code too
    assert counts["exact"] == 2260 - 123
    assert 1790 + 123 <= counts["postal_code"] <= 1799 + 123  # 4 give a ZIP but no street
    assert counts.get(None, 0) <= 40  # no address at all, or a Canadian postcode


def test_a_zip_only_miami_pantry_is_within_10_km_of_a_miami_site(
    imported: dict[str, object],
) -> None:
    db = imported["db"]
    assert isinstance(db, Path)
    site = {"NAVIGATOR_SITE_LATITUDE": "25.787", "NAVIGATOR_SITE_LONGITUDE": "-80.200"}
    found = _miami_search(db, "food pantry", "--within-km", "10", "--limit", "200", env=site)
    by_zip = [r for r in found if r["located_by"] == "postal_code"]
    assert by_zip, "a pantry placed by its ZIP code passes the within-km filter"
    assert all(isinstance(r["distance_km"], float) and r["distance_km"] <= 10 for r in by_zip)
    assert all("km · by ZIP" in str(r["explanation"]) for r in by_zip)


def test_a_miami_site_set_by_zip_code_gives_distances(imported: dict[str, object]) -> None:
    db = imported["db"]
    assert isinstance(db, Path)
    found = _miami_search(db, "food pantry", env={"NAVIGATOR_SITE_POSTAL_CODE": "33130"})
    assert found
    assert all(isinstance(r["distance_km"], float) for r in found if r["located_by"])
