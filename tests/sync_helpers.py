"""Shared steps for the sync stories: record at a laptop, look at the hub."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url

from conftest import fixed_clock
from navigator.config import Settings
from navigator.desk.context import Clock, Desk, open_desk
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.enrollment_file import read_enrollment
from navigator.hub.enroll import enroll_site
from navigator.store.outbox_store import state_counts
from navigator.sync.hub_schema import handoff_events, handoffs, quarantine


def laptop(tmp_path: Path, site_id: str) -> Desk:
    """A laptop with its own database file and site, without the demo catalogue."""
    settings = Settings(site_name=f"Site {site_id}", site_id=site_id, timezone="America/New_York")
    return open_desk(
        tmp_path / site_id / "navigator.db", settings=settings, clock=fixed_clock, load_demo=False
    )


def enrolled_laptop(
    tmp_path: Path, site_id: str, owner_url: str, clock: Clock = fixed_clock
) -> Desk:
    """A laptop joined to the hub as `site_id`: its own hub role, signing key and hub keys."""
    enrollment_path = tmp_path / f"{site_id}.enrollment.json"
    enroll_site(owner_url, site_id, enrollment_path)
    enrollment = read_enrollment(enrollment_path)
    settings = Settings(
        site_name=f"Site {site_id}",
        site_id=site_id,
        timezone="America/New_York",
        hub_url=enrollment.hub_url,
        hub_public_key=enrollment.hub_public_key,
        hub_verify_key=enrollment.hub_verify_key,
        site_signing_key=enrollment.site_signing_key,  # type: ignore[arg-type]
    )
    return open_desk(
        tmp_path / site_id / "navigator.db", settings=settings, clock=clock, load_demo=False
    )


def record_unmet(desk: Desk, count: int, need: str = "food") -> list[str]:
    draft = make_draft(desk, kind="unmet", needs=(need,))
    return [str(record_handoff(desk, draft).id) for _ in range(count)]


def hub_ids(hub_url: str) -> Counter[str]:
    """Every record id on the hub with how many times it is there (handoffs and events)."""
    engine = create_engine(make_url(hub_url).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as conn:
            ids = list(conn.scalars(select(handoffs.c.id)))
            ids += list(conn.scalars(select(handoff_events.c.id)))
    finally:
        engine.dispose()
    return Counter(ids)


def quarantined_ids(hub_url: str) -> list[str]:
    engine = create_engine(make_url(hub_url).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as conn:
            return list(conn.scalars(select(quarantine.c.record_id)))
    finally:
        engine.dispose()


def states(desk: Desk) -> dict[str, int]:
    with desk.session() as session:
        return state_counts(session)
