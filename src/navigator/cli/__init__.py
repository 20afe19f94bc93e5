"""Command line: `navigator` opens the desk; subcommands script the same use cases.

Each command group lives in its own module and is registered at the bottom.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from pathlib import Path

import click

from navigator.cli.common import db_option, user_errors
from navigator.crash import install as install_crash_handler

# Each command's module, imported only when that command runs (or help lists it):
# `navigator search food` need not load the importers, sealing, PIN hashing or phone
# number parsing (-X importtime: about a third of its start-up).
COMMANDS = {
    "search": "navigator.cli.search:search",
    "handoff": "navigator.cli.handoff:handoff",
    "catalogue": "navigator.cli.catalogue:catalogue",
    "slip": "navigator.cli.slip:slip",
    "flag": "navigator.cli.flag:flag",
    "follow-up": "navigator.cli.follow_up:follow_up",
    "log": "navigator.cli.log:log",
    "sync": "navigator.cli.sync:sync",
    "hub": "navigator.cli.hub:hub",
    "site": "navigator.cli.site:site",
    "volunteer": "navigator.cli.volunteer:volunteer",
    "purge": "navigator.cli.purge:purge",
}
# Subcommands that live in a module of their own, added to their group when it loads.
SUBCOMMANDS = {
    "handoff": ("navigator.cli.handoff_events:handoff_correct",),
    "catalogue": ("navigator.cli.catalogue_export:catalogue_export",),
}


def _load(spec: str) -> click.Command:
    module, _, name = spec.partition(":")
    command = getattr(importlib.import_module(module), name)
    assert isinstance(command, click.Command)
    return command


class LazyGroup(click.Group):
    """Commands imported when first asked for; measurement joins through an entry point."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        plugins = [entry.name for entry in entry_points(group="navigator.commands")]
        return sorted({*self.commands, *COMMANDS, *plugins})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        known = self.commands.get(cmd_name)
        if known is not None:
            return known
        spec = COMMANDS.get(cmd_name)
        if spec is not None:
            command = _load(spec)
            if isinstance(command, click.Group):
                for extra in SUBCOMMANDS.get(cmd_name, ()):
                    command.add_command(_load(extra))
        else:
            # Measurement lives apart from the product (navigator.bench) and joins the
            # command line through an entry point, so no product module imports it.
            found = [e for e in entry_points(group="navigator.commands") if e.name == cmd_name]
            if not found:
                return None
            command = found[0].load()
        self.add_command(command, cmd_name)
        return command


@click.group(cls=LazyGroup, invoke_without_command=True)
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
    from navigator.desk.context import open_desk
    from navigator.tui.app import NavigatorApp

    desk = open_desk(db)
    try:
        NavigatorApp(desk).run()
    finally:
        desk.close()
