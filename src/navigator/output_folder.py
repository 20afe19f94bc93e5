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


def path_in_folder(folder: Path, file_name: str) -> Path:
    """`folder / file_name`, refused unless it names a plain file directly inside `folder`."""
    candidate = folder / file_name
    if (
        Path(file_name).name != file_name
        or file_name in {"", ".", ".."}
        or candidate.resolve().parent != folder.resolve()
    ):
        raise NavigatorError(f"'{file_name[:80]}' is not a plain file name; nothing was written.")
    return candidate
