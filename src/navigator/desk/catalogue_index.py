"""The search index of the stored catalogue: opened from its file beside the database, or
made again (and saved) when the catalogue, the lexicon or the index code changed.

A process that answers one query maps the file and reads the few listings it shows
from SQLite, so `navigator search` costs about the same at 100,000 services as at 4,000.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from navigator.atomic_file import FileWriteError
from navigator.domain import catalogue, text
from navigator.domain.catalogue import Listing
from navigator.domain.needs import NeedLexicon
from navigator.search import building, centrality, index_file, listing_text, vocabulary
from navigator.search.building import IndexedCatalogue
from navigator.search.index import SearchIndex
from navigator.search.index_file import open_index_file, save_index_file
from navigator.store.catalogue_store import service_count
from navigator.store.listing_details import catalogue_stamp, listings_by_id, stored_listings

if TYPE_CHECKING:
    # context.py opens the index through this module; a runtime import back is a cycle.
    from navigator.desk.context import Desk

log = logging.getLogger(__name__)

INDEX_SUFFIX = ".search-index"
LISTINGS_KEPT = 5000  # recently shown listings kept (a city directory, whole), bounded at 100k


def index_path(db_path: Path) -> Path:
    """The index file beside the database: `navigator.db` -> `navigator.db.search-index`."""
    return db_path.with_name(db_path.name + INDEX_SUFFIX)


@cache
def _code_fingerprint() -> str:
    """The source of the code that fills the index (its columns, words, needs, places):
    a changed rule makes files saved by the old code stale."""
    digest = hashlib.sha256(str(index_file.FORMAT).encode())
    for module in (building, centrality, listing_text, vocabulary, index_file, text, catalogue):
        source = Path(module.__file__ or "")
        try:
            digest.update(source.read_bytes())
        except OSError:  # a frozen build without sources: its version stands for them
            from navigator import __version__

            digest.update(__version__.encode())
    return digest.hexdigest()[:16]


def _lexicon_fingerprint(lexicon: NeedLexicon) -> str:
    return hashlib.sha256(lexicon.model_dump_json().encode()).hexdigest()[:16]


def _stamp(catalogue: dict[str, Any], lexicon: NeedLexicon) -> dict[str, Any]:
    return {
        "catalogue": catalogue,
        "lexicon": _lexicon_fingerprint(lexicon),
        "code": _code_fingerprint(),
    }


class StoredListings:
    """Listings read from the desk's database by id, the recently shown ones kept."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self._kept: OrderedDict[str, Listing] = OrderedDict()
        self._lock = threading.Lock()

    def listings(self, ids: Sequence[str]) -> list[Listing | None]:
        with self._lock:
            missing = [i for i in ids if i not in self._kept]
        found: dict[str, Listing] = {}
        if missing:
            with self.desk.session() as session:
                found = listings_by_id(session, missing)
        with self._lock:
            kept = self._kept
            for key, listing in found.items():
                kept[key] = listing
            answer: list[Listing | None] = []
            for i in ids:
                shown = kept.get(i)
                if shown is not None:
                    kept.move_to_end(i)
                answer.append(shown)
            while len(kept) > LISTINGS_KEPT:
                kept.popitem(last=False)
        return answer

    def keep_all(self) -> int:
        """Read every listing once when the whole directory fits what is kept, so a
        city-sized desk reads nothing per keystroke; a state-wide one keeps reading the
        few it shows. Returns how many are kept."""
        with self.desk.session() as session:
            if service_count(session) > LISTINGS_KEPT:
                return 0
            for listing in stored_listings(session):
                with self._lock:
                    self._kept.setdefault(listing.id, listing)
        with self._lock:
            return len(self._kept)


def keep_listings_at_hand(desk: Desk) -> int:
    """After the index opens (waiting for it), hold a small directory's listings in
    memory, as the desk did before the index moved to disk."""
    details = desk.index.details
    return details.keep_all() if isinstance(details, StoredListings) else 0


def open_index(desk: Desk) -> SearchIndex:
    """The stored catalogue's index: from its file when that matches the catalogue,
    otherwise indexed from the database a batch at a time and saved for next time."""
    path = index_path(desk.db_path)
    with desk.session() as session:
        stamp = _stamp(catalogue_stamp(session), desk.lexicon)
        columns = open_index_file(path, stamp)
        if columns is not None:
            data = IndexedCatalogue.from_columns(columns, desk.lexicon)
        else:
            # The same read transaction as the stamp: the index matches what it says.
            data = IndexedCatalogue(stored_listings(session), desk.lexicon)
            if _save(path, data, stamp):
                # Mapped back, the built postings and columns can be let go: let go first,
                # since both at once were the peak of an import at 100,000 services.
                del data
                columns = open_index_file(path, stamp, check_data=False)
                if columns is not None:
                    data = IndexedCatalogue.from_columns(columns, desk.lexicon)
                else:  # the file just saved does not map back: built again, kept in memory
                    data = IndexedCatalogue(stored_listings(session), desk.lexicon)
    return SearchIndex.over(data, StoredListings(desk))


def _save(path: Path, data: IndexedCatalogue, stamp: dict[str, Any]) -> bool:
    try:
        save_index_file(path, data.columns(), stamp)
        return True
    except FileWriteError as error:
        # A read-only folder, a full disk, or (on Windows) another window still mapping
        # the old file: this process searches from memory; the next one tries again.
        log.warning("search index not saved: %s", error)
        return False
    except TypeError as error:  # a column the file cannot keep: search on, from memory
        log.error("search index not saved: %s", error)
        return False
