"""What a store says differently on the read side, in one object per store.

The projection code (``readmodel``, ``bulk``, ``schema``, the queries) is written once; where
a store needs something of its own it asks the ``ReadSide`` its adapter gives
(``StoreAdapter.read_side``, carried by every ``Sql`` cursor as ``cur.side``), never a dialect
string: how statements are written for its driver, how a declared table is created and
altered, how a whole log is bulk-loaded (``BulkLoad``), and the statements it answers a
query with instead of the generic ones (``queries``). Each store's own ``ReadSide`` lives
beside its adapter (``ledger/adapters/sqlite_read.py``, ``postgres_read.py``).
Import-light: nothing here loads the event store library or a database driver.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any
    from .schema import Table
    from .sql import Sql


class BulkLoad:
    """How one store loads a whole log into the empty read model (``projections/bulk.py``)."""

    #: The stored events' position column.
    position: str
    #: Run first, on the empty tables; and last, once they are indexed.
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    #: Secondary indexes kept while a whole log is loaded (besides ``bulk.RISING``), not
    #: dropped and built afterwards.
    kept: frozenset[str] = frozenset()
    #: What the rows built for ``insert`` carry for SQL NULL.
    null: Any = None

    @contextmanager
    def settings(self, cur: Sql) -> Iterator[None]:
        """The store's settings for projecting a whole log (and dropping the old one)."""
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

    def insert(self, cur: Sql, table: Table, rows: list[tuple]) -> None:
        """Insert rows built with ``null`` for SQL NULL, in ``table``'s column order."""
        raise NotImplementedError

    def pack(self, table: Table, rows: list[tuple]) -> Any:
        """``rows`` as ``insert_packed`` takes them: laid out by the process that built them
        (``projections/bulk.py``), before they are sent to the one inserting them."""
        return rows

    def insert_packed(self, cur: Sql, table: Table, packed: Any) -> None:
        """Insert rows laid out by ``pack``."""
        self.insert(cur, table, packed)

    def scratch(self, path: str, like: Sql) -> Sql:
        """A connection to a new scratch file at ``path``, in a transaction, where a second
        process builds a table for a rebuild; only where the store's read model gives one
        (``ReadModel.rebuilding``)."""
        raise NotImplementedError

    def copy_in(self, cur: Sql, table: Table) -> None:
        """Copy ``table``, built in the scratch file attached to ``cur``'s connection, into
        the read model's empty table."""
        raise NotImplementedError


class ReadSide:
    """One store's read side. Subclassed once per store, beside its adapter."""

    #: The store's name (``StoreAdapter.dialect``): for messages and tests, never branched on.
    name: str
    #: The stored events' position column (the ledger's position).
    position: str
    #: How a whole log is loaded.
    bulk: BulkLoad
    #: Statements this store answers a named query with instead of the generic code's.
    queries: Mapping[str, str] = {}

    def prepare(self, statement: str) -> str:
        """A statement written in SQLite's placeholder style (``?``, ``:name``) as this
        store's driver takes it."""
        return statement

    def query(self, name: str) -> str | None:
        """This store's own statement for the query ``name``, or None: the generic one."""
        return self.queries.get(name)

    # --- table definitions (``projections/schema.py`` declares them) ---------------------------

    def create_table(self, cur: Sql, table: Table, columns: tuple[str, ...]) -> None:
        """Create ``table`` with ``columns`` of its declared columns, and its indexes."""
        raise NotImplementedError

    def add_column_statement(self, table: Table, column: str) -> str:
        """``ALTER TABLE`` adding the declared ``column`` to ``table``."""
        kind = dict(table.columns)[column]
        return (f'ALTER TABLE "{table.name}" ADD COLUMN "{column}" '
                f"{self.column_type(table, column, kind)}")

    def column_type(self, table: Table, column: str, kind: type) -> str:
        return {int: "INTEGER", str: "TEXT"}[kind]

    def byte_order_statements(self, tables: tuple[Table, ...]) -> tuple[str, ...]:
        """Statements putting every text column of ``tables`` in byte order; none where
        text already compares so."""
        return ()


def named(name: str) -> ReadSide:
    """The read side of the store named ``name`` (``StoreAdapter.dialect``)."""
    from ledger.adapters.base import adapter_types

    for adapter in adapter_types():
        side = adapter.read_side()
        if side.name == name:
            return side
    raise KeyError(name)
