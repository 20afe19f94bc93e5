"""The agency's report over a date range: handoffs by site, need and kind, and unmet needs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select, true

from navigator.sync.hub_schema import handoffs, quarantine


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

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["start"] = self.start.isoformat()
        data["end"] = self.end.isoformat()
        return data


def build_report(conn: Connection, start: date, end: date) -> HubReport:
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
    )
