"""`navigator bench import`: import time and peak memory, Miami package and a synthetic one.

Each import runs in its own process (the real `navigator catalogue import`),
so the peak resident memory reported is that import's alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

MIAMI = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "miami-211-hsds-1.1"


def _run(package: Path, db: Path) -> dict[str, object]:
    command = [sys.executable, "-m", "navigator", "catalogue", "import", str(package),
               "--db", str(db), "--json"]  # fmt: skip
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            message = err.read().decode(errors="replace").strip()
            raise click.ClickException(f"import of {package} failed: {message}")
        report = json.loads(out.read())
    return {
        "package": str(package),
        "seconds": round(elapsed, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),  # kilobytes on Linux
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
        results.append({"case": f"synthetic {count} services", "package_written_s": written}
                       | _run(synthetic, folder / "synthetic.db"))  # fmt: skip
    if as_json:
        click.echo(json.dumps(results, indent=2))
        return
    for r in results:
        click.echo(f"{r['case']}: {r['services']} services imported in {r['seconds']} s, "
                   f"peak memory {r['peak_mb']} MB, {r['problems']} problems reported")  # fmt: skip
