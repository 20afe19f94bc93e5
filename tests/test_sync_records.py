"""What a push sends is what the record says: the row copy and the model path agree."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from navigator.desk.record_event import record_event
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.sync.records import kind_of, local_rows
from sync_helpers import laptop


def test_rows_copied_from_the_laptop_match_rows_built_from_the_records(tmp_path: Path) -> None:
    # Given handoffs of several shapes and an event
    desk = laptop(tmp_path, "site-a")
    unmet = record_handoff(
        desk, make_draft(desk, kind="unmet", needs=("food", "housing"), note="  two kids ")
    )
    ref = record_handoff(desk, make_draft(desk, kind="unmet", needs=("legal",), client_ref="A-70"))
    event = record_event(desk, str(unmet.id), kind="correction", field="needs", value="food")
    for name, ids in (("handoff", [str(unmet.id), str(ref.id)]), ("event", [str(event.id)])):
        fast = kind_of(name)
        by_model = dataclasses.replace(fast, local_table=None)
        # When the push path copies rows and the model path rebuilds them
        with desk.session() as session:
            copied = local_rows(session, fast, ids)
            rebuilt = local_rows(session, by_model, ids)
        # Then they are the same rows, hash included
        assert copied == rebuilt
        assert set(copied) == set(ids)
    desk.close()
