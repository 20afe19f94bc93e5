"""Broken and foreign files never crash the importer and never half-change the catalogue."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from navigator.catalogue.reader import read_catalogue
from navigator.cli import main
from navigator.desk.catalogue_stats import catalogue_stats
from navigator.desk.context import Desk
from navigator.desk.import_catalogue import import_catalogue
from navigator.errors import NavigatorError

TABLE_HEADERS = {
    "services.csv": ["id", "organization_id", "name", "description", "fees"],
    "organizations.csv": ["id", "name", "description"],
    "locations.csv": ["id", "name", "latitude", "longitude"],
    "services_at_location.csv": ["id", "service_id", "location_id"],
    "regular_schedules.csv": ["service_id", "weekday", "opens_at", "closes_at", "original_text"],
    "phones.csv": ["service_id", "number"],
}
cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "1", "2", "9am", "25:99", "Monday", "Funday", "-91", "abc", '"', "\n"]),
)


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n') else value


@st.composite
def packages(draw: st.DrawFn) -> dict[str, str]:
    files = {}
    for name, header in TABLE_HEADERS.items():
        if name != "services.csv" and draw(st.booleans()):
            continue
        rows = draw(st.lists(st.lists(cell, min_size=0, max_size=len(header) + 1), max_size=5))
        body = [",".join(header)] + [",".join(_csv_cell(v) for v in row) for row in rows]
        files[name] = "\n".join(body)
    if draw(st.booleans()):
        files["services.csv"] = draw(st.text(max_size=80))  # not even CSV-shaped
    return files


def _assert_outcome_is_clear(path: Path) -> None:
    try:
        result = read_catalogue(path)
    except NavigatorError as error:
        refusal = str(error)
        assert refusal.strip()
        return
    assert result.catalogue.services
    for problem in result.problems.problems:
        assert problem.path
        assert problem.message


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=packages())
def test_malformed_tabular_packages_give_a_skip_report_or_a_clear_error(
    tmp_path: Path, files: dict[str, str]
) -> None:
    folder = tmp_path / "package"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
    _assert_outcome_is_clear(folder)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(
        st.sampled_from(["id", "name", "services", "schedules", "byday", "opens_at", "phones",
                         "service_at_locations", "location", "latitude", "organization"]),
        inner, max_size=5),
    max_leaves=15,
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=json_values)
def test_malformed_json_gives_a_skip_report_or_a_clear_error(
    tmp_path: Path, document: object
) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    _assert_outcome_is_clear(path)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("catalogue.json", b'{"id": 1, "name": '),  # cut off mid-file
        ("catalogue.json", b"\xff\xfe\x00\x00 not text"),
        ("catalogue.json", b'{"type": "FeatureCollection", "features": []}'),  # foreign
        ("photo.png", b"\x89PNG\r\n\x1a\n"),
        ("sheet.csv", b"Name,Email\nAna,ana@example.org\n"),  # a sheet of something else
        ("sheet.csv", b"PK\x03\x04\x00\x00 an xlsx saved as csv"),
    ],
)
def test_a_corrupt_or_foreign_file_exits_non_zero_and_changes_nothing(
    tmp_path: Path, desk: Desk, name: str, content: bytes
) -> None:
    before = catalogue_stats(desk)
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["catalogue", "import", str(path), "--db", str(desk.db_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert str(path) in result.stderr
    assert "Traceback" not in result.output
    assert catalogue_stats(desk) == before


def test_a_missing_path_exits_non_zero(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["catalogue", "import", str(tmp_path / "nope"),
                                       "--db", str(tmp_path / "n.db")])  # fmt: skip
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr


def test_a_failure_while_saving_rolls_the_whole_import_back(tmp_path: Path, desk: Desk) -> None:
    before = catalogue_stats(desk)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("organization,service\nHope,Pantry\n", encoding="utf-8")

    def pull_the_plug(done: int, total: int) -> None:
        raise NavigatorError("interrupted while saving")

    with pytest.raises(NavigatorError, match="interrupted"):
        import_catalogue(desk, sheet, progress=pull_the_plug)
    assert catalogue_stats(desk) == before


SHEET_COLUMNS = ["organization", "service", "needs", "hours", "latitude", "minimum_age",
                 "last_verified", "languages"]  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(cell, min_size=0, max_size=len(SHEET_COLUMNS) + 1), max_size=6))
def test_malformed_coalition_sheets_give_a_skip_report_or_a_clear_error(
    tmp_path: Path, rows: list[list[str]]
) -> None:
    path = tmp_path / "sheet.csv"
    lines = [",".join(SHEET_COLUMNS)] + [",".join(_csv_cell(v) for v in row) for row in rows]
    path.write_text("\n".join(lines), encoding="utf-8")
    _assert_outcome_is_clear(path)
