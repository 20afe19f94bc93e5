"""Once volunteers exist, every command that writes or reads client data needs one signed in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

from navigator.cli import main
from navigator.desk.context import open_desk
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.search_services import search_services
from navigator.desk.volunteers import add_volunteer, sign_in, sign_out
from test_cli_option_beats_env import NO_HUB, leaf_commands

LEAD, LEAD_PIN = "Rosa Diaz", "135790"
VOLUNTEER, VOLUNTEER_PIN = "Sam", "2468"

# Who each command needs; "slip --handoff" is the slip of a recorded handoff.
NEEDS: dict[str, str | None] = {
    "search": None,
    "catalogue stats": None,
    "catalogue export": None,
    "slip": None,
    "volunteer list": None,
    "slip --handoff": "volunteer",
    "handoff record": "volunteer",
    "handoff correct": "volunteer",
    "flag": "volunteer",
    "follow-up list": "volunteer",
    "follow-up record": "volunteer",
    "log summary": "volunteer",
    "log export": "lead",
    "catalogue import": "lead",
    "sync push": "lead",
    "sync pull": "lead",
    "sync bundle": "lead",
    "sync ack": "lead",
    "volunteer add": "lead",
    "volunteer remove": "lead",
    "purge": "lead",
    "site join": "lead",
}

ARGS: dict[str, list[str]] = {
    "search": ["food"],
    "catalogue stats": [],
    "catalogue export": ["{tmp}/catalogue.json"],
    "slip": ["{service}"],
    "volunteer list": [],
    "slip --handoff": ["--handoff", "{handoff}"],
    "handoff record": ["--kind", "unmet", "--need", "food"],
    "handoff correct": ["{handoff}", "--field", "void"],
    "flag": ["{service}", "--reason", "closed"],
    "follow-up list": [],
    "follow-up record": ["{handoff}", "--outcome", "reached"],
    "log summary": [],
    "log export": ["--out", "{tmp}/log"],
    "catalogue import": ["{tmp}/missing.json"],
    "sync push": ["--hub", NO_HUB],
    "sync pull": ["--hub", NO_HUB],
    "sync bundle": ["--out", "{tmp}/bundle"],
    "sync ack": ["{tmp}/missing.return"],
    "volunteer add": ["Kim"],
    "volunteer remove": [VOLUNTEER],
    "purge": [],
    "site join": ["{tmp}/missing.enrollment"],
}


def test_every_product_command_is_checked() -> None:
    # `hub ...` runs against the hub, whose own roles guard it; `bench` is measurement.
    commands = {name for name, _ in leaf_commands() if not name.startswith(("bench ", "hub "))}
    assert commands == {name.removesuffix(" --handoff") for name in NEEDS}


@pytest.fixture(scope="module")
def staffed_desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A desk with a lead, a volunteer and one handoff; (file, handoff id, a service id)."""
    path = tmp_path_factory.mktemp("staffed") / "navigator.db"
    desk = open_desk(path)
    try:
        add_volunteer(desk, LEAD, "lead", LEAD_PIN)
        lead = sign_in(desk, LEAD, LEAD_PIN)
        add_volunteer(desk, VOLUNTEER, "volunteer", VOLUNTEER_PIN, acting=lead)
        service = search_services(desk, "food")[0].listing.id
        draft = make_draft(desk, kind="info", needs=("food",), service_id=service)
        handoff = record_handoff(desk, draft)
        sign_out(desk)
    finally:
        desk.close()
    return path, str(handoff.id), service


def records_in(db: Path) -> int:
    desk = open_desk(db)
    try:
        with desk.session() as session:
            return int(session.execute(text("SELECT count(*) FROM outbox")).scalar_one())
    finally:
        desk.close()


def run(
    command: str, extra: list[str], db: Path, tmp: Path, ids: tuple[str, str], pin: str
) -> Result:
    handoff_id, service = ids
    words = command.removesuffix(" --handoff").split()
    args = [a.format(tmp=tmp, handoff=handoff_id, service=service) for a in ARGS[command]]
    return CliRunner().invoke(
        main,
        [*words, "--db", str(db), *args, *extra],
        env={"NAVIGATOR_PIN": pin},
        input="9753\n9753\n",
    )


@pytest.mark.parametrize("command", [c for c, who in NEEDS.items() if who])
def test_without_signing_in_nothing_is_written_or_shown(
    command: str, staffed_desk: tuple[Path, str, str], tmp_path: Path
) -> None:
    # Given a desk where volunteers exist
    template, handoff_id, service = staffed_desk
    db = tmp_path / "navigator.db"
    shutil.copyfile(template, db)
    before = records_in(db)
    # When the command runs without saying who runs it
    result = run(command, [], db, tmp_path, (handoff_id, service), pin="")
    # Then it is refused, says how to sign in, and nothing was recorded or shown
    assert result.exit_code == 1, result.output
    option = "--lead NAME" if NEEDS[command] == "lead" else "--volunteer NAME"
    assert option in result.stderr
    assert result.stdout == ""
    assert records_in(db) == before


@pytest.mark.parametrize("command", [c for c, who in NEEDS.items() if who == "lead"])
def test_lead_only_commands_refuse_a_volunteer(
    command: str, staffed_desk: tuple[Path, str, str], tmp_path: Path
) -> None:
    template, handoff_id, service = staffed_desk
    db = tmp_path / "navigator.db"
    shutil.copyfile(template, db)
    result = run(command, ["--lead", VOLUNTEER], db, tmp_path, (handoff_id, service),
                 pin=VOLUNTEER_PIN)  # fmt: skip
    assert result.exit_code == 1
    assert "not a site lead" in result.stderr


@pytest.mark.parametrize("command", [c for c, who in NEEDS.items() if who == "volunteer"])
def test_a_signed_in_volunteer_may(
    command: str, staffed_desk: tuple[Path, str, str], tmp_path: Path
) -> None:
    template, handoff_id, service = staffed_desk
    db = tmp_path / "navigator.db"
    shutil.copyfile(template, db)
    result = run(command, ["--volunteer", VOLUNTEER], db, tmp_path, (handoff_id, service),
                 pin=VOLUNTEER_PIN)  # fmt: skip
    assert result.exit_code == 0, result.output
