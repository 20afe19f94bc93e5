"""`navigator sync ...`: getting this laptop's records to the hub, online or by USB stick."""

from __future__ import annotations

import json
from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors
from navigator.cli.lead import lead_option, signed_in_lead

hub_option = click.option(
    "--hub",
    "hub_url",
    envvar="NAVIGATOR_HUB_URL",
    help="Hub URL, postgresql://user@host/db (default: hub_url setting; env NAVIGATOR_HUB_URL).",
)


@click.group()
def sync() -> None:
    """Send records to the hub and fetch its catalogue."""


@sync.command("push")
@hub_option
@click.option("--batch-size", default=1000, show_default=True, type=click.IntRange(1, 100_000))
@lead_option
@db_option
@json_option
@click.pass_context
@user_errors
def sync_push(
    ctx: click.Context,
    lead: str | None,
    hub_url: str | None,
    batch_size: int,
    db: Path | None,
    as_json: bool,
) -> None:
    """Send pending records; each batch is acknowledged once the hub has committed it."""
    # Lazy: the hub modules are ~15% of start-up (python -X importtime); load on use.
    from navigator.desk.sync_with_hub import push

    with desk_for(ctx, db) as desk:
        signed_in_lead(desk, lead)  # export and sync are for site leads
        result = push(desk, hub_url, batch_size=batch_size)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2))
        return
    batches = f"{result.batches} batch" + ("" if result.batches == 1 else "es")
    click.echo(f"{result.sent} sent, {result.already} already there, in {batches}")
    if result.quarantined:
        click.echo(
            f"{len(result.quarantined)} quarantined at the hub (same id, different content):",
            err=True,
        )
        for record_id in result.quarantined:
            click.echo(f"  {record_id}", err=True)


@sync.command("pull")
@hub_option
@lead_option
@db_option
@json_option
@click.pass_context
@user_errors
def sync_pull(
    ctx: click.Context, lead: str | None, hub_url: str | None, db: Path | None, as_json: bool
) -> None:
    """Take the hub's catalogue if it is newer than this laptop's."""
    # Lazy: the hub modules are ~15% of start-up (python -X importtime); load on use.
    from navigator.desk.sync_with_hub import pull

    with desk_for(ctx, db) as desk:
        signed_in_lead(desk, lead)  # export and sync are for site leads
        result = pull(desk, hub_url)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2))
    elif result.hub_version is None:
        click.echo("The hub has no catalogue yet.")
    elif result.updated:
        click.echo(
            f"Catalogue updated to hub version {result.hub_version} ({result.services} services)"
        )
    else:
        click.echo(f"Catalogue up to date (hub version {result.hub_version})")


@sync.command("bundle")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the bundle to, e.g. the USB stick.",
)
@lead_option
@db_option
@json_option
@click.pass_context
@user_errors
def sync_bundle(
    ctx: click.Context, lead: str | None, out_dir: Path, db: Path | None, as_json: bool
) -> None:
    """Write pending records to a bundle file for the hub (they stay pending until `sync ack`)."""
    # Lazy: the hub modules are ~15% of start-up (python -X importtime); load on use.
    from navigator.desk.sync_bundle import write_bundle

    with desk_for(ctx, db) as desk:
        signed_in_lead(desk, lead)  # export and sync are for site leads
        report = write_bundle(desk, out_dir)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    elif report.path is None:
        click.echo("Nothing pending: no bundle written.")
    else:
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(report.counts.items()))
        click.echo(f"{report.path}\n  {counts}")


@sync.command("ack")
@click.argument("return_file", type=click.Path(dir_okay=False, path_type=Path))
@lead_option
@db_option
@json_option
@click.pass_context
@user_errors
def sync_ack(
    ctx: click.Context, lead: str | None, return_file: Path, db: Path | None, as_json: bool
) -> None:
    """Mark the records in the hub's return file acknowledged and take its catalogue."""
    # Lazy: the hub modules are ~15% of start-up (python -X importtime); load on use.
    from navigator.desk.sync_bundle import apply_return_file

    with desk_for(ctx, db) as desk:
        signed_in_lead(desk, lead)  # export and sync are for site leads
        report = apply_return_file(desk, return_file)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    click.echo(f"{report.acknowledged} acknowledged ({report.not_pending} were already settled)")
    if report.quarantined:
        click.echo(f"{len(report.quarantined)} quarantined at the hub", err=True)
    if report.catalogue_updated:
        click.echo(f"Catalogue updated to hub version {report.hub_version}")
