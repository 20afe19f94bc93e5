"""Folders that exports, bundles and return files are written into (a USB stick, often)."""

from __future__ import annotations

from pathlib import Path

from navigator.errors import NavigatorError
from navigator.locations import ensure_private_dir


def prepare_output_folder(folder: Path) -> Path:
    """Create `folder` (0700) if missing; a file in its place or no permission is explained."""
    folder = folder.expanduser()
    if folder.exists() and not folder.is_dir():
        raise NavigatorError(f"{folder}: is a file; give a folder to write into.")
    try:
        ensure_private_dir(folder)
    except OSError as error:
        raise NavigatorError(f"{folder}: cannot create the folder ({error.strerror}).") from None
    return folder
