"""The command line, run as a coordinator would run it: real database files, real output."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import create_engine, text

from navigator.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_search_bus_pass_returns_transport_services_first(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    code, out, _ = run("search", "bus pass", "--json", "--db", db)
    assert code == 0
    results = json.loads(out)
    assert {"id", "name", "organization", "needs", "score"} <= set(results[0])
    assert all("transport" in r["needs"] for r in results[:3])
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


def test_recorded_handoff_id_is_in_the_database(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    _, out, _ = run("search", "hungry", "--json", "--db", str(db))
    service_id = json.loads(out)[0]["id"]
    code, out, err = run(
        "handoff", "record", "--service", service_id, "--kind", "warm", "--need", "food",
        "--client-ref", "A-1042", "--db", str(db),
    )  # fmt: skip
    assert code == 0, err
    record_id = out.strip()
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT kind, service_id, client_ref FROM handoff WHERE id = :id"),
            {"id": record_id},
        ).one()
    engine.dispose()
    assert tuple(row) == ("warm", service_id, "A-1042")


def test_unmet_need_is_recorded_without_a_service(tmp_path: Path) -> None:
    code, out, err = run(
        "handoff", "record", "--kind", "unmet", "--need", "housing", "--note", "family of 5",
        "--json", "--db", str(tmp_path / "n.db"),
    )  # fmt: skip
    assert code == 0, err
    record = json.loads(out)
    assert record["kind"] == "unmet"
    assert record["service"] is None


def test_bad_input_exits_non_zero_with_a_clear_message_and_saves_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    code, _, err = run("handoff", "record", "--kind", "unmet", "--need", "pizza", "--db", db)
    assert code == 1
    assert "'pizza' is not a need category" in err
    assert "Traceback" not in err
    code, _, err = run(
        "handoff", "record", "--kind", "info", "--need", "food", "--service", "nope", "--db", db
    )
    assert code == 1
    assert "No service with id 'nope'" in err
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM handoff")).scalar() == 0
    engine.dispose()


def test_catalogue_stats_counts_the_demo(tmp_path: Path) -> None:
    code, out, _ = run("catalogue", "stats", "--json", "--db", str(tmp_path / "n.db"))
    assert code == 0
    stats = json.loads(out)
    assert stats["services"] >= 120
    assert stats["organizations"] >= 60
    assert stats["services_with_needs"] == stats["services"]
    assert all(count > 0 for count in stats["services_by_need"].values())


def test_a_database_path_that_is_not_sqlite_fails_cleanly(tmp_path: Path) -> None:
    bogus = tmp_path / "photo.jpg"
    bogus.write_bytes(b"\xff\xd8\xff\xe0 not a database")
    code, _, err = run("catalogue", "stats", "--db", str(bogus))
    assert code == 1
    assert "not a Navigator database" in err


def test_importing_a_foreign_file_changes_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    _, before, _ = run("catalogue", "stats", "--json", "--db", db)
    foreign = tmp_path / "list.json"
    foreign.write_text('{"hello": "world"}')
    code, _, err = run("catalogue", "import", str(foreign), "--db", db)
    assert code == 1
    assert "not an HSDS 3.0 JSON catalogue" in err
    _, after, _ = run("catalogue", "stats", "--json", "--db", db)
    assert json.loads(after)["content_hash"] == json.loads(before)["content_hash"]
