"""`navigator bench pin`: what one PIN check costs on this laptop (argon2id, OWASP parameters)."""

from __future__ import annotations

import json
from statistics import median
from time import perf_counter

import click

from navigator.security.pins import (
    OWASP_MEMORY_KIB,
    OWASP_PARALLELISM,
    OWASP_TIME_COST,
    hash_pin,
    pin_matches,
)


@click.command("pin")
@click.option("--rounds", type=click.IntRange(1, 200), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def bench_pin(rounds: int, as_json: bool) -> None:
    """Time PIN hashing and checking; a guesser pays the same per try."""
    stored = hash_pin("135790")
    checks = []
    for _ in range(rounds):
        started = perf_counter()
        pin_matches(stored, "135790")
        checks.append((perf_counter() - started) * 1000)
    figures = {
        "memory_kib": OWASP_MEMORY_KIB,
        "time_cost": OWASP_TIME_COST,
        "parallelism": OWASP_PARALLELISM,
        "rounds": rounds,
        "check_ms_median": round(median(checks), 1),
        "check_ms_max": round(max(checks), 1),
        "guesses_per_second_one_core": round(1000 / median(checks), 1),
    }
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    click.echo(
        f"argon2id m={OWASP_MEMORY_KIB} KiB t={OWASP_TIME_COST} p={OWASP_PARALLELISM}: "
        f"one PIN check {figures['check_ms_median']} ms (median of {rounds}, "
        f"max {figures['check_ms_max']} ms), about "
        f"{figures['guesses_per_second_one_core']} guesses a second on one core"
    )
