"""Every record that waits in the outbox is of a kind the hub sync knows how to send."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

import navigator
from navigator.desk.flag_listing import flag_listing
from navigator.desk.import_catalogue import load_demo_if_empty
from navigator.desk.record_event import record_event
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.store.chunks import chunked
from navigator.store.outbox_store import OutboxKind, enqueue
from navigator.store.schema import OutboxRow
from navigator.sync.records import RECORD_KINDS
from sync_helpers import laptop

SOURCE = Path(navigator.__file__).parent


def test_every_outbox_kind_is_registered_for_sync() -> None:
    # A kind stored without a registration would wait in the outbox forever.
    missing = {kind.value for kind in OutboxKind} - set(RECORD_KINDS)
    assert not missing, f"outbox kinds with no sync registration: {sorted(missing)}"


def test_every_kind_a_desk_stores_is_registered_for_sync(tmp_path: Path) -> None:
    # Given a desk that records a handoff, a follow-up on it and a flag on a listing
    desk = laptop(tmp_path, "site-a")
    load_demo_if_empty(desk)
    handoff = record_handoff(desk, make_draft(desk, kind="unmet", needs=("legal",)))
    record_event(desk, str(handoff.id), kind="follow_up", outcome="reached")
    flag_listing(desk, desk.index.entries[0].listing.id, "phone")
    # When we look at the kinds waiting in its outbox
    with desk.session() as session:
        stored = set(session.scalars(select(OutboxRow.record_type).distinct()))
    desk.close()
    # Then there is one of each, and each is registered for sync
    assert stored == {kind.value for kind in OutboxKind}
    assert stored <= set(RECORD_KINDS)


def test_enqueue_refuses_a_kind_nobody_registered(tmp_path: Path) -> None:
    desk = laptop(tmp_path, "site-a")
    with (
        desk.session() as session,
        session.begin(),
        pytest.raises(ValueError, match="'note' is not a registered outbox record kind"),
    ):
        enqueue(session, "01999999-0000-7000-8000-000000000000", "note")
    desk.close()


def test_stores_enqueue_only_through_the_one_door() -> None:
    # No store writes an outbox row or a literal "pending" state of its own.
    for path in (SOURCE / "store").glob("*.py"):
        if path.name in {"outbox_store.py", "schema.py"}:
            continue
        text = path.read_text(encoding="utf-8")
        assert "OutboxRow(" not in text, path.name
        assert not re.search(r"""["']pending["']""", text), path.name


@pytest.mark.parametrize(
    ("items", "size", "chunks"),
    [
        ([], 500, []),
        ([1, 2, 3], 2, [[1, 2], [3]]),
        (range(4), 2, [[0, 1], [2, 3]]),
        (range(1001), 500, [list(range(500)), list(range(500, 1000)), [1000]]),
    ],
)
def test_chunked_cuts_in_order(items: list[int], size: int, chunks: list[list[int]]) -> None:
    assert list(chunked(items, size)) == chunks
