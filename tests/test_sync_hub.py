"""The agency's hub: set up, catalogue versions pulled by laptops, and the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url

from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.sync_with_hub import pull, push, sync
from navigator.errors import CatalogueFormatError, HubError
from navigator.hub.admin import create_hub, publish, report
from sync_helpers import laptop, record_unmet

pytestmark = pytest.mark.slow

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo_catalogue.json"


def test_hub_init_creates_the_agency_tables_once(hub_url: str) -> None:
    created = create_hub(hub_url)
    assert {"sites", "handoffs", "handoff_events", "listing_flags", "catalogue_versions"} <= set(
        created
    )
    assert create_hub(hub_url) == []
    engine = create_engine(make_url(hub_url).set(drivername="postgresql+psycopg"))
    columns = {c["name"] for c in inspect(engine).get_columns("handoffs")}
    engine.dispose()
    assert {"id", "site_id", "volunteer_id", "kind", "needs", "payload_hash"} <= columns


def test_laptop_pulls_a_newer_catalogue_once(hub_url: str, tmp_path: Path) -> None:
    # Given a hub with the demo catalogue published, and an empty laptop
    create_hub(hub_url)
    desk = laptop(tmp_path, "site-a")
    assert pull(desk, hub_url).hub_version is None  # nothing published yet
    version = publish(hub_url, DEMO)
    # When the laptop pulls twice
    first = pull(desk, hub_url)
    second = pull(desk, hub_url)
    # Then the first swaps the catalogue in, the second finds it up to date
    assert (first.updated, first.hub_version) == (True, version.version)
    assert (second.updated, second.hub_version) == (False, version.version)
    assert len(desk.index.entries) == version.services > 0
    desk.close()


def test_publishing_an_unreadable_directory_is_refused(hub_url: str, tmp_path: Path) -> None:
    create_hub(hub_url)
    bad = tmp_path / "dir.json"
    bad.write_text("{not json")
    with pytest.raises(CatalogueFormatError):
        publish(hub_url, bad)


def test_report_counts_by_site_need_kind_and_unmet(hub_url: str, tmp_path: Path) -> None:
    # Given two sites that pushed handoffs on 24 November
    create_hub(hub_url)
    site_a = laptop(tmp_path, "site-a")
    site_b = laptop(tmp_path, "site-b")
    publish(hub_url, DEMO)
    pull(site_a, hub_url)
    service = site_a.index.entries[0].listing.id
    record_handoff(
        site_a, make_draft(site_a, kind="warm", needs=("food", "housing"), service_id=service)
    )
    record_unmet(site_a, 2, need="legal")
    record_unmet(site_b, 1, need="legal")
    result_a = sync(site_a, hub_url)
    push(site_b, hub_url)
    # When the agency asks for that week
    week = report(hub_url, date(2026, 11, 23), date(2026, 11, 29))
    # Then it sees every handoff counted by site, kind and need, and the unmet needs
    assert result_a.summary().startswith("3 sent, 0 already there")
    assert week.total == 4
    assert week.by_site == {"site-a": 3, "site-b": 1}
    assert week.by_kind == {"unmet": 3, "warm": 1}
    assert week.by_need == {"legal": 3, "food": 1, "housing": 1}
    assert week.unmet_by_need == {"legal": 3}
    assert week.breakdown == [
        {"site": "site-a", "need": "food", "kind": "warm", "handoffs": 1},
        {"site": "site-a", "need": "housing", "kind": "warm", "handoffs": 1},
        {"site": "site-a", "need": "legal", "kind": "unmet", "handoffs": 2},
        {"site": "site-b", "need": "legal", "kind": "unmet", "handoffs": 1},
    ]
    assert report(hub_url, date(2026, 12, 1), date(2026, 12, 7)).total == 0
    site_a.close()
    site_b.close()


def test_wrong_hub_urls_are_explained(tmp_path: Path) -> None:
    with pytest.raises(HubError, match="No hub is configured"):
        create_hub(None)
    with pytest.raises(HubError, match="must be PostgreSQL"):
        create_hub(f"sqlite:///{tmp_path}/x.db")
