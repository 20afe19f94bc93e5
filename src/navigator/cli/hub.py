"""`navigator hub ...`: the coordinating agency's commands, run against the hub database."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import click

from navigator.cli.common import json_option, user_errors
from navigator.cli.sync import hub_option


@click.group()
def hub() -> None:
    """Set up and use the agency's PostgreSQL hub."""


keys_option = click.option(
    "--keys",
    "keys_file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="NAVIGATOR_HUB_KEYS",
    help="The hub's key file (default: hub-keys.json beside the config; env NAVIGATOR_HUB_KEYS).",
)
agency_hub_option = click.option(
    "--hub",
    "hub_url",
    envvar="NAVIGATOR_HUB_URL",
    help="Hub URL (default: the agency URL `hub init` wrote into the key file).",
)


@hub.command("init")
@hub_option
@keys_option
@user_errors
def hub_init(hub_url: str | None, keys_file: Path | None) -> None:
    """Create the hub's tables, roles and row-level security, and its keys (owner's URL)."""
    # Lazy: the hub modules are ~15% of start-up (python -X importtime); load on use.
    from navigator.hub.admin import create_hub

    setup = create_hub(hub_url, keys_file)
    created = setup.created
    click.echo(f"Created {', '.join(created)}" if created else "The tables were already there.")
    click.echo(f"Agency role {setup.agency_role}: its URL is in {setup.keys_file}")
    if setup.keys_made:
        click.echo(f"Made the hub's keys in {setup.keys_file}: keep a copy somewhere safe.")


@hub.command("keygen")
@keys_option
@user_errors
def hub_keygen(keys_file: Path | None) -> None:
    """Make the hub's sealing and signing keys in a new 0600 file (never replaces one)."""
    from navigator.hub.admin import make_hub_keys

    click.echo(f"Made the hub's keys in {make_hub_keys(keys_file)}")


@hub.command("enroll-site")
@click.argument("name")
@hub_option
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="New file for the site's enrollment (hand it over like a key).",
)
@user_errors
def hub_enroll_site(name: str, hub_url: str | None, out: Path) -> None:
    """Give site NAME its own hub role and signing key (owner's URL)."""
    from navigator.hub.enroll import enroll_site

    report = enroll_site(hub_url, name, out)
    click.echo(f"Enrolled site {report.site_id} as role {report.role}")
    click.echo(f"On its laptop: navigator site join {report.path}")


@hub.command("publish-catalogue")
@click.argument("path", type=click.Path(path_type=Path))
@agency_hub_option
@keys_option
@json_option
@user_errors
def hub_publish(path: Path, hub_url: str | None, keys_file: Path | None, as_json: bool) -> None:
    """Load a directory (HSDS 3.0 JSON) into the hub as the newest catalogue version, signed."""
    # Lazy: the hub modules are ~15% of start-up (python -X importtime); load on use.
    from navigator.hub.admin import publish

    report = publish(hub_url, path, keys_file)
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
@agency_hub_option
@keys_option
@json_option
@user_errors
def hub_import_bundle(
    bundle: Path, out_dir: Path | None, hub_url: str | None, keys_file: Path | None, as_json: bool
) -> None:
    """Load an enrolled site's signed bundle (safe to repeat) and write its signed return file."""
    # Lazy: the hub modules are ~15% of start-up (python -X importtime); load on use.
    from navigator.hub.admin import import_bundle

    report = import_bundle(hub_url, bundle, out_dir, keys_file)
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
@click.option(
    "--clock-threshold",
    "clock_minutes",
    default=10,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Minutes a laptop's clock may differ from the hub's before it is reported.",
)
@agency_hub_option
@keys_option
@json_option
@user_errors
def hub_report(
    start: datetime,
    end: datetime,
    clock_minutes: int,
    hub_url: str | None,
    keys_file: Path | None,
    as_json: bool,
) -> None:
    """Handoffs by site, need and kind, unmet needs, and laptops with a wrong clock."""
    # Lazy: the hub modules are ~15% of start-up (python -X importtime); load on use.
    from navigator.hub.admin import report

    result = report(
        hub_url,
        start.date(),
        end.date(),
        keys_file,
        clock_threshold=timedelta(minutes=clock_minutes),
    )
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
    if result.clock:
        click.echo(f"\nLaptop clocks off by more than {clock_minutes} minutes")
        for problem in result.clock:
            minutes = problem.difference.total_seconds() / 60
            direction = "fast" if minutes > 0 else "slow"
            click.echo(
                f"  {problem.site}  {problem.via} received {problem.received_at:%Y-%m-%d %H:%M}"
                f"  laptop {abs(minutes):.0f} min {direction}  {problem.records} records"
            )
