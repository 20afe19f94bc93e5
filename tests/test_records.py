"""Handoff rules that hold whatever the screen or script sends."""

from __future__ import annotations

import pytest

from navigator.desk.context import Desk
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.desk.todays_log import day_log
from navigator.errors import InvalidHandoff, ServiceNotFound, UnknownNeed


def _any_service(desk: Desk) -> str:
    return desk.index.entries[0].listing.id


def test_recorded_handoff_is_in_todays_log_with_a_snapshot(desk: Desk) -> None:
    service_id = _any_service(desk)
    saved = record_handoff(
        desk, make_draft(desk, kind="warm", needs=("food",), service_id=service_id)
    )
    assert saved.id.version == 7
    assert saved.local_date.isoformat() == "2026-11-24"
    assert saved.service is not None
    assert saved.service.name == desk.index.listing(service_id).service.name  # type: ignore[union-attr]
    assert [e.handoff for e in day_log(desk)] == [saved]


def test_client_reference_must_not_be_a_name(desk: Desk) -> None:
    with pytest.raises(InvalidHandoff, match="never a name"):
        make_draft(desk, kind="info", needs=("food",), service_id=_any_service(desk),
                   client_ref="Maria Lopez")  # fmt: skip


def test_unmet_need_has_no_service_and_other_kinds_need_one(desk: Desk) -> None:
    assert make_draft(desk, kind="unmet", needs=("housing",)).service is None
    with pytest.raises(InvalidHandoff, match="needs the service"):
        make_draft(desk, kind="appointment", needs=("housing",))
    with pytest.raises(InvalidHandoff, match="without a service"):
        make_draft(desk, kind="unmet", needs=("housing",), service_id=_any_service(desk))


def test_unknown_need_and_service_are_refused(desk: Desk) -> None:
    with pytest.raises(UnknownNeed, match="not a need category"):
        make_draft(desk, kind="unmet", needs=("unicorns",))
    with pytest.raises(ServiceNotFound):
        make_draft(desk, kind="info", needs=("food",), service_id="no-such-service")


def test_follow_up_before_the_handoff_day_is_refused(desk: Desk) -> None:
    from datetime import date

    draft = make_draft(desk, kind="unmet", needs=("food",), follow_up=date(2026, 11, 1))
    with pytest.raises(InvalidHandoff, match="before the day"):
        record_handoff(desk, draft)
    assert day_log(desk) == []
