"""Set-based projection: the whole event log into an empty read model at once.

``project`` is the fast path of ``rebuild`` (and of catching up a read model that is still
empty after a large first import). It gives exactly the rows the incremental projection
(``ReadModel._apply``) gives, which ``tests/test_bulk_projection.py`` holds table by table,
row by row, on random ledgers with corrections and retractions, on both stores:

1. one streaming pass over ``stored_events`` in store order writes every ``rm_log`` row and
   every ``rm_versions`` row (one bulk insert per table per batch, ``COPY`` on PostgreSQL),
   with the secondary indexes dropped; what a row needs from *other* rows (an amendment's
   company and its original's first position, when a version stopped being valid) is left
   empty, so memory stays flat however long the log is;
2. the indexes are built once, over the loaded tables;
3. three set-based statements fill in what was left empty, and ``rm_companies`` is one
   ``INSERT ... SELECT ... GROUP BY``.

It reads only the facts of ``ledger.kinds`` (category, BTC effect), so a new record type
needs no change here.
"""

from __future__ import annotations

from collections.abc import Callable
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


def version_row(position: int, first_position: int | None, record_id: str,
                record: dict[str, Any]) -> tuple:
    """The ``rm_versions`` row of one version of a record's content."""
    record_type = record["type"]
    category, effect = _type(record_type)
    text, start, end = _period(record["effective"])
    if category == _FLOW:
        amount = sats(record["btc"])
        assert effect is not None
        return (position, record_id, first_position, None, record["company"], record_type,
                category, text, start, end, effect[0] * amount, effect[1] * amount,
                effect[2] * amount, None, None, None, None)
    a_total = a_loaned = a_pledged = change = None
    if category == _ANCHOR:
        a_total = sats(record["btc"])
        a_loaned = sats(record.get("loaned"))
        a_pledged = sats(record.get("pledged"))
    elif category == _CHANGE:
        change = sats(record["btc"])
    return (position, record_id, first_position, None, record["company"], record_type,
            category, text, start, end, None, None, None, a_total, a_loaned, a_pledged, change)


def _rows(events: list[tuple[int, Any]], known_from: str
          ) -> tuple[list[tuple], list[tuple], str]:
    """rm_log and rm_versions rows of a run of stored events; amendments' company and first
    position are left None for the set-based pass."""
    log_rows: list[tuple] = []
    version_rows: list[tuple] = []
    log_append, version_append = log_rows.append, version_rows.append
    loads, dumps = orjson.loads, orjson.dumps
    for position, state in events:
        body = loads(state)
        if body.get("v") != 1:  # the place to upcast, as ledger.envelope.decode does
            raise ValueError(f"stored record has schema version {body.get('v')!r}, expected 1")
        kind, recorded_at, record = body["kind"], body["recorded_at"], body["record"]
        if recorded_at > known_from:
            known_from = recorded_at
        content = dumps(record, option=_SORT).decode()
        if kind == "record":
            record_id = record["id"]
            log_append((position, record_id, "record", record["type"], record["company"], None,
                        recorded_at, known_from, content))
            version_append(version_row(position, position, record_id, record))
        elif kind == "claim":
            log_append((position, None, "claim", None, None, None, recorded_at, known_from,
                        content))
        else:
            target = record["corrects"] if kind == "correction" else record["retracts"]
            replacement = record.get("event")
            log_append((position, record["id"], kind,
                        replacement["type"] if replacement else None, None, target,
                        recorded_at, known_from, content))
            if replacement is not None:
                version_append(version_row(position, None, target, replacement))
    return log_rows, version_rows, known_from


def _secondary_indexes(cur: Sql, table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's indexes other than its primary key."""
    if cur.dialect == "sqlite":
        return list(cur.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                "AND tbl_name = ? AND sql IS NOT NULL ORDER BY name", (table,)))
    return list(cur.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
        "AND i.tablename = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
        "WHERE c.conname = i.indexname) ORDER BY i.indexname", (table,)))


def _insert(cur: Sql, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    if cur.dialect == "sqlite":
        cur.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(columns))})", rows)
        return
    with cur.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        copy.write("".join(["\t".join([_copy_text(v) for v in row]) + "\n" for row in rows]))


def _copy_text(value: Any) -> str:
    """One field in COPY's text format."""
    if value is None:
        return "\\N"
    if type(value) is int:
        return str(value)
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r"))
    return value


def _span(dialect: str) -> str:
    if dialect == "sqlite":
        return "CAST(julianday(eff_end) - julianday(eff_start) AS INTEGER)"
    return "(CAST(eff_end AS DATE) - CAST(eff_start AS DATE))"


#: The set-based fix-ups, per store: correlated subqueries on SQLite; joins on PostgreSQL,
#: whose planner (with fresh statistics) would otherwise run them row by row.
_FIX_UPS = {
    "sqlite": (
        "UPDATE rm_log SET company = (SELECT o.company FROM rm_log o "
        "WHERE o.record_id = rm_log.target AND o.kind = 'record') WHERE target IS NOT NULL",
        "UPDATE rm_versions SET first_position = (SELECT o.position FROM rm_log o "
        "WHERE o.record_id = rm_versions.record_id AND o.kind = 'record') "
        "WHERE first_position IS NULL",
        "UPDATE rm_versions SET valid_to = (SELECT MIN(a.position) FROM rm_log a "
        "WHERE a.target = rm_versions.record_id AND a.position > rm_versions.position) "
        "WHERE record_id IN (SELECT target FROM rm_log WHERE target IS NOT NULL)",
    ),
    "postgresql": (
        "ANALYZE rm_log",
        "UPDATE rm_log SET company = o.company FROM rm_log o "
        "WHERE o.record_id = rm_log.target AND o.kind = 'record'",
        "UPDATE rm_versions SET first_position = o.position FROM rm_log o "
        "WHERE rm_versions.first_position IS NULL AND o.record_id = rm_versions.record_id "
        "AND o.kind = 'record'",
        "UPDATE rm_versions SET valid_to = n.next FROM (SELECT v.position, "
        "MIN(a.position) AS next FROM rm_versions v JOIN rm_log a ON a.target = v.record_id "
        "AND a.position > v.position GROUP BY v.position) n "
        "WHERE rm_versions.position = n.position",
    ),
}


def project(cur: Sql, events_table: str, *, known_from: str = "",
            progress: Callable[[str, int], None] | None = None,
            phase: str = "replaying") -> tuple[int, int]:
    """Project every stored event into the EMPTY read-model tables; return (events, last
    position). Runs inside the caller's projecting transaction."""
    position_column = "rowid" if cur.dialect == "sqlite" else "notification_id"
    indexes = {table: _secondary_indexes(cur, table) for table in ("rm_log", "rm_versions")}
    for table_indexes in indexes.values():
        for name, _ in table_indexes:
            cur.execute(f'DROP INDEX "{name}"')
    count, last = 0, 0
    select = (f"SELECT {position_column}, state FROM {events_table} "
              f"WHERE {position_column} > ? ORDER BY {position_column} LIMIT ?")
    while True:
        events = cur.execute(select, (last, BATCH)).fetchall()
        if not events:
            break
        log_rows, version_rows, known_from = _rows(events, known_from)
        _insert(cur, "rm_log", _LOG_COLUMNS, log_rows)
        _insert(cur, "rm_versions", _VERSION_COLUMNS, version_rows)
        count += len(events)
        last = events[-1][0]
        if progress is not None:
            progress(phase, len(events))
    for _, statement in indexes["rm_log"]:
        cur.execute(statement)
    # An amendment belongs to its original's company; a replacement version keeps its
    # original's first position; a version stops being valid at the next amendment.
    for statement in _FIX_UPS[cur.dialect]:
        cur.execute(statement)
        if statement.startswith("UPDATE rm_log"):
            orphan = cur.execute("SELECT kind, record_id, target FROM rm_log WHERE target IS "
                                 "NOT NULL AND company IS NULL LIMIT 1").fetchone()
            if orphan is not None:
                raise ValueError(f"stored {orphan[0]} {orphan[1]} amends unknown {orphan[2]}")
    for _, statement in indexes["rm_versions"]:
        cur.execute(statement)
    if cur.dialect == "postgresql":
        cur.execute("ANALYZE rm_versions")
    cur.execute(
        "INSERT INTO rm_companies (company, records, first_position, last_position, max_span) "
        "SELECT l.company, COUNT(*), MIN(l.position), MAX(l.position), "
        "COALESCE(MAX(s.span), 0) FROM rm_log l LEFT JOIN "
        f"(SELECT company, MAX({_span(cur.dialect)}) AS span FROM rm_versions "
        "WHERE category = 'flow' GROUP BY company) s ON s.company = l.company "
        "WHERE l.company IS NOT NULL GROUP BY l.company ORDER BY MIN(l.position)")
    return count, last
