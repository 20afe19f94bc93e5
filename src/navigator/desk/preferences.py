"""The user's choices that outlive a session (the theme), kept in the database's meta table."""

from __future__ import annotations

from navigator.desk.context import Desk
from navigator.store.meta_store import get_value, set_value

THEME_KEY = "ui.theme"


def saved_theme(desk: Desk) -> str | None:
    with desk.session() as session:
        return get_value(session, THEME_KEY)


def remember_theme(desk: Desk, name: str) -> None:
    with desk.session() as session, session.begin():
        set_value(session, THEME_KEY, name)
