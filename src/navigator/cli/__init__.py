"""Command line: `navigator` opens the desk; subcommands script the same use cases.

Each command group lives in its own module and is registered at the bottom.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import click

from navigator.cli.catalogue import catalogue
from navigator.cli.catalogue_export import catalogue_export
from navigator.cli.common import db_option, user_errors
from navigator.cli.flag import flag
from navigator.cli.follow_up import follow_up
from navigator.cli.handoff import handoff
from navigator.cli.handoff_events import handoff_correct
from navigator.cli.hub import hub
from navigator.cli.log import log
from navigator.cli.purge import purge
from navigator.cli.search import search
from navigator.cli.site import site
from navigator.cli.slip import slip
from navigator.cli.sync import sync
from navigator.cli.volunteer import volunteer
from navigator.crash import install as install_crash_handler
from navigator.desk.context import open_desk


@click.group(invoke_without_command=True)
@db_option
@click.version_option(package_name="navigator-desk")
@click.pass_context
def main(ctx: click.Context, db: Path | None) -> None:
    """Navigator: find a service for a client and record the handoff, offline."""
    install_crash_handler()
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is None:
        run_app(db)


@user_errors
def run_app(db: Path | None) -> None:
    # Lazy: `navigator COMMAND` never needs Textual's app (~16% of start-up, -X importtime).
    from navigator.tui.app import NavigatorApp

    desk = open_desk(db)
    try:
        NavigatorApp(desk).run()
    finally:
        desk.close()


def _register() -> None:

    for command in (
        search, handoff, catalogue, slip, flag, follow_up, log, sync, hub, site, volunteer,
        purge,
    ):  # fmt: skip
        main.add_command(command)
    handoff.add_command(handoff_correct)
    catalogue.add_command(catalogue_export)
    # Measurement lives apart from the product (navigator.bench) and joins the command
    # line through an entry point, so no product module imports it.
    for entry in entry_points(group="navigator.commands"):
        main.add_command(entry.load())


_register()
