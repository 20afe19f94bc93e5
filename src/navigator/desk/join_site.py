"""`navigator site join FILE`: this laptop takes the site, hub role and keys the agency made."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from navigator.locations import enrollment_file, ensure_private_dir
from navigator.sync.enrollment import read_enrollment, write_enrollment
from navigator.sync.hub import mask_secrets


@dataclass(frozen=True)
class JoinReport:
    site_id: str
    hub: str
    stored_at: Path


def join_site(path: Path) -> JoinReport:
    """Check the enrollment file whole, then keep a 0600 copy beside the settings.

    From then on the settings take site id, hub URL and the hub's keys from it, and
    NAVIGATOR_SITE_ID can no longer switch this laptop to another site.
    """
    enrollment = read_enrollment(path)
    target = enrollment_file()
    ensure_private_dir(target.parent)
    write_enrollment(target, enrollment)
    return JoinReport(enrollment.site_id, mask_secrets(enrollment.hub_url), target)
