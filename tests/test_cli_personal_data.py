"""The command line refuses personal data in notes and client references (issue 11)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from navigator.cli import main
from navigator.desk.context import open_desk
from navigator.desk.search_services import search_services
from navigator.desk.todays_log import day_log


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "navigator.db"
    open_desk(path).close()
    return path


@pytest.fixture
def db(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "navigator.db"
    shutil.copyfile(template_db, path)
    return path


def record(db: Path, *extra: str) -> Result:
    return CliRunner().invoke(
        main, ["handoff", "record", "--db", str(db), "--kind", "unmet", "--need", "housing", *extra]
    )


def handoffs_in(db: Path) -> int:
    desk = open_desk(db)
    try:
        return len(day_log(desk))
    finally:
        desk.close()


@pytest.mark.parametrize(
    ("note", "named"),
    [
        ("call her back at (305) 555-1234 tomorrow", "phone number"),
        ("SSN 123-45-6789 for the benefits form", "social security number"),
        ("wrote to maria.lopez@example.com", "e-mail address"),
        ("Maria Lopez, 12 Oak St, SSN 123-45-6789, dob 3/4/85", "social security number"),
    ],
    ids=["phone", "ssn", "email", "everything"],
)
def test_a_note_with_personal_data_is_refused_and_named(db: Path, note: str, named: str) -> None:
    # When a volunteer records a handoff whose note identifies the client
    result = record(db, "--note", note)
    # Then nothing is saved and the message names what was found, not the text itself
    assert result.exit_code == 1
    assert named in result.stderr
    assert "--allow-personal-data" in result.stderr
    assert "123-45-6789" not in result.stderr
    assert "Traceback" not in result.output
    assert handoffs_in(db) == 0


@pytest.mark.parametrize("client_ref", ["305-555-1234", "Maria1", "Lopez-1985"])
def test_client_references_outside_the_site_pattern_are_refused(db: Path, client_ref: str) -> None:
    result = record(db, "--client-ref", client_ref)
    assert result.exit_code == 1
    assert "client reference" in result.stderr.lower()
    assert "client_ref" not in result.stderr
    assert handoffs_in(db) == 0


def test_a_plain_reference_and_note_are_saved(db: Path) -> None:
    result = record(db, "--client-ref", "AB-1043", "--note", "family of five, no beds", "--json")
    assert result.exit_code == 0, result.output
    saved = json.loads(result.stdout)
    assert (saved["client_ref"], saved["note"]) == ("AB-1043", "family of five, no beds")
    assert handoffs_in(db) == 1


def test_allow_personal_data_saves_it_deliberately(db: Path) -> None:
    result = record(db, "--note", "call back on 305-555-1234", "--allow-personal-data")
    assert result.exit_code == 0, result.output
    assert handoffs_in(db) == 1


def test_corrections_and_follow_ups_are_checked_too(db: Path) -> None:
    handoff_id = record(db, "--client-ref", "AB-1043").stdout.strip()
    runner = CliRunner()
    for args, named in (
        (["handoff", "correct", handoff_id, "--field", "note", "--value",
          "email: a.b@example.org"], "e-mail address"),
        (["handoff", "correct", handoff_id, "--field", "void", "--note", "SSN 123-45-6789"],
         "social security number"),
        (["follow-up", "record", handoff_id, "--outcome", "reached", "--note",
          "reached on 305-555-1234"], "phone number"),
    ):  # fmt: skip
        result = runner.invoke(main, [*args, "--db", str(db)])
        assert result.exit_code == 1, result.output
        assert named in result.stderr
    corrected = runner.invoke(
        main, ["handoff", "correct", handoff_id, "--field", "client_ref", "--value", "AB-1044",
               "--db", str(db)],
    )  # fmt: skip
    assert corrected.exit_code == 0, corrected.output


def test_a_flag_note_may_give_the_listings_new_address_but_no_client_data(db: Path) -> None:
    desk = open_desk(db)
    try:
        service = search_services(desk, "food")[0].listing.id
    finally:
        desk.close()
    runner = CliRunner()
    moved = runner.invoke(
        main, ["flag", service, "--reason", "moved", "--note", "now at 40 Elm St", "--db", str(db)]
    )
    assert moved.exit_code == 0, moved.output
    leak = runner.invoke(
        main,
        ["flag", service, "--reason", "other", "--note", "client SSN 123-45-6789", "--db", str(db)],
    )
    assert leak.exit_code == 1
    assert "social security number" in leak.stderr
