"""The SQLite store's binding to the eventsourcing library: its recorders, subclassed.

Everything this store does through the library's private API (methods with a leading
underscore, which a new version of the library may change) is here and nowhere else: the
events' insert (``_insert_events``, overridden to call ``insert_in``, which
``sqlite_direct.SQLiteChained`` shares with the recorder that opens a ledger without the
library) and the tracked
position (``_insert_tracking``, ``_max_tracking_id``, called by ``track`` and
``tracked_in``). The rest of the ledger calls the public methods below. Loaded only when a
SQLite ledger is opened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventsourcing.persistence import PersistenceError, Tracking
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteTrackingRecorder

from projections.readmodel import ReadModel
from projections.readmodel_names import CHAIN_TABLE, TRACKING_NAME
from projections.sql import Sql

from .sqlite_direct import SQLiteChained, SQLiteReadSide
from .sqlite_read import SQLiteReader, scratch_attached


class ChainedSQLiteRecorder(SQLiteChained, SQLiteApplicationRecorder):
    """The library's SQLite application recorder, plus the hash chain in the same
    transaction (``sqlite_direct.SQLiteChained``)."""

    not_consecutive = PersistenceError

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} ("
            "position INTEGER PRIMARY KEY, hash TEXT NOT NULL)",
        ]

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[Any],
                       **kwargs: Any) -> Sequence[int] | None:
        # The library's insert_events calls this in its own transaction.
        return self.insert_in(c, stored_events)


class SQLiteReadModel(SQLiteReadSide, ReadModel, SQLiteTrackingRecorder):
    """The read model (``projections/readmodel.py``) in a SQLite ledger, tracked by the
    library's tracking table."""

    def track(self, c: Any, position: int) -> None:
        self._insert_tracking(c, Tracking(TRACKING_NAME, position))

    def tracked_in(self, c: Any) -> int:
        return self._max_tracking_id(TRACKING_NAME, c) or 0

    @contextmanager
    def rebuilding(self) -> Iterator[tuple[Any, Sql, str | None]]:
        # ``writing``'s transaction on a connection with a scratch file attached before it
        # begins (``sqlite_read.scratch_attached``), for a second process to build
        # rm_versions in (``projections/bulk.py``).
        if self.reader() is None:  # in memory: no second process
            with self.writing() as (c, cur):
                yield c, cur, None
            return
        with self.datastore.get_connection(commit=True) as conn, \
                scratch_attached(conn) as scratch, conn.transaction(commit=True) as c:
            cur = self.sql_on(c)
            self._lock(cur)
            yield c, cur, scratch

    def reader(self) -> Callable[[], Sql] | None:
        pool = self.datastore.pool
        return None if pool.is_sqlite_memory_mode else SQLiteReader(pool.db_name)
