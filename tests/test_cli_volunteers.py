"""`navigator volunteer ...`, `navigator purge` and lead-only commands, as a site lead runs them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from navigator.cli import main
from navigator.crash import excepthook


def run(
    *args: str, input: str | None = None, env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input, env=env)
    return result.exit_code, result.stdout, result.stderr


def test_lead_adds_lists_and_removes_volunteers(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    # Given a fresh desk, the first lead adds themself (PIN typed twice).
    code, out, err = run("volunteer", "add", "Rosa Diaz", "--role", "lead", "--db", db,
                         input="135790\n135790\n")  # fmt: skip
    assert code == 0, err
    assert "Added Rosa Diaz (lead)" in out
    assert "135790" not in out + err  # hide_input: the PIN is never echoed
    # Then adding someone else needs the lead's PIN first.
    code, out, err = run("volunteer", "add", "Sam", "--lead", "Rosa Diaz", "--db", db,
                         input="135790\n2468\n2468\n")  # fmt: skip
    assert code == 0, err
    code, out, _ = run("volunteer", "list", "--json", "--db", db)
    assert [(v["name"], v["role"]) for v in json.loads(out)] == [
        ("Rosa Diaz", "lead"),
        ("Sam", "volunteer"),
    ]
    code, out, err = run("volunteer", "remove", "Sam", "--lead", "Rosa Diaz", "--db", db,
                         input="135790\n")  # fmt: skip
    assert code == 0, err
    assert "Removed Sam" in out


def test_pins_that_differ_are_asked_again(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    code, out, err = run("volunteer", "add", "Rosa", "--role", "lead", "--db", db,
                         input="135790\n135799\n2468\n2468\n")  # fmt: skip
    assert code == 0, err
    assert "do not match" in err.lower() or "do not match" in out.lower()


def test_a_volunteer_cannot_do_a_leads_work(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    run("volunteer", "add", "Rosa", "--role", "lead", "--db", db, input="135790\n135790\n")
    run("volunteer", "add", "Sam", "--lead", "Rosa", "--db", db, input="135790\n2468\n2468\n")
    code, _, err = run("purge", "--db", db)
    assert code == 1
    assert "--lead NAME" in err
    code, _, err = run("purge", "--lead", "Sam", "--db", db, input="2468\n")
    assert code == 1
    assert "Sam is not a site lead" in err
    code, _, err = run("catalogue", "import", "x.json", "--lead", "Rosa", "--db", db,
                       input="000000\n")  # fmt: skip
    assert code == 1
    assert "do not match" in err
    assert "Traceback" not in err
    code, out, err = run("purge", "--lead", "Rosa", "--json", "--db", db,
                         env={"NAVIGATOR_PIN": "135790"})  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["purged"] == 0


def test_a_bad_pin_is_refused_with_the_rule(tmp_path: Path) -> None:
    code, _, err = run("volunteer", "add", "Rosa", "--role", "lead", "--db",
                       str(tmp_path / "n.db"), input="12\n12\n")  # fmt: skip
    assert code == 1
    assert "4 to 12 digits" in err


def test_an_unexpected_crash_prints_no_locals_and_no_client_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))

    def record(note: str) -> None:
        client_note = note  # a local a traceback with locals would print
        raise ZeroDivisionError(f"cannot divide {client_note}")

    secret = "-".join(("Z", "7731"))  # built at run time, so no source line quotes it
    try:
        record(f"{secret} sleeps in car")
    except ZeroDivisionError:
        excepthook(*sys.exc_info())  # type: ignore[arg-type]
    err = capsys.readouterr().err
    assert "unexpected error (ZeroDivisionError)" in err
    assert secret not in err
    [report] = list(tmp_path.rglob("crash-*.txt"))
    assert report.stat().st_mode & 0o777 == 0o600
    body = report.read_text()
    assert "in record" in body
    assert secret not in body


def test_once_volunteers_exist_a_scripted_handoff_says_who_made_it(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    run("volunteer", "add", "Rosa", "--role", "lead", "--db", db, input="135790\n135790\n")
    code, _, err = run("handoff", "record", "--kind", "unmet", "--need", "housing", "--db", db)
    assert code == 1
    assert "--volunteer NAME" in err
    code, out, err = run("handoff", "record", "--kind", "unmet", "--need", "housing",
                         "--volunteer", "Rosa", "--json", "--db", db, input="135790\n")  # fmt: skip
    assert code == 0, err
    _, listed, _ = run("volunteer", "list", "--json", "--db", db)
    assert json.loads(out[out.index("{") :])["volunteer_id"] == json.loads(listed)[0]["id"]


def test_bench_pin_prints_the_cost_of_one_check() -> None:
    code, out, _ = run("bench", "pin", "--rounds", "2", "--json")
    assert code == 0
    figures = json.loads(out)
    assert figures["memory_kib"] == 19456
    assert figures["check_ms_median"] > 0
