"""Opening a ledger to answer a query.

A query needs the read model caught up with the log. On SQLite, when it already is (as it is
after every write), the file is read directly through a read-only ``sqlite3`` connection, in
one snapshot that also checks the read model is current, without loading the event store
library: that keeps a query command's start-up lean. Otherwise, and on PostgreSQL, the
ledger is opened through the store, which catches the read model up first.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from projections.readmodel_names import CHAIN_TABLE, GENESIS, MIGRATION_NAMES, TRACKING_NAME
from projections.sql import Sql

from .location import Location


def read_only_uri(path: str) -> str:
    """The URI of a read-only connection to the SQLite file at ``path`` that writes nothing:
    ``mode=ro``, or, where SQLite can't even create a write-ahead log's index (a folder this
    process can't write to), ``immutable=1``, which is exact as long as no one writes to
    the file meanwhile."""
    uri = f"file:{quote(path)}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return uri
    except sqlite3.OperationalError:
        folder = os.path.dirname(os.path.abspath(path))
        if os.access(folder, os.W_OK):
            raise
        return f"{uri}&immutable=1"
    finally:
        conn.close()


def connect_read_only(path: str) -> sqlite3.Connection:
    """A read-only connection (see ``read_only_uri``)."""
    return sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None,
                           check_same_thread=False)


class DirectSQLiteReader:
    """A consistent read-only snapshot of a SQLite ledger whose read model is current."""

    def __init__(self, conn: sqlite3.Connection, head: int):
        self.conn = conn
        self.head = head

    @classmethod
    def open(cls, path: str) -> DirectSQLiteReader | None:
        if not Path(path).is_file():
            return None
        try:
            conn = connect_read_only(path)
        except sqlite3.Error:
            return None
        try:
            conn.execute("BEGIN")
            head, tracked = conn.execute(
                "SELECT (SELECT MAX(rowid) FROM stored_events), "
                "(SELECT notification_id FROM tracking WHERE application_name = ?)",
                (TRACKING_NAME,)).fetchone()
            applied = {row[0] for row in conn.execute("SELECT name FROM readmodel_migrations")}
        except sqlite3.Error:
            conn.close()
            return None
        if (head or 0) != (tracked or 0) or not set(MIGRATION_NAMES) <= applied:
            conn.close()
            return None
        return cls(conn, head or 0)

    def position(self) -> int:
        return self.head

    @contextmanager
    def reading(self) -> Iterator[Sql]:
        yield Sql(self.conn.cursor(), "sqlite")

    def chain_head(self, position: int | None = None) -> tuple[int, str]:
        row = self.conn.execute(
            f"SELECT position, hash FROM {CHAIN_TABLE} WHERE position <= ? "
            "ORDER BY position DESC LIMIT 1", (self.head if position is None else position,)
        ).fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    def close(self) -> None:
        self.conn.close()


class StoreReader:
    """A ledger opened through the store, its read model caught up."""

    def __init__(self, ledger: Any):
        self.ledger = ledger
        ledger.catch_up()

    def position(self) -> int:
        return self.ledger.readmodel.position()

    def reading(self) -> Any:
        return self.ledger.readmodel.reading()

    def chain_head(self, position: int | None = None) -> tuple[int, str]:
        return self.ledger.events.chain_head(position)


@contextmanager
def open_reader(db: str | None) -> Iterator[DirectSQLiteReader | StoreReader]:
    location = Location.parse(db)
    if not location.is_postgres:
        direct = DirectSQLiteReader.open(location.url)
        if direct is not None:
            try:
                yield direct
            finally:
                direct.close()
            return
    from .store import Ledger

    with Ledger.open(db, create=False) as ledger:
        yield StoreReader(ledger)
