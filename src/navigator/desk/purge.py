"""Retention: acknowledged handoffs older than the retention period leave the laptop."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from navigator.desk.context import Desk
from navigator.desk.volunteers import require_lead
from navigator.domain.volunteer import Volunteer
from navigator.store.retention_store import delete_acknowledged_before, flush_write_ahead_log


@dataclass(frozen=True)
class PurgeReport:
    purged: int
    cutoff: datetime
    days: int


def purge_acknowledged(desk: Desk, days: int | None = None) -> PurgeReport:
    """Delete handoffs the hub holds that are older than `days` (the site's retention_days).

    Pending records are never purged, however old: the hub does not have them yet.
    """
    keep = desk.settings.retention_days if days is None else days
    cutoff = desk.clock() - timedelta(days=keep)
    with desk.session() as session, session.begin():
        purged = delete_acknowledged_before(session, cutoff)
    if purged:
        flush_write_ahead_log(desk.engine)
    return PurgeReport(purged=purged, cutoff=cutoff, days=keep)


def purge_by_lead(
    desk: Desk, days: int | None = None, *, acting: Volunteer | None = None
) -> PurgeReport:
    """`navigator purge`: the same purge, for site leads only."""
    require_lead(desk, acting, "purge records")
    return purge_acknowledged(desk, days)
