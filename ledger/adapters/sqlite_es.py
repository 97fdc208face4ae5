"""The SQLite store's binding to the eventsourcing library: its recorders, subclassed.

Everything this store does through the library's private API (methods with a leading
underscore, which a new version of the library may change) is here and nowhere else: the
events' insert (``_insert_events``, overridden and called by ``insert_in``) and the tracked
position (``_insert_tracking``, ``_max_tracking_id``, called by ``track`` and
``tracked_in``). The rest of the ledger calls the public methods below. Loaded only when a
SQLite ledger is opened.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter, itemgetter
from typing import Any

from eventsourcing.persistence import PersistenceError, Tracking
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteTrackingRecorder

from projections.readmodel import ReadModel
from projections.readmodel_names import CHAIN_TABLE, TRACKING_NAME
from projections.sql import Sql

from ..chain import links
from .base import ChainQueries
from .sqlite_direct import ROWS, _insert_packed, _statement  # noqa: F401 - also used here
from .sqlite_read import SIDE, SQLiteReader, scratch_attached


#: A stored event's columns, in the events table's order.
_COLUMNS = attrgetter("originator_id", "originator_version", "topic", "state")
_FIRST = itemgetter(0)


class ChainedSQLiteRecorder(ChainQueries, SQLiteApplicationRecorder):
    """The library's SQLite application recorder, plus the hash chain in the same
    transaction."""

    placeholder = "?"
    position_column = "rowid"

    def _tables(self) -> dict[str, str]:
        return {"chain": CHAIN_TABLE, "events": self.events_table_name}

    def query_rows(self, query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self.datastore.transaction(commit=False) as c:
            # Plain tuples, not the library's sqlite3.Row objects copied into tuples:
            # verify reads every stored event through here.
            c.sqlite_cursor.row_factory = None
            c.execute(query, params)
            return c.fetchall()

    def _stream_key(self, originator_id: Any) -> Any:
        return originator_id.hex if isinstance(originator_id, uuid.UUID) else originator_id

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} ("
            "position INTEGER PRIMARY KEY, hash TEXT NOT NULL)",
        ]

    def insert_in(self, c: SQLiteCursor, stored_events: Sequence[Any]) -> Sequence[int]:
        """Insert events with their chain links inside the write transaction of ``c``;
        return their positions."""
        return self._insert_events(c, stored_events) or []

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[Any],
                       **kwargs: Any) -> Sequence[int] | None:
        if not stored_events:
            return []
        # One executemany instead of the library's statement per event: inside the write
        # transaction SQLite gives each new row the rowid after the largest, so the
        # positions are the next ones after the head (checked below).
        c.execute(f"SELECT MAX(rowid) FROM {self.events_table_name}")
        before = c.fetchone()[0] or 0
        # A store call's events are plain tuples of their columns (``chain.Event``): its
        # rows as they are.
        columns = stored_events if set(map(type, stored_events)) == {tuple} else \
            list(map(_COLUMNS, stored_events))
        if set(map(type, map(_FIRST, columns))) != {str}:  # a stream given as a UUID
            columns = [(o.hex if isinstance(o, uuid.UUID) else o, *rest)
                       for o, *rest in columns]
        cursor = c.sqlite_cursor
        inserted = _insert_packed(cursor, self.events_table_name, 4, columns)
        positions = list(range(before + 1, before + 1 + len(stored_events)))
        # As many rows inserted as events, the newest at the last of those positions: they
        # took exactly those positions (not counted again by reading the new rows back).
        c.execute(f"SELECT MAX(rowid) FROM {self.events_table_name}")
        if (c.fetchone()[0], inserted) != (positions[-1], len(positions)):  # pragma: no cover
            raise PersistenceError("stored events did not take consecutive positions")

        def rows(query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
            c.execute(query, params)
            return [tuple(r) for r in c.fetchall()]

        # The inserts above hold the write lock: no other writer can move the chain's head.
        previous = self.check_extending(rows, first_new=positions[0])
        _insert_packed(cursor, CHAIN_TABLE, 2, links(previous, positions, stored_events))
        return positions


class SQLiteReadModel(ReadModel, SQLiteTrackingRecorder):
    """The read model (``projections/readmodel.py``) in a SQLite ledger, tracked by the
    library's tracking table."""

    def track(self, c: Any, position: int) -> None:
        self._insert_tracking(c, Tracking(TRACKING_NAME, position))

    def tracked_in(self, c: Any) -> int:
        return self._max_tracking_id(TRACKING_NAME, c) or 0

    def sql_on(self, c: Any) -> Sql:
        return Sql(c.sqlite_cursor, SIDE)

    def _lock(self, cur: Sql) -> None:
        # A write first takes SQLite's write lock for the rest of the transaction.
        cur.execute("UPDATE tracking SET notification_id = notification_id "
                    "WHERE application_name = ?", (TRACKING_NAME,))

    def _tracking_table(self) -> str:
        return "tracking"

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
