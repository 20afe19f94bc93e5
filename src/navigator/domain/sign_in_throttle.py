"""How wrong PINs slow a guesser down: free tries, then growing waits, then a lockout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FREE_ATTEMPTS = 3
"""Wrong PINs allowed without any wait (a typo, a second typo)."""
LOCKOUT_AFTER = 6
"""Wrong PINs in a row that lock the account."""
LOCKOUT = timedelta(minutes=15)


@dataclass(frozen=True)
class AttemptState:
    failures: int = 0
    last_failed_at: datetime | None = None
    locked_until: datetime | None = None


def wait_before_next(failures: int) -> timedelta:
    """Nothing for the first tries, then 2, 4, 8... seconds between tries."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    return timedelta(seconds=2 ** (failures - FREE_ATTEMPTS + 1))


def earliest_attempt(state: AttemptState) -> datetime | None:
    """When the next try may be made, or None when it may be made now."""
    if state.locked_until is not None:
        return state.locked_until
    if state.last_failed_at is None:
        return None
    wait = wait_before_next(state.failures)
    return state.last_failed_at + wait if wait else None


def after_failure(state: AttemptState, now: datetime) -> AttemptState:
    failures = state.failures + 1
    locked = now + LOCKOUT if failures >= LOCKOUT_AFTER else None
    return AttemptState(failures=failures, last_failed_at=now, locked_until=locked)
