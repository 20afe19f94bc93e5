"""Talking to the hub: connecting, creating its schema, storing records exactly once."""

from __future__ import annotations

import hashlib
import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from psycopg import errors as pg_errors
from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import make_url

from navigator.errors import N_, HubError
from navigator.sync.hub_schema import (
    bundle_imports,
    catalogue_versions,
    metadata,
    quarantine,
    sites,
)
from navigator.sync.hub_staging import stage_and_insert
from navigator.sync.records import RecordKind


@dataclass(frozen=True)
class HubTimeouts:
    """Limits on every hub session, so a hub that never answers fails with a message."""

    connect_s: int = 10
    statement_s: int = 60
    lock_s: int = 10


DEFAULT_TIMEOUTS = HubTimeouts()
_ENGINE_TIMEOUTS: weakref.WeakKeyDictionary[Engine, HubTimeouts] = weakref.WeakKeyDictionary()

# user:password@ in a URL, and password=... in a query string or a conninfo string.
_URL_PASSWORD = re.compile(r"(?P<keep>://[^:/@\s]*:)[^@\s]*@")
_KEY_PASSWORD = re.compile(r"(?P<keep>\bpassword\s*=\s*)('[^']*'|[^&\s]+)", re.IGNORECASE)


def mask_secrets(text: str) -> str:
    """`text` with every password in a URL or conninfo replaced by ***."""
    text = _URL_PASSWORD.sub(r"\g<keep>***@", text)
    return _KEY_PASSWORD.sub(r"\g<keep>***", text)


def hub_engine(url: str | None, timeouts: HubTimeouts = DEFAULT_TIMEOUTS) -> Engine:
    """An engine on the hub URL, with psycopg 3 as the driver whatever the URL names.

    Every session gets a connect timeout, a statement_timeout and a lock_timeout.
    """
    if not url:
        raise HubError(
            N_("No hub is configured for this site."),
            hint=N_(
                "Pass --hub postgresql://user@host/db, run: navigator site join FILE, "
                "or set hub_url / NAVIGATOR_HUB_URL."
            ),
        )
    try:
        parsed = make_url(url)
    except (sa_exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise HubError(
            f"'{mask_secrets(url)}' is not a database URL such as postgresql://host/db."
        ) from None
    if parsed.get_backend_name() != "postgresql":
        raise HubError(f"The hub must be PostgreSQL, not '{parsed.get_backend_name()}'.")
    parsed = parsed.set(drivername="postgresql+psycopg")
    options = (
        f"-c statement_timeout={timeouts.statement_s * 1000} "
        f"-c lock_timeout={timeouts.lock_s * 1000}"
    )
    engine = create_engine(
        parsed,
        connect_args={"connect_timeout": timeouts.connect_s, "options": options},
        pool_pre_ping=True,
    )
    _ENGINE_TIMEOUTS[engine] = timeouts
    return engine


def describe(engine: Engine) -> str:
    """The hub's URL without its password (user part or query string), for messages."""
    return mask_secrets(engine.url.render_as_string(hide_password=True))


def _timeouts(engine: Engine) -> HubTimeouts:
    return _ENGINE_TIMEOUTS.get(engine, DEFAULT_TIMEOUTS)


@contextmanager
def hub_errors(engine: Engine) -> Iterator[None]:
    """Turn driver errors into messages naming the hub (never its password)."""
    limits = _timeouts(engine)
    where = describe(engine)
    pending = N_("Records stay pending on this laptop; try again later or use a USB bundle.")
    try:
        yield
    except sa_exc.DBAPIError as error:
        orig = error.orig
        if isinstance(orig, pg_errors.LockNotAvailable):
            raise HubError(
                N_(
                    "The hub at {where} is busy: a table it needs stayed locked by another "
                    "session for more than {seconds} s (lock_timeout); nothing was stored."
                ),
                where=where,
                seconds=limits.lock_s,
                hint=pending,
            ) from None
        if isinstance(orig, pg_errors.QueryCanceled):
            raise HubError(
                N_(
                    "The hub at {where} did not finish within {seconds} s "
                    "(statement_timeout); nothing was stored."
                ),
                where=where,
                seconds=limits.statement_s,
                hint=pending,
            ) from None
        if isinstance(orig, pg_errors.DiskFull) or "No space left on device" in str(orig):
            raise HubError(
                N_(
                    "The hub at {where} has a full disk and cannot store anything; "
                    "nothing was stored."
                ),
                where=where,
                hint=N_(
                    "The agency must free space on the hub's server. Records stay pending "
                    "on this laptop; try again later or use a USB bundle."
                ),
            ) from None
        if isinstance(orig, pg_errors.UndefinedTable):
            raise HubError(
                N_("The hub at {where} has no Navigator tables."),
                where=where,
                hint=N_("Create them once with: navigator hub init --hub URL"),
            ) from None
        if isinstance(orig, pg_errors.InsufficientPrivilege):
            raise HubError(
                N_(
                    "The hub at {where} refused: {reason}. This hub role may not do that (a "
                    "site role writes only its own site's records; only the agency publishes "
                    "catalogues)."
                ),
                where=where,
                reason=_first_line(error),
                hint=N_("Nothing was stored."),
            ) from None
        if isinstance(error, sa_exc.OperationalError):
            if "timeout expired" in _first_line(error):
                raise HubError(
                    N_(
                        "Cannot reach the hub at {where}: no answer within {seconds} s "
                        "(connect timeout)"
                    ),
                    where=where,
                    seconds=limits.connect_s,
                    hint=pending,
                ) from None
            raise HubError(
                N_("Cannot reach the hub at {where}: {reason}"),
                where=where,
                reason=_first_line(error),
                hint=pending,
            ) from None
        # The hub rolled the whole batch back; nothing was acknowledged for it.
        raise HubError(
            N_("The hub at {where} refused a batch: {reason}"),
            where=where,
            reason=_first_line(error),
            hint=N_("Those records stay pending; the coordinator can check the hub's log."),
        ) from None


def _first_line(error: sa_exc.DBAPIError) -> str:
    text = str(error.orig) if error.orig else str(error)
    line = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return mask_secrets(line)


def init_hub(engine: Engine) -> list[str]:
    """Create the hub's tables that are missing; returns the names created."""
    with hub_errors(engine), engine.begin() as conn:
        existing = set(inspect(conn).get_table_names())
        metadata.create_all(conn)
        # Hubs made before catalogues were signed.
        conn.execute(text("ALTER TABLE catalogue_versions ADD COLUMN IF NOT EXISTS signature text"))
    return [name for name in metadata.tables if name not in existing]


@dataclass
class StoreOutcome:
    """What the hub did with a batch: new, already there, or held aside as conflicting."""

    stored: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)

    def add(self, other: StoreOutcome) -> None:
        self.stored += other.stored
        self.already += other.already
        self.quarantined += other.quarantined


def touch_site(conn: Connection, site_id: str, via: str) -> None:
    statement = insert(sites).values(id=site_id, last_via=via)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["id"], set_={"last_seen": func.now(), "last_via": via}
        )
    )


PayloadSource = Callable[[RecordKind, list[str]], dict[str, dict[str, Any]]]


def store_records(
    conn: Connection, records: Iterable[tuple[RecordKind, Any]], *, batch_id: str
) -> StoreOutcome:
    """Store domain records (from a bundle): rows and payloads both come from the models."""
    models: dict[str, Any] = {}
    rows: list[tuple[RecordKind, dict[str, Any]]] = []
    for kind, model in records:
        models[str(model.id)] = model
        rows.append((kind, kind.to_row(model)))

    def payloads(_kind: RecordKind, ids: list[str]) -> dict[str, dict[str, Any]]:
        return {i: models[i].model_dump(mode="json") for i in ids}

    return store_rows(conn, rows, batch_id=batch_id, payloads=payloads)


def store_rows(
    conn: Connection,
    records: Iterable[tuple[RecordKind, dict[str, Any]]],
    *,
    batch_id: str,
    payloads: PayloadSource,
) -> StoreOutcome:
    """INSERT ... ON CONFLICT (id) DO NOTHING each hub row in the caller's transaction
    (through COPY into a staging table: `hub_staging`).

    An id already on the hub with the same payload hash is "already there"; with
    another hash, the new payload (asked of `payloads`) is kept in `quarantine`
    and reported.
    """
    by_kind: dict[str, tuple[RecordKind, list[dict[str, Any]]]] = {}
    for kind, row in records:
        by_kind.setdefault(kind.name, (kind, []))[1].append(row)
    outcome = StoreOutcome()
    for kind, rows in by_kind.values():
        staged = stage_and_insert(conn, kind.table, rows, batch_id=batch_id)
        conflicts = []
        for row in rows:
            record_id = row["id"]
            if record_id in staged.inserted:
                outcome.stored.append(record_id)
                continue
            # Not visible: another site holds this id (a site role reads only its own rows).
            stored_hash = staged.existing.get(record_id, "")
            if stored_hash == row["payload_hash"]:
                outcome.already.append(record_id)
            else:
                outcome.quarantined.append(record_id)
                conflicts.append((record_id, row, stored_hash))
        if conflicts:
            bodies = payloads(kind, [record_id for record_id, _, _ in conflicts])
            conn.execute(
                insert(quarantine).on_conflict_do_nothing(),
                [
                    {
                        "record_type": kind.name,
                        "record_id": record_id,
                        "site_id": row["site_id"],
                        "payload": bodies[record_id],
                        "payload_hash": row["payload_hash"],
                        "stored_hash": stored_hash,
                        "batch_id": batch_id,
                    }
                    for record_id, row, stored_hash in conflicts
                ],
            )
    return outcome


@dataclass(frozen=True)
class HubCatalogue:
    version: int
    content_hash: str
    source: str
    services: int


def latest_catalogue(conn: Connection) -> HubCatalogue | None:
    row = conn.execute(
        select(
            catalogue_versions.c.version,
            catalogue_versions.c.content_hash,
            catalogue_versions.c.source,
            catalogue_versions.c.services,
        )
        .order_by(catalogue_versions.c.version.desc())
        .limit(1)
    ).first()
    return HubCatalogue(*row) if row else None


def catalogue_message(body: str) -> bytes:
    """What the hub signs for a catalogue version: its text's SHA-256, tagged by purpose."""
    return f"navigator-catalogue:{hashlib.sha256(body.encode('utf-8')).hexdigest()}".encode()


def signed_catalogue(conn: Connection, version: int) -> tuple[str, str | None]:
    """(text, hub signature or None) of a catalogue version."""
    row = conn.execute(
        select(catalogue_versions.c.catalogue, catalogue_versions.c.signature).where(
            catalogue_versions.c.version == version
        )
    ).first()
    if row is None:
        raise HubError(f"The hub has no catalogue version {version}.")
    return str(row[0]), None if row[1] is None else str(row[1])


def catalogue_text(conn: Connection, version: int) -> str:
    text = conn.scalar(
        select(catalogue_versions.c.catalogue).where(catalogue_versions.c.version == version)
    )
    if text is None:
        raise HubError(f"The hub has no catalogue version {version}.")
    return str(text)


def publish_catalogue(
    conn: Connection,
    *,
    source: str,
    fmt: str,
    content_hash: str,
    services: int,
    body: str,
    signature: str,
) -> int:
    """Add a catalogue version; returns its number (newest wins at pull)."""
    version = conn.scalar(
        insert(catalogue_versions)
        .values(
            source=source,
            format=fmt,
            content_hash=content_hash,
            services=services,
            catalogue=body,
            signature=signature,
        )
        .returning(catalogue_versions.c.version)
    )
    assert version is not None
    return int(version)


def note_bundle(conn: Connection, *, bundle_id: str, site_id: str, records: int, sha: str) -> int:
    """Record a bundle import; returns how many times this bundle has been imported."""
    statement = insert(bundle_imports).values(
        bundle_id=bundle_id, site_id=site_id, records=records, sha256=sha
    )
    times = conn.scalar(
        statement.on_conflict_do_update(
            index_elements=["bundle_id"],
            set_={"times": bundle_imports.c.times + 1, "last_imported": func.now()},
        ).returning(bundle_imports.c.times)
    )
    return int(times or 1)
