"""Counting what the loaded catalogue holds."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import distinct, func, select

from navigator.desk.context import Desk
from navigator.store.catalogue_store import current_version
from navigator.store.schema import (
    LocationRow,
    OrganizationRow,
    ScheduleRow,
    ServiceNeedRow,
    ServiceRow,
)


@dataclass(frozen=True)
class CatalogueStats:
    source: str | None
    format: str | None
    imported_at: str | None
    content_hash: str | None
    organizations: int
    services: int
    locations: int
    services_with_schedules: int
    services_with_needs: int
    services_by_need: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def catalogue_stats(desk: Desk) -> CatalogueStats:
    with desk.session() as session:
        version = current_version(session)

        def count(statement: object) -> int:
            return int(session.scalar(statement) or 0)  # type: ignore[call-overload]

        by_need: dict[str, int] = {
            need: int(n)
            for need, n in session.execute(
                select(ServiceNeedRow.need, func.count()).group_by(ServiceNeedRow.need)
            )
        }
        return CatalogueStats(
            source=version.source if version else None,
            format=version.format if version else None,
            imported_at=version.imported_at.isoformat() if version else None,
            content_hash=version.content_hash if version else None,
            organizations=count(select(func.count()).select_from(OrganizationRow)),
            services=count(select(func.count()).select_from(ServiceRow)),
            locations=count(select(func.count()).select_from(LocationRow)),
            services_with_schedules=count(select(func.count(distinct(ScheduleRow.service_id)))),
            services_with_needs=count(select(func.count(distinct(ServiceNeedRow.service_id)))),
            services_by_need={code: by_need.get(code, 0) for code in desk.lexicon.codes()},
        )
