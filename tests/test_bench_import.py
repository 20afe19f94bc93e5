"""`navigator bench import` prints its figures (the figures themselves are never asserted)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from navigator.bench.synthetic_package import write_package
from navigator.catalogue.reader import read_catalogue
from navigator.cli import main


def test_bench_import_reports_time_and_peak_memory_for_a_synthetic_package(
    tmp_path: Path,
) -> None:
    result = CliRunner().invoke(
        main,
        ["bench", "import", "--services", "120", "--package", str(tmp_path / "absent"), "--json"],
    )
    assert result.exit_code == 0, result.output
    (figures,) = json.loads(result.stdout)
    assert figures["case"] == "synthetic 120 services"
    assert figures["services"] == 120
    assert figures["seconds"] > 0
    assert figures["peak_mb"] > 0
    assert "skipped the real package" in result.stderr


def test_synthetic_package_reads_cleanly_with_hours_and_needs(tmp_path: Path) -> None:
    result = read_catalogue(write_package(tmp_path / "pkg", 40))
    services = result.catalogue.services
    assert len(services) == 40
    assert len(result.problems) == 0
    assert all(s.schedules and s.needs for s in services)
    assert not any("###" in (s.description or "") for s in services)


def test_bench_scale_prints_every_issue_13_figure_from_one_run(hub_url: str) -> None:
    # Given a hub, when the scale benchmark runs at a small size
    result = CliRunner().invoke(
        main, ["bench", "scale", "--services", "120", "--handoffs", "50", "--hub", hub_url,
               "--json"],
    )  # fmt: skip
    # Then it prints each ratio and peak memory (values are only printed, never asserted)
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    keys = ("import_hsds1_over_raw", "import_hsds1_peak_mb", "export_peak_mb",
            "import_hsds3_json_over_raw", "import_hsds3_json_peak_mb", "push_over_raw",
            "import_hsds1_indexing_s", "import_hsds1_without_index_over_raw",
            "import_hsds3_json_indexing_s", "import_hsds3_json_without_index_over_raw")  # fmt: skip
    for key in keys:
        assert figures[key] > 0
    assert figures["imported_services"] == 120
    # And it says of each of the issue's figures whether it is met, with the load it ran under
    assert figures["verdicts"]["import_hsds1_over_raw"] in {"met", "NOT met"}
    assert "import_hsds1_without_index_over_raw" not in figures["verdicts"]
    assert "load_average_before" in figures
