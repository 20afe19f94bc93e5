"""`hub enroll-site`: a hub role and a signing key for one site, handed over in one file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from navigator.domain.names import check_safe_name
from navigator.enrollment_file import Enrollment, write_enrollment
from navigator.errors import NavigatorError
from navigator.hub.roles import enroll_role
from navigator.security.signing import new_signing_key
from navigator.sync.hub import hub_engine, hub_errors
from navigator.sync.hub_trust import hub_now, hub_public_keys


@dataclass(frozen=True)
class EnrollReport:
    site_id: str
    role: str
    path: Path


def enroll_site(owner_url: str | None, site_id: str, out: Path) -> EnrollReport:
    """Create (or re-key) the site's login role and write its enrollment file (0600) to `out`.

    The file carries the site's private signing key and role password: hand it over
    like a key, and delete it once the laptop has joined.
    """
    try:
        check_safe_name(site_id, "site name")
    except ValueError as error:
        raise NavigatorError(str(error)) from None
    if out.exists():
        raise NavigatorError(f"{out}: already exists; give a new file name (nothing was changed).")
    if not out.parent.is_dir():
        raise NavigatorError(f"{out.parent}: no such folder.")
    verify, signing = new_signing_key()
    engine = hub_engine(owner_url)
    try:
        with hub_errors(engine), engine.begin() as conn:
            sealing_public, hub_verify = hub_public_keys(conn)
            role, password = enroll_role(conn, site_id, verify)
            enrolled_at = hub_now(conn)
            # The owner's own user or password in the query string must not travel on.
            url = (
                make_url(owner_url or "")
                .difference_update_query(["user", "password"])
                .set(username=role, password=password)
            )
            enrollment = Enrollment(
                site_id=site_id,
                hub_url=url.render_as_string(hide_password=False),
                hub_public_key=sealing_public,
                hub_verify_key=hub_verify,
                site_signing_key=signing,
                enrolled_at=enrolled_at,
            )
            # Written inside the transaction: no role is left whose password nobody has.
            write_enrollment(out, enrollment)
    finally:
        engine.dispose()
    return EnrollReport(site_id, role, out)
