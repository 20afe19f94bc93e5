"""A site lead exports the catalogue as HSDS 3.0 JSON; any HSDS tool, and Navigator, reads it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from navigator.cli import main
from navigator.config import Settings
from navigator.desk.context import Desk, open_desk
from navigator.desk.export_catalogue import export_catalogue
from navigator.desk.import_catalogue import import_catalogue
from navigator.domain.catalogue import Catalogue
from navigator.store.catalogue_store import load_catalogue

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SCHEMAS = SHARED / "hsds-3.0" / "schema"
needs_schemas = pytest.mark.skipif(
    not SCHEMAS.exists(), reason=f"the HSDS 3.0 schemas are not at {SCHEMAS} (../shared/data)"
)


def service_validator() -> Draft202012Validator:
    """The official service.json, its $refs (phone.json, location.json...) resolved locally."""
    registry: Registry[Any] = Registry().with_resources(
        (p.name, Resource.from_contents(json.loads(p.read_text()), DRAFT202012))
        for p in SCHEMAS.glob("*.json")
    )
    schema = json.loads((SCHEMAS / "service.json").read_text())
    return Draft202012Validator(schema, registry=registry)


def schema_errors(records: list[dict[str, Any]]) -> list[str]:
    validator = service_validator()
    return [
        f"{r.get('id')}: {e.message} at {list(e.absolute_path)}"
        for r in records
        for e in validator.iter_errors(r)
    ]


def same(a: Catalogue, b: Catalogue) -> None:
    """Two catalogues hold the same organizations, locations and services (any order)."""
    for kind in ("organizations", "locations", "services"):
        left = sorted(getattr(a, kind), key=lambda x: x.id)
        right = sorted(getattr(b, kind), key=lambda x: x.id)
        assert [x.id for x in left] == [x.id for x in right], kind
        for x, y in zip(left, right, strict=True):
            assert x == y, f"{kind} {x.id} differs"


@needs_schemas
def test_exported_demo_catalogue_validates_against_the_hsds3_schema(
    desk: Desk, tmp_path: Path
) -> None:
    out = tmp_path / "catalogue.json"
    report = export_catalogue(desk, out)
    records = json.loads(out.read_text(encoding="utf-8"))
    assert report.services == len(records) > 100
    assert schema_errors(records) == []


def test_demo_catalogue_survives_export_and_reimport(
    desk: Desk, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "catalogue.json"
    export_catalogue(desk, out)
    other = open_desk(tmp_path / "other.db", settings=settings, load_demo=False)
    try:
        import_catalogue(other, out)
        with desk.session() as s1, other.session() as s2:
            same(load_catalogue(s1), load_catalogue(s2))
    finally:
        other.close()


def test_export_command_writes_the_file_and_reports_counts(tmp_path: Path) -> None:
    db, out = str(tmp_path / "n.db"), tmp_path / "out.json"
    result = CliRunner().invoke(main, ["catalogue", "export", str(out), "--db", db, "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["services"] == len(json.loads(out.read_text()))


def test_export_to_a_missing_folder_fails_clearly(tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "out.json"
    result = CliRunner().invoke(main, ["catalogue", "export", str(out),
                                       "--db", str(tmp_path / "n.db")])  # fmt: skip
    assert result.exit_code == 1
    assert "no such folder" in result.stderr
    assert "Traceback" not in result.output
