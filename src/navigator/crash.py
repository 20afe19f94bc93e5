"""Unexpected errors: a short message for the person at the desk, a report without locals.

A traceback that prints local variables (rich's and Textual's default) would
put a client's note or reference on the screen and into scroll-back. Here the
report holds only the stack (file, line, function) and the error's type.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from navigator.locations import data_dir, ensure_private_dir


def crash_report(exc: BaseException) -> str:
    """The stack of `exc` without locals and without its message (which may quote client data)."""
    summary = traceback.extract_tb(exc.__traceback__, limit=None)
    lines = traceback.format_list(summary)
    return "".join(lines) + f"{type(exc).__module__}.{type(exc).__qualname__}\n"


def write_crash_report(exc: BaseException, folder: Path | None = None) -> Path | None:
    """Write the report to a private file in the data folder; None if that fails too."""
    try:
        target_dir = folder or data_dir()
        ensure_private_dir(target_dir)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        path = target_dir / f"crash-{stamp}-{os.getpid()}.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(crash_report(exc))
        return path
    except OSError:
        return None


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook for the command line: a message, never a traceback with locals."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.stderr.write("Stopped.\n")
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    report = write_crash_report(exc)
    sys.stderr.write(
        f"Navigator stopped on an unexpected error ({exc_type.__name__}).\n"
        "  Handoffs already confirmed are saved. Start Navigator again.\n"
    )
    if report is not None:
        sys.stderr.write(f"  A report without client data is in {report}\n")


def install() -> None:
    sys.excepthook = excepthook
