"""`navigator site join FILE`: this laptop takes the site, hub role and keys the agency made."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, union

from navigator.desk.context import Desk
from navigator.enrollment_file import read_enrollment, write_enrollment
from navigator.errors import NavigatorError
from navigator.locations import enrollment_file, ensure_private_dir
from navigator.store.schema import HandoffEventRow, HandoffRow, ListingFlagRow, OutboxRow
from navigator.sync.hub import mask_secrets


@dataclass(frozen=True)
class JoinReport:
    site_id: str
    hub: str
    stored_at: Path


def join_site(path: Path, desk: Desk | None = None) -> JoinReport:
    """Check the enrollment file whole, then keep a 0600 copy beside the settings.

    From then on the settings take site id, hub URL and the hub's keys from it, and
    NAVIGATOR_SITE_ID can no longer switch this laptop to another site. Unsent
    records of another site would be refused by the hub under this site's role, so
    joining is refused while `desk` holds any.
    """
    enrollment = read_enrollment(path)
    if desk is not None:
        others = unsent_sites(desk) - {enrollment.site_id}
        if others:
            names = ", ".join(sorted(others))
            raise NavigatorError(
                f"This laptop has unsent records of site {names}; the hub would refuse them "
                f"from site {enrollment.site_id}. Nothing was changed.",
                hint=f"Send them first with the old hub settings, or enroll the laptop as {names}.",
            )
    target = enrollment_file()
    ensure_private_dir(target.parent)
    write_enrollment(target, enrollment)
    return JoinReport(enrollment.site_id, mask_secrets(enrollment.hub_url), target)


def unsent_sites(desk: Desk) -> set[str]:
    """The site ids carried by this laptop's pending records."""
    pending = select(OutboxRow.record_id).where(OutboxRow.state == "pending")
    query = union(
        *(
            select(row.site_id).where(row.id.in_(pending))
            for row in (HandoffRow, HandoffEventRow, ListingFlagRow)
        )
    )
    with desk.session() as session:
        return {str(site) for site in session.scalars(query)}
