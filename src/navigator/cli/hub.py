"""`navigator hub ...`: the coordinating agency's commands, run against the hub database."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from navigator.cli.common import json_option, user_errors
from navigator.cli.sync import hub_option


@click.group()
def hub() -> None:
    """Set up and use the agency's PostgreSQL hub."""


@hub.command("init")
@hub_option
@user_errors
def hub_init(hub_url: str | None) -> None:
    """Create the hub's tables (sites, handoffs, events, flags, catalogue versions)."""
    # Lazy: the hub modules are ~15% of start-up (python -X importtime); load on use.
    from navigator.hub.admin import create_hub

    created = create_hub(hub_url)
    click.echo(f"Created {', '.join(created)}" if created else "The hub was already set up.")


@hub.command("publish-catalogue")
@click.argument("path", type=click.Path(path_type=Path))
@hub_option
@json_option
@user_errors
def hub_publish(path: Path, hub_url: str | None, as_json: bool) -> None:
    """Load a directory (HSDS 3.0 JSON) into the hub as the newest catalogue version."""
    # Lazy: the hub modules are ~15% of start-up (python -X importtime); load on use.
    from navigator.hub.admin import publish

    report = publish(hub_url, path)
    if as_json:
        click.echo(json.dumps(report.__dict__, indent=2))
    else:
        click.echo(f"Published catalogue version {report.version} ({report.services} services)")


@hub.command("import-bundle")
@click.argument("bundle", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the return file (default: beside the bundle).",
)
@hub_option
@json_option
@user_errors
def hub_import_bundle(
    bundle: Path, out_dir: Path | None, hub_url: str | None, as_json: bool
) -> None:
    """Load a laptop's bundle (safe to repeat) and write its return file."""
    # Lazy: the hub modules are ~15% of start-up (python -X importtime); load on use.
    from navigator.hub.admin import import_bundle

    report = import_bundle(hub_url, bundle, out_dir)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    click.echo(
        f"{report.stored} stored, {report.already} already there from site {report.site_id}"
        + (" (imported before)" if report.times_imported > 1 else "")
    )
    if report.quarantined:
        click.echo(f"{len(report.quarantined)} quarantined (same id, different content)", err=True)
    click.echo(f"Return file: {report.return_file}")


@hub.command("report")
@click.option("--from", "start", required=True, type=click.DateTime(formats=["%Y-%m-%d"]))
@click.option("--to", "end", required=True, type=click.DateTime(formats=["%Y-%m-%d"]))
@hub_option
@json_option
@user_errors
def hub_report(start: datetime, end: datetime, hub_url: str | None, as_json: bool) -> None:
    """Handoffs by site, need and kind, and unmet needs, between two site-local dates."""
    # Lazy: the hub modules are ~15% of start-up (python -X importtime); load on use.
    from navigator.hub.admin import report

    result = report(hub_url, start.date(), end.date())
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2))
        return
    click.echo(f"{result.total} handoffs from {result.start} to {result.end}")
    for title, counts in (
        ("By site", result.by_site),
        ("By kind", result.by_kind),
        ("By need", result.by_need),
        ("Unmet needs", result.unmet_by_need),
    ):
        click.echo(f"\n{title}")
        for key, n in counts.items():
            click.echo(f"  {n:6d}  {key}")
    if result.breakdown:
        click.echo("\nBy site, need and kind")
        for row in result.breakdown:
            click.echo(f"  {row['handoffs']:6d}  {row['site']}  {row['need']}  {row['kind']}")
    if result.quarantined:
        click.echo(f"\n{result.quarantined} records in quarantine (same id, different content)")
