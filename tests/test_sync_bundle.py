"""A site with no connection: bundle on a USB stick, import at the hub, return file back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SHARED_DATA
from navigator.desk.record_event import record_event
from navigator.desk.sync_bundle import apply_return_file, write_bundle
from navigator.errors import BundleError
from navigator.hub.admin import create_hub, import_bundle, publish
from sync_helpers import hub_ids, laptop, record_unmet, states

pytestmark = pytest.mark.slow

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_catalogue.json"


@pytest.fixture
def hub(hub_url: str) -> str:
    create_hub(hub_url)
    return hub_url


def test_bundle_round_trip_acknowledges_records_and_brings_the_catalogue(
    hub: str, tmp_path: Path
) -> None:
    # Given a laptop with handoffs and an event, and a hub with a published catalogue
    desk = laptop(tmp_path, "site-a")
    ids = record_unmet(desk, 3)
    event = record_event(desk, ids[1], kind="correction", field="void", note="wrong client")
    published = publish(hub, DEMO)
    # When the site writes a bundle, the hub imports it, and the laptop takes the return file
    stick = tmp_path / "usb"
    bundle = write_bundle(desk, stick)
    assert bundle.path is not None
    assert bundle.counts == {"handoff": 3, "event": 1}
    assert states(desk) == {"pending": 4}  # nothing changes until the hub answers
    imported = import_bundle(hub, bundle.path)
    ack = apply_return_file(desk, imported.return_file)
    # Then the hub has every record once, the laptop has them acknowledged, and its catalogue
    assert hub_ids(hub) == dict.fromkeys([*ids, str(event.id)], 1)
    assert (imported.stored, imported.already) == (4, 0)
    assert ack.acknowledged == 4
    assert states(desk) == {"acked": 4}
    assert ack.catalogue_updated
    assert ack.hub_version == published.version
    assert len(desk.index.entries) == published.services
    assert (bundle.path.stat().st_mode & 0o777) == 0o600
    assert (imported.return_file.stat().st_mode & 0o777) == 0o600
    desk.close()


def test_bundle_imported_twice_changes_nothing_the_second_time(hub: str, tmp_path: Path) -> None:
    desk = laptop(tmp_path, "site-a")
    ids = record_unmet(desk, 4)
    bundle = write_bundle(desk, tmp_path / "usb")
    assert bundle.path is not None
    first = import_bundle(hub, bundle.path)
    second = import_bundle(hub, bundle.path, tmp_path / "second")
    assert (first.stored, second.stored, second.already) == (4, 0, 4)
    assert second.times_imported == 2
    assert hub_ids(hub) == dict.fromkeys(ids, 1)
    # Either return file acknowledges the records; applying both is harmless
    assert apply_return_file(desk, second.return_file).acknowledged == 4
    assert apply_return_file(desk, first.return_file).not_pending == 4
    assert states(desk) == {"acked": 4}
    desk.close()


def _tamper(path: Path, change: str) -> None:
    document = json.loads(path.read_text())
    if change == "payload":
        document["records"][0]["payload"]["note"] = "changed on the stick"
    elif change == "payload-and-hashes":
        # A careful forger recomputes the file's hashes, but not the record's own payload hash
        from navigator.sync.bundle import canonical_sha256

        document["records"][0]["payload"]["needs"] = ["housing"]
        document["manifest"]["records_sha256"] = canonical_sha256(document["records"])
        document["sha256"] = canonical_sha256(
            {"manifest": document["manifest"], "records": document["records"]}
        )
    elif change == "dropped-record":
        del document["records"][0]
    elif change == "foreign":
        document = {"format": "something-else", "records": []}
    path.write_text(json.dumps(document))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("payload", "do not match the manifest"),
        ("payload-and-hashes", "does not match its hash"),
        ("dropped-record", "do not match the manifest"),
        ("foreign", "not a Navigator bundle"),
    ],
)
def test_tampered_or_foreign_bundle_is_refused_and_changes_nothing(
    hub: str, tmp_path: Path, change: str, message: str
) -> None:
    desk = laptop(tmp_path, "site-a")
    record_unmet(desk, 2)
    bundle = write_bundle(desk, tmp_path / "usb")
    assert bundle.path is not None
    _tamper(bundle.path, change)
    with pytest.raises(BundleError, match=message):
        import_bundle(hub, bundle.path)
    assert hub_ids(hub) == {}
    assert states(desk) == {"pending": 2}
    desk.close()


def test_truncated_bundle_and_damaged_return_file_are_refused(hub: str, tmp_path: Path) -> None:
    desk = laptop(tmp_path, "site-a")
    record_unmet(desk, 2)
    bundle = write_bundle(desk, tmp_path / "usb")
    assert bundle.path is not None
    imported = import_bundle(hub, bundle.path)
    data = bundle.path.read_bytes()
    bundle.path.write_bytes(data[: len(data) // 2])
    with pytest.raises(BundleError, match="damaged"):
        import_bundle(hub, bundle.path)
    returned = json.loads(imported.return_file.read_text())
    returned["body"]["acks"][0]["status"] = "quarantined"
    imported.return_file.write_text(json.dumps(returned))
    with pytest.raises(BundleError, match="does not match its SHA-256"):
        apply_return_file(desk, imported.return_file)
    assert states(desk) == {"pending": 2}
    desk.close()


def test_return_file_for_another_site_is_refused(hub: str, tmp_path: Path) -> None:
    site_a, site_b = laptop(tmp_path, "site-a"), laptop(tmp_path, "site-b")
    record_unmet(site_a, 1)
    record_unmet(site_b, 1)
    bundle = write_bundle(site_a, tmp_path / "usb")
    assert bundle.path is not None
    imported = import_bundle(hub, bundle.path)
    with pytest.raises(BundleError, match="for site 'site-a'"):
        apply_return_file(site_b, imported.return_file)
    assert states(site_b) == {"pending": 1}
    site_a.close()
    site_b.close()


def test_nothing_pending_writes_no_bundle(tmp_path: Path) -> None:
    desk = laptop(tmp_path, "site-a")
    assert write_bundle(desk, tmp_path / "usb").path is None
    desk.close()


assert SHARED_DATA  # the demo catalogue ships with the code; shared data is not needed here
