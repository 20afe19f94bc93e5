"""A rich progress bar on stderr for long imports (stdout stays clean for --json)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

Stage = Callable[[str], None]
Saved = Callable[[int, int], None]


@contextmanager
def import_progress() -> Iterator[tuple[Stage, Saved]]:
    """Callbacks for import_catalogue that drive one progress bar."""
    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description:<22}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("reading", total=None)

        def stage(name: str) -> None:
            bar.update(task, description=name)

        def saved(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)  # 0: not known yet

        yield stage, saved
