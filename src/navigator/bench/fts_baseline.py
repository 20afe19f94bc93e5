"""A plain SQLite FTS5 bm25 search over the same text, the yardstick for our ranking.

It is what a team would get "for free" from the database: no need lexicon, no typo
correction, no hours or distance. Benchmarks run it beside the index so a gain is
a ratio measured on the same machine, in the same run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from navigator.domain.catalogue import Listing
from navigator.domain.needs import NeedLexicon
from navigator.domain.text import words
from navigator.search.listing_text import listing_text


class FtsBaseline:
    """An in-memory FTS5 table with one row per service."""

    def __init__(self, listings: Iterable[Listing], lexicon: NeedLexicon) -> None:
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute(
            "CREATE VIRTUAL TABLE doc USING fts5(id UNINDEXED, body,"
            " tokenize = 'unicode61 remove_diacritics 2')"
        )
        self.db.executemany(
            "INSERT INTO doc (id, body) VALUES (?, ?)",
            ((item.id, listing_text(item, lexicon)) for item in listings),
        )
        self.db.commit()

    def search(self, text: str, *, limit: int = 50, prefix_last: bool = False) -> list[str]:
        """Service ids best first: any query word may match (OR), ranked by bm25.

        `prefix_last` makes the last word a prefix query, as a search-as-you-type box would.
        """
        tokens = [t.replace('"', "") for t in words(text)]
        tokens = [t for t in tokens if t]
        if not tokens:
            return []
        terms = [f'"{t}"' for t in tokens]
        if prefix_last and not text[-1:].isspace():
            terms[-1] += "*"
        rows = self.db.execute(
            "SELECT id FROM doc WHERE doc MATCH ? ORDER BY bm25(doc) LIMIT ?",
            (" OR ".join(terms), limit),
        )
        return [row[0] for row in rows]

    def close(self) -> None:
        self.db.close()
