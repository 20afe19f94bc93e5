"""The open desk: database, settings, site identity, clock and search index in one place."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from uuid6 import uuid7

from navigator.config import Settings, load_settings
from navigator.desk.catalogue_index import open_index
from navigator.domain.catalogue import Catalogue
from navigator.domain.needs import NeedLexicon, default_lexicon
from navigator.domain.volunteer import Volunteer
from navigator.locations import default_database
from navigator.search.index import SearchIndex
from navigator.store.catalogue_store import service_count
from navigator.store.database import LocalSession, open_database
from navigator.store.meta_store import get_or_create

OPEN_DESK_VOLUNTEER = "open-desk"

Clock = Callable[[], datetime]
IndexLoader = Callable[["Desk"], SearchIndex]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Desk:
    """Everything a use case needs; made once per process by `open_desk`."""

    engine: Engine
    settings: Settings
    site_id: str
    db_path: Path
    lexicon: NeedLexicon
    clock: Clock = utc_now
    signed_in: Volunteer | None = None
    """Who is at the desk (the one place this is kept); None before sign-in, while locked
    and in open-desk mode. Set by desk.volunteers.sign_in and sign_out."""
    index_loader: IndexLoader = open_index
    _index: SearchIndex | None = field(default=None, repr=False)
    # One load at a time: search workers that start while the catalogue is
    # loading wait for that load instead of starting a second one.
    _index_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def volunteer_id(self) -> str:
        """The id records carry: the signed-in volunteer's, or the open desk's."""
        return self.signed_in.id if self.signed_in is not None else OPEN_DESK_VOLUNTEER

    def session(self) -> Session:
        """A session: deferred reads, and BEGIN IMMEDIATE once `begin()` is called (writes)."""
        return LocalSession(self.engine, expire_on_commit=False)

    def local_now(self) -> datetime:
        """The site's wall-clock time, as the hours engine expects it (naive)."""
        return self.clock().astimezone(self.settings.zone()).replace(tzinfo=None)

    def today(self) -> date:
        return self.local_now().date()

    @property
    def index(self) -> SearchIndex:
        """The search index, loaded on first use, once per process however many ask at once."""
        index = self._index
        if index is not None:
            return index
        with self._index_lock:
            if self._index is None:
                self._index = self.index_loader(self)
            return self._index

    @property
    def index_ready(self) -> bool:
        """Whether a search would answer now rather than wait for the catalogue to load."""
        return self._index is not None

    def rebuild_index(self, catalogue: Catalogue | None = None) -> SearchIndex:
        """Index the stored catalogue, or `catalogue` when the caller has just stored it."""
        with self._index_lock:
            if catalogue is None:
                self._index = self.index_loader(self)
            else:
                # Held in memory only: nothing says `catalogue` is the stored one.
                self._index = SearchIndex(catalogue.listings(), self.lexicon)
            return self._index

    def forget_index(self) -> None:
        """The catalogue changed: the next search loads it again (once)."""
        with self._index_lock:
            self._index = None

    def close(self) -> None:
        self.engine.dispose()


def desk_is_empty(desk: Desk) -> bool:
    with desk.session() as session:
        return service_count(session) == 0


def _new_site_id() -> str:

    return f"site-{uuid7().hex[-12:]}"


def open_desk(
    db_path: Path | None = None,
    *,
    settings: Settings | None = None,
    clock: Clock = utc_now,
    load_demo: bool = True,
) -> Desk:
    """Open the database (creating and migrating it), and load the demo catalogue on first start."""
    path = db_path or default_database()
    settings = settings or load_settings()
    engine = open_database(path)
    with LocalSession(engine) as session, session.begin():
        site_id = settings.site_id or get_or_create(session, "site_id", _new_site_id)
    desk = Desk(
        engine=engine,
        settings=settings,
        site_id=site_id,
        db_path=path,
        lexicon=default_lexicon(),
        clock=clock,
    )
    if load_demo and desk_is_empty(desk):
        # Imported only on first start: the importers are a tenth of a second to load.
        from navigator.desk.import_catalogue import load_demo_if_empty

        load_demo_if_empty(desk)
    return desk
