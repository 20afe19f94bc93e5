"""Volunteer rows: adding, finding by name, recording sign-in attempts, removing."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from navigator.domain.sign_in_throttle import AttemptState
from navigator.domain.volunteer import Role, Volunteer, name_key
from navigator.store.schema import VolunteerRow


def _utc(value: datetime | None) -> datetime | None:
    # SQLite keeps no offset; the desk always stores UTC.
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def to_volunteer(row: VolunteerRow) -> Volunteer:
    return Volunteer(id=row.id, name=row.name, role=Role(row.role))


def active_count(session: Session, role: Role | None = None) -> int:
    query = select(func.count()).select_from(VolunteerRow).where(VolunteerRow.removed_at.is_(None))
    if role is not None:
        query = query.where(VolunteerRow.role == role.value)
    return session.scalar(query) or 0


def find_active(session: Session, name: str) -> VolunteerRow | None:
    return session.scalars(
        select(VolunteerRow).where(
            VolunteerRow.name_key == name_key(name), VolunteerRow.removed_at.is_(None)
        )
    ).first()


def list_active(session: Session) -> list[VolunteerRow]:
    return list(
        session.scalars(
            select(VolunteerRow)
            .where(VolunteerRow.removed_at.is_(None))
            .order_by(VolunteerRow.name_key)
        )
    )


def insert_volunteer(session: Session, volunteer: Volunteer, pin_hash: str, now: datetime) -> None:
    session.add(
        VolunteerRow(
            id=volunteer.id,
            name=volunteer.name,
            name_key=name_key(volunteer.name),
            role=volunteer.role.value,
            pin_hash=pin_hash,
            created_at=now,
            failed_attempts=0,
        )
    )


def attempt_state(row: VolunteerRow) -> AttemptState:
    return AttemptState(
        failures=row.failed_attempts,
        last_failed_at=_utc(row.last_failed_at),
        locked_until=_utc(row.locked_until),
    )


def save_attempt_state(row: VolunteerRow, state: AttemptState) -> None:
    row.failed_attempts = state.failures
    row.last_failed_at = state.last_failed_at
    row.locked_until = state.locked_until


def mark_removed(row: VolunteerRow, now: datetime) -> None:
    """The row stays so old handoffs still name their volunteer; the PIN goes."""
    row.removed_at = now
    row.pin_hash = None
