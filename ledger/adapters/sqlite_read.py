"""The read side of a SQLite ledger: everything the projection code does differently on
SQLite (``projections/side.py``), in one place. Import-light: the standard library's sqlite3
only (sqlite-utils when a table is created).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain, repeat
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)

from projections.side import BulkLoad, ReadSide
from projections.sql import Sql

from ..valueclass import Value, _set

if TYPE_CHECKING:
    from typing import Any

    from projections.schema import Table


#: The read-model migrations that change a SQLite read model, the only ones a SQLite ledger
#: needs (``schema.Migration.changes``; tests/test_store_read_sides.py holds them to it): a
#: ledger whose read model has them is read directly, without loading the projection code.
NEEDED_MIGRATIONS = ("0001_log_versions_companies",)


class SQLiteBulk(BulkLoad):
    position = "rowid"
    #: Rows carry this integer for NULL, which the insert turns back into NULL: Python's
    #: sqlite3 binds None by way of its adapter look-up, which failing costs about half a
    #: microsecond a value (measured: 4.2 us a row of rm_versions' 17 values, 2.5 with this);
    #: an int is bound directly. No column holds it otherwise (positions are positive,
    #: amounts far smaller, and text is never equal to an integer). Not -2**63, whose
    #: literal SQLite would read as a float.
    null = 1 - 2**63
    #: Secondary indexes kept while the rows are loaded, besides ``bulk.RISING``'s: the
    #: process inserting the rows waits for the one building them (``bulk._BuiltElsewhere``)
    #: for part of the load, and keeping these costs about what building them afterwards
    #: costs (callgrind, rm_log's rows inserted and indexed in SQLite alone: 3.87G
    #: instructions with these two kept, 3.81G with all built), so their builds leave the
    #: end of the rebuild, where one core works alone. A company's entries rise with the
    #: position, and most rows' target is NULL. Not ``record_id``'s (scattered: kept, it cost
    #: more than its build, and with it the inserting process did more instructions during
    #: the load than the building one, benchmarks/NOTES.md), nor ``rm_versions``' two (two
    #: to three times their build kept).
    kept = frozenset({"idx_rm_log_company_position", "idx_rm_log_target"})
    #: Page cache while projecting (KiB): the loads and index builds work in it instead of
    #: going back to the file for every page.
    CACHE_KIB = 32_768

    @contextmanager
    def settings(self, cur: Sql) -> Iterator[None]:
        """A bigger page cache, and the old read model's pages freed without first being
        overwritten with zeros (this build's default, ``secure_delete``, would write every
        page of the tables being dropped once more; their rows are all still in the log)."""
        cache = cur.execute("PRAGMA cache_size").fetchone()[0]
        secure = cur.execute("PRAGMA secure_delete").fetchone()[0]
        cur.execute(f"PRAGMA cache_size = -{self.CACHE_KIB}")
        cur.execute("PRAGMA secure_delete = FAST")
        try:
            yield
        finally:
            cur.execute(f"PRAGMA cache_size = {int(cache)}")
            cur.execute(f"PRAGMA secure_delete = {int(secure)}")

    def secondary_indexes(self, cur: Sql, table: str) -> list[tuple[str, str]]:
        return list(cur.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                "AND tbl_name = ? AND sql IS NOT NULL ORDER BY name", (table,)))

    def insert(self, cur: Sql, table: Table, rows: list[tuple]) -> None:
        cur.executemany(_insert(table, 1, self.null), rows)

    #: Rows a packed insert writes per statement (``INSERT ... VALUES (...), (...), ...``).
    #: Python's sqlite3 steps, resets and takes the GIL back once per statement, not once
    #: per value: measured on 200,000 records' rows, 0.72-0.75 CPU s with 50 or 100 rows a
    #: statement against 0.89 with one.
    ROWS = 64

    #: In packed rows, a text column's value given as this integer (which no text equals)
    #: stands for a text given in full elsewhere in the same statement (``SAME_AS_FIRST``,
    #: ``SAME_AS``), which the statement puts back (``_insert``). Each text bound costs
    #: SQLite a copy, an allocation and a free under its memory-statistics mutex, and the
    #: inserting process, the load's longer half, decoding it from the frame another
    #: string; a small integer costs neither.
    SAME = 0
    #: Columns whose text, in a row of a statement of ``ROWS`` rows other than its first,
    #: is most often the first row's (one write's records share their recording time and
    #: kind; most versions are flows).
    SAME_AS_FIRST = {"rm_log": ("kind", "recorded_at", "known_from"),
                     "rm_versions": ("category",)}
    #: (column, column of the same row whose text it most often repeats): a day's period
    #: starts and ends on that day.
    SAME_AS = {"rm_versions": (("eff_start", "effective"), ("eff_end", "effective"))}

    def pack(self, table: Table, rows: list[tuple]) -> list:
        """The rows' values one after another, for ``insert_packed``: one list, not a tuple
        per row, to send from the process that built them and to read back; a text equal
        to the one ``SAME_AS_FIRST`` or ``SAME_AS`` names for its column given as
        ``SAME``."""
        values = list(chain.from_iterable(rows))
        width, same = len(table.names), self.SAME
        for column, source in _columns(table, self.SAME_AS.get(table.name, ())):
            values[column::width] = [same if text == other else text for text, other in
                                     zip(values[column::width], values[source::width])]
        # Only rows of whole statements: the rest are inserted one a statement.
        whole = len(values) - len(values) % (width * self.ROWS)
        for column in _columns(table, self.SAME_AS_FIRST.get(table.name, ())):
            texts = values[column:whole:width]
            heads = texts[::self.ROWS]
            texts = [same if text == head else text for text, head in zip(
                texts, chain.from_iterable(repeat(head, self.ROWS) for head in heads))]
            texts[::self.ROWS] = heads
            values[column:whole:width] = texts
        return values

    def insert_packed(self, cur: Sql, table: Table, values: list) -> None:
        """Insert rows packed by ``pack``, ``ROWS`` a statement (the rest one by one)."""
        width = len(table.names)
        step = width * self.ROWS
        whole = len(values) - len(values) % step
        if whole:
            cur.executemany(_insert(table, self.ROWS, self.null),
                            [values[i:i + step] for i in range(0, whole, step)])
        if whole < len(values):
            cur.executemany(_insert(table, 1, self.null),
                            [values[i:i + width] for i in range(whole, len(values), width)])


    #: The schema name a rebuild's scratch file is attached as (``scratch_attached``).
    SCRATCH = "scratch"

    def scratch(self, path: str, like: Sql) -> Sql:
        """A connection to the new, empty scratch file ``path``, in a transaction, for the
        second process of a rebuild to build a table in (``bulk._child``): the ledger's page
        size (``like``'s), the rebuild's page cache, and no ``fsync``: the file is only
        read, once it is complete, by the rebuild's own transaction, and deleted after it;
        if anything stops the rebuild first, the rebuild is rolled back and the file
        deleted (or left in the temporary directory, never read again, if the process is
        killed). Its journal is SQLite's default: for pages of a file that was empty when
        the transaction began it writes nothing but its header."""
        page = int(like.execute("PRAGMA page_size").fetchone()[0])
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(f"PRAGMA page_size = {page}")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute(f"PRAGMA cache_size = -{self.CACHE_KIB}")
        conn.execute("BEGIN")
        return Sql(conn.cursor(), SIDE)

    def copy_in(self, cur: Sql, table: Table) -> None:
        """Copy ``table``, complete in the scratch file (``scratch``), into the read model's
        empty table of the same name. Both made by the same migrations, with the same
        indexes, so SQLite copies each row's stored bytes and each index's entries in
        order (its transfer optimisation: ``INSERT INTO t SELECT * FROM s.t``, no column
        list, tables of the same columns and indexes), no row decoded, no index sorted. If
        the two tables' columns differed, the columns are named, and the rows copied one
        by one (never so from two tables the same migrations made)."""
        mine = [tuple(r) for r in cur.execute(f'PRAGMA main.table_info("{table.name}")')]
        theirs = [tuple(r) for r in cur.execute(
            f'PRAGMA {self.SCRATCH}.table_info("{table.name}")')]
        if mine == theirs and mine:
            cur.execute(self.copy_statement(table))
        else:  # pragma: no cover - never from the same migrations
            columns = ", ".join(f'"{name}"' for name in table.names)
            cur.execute(f'INSERT OR ROLLBACK INTO main."{table.name}" ({columns}) '
                        f'SELECT {columns} FROM {self.SCRATCH}."{table.name}"')

    def copy_statement(self, table: Table) -> str:
        """``copy_in``'s statement. ``OR ROLLBACK``: a statement that may abort half-way
        keeps a statement journal, and the pages the copy fills are mostly the old read
        model's, freed in this transaction, which it would copy there first (64 MB of
        writes to a temporary file for 200,000 records, strace)."""
        return (f'INSERT OR ROLLBACK INTO main."{table.name}" '
                f'SELECT * FROM {self.SCRATCH}."{table.name}"')

    #: Rows an import's statement inserts (``insert_in_one_write``): the connection it runs
    #: on keeps one prepared statement (the event library's ``cached_statements=True``),
    #: so each chunk prepares it again, at a cost that grows with the square of its
    #: parameters (SQLite looks each numbered one up, and compares each ``CASE`` operand
    #: with those already factored out). Callgrind, 50,000 records' rows, one statement
    #: prepared per chunk: 2,558 M instructions 8 a statement, 2,581 M 16, 2,794 M 32,
    #: 3,100 M one a statement with ``NULLIF`` (main); 64 was slower than one.
    WRITE_ROWS = 16

    def insert_in_one_write(self, cur: Sql, table: Table, rows: list[tuple],
                            shared: dict[str, Any] | None = None) -> None:
        """Insert ``rows`` (as ``insert`` takes them) inside a write transaction that any
        refusal ends whole (an import's: ``ledger/projecting.py``), ``WRITE_ROWS`` a
        statement as ``INSERT OR ROLLBACK`` (the rest one a statement), in order. A
        statement of many rows that may stop half-way keeps a statement journal, a copy of
        each page it changes (past 64 KiB a temporary file): ``NULLIF`` is a function,
        which SQLite must assume may fail, so ``insert``'s stand-in for NULL is turned back by a
        ``CASE`` on the numbered parameter instead, and a refused row rolls the whole
        transaction back, as the error it raises ended it anyway (benchmarks/NOTES.md,
        import09: 17% fewer instructions for an import's rows, no temporary file).

        ``shared``: columns every row has the same value in (an import's recording time),
        left out of ``rows`` (which hold the table's other columns, in order) and bound
        once a statement: each text bound costs SQLite a copy, an allocation and a free."""
        names = tuple(shared or ())
        values = [shared[name] for name in names] if names else []
        width, many = len(table.names) - len(names), self.WRITE_ROWS
        whole = len(rows) - len(rows) % many
        if whole:
            flat = list(chain.from_iterable(rows[:whole]))
            step = width * many
            statement = _insert_rolling_back(table, many, self.null, names)
            cur.executemany(statement, [values + flat[i:i + step]
                                        for i in range(0, len(flat), step)] if names else
                            [flat[i:i + step] for i in range(0, len(flat), step)])
        if whole < len(rows):
            if names:
                cur.executemany(_insert_rolling_back(table, 1, self.null, names),
                                [(*values, *row) for row in rows[whole:]])
            else:
                cur.executemany(_insert(table, 1, self.null), rows[whole:])


class SQLiteSide(ReadSide):
    name = "sqlite"
    position = "rowid"
    bulk = SQLiteBulk()

    def create_table(self, cur: Sql, table: Table, columns: tuple[str, ...]) -> None:
        from projections.schema import index_name

        kinds = dict(table.columns)
        if all(kinds[name] in _SQL_TYPES for name in columns):
            # The statements sqlite-utils writes for these tables (the same schema, to the
            # character: tests/test_store_read_sides.py), without loading it (measured:
            # loading it was 75 ms of the 170 a new ledger took to make).
            cur.execute(f'CREATE TABLE "{table.name}" (\n' + ",\n".join(
                f'   "{name}" {_SQL_TYPES[kinds[name]]}'
                + (" PRIMARY KEY" if name == table.pk else "") for name in columns) + "\n)")
            for cols, unique in table.indexes:
                if set(cols) <= set(columns):
                    cur.execute(f'CREATE {"UNIQUE " if unique else ""}INDEX '
                                f'"{index_name(table.name, cols)}"\n    ON "{table.name}" ('
                                + ", ".join(f'"{col}"' for col in cols) + ")")
            return
        import sqlite_utils

        db = sqlite_utils.Database(cur.cursor.connection, recursive_triggers=False)
        db[table.name].create({name: kinds[name] for name in columns}, pk=table.pk)
        for cols, unique in table.indexes:
            if not set(cols) <= set(columns):
                continue  # on a column a later migration adds (``Migrator.add_index``)
            db[table.name].create_index(list(cols), index_name=index_name(table.name, cols),
                                        unique=unique)


@lru_cache(maxsize=16)
def _insert(table: Table, rows: int, null: int) -> str:
    """The statement inserting ``rows`` whole rows of ``table``: each nullable column's
    ``null`` stand-in turned back into NULL, each ``SQLiteBulk.SAME`` into the text it
    stands for (the same column's in the statement's first row, or the same row's other
    column). The statement's parameters are numbered: row r's column c is ?(r * width + c
    + 1).

    A statement of many rows is ``INSERT OR ROLLBACK`` and turns the stand-in back by a
    ``CASE``, not ``NULLIF``: a statement of many rows that may fail half-way (a function,
    which SQLite must assume may fail, or a conflict that aborts the statement) keeps a
    statement journal, a copy of every page it changes before it changes it, past 64 KiB in
    a temporary file. A rebuild's 64-row statements wrote 1.24 GB of pages there (strace:
    75,684 writes of 16 KiB by the inserting process, 200,000 records; benchmarks/NOTES.md,
    rebuild5); a refused row ends the whole transaction instead, which its error ended
    anyway (``bulk.project`` runs in the rebuild's one transaction)."""
    bulk = SQLiteBulk
    width = len(table.names)
    first = set(bulk.SAME_AS_FIRST.get(table.name, ()))
    same_as = dict(_columns(table, bulk.SAME_AS.get(table.name, ())))
    values = []
    for row in range(rows):
        exprs = []
        for c, column in enumerate(table.names):
            p = row * width + c + 1
            if column in first and row:
                exprs.append(f"CASE ?{p} WHEN {bulk.SAME} THEN ?{c + 1} ELSE ?{p} END")
            elif c in same_as:
                exprs.append(f"CASE ?{p} WHEN {bulk.SAME} THEN ?{row * width + same_as[c] + 1}"
                             f" ELSE ?{p} END")
            elif column in table.nullable and rows > 1:
                exprs.append(f"CASE ?{p} WHEN {null} THEN NULL ELSE ?{p} END")
            elif column in table.nullable:
                exprs.append(f"NULLIF(?{p}, {null})")
            else:
                exprs.append(f"?{p}")
        values.append("(" + ", ".join(exprs) + ")")
    verb = "INSERT OR ROLLBACK" if rows > 1 else "INSERT"
    return f"{verb} INTO {table.name} ({', '.join(table.names)}) VALUES " + ", ".join(values)


def _columns(table: Table, names: tuple) -> tuple:
    """``names`` (column names, or pairs of them) as the columns' places in ``table``."""
    place = {name: i for i, name in enumerate(table.names)}
    return tuple(place[name] if isinstance(name, str) else (place[name[0]], place[name[1]])
                 for name in names)


#: The SQL type sqlite-utils declares for a column of each Python type.
_SQL_TYPES = {int: "INTEGER", str: "TEXT"}

SIDE = SQLiteSide()


class SQLiteReader(Value):
    """Opens another connection to a SQLite ledger (picklable: for another process; a
    frozen value, ``valueclass``)."""

    FIELDS = ("db_name",)
    __slots__ = FIELDS
    db_name: str

    def __init__(self, db_name: str) -> None:
        _set(self, "db_name", db_name)

    def __call__(self) -> Sql:
        cur = sqlite3.connect(self.db_name, uri=True, isolation_level=None).cursor()
        mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":  # then a reader waits for the writer it is reading for
            cur.connection.close()
            raise sqlite3.OperationalError(f"the ledger's journal mode is {mode}, not wal")
        return Sql(cur, SIDE)


#: A rebuild's scratch folder, in the temporary directory: this, the rebuild's process id,
#: "-", and ``tempfile``'s random part (``scratch_attached``).
SCRATCH_PREFIX = "caledger-rebuild-"
#: The file in a scratch folder its rebuild holds an exclusive ``flock`` on while it runs.
_OWNER = "owner.lock"


@contextmanager
def scratch_attached(connection: Any) -> Iterator[str | None]:
    """A new scratch file's path, attached as ``SQLiteBulk.SCRATCH`` to ``connection`` (the
    event library's, outside any transaction: SQLite refuses to attach a file inside one)
    for a rebuild (``SQLiteReadModel.rebuilding``); None where it can't be made. Detached
    and deleted afterwards. It is only read (by ``SQLiteBulk.copy_in``) once the second
    process has written and closed it: this connection takes no lock on it before.

    Its folder is named with this process's id and locked while in use (``_owned``), so
    that the folders of rebuilds killed before they could remove their own are removed by
    the next rebuild (``remove_abandoned_scratch``); a SIGTERM meanwhile ends the rebuild
    as an interrupt does, removing its folder (``_terminating_as_exit``)."""
    import shutil
    import tempfile

    remove_abandoned_scratch(tempfile.gettempdir())
    try:
        folder = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
    except OSError:
        yield None
        return
    path = os.path.join(folder, "rm_versions.db")
    try:
        with _owned(folder), _terminating_as_exit():
            try:
                connection.cursor().execute(f"ATTACH DATABASE ? AS {SQLiteBulk.SCRATCH}",
                                            (path,))
            except sqlite3.Error:
                yield None
                return
            try:
                yield path
            finally:
                try:
                    connection.cursor().execute(f"DETACH DATABASE {SQLiteBulk.SCRATCH}")
                except sqlite3.Error:  # pragma: no cover - the connection is closing anyway
                    pass
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _owned(folder: str) -> Iterator[None]:
    """An exclusive ``flock`` on the scratch folder's owner file, held while it is in use:
    free once this process ends, however it ends (none where ``fcntl`` is not there). The
    file is locked before it is given its name, so no one finds it unlocked meanwhile."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not a POSIX system
        yield
        return
    fd = None
    try:
        fd = os.open(os.path.join(folder, _OWNER + ".new"), os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.rename(os.path.join(folder, _OWNER + ".new"), os.path.join(folder, _OWNER))
    except OSError:
        pass  # then only the process id in its name says whose it is
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)


@contextmanager
def _terminating_as_exit() -> Iterator[None]:
    """While it lasts, SIGTERM raises ``SystemExit`` (status 143, as a process ended by the
    signal) in the main thread, so that the rebuild rolls back and removes its scratch
    folder as it does when interrupted, instead of ending on the spot; a handler someone
    else installed (or an ignored SIGTERM) is left as it is, and restored after."""
    import signal
    import threading

    term = getattr(signal, "SIGTERM", None)
    if term is None or threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(term) is not signal.SIG_DFL:
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(term, stop)
    try:
        yield
    finally:
        signal.signal(term, signal.SIG_DFL)


def remove_abandoned_scratch(temp: str) -> None:
    """Remove the scratch folders (``SCRATCH_PREFIX``) in ``temp`` whose rebuild is no
    longer running: killed before it could remove its own. One is abandoned when nothing
    holds its owner file's lock (``_owned``), or, before its rebuild has made that file, when
    no process has the id in its name. Folders named without a process id (by a caledger
    before this rule) and anything else are left alone; nothing here fails a rebuild."""
    import shutil

    try:
        names = [n for n in os.listdir(temp) if n.startswith(SCRATCH_PREFIX)]
    except OSError:
        return
    for name in names:
        pid = name[len(SCRATCH_PREFIX):].partition("-")[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        folder = os.path.join(temp, name)
        try:
            if _abandoned(folder, int(pid)):
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _abandoned(folder: str, pid: int) -> bool:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not a POSIX system: never removed
        return False
    try:
        fd = os.open(os.path.join(folder, _OWNER), os.O_RDWR)
    except FileNotFoundError:
        return not _running(pid)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # held: its rebuild is running
    finally:
        os.close(fd)  # (releases the lock, if taken)
    return True


def _running(pid: int) -> bool:
    """Whether a process with id ``pid`` is running (as far as this one can see)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # there, another user's
    return True


@lru_cache(maxsize=16)
def _insert_rolling_back(table: Table, rows: int, null: int, shared: tuple[str, ...] = ()
                         ) -> str:
    """``INSERT OR ROLLBACK`` of ``rows`` whole rows of ``table``, with numbered parameters,
    each nullable column's ``null`` stand-in turned back into NULL by a ``CASE`` (no
    function: ``SQLiteBulk.insert_in_one_write``). The columns named in ``shared`` are the
    statement's first parameters, one each for every row; each row's own values (the
    other columns, in order) come after them."""
    own = [column for column in table.names if column not in shared]
    width, first = len(own), len(shared)
    values = []
    for row in range(rows):
        n = first + row * width
        place = {column: n + i for i, column in enumerate(own, start=1)}
        place.update({column: i for i, column in enumerate(shared, start=1)})
        values.append("(" + ", ".join(
            f"CASE ?{place[column]} WHEN {null} THEN NULL ELSE ?{place[column]} END"
            if column in table.nullable and column not in shared else f"?{place[column]}"
            for column in table.names) + ")")
    return (f"INSERT OR ROLLBACK INTO {table.name} ({', '.join(table.names)}) VALUES "
            + ", ".join(values))
