"""The read side of a PostgreSQL ledger: everything the projection code does differently on
PostgreSQL (``projections/side.py``), in one place: placeholders, table DDL (64-bit integers,
text in byte order), the bulk load (binary ``COPY ... FREEZE``), and the statements it
answers a query with instead of the generic ones. Import-light: psycopg is loaded only when
a reader connects.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from projections.side import BulkLoad, ReadSide
from projections.sql import Sql, to_pyformat

if TYPE_CHECKING:
    from projections.schema import Table


class PostgresBulk(BulkLoad):
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

    def insert(self, cur: Sql, table: Table, rows: list[tuple]) -> None:
        """``COPY``, binary (the server reads it with less work than text), each row
        written out by psycopg's C formatter; frozen (``before``)."""
        with cur.cursor.copy(f"COPY {table.name} ({', '.join(table.names)}) FROM STDIN "
                             "(FORMAT BINARY, FREEZE)") as copy:
            copy.set_types(["int8" if kind is int else "text" for _, kind in table.columns])
            write = copy.write_row
            for row in rows:
                write(row)


class PostgresSide(ReadSide):
    name = "postgresql"
    position = "notification_id"
    bulk = PostgresBulk()

    def prepare(self, statement: str) -> str:
        return to_pyformat(statement)

    def query(self, name: str) -> str | None:
        return _QUERIES[name]() if name in _QUERIES else None

    def column_type(self, table: Table, column: str, kind: type) -> str:
        # Text in byte order (collation "C") since migration 0002.
        return {int: "BIGINT", str: 'TEXT COLLATE "C"'}[kind]

    def create_table(self, cur: Sql, table: Table, columns: tuple[str, ...]) -> None:
        from projections.schema import index_name

        types = {int: "BIGINT", str: "TEXT"}
        kinds = dict(table.columns)
        ddl = []
        for name in columns:
            sql = f'"{name}" {types[kinds[name]]}'
            if name in table.ordered_text:
                sql += ' COLLATE "C"'
            if name == table.pk:
                sql += " PRIMARY KEY"
            ddl.append(sql)
        cur.execute(f'CREATE TABLE "{table.name}" ({", ".join(ddl)})')
        for cols, unique in table.indexes:
            if not set(cols) <= set(columns):
                continue  # on a column a later migration adds (``Migrator.add_index``)
            cur.execute(f'CREATE {"UNIQUE " if unique else ""}INDEX '
                        f'"{index_name(table.name, cols)}" ON "{table.name}" '
                        f'({", ".join(cols)})')

    def byte_order_statements(self, tables: tuple[Table, ...]) -> tuple[str, ...]:
        return tuple(
            f'ALTER TABLE "{table.name}" ' + ", ".join(
                f'ALTER COLUMN "{name}" TYPE TEXT COLLATE "C"' for name, kind in table.columns
                if kind is str and name not in table.ordered_text)
            for table in tables)


@cache
def _holdings_in_one_statement() -> str:
    """Where each query is a network round trip, one statement answers ``holdings``: the
    anchors (part 0, oldest first) and, bounded by their dates, the flows (part 1, in
    order), all with their content; the company's longest period is looked up inside it
    too. The latest visible anchor stating a bucket is the only anchor the computation uses
    for it, however many the company has disclosed; ``+ 0`` keeps the planner from judging
    the test by the whole table's NULLs (only anchors have the column set): with it, the
    plan it caches walks the index newest first and stops at the first row."""
    from projections.holdings import _ANCHOR_COLUMN, _COLUMNS, _COUNTED, _VISIBLE, BUCKETS

    latest_anchor = (
        "SELECT v.position, v.eff_end FROM rm_versions v WHERE v.company = :c "
        "AND v.category = 'anchor' AND v.eff_end <= :d AND (v.{column} + 0) IS NOT NULL AND "
        f"{_VISIBLE} ORDER BY v.eff_end DESC, v.first_position DESC LIMIT 1")
    return (
        "WITH anchors AS (" + " UNION ALL ".join(
            f"SELECT '{b}' AS bucket, * FROM ({latest_anchor.format(column=_ANCHOR_COLUMN[b])})"
            f" AS {b}" for b in BUCKETS) + "), "
        "ends AS (SELECT " + ", ".join(
            f"COALESCE(MAX(eff_end) FILTER (WHERE bucket = '{b}'), '') AS a{b[0]}"
            for b in BUCKETS)
        + " FROM anchors) "
        f"SELECT 0 AS part, {_COLUMNS} FROM rm_versions v JOIN rm_log l "
        "ON l.position = v.position WHERE v.position IN (SELECT position FROM anchors) "
        f"UNION ALL SELECT 1, {_COLUMNS} FROM ends e, rm_versions v "
        "JOIN rm_log l ON l.position = v.position "
        "WHERE v.company = :c AND v.category = 'flow' AND v.eff_end > LEAST(e.at, e.al, e.ap) "
        "AND " + _COUNTED +
        # clamped to the last day a stored period can name (text order is date order up to it)
        " AND v.eff_end <= to_char(LEAST(CAST(CAST(:d AS TEXT) AS DATE) + COALESCE((SELECT "
        "max_span FROM rm_companies WHERE company = :c), 0)::integer, DATE '9999-12-31'), "
        f"'YYYY-MM-DD') AND v.eff_start <= :d AND {_VISIBLE} "
        "ORDER BY part, eff_end, first_position"
    )


#: The queries PostgreSQL answers with statements of its own (``ReadSide.query``).
_QUERIES = {"holdings.anchors_and_flows": _holdings_in_one_statement}

SIDE = PostgresSide()


@dataclass(frozen=True)
class PostgresReader:
    """Opens another connection to a PostgreSQL ledger's schema (picklable: for another
    process)."""

    kwargs: dict[str, Any]
    schema: str

    def __call__(self) -> Sql:
        import psycopg
        from psycopg.sql import SQL, Identifier

        c = psycopg.connect(**self.kwargs, autocommit=True)
        c.execute(SQL("SET search_path TO {0}").format(Identifier(self.schema)))
        return Sql(c.cursor(), SIDE)
