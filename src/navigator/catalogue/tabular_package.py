"""Finding and reading the CSV tables of an Open Referral tabular data package.

A package is a folder of CSVs, usually with a `datapackage.json` naming them.
The descriptor often lists tables that were never exported: that is normal,
and a missing table simply has no rows.
"""

from __future__ import annotations

import codecs
import csv
import json
import sys
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from navigator.catalogue.builder import CatalogueBuilder
from navigator.catalogue.row_models import RowPlan
from navigator.errors import CatalogueFormatError, validation_problem

M = TypeVar("M", bound=BaseModel)

# Descriptions in real exports run to tens of kilobytes in one cell.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def package_root(path: Path) -> Path:
    """The folder of a package given as the folder or as its datapackage.json."""
    return path.parent if path.is_file() else path


class TabularPackage:
    """The tables of one package, found by file name wherever the descriptor put them."""

    def __init__(self, path: Path, builder: CatalogueBuilder) -> None:
        self.root = package_root(path)
        self.builder = builder
        self.descriptor = self._descriptor()
        self._files = self._find_files()

    def _descriptor(self) -> dict[str, Any]:
        file = self.root / "datapackage.json"
        if not file.exists():
            return {}
        try:
            document = json.loads(file.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.builder.problem(
                file.name, None, None, f"unreadable descriptor, tables found by name ({exc})",
                skipped="nothing",
            )  # fmt: skip
            return {}
        return document if isinstance(document, dict) else {}

    def _find_files(self) -> dict[str, Path]:
        files: dict[str, Path] = {}
        for folder in (self.root, self.root / "data"):
            if folder.is_dir():
                for csv_file in sorted(folder.glob("*.csv")):
                    files.setdefault(csv_file.name.lower(), csv_file)
        for resource in self.descriptor.get("resources") or []:
            if isinstance(resource, dict) and isinstance(resource.get("path"), str):
                candidate = self.root / resource["path"]
                if candidate.is_file() and candidate.suffix.lower() == ".csv":
                    files[candidate.name.lower()] = candidate
        return files

    def has(self, *names: str) -> bool:
        return any(name in self._files for name in names)

    def first(self, *names: str) -> str | None:
        """The first of `names` present in the package (HSDS renamed tables between versions)."""
        return next((name for name in names if name in self._files), None)

    def header(self, name: str) -> list[str]:
        for _row, _record, fields in self._read(name):
            return fields
        return []

    def rows(self, name: str | None) -> Iterator[tuple[int, dict[str, str]]]:
        """(spreadsheet row number, record) for each data row; header is row 1."""
        if name is None or name not in self._files:
            return
        for row, record, _fields in self._read(name):
            yield row, record

    def cells(self, name: str | None) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
        """The lower-cased header and (spreadsheet row number, cells) of each data row."""
        if name is None or name not in self._files:
            return [], iter(())
        header, rows = read_csv_rows(self._files[name], self.builder)
        return [f.lower() for f in header], rows

    def _read(self, name: str) -> Iterator[tuple[int, dict[str, str], list[str]]]:
        header, rows = read_csv_rows(self._files[name], self.builder)
        fields = [f.lower() for f in header]
        for row, values in rows:
            yield row, dict(zip(fields, values, strict=False)), fields


def _encoding_of(path: Path, builder: CatalogueBuilder) -> str:
    """UTF-8, or Windows-1252 for sheets saved that way; checked in chunks to spare memory."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            first = handle.read(4096)
            if b"\x00" in first:
                raise CatalogueFormatError("not a CSV text file (binary content)", path=path)
            chunk = first
            while chunk:
                decoder.decode(chunk)
                chunk = handle.read(1 << 20)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        # Spreadsheets saved on Windows; ftfy in cleaning repairs what this misreads.
        builder.problem(path.name, None, None, "not UTF-8; read as Windows-1252", skipped="nothing")
        return "cp1252"
    except OSError as exc:
        raise CatalogueFormatError(f"cannot read the file ({exc.strerror})", path=path) from exc
    return "utf-8-sig"


def read_csv_rows(
    path: Path, builder: CatalogueBuilder
) -> tuple[list[str], Generator[tuple[int, list[str]], None, None]]:
    """The header and (spreadsheet row number, cells) of each non-blank row of a CSV file.

    Rows are read from the file as they are asked for, so a large table is never
    held in memory whole.
    """
    encoding = _encoding_of(path, builder)
    try:
        handle = path.open(encoding=encoding, errors="replace", newline="")
    except OSError as exc:
        raise CatalogueFormatError(f"cannot read the file ({exc.strerror})", path=path) from exc
    reader = csv.reader(handle)
    try:
        header = [f.strip() for f in next(reader, [])]
    except csv.Error as exc:
        handle.close()
        raise CatalogueFormatError(f"not a readable CSV ({exc})", path=path) from exc

    def rows() -> Generator[tuple[int, list[str]], None, None]:
        try:
            yield 1, header  # primes the generator, so dropping it unread still closes the file
            if not any(header):
                return
            for row, values in enumerate(reader, start=2):
                if not values or not "".join(values).strip():  # one C call, not one per cell
                    continue
                if len(values) > len(header):
                    builder.problem(path.name, row, None,
                                    "more cells than the header has columns; extra cells ignored",
                                    skipped="value")  # fmt: skip
                yield row, values
        except csv.Error as exc:
            raise CatalogueFormatError(f"not a readable CSV ({exc})", path=path) from exc
        finally:
            handle.close()

    remaining = rows()
    next(remaining)
    return header, remaining


class TableReader:
    """A package's tables read row by row into pydantic models; bad rows become problems."""

    def __init__(self, path: Path, builder: CatalogueBuilder) -> None:
        self.package = TabularPackage(path, builder)
        self.builder = builder
        self.shared: dict[str, str] = {}  # one copy of each short cell, across tables
        if not self.package.has("services.csv"):
            raise CatalogueFormatError(
                "not an HSDS tabular package (no services.csv)",
                path=path,
                hint="Give the folder that holds services.csv, or its datapackage.json.",
            )

    def parsed(self, name: str | None, model: type[M]) -> Iterator[tuple[int, M]]:
        header, rows = self.package.cells(name)
        plan = RowPlan(model, header, self.shared)
        for row, values in rows:
            fast = plan.build(values)
            if fast is not None:
                yield row, fast  # type: ignore[misc]  # built from `model`
                continue
            try:
                cells = {
                    key: value.strip() or None for key, value in zip(header, values, strict=False)
                }
                yield row, model.model_validate(cells)
            except ValidationError as exc:
                field, message = validation_problem(exc)
                self.builder.problem(name or "", row, field, message)
