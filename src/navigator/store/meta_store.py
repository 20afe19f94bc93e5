"""Small facts kept in the database itself, such as this laptop's site id."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from navigator.store.schema import Meta


def get_or_create(session: Session, key: str, make: Callable[[], str]) -> str:
    row = session.get(Meta, key)
    if row is None:
        row = Meta(key=key, value=make())
        session.add(row)
    return row.value


def get_value(session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return row.value if row else None


def put_value(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value
