"""The agency's report over a date range: handoffs by site, need and kind, unmet needs,
and the sites whose laptop clock was wrong when they synced."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, true

from navigator.sync.hub_schema import (
    clock_readings,
    handoff_events,
    handoffs,
    listing_flags,
    quarantine,
)

DEFAULT_CLOCK_THRESHOLD = timedelta(minutes=10)


@dataclass(frozen=True)
class ClockProblem:
    """A push batch or bundle whose laptop clock was off from the hub's by over the threshold."""

    site: str
    via: str
    laptop_clock: datetime
    received_at: datetime
    records: int

    @property
    def difference(self) -> timedelta:
        """Laptop minus hub: positive when the laptop's clock is fast."""
        return self.laptop_clock - self.received_at

    def as_dict(self) -> dict[str, Any]:
        return {
            "site": self.site,
            "via": self.via,
            "laptop_clock": self.laptop_clock.isoformat(),
            "received_at": self.received_at.isoformat(),
            "difference_minutes": round(self.difference.total_seconds() / 60, 1),
            "records": self.records,
        }


def clock_problems(conn: Connection, threshold: timedelta) -> list[ClockProblem]:
    """Readings off by more than `threshold`, with how many records each batch carried.

    A push is compared both ways. A bundle can reach the hub days after it was made,
    so only a bundle dated after its own arrival shows a wrong clock.
    """
    offset = func.extract("epoch", clock_readings.c.laptop_clock - clock_readings.c.received_at)
    limit = threshold.total_seconds()

    def in_batch(table: Any) -> Any:
        return (
            select(func.count())
            .where(table.c.batch_id == clock_readings.c.batch_id)
            .scalar_subquery()
        )

    records = in_batch(handoffs) + in_batch(handoff_events) + in_batch(listing_flags)
    query = (
        select(
            clock_readings.c.site_id,
            clock_readings.c.via,
            clock_readings.c.laptop_clock,
            clock_readings.c.received_at,
            records,
        )
        .where(
            or_(
                and_(clock_readings.c.via == "push", func.abs(offset) > limit),
                offset > limit,
            )
        )
        .order_by(clock_readings.c.site_id, clock_readings.c.received_at)
    )
    return [ClockProblem(str(s), str(v), lc, r, int(n)) for s, v, lc, r, n in conn.execute(query)]


@dataclass
class HubReport:
    start: date
    end: date
    total: int
    by_site: dict[str, int]
    by_kind: dict[str, int]
    by_need: dict[str, int]
    unmet_by_need: dict[str, int]
    quarantined: int
    # Site x need x kind, for the agency's own pivot tables.
    breakdown: list[dict[str, Any]] = field(default_factory=list)
    # Pushes and bundles whose laptop clock was off (all dates, not only the range).
    clock: list[ClockProblem] = field(default_factory=list)
    clock_threshold: timedelta = DEFAULT_CLOCK_THRESHOLD

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["start"] = self.start.isoformat()
        data["end"] = self.end.isoformat()
        data["clock"] = [problem.as_dict() for problem in self.clock]
        data["clock_threshold_minutes"] = self.clock_threshold.total_seconds() / 60
        del data["clock_threshold"]
        return data


def build_report(
    conn: Connection,
    start: date,
    end: date,
    *,
    clock_threshold: timedelta = DEFAULT_CLOCK_THRESHOLD,
) -> HubReport:
    in_range = handoffs.c.local_date.between(start, end)

    def counted(column: Any, *conditions: Any, source: Any = handoffs) -> dict[str, int]:
        query = (
            select(column.label("key"), func.count().label("total"))
            .select_from(source)
            .where(in_range, *conditions)
            .group_by("key")
            .order_by(func.count().desc(), "key")
        )
        return {str(key): int(n) for key, n in conn.execute(query)}

    # One row per (handoff, need): unnest as a lateral table, not in the select list.
    needs = func.unnest(handoffs.c.needs).table_valued("need").render_derived(name="each_need")
    with_needs = handoffs.join(needs, true())
    total = conn.scalar(select(func.count()).select_from(handoffs).where(in_range)) or 0
    held = conn.scalar(select(func.count()).select_from(quarantine)) or 0
    breakdown = conn.execute(
        select(handoffs.c.site_id, needs.c.need, handoffs.c.kind, func.count().label("total"))
        .select_from(with_needs)
        .where(in_range)
        .group_by(handoffs.c.site_id, needs.c.need, handoffs.c.kind)
        .order_by(handoffs.c.site_id, needs.c.need, handoffs.c.kind)
    )
    return HubReport(
        start=start,
        end=end,
        total=int(total),
        by_site=counted(handoffs.c.site_id),
        by_kind=counted(handoffs.c.kind),
        by_need=counted(needs.c.need, source=with_needs),
        unmet_by_need=counted(needs.c.need, handoffs.c.kind == "unmet", source=with_needs),
        quarantined=int(held),
        breakdown=[
            {"site": site, "need": need, "kind": kind, "handoffs": int(n)}
            for site, need, kind, n in breakdown
        ],
        clock=clock_problems(conn, clock_threshold),
        clock_threshold=clock_threshold,
    )
