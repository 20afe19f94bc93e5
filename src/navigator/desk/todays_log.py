"""The day's handoffs, with their sync state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from navigator.desk.context import Desk
from navigator.domain.handoff import Handoff
from navigator.store.handoff_store import handoffs_on


@dataclass(frozen=True)
class LogEntry:
    handoff: Handoff
    sync_state: str


def day_log(desk: Desk, day: date | None = None) -> list[LogEntry]:
    with desk.session() as session:
        rows = handoffs_on(session, day or desk.today())
    return [LogEntry(handoff, state) for handoff, state in rows]
