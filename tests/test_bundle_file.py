"""A bundle damaged anywhere on the stick is refused, or reads back exactly as written."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from navigator.desk.context import Desk
from navigator.desk.record_event import record_event
from navigator.desk.record_handoff import make_draft, record_handoff
from navigator.errors import BundleError
from navigator.security.signing import new_signing_key
from navigator.store.outbox_store import pending_records
from navigator.sync.bundle import make_bundle, read_bundle, write_json
from navigator.sync.push import load_records


@pytest.fixture(scope="module")
def bundle_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from conftest import fixed_clock
    from navigator.config import Settings
    from navigator.desk.context import open_desk

    root = tmp_path_factory.mktemp("bundle")
    settings = Settings(site_id="site-a", timezone="America/New_York")
    desk: Desk = open_desk(root / "d.db", settings=settings, clock=fixed_clock, load_demo=False)
    first = record_handoff(desk, make_draft(desk, kind="unmet", needs=("food",), note="café"))
    record_handoff(desk, make_draft(desk, kind="unmet", needs=("legal",), client_ref="B-12"))
    record_event(desk, str(first.id), kind="follow_up", outcome="reached")
    with desk.session() as session:
        records = [k.envelope(m) for k, m in load_records(session, pending_records(session))]
    desk.close()
    bundle = make_bundle(
        records,
        bundle_id="b-1",
        site_id="site-a",
        site_name="A",
        now=datetime.now(UTC),
        signing_key=new_signing_key()[1],
    )
    path = root / "bundle.json"
    write_json(path, bundle)
    return path.read_bytes()


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_single_byte_change_is_refused_or_harmless(
    bundle_bytes: bytes, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    original = read_bundle(_write(tmp_path_factory, bundle_bytes))
    position = data.draw(st.integers(0, len(bundle_bytes) - 1))
    new_byte = data.draw(st.integers(0, 255).filter(lambda b: b != bundle_bytes[position]))
    damaged = bundle_bytes[:position] + bytes([new_byte]) + bundle_bytes[position + 1 :]
    try:
        read = read_bundle(_write(tmp_path_factory, damaged))
    except BundleError:
        return
    # Only a change JSON ignores (such as whitespace) may pass, and then nothing differs
    assert read.records == original.records
    assert read.manifest == original.manifest


def _write(factory: pytest.TempPathFactory, data: bytes) -> Path:
    path = factory.getbasetemp() / "candidate.json"
    path.write_bytes(data)
    return path
