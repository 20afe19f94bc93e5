"""PostgreSQL roles and row-level security on the hub: one login role per site, one for the agency.

A site's role may insert records only under its own site id and read back
only its own records (its acknowledgements) and the published catalogues; it
can never update or delete. The agency's role reads everything, imports
bundles and alone may publish catalogues. Roles are cluster-wide in
PostgreSQL, so their names start with the hub database's name.
"""

from __future__ import annotations

import re
import secrets

from sqlalchemy import Connection, select, text
from sqlalchemy.dialects.postgresql import insert

from navigator.errors import NavigatorError
from navigator.sync.hub_schema import site_keys

RECORD_TABLES = ("handoffs", "handoff_events", "listing_flags")
MAX_ROLE_NAME = 63  # PostgreSQL's identifier limit


def _prefix(conn: Connection) -> str:
    database = str(conn.scalar(text("SELECT current_database()")))
    return re.sub(r"[^a-z0-9_]", "_", database.lower())[:24]


def agency_role(conn: Connection) -> str:
    return f"{_prefix(conn)}_agency"


def sites_group(conn: Connection) -> str:
    return f"{_prefix(conn)}_sites"


def site_role(conn: Connection, site_id: str) -> str:
    name = f"{_prefix(conn)}_site_{site_id}"
    if len(name) > MAX_ROLE_NAME:
        raise NavigatorError(
            f"Site name '{site_id}' is too long for a hub role "
            f"(at most {MAX_ROLE_NAME - len(name) + len(site_id)} characters here)."
        )
    return name


def _q(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def _role_exists(conn: Connection, name: str) -> bool:
    return bool(conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}))


def _login_role(conn: Connection, name: str) -> str:
    """Create or re-key a login role; returns its new password (letters, digits, '-', '_')."""
    password = secrets.token_urlsafe(24)
    verb = "ALTER" if _role_exists(conn, name) else "CREATE"
    conn.execute(text(f"{verb} ROLE {_q(conn, name)} LOGIN PASSWORD '{password}'"))
    return password


def _policy(conn: Connection, table: str, name: str, body: str) -> None:
    conn.execute(text(f"DROP POLICY IF EXISTS {name} ON {table}"))
    conn.execute(text(f"CREATE POLICY {name} ON {table} {body}"))


def set_up_roles(conn: Connection) -> tuple[str, str]:
    """Grants, policies and the agency's login role; returns (agency role, its password)."""
    agency = agency_role(conn)
    group = sites_group(conn)
    agency_password = _login_role(conn, agency)
    if not _role_exists(conn, group):
        conn.execute(text(f"CREATE ROLE {_q(conn, group)} NOLOGIN"))
    a, g = _q(conn, agency), _q(conn, group)
    run = conn.execute
    run(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    run(text(f"GRANT USAGE ON SCHEMA public TO {a}, {g}"))
    # Push stages each batch in a temporary table (COPY); said here, not left to
    # PUBLIC's default, so a hub that revoked that default still takes pushes.
    database = _q(conn, str(conn.scalar(text("SELECT current_database()"))))
    run(text(f"GRANT TEMPORARY ON DATABASE {database} TO {a}, {g}"))
    # The site a role was enrolled for. SECURITY DEFINER so sites need no access to
    # site_keys (inside it current_user is the owner, so the policy passes the caller's
    # role in); a fixed search_path so nobody can slip in another table.
    run(
        text(
            "CREATE OR REPLACE FUNCTION navigator_site(who name) RETURNS text "
            "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS "
            "$$ SELECT site_id FROM site_keys WHERE role_name = who $$"
        )
    )
    run(text("REVOKE ALL ON FUNCTION navigator_site(name) FROM PUBLIC"))
    run(text(f"GRANT EXECUTE ON FUNCTION navigator_site(name) TO {g}"))
    records = ", ".join(RECORD_TABLES)
    run(text(f"GRANT SELECT, INSERT ON {records}, quarantine, clock_readings TO {a}"))
    run(text(f"GRANT SELECT, INSERT, UPDATE ON sites, bundle_imports TO {a}"))
    run(text(f"GRANT SELECT, INSERT ON catalogue_versions TO {a}"))
    run(text(f"GRANT SELECT ON site_keys, hub_keys TO {a}"))
    run(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {a}"))
    run(text(f"GRANT SELECT, INSERT ON {records} TO {g}"))
    run(text(f"GRANT INSERT ON quarantine, clock_readings TO {g}"))
    run(text(f"GRANT SELECT, INSERT, UPDATE ON sites TO {g}"))
    run(text(f"GRANT SELECT ON catalogue_versions, hub_keys TO {g}"))
    run(text(f"GRANT USAGE ON SEQUENCE quarantine_id_seq, clock_readings_id_seq TO {g}"))
    mine = "site_id = navigator_site(current_user)"
    for table in (*RECORD_TABLES, "quarantine", "clock_readings"):
        run(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
        _policy(conn, table, "agency_all", f"TO {a} USING (true) WITH CHECK (true)")
        _policy(conn, table, "site_inserts_own", f"FOR INSERT TO {g} WITH CHECK ({mine})")
    for table in RECORD_TABLES:
        _policy(conn, table, "site_reads_own", f"FOR SELECT TO {g} USING ({mine})")
    run(text("ALTER TABLE sites ENABLE ROW LEVEL SECURITY"))
    _policy(conn, "sites", "agency_all", f"TO {a} USING (true) WITH CHECK (true)")
    own_site = "id = navigator_site(current_user)"
    _policy(conn, "sites", "site_own_row", f"TO {g} USING ({own_site}) WITH CHECK ({own_site})")
    for table in ("catalogue_versions", "hub_keys"):
        run(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
        _policy(conn, table, "agency_all", f"TO {a} USING (true) WITH CHECK (true)")
        _policy(conn, table, "site_reads", f"FOR SELECT TO {g} USING (true)")
    for table in ("bundle_imports", "site_keys"):
        run(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
        _policy(conn, table, "agency_all", f"TO {a} USING (true) WITH CHECK (true)")
    return agency, agency_password


def enroll_role(conn: Connection, site_id: str, verify_key: str) -> tuple[str, str]:
    """A login role for `site_id` in the sites group; returns (role, its new password).

    Enrolling a site again gives it a new password and a new key: old ones stop working.
    """
    if not _role_exists(conn, sites_group(conn)):
        raise NavigatorError(
            "The hub has no roles yet.", hint="Run once: navigator hub init --hub OWNER_URL"
        )
    role = site_role(conn, site_id)
    holder = conn.scalar(select(site_keys.c.site_id).where(site_keys.c.role_name == role))
    if holder is not None and holder != site_id:
        raise NavigatorError(f"Role {role} already belongs to site '{holder}'.")
    password = _login_role(conn, role)
    conn.execute(text(f"GRANT {_q(conn, sites_group(conn))} TO {_q(conn, role)}"))
    statement = insert(site_keys).values(site_id=site_id, role_name=role, verify_key=verify_key)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["site_id"], set_={"role_name": role, "verify_key": verify_key}
        )
    )
    return role, password
