"""`navigator search`: the desk's search from a script."""

from __future__ import annotations

import json
from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors
from navigator.desk.directory_dates import directory_is_dated, unmarked_when_undated
from navigator.desk.search_services import search_services
from navigator.search.filters import SearchFilters

# Once, not on every row: Miami 211's export, for one, dates none of its listings.
UNDATED_LINE = "This directory has no check dates: call a service before sending someone."


@click.command()
@click.argument("query")
@click.option("--need", "needs", multiple=True, help="Only services for this need (repeatable).")
@click.option("--open-now", is_flag=True, help="Only services open now.")
@click.option("--open-today", is_flag=True, help="Only services open today.")
@click.option("--lang", help="Only services in this language (name or code).")
@click.option("--free", "free_only", is_flag=True, help="Only free services.")
@click.option("--age", type=click.IntRange(0, 130), help="Only services that take this age.")
@click.option("--within-km", type=click.FloatRange(min=0, min_open=True), help="Distance limit.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@db_option
@json_option
@click.pass_context
@user_errors
def search(
    ctx: click.Context,
    query: str,
    needs: tuple[str, ...],
    open_now: bool,
    open_today: bool,
    lang: str | None,
    free_only: bool,
    age: int | None,
    within_km: float | None,
    limit: int,
    db: Path | None,
    as_json: bool,
) -> None:
    """Search services for what the client said, best first."""

    filters = SearchFilters(
        needs=needs,
        open_now=open_now,
        open_today=open_today,
        language=lang,
        free_only=free_only,
        age=age,
        within_km=within_km,
    )
    with desk_for(ctx, db) as desk:
        results = search_services(desk, query, filters=filters, limit=limit, finished=True)
        undated = not directory_is_dated(desk)
        results = unmarked_when_undated(desk, results)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": r.listing.id,
                        "name": r.listing.service.name,
                        "organization": r.listing.organization_name,
                        "needs": list(r.listing.service.needs),
                        "matched_needs": list(r.matched_needs),
                        "score": r.score,
                        "open_now": r.availability.open_now,
                        "address": r.listing.address,
                        "distance_km": r.distance_km,
                        "located_by": r.listing.located_by,
                        "explanation": r.explanation,
                    }
                    for r in results
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not results:
        click.echo("No services found.")
    elif undated:
        click.echo(UNDATED_LINE, err=True)
    for rank, r in enumerate(results, start=1):
        org = f" ({r.listing.organization_name})" if r.listing.organization_name else ""
        click.echo(f"{rank:>2}. {r.listing.service.name}{org}  [{r.score:.0f}]")
        click.echo(f"    {r.explanation}  id={r.listing.id}")
