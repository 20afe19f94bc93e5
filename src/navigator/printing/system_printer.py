"""Sending plain text to the system printer through CUPS' `lp`, when the laptop has one."""

from __future__ import annotations

import os
import shutil
import subprocess

from navigator.errors import SlipError


def find_printer_command() -> str | None:
    """`NAVIGATOR_PRINTER` if set ('none' for no printer), else `lp` when installed (CUPS)."""
    chosen = os.environ.get("NAVIGATOR_PRINTER")
    if chosen is not None:
        return None if chosen.strip().lower() in {"", "none"} else chosen
    return shutil.which("lp")


def print_text(text: str, command: str, *, title: str = "Referral slip") -> None:
    """Queue `text` on the default printer; raises SlipError when `lp` refuses."""
    try:
        done = subprocess.run(
            [command, "-t", title],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SlipError(f"The printer command '{command}' could not run: {exc}") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
        raise SlipError(f"The printer did not take the slip: {reason}")
