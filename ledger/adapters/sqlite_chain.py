"""The hash chain of a SQLite ledger, read straight from the file for ``caledger verify``.

The stored events are read from the event library's own table (``stored_events``: the
library's SQLite storage format, the columns the chain hashes) beside the chain's links,
on one read-only connection in one read transaction, without loading the library: a
verify then starts about as fast as a query. Only public SQL, no private method of the
library (those stay in ``sqlite_es.py``). Used when the ledger's read model is current (as
for ``DirectSQLiteReader``); otherwise verify opens the ledger through the library.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from projections.readmodel_names import CHAIN_TABLE

from .base import CHAIN_AT, CHAIN_BETWEEN, CHAIN_FROM, CHAIN_NEWEST, EVENTS_FROM, head_link
from .sqlite import DirectSQLiteReader, _not_a_ledger

EVENTS = "stored_events"

#: Every stored event with the chain link at its position (None: no link), in store order.
LINKED = (f"SELECT e.rowid, e.originator_id, e.originator_version, e.topic, e.state, c.hash "
          f"FROM {EVENTS} e LEFT JOIN {CHAIN_TABLE} c ON c.position = e.rowid "
          "WHERE e.rowid >= ?")


def _sql(query: str, n: int = 1) -> str:
    return query.format(chain=CHAIN_TABLE, events=EVENTS, position="rowid", p="?", n=n)


class SQLiteChainReader:
    """The chained recorder's reads that ``chain.verify`` makes (``chain_head``,
    ``chain_links``, ``events_from``), plus ``linked_rows`` and ``link_count`` (its one-pass
    check of a whole chain), over a consistent read-only snapshot of the file."""

    def __init__(self, path: str, direct: DirectSQLiteReader):
        self.path = path
        self.direct = direct
        self.conn = direct.conn
        #: The newest stored event's position, and the read model's (the same: it is current).
        self.head = direct.head

    @classmethod
    def open(cls, path: str) -> SQLiteChainReader | None:
        """The reader, or None when verify must open the ledger through the library: not a
        ledger file, or a read model that is not current (verify reports on it then)."""
        if not Path(path).is_file() or _not_a_ledger(Path(path)) is not None:
            return None
        direct = DirectSQLiteReader.open(path)
        return None if direct is None else cls(path, direct)

    @contextmanager
    def reopen(self) -> Iterator[Any]:
        """Another reader of the same file, as ``Ledger.open`` gives a ledger (``.events``):
        for ``chain.verify_on_cores``' second process."""
        reader = SQLiteChainReader.open(self.path)
        if reader is None:
            raise RuntimeError("the ledger can't be read directly")
        try:
            yield SimpleNamespace(events=reader)
        finally:
            reader.close()

    def _rows(self, query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        return self.conn.execute(query, params).fetchall()

    def chain_head(self, position: int | None = None) -> tuple[int, str]:
        if position is None:
            return head_link(self._rows(_sql(CHAIN_NEWEST), ()))
        return head_link(self._rows(_sql(CHAIN_AT), (position,)))

    def chain_links(self, start: int, stop: int | None) -> dict[int, str]:
        if stop is None:
            rows = self._rows(_sql(CHAIN_FROM), (start,))
        else:
            rows = self._rows(_sql(CHAIN_BETWEEN), (start, stop))
        return {row[0]: row[1] for row in rows}

    def events_from(self, start: int, limit: int) -> list[tuple[Any, ...]]:
        return self._rows(_sql(EVENTS_FROM, limit), (start,))

    def linked_rows(self, start: int, stop: int | None) -> Iterator[tuple[Any, ...]]:
        if stop is None:
            return self.conn.execute(LINKED + " ORDER BY e.rowid", (start,))
        return self.conn.execute(LINKED + " AND e.rowid <= ? ORDER BY e.rowid", (start, stop))

    def link_count(self, start: int, stop: int | None) -> int:
        if stop is None:
            query, params = f"SELECT COUNT(*) FROM {CHAIN_TABLE} WHERE position >= ?", (start,)
        else:
            query = f"SELECT COUNT(*) FROM {CHAIN_TABLE} WHERE position >= ? AND position <= ?"
            params = (start, stop)
        return self._rows(query, params)[0][0]

    def close(self) -> None:
        self.direct.close()
