"""Pushing to a real PostgreSQL hub: every record arrives exactly once, whatever goes wrong."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text, update
from sqlalchemy.engine import make_url

from navigator.desk.record_event import record_event
from navigator.desk.sync_with_hub import push
from navigator.errors import HubError
from navigator.hub.admin import create_hub
from navigator.sync.hub_schema import handoffs
from navigator.sync.push import PushHooks
from sync_helpers import hub_ids, laptop, quarantined_ids, record_unmet, states

pytestmark = pytest.mark.slow


@pytest.fixture
def hub(hub_url: str) -> str:
    create_hub(hub_url)
    return hub_url


def test_pushing_twice_sends_each_record_once(hub: str, tmp_path: Path) -> None:
    # Given a laptop with five handoffs and a follow-up on one of them
    desk = laptop(tmp_path, "site-a")
    ids = record_unmet(desk, 5)
    event = record_event(desk, ids[0], kind="follow_up", outcome="reached")
    # When it pushes twice
    first = push(desk, hub, batch_size=2)
    second = push(desk, hub)
    # Then the hub holds each record once and the laptop has nothing pending
    assert (first.sent, first.already, first.batches) == (6, 0, 3)
    assert (second.sent, second.already, second.batches) == (0, 0, 0)
    assert hub_ids(hub) == dict.fromkeys([*ids, str(event.id)], 1)
    assert states(desk) == {"acked": 6}
    desk.close()


def test_hub_not_set_up_or_unreachable_leaves_records_pending(hub_url: str, tmp_path: Path) -> None:
    desk = laptop(tmp_path, "site-a")
    record_unmet(desk, 2)
    with pytest.raises(HubError, match="hub init"):
        push(desk, hub_url)
    with pytest.raises(HubError, match="Cannot reach the hub"):
        push(desk, "postgresql://nobody@127.0.0.1:1/none")
    assert states(desk) == {"pending": 2}
    desk.close()


_KILLED_PUSH = """
import os, signal, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from sync_helpers import laptop
from navigator.desk.sync_with_hub import push
from navigator.sync.push import PushHooks

def die(batch, ids):
    if batch == 1:
        os.kill(os.getpid(), signal.SIGKILL)

desk = laptop(Path({root!r}), "site-a")
push(desk, {hub!r}, batch_size=3, hooks=PushHooks(after_hub_commit=die))
"""


def test_push_killed_between_hub_commit_and_local_ack_is_resent_harmlessly(
    hub: str, tmp_path: Path
) -> None:
    # Given seven pending handoffs
    desk = laptop(tmp_path, "site-a")
    ids = record_unmet(desk, 7)
    desk.close()
    # When the pushing process is SIGKILLed right after the hub commits its second batch
    script = _KILLED_PUSH.format(tests=str(Path(__file__).parent), root=str(tmp_path), hub=hub)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert run.returncode == -signal.SIGKILL, run.stderr.decode()
    # Then the first batch is acknowledged, the second is on the hub but still pending here
    desk = laptop(tmp_path, "site-a")
    assert states(desk) == {"acked": 3, "pending": 4}
    assert sum(hub_ids(hub).values()) == 6
    # And pushing again sends the rest, the hub ignoring what it already has
    again = push(desk, hub)
    assert (again.sent, again.already) == (1, 3)
    assert hub_ids(hub) == dict.fromkeys(ids, 1)
    assert states(desk) == {"acked": 7}
    desk.close()


def test_batch_failing_halfway_leaves_nothing_half_done(hub: str, tmp_path: Path) -> None:
    # Given five pending handoffs pushed in batches of two
    desk = laptop(tmp_path, "site-a")
    ids = record_unmet(desk, 5)

    def fail_second_batch(batch: int, _ids: list[str]) -> None:
        if batch == 1:
            raise ConnectionError("network dropped mid-batch")

    # When the second batch fails after its inserts but before the hub commits
    with pytest.raises(ConnectionError):
        push(desk, hub, batch_size=2, hooks=PushHooks(before_hub_commit=fail_second_batch))
    # Then the first batch is on the hub and acknowledged; the second left no trace
    assert hub_ids(hub) == dict.fromkeys(ids[:2], 1)
    assert states(desk) == {"acked": 2, "pending": 3}
    # And the next push completes the set
    assert push(desk, hub).sent == 3
    assert hub_ids(hub) == dict.fromkeys(ids, 1)
    desk.close()


def test_batch_refused_by_the_database_halfway_is_rolled_back_whole(
    hub: str, tmp_path: Path
) -> None:
    # Given five pending handoffs, and a hub that will reject the fourth one mid-insert
    desk = laptop(tmp_path, "site-a")
    ids = record_unmet(desk, 5)
    engine = create_engine(make_url(hub).set(drivername="postgresql+psycopg"))
    with engine.begin() as conn:
        conn.execute(text(f"ALTER TABLE handoffs ADD CONSTRAINT poison CHECK (id <> '{ids[3]}')"))
    # When the laptop pushes in batches of three
    with pytest.raises(HubError, match="refused a batch"):
        push(desk, hub, batch_size=3)
    # Then the first batch is in and acknowledged; of the second, nothing is on the hub
    assert hub_ids(hub) == dict.fromkeys(ids[:3], 1)
    assert states(desk) == {"acked": 3, "pending": 2}
    # And once the hub accepts it again, the next push completes the set exactly once
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE handoffs DROP CONSTRAINT poison"))
    engine.dispose()
    assert push(desk, hub).sent == 2
    assert hub_ids(hub) == dict.fromkeys(ids, 1)
    desk.close()


def test_two_laptops_pushing_at_once(hub: str, tmp_path: Path) -> None:
    # Given two laptops, each with its own handoffs
    desks = [laptop(tmp_path, "site-a"), laptop(tmp_path, "site-b")]
    ids = [record_unmet(d, 40) for d in desks]
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def push_from(index: int) -> None:
        try:
            start.wait()
            push(desks[index % 2], hub, batch_size=7)
        except BaseException as error:  # reported below
            errors.append(error)

    # When both push at the same moment, each twice over (two windows on one laptop)
    threads = [threading.Thread(target=push_from, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    # Then every record is on the hub exactly once and both laptops are settled
    assert not errors
    assert hub_ids(hub) == dict.fromkeys(ids[0] + ids[1], 1)
    for desk in desks:
        assert states(desk) == {"acked": 40}
        desk.close()


def test_same_id_with_another_payload_is_quarantined_and_reported(hub: str, tmp_path: Path) -> None:
    # Given a handoff already on the hub
    desk = laptop(tmp_path, "site-a")
    [first] = record_unmet(desk, 1)
    push(desk, hub)
    # ... whose hub copy differs (as if another laptop had sent a different record under its id)
    engine = create_engine(make_url(hub).set(drivername="postgresql+psycopg"))
    with engine.begin() as conn:
        conn.execute(update(handoffs).values(payload_hash="0" * 64))
    engine.dispose()
    with desk.session() as session, session.begin():
        from navigator.store.schema import OutboxRow

        session.get(OutboxRow, first).state = "pending"  # type: ignore[union-attr]
    # When the laptop pushes it again
    result = push(desk, hub)
    # Then the hub keeps its copy, holds the new one aside, and the push reports it
    assert result.quarantined == [first]
    assert quarantined_ids(hub) == [first]
    assert hub_ids(hub) == {first: 1}
    assert states(desk) == {"quarantined": 1}
    desk.close()


def test_push_reports_progress(hub: str, tmp_path: Path) -> None:
    desk = laptop(tmp_path, "site-a")
    record_unmet(desk, 5)
    seen: list[tuple[int, int]] = []
    push(desk, hub, batch_size=2, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 5), (4, 5), (5, 5)]
    desk.close()


def test_record_types_this_version_cannot_send_stay_pending(hub: str, tmp_path: Path) -> None:
    # Given a laptop whose outbox also holds a record of a type added by a later version
    from navigator.store.schema import OutboxRow

    desk = laptop(tmp_path, "site-a")
    [handoff_id] = record_unmet(desk, 1)
    with desk.session() as session, session.begin():
        session.add(OutboxRow(record_id="01999999-0000-7000-8000-000000000000", record_type="x"))
    # When it pushes, the handoff goes and the unknown record waits
    assert push(desk, hub).sent == 1
    assert hub_ids(hub) == {handoff_id: 1}
    assert states(desk) == {"acked": 1, "pending": 1}
    desk.close()


def test_listing_flags_travel_with_the_next_push(hub: str, tmp_path: Path) -> None:
    # Given a volunteer flagged a listing whose phone is dead
    from navigator.desk.flag_listing import flag_listing
    from navigator.desk.import_catalogue import load_demo_if_empty

    desk = laptop(tmp_path, "site-a")
    load_demo_if_empty(desk)
    service_id = desk.index.entries[0].listing.id
    flag = flag_listing(desk, service_id, "phone", note="number disconnected")
    # When the laptop pushes (twice)
    assert push(desk, hub).sent == 1
    assert push(desk, hub).sent == 0
    # Then the hub holds the flag once, with its reason for the directory's keepers
    engine = create_engine(make_url(hub).set(drivername="postgresql+psycopg"))
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT id, service_id, payload->>'reason', payload->>'note' FROM listing_flags")
        ).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [(str(flag.id), service_id, "phone", "number disconnected")]
    assert states(desk) == {"acked": 1}
    desk.close()
