"""The hub's trust records: its public keys, enrolled sites' keys, and laptops' clocks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects.postgresql import insert

from navigator.errors import HubError
from navigator.sync.hub_schema import clock_readings, hub_keys, site_keys


def store_hub_keys(conn: Connection, *, sealing: str, verify: str) -> None:
    """Keep the hub's public keys for enrollment files; refuse to swap them under enrolled sites."""
    row = conn.execute(select(hub_keys.c.sealing_public_key, hub_keys.c.verify_key)).first()
    if row is None:
        conn.execute(insert(hub_keys).values(id=1, sealing_public_key=sealing, verify_key=verify))
    elif tuple(row) != (sealing, verify):
        raise HubError(
            "This hub already has other keys than the key file given; nothing was changed.",
            hint="Use the hub's own key file (--keys FILE); enrolled sites trust those keys.",
        )


def hub_public_keys(conn: Connection) -> tuple[str, str]:
    """(sealing public key, verify key) of the hub."""
    row = conn.execute(select(hub_keys.c.sealing_public_key, hub_keys.c.verify_key)).first()
    if row is None:
        raise HubError(
            "The hub has no keys yet.", hint="Run once: navigator hub init --hub OWNER_URL"
        )
    return str(row[0]), str(row[1])


def site_verify_key(conn: Connection, site_id: str) -> str | None:
    """The key an enrolled site signs its bundles with; None for a site never enrolled."""
    key = conn.scalar(select(site_keys.c.verify_key).where(site_keys.c.site_id == site_id))
    return None if key is None else str(key)


def hub_now(conn: Connection) -> datetime:
    """The hub's own clock (its transaction's start): what acknowledgements are dated by."""
    now = conn.scalar(select(func.now()))
    assert isinstance(now, datetime)
    return now


def note_clock(
    conn: Connection, *, site_id: str, via: str, batch_id: str, laptop_clock: datetime
) -> None:
    """Keep the laptop's clock beside the hub's receipt time, for `hub report`."""
    conn.execute(
        insert(clock_readings).values(
            site_id=site_id, via=via, batch_id=batch_id, laptop_clock=laptop_clock
        )
    )
