"""Set-based projection: the whole event log into an empty read model at once.

``project`` is the fast path of ``rebuild`` (and of catching up a read model that is still
empty after a large first import). It gives exactly the rows the incremental projection
(``ReadModel._apply``) gives, which ``tests/test_bulk_projection.py`` holds table by table,
row by row, on random ledgers of every record type with corrections and retractions, on both
stores:

1. one streaming pass over ``stored_events`` in store order writes every ``rm_log`` row and
   every ``rm_versions`` row (one bulk insert per table per batch, ``COPY`` on PostgreSQL),
   with the secondary indexes dropped; what a row needs from *other* rows (an amendment's
   company and its original's first position, when a version stopped being valid) is left
   empty, so memory stays flat however long the log is; a record's content is its text as
   stored, sliced out of the event, not parsed and written again;
2. the rm_log indexes are built, set-based statements fill in what was left empty,
   ``rm_companies`` is one ``INSERT ... SELECT ... GROUP BY``, and the rm_versions indexes
   are built.

The rows are built here, in Python (orjson), not by the database's JSON functions: measured
on 1,000,000 events, SQLite 3.40's ``json_extract`` of every field a row needs took more CPU
than parsing in Python and inserting, and PostgreSQL parses JSON more slowly than the client.
What differs between the stores (statements, settings, bulk insert) is in one class per store.
It reads only the facts of ``ledger.kinds`` (category, BTC effect), so a new record type
needs no change here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import orjson

from ledger import kinds
from ledger.values import parse_period

from .sql import Sql

#: Stored events read and written per round.
BATCH = 20_000
_SORT = orjson.OPT_SORT_KEYS
_FLOW, _ANCHOR, _CHANGE = "flow", "anchor", "change"
_LOG_COLUMNS = ("position", "record_id", "kind", "type", "company", "target", "recorded_at",
                "known_from", "content")
_VERSION_COLUMNS = ("position", "record_id", "first_position", "valid_to", "company", "type",
                    "category", "effective", "eff_start", "eff_end", "d_total", "d_loaned",
                    "d_pledged", "a_total", "a_loaned", "a_pledged", "change")
#: The columns a bulk-built row may leave NULL.
_NULLABLE = {"rm_log": frozenset({"record_id", "type", "company", "target"}),
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


_periods: dict[str, tuple[str, str, str]] = {}
_types: dict[str, tuple[str, tuple[int, int, int] | None]] = {}


def _period(effective: str) -> tuple[str, str, str]:
    """(canonical text, first day, last day) of an effective period, remembered."""
    found = _periods.get(effective)
    if found is None:
        period = parse_period(effective)
        found = (period.text, period.start.isoformat(), period.end.isoformat())
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


def version_row(position: int, first_position: Any, record_id: str,
                record: dict[str, Any], null: Any = None) -> tuple:
    """The ``rm_versions`` row of one version of a record's content; ``null`` stands for
    SQL NULL (``_Store.null``)."""
    record_type = record["type"]
    category, effect = _type(record_type)
    text, start, end = _period(record["effective"])
    if category == _FLOW:
        amount = sats(record["btc"])
        assert effect is not None
        return (position, record_id, first_position, null, record["company"], record_type,
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
    return (position, record_id, first_position, null, record["company"], record_type,
            category, text, start, end, null, null, null, a_total, a_loaned, a_pledged, change)


def _content(state: bytes, body: dict[str, Any]) -> str:
    """The record's canonical text: sliced out of the stored envelope when it is laid out as
    ``ledger.envelope`` writes it (its four keys sorted, compact, the record in canonical
    form), written again from the parsed record otherwise."""
    kind, recorded_at = body["kind"], body["recorded_at"]
    start = 20 + len(kind)   # {"kind":"<kind>","record":
    end = len(state) - 24 - len(recorded_at)   # ,"recorded_at":"<at>","v":1}
    if len(body) == 4 and state[start - 11:start] == b'","record":' \
            and state[end:end + 16] == b',"recorded_at":"' and state.endswith(b'","v":1}') \
            and state.startswith(b'{"kind":"'):
        return state[start:end].decode()
    return orjson.dumps(body["record"], option=_SORT).decode()


def _rows(events: list[tuple[int, Any]], known_from: str, null: Any = None
          ) -> tuple[list[tuple], list[tuple], str]:
    """rm_log and rm_versions rows of a run of stored events, ``null`` standing for SQL NULL;
    amendments' company and first position are left NULL for the set-based pass."""
    log_rows: list[tuple] = []
    version_rows: list[tuple] = []
    log_append, version_append = log_rows.append, version_rows.append
    loads = orjson.loads
    for position, state in events:
        body = loads(state)
        if body.get("v") != 1:  # the place to upcast, as ledger.envelope.decode does
            raise ValueError(f"stored record has schema version {body.get('v')!r}, expected 1")
        kind, recorded_at, record = body["kind"], body["recorded_at"], body["record"]
        if recorded_at > known_from:
            known_from = recorded_at
        content = _content(state, body)
        if kind == "record":
            record_id = record["id"]
            log_append((position, record_id, "record", record["type"], record["company"], null,
                        recorded_at, known_from, content))
            version_append(version_row(position, position, record_id, record, null))
        elif kind == "claim":
            log_append((position, null, "claim", null, null, null, recorded_at, known_from,
                        content))
        else:
            target = record["corrects"] if kind == "correction" else record["retracts"]
            replacement = record.get("event")
            log_append((position, record["id"], kind,
                        replacement["type"] if replacement else null, null, target,
                        recorded_at, known_from, content))
            if replacement is not None:
                version_append(version_row(position, null, target, replacement, null))
    return log_rows, version_rows, known_from


class _Store:
    """Everything the set-based projection says differently on one store, in one place."""

    #: The stored events' position column.
    position: str
    #: The fix-ups, after the rm_log indexes: an amendment belongs to its original's
    #: company (the first statement); a replacement version keeps its original's first
    #: position; a version stops being valid at the next amendment.
    fix_ups: tuple[str, ...]
    #: Days from a version's first day to its last.
    span: str
    #: Run once rm_log is indexed, and once rm_versions is.
    after_log: tuple[str, ...] = ()
    after_versions: tuple[str, ...] = ()
    #: What the rows built for ``insert`` carry for SQL NULL.
    null: Any = None

    @contextmanager
    def settings(self, cur: Sql) -> Iterator[None]:
        yield

    def events(self, cur: Sql, table: str, after: int, limit: int) -> list[tuple[int, bytes]]:
        """(position, state) of up to ``limit`` stored events after position ``after``."""
        return cur.execute(f"SELECT {self.position}, state FROM {table} "
                           f"WHERE {self.position} > ? ORDER BY {self.position} LIMIT ?",
                           (after, limit)).fetchall()

    def secondary_indexes(self, cur: Sql, table: str) -> list[tuple[str, str]]:
        """(name, CREATE statement) of the table's indexes other than its primary key."""
        raise NotImplementedError

    def insert(self, cur: Sql, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        raise NotImplementedError


class _SQLite(_Store):
    position = "rowid"
    #: Correlated subqueries: SQLite runs them through the indexes just built. Every version
    #: left without a first position is a replacement, so its record was amended: one pass
    #: over the amended records' versions sets both columns.
    fix_ups = (
        "UPDATE rm_log SET company = (SELECT o.company FROM rm_log o "
        "WHERE o.record_id = rm_log.target AND o.kind = 'record') WHERE target IS NOT NULL",
        "UPDATE rm_versions SET first_position = COALESCE(first_position, (SELECT o.position "
        "FROM rm_log o WHERE o.record_id = rm_versions.record_id AND o.kind = 'record')), "
        "valid_to = (SELECT MIN(a.position) FROM rm_log a "
        "WHERE a.target = rm_versions.record_id AND a.position > rm_versions.position) "
        "WHERE record_id IN (SELECT target FROM rm_log WHERE target IS NOT NULL)",
    )
    span = "CAST(julianday(eff_end) - julianday(eff_start) AS INTEGER)"
    #: Rows carry this integer for NULL, which the insert turns back into NULL: Python's
    #: sqlite3 binds None by way of its adapter look-up, which failing costs about half a
    #: microsecond a value (measured: 4.2 us a row of rm_versions' 17 values, 2.5 with this);
    #: an int is bound directly. No column holds it otherwise (positions are positive,
    #: amounts far smaller, and text is never equal to an integer). Not -2**63, whose
    #: literal SQLite would read as a float.
    null = 1 - 2**63
    #: Page cache while projecting (KiB): the loads, index builds and fix-ups work in it
    #: instead of going back to the file for every page.
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
    #: Joins, planned after ANALYZE: the planner would otherwise run them row by row.
    fix_ups = (
        "UPDATE rm_log SET company = o.company FROM rm_log o "
        "WHERE o.record_id = rm_log.target AND o.kind = 'record'",
        "UPDATE rm_versions SET first_position = o.position FROM rm_log o "
        "WHERE rm_versions.first_position IS NULL AND o.record_id = rm_versions.record_id "
        "AND o.kind = 'record'",
        "UPDATE rm_versions SET valid_to = n.next FROM (SELECT v.position, "
        "MIN(a.position) AS next FROM rm_versions v JOIN rm_log a ON a.target = v.record_id "
        "AND a.position > v.position GROUP BY v.position) n "
        "WHERE rm_versions.position = n.position",
    )
    span = "(CAST(eff_end AS DATE) - CAST(eff_start AS DATE))"
    after_log = ("ANALYZE rm_log",)
    after_versions = ("ANALYZE rm_versions",)

    @contextmanager
    def settings(self, cur: Sql) -> Iterator[None]:
        """Memory for the index builds and the fix-ups' hash joins, for this transaction."""
        cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cur.execute("SET LOCAL work_mem = '64MB'")
        yield

    def events(self, cur: Sql, table: str, after: int, limit: int) -> list[tuple[int, bytes]]:
        """In binary: the states as they are stored, not hex text to decode."""
        cur.cursor.execute(f"SELECT {self.position}, state FROM {table} "
                           f"WHERE {self.position} > %s ORDER BY {self.position} LIMIT %s",
                           (after, limit), binary=True)
        return cur.cursor.fetchall()

    def secondary_indexes(self, cur: Sql, table: str) -> list[tuple[str, str]]:
        return list(cur.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = current_schema() AND i.tablename = ? AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) "
            "ORDER BY i.indexname", (table,)))

    def insert(self, cur: Sql, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """``COPY``, each row written out by psycopg's C formatter."""
        with cur.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            write = copy.write_row
            for row in rows:
                write(row)


STORES: dict[str, _Store] = {"sqlite": _SQLite(), "postgresql": _Postgres()}


@contextmanager
def settings(cur: Sql) -> Iterator[None]:
    """The store's settings for projecting a whole log (and dropping the old read model)."""
    with STORES[cur.dialect].settings(cur):
        yield


def project(cur: Sql, events_table: str, *, known_from: str = "",
            progress: Callable[[str, int], None] | None = None,
            phase: str = "replaying") -> tuple[int, int]:
    """Project every stored event into the EMPTY read-model tables; return (events, last
    position). Runs inside the caller's projecting transaction, within ``settings``."""
    store = STORES[cur.dialect]
    indexes = {table: store.secondary_indexes(cur, table) for table in ("rm_log", "rm_versions")}
    for table_indexes in indexes.values():
        for name, _ in table_indexes:
            cur.execute(f'DROP INDEX "{name}"')
    count, last = 0, 0
    while True:
        events = store.events(cur, events_table, last, BATCH)
        if not events:
            break
        log_rows, version_rows, known_from = _rows(events, known_from, store.null)
        store.insert(cur, "rm_log", _LOG_COLUMNS, log_rows)
        if version_rows:
            store.insert(cur, "rm_versions", _VERSION_COLUMNS, version_rows)
        count += len(events)
        last = events[-1][0]
        if progress is not None:
            progress(phase, len(events))
    for _, statement in indexes["rm_log"]:
        cur.execute(statement)
    for statement in store.after_log:
        cur.execute(statement)
    for n, statement in enumerate(store.fix_ups):
        cur.execute(statement)
        if n == 0:
            orphan = cur.execute("SELECT kind, record_id, target FROM rm_log WHERE target IS "
                                 "NOT NULL AND company IS NULL LIMIT 1").fetchone()
            if orphan is not None:
                raise ValueError(f"stored {orphan[0]} {orphan[1]} amends unknown {orphan[2]}")
    # Before rm_versions is indexed: one scan of it beats a lookup per flow.
    cur.execute(
        "INSERT INTO rm_companies (company, records, first_position, last_position, max_span) "
        "SELECT l.company, COUNT(*), MIN(l.position), MAX(l.position), "
        "COALESCE(MAX(s.span), 0) FROM rm_log l LEFT JOIN "
        f"(SELECT company, MAX({store.span}) AS span FROM rm_versions "
        "WHERE category = 'flow' GROUP BY company) s ON s.company = l.company "
        "WHERE l.company IS NOT NULL GROUP BY l.company ORDER BY MIN(l.position)")
    for _, statement in indexes["rm_versions"]:
        cur.execute(statement)
    for statement in store.after_versions:
        cur.execute(statement)
    return count, last
