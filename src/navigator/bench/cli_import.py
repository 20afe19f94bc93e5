"""`navigator bench import`: import time and peak memory, Miami package and a synthetic one.

Each import runs in its own process (the real `navigator catalogue import`),
so the peak resident memory reported is that import's alone. For the synthetic
package the same run also times a raw executemany of the rows the import
stored (the ratio is import time over that), and the export of the result.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import click

from navigator.bench.measure_import import export_figures, raw_executemany_seconds, run_measured

MIAMI = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "miami-211-hsds-1.1"


def _run(package: Path, db: Path) -> dict[str, object]:
    command = [sys.executable, "-m", "navigator", "catalogue", "import", str(package),
               "--db", str(db), "--json"]  # fmt: skip
    elapsed, peak, out = run_measured(command)
    report = json.loads(out)
    return {
        "package": str(package),
        "seconds": round(elapsed, 2),
        "peak_mb": round(peak, 1),
        "services": report["services"],
        "problems": report["problems"],
    }


@click.command("import")
@click.option("--services", "count", default=100_000, show_default=True,
              help="Services in the synthetic package.")  # fmt: skip
@click.option("--package", type=click.Path(path_type=Path), default=MIAMI,
              help="A real package to time (default: the Miami 211 export).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def bench_import(count: int, package: Path, as_json: bool) -> None:
    """Time `catalogue import` on a real package and on a synthetic one of N services."""
    from navigator.bench.synthetic_package import write_package

    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="navigator-bench-") as temp:
        folder = Path(temp)
        if package.exists():
            results.append({"case": "real package"} | _run(package, folder / "real.db"))
        else:
            click.echo(f"skipped the real package: {package} is not there", err=True)
        start = time.perf_counter()
        synthetic = write_package(folder / "synthetic", count)
        written = round(time.perf_counter() - start, 2)
        imported = folder / "synthetic.db"
        figures = {"case": f"synthetic {count} services", "package_written_s": written} | _run(
            synthetic, imported
        )
        raw_s, rows = raw_executemany_seconds(imported, folder)
        figures |= {"raw_executemany_s": round(raw_s, 2), "rows": rows,
                    "import_over_raw": round(float(figures["seconds"]) / raw_s, 2)}  # type: ignore[arg-type]  # fmt: skip
        figures |= export_figures(imported, folder)
        results.append(figures)
    if as_json:
        click.echo(json.dumps(results, indent=2))
        return
    for r in results:
        click.echo(f"{r['case']}: {r['services']} services imported in {r['seconds']} s, "
                   f"peak memory {r['peak_mb']} MB, {r['problems']} problems reported")  # fmt: skip
        if "raw_executemany_s" in r:
            click.echo(
                f"  raw executemany of the same {r['rows']} rows: "
                f"{r['raw_executemany_s']} s; import took {r['import_over_raw']}x that"
            )
            click.echo(f"  catalogue export: {r['export_s']} s, peak memory "
                       f"{r['export_peak_mb']} MB, {r['export_file_mb']} MB written")  # fmt: skip
