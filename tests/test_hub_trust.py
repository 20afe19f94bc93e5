"""Two enrolled sites on one hub: each writes only its own records, every file is signed,
names never leave their folder, a wrong clock is reported, and a locked hub fails in time."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import SecretStr
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from navigator.catalogue.reader import read_catalogue
from navigator.cli import main
from navigator.desk.context import Desk
from navigator.desk.sync_bundle import apply_return_file, write_bundle
from navigator.desk.sync_with_hub import pull, push
from navigator.errors import BundleError, HubError
from navigator.hub.admin import create_hub, import_bundle, publish, report
from navigator.security.signing import new_signing_key, sign
from navigator.sync.bundle import ReturnBody, bundle_message, canonical_sha256, make_return
from sync_helpers import enrolled_laptop, hub_ids, laptop, record_unmet, states

pytestmark = pytest.mark.slow

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_catalogue.json"


@pytest.fixture
def hub(hub_url: str) -> str:
    create_hub(hub_url)
    return hub_url


@pytest.fixture
def sites(hub: str, tmp_path: Path) -> Iterator[tuple[Desk, Desk]]:
    site_a = enrolled_laptop(tmp_path, "site-a", hub)
    site_b = enrolled_laptop(tmp_path, "site-b", hub)
    yield site_a, site_b
    site_a.close()
    site_b.close()


def _psql(url: str, sql: str) -> subprocess.CompletedProcess[str]:
    from pg_cluster import find_pg_bin

    pg_bin = find_pg_bin()
    psql = str(pg_bin / "psql") if pg_bin else shutil.which("psql")
    if psql is None:
        pytest.skip("no psql client")
    return subprocess.run(
        [psql, url, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True,
        text=True,
        timeout=60,
    )


def _owner_count(hub: str, sql: str) -> int:
    engine = create_engine(make_url(hub).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as conn:
            return int(conn.scalar(text(sql)) or 0)
    finally:
        engine.dispose()


def test_with_a_sites_credentials_psql_cannot_touch_another_sites_records(
    hub: str, sites: tuple[Desk, Desk]
) -> None:
    # Given site B's handoffs on the hub, pushed with B's own role
    site_a, site_b = sites
    [b_record] = record_unmet(site_b, 1)
    assert push(site_b).sent == 1
    a_url = site_a.settings.hub_url
    assert a_url is not None
    assert "_site_site-a:" in a_url
    # When someone uses A's credentials in psql
    read = _psql(a_url, "SELECT count(*) FROM handoffs WHERE site_id = 'site-b'")
    update = _psql(a_url, "UPDATE handoffs SET note = 'x' WHERE site_id = 'site-b'")
    delete = _psql(a_url, "DELETE FROM handoffs WHERE site_id = 'site-b'")
    insert = _psql(
        a_url,
        "INSERT INTO handoffs (id, site_id, volunteer_id, recorded_at, local_date, kind, needs,"
        " consent_to_share, payload_hash) VALUES ('forged-1', 'site-b', 'v', now(),"
        " current_date, 'unmet', '{food}', false, 'x')",
    )
    keys = _psql(a_url, "SELECT count(*) FROM site_keys")
    # Then A sees none of B's rows, and cannot change, delete or add any for B
    assert (read.returncode, read.stdout.strip()) == (0, "0")
    assert update.returncode != 0
    assert "permission denied" in update.stderr
    assert delete.returncode != 0
    assert "permission denied" in delete.stderr
    assert insert.returncode != 0
    assert "row-level security" in insert.stderr
    assert keys.returncode != 0
    assert "permission denied" in keys.stderr
    assert hub_ids(hub) == {b_record: 1}
    # And A's own push still works, and reads back only A's acknowledgements
    record_unmet(site_a, 2)
    assert push(site_a).sent == 2
    assert _psql(a_url, "SELECT count(*) FROM handoffs").stdout.strip() == "2"


def test_a_site_cannot_push_records_under_another_site_id(
    hub: str, sites: tuple[Desk, Desk], tmp_path: Path
) -> None:
    # Given a laptop that claims to be site B but holds only A's hub credentials
    site_a, _ = sites
    claimant = laptop(tmp_path, "site-b")
    record_unmet(claimant, 3)
    # When it pushes over A's role, then the hub refuses the batch and keeps nothing
    with pytest.raises(HubError, match="row-level security"):
        push(claimant, site_a.settings.hub_url)
    assert states(claimant) == {"pending": 3}
    assert hub_ids(hub) == {}
    claimant.close()


def test_a_catalogue_published_with_a_sites_credentials_is_refused(
    hub: str, sites: tuple[Desk, Desk]
) -> None:
    site_a, site_b = sites
    with pytest.raises(HubError, match="permission denied"):
        publish(site_a.settings.hub_url, DEMO)
    assert pull(site_b).hub_version is None
    # Only the agency publishes; B takes that catalogue, checked against the hub's key
    version = publish(None, DEMO).version
    assert pull(site_b).updated
    assert pull(site_b).hub_version == version


def test_a_catalogue_the_hub_did_not_sign_is_not_taken(hub: str, sites: tuple[Desk, Desk]) -> None:
    # Given a catalogue row slipped in behind the hub's keys (the owner, by hand)
    _, site_b = sites
    poison = json.loads(DEMO.read_text())
    body = json.dumps(poison)
    engine = create_engine(make_url(hub).set(drivername="postgresql+psycopg"))
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO catalogue_versions (source, format, content_hash, services, catalogue)"
                " VALUES ('poison', 'navigator', 'x', 1, :body)"
            ),
            {"body": body},
        )
    engine.dispose()
    before = len(site_b.index.entries)
    # When the laptop pulls, then it refuses and keeps its catalogue
    with pytest.raises(HubError, match="not signed with the hub's key"):
        pull(site_b)
    assert len(site_b.index.entries) == before


def _resign(path: Path, edit: object, signing_key: str) -> None:
    """Edit a bundle, recompute every hash, and sign it again with `signing_key`."""
    from navigator.sync.records import kind_of

    document = json.loads(path.read_text())
    edit(document)  # type: ignore[operator]
    for record in document["records"]:
        kind = kind_of(record["record_type"])
        record["payload_hash"] = kind.hash(kind.model.model_validate(record["payload"]))
    document["manifest"]["records_sha256"] = canonical_sha256(document["records"])
    whole = canonical_sha256({"manifest": document["manifest"], "records": document["records"]})
    document["sha256"] = whole
    document["signature"] = sign(bundle_message(whole), signing_key)
    path.write_text(json.dumps(document))


def _changed_need(document: dict) -> None:  # type: ignore[type-arg]
    document["records"][0]["payload"]["needs"] = ["housing"]


def test_bundles_are_checked_against_the_enrolled_sites_key(
    hub: str, sites: tuple[Desk, Desk], tmp_path: Path
) -> None:
    site_a, _ = sites
    record_unmet(site_a, 2)
    bundle = write_bundle(site_a, tmp_path / "usb")
    assert bundle.path is not None
    changed = tmp_path / "changed.json"
    shutil.copy(bundle.path, changed)
    # One record changed and every hash recomputed, but no key to sign with: refused
    forger_key = new_signing_key()[1]
    _resign(changed, _changed_need, forger_key)
    with pytest.raises(BundleError, match="signature does not match site 'site-a'"):
        import_bundle(None, changed)
    assert hub_ids(hub) == {}
    # A laptop that was never enrolled, with a key of its own: refused
    stranger = laptop(tmp_path, "site-c")
    stranger.settings = stranger.settings.model_copy(
        update={"site_signing_key": SecretStr(forger_key)}
    )
    record_unmet(stranger, 1)
    foreign = write_bundle(stranger, tmp_path / "usb-c")
    assert foreign.path is not None
    with pytest.raises(BundleError, match="never enrolled"):
        import_bundle(None, foreign.path)
    stranger.close()
    assert hub_ids(hub) == {}
    # A's own bundle, as written: accepted
    assert import_bundle(None, bundle.path).stored == 2
    assert len(hub_ids(hub)) == 2


def test_a_forged_return_file_is_refused_and_nothing_changes(
    hub: str, sites: tuple[Desk, Desk], tmp_path: Path
) -> None:
    # Given a laptop with unsent handoffs, and a return file made by someone without the hub's key
    site_a, _ = sites
    ids = record_unmet(site_a, 2)
    catalogue = read_catalogue(DEMO).catalogue.model_dump(mode="json")
    body = ReturnBody.model_validate(
        {
            "bundle_id": "forged-1",
            "site_id": "site-a",
            "created_at": datetime.now(UTC).isoformat(),
            "acks": [{"record_id": i, "record_type": "handoff", "status": "stored"} for i in ids],
            "catalogue": {"version": 99, "content_hash": "x", "catalogue": catalogue},
        }
    )
    forged = tmp_path / "navigator-return-site-a-forged-1.json"
    forged.write_text(make_return(body, new_signing_key()[1]).model_dump_json())
    services_before = len(site_a.index.entries)
    # When the site lead applies it, then it is refused whole
    with pytest.raises(BundleError, match="not signed with this hub's key"):
        apply_return_file(site_a, forged)
    assert states(site_a) == {"pending": 2}
    assert len(site_a.index.entries) == services_before
    # And without the signature at all (a file as the old version wrote them), refused too
    document = json.loads(forged.read_text())
    del document["signature"]
    forged.write_text(json.dumps(document))
    with pytest.raises(BundleError, match="signature"):
        apply_return_file(site_a, forged)
    assert states(site_a) == {"pending": 2}


def test_a_bundle_id_that_climbs_out_of_the_folder_is_refused_before_anything_commits(
    hub: str, sites: tuple[Desk, Desk], tmp_path: Path
) -> None:
    site_a, _ = sites
    record_unmet(site_a, 1)
    bundle = write_bundle(site_a, tmp_path / "usb")
    assert bundle.path is not None
    (tmp_path / "usb" / "x").mkdir()  # a matching folder exists
    key = site_a.settings.site_signing_key
    assert key is not None

    def climb(document: dict) -> None:  # type: ignore[type-arg]
        document["manifest"]["bundle_id"] = "x/../../../../tmp/TRAVERSAL"

    _resign(bundle.path, climb, key.get_secret_value())
    with pytest.raises(BundleError, match="bundle_id"):
        import_bundle(None, bundle.path)
    assert hub_ids(hub) == {}
    assert not list(Path("/tmp").glob("TRAVERSAL*"))
    assert [p.name for p in (tmp_path / "usb").iterdir() if "return" in p.name] == []


def test_a_push_from_a_laptop_two_hours_fast_is_reported_at_the_hub(
    hub: str, tmp_path: Path
) -> None:
    # Given site A's laptop clock two hours fast and site B's right
    fast = enrolled_laptop(
        tmp_path, "site-a", hub, clock=lambda: datetime.now(UTC) + timedelta(hours=2)
    )
    right = enrolled_laptop(tmp_path, "site-b", hub, clock=lambda: datetime.now(UTC))
    record_unmet(fast, 3)
    record_unmet(right, 1)
    push(fast)
    push(right)
    # When the agency runs its report
    result = report(None, date(2000, 1, 1), date(2100, 1, 1))
    # Then it names site A, by how much, and the records that push carried
    [problem] = result.clock
    assert (problem.site, problem.via, problem.records) == ("site-a", "push", 3)
    assert timedelta(minutes=110) < problem.difference < timedelta(minutes=130)
    assert result.as_dict()["clock"][0]["site"] == "site-a"
    # And the coordinator's command says so in words
    printed = CliRunner().invoke(
        main, ["hub", "report", "--from", "2000-01-01", "--to", "2100-01-01"]
    )
    assert printed.exit_code == 0, printed.stderr
    assert "Laptop clocks off by more than 10 minutes" in printed.stdout
    assert "site-a  push" in printed.stdout
    assert "120 min fast  3 records" in printed.stdout
    fast.close()
    right.close()


def test_a_push_against_a_locked_table_fails_within_the_timeout_with_a_message(
    hub: str, sites: tuple[Desk, Desk]
) -> None:
    # Given another session holding a lock on the handoffs table
    site_a, _ = sites
    site_a.settings = site_a.settings.model_copy(update={"hub_lock_timeout_s": 1})
    record_unmet(site_a, 2)
    owner = create_engine(make_url(hub).set(drivername="postgresql+psycopg"))
    with owner.connect() as conn, conn.begin():
        conn.execute(text("LOCK TABLE handoffs IN ACCESS EXCLUSIVE MODE"))
        # When the laptop pushes, then it gives up after the lock timeout and says why
        with pytest.raises(HubError, match=r"busy.*locked.*1 s \(lock_timeout\)"):
            push(site_a)
    owner.dispose()
    assert states(site_a) == {"pending": 2}
    assert push(site_a).sent == 2  # once the lock is gone, the same records go


def test_an_id_another_site_holds_is_quarantined_not_overwritten_or_revealed(
    hub: str, sites: tuple[Desk, Desk]
) -> None:
    # Given B's handoff on the hub, and A's laptop holding a record under the same id
    site_a, site_b = sites
    [taken] = record_unmet(site_b, 1)
    push(site_b)
    [mine] = record_unmet(site_a, 1)
    with site_a.session() as session, session.begin():
        session.execute(text("UPDATE handoff SET id = :t WHERE id = :m"), {"t": taken, "m": mine})
        session.execute(
            text("UPDATE outbox SET record_id = :t WHERE record_id = :m"), {"t": taken, "m": mine}
        )
    # When A pushes over its own role (which cannot see B's row)
    result = push(site_a)
    # Then A's copy is held aside, B's stays as it was, and A learns nothing of B's record
    assert result.quarantined == [taken]
    assert states(site_a) == {"quarantined": 1}
    assert _owner_count(hub, "SELECT count(*) FROM handoffs WHERE site_id = 'site-b'") == 1
    assert _owner_count(hub, "SELECT count(*) FROM quarantine WHERE site_id = 'site-a'") == 1


def test_a_statement_the_hub_cannot_finish_in_time_is_cancelled_with_a_message(
    hub: str, sites: tuple[Desk, Desk]
) -> None:
    site_a, _ = sites
    site_a.settings = site_a.settings.model_copy(
        update={"hub_lock_timeout_s": 30, "hub_statement_timeout_s": 1}
    )
    record_unmet(site_a, 1)
    owner = create_engine(make_url(hub).set(drivername="postgresql+psycopg"))
    with owner.connect() as conn, conn.begin():
        conn.execute(text("LOCK TABLE handoffs IN ACCESS EXCLUSIVE MODE"))
        with pytest.raises(HubError, match=r"did not finish within 1 s \(statement_timeout\)"):
            push(site_a)
    owner.dispose()
    assert states(site_a) == {"pending": 1}


def test_a_site_role_pushes_through_its_staging_table_even_where_public_temp_is_revoked(
    hub_url: str, tmp_path: Path
) -> None:
    # Given a hub whose owner took temporary tables away from PUBLIC before `hub init`
    database = make_url(hub_url).database
    engine = create_engine(make_url(hub_url).set(drivername="postgresql+psycopg"))
    with engine.begin() as conn:
        conn.execute(text(f'REVOKE TEMPORARY ON DATABASE "{database}" FROM PUBLIC'))
    engine.dispose()
    create_hub(hub_url)
    site_a = enrolled_laptop(tmp_path, "site-a", hub_url)
    ids = record_unmet(site_a, 4)
    # When the site pushes over its own role (COPY into a temporary staging table)
    result = push(site_a, site_a.settings.hub_url)
    # Then every record is stored once and acknowledged
    assert result.sent == 4
    assert hub_ids(hub_url) == dict.fromkeys(ids, 1)
    assert states(site_a) == {"acked": 4}
    site_a.close()
