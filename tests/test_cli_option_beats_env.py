"""An option on the command line beats the environment, for every command (issue 11)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from navigator.cli import main
from navigator.desk.context import open_desk

SOME_HANDOFF = "0193a5f0-0000-7000-8000-000000000000"
NO_HUB = "postgresql://nobody@127.0.0.1:1/nowhere"

# Arguments that get each command as far as opening its database.
ARGS: dict[str, list[str]] = {
    "search": ["food"],
    "handoff record": ["--kind", "unmet", "--need", "food"],
    "handoff correct": [SOME_HANDOFF, "--field", "void"],
    "catalogue stats": [],
    "catalogue import": ["{tmp}/missing.json"],
    "catalogue export": ["{tmp}/catalogue.json"],
    "slip": ["no-such-service"],
    "flag": ["no-such-service", "--reason", "closed"],
    "follow-up list": [],
    "follow-up record": [SOME_HANDOFF, "--outcome", "reached"],
    "log export": ["--out", "{tmp}/log"],
    "log summary": [],
    "sync push": ["--hub", NO_HUB],
    "sync pull": ["--hub", NO_HUB],
    "sync bundle": ["--out", "{tmp}/bundle"],
    "sync ack": ["{tmp}/missing.return"],
    "volunteer add": ["Sam", "--role", "lead"],
    "volunteer list": [],
    "volunteer remove": ["Sam"],
    "purge": [],
    "site join": ["{tmp}/missing.enrollment"],
}


def leaf_commands(
    group: click.Group = main, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, click.Command]]:
    # Commands load lazily: ask the group for each, as click does when one runs.
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            yield from leaf_commands(command, (*path, name))
        else:
            yield " ".join((*path, name)), command


def product_commands_with(param_name: str) -> list[str]:
    """Every command taking that option, leaving out `bench` (measurement, not the product)."""
    return sorted(
        name
        for name, command in leaf_commands()
        if not name.startswith("bench ") and any(p.name == param_name for p in command.params)
    )


def test_every_command_with_a_database_is_checked() -> None:
    assert product_commands_with("db") == sorted(ARGS)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "navigator.db"
    open_desk(path).close()
    return path


@pytest.mark.parametrize("before_command", [True, False], ids=["--db-first", "--db-after"])
@pytest.mark.parametrize("command", sorted(ARGS))
def test_db_option_beats_navigator_db(
    command: str,
    before_command: bool,
    tmp_path: Path,
    template_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given NAVIGATOR_DB naming one file and --db naming another
    from_env = tmp_path / "from-env.db"
    chosen = tmp_path / "chosen.db"
    shutil.copyfile(template_db, chosen)
    monkeypatch.setenv("NAVIGATOR_DB", str(from_env))
    args = [a.format(tmp=tmp_path) for a in ARGS[command]]
    words = command.split()
    line = (
        ["--db", str(chosen), *words, *args]
        if before_command
        else [*words, "--db", str(chosen), *args]
    )
    # When the command runs
    result = CliRunner().invoke(main, line, input="1357\n1357\n")
    # Then it used the --db file and never touched the environment's
    assert not from_env.exists(), result.output
    assert "Traceback" not in result.output


def _parse(words: list[str], cli_args: list[str]) -> click.Context:
    """The contexts click makes for `navigator WORDS... CLI_ARGS`, without running anything."""
    ctx = main.make_context("navigator", [], resilient_parsing=True)
    group: click.Command = main
    for word in words[:-1]:
        assert isinstance(group, click.Group)
        found = group.get_command(ctx, word)
        assert found is not None
        group = found
        ctx = group.make_context(word, [], parent=ctx, resilient_parsing=True)
    assert isinstance(group, click.Group)
    leaf = group.get_command(ctx, words[-1])
    assert leaf is not None
    return leaf.make_context(words[-1], cli_args, parent=ctx, resilient_parsing=True)


@pytest.mark.parametrize(
    ("command", "param"),
    [
        (name, p)
        for name, command in leaf_commands()
        for p in command.params
        if isinstance(p, click.Option) and p.envvar
    ],
    ids=lambda value: value if isinstance(value, str) else value.name,
)
def test_every_option_with_an_environment_fallback_beats_it(
    command: str, param: click.Option, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Given the environment variable set to one value, and the option given another
    assert isinstance(param.envvar, str)
    monkeypatch.setenv(param.envvar, str(tmp_path / "from-environment"))
    chosen = str(tmp_path / "from-command-line")
    # When click reads the command line
    ctx = _parse(command.split(), [param.opts[0], chosen])
    # Then the option wins
    assert str(ctx.params[param.name or ""]) == chosen
