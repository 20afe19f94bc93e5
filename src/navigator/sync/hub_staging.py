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
from typing import Any, cast

import psycopg
from psycopg import Connection as PgConnection
from psycopg.types.json import Jsonb
from sqlalchemy import Column, Connection, Table
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import JSON

# Columns the hub fills itself.
_HUB_ONLY = frozenset({"received_at"})


def _staged_columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if c.name not in _HUB_ONLY]


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


def stage_and_insert(
    conn: Connection, table: Table, rows: Sequence[dict[str, Any]]
) -> dict[str, tuple[str, str | None]]:
    """COPY `rows` into staging, insert those whose id is new; what the hub then holds.

    Returns, for each staged id the caller's role can see on the hub, its stored
    payload hash and batch id (an id held by another site is not visible to a
    site role, so it is missing from the answer). Runs in the caller's transaction.
    """
    if not rows:
        return {}
    _create_staging(conn, table)
    columns = [c for c in _staged_columns(table) if c.name in rows[0]]
    names = [c.name for c in columns]
    as_json = {i for i, c in enumerate(columns) if isinstance(c.type, JSON | JSONB)}
    quote = conn.dialect.identifier_preparer.quote
    listed = ", ".join(quote(n) for n in names)
    stage = staging_name(table)
    statement = f"COPY {stage} ({listed}) FROM STDIN"
    try:
        with _driver(conn).cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                values = [row.get(n) for n in names]
                for i in as_json:
                    if values[i] is not None:
                        values[i] = Jsonb(values[i])
                copy.write_row(values)
    except psycopg.Error as error:
        # As SQLAlchemy wraps every other statement's errors, so `hub_errors` words them.
        raise sa_exc.DBAPIError.instance(statement, None, error, psycopg.Error) from error
    target = quote(table.name)
    conn.exec_driver_sql(
        f"INSERT INTO {target} ({listed}) SELECT {listed} FROM {stage} ON CONFLICT (id) DO NOTHING"
    )
    found = {
        str(rid): (str(h), b)
        for rid, h, b in conn.exec_driver_sql(
            f"SELECT s.id, t.payload_hash, t.batch_id FROM {stage} s JOIN {target} t ON t.id = s.id"
        )
    }
    # Emptied now too, not only at commit: a caller may stage twice in one transaction.
    conn.exec_driver_sql(f"TRUNCATE {stage}")
    return found
