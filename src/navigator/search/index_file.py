"""The search index as one file beside the database, memory-mapped back in milliseconds.

Whatever the index keeps is saved by kind, not by name, so a new column needs no code
here: a numpy array as it is; a mapping of words to arrays (postings, per-need columns)
as its sorted words, one concatenated array and offsets; a list of strings as one UTF-8
blob and offsets. Opening maps the file (`np.memmap`) and builds nothing but the word
lists, so a process that answers one query pays for the pages it reads.

Layout: MAGIC, the header's length (8 bytes, little-endian), the header (JSON: format,
the stamp the caller gave, each column's kind, each raw array's dtype, shape and
offset, the file's length and a CRC-32 of the data), then the raw arrays, each aligned
to 64 bytes. The stamp says which catalogue, lexicon and code the index was built
from; a file whose stamp, format or length differ, or whose data fails the CRC, is
`None` to `open_index_file` and the caller rebuilds it.
"""

from __future__ import annotations

import itertools
import json
import zlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, overload

import numpy as np
import numpy.typing as npt

from navigator.atomic_file import atomic_writer

MAGIC = b"NAVIDX\x00\x01"
FORMAT = 1  # bump when the layout (not the columns) changes
ALIGN = 64
CRC_CHUNK = 1 << 22
KINDS = frozenset("biuf")  # booleans and numbers, kept little-endian


def _storable(dtype: np.dtype[Any]) -> bool:
    return dtype.kind in KINDS and dtype.byteorder in "<|=" and dtype.itemsize <= 8


Array = npt.NDArray[Any]


class Texts(Sequence[str]):
    """Strings kept as one UTF-8 blob and offsets; each decoded when asked for."""

    def __init__(self, blob: Array, offsets: Array) -> None:
        self.blob, self.offsets = blob, offsets
        self._bytes = blob.view(np.uint8).data if blob.size else memoryview(b"")

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        start, end = self.offsets[i : i + 2].tolist()
        return str(self._bytes[start:end], "utf-8")

    def to_list(self) -> list[str]:
        """Every string at once: one decode and a slice each."""
        ends = self.offsets.tolist()
        data = bytes(self._bytes)
        if data.isascii():
            text = data.decode("ascii")
            return [text[a:b] for a, b in itertools.pairwise(ends)]
        return [data[a:b].decode("utf-8") for a, b in itertools.pairwise(ends)]


class Postings(Mapping[str, Array]):
    """Sorted words -> slices of one concatenated array, as a read-only mapping."""

    def __init__(self, keys: list[str], offsets: Array, values: Array) -> None:
        self.keys_list, self.offsets, self.flat = keys, offsets, values
        self._position = {key: i for i, key in enumerate(keys)}

    def __getitem__(self, key: str) -> Array:
        position = self._position[key]
        start, end = self.offsets[position : position + 2].tolist()
        return self.flat[start:end]

    def __contains__(self, key: object) -> bool:
        return key in self._position

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_list)

    def __len__(self) -> int:
        return len(self.keys_list)


def _texts_arrays(values: Sequence[str]) -> tuple[Array, Array]:
    encoded = [v.encode("utf-8") for v in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def _raw_arrays(columns: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, Array]]:
    """Each column's kind, and the raw arrays that hold it."""
    kinds: dict[str, str] = {}
    raw: dict[str, Array] = {}
    for name, value in sorted(columns.items()):
        if isinstance(value, np.ndarray):
            kinds[name] = "array"
            raw[name] = value
        elif isinstance(value, Mapping) and all(
            isinstance(k, str) and isinstance(v, np.ndarray) for k, v in value.items()
        ):
            keys = sorted(value)
            parts = [np.asarray(value[k]) for k in keys]
            dtype = parts[0].dtype if parts else np.dtype(np.int32)
            lengths = [len(p) for p in parts]
            offsets = np.zeros(len(keys) + 1, dtype=np.int64)
            np.cumsum(lengths, out=offsets[1:])
            kinds[name] = "postings"
            raw[f"{name}.keys"], raw[f"{name}.keys.offsets"] = _texts_arrays(keys)
            raw[f"{name}.offsets"] = offsets
            raw[f"{name}.values"] = np.concatenate(parts) if parts else np.zeros(0, dtype)
        elif isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
            kinds[name] = "texts"
            raw[f"{name}.blob"], raw[f"{name}.offsets"] = _texts_arrays(value)
        else:
            raise TypeError(
                f"index column {name!r} is a {type(value).__name__}: keep numpy arrays, "
                "mappings of str to arrays or lists of str (or name it _private)"
            )
    return kinds, raw


def _aligned(size: int) -> int:
    return -(-size // ALIGN) * ALIGN


def save_index_file(path: Path, columns: Mapping[str, Any], stamp: Mapping[str, Any]) -> None:
    """Write `columns` (see the module docstring) with `stamp`, replacing `path` atomically."""
    kinds, raw = _raw_arrays(columns)
    specs: dict[str, tuple[str, list[int], int]] = {}
    offset = 0
    for name, array in raw.items():
        array = np.ascontiguousarray(array)
        dtype = array.dtype.newbyteorder("<") if array.dtype.byteorder == ">" else array.dtype
        raw[name] = array.astype(dtype, copy=False)
        if not _storable(dtype):
            raise TypeError(f"index column {name!r} has dtype {dtype.str}: keep numbers")
        specs[name] = (dtype.str, list(array.shape), offset)
        offset = _aligned(offset + array.nbytes)
    crc = 0
    for array in raw.values():
        crc = zlib.crc32(_bytes_of(array), crc)
        crc = zlib.crc32(bytes(_aligned(array.nbytes) - array.nbytes), crc)
    header = json.dumps(
        {
            "format": FORMAT,
            "stamp": dict(stamp),
            "kinds": kinds,
            "arrays": specs,
            "data_bytes": offset,
            "crc32": crc,
        },
        sort_keys=True,
    ).encode("utf-8")
    start = _aligned(len(MAGIC) + 8 + len(header))
    with atomic_writer(path) as handle:
        handle.write(MAGIC + len(header).to_bytes(8, "little") + header)
        handle.write(bytes(start - len(MAGIC) - 8 - len(header)))
        for array in raw.values():
            handle.write(_bytes_of(array))
            handle.write(bytes(_aligned(array.nbytes) - array.nbytes))


def _bytes_of(array: Array) -> memoryview:
    """A contiguous array's bytes, without copying them (`tobytes` would, for each array
    twice: the CRC and the write)."""
    return array.reshape(-1).view(np.uint8).data


def _read_header(handle: BinaryIO) -> dict[str, Any] | None:
    lead = handle.read(len(MAGIC) + 8)
    if len(lead) != len(MAGIC) + 8 or lead[: len(MAGIC)] != MAGIC:
        return None
    size = int.from_bytes(lead[len(MAGIC) :], "little")
    if size > 1 << 24:
        return None
    body = handle.read(size)
    try:
        header = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(header, dict):
        return None
    header["_start"] = _aligned(len(MAGIC) + 8 + size)
    return header


def _data_crc(handle: BinaryIO, start: int, size: int) -> int:
    handle.seek(start)
    crc = 0
    left = size
    while left > 0:
        chunk = handle.read(min(CRC_CHUNK, left))
        if not chunk:
            break
        crc = zlib.crc32(chunk, crc)
        left -= len(chunk)
    return crc


def open_index_file(
    path: Path, stamp: Mapping[str, Any], *, check_data: bool = True
) -> dict[str, Any] | None:
    """The columns saved at `path`, memory-mapped; None when the file is missing, damaged,
    of another format or made for another stamp (another catalogue, lexicon or code)."""
    try:
        with path.open("rb") as handle:
            header = _read_header(handle)
            if header is None or header.get("format") != FORMAT:
                return None
            if header.get("stamp") != json.loads(json.dumps(dict(stamp))):
                return None
            start, size = int(header["_start"]), int(header["data_bytes"])
            handle.seek(0, 2)
            if handle.tell() != start + size:
                return None
            if check_data and _data_crc(handle, start, size) != header["crc32"]:
                return None
        return _columns(path, header, start, size)
    except (OSError, KeyError, TypeError, ValueError):
        return None


def _columns(path: Path, header: dict[str, Any], start: int, size: int) -> dict[str, Any]:
    mapped = np.memmap(path, dtype=np.uint8, mode="r") if start + size > 0 else None
    raw: dict[str, Array] = {}
    for name, (dtype_text, shape, offset) in header["arrays"].items():
        dtype = np.dtype(dtype_text)
        if not _storable(dtype):
            raise ValueError(dtype_text)
        count = int(np.prod(shape, dtype=np.int64))
        nbytes = count * dtype.itemsize
        if offset < 0 or offset + nbytes > size or (mapped is None and nbytes):
            raise ValueError(name)
        if nbytes == 0:
            raw[name] = np.zeros(shape, dtype=dtype)
            continue
        assert mapped is not None
        part = mapped[start + offset : start + offset + nbytes]
        raw[name] = np.ndarray(shape, dtype=dtype, buffer=part)
    columns: dict[str, Any] = {}
    for name, kind in header["kinds"].items():
        if kind == "array":
            columns[name] = raw[name]
        elif kind == "texts":
            columns[name] = _texts(raw[f"{name}.blob"], raw[f"{name}.offsets"])
        elif kind == "postings":
            keys = _texts(raw[f"{name}.keys"], raw[f"{name}.keys.offsets"]).to_list()
            offsets, values = raw[f"{name}.offsets"], raw[f"{name}.values"]
            if len(offsets) != len(keys) + 1 or (len(keys) and offsets[-1] != len(values)):
                raise ValueError(name)
            columns[name] = Postings(keys, offsets, values)
        else:
            raise ValueError(kind)
    return columns


def _texts(blob: Array, offsets: Array) -> Texts:
    if len(offsets) == 0 or int(offsets[0]) != 0 or int(offsets[-1]) != len(blob):
        raise ValueError("texts")
    return Texts(blob, offsets)
