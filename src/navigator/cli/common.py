"""What every command shares: --db and --json options, the desk, and errors for people."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from navigator.desk.context import Desk, open_desk
from navigator.errors import NavigatorError

F = TypeVar("F", bound=Callable[..., Any])


def _command_line_beats_environment(
    ctx: click.Context, param: click.Parameter, value: Path | None
) -> Path | None:
    """`navigator --db A cmd` with NAVIGATOR_DB=B set means A: an option beats the environment.

    Each command also takes --db with the same fallback, and click would let
    the command's own environment value win over the option given to the
    group before it.
    """
    assert param.name is not None
    if ctx.get_parameter_source(param.name) is ParameterSource.COMMANDLINE:
        return value
    parent = ctx.parent
    while parent is not None:
        if parent.get_parameter_source(param.name) is ParameterSource.COMMANDLINE:
            given: Path | None = parent.params[param.name]
            return given
        parent = parent.parent
    return value


db_option = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="NAVIGATOR_DB",
    callback=_command_line_beats_environment,
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
def desk_for(ctx: click.Context, db: Path | None, *, load_demo: bool = True) -> Iterator[Desk]:
    path = db or (ctx.obj or {}).get("db")
    desk = open_desk(path, load_demo=load_demo)
    try:
        yield desk
    finally:
        desk.close()
