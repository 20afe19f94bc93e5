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
    from navigator.cli.bench_import import bench_import

    bench.add_command(bench_import)


_register()
