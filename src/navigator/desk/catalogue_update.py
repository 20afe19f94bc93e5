"""Taking the hub's catalogue when it is newer: one local transaction, then a fresh index."""

from __future__ import annotations

from pydantic import ValidationError

from navigator.desk.context import Desk
from navigator.domain.catalogue import Catalogue
from navigator.errors import N_, HubError, validation_problem
from navigator.store.catalogue_store import current_version, replace_catalogue
from navigator.store.meta_store import get_value, set_value

HUB_VERSION_KEY = "hub_catalogue_version"


def hub_version_seen(desk: Desk) -> int:
    with desk.session() as session:
        return int(get_value(session, HUB_VERSION_KEY) or 0)


def needs_update(desk: Desk, version: int) -> bool:
    return version > hub_version_seen(desk)


def apply_hub_catalogue(desk: Desk, *, version: int, content_hash: str, body: str) -> bool:
    """Swap in the hub's catalogue `version`; False when this laptop already has that content."""
    try:
        catalogue = Catalogue.model_validate_json(body)
    except ValidationError as exc:
        raise HubError(
            N_("The hub's catalogue version {version} cannot be read: {problem}."),
            version=version,
            problem=validation_problem(exc)[1],
        ) from None
    with desk.session() as session, session.begin():
        current = current_version(session)
        changed = current is None or current.content_hash != content_hash
        if changed:
            replace_catalogue(
                session, catalogue, content_hash=content_hash, imported_at=desk.clock()
            )
        set_value(session, HUB_VERSION_KEY, str(version))
    if changed:
        desk.rebuild_index()
    return changed
