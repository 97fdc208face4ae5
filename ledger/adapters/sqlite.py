"""The ledger in a SQLite file (the default store).

The recorder is the eventsourcing library's SQLite application recorder plus the hash chain,
appended in the same transaction once the insert holds SQLite's write lock
(``sqlite_es.py``: this store's only use of the library's private API). The read side (table
definitions, bulk load, readers) is ``sqlite_read.py``. A ledger file is
created atomically (its tables are made in a private file linked into place), an existing
file is opened only once known to be a caledger ledger, and a query on a ledger whose read
model is current reads the file directly, without loading the event store library.
Import-light: the library is loaded only when a ledger is opened through it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any
from urllib.parse import quote

from projections.readmodel_names import CHAIN_TABLE, TRACKING_NAME
from projections.side import ReadSide
from projections.sql import Sql

from ..errors import LedgerNotFound, StoreUnavailable
from ..location import Location
from .base import CHAIN_AT, StoreAdapter, Writer, head_link
from .sqlite_read import NEEDED_MIGRATIONS, SIDE

#: The tables every caledger SQLite ledger has, beside its read model.
_LEDGER_TABLES = {"stored_events", CHAIN_TABLE}
#: The files SQLite keeps beside a database while it is open.
_SIDE_FILES = ("-wal", "-shm", "-journal")
#: How every SQLite database file begins.
_MAGIC = b"SQLite format 3\x00"
#: Bytes per page of a new ledger file (SQLite's default is 4,096). Writing what a
#: 200,000-record import writes (its events, chain links, read-model rows and indexes; the
#: rows ready, no Python work: ``benchmarks/import_floor.py``'s floor) took 2.76 CPU s with
#: 4 KiB pages, 2.52 with 8, 2.35 with 16, 2.15 with 32 and 2.13 with 64 KiB: fewer pages
#: to fill, link into their trees and copy from the write-ahead log into the file. A
#: larger page also makes every small write log more bytes and every read of a page copy
#: more: 16 KiB (benchmarks/NOTES.md). An existing ledger keeps the page size it was made
#: with.
PAGE_SIZE = 16_384
#: Page cache of a writing connection, in KiB (SQLite's default is 2 MiB). A large import
#: inserts into the events' (stream, version) index at random places: with more of the
#: index's pages in memory that is faster (1,000,000 inserts, CPU: 18 s with 2 MiB, 12.5 s
#: with 24 MiB, 10.8 s with 64 MiB), but the import's memory is bounded (200 MB).
WRITE_CACHE_KIB = 24_576


class SQLiteAdapter(StoreAdapter):
    dialect = "sqlite"
    database_file = "SQLite database"

    @staticmethod
    def read_side() -> ReadSide:
        return SIDE

    @staticmethod
    def handles(location: Location) -> bool:
        return True  # a path: anything that is not another store's URL

    @staticmethod
    def recorder_class() -> type:
        from .sqlite_es import ChainedSQLiteRecorder

        return ChainedSQLiteRecorder

    @staticmethod
    def error_types() -> tuple[type[BaseException], ...]:
        return (sqlite3.Error,)

    def grant(self, location: Location, role: str, level: str, *,
              apply: bool = True) -> dict[str, Any]:
        from ..errors import BadQuery

        raise BadQuery(f"{location.describe()}: roles are PostgreSQL's; on SQLite who may write "
                       "is who may write the file (set its permissions), and recorded_by is "
                       "a claim (see README, Who may write)")

    def creation_problem(self, location: Location) -> str | None:
        return _cannot_create(Path(location.url))

    def files(self, location: Location) -> list[Path]:
        base = Path(location.url)
        return [base, *(Path(f"{base}{suffix}") for suffix in _SIDE_FILES)]

    @staticmethod
    def is_database_file(head: bytes) -> bool:
        return head.startswith(_MAGIC)

    @staticmethod
    def is_side_file(path: Path) -> bool:
        name = str(path)
        for suffix in _SIDE_FILES:
            if name.endswith(suffix):
                base = Path(name[: -len(suffix)])
                try:
                    with open(base, "rb") as f:
                        return base.is_file() and f.read(len(_MAGIC)) == _MAGIC
                except OSError:
                    return False
        return False

    def exists(self, location: Location) -> bool:
        path = Path(location.url)
        return path.is_file() and _not_a_ledger(path) is None

    def open(self, location: Location, *, create: bool, repair: bool = False
             ) -> tuple[Any, type]:
        path = Path(location.url)
        if path.is_dir():
            raise StoreUnavailable(f"{path}: is a directory, not a ledger file; give a file path "
                                   f"such as {path / 'caledger.db'}")
        if not create and not path.is_file():
            raise LedgerNotFound(
                f"{path}: no ledger here; import records first (caledger import FILE) or point "
                f"--db / CALEDGER_DB at an existing ledger")
        existed = path.exists()
        if existed:
            # Nothing is written to a file until it is known to be a caledger ledger.
            problem = _not_a_ledger(path)
            if problem:
                raise StoreUnavailable(f"{path}: {problem}")
        else:
            problem = _cannot_create(path)
            if problem:
                raise StoreUnavailable(f"{path}: can't create the ledger: {problem}")
            _create(path)
        try:
            name = str(path)
            if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
                # A read-only ledger (or folder): open it so that reading writes nothing;
                # a write is then refused by SQLite and reported as such.
                name = read_only_uri(str(path))
            if existed and not repair:
                # An existing ledger, without loading the event library (``sqlite_direct``:
                # the same statements on the same tables).
                from .sqlite_direct import DirectReadModel, Factory

                return Factory(name), DirectReadModel
            from eventsourcing.persistence import PersistenceError

            try:
                return _factory(name, create_tables=False)
            except PersistenceError as e:
                raise StoreUnavailable(f"{path}: can't open the ledger: {e}") from None
        except (sqlite3.Error, OSError) as e:
            raise StoreUnavailable(f"{path}: can't open the ledger: {e}") from None

    @contextmanager
    def writer(self, events: Any) -> Iterator[Writer]:
        with events.datastore.transaction(commit=True) as c:
            yield from _locked(events, c)

    @contextmanager
    def import_writer(self, events: Any) -> Iterator[Writer]:
        """``writer`` for an import (``Ledger.store_chunks``). Into a ledger that holds no
        event yet and that no other connection has open, the import's one transaction goes
        through a rollback journal: each new page is written once, into the file, instead of
        into the write-ahead log and again into the file at the checkpoint (pages beyond the
        file's size before the transaction need no journal: a rollback truncates them
        away). Still all or nothing (a killed import leaves a hot journal, which the next
        connection that may write rolls back). Meanwhile the file is locked as a rollback
        journal locks it: another connection waits (its busy timeout) or reads the empty
        ledger, never a part. The file is in write-ahead-log mode again as soon as the
        transaction ends (and any connection of the event library puts it back so on
        opening it, should this process die first). Anything else: ``writer``."""
        with events.datastore.get_connection(commit=True) as conn:
            cursor = conn.cursor()
            once = _rollback_journal_if_alone(cursor)
            try:
                with conn.transaction(commit=True) as c:
                    yield from _locked(events, c)
            finally:
                if once:
                    _write_ahead_log_again(cursor)

    def direct_reader(self, location: Location) -> DirectSQLiteReader | None:
        return DirectSQLiteReader.open(location.url)

    def projects_while_storing(self, location: Location) -> bool:
        if not Path(location.url).exists():
            return True
        reader = DirectSQLiteReader.open(location.url)
        if reader is None:
            return False
        try:
            return reader.position() == 0
        finally:
            reader.close()

    def chain_reader(self, location: Location) -> Any | None:
        from .sqlite_chain import SQLiteChainReader

        return SQLiteChainReader.open(location.url)


class _SQLiteWriter(Writer):
    def __init__(self, events: Any, c: Any):
        self.events, self.c = events, c

    def head(self) -> int:
        self.c.execute(f"SELECT MAX(rowid) FROM {self.events.events_table_name}")
        return self.c.fetchone()[0] or 0

    def insert(self, events: list[Any]) -> Sequence[int]:
        return self.events.insert_in(self.c, events)

    def rows(self, query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        self.c.execute(query, params)
        return [tuple(r) for r in self.c.fetchall()]

    def read_model_in(self, readmodel: Any) -> tuple[Any, Any]:
        return self.c, readmodel.sql_on(self.c)  # the read model is in the same file

    def first_rows(self, streams: Sequence[str]) -> dict[str, tuple[int, bytes]]:
        """``first_events`` with each one's position: (position, stored bytes) of the first
        event of each of these streams that this transaction sees (an import projecting
        itself keeps the positions of its amendments' originals: ``store._inserted``)."""
        found: dict[str, tuple[int, bytes]] = {}
        table = self.events.events_table_name
        for i in range(0, len(streams), 500):
            some = list(streams[i:i + 500])
            self.c.execute(f"SELECT originator_id, rowid, state FROM {table} "
                           f"WHERE originator_version = 1 AND originator_id IN "
                           f"({', '.join('?' * len(some))})", tuple(some))
            found.update({r[0]: (r[1], bytes(r[2])) for r in self.c.fetchall()})
        return found


def _locked(events: Any, c: Any) -> Iterator[Writer]:
    """The writer of the transaction open on ``c``, once it holds SQLite's write lock."""
    c.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
    c.execute("UPDATE tracking SET notification_id = notification_id "
              "WHERE application_name = ''")  # takes SQLite's write lock
    yield _SQLiteWriter(events, c)


def _rollback_journal_if_alone(cursor: Any) -> bool:
    """Put the ledger on ``cursor``'s connection (no transaction open) in rollback-journal
    mode if it holds no event yet and no other connection has it open (leaving
    write-ahead-log mode needs the file to itself: SQLite refuses while any other
    connection has it open, and then it stays as it is). Whether it did."""
    cursor.execute("SELECT 1 FROM stored_events LIMIT 1")
    if cursor.fetchone() is not None:
        return False
    cursor.execute("PRAGMA busy_timeout")
    waits = int(cursor.fetchone()[0])
    cursor.execute("PRAGMA busy_timeout = 0")  # another connection: no wait, as it is
    try:
        cursor.execute("PRAGMA journal_mode = DELETE")
        mode = str(cursor.fetchone()[0])
    except sqlite3.OperationalError:  # "database is locked"
        mode = "wal"
    finally:
        cursor.execute(f"PRAGMA busy_timeout = {waits}")
    return mode.lower() == "delete"


def _write_ahead_log_again(cursor: Any) -> None:
    """Back to write-ahead-log mode (waiting for the lock as long as a writer does). If
    another connection is first, the event library's puts the file back in that mode
    itself when it opens it."""
    try:
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.fetchone()
    except sqlite3.OperationalError:  # pragma: no cover - another connection was first
        pass


def _factory(name: str, *, create_tables: bool) -> tuple[Any, type]:
    from eventsourcing.persistence import InfrastructureFactory

    env = {
        # Named explicitly: the library would otherwise fall back to an in-memory store.
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": name,
        "SQLITE_LOCK_TIMEOUT": "30",
        # The library's recorder, plus the tamper-evident hash chain (below).
        "APPLICATION_RECORDER_TOPIC": "ledger.adapters.sqlite_es:ChainedSQLiteRecorder",
        # An existing ledger's tables exist: don't re-issue every CREATE on each query.
        "CREATE_TABLE": "yes" if create_tables else "no",
    }
    factory = InfrastructureFactory.construct(env)
    if type(factory).__module__ != "eventsourcing.sqlite":  # pragma: no cover
        raise StoreUnavailable(f"{name}: expected a SQLite store, got {type(factory)}")
    from .sqlite_es import SQLiteReadModel

    return factory, SQLiteReadModel


def _create(path: Path) -> None:
    """Create a new ledger file at ``path`` atomically: its tables are made in a private
    file beside it, which is then linked into place unless another process has created
    the ledger meanwhile (then that one is used). So no process ever sees a half-made
    ledger, and any number of processes may create one ledger at once."""
    from eventsourcing.persistence import PersistenceError

    import uuid  # here: it loads platform, a query's start-up cost otherwise

    tmp = path.parent / f".{path.name}.new-{uuid.uuid4().hex[:12]}"
    try:
        try:
            # The page size is fixed when the file's first page is written: here, before
            # the library opens it (and makes it a write-ahead-logged file) and makes the
            # tables.
            conn = sqlite3.connect(str(tmp), isolation_level=None)
            try:
                conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                conn.execute("PRAGMA journal_mode = WAL")
            finally:
                conn.close()
            factory, readmodel_class = _factory(str(tmp), create_tables=True)
            try:
                factory.application_recorder()  # each recorder creates its tables
                factory.tracking_recorder(readmodel_class)
            finally:
                factory.close()
        except (PersistenceError, sqlite3.Error, OSError) as e:
            raise StoreUnavailable(f"{path}: can't create the ledger: {e}") from None
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process created it first
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(tmp, path)
        _remove_stale(path)
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
            leftover.unlink(missing_ok=True)


# --- reading without the store ----------------------------------------------------------------


def read_only_uri(path: str) -> str:
    """The URI of a read-only connection to the SQLite file at ``path`` that writes nothing:
    ``mode=ro``, or, where SQLite can't even create a write-ahead log's index (a folder this
    process can't write to), ``immutable=1``, which is exact as long as no one writes to
    the file meanwhile."""
    uri = f"file:{quote(path)}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        try:
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        except sqlite3.OperationalError as e:
            if getattr(e, "sqlite_errorcode", None) != _READONLY_ROLLBACK \
                    or not os.access(path, os.W_OK):
                raise
            _roll_back(path)
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return uri
    except sqlite3.OperationalError:
        folder = os.path.dirname(os.path.abspath(path))
        if os.access(folder, os.W_OK):
            raise
        return f"{uri}&immutable=1"
    finally:
        conn.close()


#: SQLITE_READONLY_ROLLBACK: a read-only connection met a hot journal it may not roll back.
_READONLY_ROLLBACK = 776


def _roll_back(path: str) -> None:
    """Roll back the transaction a killed process left in ``path``'s rollback journal (a
    first import killed while storing: ``SQLiteAdapter.import_writer``), as any connection
    that may write does on its first read: the file is then as it was before that
    transaction (back in write-ahead-log mode), and a read-only connection can read it."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        _write_ahead_log_again(conn.cursor())  # as the import would have left it
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
        if (head or 0) != (tracked or 0) or not set(NEEDED_MIGRATIONS) <= applied:
            conn.close()
            return None
        return cls(conn, head or 0)

    def position(self) -> int:
        return self.head

    @contextmanager
    def reading(self) -> Iterator[Sql]:
        yield Sql(self.conn.cursor(), SIDE)

    def chain_head(self, position: int | None = None) -> tuple[int, str]:
        query = CHAIN_AT.format(chain=CHAIN_TABLE, p="?", n=1)
        return head_link(self.conn.execute(
            query, (self.head if position is None else position,)).fetchall())

    def close(self) -> None:
        self.conn.close()


# --- what a file is -----------------------------------------------------------------------------


def _not_a_ledger(path: Path) -> str | None:
    """Why the existing file at ``path`` is not a caledger ledger, or None if it is. Reads
    the file only, never writes to it (but for rolling back the transaction a killed first
    import left in its rollback journal, as any SQLite connection that may write does:
    ``read_only_uri``)."""
    if not path.is_file():
        return "not a regular file; point --db at a ledger file"
    if path.stat().st_size == 0:
        return ("the file is empty, not a caledger ledger; nothing was written to it. Point "
                "--db at a ledger, or at a path that doesn't exist yet to create one")
    try:
        conn = connect_read_only(str(path))
        try:
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        if "not a database" in str(e) or "file is encrypted" in str(e):
            return ("not a SQLite database, so not a caledger ledger; nothing was written to "
                    "it. Point --db at a ledger, or at a path that doesn't exist yet")
        if "locked" in str(e):
            return ("busy: another process holds the whole file (a first import into a new "
                    "ledger does, until it ends); nothing was read or written, try again "
                    "when it has ended")
        return f"can't read it: {e}"
    if not _LEDGER_TABLES <= tables:
        shown = ", ".join(sorted(tables)[:8]) or "none"
        return ("a SQLite database but not a caledger ledger (its tables: "
                f"{shown}); nothing was written to it. Point --db at a ledger, or at a path "
                "that doesn't exist yet to create one")
    return None


def _remove_stale(path: Path, older_than: float = 3600.0) -> None:
    """Remove private files left by a creation killed before it finished (an hour old)."""
    import glob
    import time

    now = time.time()
    for stale in path.parent.glob(f".{glob.escape(path.name)}.new-*"):
        try:
            if now - stale.stat().st_mtime > older_than:
                stale.unlink()
        except OSError:
            pass


def _cannot_create(path: Path) -> str | None:
    """Why a new ledger file at ``path`` can't be created, or None if it can."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        return f"folder {parent} does not exist; create it first"
    if not parent.is_dir():
        return f"{parent} is not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"no permission to write in {parent}"
    return None
