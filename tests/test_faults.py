"""Handoffs survive killed processes and two writers at once (each fault an automated test)."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import time
import uuid
from pathlib import Path

import pytest

from navigator.config import Settings
from navigator.desk.context import open_desk
from navigator.desk.record_handoff import make_draft, record_handoff

KILLS = 50
TIME_BUDGET_S = 50.0  # the whole kill loop stays under a minute even on a busy machine
FORK = multiprocessing.get_context("fork")


def _record_until_killed(db: str, settings: Settings, report_fd: int, opened: object) -> None:
    """Child: record handoffs in a loop; report each id only after record_handoff returned."""
    desk = open_desk(Path(db), settings=settings, load_demo=False)
    opened.set()  # type: ignore[attr-defined]
    while True:
        draft = make_draft(desk, kind="unmet", needs=("food",), note="kill test")
        saved = record_handoff(desk, draft)
        # 16 bytes < PIPE_BUF: each report arrives whole or not at all.
        os.write(report_fd, saved.id.bytes)


def _drain(read_fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(read_fd, 65536)
        except BlockingIOError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _stored_ids(db: Path) -> set[str]:
    with sqlite3.connect(db) as connection:
        handoffs = {row[0] for row in connection.execute("SELECT id FROM handoff")}
        outbox = {row[0] for row in connection.execute("SELECT record_id FROM outbox")}
    connection.close()
    assert handoffs == outbox, "every handoff has its outbox entry and no more"
    return handoffs


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    connection.close()
    return str(result)


@pytest.mark.slow
def test_handoffs_reported_saved_survive_sigkill_at_random_moments(
    db_path: Path, settings: Settings
) -> None:
    # Given a desk whose database already exists (kills hit recording, not the first start),
    # and one handoff recorded here first so every lazily imported module is loaded before
    # the fork: otherwise a child can spend its whole life compiling imports on a cold clone.
    warm = open_desk(db_path, settings=settings, load_demo=False)
    record_handoff(warm, make_draft(warm, kind="unmet", needs=("food",), note="warm-up"))
    warm.close()
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    read_fd, write_fd = os.pipe()
    os.set_blocking(read_fd, False)
    reported: set[str] = set()
    kills = 0
    started = time.monotonic()
    try:
        # ...when the recording process is killed at random moments, again and again,
        while kills < KILLS and time.monotonic() - started < TIME_BUDGET_S:
            opened = FORK.Event()
            child = FORK.Process(
                target=_record_until_killed, args=(str(db_path), settings, write_fd, opened)
            )
            child.start()
            # The kill lands while recording, counted from the desk being open: on a loaded
            # machine opening alone took longer than the whole window, and no handoff was
            # ever recorded (50 kills, 0 reported).
            opened.wait(timeout=10)
            time.sleep(rng.uniform(0.005, 0.15))
            assert child.pid is not None
            os.kill(child.pid, signal.SIGKILL)
            child.join()
            assert child.exitcode == -signal.SIGKILL, "the child died of the kill, not an error"
            kills += 1
            data = _drain(read_fd)
            reported |= {str(uuid.UUID(bytes=data[i : i + 16])) for i in range(0, len(data), 16)}
    finally:
        os.close(write_fd)
        os.close(read_fd)
    elapsed = time.monotonic() - started
    print(f"\nSIGKILL: {kills} kills in {elapsed:.1f} s (seed {seed}), {len(reported)} reported")
    # ...then every handoff reported as saved is there, and the file is sound.
    assert kills >= KILLS, f"only {kills} kills fit in {TIME_BUDGET_S} s"
    stored = _stored_ids(db_path)
    assert reported, "some handoffs were recorded between kills"
    assert reported <= stored
    assert _integrity(db_path) == "ok"


def _record_many(db: str, settings: Settings, start: object, count: int, fd: int) -> None:
    """Child: wait for the start signal, record `count` handoffs, report any error text."""
    desk = open_desk(Path(db), settings=settings, load_demo=False)
    start.wait()  # type: ignore[attr-defined]
    try:
        for i in range(count):
            draft = make_draft(desk, kind="unmet", needs=("housing",), note=f"writer {i}")
            saved = record_handoff(desk, draft)
            os.write(fd, saved.id.bytes)
    except Exception as error:  # what a volunteer would have been shown
        os.write(fd, b"ERROR:" + str(error).encode()[:200])
        os._exit(1)
    finally:
        desk.close()


@pytest.mark.slow
def test_two_processes_recording_at_once_both_keep_every_record(
    db_path: Path, settings: Settings
) -> None:
    open_desk(db_path, settings=settings, load_demo=False).close()
    per_writer = 150
    start = FORK.Event()
    pipes = [os.pipe() for _ in range(2)]
    writers = [
        FORK.Process(target=_record_many, args=(str(db_path), settings, start, per_writer, w))
        for _, w in pipes
    ]
    for writer in writers:
        writer.start()
    start.set()
    outputs = []
    for writer, (read_fd, write_fd) in zip(writers, pipes, strict=True):
        writer.join(timeout=60)
        os.close(write_fd)
        with os.fdopen(read_fd, "rb") as pipe:
            outputs.append(pipe.read())
    assert [w.exitcode for w in writers] == [0, 0], [o for o in outputs if b"ERROR:" in o]
    assert not any(b"locked" in out for out in outputs)
    reported = {
        str(uuid.UUID(bytes=out[i : i + 16])) for out in outputs for i in range(0, len(out), 16)
    }
    assert len(reported) == 2 * per_writer
    assert _stored_ids(db_path) == reported
    assert _integrity(db_path) == "ok"


def _first_start(db: str, settings: Settings) -> None:
    open_desk(Path(db), settings=settings).close()  # create, migrate, load the demo
    os._exit(0)


@pytest.mark.slow
def test_a_first_start_killed_at_any_moment_opens_cleanly_next_time(
    tmp_path: Path, settings: Settings
) -> None:
    rng = random.Random()
    for attempt in range(4):
        db = tmp_path / f"laptop-{attempt}" / "navigator.db"
        child = FORK.Process(target=_first_start, args=(str(db), settings))
        child.start()
        time.sleep(rng.uniform(0.0, 0.5))
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        desk = open_desk(db, settings=settings)
        try:
            assert len(desk.index) >= 120  # the demo catalogue, whole
        finally:
            desk.close()
        assert _integrity(db) == "ok"
