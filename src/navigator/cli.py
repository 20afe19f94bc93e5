"""Command line: `navigator` opens the desk; subcommands script the same use cases."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from navigator.desk.context import Desk, open_desk
from navigator.errors import NavigatorError

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="NAVIGATOR_DB",
    help="Database file (default: the user data folder; env NAVIGATOR_DB).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


def fail(error: NavigatorError) -> None:
    click.echo(f"Error: {error.message}", err=True)
    if error.hint:
        click.echo(f"  {error.hint}", err=True)
    sys.exit(1)


def user_errors(func: F) -> F:
    """Turn the app's errors into a message and a non-zero exit, never a traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NavigatorError as error:
            fail(error)

    return wrapper  # type: ignore[return-value]


@contextmanager
def desk_for(ctx: click.Context, db: Path | None) -> Iterator[Desk]:
    path = db or (ctx.obj or {}).get("db")
    desk = open_desk(path)
    try:
        yield desk
    finally:
        desk.close()


@click.group(invoke_without_command=True)
@db_option
@click.version_option(package_name="navigator-desk")
@click.pass_context
def main(ctx: click.Context, db: Path | None) -> None:
    """Navigator: find a service for a client and record the handoff, offline."""
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is None:
        run_app(db)


@user_errors
def run_app(db: Path | None) -> None:
    from navigator.tui.app import NavigatorApp

    desk = open_desk(db)
    try:
        NavigatorApp(desk).run()
    finally:
        desk.close()


@main.command()
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
    from navigator.desk.search_services import search_services
    from navigator.search.filters import SearchFilters

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
        results = search_services(desk, query, filters=filters, limit=limit)
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
                        "distance_km": r.distance_km,
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
    for rank, r in enumerate(results, start=1):
        org = f" ({r.listing.organization_name})" if r.listing.organization_name else ""
        click.echo(f"{rank:>2}. {r.listing.service.name}{org}  [{r.score:.0f}]")
        click.echo(f"    {r.explanation}  id={r.listing.id}")


@main.group()
def handoff() -> None:
    """Record handoffs from scripts."""


@handoff.command("record")
@click.option("--service", "service_id", help="Service id (omit for an unmet need).")
@click.option(
    "--kind",
    type=click.Choice(["info", "warm", "appointment", "unmet"]),
    required=True,
    help="info, warm (handoff by phone), appointment, or unmet (nothing fit).",
)
@click.option("--need", "needs", multiple=True, required=True, help="Need answered (repeatable).")
@click.option("--consent/--no-consent", default=False, help="Client consents to sharing.")
@click.option("--follow-up", type=click.DateTime(formats=["%Y-%m-%d"]), help="YYYY-MM-DD.")
@click.option("--note", help="Short note; never the client's name.")
@click.option("--client-ref", help="Reference such as A-1042; never a name.")
@db_option
@json_option
@click.pass_context
@user_errors
def handoff_record(
    ctx: click.Context,
    service_id: str | None,
    kind: str,
    needs: tuple[str, ...],
    consent: bool,
    follow_up: Any,
    note: str | None,
    client_ref: str | None,
    db: Path | None,
    as_json: bool,
) -> None:
    """Record one handoff; prints its id once it is saved to disk."""
    from navigator.desk.record_handoff import make_draft, record_handoff

    with desk_for(ctx, db) as desk:
        draft = make_draft(
            desk,
            kind=kind,
            needs=needs,
            service_id=service_id,
            consent_to_share=consent,
            follow_up=follow_up.date() if follow_up else None,
            note=note,
            client_ref=client_ref,
        )
        saved = record_handoff(desk, draft)
    if as_json:
        click.echo(saved.model_dump_json(indent=2))
    else:
        click.echo(str(saved.id))


@main.group()
def catalogue() -> None:
    """Load and inspect the resource catalogue."""


@catalogue.command("stats")
@db_option
@json_option
@click.pass_context
@user_errors
def catalogue_stats_command(ctx: click.Context, db: Path | None, as_json: bool) -> None:
    """Count organizations, services, locations, schedules and needs."""
    from navigator.desk.catalogue_stats import catalogue_stats

    with desk_for(ctx, db) as desk:
        stats = catalogue_stats(desk)
    if as_json:
        click.echo(json.dumps(stats.as_dict(), indent=2))
        return
    click.echo(f"Catalogue: {stats.source} ({stats.format}), imported {stats.imported_at}")
    for label in ("organizations", "services", "locations", "services_with_schedules",
                  "services_with_needs"):  # fmt: skip
        click.echo(f"  {label.replace('_', ' '):<24} {getattr(stats, label):>7}")
    click.echo("  services by need:")
    for code, count in stats.services_by_need.items():
        click.echo(f"    {code:<22} {count:>7}")


@catalogue.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", help="Override format detection.")
@click.option("--strict", is_flag=True, help="Fail on the first problem instead of skipping.")
@db_option
@json_option
@click.pass_context
@user_errors
def catalogue_import(
    ctx: click.Context, path: Path, fmt: str | None, strict: bool, db: Path | None, as_json: bool
) -> None:
    """Replace the catalogue with a directory file (all or nothing)."""
    from navigator.desk.import_catalogue import import_catalogue

    with desk_for(ctx, db) as desk:
        report = import_catalogue(desk, path, fmt=fmt, strict=strict)
    reasons = report.problems.counts_by_reason()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "source": report.source,
                    "format": report.format,
                    "services": report.services,
                    "organizations": report.organizations,
                    "locations": report.locations,
                    "services_with_needs": report.services_with_needs,
                    "problems": len(report.problems),
                    "problems_by_reason": dict(reasons),
                    "version": report.version,
                },
                indent=2,
            )
        )
        return
    click.echo(
        f"Imported {report.services} services, {report.organizations} organizations, "
        f"{report.locations} locations from {report.source} ({report.format})."
    )
    share = 100 * report.services_with_needs / report.services if report.services else 0
    click.echo(f"Services with at least one need: {report.services_with_needs} ({share:.1f}%).")
    if reasons:
        click.echo(f"{len(report.problems)} problems (rows or values skipped):")
        for reason, count in reasons.most_common(20):
            click.echo(f"  {count:>6}  {reason}")
