"""An existing SQLite ledger opened without loading the eventsourcing library.

Loading the library (``eventsourcing.persistence`` and ``eventsourcing.domain``, which it
imports) is about 110 M instructions, more than half of what a whole ``python -c "import
click"`` process does (callgrind; benchmarks/NOTES.md, helper branch ``writes1m``): a write
paid it on every call, for a handful of statements. A ledger that already exists is opened
here instead: the same connections (``sqlite3``, autocommit, ``BEGIN`` per transaction,
write-ahead log, the same lock timeout), the same tables and the same statements as the
library's SQLite recorders run on them (``sqlite_es.py``, which stays the store's binding
to the library: it creates new ledgers), through the objects ``Ledger`` uses: a factory,
a recorder of the stored events with the hash chain, and the read model with its tracked
position. A new ledger is made by the library (``sqlite._create``), and ``verify`` and
``rebuild`` (``Ledger.open(repair=True)``) open it through the library as before.
Errors are ``sqlite3``'s own, which every caller already catches as the store's
(``SQLiteAdapter.error_types``).
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from projections.readmodel import ReadModel
from projections.readmodel_names import CHAIN_TABLE, TRACKING_NAME
from projections.sql import Sql

from ..chain import links
from .base import ChainQueries
from .sqlite_read import SIDE, SQLiteReader

#: The library's table of stored events, and its statements on it and on the tracking
#: table (``eventsourcing.sqlite``, the version this ledger's files are written with).
EVENTS = "stored_events"
_NOTIFICATIONS = f"SELECT rowid, * FROM {EVENTS} WHERE rowid>=? ORDER BY rowid LIMIT ?"
_NOTIFICATIONS_TO = (f"SELECT rowid, * FROM {EVENTS} WHERE rowid>=? AND rowid<=? ORDER BY rowid "
                     "LIMIT ?")
_MAX_NOTIFICATION = f"SELECT MAX(rowid) FROM {EVENTS}"
_MAX_TRACKING = "SELECT MAX(notification_id) FROM tracking WHERE application_name=?"
_TRACK = ("INSERT INTO tracking VALUES (:application_name, :notification_id) ON CONFLICT "
          "(application_name) DO UPDATE SET notification_id = :notification_id WHERE "
          "tracking.notification_id < :notification_id RETURNING notification_id")
#: Seconds a connection waits for another's lock (the library's ``SQLITE_LOCK_TIMEOUT``,
#: as ``sqlite._factory`` sets it).
LOCK_TIMEOUT = 30


class StoredEvent(NamedTuple):
    """A stored event's columns, by the library's ``StoredEvent``'s names."""

    originator_id: Any
    originator_version: int
    topic: str
    state: bytes


class Notification(NamedTuple):
    """A stored event with its position, by the library's ``Notification``'s names."""

    id: int
    originator_id: uuid.UUID
    originator_version: int
    topic: str
    state: bytes


class Cursor:
    """A cursor as the library's ``SQLiteCursor`` gives it (``sqlite_cursor`` and its
    methods)."""

    __slots__ = ("sqlite_cursor",)

    def __init__(self, sqlite_cursor: sqlite3.Cursor):
        self.sqlite_cursor = sqlite_cursor

    def execute(self, *args: Any) -> None:
        self.sqlite_cursor.execute(*args)

    def executemany(self, *args: Any) -> None:
        self.sqlite_cursor.executemany(*args)

    def fetchall(self) -> Any:
        return self.sqlite_cursor.fetchall()

    def fetchone(self) -> Any:
        return self.sqlite_cursor.fetchone()


class Connection:
    """One connection, as the library's pool lends it: ``cursor`` and ``transaction``."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def cursor(self) -> Cursor:
        return Cursor(self.conn.cursor())

    @contextmanager
    def transaction(self, *, commit: bool) -> Iterator[Cursor]:
        cursor = self.cursor()
        cursor.execute("BEGIN")
        try:
            yield cursor
        except BaseException:
            self.conn.rollback()
            raise
        else:
            if commit:
                self.conn.commit()
            else:
                self.conn.rollback()
        finally:
            cursor.sqlite_cursor.close()


class Pool:
    """Idle connections to one file, lent one at a time (any thread)."""

    is_sqlite_memory_mode = False

    def __init__(self, db_name: str):
        self.db_name = db_name
        self._idle: list[Connection] = []
        self._all: list[Connection] = []
        self._lock = threading.Lock()

    def get(self) -> Connection:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        conn = sqlite3.connect(self.db_name, uri=True, check_same_thread=False,
                               isolation_level=None, cached_statements=True,
                               timeout=LOCK_TIMEOUT)
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":  # as the library puts a ledger file
                conn.execute("PRAGMA journal_mode=WAL")
        except BaseException:
            conn.close()
            raise
        conn.row_factory = sqlite3.Row
        lent = Connection(conn)
        with self._lock:
            self._all.append(lent)
        return lent

    def put(self, conn: Connection) -> None:
        with self._lock:
            self._idle.append(conn)

    def close(self) -> None:
        with self._lock:
            every, self._all, self._idle = self._all, [], []
        for conn in every:
            conn.conn.close()


class Datastore:
    """The library's ``SQLiteDatastore`` as the ledger uses it."""

    def __init__(self, db_name: str):
        self.pool = Pool(db_name)

    @contextmanager
    def get_connection(self, *, commit: bool) -> Iterator[Connection]:
        conn = self.pool.get()
        try:
            yield conn
        finally:
            self.pool.put(conn)

    @contextmanager
    def transaction(self, *, commit: bool) -> Iterator[Cursor]:
        with self.get_connection(commit=commit) as conn, \
                conn.transaction(commit=commit) as cursor:
            yield cursor

    def close(self) -> None:
        self.pool.close()


#: A stored event's columns, in the events table's order.
_COLUMNS = attrgetter("originator_id", "originator_version", "topic", "state")
_FIRST = itemgetter(0)


class SQLiteChained(ChainQueries):
    """What both SQLite recorders of the stored events share: the hash chain's reads and
    the inserts of events with their links, on the same statements (this module's
    ``Recorder`` on an existing file; ``sqlite_es.ChainedSQLiteRecorder`` through the
    library). ``events_table_name`` is the events' table."""

    placeholder = "?"
    position_column = "rowid"
    events_table_name: str
    #: What a write raises if its events did not take consecutive positions.
    not_consecutive: type[Exception] = sqlite3.IntegrityError

    def _tables(self) -> dict[str, str]:
        return {"chain": CHAIN_TABLE, "events": self.events_table_name}

    def query_rows(self, query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self.datastore.transaction(commit=False) as c:  # type: ignore[attr-defined]
            # Plain tuples, not sqlite3.Row objects copied into tuples: verify reads every
            # stored event through here.
            c.sqlite_cursor.row_factory = None
            c.execute(query, params)
            return c.fetchall()

    def _stream_key(self, originator_id: Any) -> Any:
        return originator_id.hex if isinstance(originator_id, uuid.UUID) else originator_id

    def insert_in(self, c: Any, stored_events: Sequence[Any]) -> Sequence[int]:
        """The events and their chain links, inside the write transaction of ``c``; their
        positions."""
        if not stored_events:
            return []
        table = self.events_table_name
        # One executemany instead of a statement per event: inside the write transaction
        # SQLite gives each new row the rowid after the largest, so the positions are the
        # next ones after the head (checked below).
        c.execute(f"SELECT MAX(rowid) FROM {table}")
        before = c.fetchone()[0] or 0
        # A store call's events are plain tuples of their columns (``chain.Event``): its
        # rows as they are.
        columns = stored_events if set(map(type, stored_events)) == {tuple} else \
            list(map(_COLUMNS, stored_events))
        if set(map(type, map(_FIRST, columns))) != {str}:  # a stream given as a UUID
            columns = [(o.hex if isinstance(o, uuid.UUID) else o, *rest)
                       for o, *rest in columns]
        cursor = c.sqlite_cursor
        inserted = _insert_packed(cursor, table, 4, columns)
        positions = list(range(before + 1, before + 1 + len(stored_events)))
        # As many rows inserted as events, the newest at the last of those positions: they
        # took exactly those positions (not counted again by reading the new rows back).
        c.execute(f"SELECT MAX(rowid) FROM {table}")
        if (c.fetchone()[0], inserted) != (positions[-1], len(positions)):  # pragma: no cover
            raise self.not_consecutive("stored events did not take consecutive positions")

        def rows(query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
            c.execute(query, params)
            return [tuple(r) for r in c.fetchall()]

        # The inserts above hold the write lock: no other writer can move the chain's head.
        previous = self.check_extending(rows, first_new=positions[0])
        _insert_packed(cursor, CHAIN_TABLE, 2, links(previous, positions, stored_events))
        return positions


class Recorder(SQLiteChained):
    """The stored events and the hash chain (``SQLiteChained``), and the library's reads of
    notifications, on the same statements."""

    events_table_name = EVENTS

    def __init__(self, datastore: Datastore):
        self.datastore = datastore

    def _stored_row(self, row: tuple[Any, ...]) -> StoredEvent:
        return StoredEvent(row[1], row[2], row[3], bytes(row[4]))

    def select_notifications(self, start: int, limit: int, stop: int | None = None
                             ) -> list[Notification]:
        """Up to ``limit`` stored events from position ``start`` (to ``stop``, inclusive),
        as the library's ``select_notifications`` gives them."""
        with self.datastore.transaction(commit=False) as c:
            if stop is None:
                c.execute(_NOTIFICATIONS, (start, limit))
            else:
                c.execute(_NOTIFICATIONS_TO, (start, stop, limit))
            return [Notification(row["rowid"], uuid.UUID(row["originator_id"]),
                                 row["originator_version"], row["topic"], row["state"])
                    for row in c.fetchall()]

    def max_notification_id(self) -> int:
        with self.datastore.transaction(commit=False) as c:
            c.execute(_MAX_NOTIFICATION)
            return c.fetchone()[0]

    def insert_events(self, stored_events: Sequence[Any], **kwargs: Any) -> Sequence[int]:
        """The library's public ``insert_events``: the events and their chain links in a
        write transaction of their own; their positions."""
        with self.datastore.transaction(commit=True) as c:
            return self.insert_in(c, stored_events)


class SQLiteReadSide:
    """What both SQLite read models share (this module's ``DirectReadModel``,
    ``sqlite_es.SQLiteReadModel``): the read side on a transaction's cursor and the write
    lock a projection takes first."""

    def sql_on(self, c: Any) -> Sql:
        return Sql(c.sqlite_cursor, SIDE)

    def _lock(self, cur: Sql) -> None:
        # A write first takes SQLite's write lock for the rest of the transaction.
        cur.execute("UPDATE tracking SET notification_id = notification_id "
                    "WHERE application_name = ?", (TRACKING_NAME,))

    def _tracking_table(self) -> str:
        return "tracking"


class DirectReadModel(SQLiteReadSide, ReadModel):
    """The read model with its position in the library's tracking table
    (``sqlite_es.SQLiteReadModel``'s statements)."""

    def __init__(self, datastore: Datastore):
        self.datastore = datastore

    def max_tracking_id(self, application_name: str) -> int | None:
        with self.datastore.transaction(commit=False) as c:
            return self._tracked(application_name, c)

    def _tracked(self, application_name: str, c: Cursor) -> int | None:
        c.execute(_MAX_TRACKING, (application_name,))
        return c.fetchone()[0]

    def track(self, c: Cursor, position: int) -> None:
        c.execute(_TRACK, {"application_name": TRACKING_NAME, "notification_id": position})
        if c.fetchone() is None:
            raise sqlite3.IntegrityError(f"Failed to record tracking for {TRACKING_NAME} "
                                         f"{position}")

    def tracked_in(self, c: Cursor) -> int:
        return self._tracked(TRACKING_NAME, c) or 0

    def reader(self) -> SQLiteReader:
        return SQLiteReader(self.datastore.pool.db_name)

    def create_table(self) -> None:  # pragma: no cover - only the library creates tables
        raise sqlite3.OperationalError("the read model's tables are made with the ledger")


class Factory:
    """The library's infrastructure factory, as ``Ledger`` uses it, on an existing file."""

    def __init__(self, db_name: str):
        self.datastore = Datastore(db_name)

    def application_recorder(self) -> Recorder:
        return Recorder(self.datastore)

    def tracking_recorder(self, readmodel_class: type | None = None) -> DirectReadModel:
        return DirectReadModel(self.datastore)

    @staticmethod
    def env_create_table() -> bool:
        return False

    def close(self) -> None:
        self.datastore.close()


#: Rows a packed insert of events or chain links writes per statement.
ROWS = 64


def _insert_packed(cursor: Any, table: str, width: int, rows: Sequence[Sequence[Any]]) -> int:
    """Insert ``rows`` (each ``width`` values, the table's columns in order) at the end of
    ``table``, ``ROWS`` a statement (the rest one a statement), in the order given; return
    how many were inserted. Python's sqlite3 steps, resets and takes the GIL back once per
    statement, not once per row. A statement of many rows that may stop half-way (a
    constraint refusing one of them) would keep a statement journal, a copy of every page it
    touches before it changes it: for the events' (stream, version) index, whose new keys
    land at random leaves, one page a row. ``OR ROLLBACK`` needs none: a refused row ends the
    whole transaction at once, as the error it raises ends it anyway (every write is one
    transaction, all or nothing), and the error is the same ``IntegrityError``."""
    step = width * ROWS
    whole = len(rows) - len(rows) % ROWS
    inserted = 0
    if whole:
        flat = list(chain.from_iterable(rows[:whole]))
        cursor.executemany(_statement(table, width, ROWS, "INSERT OR ROLLBACK"),
                           [flat[i:i + step] for i in range(0, len(flat), step)])
        inserted = cursor.rowcount  # summed over the statements, for executemany
    if whole < len(rows):
        cursor.executemany(_statement(table, width, 1, "INSERT"), rows[whole:])
        inserted += cursor.rowcount
    return inserted


@lru_cache(maxsize=None)
def _statement(table: str, width: int, rows: int, verb: str) -> str:
    values = "(" + ",".join("?" * width) + ")"
    return f"{verb} INTO {table} VALUES " + ",".join([values] * rows)
