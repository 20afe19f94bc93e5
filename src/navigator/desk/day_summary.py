"""A day at the site in numbers: handoffs by need and kind, unmet needs, and by hour."""

from __future__ import annotations

from collections import Counter
from datetime import date

from pydantic import BaseModel, ConfigDict

from navigator.desk.context import Desk
from navigator.domain.handoff import HandoffKind
from navigator.store.handoff_store import handoffs_on


class NeedCount(BaseModel):
    model_config = ConfigDict(frozen=True)

    need: str
    name: str
    handoffs: int
    """Handoffs that answered this need (a handoff can answer several)."""
    unmet: int
    """Times this need was recorded as unmet."""


class KindCount(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: HandoffKind
    label: str
    count: int


class HourCount(BaseModel):
    model_config = ConfigDict(frozen=True)

    hour: int
    count: int


class DaySummary(BaseModel):
    """What a funder asks: how many people, which needs, which we could not meet."""

    model_config = ConfigDict(frozen=True)

    date: date
    site_id: str
    total: int
    unmet: int
    by_need: tuple[NeedCount, ...]
    by_kind: tuple[KindCount, ...]
    by_hour: tuple[HourCount, ...]


def day_summary(desk: Desk, day: date | None = None) -> DaySummary:
    """Counts for one site-local day; needs busiest first, hours in the site's time."""
    chosen = day or desk.today()
    with desk.session() as session:
        handoffs = [h for h, _state in handoffs_on(session, chosen)]
    zone = desk.settings.zone()
    met: Counter[str] = Counter()
    unmet: Counter[str] = Counter()
    kinds: Counter[HandoffKind] = Counter()
    hours: Counter[int] = Counter()
    for h in handoffs:
        kinds[h.kind] += 1
        hours[h.recorded_at.astimezone(zone).hour] += 1
        (unmet if h.kind is HandoffKind.UNMET else met).update(h.needs)
    needs = sorted(set(met) | set(unmet), key=lambda n: (-(met[n] + unmet[n]), n))
    return DaySummary(
        date=chosen,
        site_id=desk.site_id,
        total=len(handoffs),
        unmet=kinds[HandoffKind.UNMET],
        by_need=tuple(
            NeedCount(need=n, name=desk.lexicon.name_of(n), handoffs=met[n], unmet=unmet[n])
            for n in needs
        ),
        by_kind=tuple(
            KindCount(kind=k, label=k.label, count=kinds[k]) for k in HandoffKind if kinds[k]
        ),
        by_hour=tuple(HourCount(hour=h, count=hours[h]) for h in _opening_span(hours)),
    )


def _opening_span(hours: Counter[int]) -> range:
    """The hours to chart: a working day, widened to any hour that had a handoff."""
    first = min([9, *hours])
    last = max([17, *hours])
    return range(first, last + 1)
