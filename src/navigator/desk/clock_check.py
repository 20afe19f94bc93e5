"""Is this laptop's clock plausible? A clock before the newest record or catalogue is wrong.

A laptop cannot know the true time offline, but it knows two dates its clock
must be after: the newest record it holds and when its catalogue arrived. The
app warns at start-up and when a handoff form opens; the CLI before recording.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from sqlalchemy import func, select

from navigator.desk.context import Desk
from navigator.errors import N_, Message
from navigator.store.catalogue_store import current_version
from navigator.store.schema import HandoffEventRow, HandoffRow

# Minutes-sized corrections (NTP, a volunteer setting the time by hand) should not nag;
# the hub reports offsets over 10 minutes. An hour is beyond any such correction.
SLACK = timedelta(hours=1)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite keeps no offset


def _minute(moment: datetime, zone: tzinfo) -> str:
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def clock_warning(desk: Desk) -> Message | None:
    """A message for the volunteer when the clock reads before what this laptop already holds."""
    now = desk.clock()
    with desk.session() as session:
        newest = max(
            (
                moment
                for moment in (
                    _utc(session.scalar(select(func.max(HandoffRow.recorded_at)))),
                    _utc(session.scalar(select(func.max(HandoffEventRow.recorded_at)))),
                )
                if moment is not None
            ),
            default=None,
        )
        version = current_version(session)
        catalogue_date = _utc(version.imported_at) if version else None
    zone = desk.settings.zone()
    if newest is not None and now < newest - SLACK:
        return Message(
            N_(
                "This laptop's clock says {now}, but it already holds a record made at "
                "{newest}. The clock is probably wrong: set the date and time before "
                "recording, or records get wrong dates."
            ),
            {"now": _minute(now, zone), "newest": _minute(newest, zone)},
        )
    if catalogue_date is not None and now < catalogue_date - SLACK:
        return Message(
            N_(
                "This laptop's clock says {now}, before its catalogue arrived ({arrived}). "
                "The clock is probably wrong: set the date and time before recording."
            ),
            {"now": _minute(now, zone), "arrived": _minute(catalogue_date, zone)},
        )
    return None
