"""Full garbage collections while the desk is idle, not in the middle of a keystroke.

Python's collector looks at every object of the process in a full collection: with the
app's widgets, caches and a city directory's results about, that took 30-60 ms, and it
came every few dozen keystrokes, in whichever keystroke was drawing at the time (the
slowest twentieth of keys to results on screen, measured with `navigator bench screen`).
While the app runs, a full collection comes automatically only ten times more rarely,
and the app runs one itself once no key has come for a second: typing has pauses.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

IDLE_SECONDS = 1.0
"""No key for this long: the volunteer is reading, a full collection goes unnoticed."""
RARER = 10
"""Automatic full collections this many times rarer than Python's default, meanwhile."""


class IdleCollector:
    """Moves full collections into pauses; `start` when the app is up, `stop` at exit."""

    def __init__(self, idle_for: Callable[[], float]) -> None:
        self._idle_for = idle_for  # seconds since the last key
        self._saved: tuple[int, int, int] | None = None
        self._collected = True  # nothing typed since the last collection

    def start(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, full = self._saved
            gc.set_threshold(young, middle, full * RARER)

    def stop(self) -> None:
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def typed(self) -> None:
        """A key came: there is new garbage to collect at the next pause."""
        self._collected = False

    def tick(self) -> None:
        """Called every second or so: collect if the desk has been idle long enough."""
        if not self._collected and self._idle_for() >= IDLE_SECONDS:
            gc.collect()
            self._collected = True
