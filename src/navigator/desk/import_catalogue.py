"""Loading a directory into the desk: read, check, and swap the catalogue in one transaction.

Records go in batches, as they are read, to a staging file beside the
database, so memory stays bounded whatever the directory's size; one short
write transaction then swaps them in. The desk keeps saving handoffs while
a long import reads, and a file that fails halfway changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from navigator.catalogue.demo import demo_catalogue_path
from navigator.catalogue.problems import ProblemLog
from navigator.catalogue.reader import Stage, read_catalogue, stream_catalogue
from navigator.domain.catalogue import Location, Organization, Service
from navigator.errors import NavigatorError
from navigator.store.catalogue_store import Progress, service_count
from navigator.store.catalogue_stream import CatalogueWriter

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
    indexing_s: float = 0.0
    """Seconds spent building the search index after the swap (0 when not built)."""


def import_catalogue(
    desk: Desk,
    path: Path,
    *,
    fmt: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    stage: Stage | None = None,
    index: bool = True,
) -> ImportReport:
    """Replace the catalogue with the one at `path`; nothing changes if it cannot be read.

    `stage` hears the name of each step while reading ("services", "needs",
    "saving", "indexing"); `progress` hears services saved so far (the total is
    not known until the end, so it is given as 0 until then). With `index`, the
    new catalogue's search index is built and saved too, so the first search
    after an import opens it instead of building it.
    """
    staging = CatalogueWriter(desk.engine, desk.db_path)
    try:
        writer = _ProgressWriter(staging, progress)
        result = stream_catalogue(path, writer, fmt, stage)
        if strict and result.problems.problems:
            first = result.problems.problems[0]
            raise NavigatorError(f"{first} (--strict stops at the first problem)")
        if stage:
            stage("saving")
        tally = result.tally
        version_id, locations = staging.swap_in(
            source=result.source,
            fmt=result.format,
            content_hash=result.content_hash,
            imported_at=desk.clock(),
            services=tally.services,
            organizations=result.organizations,
        )
    finally:
        staging.close()
    if progress:
        progress(tally.services, tally.services)
    desk.forget_index()
    indexing_s = 0.0
    if index:
        if stage:
            stage("indexing")
        started = time.perf_counter()
        # Built from the database a batch at a time and saved beside it, then mapped.
        desk.rebuild_index()
        indexing_s = time.perf_counter() - started
    return ImportReport(
        source=str(path),
        format=result.format,
        services=tally.services,
        organizations=result.organizations,
        locations=locations,
        services_with_needs=tally.services_with_needs,
        needs_from_text=result.needs_from_text,
        problems=result.problems,
        content_hash=result.content_hash,
        version=version_id,
        services_with_schedules=tally.services_with_schedules,
        hours_only_as_text=tally.hours_only_as_text,
        indexing_s=indexing_s,
    )


class _ProgressWriter:
    """The store's writer, telling `progress` how many services are saved so far."""

    def __init__(self, writer: CatalogueWriter, progress: Progress | None) -> None:
        self.writer = writer
        self.progress = progress
        self.saved = 0

    def write(
        self,
        organizations: Sequence[Organization],
        locations: Sequence[Location],
        services: Sequence[Service],
    ) -> None:
        self.writer.write(organizations, locations, services)
        self.saved += len(services)
        if self.progress:
            self.progress(self.saved, 0)


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
    report = import_catalogue(desk, demo, index=False)
    # A few hundred listings: indexed now, in the file's order as before, so the
    # first keystroke of a first start never waits for a load.
    desk.rebuild_index(read_catalogue(demo).catalogue)
    return report
