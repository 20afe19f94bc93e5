"""Whatever order records, pushes, crashes, bundles and acks come in, nothing is lost or doubled."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from navigator.desk.sync_bundle import apply_return_file, write_bundle
from navigator.desk.sync_with_hub import push
from navigator.hub.admin import create_hub, import_bundle
from navigator.store.schema import OutboxRow
from navigator.sync.push import PushHooks
from sync_helpers import hub_ids, laptop, quarantined_ids, record_unmet

pytestmark = pytest.mark.slow


class Crash(Exception):
    """The laptop dies at a chosen point of a push."""


def _crash_at(batch: int) -> PushHooks:
    def hook(number: int, _ids: list[str]) -> None:
        if number == batch:
            raise Crash

    return PushHooks(after_hub_commit=hook)


def _crash_inside(batch: int) -> PushHooks:
    def hook(number: int, _ids: list[str]) -> None:
        if number == batch:
            raise Crash

    return PushHooks(before_hub_commit=hook)


def test_random_interleavings_keep_every_record_exactly_once(hub_url: str) -> None:
    create_hub(hub_url)
    admin = create_engine(make_url(hub_url).set(drivername="postgresql+psycopg"))

    class DeskAndHub(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            with admin.begin() as conn:
                conn.execute(
                    text("TRUNCATE handoffs, handoff_events, quarantine, bundle_imports, sites")
                )
            self.root = Path(tempfile.mkdtemp(prefix="navigator-interleave-"))
            self.desk = laptop(self.root, "site-a")
            self.recorded: set[str] = set()
            self.bundles: list[Path] = []
            self.returns: list[Path] = []

        @rule(count=st.integers(1, 3))
        def record(self, count: int) -> None:
            self.recorded |= set(record_unmet(self.desk, count))

        @rule()
        def push(self) -> None:
            push(self.desk, hub_url, batch_size=2)
            assert self.local_states() == dict.fromkeys(self.recorded, "acked")

        @rule(batch=st.integers(0, 2), inside=st.booleans())
        def crashing_push(self, batch: int, inside: bool) -> None:
            hooks = _crash_inside(batch) if inside else _crash_at(batch)
            with contextlib.suppress(Crash):
                push(self.desk, hub_url, batch_size=2, hooks=hooks)

        @rule()
        def bundle(self) -> None:
            report = write_bundle(self.desk, self.root / "usb" / str(len(self.bundles)))
            if report.path is not None:
                self.bundles.append(report.path)

        @precondition(lambda self: self.bundles)
        @rule(pick=st.integers(0, 10))
        def hub_imports_bundle(self, pick: int) -> None:
            path = self.bundles[pick % len(self.bundles)]
            out = self.root / "returns" / str(len(self.returns))
            self.returns.append(import_bundle(hub_url, path, out).return_file)

        @precondition(lambda self: self.returns)
        @rule(pick=st.integers(0, 10))
        def ack(self, pick: int) -> None:
            apply_return_file(self.desk, self.returns[pick % len(self.returns)])

        def local_states(self) -> dict[str, str]:
            with self.desk.session() as session:
                rows = session.execute(select(OutboxRow.record_id, OutboxRow.state))
                return {str(record_id): str(state) for record_id, state in rows}

        @invariant()
        def hub_holds_only_recorded_records_once_and_acks_are_true(self) -> None:
            on_hub = hub_ids(hub_url)
            assert set(on_hub) <= self.recorded
            assert set(on_hub.values()) <= {1}
            acked = {rid for rid, state in self.local_states().items() if state == "acked"}
            assert acked <= set(on_hub)  # never acknowledged unless the hub has it
            assert quarantined_ids(hub_url) == []

        def teardown(self) -> None:
            try:
                # Once the connection is back, one push settles everything
                push(self.desk, hub_url)
                assert hub_ids(hub_url) == dict.fromkeys(self.recorded, 1)
                assert self.local_states() == dict.fromkeys(self.recorded, "acked")
            finally:
                self.desk.close()
                shutil.rmtree(self.root, ignore_errors=True)

    try:
        run_state_machine_as_test(
            DeskAndHub,
            settings=settings(
                max_examples=10,
                stateful_step_count=10,
                deadline=None,
                suppress_health_check=[HealthCheck.too_slow],
            ),
        )
    finally:
        admin.dispose()
