"""Reading a directory from disk in whichever supported format it is."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from navigator.catalogue.builder import CatalogueBuilder, CatalogueHasher, CatalogueSink, Tally
from navigator.catalogue.cleaning import forget_name_words
from navigator.catalogue.flat_csv import FORMAT as FLAT_CSV
from navigator.catalogue.flat_csv import read_flat_csv
from navigator.catalogue.hsds3_json import FORMAT as HSDS3_JSON
from navigator.catalogue.hsds3_json import read_hsds3_json
from navigator.catalogue.hsds_tabular import (
    FORMAT_LEGACY,
    FORMAT_V3,
    Stage,
    is_tabular_package,
    read_hsds_tabular,
    tabular_version,
)
from navigator.catalogue.problems import ProblemLog
from navigator.domain.catalogue import Catalogue
from navigator.errors import CatalogueFormatError

FORMATS = (HSDS3_JSON, FORMAT_V3, FORMAT_LEGACY, FLAT_CSV)


__all__ = [
    "FORMATS",
    "ReadResult",
    "Stage",
    "StreamResult",
    "detect_format",
    "read_catalogue",
    "stream_catalogue",
]


@dataclass
class ReadResult:
    """A catalogue read from disk, with what had to be skipped and why."""

    catalogue: Catalogue
    problems: ProblemLog
    needs_from_text: int

    @cached_property
    def content_hash(self) -> str:
        return catalogue_hash(self.catalogue)


@dataclass
class StreamResult:
    """A catalogue sent to a sink as it was read: what was sent, and what was skipped."""

    source: str
    format: str
    organizations: int
    tally: Tally
    problems: ProblemLog
    needs_from_text: int
    content_hash: str


def catalogue_hash(catalogue: Catalogue) -> str:
    """SHA-256 of the catalogue's content (not where it came from), record by record.

    Hashing each record in turn rather than one JSON document of the whole
    catalogue keeps a 100,000-service directory from needing a second copy
    of itself, as text, in memory. A streamed import gets the same hash.
    """
    hasher = CatalogueHasher(catalogue.format)
    for organization in catalogue.organizations:
        hasher.add_organization(organization)
    for location in catalogue.locations:
        hasher.add_location(location)
    for service in catalogue.services:
        hasher.add_service(service)
    return hasher.hexdigest()


def detect_format(path: Path) -> str:
    """The format of `path`, from its name and, for packages, the tables it holds."""
    if not path.exists():
        raise CatalogueFormatError("no such file or folder", path=path)
    if is_tabular_package(path):
        return tabular_version(path, CatalogueBuilder(source=str(path), fmt=""))
    if path.is_file() and path.suffix.lower() == ".json":
        return HSDS3_JSON
    if path.is_file() and path.suffix.lower() in {".csv", ".txt"}:
        return FLAT_CSV
    raise CatalogueFormatError(
        "not a catalogue Navigator can read",
        path=path,
        hint="Give an HSDS 3.0 JSON file (.json), an HSDS tabular package folder "
        "(with services.csv), or a one-row-per-service spreadsheet saved as .csv.",
    )


def _checked_format(path: Path, fmt: str | None) -> str:
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise CatalogueFormatError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    if not path.exists():
        raise CatalogueFormatError("no such file or folder", path=path)
    return fmt


def _read_into(builder: CatalogueBuilder, path: Path, fmt: str, stage: Stage | None) -> None:
    if fmt == HSDS3_JSON:
        if path.is_dir():
            raise CatalogueFormatError("a folder, not an HSDS 3.0 JSON file", path=path)
        read_hsds3_json(path, builder)
    elif fmt == FLAT_CSV:
        read_flat_csv(path, builder)
    else:
        read_hsds_tabular(path, builder, stage)


def read_catalogue(path: Path, fmt: str | None = None, stage: Stage | None = None) -> ReadResult:
    """Read `path` into a catalogue. Raises CatalogueFormatError when nothing can be read."""
    fmt = _checked_format(path, fmt)
    builder = CatalogueBuilder(source=str(path), fmt=fmt)
    _read_into(builder, path, fmt, stage)
    if stage:
        stage("needs")
    catalogue = builder.build()
    if not catalogue.services:
        raise CatalogueFormatError(
            f"no usable services found ({len(builder.problems)} problems)", path=path
        )
    return ReadResult(catalogue, builder.problems, builder.needs_from_text)


def stream_catalogue(
    path: Path, sink: CatalogueSink, fmt: str | None = None, stage: Stage | None = None
) -> StreamResult:
    """Read `path` and send its records to `sink` in batches as they are read.

    Raises CatalogueFormatError when nothing can be read; the sink may by then
    have had some batches, so it must write inside a transaction the caller
    rolls back.
    """
    fmt = _checked_format(path, fmt)
    builder = CatalogueBuilder(source=str(path), fmt=fmt, sink=sink)
    try:
        _read_into(builder, path, fmt, stage)
    finally:
        forget_name_words()
    content_hash = builder.finish()
    if not builder.tally.services:
        raise CatalogueFormatError(
            f"no usable services found ({len(builder.problems)} problems)", path=path
        )
    return StreamResult(
        source=str(path),
        format=fmt,
        organizations=len(builder.organizations()),
        tally=builder.tally,
        problems=builder.problems,
        needs_from_text=builder.needs_from_text,
        content_hash=content_hash,
    )
