"""Command line: `navigator` opens the desk; subcommands script the same use cases.

Each command group lives in its own module and is registered at the bottom.
"""

from __future__ import annotations

from pathlib import Path

import click

from navigator.cli.common import db_option, user_errors
from navigator.desk.context import open_desk


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


def _register() -> None:
    from navigator.cli.bench import bench
    from navigator.cli.catalogue import catalogue
    from navigator.cli.catalogue_export import catalogue_export
    from navigator.cli.handoff import handoff
    from navigator.cli.search import search

    for command in (search, handoff, catalogue, bench):
        main.add_command(command)
    catalogue.add_command(catalogue_export)


_register()
