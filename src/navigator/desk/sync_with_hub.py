"""Sync with the hub: push pending records, then pull a newer catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from navigator.desk.catalogue_update import apply_hub_catalogue, needs_update
from navigator.desk.context import Desk
from navigator.errors import N_, HubError, Message
from navigator.security.signing import verifies
from navigator.store.outbox_store import state_counts
from navigator.sync.hub import (
    HubTimeouts,
    catalogue_message,
    hub_engine,
    hub_errors,
    latest_catalogue,
    signed_catalogue,
)
from navigator.sync.push import DEFAULT_BATCH, Progress, PushHooks, PushResult, push_pending


def hub_timeouts(desk: Desk) -> HubTimeouts:
    settings = desk.settings
    return HubTimeouts(
        connect_s=settings.hub_connect_timeout_s,
        statement_s=settings.hub_statement_timeout_s,
        lock_s=settings.hub_lock_timeout_s,
    )


def push(
    desk: Desk,
    hub_url: str | None = None,
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    hooks: PushHooks | None = None,
) -> PushResult:
    """Send every pending record; records stay pending if the hub cannot be reached."""
    engine = hub_engine(hub_url or desk.settings.hub_url, hub_timeouts(desk))
    try:
        return push_pending(
            desk.session,
            engine,
            site_id=desk.site_id,
            clock=desk.clock,
            batch_size=batch_size,
            progress=progress,
            hooks=hooks,
        )
    finally:
        engine.dispose()


@dataclass
class PullResult:
    hub_version: int | None
    updated: bool
    services: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "hub_version": self.hub_version,
            "catalogue_updated": self.updated,
            "services": self.services,
        }


def pull(desk: Desk, hub_url: str | None = None) -> PullResult:
    """Fetch the hub's newest catalogue if this laptop has not taken it yet."""
    engine = hub_engine(hub_url or desk.settings.hub_url, hub_timeouts(desk))
    try:
        with hub_errors(engine), engine.connect() as conn:
            latest = latest_catalogue(conn)
            if latest is None or not needs_update(desk, latest.version):
                return PullResult(latest.version if latest else None, False)
            body, signature = signed_catalogue(conn, latest.version)
        check_catalogue_signature(desk, latest.version, body, signature)
        updated = apply_hub_catalogue(
            desk, version=latest.version, content_hash=latest.content_hash, body=body
        )
        return PullResult(latest.version, updated, latest.services)
    finally:
        engine.dispose()


def check_catalogue_signature(desk: Desk, version: int, body: str, signature: str | None) -> None:
    """Refuse a catalogue the hub's key did not sign, when this laptop has joined a hub.

    A laptop that has not joined (one given the owner's URL directly) has no key to
    check against; it takes the catalogue as that connection gives it.
    """
    key = desk.settings.hub_verify_key
    if key is None:
        return
    if signature is None or not verifies(catalogue_message(body), signature, key):
        raise HubError(
            N_(
                "The hub's catalogue version {version} is not signed with the hub's key; "
                "it was not taken and this laptop's catalogue is unchanged."
            ),
            version=version,
            hint=N_(
                "Tell the agency: only `navigator hub publish-catalogue` with the hub's "
                "keys makes a catalogue laptops accept."
            ),
        )


@dataclass
class SyncResult:
    pushed: PushResult
    pulled: PullResult
    states: dict[str, int] = field(default_factory=dict)

    def summary_parts(self) -> list[Message]:
        """What the sync did, in parts a screen translates: '3 sent', 'catalogue updated'."""
        p = self.pushed
        parts = [
            Message(N_("{count} sent"), {"count": p.sent}),
            Message(N_("{count} already there"), {"count": p.already}),
        ]
        if p.quarantined:
            parts.append(Message(N_("{count} quarantined"), {"count": len(p.quarantined)}))
        parts.append(
            Message(N_("catalogue updated") if self.pulled.updated else N_("catalogue up to date"))
        )
        return parts

    def summary(self) -> str:
        return ", ".join(str(part) for part in self.summary_parts())


def sync(desk: Desk, hub_url: str | None = None, *, progress: Progress | None = None) -> SyncResult:
    """Push then pull, as the log screen's sync action does."""
    pushed = push(desk, hub_url, progress=progress)
    pulled = pull(desk, hub_url)
    with desk.session() as session:
        states = state_counts(session)
    return SyncResult(pushed, pulled, states)
