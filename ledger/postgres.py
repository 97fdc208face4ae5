"""The ledger on PostgreSQL: the library's PostgreSQL recorder with the hash chain, and the
connection settings a ``postgresql://`` URL gives. Imported only for PostgreSQL ledgers.

``postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME]``: ``schema`` (default
``public``) keeps several ledgers apart in one database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier

from .chain import CHAIN_TABLE, GENESIS, check_head, links


def settings(url: str) -> dict[str, str]:
    """The library's PostgreSQL settings for a ``postgresql://`` URL."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    unknown = set(query) - {"schema"}
    if unknown:
        raise ValueError(f"unknown URL parameter(s) {', '.join(sorted(unknown))}; only schema=")
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname:
        raise ValueError("the URL names no database; write postgresql://USER@HOST/DATABASE")
    return {
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_HOST": parts.hostname or "localhost",
        "POSTGRES_PORT": str(parts.port or 5432),
        "POSTGRES_USER": unquote(parts.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(parts.password or ""),
        "POSTGRES_SCHEMA": query.get("schema", ["public"])[0],
        "POSTGRES_CONNECT_TIMEOUT": "10",
        "POSTGRES_LOCK_TIMEOUT": "30",
        "POSTGRES_ENABLE_DB_FUNCTIONS": "n",
    }


class ChainedPostgresRecorder(PostgresApplicationRecorder):
    """The library's PostgreSQL application recorder, plus the hash chain in the same
    transaction (the library locks the events table for the insert, so links are written
    in commit order)."""

    def construct_create_table_statements(self) -> list[Any]:
        return [
            *super().construct_create_table_statements(),
            SQL("CREATE TABLE IF NOT EXISTS {0}.{1} (position BIGINT PRIMARY KEY, "
                "hash TEXT NOT NULL)").format(Identifier(self.datastore.schema),
                                              Identifier(CHAIN_TABLE)),
        ]

    def _fetch_ids_after_insert_events(self, curs: Any, stored_events: Sequence[StoredEvent],
                                       **kwargs: Any) -> Sequence[int] | None:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        assert positions is not None
        table = SQL("{0}.{1}").format(Identifier(self.datastore.schema), Identifier(CHAIN_TABLE))
        if not positions:
            return positions
        curs.execute(SQL("SELECT position, hash FROM {0} ORDER BY position DESC LIMIT 1")
                     .format(table))
        row = curs.fetchone()
        curs.execute(SQL("SELECT MAX(notification_id) AS m FROM {0}.{1} "
                         "WHERE notification_id < %s").format(
            Identifier(self.datastore.schema), Identifier(self.events_table_name)),
            (min(positions),))
        check_head(row["position"] if row else None, curs.fetchone()["m"])
        curs.executemany(SQL("INSERT INTO {0} VALUES (%s, %s)").format(table),
                         links(row["hash"] if row else GENESIS, positions, stored_events))
        return positions

    def chain_head(self, position: int | None = None) -> tuple[int, str]:
        table = SQL("{0}.{1}").format(Identifier(self.datastore.schema), Identifier(CHAIN_TABLE))
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as c:
            if position is None:
                c.execute(SQL("SELECT position, hash FROM {0} ORDER BY position DESC LIMIT 1")
                          .format(table))
            else:
                c.execute(SQL("SELECT position, hash FROM {0} WHERE position <= %s "
                              "ORDER BY position DESC LIMIT 1").format(table), (position,))
            row = c.fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    def chain_links(self, start: int, stop: int | None) -> dict[int, str]:
        table = SQL("{0}.{1}").format(Identifier(self.datastore.schema), Identifier(CHAIN_TABLE))
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as c:
            if stop is None:
                c.execute(SQL("SELECT position, hash FROM {0} WHERE position >= %s").format(table),
                          (start,))
            else:
                c.execute(SQL("SELECT position, hash FROM {0} WHERE position >= %s "
                              "AND position <= %s").format(table), (start, stop))
            return {row[0]: row[1] for row in c.fetchall()}


def ledger_exists(env: dict[str, str]) -> bool:
    """Whether the schema holds a ledger, without creating anything."""
    import psycopg

    with psycopg.connect(dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"],
                         port=env["POSTGRES_PORT"], user=env["POSTGRES_USER"],
                         password=env["POSTGRES_PASSWORD"] or None, connect_timeout=10) as conn:
        row = conn.execute("SELECT to_regclass(%s)",
                           (f'"{env["POSTGRES_SCHEMA"]}".stored_events',)).fetchone()
        return row is not None and row[0] is not None
