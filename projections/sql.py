"""One way to write SQL for every store.

Read-model queries are written once, in SQLite's placeholder style (``?`` and ``:name``) and
portable SQL; ``Sql`` runs them on the store's cursor as its read side
(``projections/side.py``) prepares them: on a sqlite3 cursor as they are, on a psycopg
cursor with the placeholders translated (``to_pyformat``: ``%s``, ``%(name)s``). Rows are
plain tuples on both. ``cur.side`` is what generic code asks for anything store-specific.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any
    from .side import ReadSide

_NAMED = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")


@lru_cache(maxsize=512)
def to_pyformat(statement: str) -> str:
    """``?`` → ``%s`` and ``:name`` → ``%(name)s`` (statements hold no literal ``%``)."""
    assert "%" not in statement, statement
    return _NAMED.sub(r"%(\1)s", statement.replace("?", "%s"))


class Sql:
    """A cursor that takes SQLite-style statements on any store."""

    def __init__(self, cursor: Any, side: ReadSide):
        self.cursor = cursor
        self.side = side
        self._prepare = side.prepare

    def execute(self, statement: str, params: Sequence[Any] | dict[str, Any] = ()) -> Sql:
        self.cursor.execute(self._prepare(statement), params)
        return self

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        self.cursor.executemany(self._prepare(statement), rows)

    def fetchone(self) -> Any:
        return self.cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return self.cursor.fetchall()

    def __iter__(self) -> Iterator[Any]:
        return iter(self.cursor)
