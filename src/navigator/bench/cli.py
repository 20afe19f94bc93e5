"""`navigator bench ...`: benchmarks that print figures (never asserted in tests).

Each benchmark lives in its own module and is added to the group below.
"""

from __future__ import annotations

import click


@click.group()
def bench() -> None:
    """Measure speed and memory on this machine and print the figures."""


def _register() -> None:
    # One import and one add_command per benchmark module.
    from navigator.bench.cli_import import bench_import
    from navigator.bench.cli_open import bench_open
    from navigator.bench.cli_pin import bench_pin
    from navigator.bench.cli_relevance import bench_relevance
    from navigator.bench.cli_scale import bench_scale
    from navigator.bench.cli_screen import bench_screen
    from navigator.bench.cli_search import bench_search
    from navigator.bench.cli_sync import bench_sync

    for command in (
        bench_search, bench_relevance, bench_screen, bench_import, bench_sync, bench_pin,
        bench_open, bench_scale,
    ):  # fmt: skip
        bench.add_command(command)


_register()
