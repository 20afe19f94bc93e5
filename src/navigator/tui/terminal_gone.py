"""The desk quits when its terminal goes: a closed window must not leave it running.

Two ways to learn that the terminal is gone, because either can be missing:

- a signal: SIGHUP on POSIX, SIGBREAK on Windows (where a console's close event arrives
  as SIGBREAK), and SIGTERM (a laptop shutting down). Only the signals the platform has
  are used: `signal.SIGHUP` does not exist on Windows.
- the terminal itself: once hung up, its descriptors answer EIO (or are closed). An app
  started under `make run`, or under any parent that outlives the hang-up, gets no SIGHUP
  at all, and Textual's input thread then reads end-of-file forever at two thirds of a
  core. A thread looks at the terminal each second instead.

Either way the app exits as Ctrl+Q would: nothing half-typed is saved (an unconfirmed form
lives only in memory) and every confirmed record is already committed to SQLite. Should
the shutdown itself hang on the dead terminal, the process ends a few seconds later.
Plain `signal.signal` handlers, not the event loop's: they run even while the loop is
stuck writing to a terminal that no longer reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from types import FrameType
from typing import Any

try:  # POSIX only
    import termios
except ImportError:  # pragma: no cover - Windows
    termios = None  # type: ignore[assignment]

SIGNAL_NAMES = ("SIGHUP", "SIGBREAK", "SIGTERM")
"""The signals that mean 'your terminal or session is going', where the platform has them."""
CHECK_SECONDS = 1.0
"""How often the terminal is looked at."""
GRACE_SECONDS = 5.0
"""How long a clean exit may take once the terminal is gone, before the process just ends."""
GONE = frozenset({errno.EIO, errno.EBADF, errno.ENXIO})
"""What a hung-up or closed terminal answers; ENOTTY (not a terminal at all) is not 'gone'."""


def hangup_signals(module: Any = signal) -> list[int]:
    """The terminal-going signals `module` has: no SIGHUP on Windows, no SIGBREAK on POSIX."""
    return [int(getattr(module, name)) for name in SIGNAL_NAMES if hasattr(module, name)]


def terminal_fds() -> list[int]:
    """The descriptors the app reads keys from and draws on (stdin, stdout, stderr)."""
    fds: list[int] = []
    for stream in (sys.__stdin__, sys.__stdout__, sys.__stderr__):
        try:
            if stream is not None:
                fds.append(stream.fileno())
        except (OSError, ValueError):  # closed, or replaced by something without a descriptor
            continue
    return fds


def _answers(fd: int) -> None:
    if termios is not None:
        try:
            termios.tcgetattr(fd)
        except termios.error as error:
            raise OSError(error.args[0], str(error)) from None
    else:  # pragma: no cover - Windows: a closed console is a closed descriptor
        os.fstat(fd)


def terminal_gone(fds: Iterable[int]) -> bool:
    """True when a descriptor the app needs is closed, or its terminal has hung up."""
    for fd in fds:
        try:
            _answers(fd)
        except OSError as error:
            if error.errno in GONE:
                return True
    return False


class TerminalWatch:
    """Calls `on_gone` once, on the event loop, when the terminal goes (signal or check)."""

    def __init__(
        self,
        on_gone: Callable[[], None],
        loop: asyncio.AbstractEventLoop,
        *,
        signals: Iterable[int] | None = None,
        fds: Iterable[int] | None = None,
        grace_seconds: float | None = GRACE_SECONDS,
    ) -> None:
        self._on_gone = on_gone
        self._loop = loop
        self._signals = list(hangup_signals() if signals is None else signals)
        self._fds = list(terminal_fds() if fds is None else fds)
        self._grace = grace_seconds
        self._previous: dict[int, Any] = {}
        self._stopped = threading.Event()
        self._went = threading.Event()
        self.installed: list[int] = []
        """The signals actually handled (a thread other than the main one can set none)."""

    def start(self) -> None:
        for number in self._signals:
            try:
                self._previous[number] = signal.signal(number, self._on_signal)
            except (OSError, ValueError, RuntimeError):  # not the main thread, or not allowed
                continue
            self.installed.append(number)
        threading.Thread(target=self._look, name="terminal-watch", daemon=True).start()

    def stop(self) -> None:
        """Stop looking and put the signals back as they were."""
        self._stopped.set()
        for number, previous in self._previous.items():
            try:
                signal.signal(number, previous)
            except (OSError, ValueError, RuntimeError, TypeError):
                continue
        self._previous.clear()

    def _on_signal(self, _signum: int, _frame: FrameType | None) -> None:
        self._gone()

    def _look(self) -> None:
        while not self._stopped.wait(CHECK_SECONDS):
            if terminal_gone(self._fds):
                self._gone()
                return

    def _gone(self) -> None:
        if self._went.is_set() or self._stopped.is_set():
            return
        self._went.set()
        if self._grace is not None:
            # Nobody will see the app again: a shutdown stuck on the dead terminal must not
            # keep the process, and the database file, open. Confirmed records are committed.
            timer = threading.Timer(self._grace, os._exit, args=(0,))
            timer.daemon = True
            timer.start()
        # RuntimeError: the loop has already closed, the app is ending anyway.
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._on_gone)
