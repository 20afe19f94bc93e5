"""Storing a batch on the hub through COPY into a temporary staging table.

COPY moves a batch to the server in one stream, far cheaper than a statement
per row; one `INSERT ... SELECT ... ON CONFLICT (id) DO NOTHING` then moves
the staged rows into the record table, with row-level security checking each
row as it would an ordinary insert (a site role still writes only its own
site's rows). The staging table lives in the session's own temporary schema,
is emptied at every commit, and has no constraints: the record table keeps
them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import psycopg
from psycopg import Connection as PgConnection
from psycopg.types.json import Jsonb
from sqlalchemy import Column, Connection, String, Table, any_, bindparam, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.dialects.postgresql import ARRAY as PG_ARRAY
from sqlalchemy.types import JSON

# Columns the hub fills itself.
_HUB_ONLY = frozenset({"received_at"})


def _staged_columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if c.name not in _HUB_ONLY]


def array_literal(items: Sequence[str]) -> str:
    """A text array as PostgreSQL's literal, every element quoted: the server parses it
    during COPY at half the cost of the driver's own list adapter."""
    quoted = (item.replace("\\", "\\\\").replace('"', '\\"') for item in items)
    return "{" + ",".join(f'"{item}"' for item in quoted) + "}"


def staging_name(table: Table) -> str:
    # Qualified with pg_temp so no other schema on the search path can stand in for it.
    return f"pg_temp.navigator_stage_{table.name}"


def _create_staging(conn: Connection, table: Table) -> None:
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    columns = ", ".join(
        f"{quote(c.name)} {c.type.compile(dialect=dialect)}" for c in _staged_columns(table)
    )
    conn.exec_driver_sql(
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {staging_name(table)} ({columns}) "
        "ON COMMIT DELETE ROWS"
    )


def _driver(conn: Connection) -> PgConnection[Any]:
    driver = conn.connection.driver_connection
    assert driver is not None
    return cast("PgConnection[Any]", driver)


@dataclass
class Staged:
    """What the hub did with a staged batch."""

    # Ids this statement inserted.
    inserted: set[str]
    # Payload hashes of the other ids, as far as the caller's role can see them (a
    # site role does not see an id that another site holds: it is missing here).
    existing: dict[str, str]


def stage_and_insert(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]], *, batch_id: str
) -> Staged:
    """COPY `rows` into staging and insert those whose id is new, in the caller's transaction."""
    if not rows:
        return Staged(set(), {})
    _create_staging(conn, table)
    columns = [c for c in _staged_columns(table) if c.name in rows[0] or c.name == "batch_id"]
    names = [c.name for c in columns]
    as_json = [i for i, c in enumerate(columns) if isinstance(c.type, JSON | JSONB)]
    as_array = [i for i, c in enumerate(columns) if isinstance(c.type, ARRAY)]
    batch_at = names.index("batch_id")
    quote = conn.dialect.identifier_preparer.quote
    listed = ", ".join(quote(n) for n in names)
    stage = staging_name(table)
    statement = f"COPY {stage} ({listed}) FROM STDIN"
    try:
        with _driver(conn).cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                values: list[Any] = [row.get(n) for n in names]
                values[batch_at] = batch_id
                for i in as_json:
                    if values[i] is not None:
                        values[i] = Jsonb(values[i])
                for i in as_array:
                    if values[i] is not None:
                        values[i] = array_literal(values[i])
                copy.write_row(values)
    except psycopg.Error as error:
        # As SQLAlchemy wraps every other statement's errors, so `hub_errors` words them.
        raise sa_exc.DBAPIError.instance(statement, None, error, psycopg.Error) from error
    target = quote(table.name)
    # The staging table empties itself at commit; a second batch of this kind in the
    # same transaction would find these rows again, and its insert would skip them.
    inserted = {
        str(rid)
        for (rid,) in conn.exec_driver_sql(
            f"INSERT INTO {target} ({listed}) SELECT {listed} FROM {stage} "
            "ON CONFLICT (id) DO NOTHING RETURNING id"
        )
    }
    others = [str(row["id"]) for row in rows if str(row["id"]) not in inserted]
    existing: dict[str, str] = {}
    if others:
        found = conn.execute(
            select(table.c.id, table.c.payload_hash).where(
                table.c.id == any_(bindparam("ids", others, type_=PG_ARRAY(String)))
            )
        )
        existing = {str(rid): str(h) for rid, h in found}
    return Staged(inserted, existing)
