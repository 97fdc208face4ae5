"""Set-based projection: the whole event log into an empty read model at once.

``project`` is the fast path of ``rebuild`` (and of catching up a read model that is still
empty after a large first import). It gives exactly the rows the incremental projection
(``ReadModel._apply``) gives, which ``tests/test_bulk_projection.py`` holds table by table,
row by row, on random ledgers of every record type with corrections and retractions, on both
stores:

1. one query lists the amendments' positions, by the stream (record) they amend: a few
   per amended record, nothing for the rest;
2. one streaming pass over ``stored_events`` in store order writes every ``rm_log`` and
   ``rm_versions`` row complete (one bulk insert per table per batch, ``COPY ... FREEZE`` on
   PostgreSQL), with the secondary indexes dropped (but for those whose keys rise with
   the position, ``_RISING``): what a row needs from other events (an
   amendment's company and its original's first position, when a version stops being
   valid) comes from that list and from the amended originals met earlier in the pass, so
   no row is updated afterwards; a record's content is its text as stored, sliced out of
   the event, not parsed and written again; ``rm_companies`` is gathered on the way;
3. the indexes are built.

For a long log (``PARALLEL_MIN``) the reading and the row building of step 2 run in a
second process, on its own connection, while this one inserts (``_BuiltElsewhere``): the
same code on the same events, so the same rows.

The rows are built in Python (orjson), not by the database's JSON functions: measured on
1,000,000 events, SQLite 3.40's ``json_extract`` of every field a row needs took more CPU
than parsing in Python and inserting, and PostgreSQL parses JSON more slowly than the client.
What differs between the stores (statements, settings, bulk insert) is in one class per store.
It reads only the facts of ``ledger.kinds`` (category, BTC effect), so a new record type
needs no change here.
"""

from __future__ import annotations

import bisect
import marshal
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from eventsourcing.persistence import PersistenceError

from ledger import kinds
from ledger.values import parse_period

from .schema import RM_COMPANIES, RM_LOG, RM_VERSIONS, index_name
from .sql import Sql

#: Stored events read and written per round.
BATCH = 5_000
#: A log at least this long is read, and turned into rows, by a second process while this
#: one inserts them (where there are two cores or more).
PARALLEL_MIN = 2 * BATCH
_SORT = orjson.OPT_SORT_KEYS
_FLOW, _ANCHOR, _CHANGE = "flow", "anchor", "change"
#: Indexes kept while the rows are loaded, not dropped and built afterwards: their keys rise
#: with the position, the order rows are loaded in (``known_from`` is the running maximum of
#: the recording times in store order), so each row's entry goes on the index's last page.
#: Measured on 1,000,000 events: 0.5-0.8 s less per rebuild (benchmarks/RESULTS.md).
_RISING = frozenset({index_name("rm_log", ("known_from", "position"))})
_LOG_COLUMNS = ("position", "record_id", "kind", "type", "company", "target", "recorded_at",
                "known_from", "content")
_VERSION_COLUMNS = ("position", "record_id", "first_position", "valid_to", "company", "type",
                    "category", "effective", "eff_start", "eff_end", "d_total", "d_loaned",
                    "d_pledged", "a_total", "a_loaned", "a_pledged", "change")
_COMPANY_COLUMNS = ("company", "records", "first_position", "last_position", "max_span")
#: The columns a bulk-built row may leave NULL.
_NULLABLE = {"rm_companies": frozenset(),
             "rm_log": frozenset({"record_id", "type", "company", "target"}),
             "rm_versions": frozenset({"first_position", "valid_to", "d_total", "d_loaned",
                                       "d_pledged", "a_total", "a_loaned", "a_pledged",
                                       "change"})}


def sats(text: str | None) -> int | None:
    """Exact satoshis of a stored (validated, canonical) BTC amount, without Decimal."""
    if text is None:
        return None
    whole, dot, fraction = text.partition(".")
    if not dot:
        return int(whole) * 100_000_000
    value = int(whole.lstrip("-")) * 100_000_000 + int(fraction.ljust(8, "0"))
    return -value if whole.startswith("-") else value


_periods: dict[str, tuple[str, str, str, int]] = {}
_types: dict[str, tuple[str, tuple[int, int, int] | None]] = {}


def _period(effective: str) -> tuple[str, str, str, int]:
    """(canonical text, first day, last day, days from the first to the last) of an
    effective period, remembered."""
    found = _periods.get(effective)
    if found is None:
        period = parse_period(effective)
        found = (period.text, period.start.isoformat(), period.end.isoformat(),
                 (period.end - period.start).days)
        if len(_periods) < 200_000:
            _periods[effective] = found
    return found


def _type(record_type: str) -> tuple[str, tuple[int, int, int] | None]:
    """(category, BTC effect) of a record type, from ``ledger.kinds``."""
    found = _types.get(record_type)
    if found is None:
        found = _types[record_type] = (kinds.category(record_type),
                                       kinds.BTC_EFFECT.get(record_type))
    return found


def version_row(position: int, first_position: Any, valid_to: Any, record_id: str,
                record: dict[str, Any], null: Any = None) -> tuple:
    """The ``rm_versions`` row of one version of a record's content; ``null`` stands for
    SQL NULL (``_Store.null``)."""
    record_type = record["type"]
    category, effect = _type(record_type)
    text, start, end, _ = _period(record["effective"])
    if category == _FLOW:
        amount = sats(record["btc"])
        assert effect is not None
        return (position, record_id, first_position, valid_to, record["company"], record_type,
                category, text, start, end, effect[0] * amount, effect[1] * amount,
                effect[2] * amount, null, null, null, null)
    a_total = a_loaned = a_pledged = change = null
    if category == _ANCHOR:
        a_total = sats(record["btc"])
        if "loaned" in record:
            a_loaned = sats(record["loaned"])
        if "pledged" in record:
            a_pledged = sats(record["pledged"])
    elif category == _CHANGE:
        change = sats(record["btc"])
    return (position, record_id, first_position, valid_to, record["company"], record_type,
            category, text, start, end, null, null, null, a_total, a_loaned, a_pledged, change)


def _content(state: bytes, body: dict[str, Any]) -> str:
    """The record's canonical text: sliced out of the stored envelope when it is laid out as
    ``ledger.envelope`` writes it (its keys sorted, compact, the record in canonical form),
    written again from the parsed record otherwise."""
    kind, recorded_at = body["kind"], body["recorded_at"]
    start = 20 + len(kind)   # {"kind":"<kind>","record":
    if body.get("v") == 1 and len(body) == 4:
        tail = b'","v":1}'
    elif body.get("v") == 2 and len(body) == 6 + ("sig" in body):
        # ,"recorded_at":"<at>","recorded_by":<by>[,"sig":<sig>],"v":2,"via":<via>}
        tail = b'","recorded_by":' + orjson.dumps(body["recorded_by"]) \
            + (b',"sig":' + orjson.dumps(body["sig"], option=_SORT) if "sig" in body else b"") \
            + b',"v":2,"via":' + orjson.dumps(body["via"]) + b"}"
    else:
        tail = None
    if tail is not None:
        end = len(state) - len(tail) - 16 - len(recorded_at)
        if state[start - 11:start] == b'","record":' and state.endswith(tail) \
                and state[end:end + 16] == b',"recorded_at":"' \
                and state.startswith(b'{"kind":"'):
            return state[start:end].decode()
    return orjson.dumps(body["record"], option=_SORT).decode()


class _Rows:
    """The rows of the stored events, built in store order, each complete when built.

    What a row needs from later events is known beforehand: ``amended`` holds, for each
    stream with amendments, their positions (the store's rows at version 2 and up, read
    once before). A version is valid until the next of them; an amendment belongs to its
    original's company and a replacement keeps the original's first position, remembered
    when the original (always earlier in its stream) goes by: one entry per amended record,
    nothing for the rest. ``companies`` gathers the ``rm_companies`` rows on the way."""

    def __init__(self, amended: dict[str, list[int]], known_from: str, null: Any):
        self.amended = amended
        self.originals: dict[str, tuple[int, str, str]] = {}  # stream -> position, id, company
        #: company -> [records, first position, last position, longest flow in days]
        self.companies: dict[str, list[int]] = {}
        self.known_from = known_from
        self.null = null

    def _valid_to(self, stream: str, position: int) -> Any:
        later = self.amended.get(stream)
        if later is not None:
            i = bisect.bisect_right(later, position)
            if i < len(later):
                return later[i]
        return self.null

    def __call__(self, events: list[tuple[int, str, Any]]) -> tuple[list[tuple], list[tuple]]:
        """rm_log and rm_versions rows of a run of (position, stream, state) events."""
        log_rows: list[tuple] = []
        version_rows: list[tuple] = []
        log_append, version_append = log_rows.append, version_rows.append
        loads, null, amended, companies = orjson.loads, self.null, self.amended, self.companies
        known_from = self.known_from
        for position, stream, state in events:
            body = loads(state)
            if body.get("v") not in (1, 2):  # as ledger.envelope.decode upcasts
                raise ValueError(f"stored record has schema version {body.get('v')!r}, "
                                 "expected 1 or 2")
            kind, recorded_at, record = body["kind"], body["recorded_at"], body["record"]
            if recorded_at > known_from:
                known_from = recorded_at
            content = _content(state, body)
            if kind == "claim":
                log_append((position, null, "claim", null, null, null, recorded_at, known_from,
                            content))
                continue
            if kind == "record":
                record_id, company, version = record["id"], record["company"], record
                log_append((position, record_id, "record", record["type"], company, null,
                            recorded_at, known_from, content))
                first_position, valid_to = position, null
                if stream in amended:
                    self.originals[stream] = (position, record_id, company)
                    valid_to = self._valid_to(stream, position)
            else:
                record_id = record["corrects"] if kind == "correction" else record["retracts"]
                original = self.originals.get(stream)
                if original is None or original[1] != record_id:
                    raise ValueError(f"stored {kind} {record['id']} amends unknown {record_id}")
                first_position, _, company = original
                version = record.get("event")
                log_append((position, record["id"], kind,
                            version["type"] if version is not None else null, company,
                            record_id, recorded_at, known_from, content))
                if version is not None:
                    valid_to = self._valid_to(stream, position)
            entry = companies.get(company)
            if entry is None:
                entry = companies[company] = [0, position, position, 0]
            entry[0] += 1
            entry[2] = position
            if version is not None:
                row = version_row(position, first_position, valid_to, record_id, version, null)
                version_append(row)
                if row[6] == _FLOW:
                    entry[3] = max(entry[3], _period(version["effective"])[3])
        self.known_from = known_from
        return log_rows, version_rows


class _Store:
    """Everything the set-based projection says differently on one store, in one place."""

    #: The stored events' position column.
    position: str
    #: Run first, on the empty tables; and last, once they are indexed.
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    #: What the rows built for ``insert`` carry for SQL NULL.
    null: Any = None

    @contextmanager
    def settings(self, cur: Sql) -> Iterator[None]:
        yield

    def events(self, cur: Sql, table: str, after: int, upto: int, limit: int
               ) -> list[tuple[int, str, bytes]]:
        """(position, stream, state) of up to ``limit`` stored events after ``after``, up
        to ``upto``."""
        return cur.execute(f"SELECT {self.position}, CAST(originator_id AS TEXT), state "
                           f"FROM {table} WHERE {self.position} > ? AND {self.position} <= ? "
                           f"ORDER BY {self.position} LIMIT ?", (after, upto, limit)).fetchall()

    def amended(self, cur: Sql, table: str, upto: int) -> dict[str, list[int]]:
        """Stream -> positions of its amendments (its events after the first) up to
        ``upto``, ascending."""
        found: dict[str, list[int]] = {}
        for stream, position in cur.execute(
                f"SELECT CAST(originator_id AS TEXT), {self.position} FROM {table} "
                f"WHERE originator_version > 1 AND {self.position} <= ?", (upto,)):
            found.setdefault(stream, []).append(position)
        for positions in found.values():
            positions.sort()
        return found

    def secondary_indexes(self, cur: Sql, table: str) -> list[tuple[str, str]]:
        """(name, CREATE statement) of the table's indexes other than its primary key."""
        raise NotImplementedError

    def insert(self, cur: Sql, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        raise NotImplementedError


class _SQLite(_Store):
    position = "rowid"
    #: Rows carry this integer for NULL, which the insert turns back into NULL: Python's
    #: sqlite3 binds None by way of its adapter look-up, which failing costs about half a
    #: microsecond a value (measured: 4.2 us a row of rm_versions' 17 values, 2.5 with this);
    #: an int is bound directly. No column holds it otherwise (positions are positive,
    #: amounts far smaller, and text is never equal to an integer). Not -2**63, whose
    #: literal SQLite would read as a float.
    null = 1 - 2**63
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

    def insert(self, cur: Sql, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        values = ", ".join(f"NULLIF(?{n}, {self.null})" if column in _NULLABLE[table]
                           else f"?{n}" for n, column in enumerate(columns, start=1))
        cur.executemany(f"INSERT INTO {table} VALUES ({values})", rows)


class _Postgres(_Store):
    position = "notification_id"
    after = ("ANALYZE rm_log", "ANALYZE rm_versions")
    #: Emptied in this transaction (they are empty already: the cost is nothing), so that
    #: ``COPY ... FREEZE`` may write their rows frozen and all-visible, as a VACUUM would
    #: leave them. Otherwise each row's first reader after the commit looks its transaction
    #: up and sets its hint bits, dirtying the page: measured, a cold ``holdings`` query
    #: after a 1,000,000-event projection dirtied some 40 pages and took 1.5-1.9 ms to
    #: execute, 0.3 ms once they were set. No row is updated afterwards, so they stay so.
    before = ("TRUNCATE rm_log, rm_versions, rm_companies",)

    @contextmanager
    def settings(self, cur: Sql) -> Iterator[None]:
        """Memory for the index builds, for this transaction."""
        cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cur.execute("SET LOCAL work_mem = '64MB'")
        yield

    def events(self, cur: Sql, table: str, after: int, upto: int, limit: int
               ) -> list[tuple[int, str, bytes]]:
        """In binary: the states as they are stored, not hex text to decode."""
        cur.cursor.execute(f"SELECT {self.position}, CAST(originator_id AS TEXT), state "
                           f"FROM {table} WHERE {self.position} > %s AND {self.position} <= %s "
                           f"ORDER BY {self.position} LIMIT %s", (after, upto, limit),
                           binary=True)
        return cur.cursor.fetchall()

    def secondary_indexes(self, cur: Sql, table: str) -> list[tuple[str, str]]:
        return list(cur.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = current_schema() AND i.tablename = ? AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) "
            "ORDER BY i.indexname", (table,)))

    def insert(self, cur: Sql, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """``COPY``, binary (the server reads it with less work than text), each row
        written out by psycopg's C formatter; frozen (``before``)."""
        with cur.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN "
                             "(FORMAT BINARY, FREEZE)") as copy:
            copy.set_types([_PG_TYPES[table, column] for column in columns])
            write = copy.write_row
            for row in rows:
                write(row)


#: Each column's PostgreSQL type, for binary COPY (``schema.py`` declares them).
_PG_TYPES = {(table.name, column): "int8" if kind is int else "text"
             for table in (RM_LOG, RM_VERSIONS, RM_COMPANIES) for column, kind in table.columns}

STORES: dict[str, _Store] = {"sqlite": _SQLite(), "postgresql": _Postgres()}


@contextmanager
def settings(cur: Sql) -> Iterator[None]:
    """The store's settings for projecting a whole log (and dropping the old read model)."""
    with STORES[cur.dialect].settings(cur):
        yield


class _Batches:
    """The rows of every stored event up to position ``upto``, a batch at a time: (rm_log
    rows, rm_versions rows, events, last position); then ``companies``, the rm_companies
    rows. Events stored after ``upto`` (on PostgreSQL other writers may append meanwhile)
    are left to the incremental projection: the amendments were listed up to it."""

    def __init__(self, cur: Sql, events_table: str, upto: int, known_from: str):
        self.cur, self.table, self.upto, self.known_from = cur, events_table, upto, known_from
        self.companies: list[tuple] = []

    def __iter__(self) -> Iterator[tuple[list[tuple], list[tuple], int, int]]:
        store = STORES[self.cur.dialect]
        rows = _Rows(store.amended(self.cur, self.table, self.upto), self.known_from,
                     store.null)
        last = 0
        while True:
            events = store.events(self.cur, self.table, last, self.upto, BATCH)
            if not events:
                break
            last = events[-1][0]
            yield (*rows(events), len(events), last)
        self.companies = [(company, *entry) for company, entry in rows.companies.items()]

    def close(self) -> None:
        pass


class _BuiltElsewhere:
    """``_Batches`` built by a second process on its own connection (``reader()``), sent
    down a pipe as they are built (marshal: the fastest to read back of what the standard
    library offers for tuples of text and integers), so that building the next batch
    overlaps with inserting this one. The log does not change meanwhile: the caller's
    transaction holds the projection's lock, and on SQLite the store's write lock.

    The process is a fresh interpreter running ``_CHILD``, not a fork: a fork would share
    this process's pages, and every page this one then changes (its page cache, the rows
    it inserts) would be counted again in the copy (measured on a 1,000,000-record import:
    106 MB for a forked process, about 45 for a fresh one). Not ``multiprocessing``'s
    spawn either, which would run the caller's main script again in it. ``reader`` is
    pickled to it on its standard input; frames come back on its standard output."""

    def __init__(self, reader: Callable[[], Sql], events_table: str, upto: int,
                 known_from: str):
        import pickle  # here, not at start-up: only a long projection needs them
        import subprocess
        import tempfile

        root = str(Path(__file__).resolve().parent.parent)  # where ``projections`` is
        path = os.environ.get("PYTHONPATH")
        env = {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}
        self.stderr = tempfile.TemporaryFile()  # read only if it fails
        self.child = subprocess.Popen([sys.executable, "-c", _CHILD], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, stderr=self.stderr, env=env)
        stdin, self.stdout = self.child.stdin, self.child.stdout
        assert stdin is not None and self.stdout is not None
        try:
            with stdin:
                stdin.write(pickle.dumps((reader, events_table, upto, known_from)))
        except OSError:
            pass  # it ended already: reading its output says so
        self.child.stdin = None
        self.companies: list[tuple] = []

    @classmethod
    def started(cls, reader: Callable[[], Sql], events_table: str, upto: int,
                known_from: str) -> _BuiltElsewhere | None:
        """The second process, once it has connected to the store; None if it could not
        start or connect (an interpreter that can't be run, a connection refused): then the
        rows are built here, the same rows on one core."""
        try:
            built = cls(reader, events_table, upto, known_from)
        except OSError:
            return None
        try:
            if built._frame() == ("ready",):
                return built
        except PersistenceError:
            pass
        built.close()
        return None

    def _frame(self) -> Any:
        head = self.stdout.read(8)
        body = self.stdout.read(int.from_bytes(head, "little")) if len(head) == 8 else b""
        if len(head) < 8 or not body:
            self.child.wait()
            self.stderr.seek(0)
            said = self.stderr.read().decode(errors="replace").strip().splitlines()
            raise PersistenceError("the process reading the log ended unexpectedly (exit "
                                   f"status {self.child.returncode}"
                                   + (f": {said[-1]}" if said else "") + ")")
        return marshal.loads(body)

    def __iter__(self) -> Iterator[tuple[list[tuple], list[tuple], int, int]]:
        while True:
            message = self._frame()
            if message[0] == "end":
                self.companies = message[1]
                return
            if message[0] == "unreadable":  # as the rows were built here: the log's fault
                raise {"KeyError": KeyError, "TypeError": TypeError}.get(
                    message[1], ValueError)(*message[2])
            if message[0] == "failed":
                raise PersistenceError(message[1])
            yield message

    def close(self) -> None:
        if self.child.poll() is None:
            self.child.kill()
        self.stdout.close()
        self.child.wait()
        self.stderr.close()


#: What the second process runs.
_CHILD = "from projections.bulk import _child; _child()"


def _child() -> None:
    """The second process: build every batch on a new connection and write it out."""
    import pickle

    out = sys.stdout.buffer

    def send(message: Any) -> None:
        data = marshal.dumps(message)
        out.write(len(data).to_bytes(8, "little"))
        out.write(data)
        out.flush()

    reader, events_table, upto, known_from = pickle.loads(sys.stdin.buffer.read())
    try:
        batches = _Batches(reader(), events_table, upto, known_from)
        send(("ready",))  # connected: from here on a failure stops the projection
        for batch in batches:
            send(batch)
        send(("end", batches.companies))
    except (ValueError, KeyError, TypeError) as e:
        args = tuple(a if isinstance(a, (str, int)) else str(a) for a in e.args)
        send(("unreadable", type(e).__name__, args))
    except BrokenPipeError:
        pass  # the storing process has stopped listening
    except Exception as e:  # noqa: BLE001 - the storing process reports it
        send(("failed", f"{type(e).__name__}: {e}"))


def _parallel() -> bool:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) >= 2


def project(cur: Sql, events_table: str, *, known_from: str = "",
            progress: Callable[[str, int], None] | None = None,
            phase: str = "replaying", reader: Callable[[], Sql] | None = None
            ) -> tuple[int, int]:
    """Project every stored event (up to the newest when it starts) into the EMPTY
    read-model tables; return (events, last position). Runs inside the caller's projecting
    transaction, within ``settings``. ``reader()`` opens another connection to the store:
    given, a long log's rows are built by a second process meanwhile (``PARALLEL_MIN``)."""
    store = STORES[cur.dialect]
    for statement in store.before:
        cur.execute(statement)
    indexes = {table: [(name, statement) for name, statement in store.secondary_indexes(
                           cur, table) if name not in _RISING]
               for table in ("rm_log", "rm_versions")}
    for table_indexes in indexes.values():
        for name, _ in table_indexes:
            cur.execute(f'DROP INDEX "{name}"')
    head = cur.execute(f"SELECT MAX({store.position}) FROM {events_table}").fetchone()[0] or 0
    batches: _Batches | _BuiltElsewhere = _Batches(cur, events_table, head, known_from)
    if reader is not None and head >= PARALLEL_MIN and _parallel():
        batches = _BuiltElsewhere.started(reader, events_table, head, known_from) or batches
    count, last = 0, 0
    try:
        for log_rows, version_rows, n, last in batches:
            store.insert(cur, "rm_log", _LOG_COLUMNS, log_rows)
            if version_rows:
                store.insert(cur, "rm_versions", _VERSION_COLUMNS, version_rows)
            count += n
            if progress is not None:
                progress(phase, n)
    finally:
        batches.close()
    if batches.companies:
        store.insert(cur, "rm_companies", _COMPANY_COLUMNS, batches.companies)
    for table_indexes in indexes.values():
        for _, statement in table_indexes:
            cur.execute(statement)
    for statement in store.after:
        cur.execute(statement)
    return count, last
