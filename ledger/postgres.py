"""The ledger on PostgreSQL: the library's PostgreSQL recorder with the hash chain, and the
connection settings a ``postgresql://`` URL gives. Imported only for PostgreSQL ledgers.

``postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME]``: ``schema`` (default
``public``) keeps several ledgers apart in one database.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier

from projections.readmodel_names import CHAIN_TABLE, GENESIS

from .chain import check_builds_on, check_head, links


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
        # The library ends a transaction left idle for 5 s by default; an import's write
        # transaction waits while its records are checked on another connection, however
        # long that takes. 0: never time out (and override a server default).
        "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": "0",
    }


class ChainedPostgresRecorder(PostgresApplicationRecorder):
    """The library's PostgreSQL application recorder, plus the hash chain in the same
    transaction (the library locks the events table for the insert, so links are written
    in commit order)."""

    def __init__(self, datastore: Any, *, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name=events_table_name)
        self.sql_create_statements.append(
            SQL("CREATE TABLE IF NOT EXISTS {0}.{1} (position BIGINT PRIMARY KEY, "
                "hash TEXT NOT NULL)").format(Identifier(self.datastore.schema),
                                              Identifier(CHAIN_TABLE)))

    def _chain_table(self) -> Any:
        return SQL("{0}.{1}").format(Identifier(self.datastore.schema), Identifier(CHAIN_TABLE))

    def _insert_events(self, curs: Any, stored_events: Sequence[StoredEvent],
                       **kwargs: Any) -> None:
        # Runs before the insert, inside its transaction, where an exception rolls it back
        # (the library commits and re-raises anything raised after the insert). Take the
        # insert's table lock now, so the head checked here is the head extended below.
        super()._insert_events(curs, stored_events, **kwargs)
        if not stored_events:
            return
        self._lock_table(curs)
        events_table = SQL("{0}.{1}").format(Identifier(self.datastore.schema),
                                             Identifier(self.events_table_name))
        curs.execute(SQL("SELECT position, hash FROM {0} ORDER BY position DESC LIMIT 2")
                     .format(self._chain_table()))
        newest = [(r["position"], r["hash"]) for r in curs.fetchall()]
        curs.execute(SQL("SELECT MAX(notification_id) AS m FROM {0}").format(events_table))
        check_head(newest[0][0] if newest else None, curs.fetchone()["m"])
        if newest:
            curs.execute(SQL("SELECT notification_id, originator_id, originator_version, topic, "
                             "state FROM {0} WHERE notification_id <= %s "
                             "ORDER BY notification_id DESC LIMIT 2").format(events_table),
                         (newest[0][0],))
            check_builds_on(newest, [(r["notification_id"],
                                      StoredEvent(r["originator_id"], r["originator_version"],
                                                  r["topic"], bytes(r["state"])))
                                     for r in curs.fetchall()])

    def _fetch_ids_after_insert_events(self, curs: Any, stored_events: Sequence[StoredEvent],
                                       **kwargs: Any) -> Sequence[int] | None:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if not positions:
            return positions
        curs.execute(SQL("SELECT hash FROM {0} ORDER BY position DESC LIMIT 1")
                     .format(self._chain_table()))
        row = curs.fetchone()
        curs.executemany(SQL("INSERT INTO {0} VALUES (%s, %s)").format(self._chain_table()),
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


    def stream(self, originator_id: Any) -> list[tuple[int, StoredEvent]]:
        """Every stored event of one stream, with its position, in version order."""
        table = SQL("{0}.{1}").format(Identifier(self.datastore.schema),
                                      Identifier(self.events_table_name))
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as c:
            c.execute(SQL("SELECT notification_id, originator_id, originator_version, topic, "
                          "state FROM {0} WHERE originator_id = %s "
                          "ORDER BY originator_version").format(table), (originator_id,))
            return [(r[0], StoredEvent(r[1], r[2], r[3], bytes(r[4]))) for r in c.fetchall()]

    def around(self, position: int) -> tuple[list[tuple[int, str]],
                                             list[tuple[int, StoredEvent]]]:
        """The two chain links and the two stored events at or before ``position``."""
        table = SQL("{0}.{1}").format(Identifier(self.datastore.schema),
                                      Identifier(self.events_table_name))
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as c:
            c.execute(SQL("SELECT position, hash FROM {0} WHERE position <= %s "
                          "ORDER BY position DESC LIMIT 2").format(self._chain_table()),
                      (position,))
            found = [(r[0], r[1]) for r in c.fetchall()]
            c.execute(SQL("SELECT notification_id, originator_id, originator_version, topic, "
                          "state FROM {0} WHERE notification_id <= %s "
                          "ORDER BY notification_id DESC LIMIT 2").format(table), (position,))
            return found, [(r[0], StoredEvent(r[1], r[2], r[3], bytes(r[4])))
                           for r in c.fetchall()]


def _connect(env: dict[str, str]) -> Any:
    import psycopg

    return psycopg.connect(dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"],
                           port=env["POSTGRES_PORT"], user=env["POSTGRES_USER"],
                           password=env["POSTGRES_PASSWORD"] or None, connect_timeout=10,
                           autocommit=True)


def schema_state(env: dict[str, str]) -> str:
    """What the schema holds, without creating anything: "ledger"; "foreign" (another
    application's ``stored_events`` table with no caledger hash chain beside it, where
    nothing may be created); or "none"."""
    schema = env["POSTGRES_SCHEMA"]
    with _connect(env) as conn:
        row = conn.execute(
            "SELECT to_regclass(%s), to_regclass(%s), to_regclass(%s)",
            (f'"{schema}".stored_events', f'"{schema}".{CHAIN_TABLE}',
             f'"{schema}".notification_tracking')).fetchone()
    if row is not None and all(part is not None for part in row):
        return "ledger"
    if row is not None and row[0] is not None and row[1] is None:
        return "foreign"
    return "none"


def ledger_exists(env: dict[str, str]) -> bool:
    """Whether the schema holds a ledger, without creating anything."""
    return schema_state(env) == "ledger"


def create_schema(env: dict[str, str]) -> None:
    with _connect(env) as conn:
        conn.execute(SQL("CREATE SCHEMA IF NOT EXISTS {0}").format(
            Identifier(env["POSTGRES_SCHEMA"])))


@contextmanager
def creation_lock(env: dict[str, str]) -> Iterator[None]:
    """Serialize creating a ledger's tables: PostgreSQL's CREATE ... IF NOT EXISTS races
    with itself ("tuple concurrently updated") when processes create at once."""
    with _connect(env) as conn:
        key = f'caledger-create:{env["POSTGRES_SCHEMA"]}'
        conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (key,))
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (key,))
