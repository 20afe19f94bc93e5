"""The sync, hub and log commands, run as a site lead and a coordinator would run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from navigator.cli import main

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_catalogue.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
def test_a_day_from_desk_to_hub_report_by_cli(hub_url: str, tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    # The coordinator sets up the hub and publishes a catalogue
    assert run("hub", "init", "--hub", hub_url)[0] == 0
    code, out, err = run("hub", "publish-catalogue", str(DEMO), "--hub", hub_url, "--json")
    assert code == 0, err
    version = json.loads(out)["version"]
    # The desk records an unmet need, a follow-up on it, and syncs
    code, out, err = run("handoff", "record", "--kind", "unmet", "--need", "legal", "--db", db)
    assert code == 0, err
    handoff_id = out.strip()
    code, out, err = run(
        "follow-up", "record", handoff_id, "--outcome", "unknown", "--db", db
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run("sync", "push", "--hub", hub_url, "--db", db, "--json")
    assert code == 0, err
    assert json.loads(out) == {"sent": 2, "already_there": 0, "quarantined": [], "batches": 1}
    code, out, _ = run("sync", "pull", "--hub", hub_url, "--db", db, "--json")
    assert json.loads(out)["hub_version"] == version
    # The coordinator reports on today (whatever the real date is)
    code, out, err = run(
        "hub", "report", "--from", "2000-01-01", "--to", "2100-01-01", "--hub", hub_url, "--json"
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["unmet_by_need"] == {"legal": 1}


@pytest.mark.slow
def test_usb_round_trip_by_cli(hub_url: str, tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    # The coordinator sets up the hub and enrolls the site; its laptop joins
    run("hub", "init", "--hub", hub_url)
    enrollment = str(tmp_path / "north.enrollment.json")
    code, out, err = run("hub", "enroll-site", "north", "--hub", hub_url, "--out", enrollment)
    assert code == 0, err
    code, out, err = run("site", "join", enrollment, "--json")
    assert code == 0, err
    assert json.loads(out)["site_id"] == "north"
    assert "***" in json.loads(out)["hub"]  # the role's password is never printed
    run("handoff", "record", "--kind", "unmet", "--need", "food", "--db", db)
    code, out, err = run("sync", "bundle", "--out", str(tmp_path / "usb"), "--db", db, "--json")
    assert code == 0, err
    bundle = json.loads(out)["path"]
    # The agency imports it with its own role (from the key file `hub init` wrote)
    code, out, err = run("hub", "import-bundle", bundle, "--json")
    assert code == 0, err
    returned = json.loads(out)["return_file"]
    code, out, err = run("sync", "ack", returned, "--db", db, "--json")
    assert code == 0, err
    assert json.loads(out)["acknowledged"] == 1
    # A second bundle has nothing to carry
    _, out, _ = run("sync", "bundle", "--out", str(tmp_path / "usb"), "--db", db)
    assert "Nothing pending" in out


def test_log_export_by_cli_and_errors_without_tracebacks(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    run("handoff", "record", "--kind", "unmet", "--need", "food", "--db", db)
    code, out, err = run(
        "log", "export", "--out", str(tmp_path / "out"), "--format", "jsonl", "--db", db, "--json"
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["handoffs"] == 1
    # A foreign file given to `sync ack`, and no hub configured: clear messages, non-zero
    foreign = tmp_path / "photo.json"
    foreign.write_text('{"hello": 1}')
    code, _, err = run("sync", "ack", str(foreign), "--db", db)
    assert code == 1
    assert "not a Navigator return file" in err
    assert "Traceback" not in err
    code, _, err = run("sync", "push", "--db", db)
    assert code == 1
    assert "No hub is configured" in err
    code, _, err = run("follow-up", "record", "nope", "--outcome", "reached", "--db", db)
    assert code == 1
    assert "not a handoff id" in err


def test_export_and_sync_are_for_site_leads_once_volunteers_exist(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from navigator.cli import main
    from navigator.desk.context import open_desk
    from navigator.desk.volunteers import add_volunteer

    db = tmp_path / "n.db"
    desk = open_desk(db)
    lead = add_volunteer(desk, "Rosa", "lead", "135790")
    add_volunteer(desk, "Sam", "volunteer", "2468", acting=lead)
    desk.close()
    runner = CliRunner()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    refused = runner.invoke(main, ["sync", "bundle", "--out", str(out_dir), "--db", str(db)])
    assert refused.exit_code == 1
    assert "site leads" in refused.stderr
    not_lead = runner.invoke(
        main,
        ["log", "export", "--date", "2026-11-24", "--out", str(out_dir), "--db", str(db),
         "--lead", "Sam"],
        env={"NAVIGATOR_PIN": "2468"},
    )  # fmt: skip
    assert not_lead.exit_code == 1
    assert "not a site lead" in not_lead.stderr
    allowed = runner.invoke(
        main,
        ["sync", "bundle", "--out", str(out_dir), "--db", str(db), "--lead", "Rosa"],
        env={"NAVIGATOR_PIN": "135790"},
    )
    assert allowed.exit_code == 0, allowed.stderr
