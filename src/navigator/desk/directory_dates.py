"""Whether the loaded directory dates its listings at all (Miami 211's export does not).

Where none is dated, "never verified" says nothing about one listing against another:
the desk says it once, in the status bar and on the slip, not on every row.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from navigator.desk.context import Desk
from navigator.search.index import SearchIndex

_DATED: WeakKeyDictionary[SearchIndex, bool] = WeakKeyDictionary()


def directory_is_dated(desk: Desk) -> bool:
    """True when any listing carries a verification date; worked out once per catalogue."""
    index = desk.index
    dated = _DATED.get(index)
    if dated is None:
        # The index's column of verification days (-1: none), not the listings themselves.
        dated = _DATED[index] = bool((index.data.verified >= 0).any())
    return dated
