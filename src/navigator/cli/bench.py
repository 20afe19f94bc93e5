"""`navigator bench ...`: benchmarks that print figures (never asserted in tests).

Each benchmark lives in its own module and is added to the group below.
"""

from __future__ import annotations

import click


@click.group()
def bench() -> None:
    """Measure speed and memory on this machine and print the figures."""


def _register() -> None:
    # One line per benchmark module, e.g.:
    # from navigator.cli.bench_search import bench_search; bench.add_command(bench_search)
    from navigator.cli.bench_pin import bench_pin

    bench.add_command(bench_pin)
    from navigator.cli.bench_sync import bench_sync

    bench.add_command(bench_sync)


_register()
