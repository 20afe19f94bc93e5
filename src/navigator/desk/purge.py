"""Retention: acknowledged handoffs older than the retention period leave the laptop."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from navigator.desk.context import Desk
from navigator.desk.volunteers import require_lead
from navigator.domain.volunteer import Volunteer
from navigator.errors import N_
from navigator.store.retention_store import (
    delete_acknowledged_records,
    flush_write_ahead_log,
    purge_backups,
)


@dataclass(frozen=True)
class PurgeReport:
    purged: int  # handoffs
    cutoff: datetime
    days: int
    events: int = 0
    flags: int = 0
    backups: int = 0  # upgrade backups deleted for being older than the retention period


def purge_acknowledged(desk: Desk, days: int | None = None) -> PurgeReport:
    """Delete handoffs the hub holds that are older than `days` (the site's retention_days),
    with their events, old flags and old upgrade backups.

    Pending records are never purged, however old: the hub does not have them yet.
    """
    keep = desk.settings.retention_days if days is None else days
    cutoff = desk.clock() - timedelta(days=keep)
    with desk.session() as session, session.begin():
        deleted = delete_acknowledged_records(session, cutoff)
    if any(deleted.values()):
        flush_write_ahead_log(desk.engine)
    # Backups made before a schema upgrade hold the same client data: they follow the
    # same retention (deleted once older than it, and the purged records leave them now).
    backups = purge_backups(desk.db_path, cutoff, deleted)
    return PurgeReport(
        purged=len(deleted["handoff"]),
        cutoff=cutoff,
        days=keep,
        events=len(deleted["handoff_event"]),
        flags=len(deleted["listing_flag"]),
        backups=backups,
    )


def purge_by_lead(
    desk: Desk, days: int | None = None, *, acting: Volunteer | None = None
) -> PurgeReport:
    """`navigator purge`: the same purge, for site leads only."""
    require_lead(desk, acting, N_("purge records"))
    return purge_acknowledged(desk, days)
