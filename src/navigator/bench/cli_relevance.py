"""`navigator bench relevance`: P@5, MRR, nDCG@5 and top-3 hits against FTS5 bm25 baselines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from navigator.bench.catalogue_variants import VARIANTS
from navigator.cli.common import json_option, user_errors

if TYPE_CHECKING:
    from navigator.bench.judged_sets import Scores

SETS = Path(__file__).resolve().parents[3] / "tests" / "relevance"


@click.command("relevance")
@click.option(
    "--set",
    "set_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A judged query set (TOML, repeatable; default: every set in tests/relevance/, "
    "not the wholly held-out ones in tests/relevance/fresh/, which are run only by name: "
    "--set tests/relevance/fresh/miami_fresh.toml).",
)
@click.option(
    "--misses",
    is_flag=True,
    help="List tuning queries with nothing relevant in the top 3 (held-out ones only counted).",
)
@click.option(
    "--variant",
    "variants",
    multiple=True,
    type=click.Choice(VARIANTS),
    help="Also measure each set's catalogue reshaped toward the unseen directory "
    "(repeatable): no-schedules drops all hours, agency-first starts each description "
    "with its organization's, unseen does both.",
)
@click.option("--only-variants", is_flag=True, help="Skip the catalogues as read.")
@json_option
@user_errors
def bench_relevance(
    set_files: tuple[Path, ...],
    misses: bool,
    variants: tuple[str, ...],
    only_variants: bool,
    as_json: bool,
) -> None:
    """Rank each judged query with Navigator and FTS5 bm25 (and by distance); print all.

    Each set is measured with its site (only relevant services near it count) and, when
    the set asks, with no site; each split into tuning queries and the held-out third.
    With --variant, again on the catalogue reshaped that way (see catalogue_variants).
    A set held out whole (holdout_every = 1, tests/relevance/fresh/) is not in the
    default run and shows held-out rows only: run it by name, once, at the end.
    """
    from navigator.bench.measure_relevance import NAVIGATOR, measure_relevance
    from navigator.errors import CatalogueFormatError

    files = set_files or tuple(sorted(SETS.glob("*.toml")))
    if not files:
        raise click.UsageError(f"No relevance sets given and none found in {SETS}.")
    if only_variants and not variants:
        raise click.UsageError("--only-variants needs at least one --variant.")
    shapes: list[str | None] = [] if only_variants else [None]
    shapes += list(dict.fromkeys(variants))
    rows: list[dict[str, Any]] = []
    for path, variant in ((p, v) for p in files for v in shapes):
        try:
            report = measure_relevance(path, variant=variant)
        except CatalogueFormatError as error:
            click.echo(
                f"{path.name}: skipped - cannot load its catalogue: {error.message}", err=True
            )
            continue
        for condition in report.conditions:
            row: dict[str, Any] = {
                "set": report.judged.name,
                "variant": variant,
                "condition": condition.label,
                "site": list(condition.site) if condition.site else None,
                "queries": len(report.judged.queries),
                "judged_queries": condition.queries,
                "held_out_queries": len(condition.systems[0].held_out.outcomes),
                "services": report.services,
                # A split with no query (a set held out whole has no tuning) is null.
                "systems": {
                    s.system: {"tuning": _figures(s.tuning), "held_out": _figures(s.held_out)}
                    for s in condition.systems
                },
                # Share of each system's top five that nobody judged (counted not relevant).
                "unjudged_in_top_5": {
                    s.system: {
                        "tuning": round(s.tuning.unjudged_share(), 4),
                        "held_out": round(s.held_out.unjudged_share(), 4),
                    }
                    for s in condition.systems
                },
                "unknown_ids": list(report.unknown_ids),
            }
            rows.append(row)
            if as_json:
                continue
            tuning_count = len(condition.systems[0].tuning.outcomes)
            shown_as = f" [{variant}]" if variant else ""
            click.echo(
                f"{report.judged.name}{shown_as} - {condition.label}: {condition.queries} queries "
                f"({tuning_count} tuning, {row['held_out_queries']} held out), "
                f"{report.services} services"
            )
            click.echo(f"  {'':26}{'P@5':>7}{'MRR':>7}{'nDCG@5':>8}{'top-3':>7}{'unjudged@5':>12}")
            for system in condition.systems:
                for split, scores in (("tuning", system.tuning), ("held-out", system.held_out)):
                    if not scores.outcomes:
                        continue
                    click.echo(
                        f"  {system.system + ' ' + split:26}{scores.precision_at_5:7.3f}"
                        f"{scores.mrr:7.3f}{scores.ndcg_at_5:8.3f}{scores.hit_at_3:7.0%}"
                        f"{scores.unjudged_share():12.0%}"
                    )
            click.echo("  unjudged@5: share of the top five nobody judged (scored not relevant)")
            if misses:
                ours = next(s for s in condition.systems if s.system == NAVIGATOR)
                for outcome in ours.tuning.misses():
                    rank = outcome.first_hit or "-"
                    click.echo(f"  miss: {outcome.query.text!r} (first relevant at {rank})")
                # Held-out queries stay unread while tuning, or they become tuning queries.
                held_out = len(ours.held_out.misses())
                click.echo(f"  held-out misses: {held_out} (not named)")
        if report.unknown_ids and not as_json:
            click.echo(f"  {len(report.unknown_ids)} judged ids are not in the catalogue")
    if as_json:
        click.echo(json.dumps(rows, indent=2))


def _figures(scores: Scores) -> dict[str, float] | None:
    return scores.figures() if scores.outcomes else None
