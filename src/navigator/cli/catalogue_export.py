"""`navigator catalogue export PATH`: the catalogue as HSDS 3.0 JSON."""

from __future__ import annotations

import json
from pathlib import Path

import click

from navigator.cli.common import db_option, desk_for, json_option, user_errors
from navigator.desk.export_catalogue import export_catalogue


@click.command("export")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--replace", is_flag=True, help="Write over PATH if it already exists.")
@db_option
@json_option
@click.pass_context
@user_errors
def catalogue_export(
    ctx: click.Context, path: Path, replace: bool, db: Path | None, as_json: bool
) -> None:
    """Write the catalogue to PATH as HSDS 3.0 JSON (a list of full service records)."""

    with desk_for(ctx, db) as desk:
        report = export_catalogue(desk, path, replace=replace)
    if as_json:
        click.echo(json.dumps({"path": str(report.path), "services": report.services,
                               "organizations": report.organizations,
                               "locations": report.locations}, indent=2))  # fmt: skip
        return
    click.echo(
        f"Exported {report.services} services, {report.organizations} organizations, "
        f"{report.locations} locations to {report.path} (HSDS 3.0 JSON)."
    )
