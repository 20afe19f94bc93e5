"""Loading a directory into the desk: read, check, and swap the catalogue in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from navigator.catalogue.demo import demo_catalogue_path
from navigator.catalogue.problems import ProblemLog
from navigator.catalogue.reader import Stage, read_catalogue
from navigator.errors import NavigatorError
from navigator.store.catalogue_store import Progress, replace_catalogue, service_count

if TYPE_CHECKING:
    # For annotations only: open_desk (desk/context.py) loads the demo through this
    # module on first start, so a runtime import back would make the two a cycle.
    from navigator.desk.context import Desk


@dataclass
class ImportReport:
    source: str
    format: str
    services: int
    organizations: int
    locations: int
    services_with_needs: int
    needs_from_text: int
    problems: ProblemLog
    content_hash: str
    version: int
    services_with_schedules: int = 0
    hours_only_as_text: int = 0


def import_catalogue(
    desk: Desk,
    path: Path,
    *,
    fmt: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    stage: Stage | None = None,
) -> ImportReport:
    """Replace the catalogue with the one at `path`; nothing changes if it cannot be read.

    `stage` hears the name of each step while reading ("services", "needs",
    "saving"); `progress` hears services saved out of the total.
    """
    result = read_catalogue(path, fmt, stage)
    if strict and result.problems.problems:
        first = result.problems.problems[0]
        raise NavigatorError(f"{first} (--strict stops at the first problem)")
    catalogue = result.catalogue
    if stage:
        stage("saving")
    with desk.session() as session, session.begin():
        version = replace_catalogue(
            session,
            catalogue,
            content_hash=result.content_hash,
            imported_at=desk.clock(),
            progress=progress,
        )
        version_id = version.id
    report = ImportReport(
        source=str(path),
        format=catalogue.format,
        services=len(catalogue.services),
        organizations=len(catalogue.organizations),
        locations=len(catalogue.locations),
        services_with_needs=sum(1 for s in catalogue.services if s.needs),
        needs_from_text=result.needs_from_text,
        problems=result.problems,
        content_hash=result.content_hash,
        version=version_id,
        services_with_schedules=sum(1 for s in catalogue.services if s.schedules),
        hours_only_as_text=sum(1 for s in catalogue.services if s.hours_text and not s.schedules),
    )
    if stage:
        stage("indexing")
    # Index the catalogue just saved rather than reading it back: a large directory
    # would otherwise be held in memory twice and take as long again to load.
    desk.rebuild_index(catalogue)
    return report


def load_demo_if_empty(desk: Desk) -> ImportReport | None:
    """First start: an empty database gets the bundled demo catalogue."""
    with desk.session() as session:
        if service_count(session) > 0:
            return None
    demo = demo_catalogue_path()
    if not demo.exists():
        raise NavigatorError(
            f"The demo catalogue is missing ({demo}).",
            hint="Run Navigator from its source folder, or import a catalogue first.",
        )
    return import_catalogue(desk, demo)
