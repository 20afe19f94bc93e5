"""Long id lists cut into chunks that stay below SQLite's bound-parameter limit."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

# SQLite allows 999 bound parameters per statement in older builds; 500 leaves room
# for the other parameters of the same query.
CHUNK_SIZE = 500


def chunked(items: Iterable[T], size: int = CHUNK_SIZE) -> Iterator[list[T]]:
    """Successive lists of at most `size` items, in order; nothing for an empty input."""
    if size < 1:
        raise ValueError("chunk size must be at least 1")
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
