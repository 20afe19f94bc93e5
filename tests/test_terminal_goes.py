"""A closed terminal ends the app: no process left spinning, holding the database.

The real app runs in a pseudo-terminal, as a volunteer's terminal window would hold it.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from navigator.tui.terminal_gone import TerminalWatch, hangup_signals, terminal_gone

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
STARTED = b"Navigator"  # the header, drawn once the app is up
GENEROUS = 60.0  # seconds: a loaded, shared 2-core machine


class Terminal:
    """A pseudo-terminal whose screen output is drained (a full pty would block the app)."""

    def __init__(self) -> None:
        import pty

        self.master, self.slave = pty.openpty()
        self.output = bytearray()
        self.drawn = threading.Event()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk
            if STARTED in self.output:
                self.drawn.set()

    def close(self) -> None:
        """The window closes: the terminal hangs up."""
        if self.master >= 0:
            master, self.master = self.master, -1
            os.close(master)


def _start(db: Path, terminal: Terminal, shell_line: str | None = None) -> subprocess.Popen[bytes]:
    """The app (or a shell running it) as the session leader, with the pty as its terminal."""
    import fcntl
    import struct
    import termios

    fcntl.ioctl(terminal.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    app = [sys.executable, "-m", "navigator", "--db", str(db)]
    command = app if shell_line is None else ["sh", "-c", shell_line.format(app=" ".join(app))]
    env = {**os.environ, "TERM": "xterm-256color", "NAVIGATOR_SITE_ID": "site-test"}

    def take_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        command,
        stdin=terminal.slave,
        stdout=terminal.slave,
        stderr=terminal.slave,
        start_new_session=True,
        preexec_fn=take_terminal,
        env=env,
    )
    os.close(terminal.slave)
    return process


def _app_processes(db: Path) -> list[int]:
    """Pids of any process still running the app on `db`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"\0-m\0navigator\0--db\0" + str(db).encode() in cmdline:
                found.append(int(entry.name))
    return found


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    made = Terminal()
    yield made
    made.close()


def _database_is_whole(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        connection.execute("BEGIN IMMEDIATE")  # nobody holds the file any more
        connection.rollback()


@posix_only
def test_a_hangup_signal_ends_the_app_cleanly(tmp_path: Path, terminal: Terminal) -> None:
    # Given the app open in a terminal
    db = tmp_path / "desk.db"
    process = _start(db, terminal)
    try:
        assert terminal.drawn.wait(GENEROUS), "the app never drew its screen"
        # When the terminal sends it SIGHUP
        process.send_signal(signal.SIGHUP)
        # Then it exits as Ctrl+Q would: status 0, the terminal given back (alternate
        # screen left), the database whole and free
        assert process.wait(GENEROUS) == 0
        assert b"\x1b[?1049l" in terminal.output
        _database_is_whole(db)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@posix_only
def test_a_closed_terminal_ends_the_app_even_without_a_hangup_signal(
    tmp_path: Path, terminal: Terminal
) -> None:
    # Given the app started by a parent that outlives the hang-up and keeps the SIGHUP
    # (as `make run` does): the app itself never gets a signal
    db = tmp_path / "desk.db"
    shell = _start(db, terminal, "trap 'echo bye' HUP; {app}; true")
    try:
        assert terminal.drawn.wait(GENEROUS), "the app never drew its screen"
        assert len(_app_processes(db)) == 1
        # When the terminal window closes
        terminal.close()
        # Then the app notices its terminal is gone and exits
        shell.wait(GENEROUS)
        assert _app_processes(db) == []
        _database_is_whole(db)
    finally:
        for pid in _app_processes(db):
            os.kill(pid, signal.SIGKILL)
        if shell.poll() is None:
            shell.kill()
            shell.wait()


def test_only_the_signals_the_platform_has_are_used() -> None:
    # POSIX has SIGHUP and SIGTERM, no SIGBREAK
    posix = types.SimpleNamespace(SIGHUP=1, SIGTERM=15)
    assert hangup_signals(posix) == [1, 15]
    # Windows has no SIGHUP: its console close arrives as SIGBREAK
    windows = types.SimpleNamespace(SIGBREAK=21, SIGTERM=15, SIGINT=2)
    assert hangup_signals(windows) == [21, 15]
    assert signal.SIGTERM in hangup_signals()


@posix_only
async def test_a_windows_style_signal_reaches_the_app_through_the_fallback() -> None:
    # Given a watch over a signal chosen the way Windows' would be (SIGBREAK there,
    # a stand-in here), and a terminal that is still there
    import asyncio

    loop = asyncio.get_running_loop()
    gone = asyncio.Event()
    stand_in = types.SimpleNamespace(SIGBREAK=signal.SIGUSR1)
    watch = TerminalWatch(
        gone.set, loop, signals=hangup_signals(stand_in), fds=[], grace_seconds=None
    )
    watch.start()
    try:
        assert watch.installed == [signal.SIGUSR1]
        # When the signal arrives
        os.kill(os.getpid(), signal.SIGUSR1)
        # Then the app is told, on its event loop
        await asyncio.wait_for(gone.wait(), GENEROUS)
    finally:
        watch.stop()
    assert signal.getsignal(signal.SIGUSR1) is signal.SIG_DFL


@posix_only
def test_a_hung_up_terminal_reads_as_gone_and_a_live_one_does_not() -> None:
    import pty

    master, slave = pty.openpty()
    try:
        assert not terminal_gone([slave])
        os.close(master)  # the window closes: the slave side now answers EIO
        assert terminal_gone([slave])
    finally:
        os.close(slave)
    # A descriptor that was never a terminal (a pipe) is not a terminal that went
    read_end, write_end = os.pipe()
    try:
        assert not terminal_gone([read_end])
    finally:
        os.close(read_end)
        os.close(write_end)
