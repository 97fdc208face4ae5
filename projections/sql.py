"""One way to write SQL for both stores.

Read-model queries are written once, in SQLite's placeholder style (``?`` and ``:name``) and
portable SQL; ``Sql`` runs them on a sqlite3 cursor as they are, or on a psycopg cursor with
the placeholders translated (``%s``, ``%(name)s``). Rows are plain tuples on both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

_NAMED = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")


@lru_cache(maxsize=512)
def to_pyformat(statement: str) -> str:
    """``?`` → ``%s`` and ``:name`` → ``%(name)s`` (statements hold no literal ``%``)."""
    assert "%" not in statement, statement
    return _NAMED.sub(r"%(\1)s", statement.replace("?", "%s"))


class Sql:
    """A cursor that takes SQLite-style statements on either store."""

    def __init__(self, cursor: Any, dialect: str):
        self.cursor = cursor
        self.dialect = dialect

    def execute(self, statement: str, params: Sequence[Any] | dict[str, Any] = ()) -> Sql:
        if self.dialect == "postgresql":
            statement = to_pyformat(statement)
        self.cursor.execute(statement, params)
        return self

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        if self.dialect == "postgresql":
            statement = to_pyformat(statement)
        self.cursor.executemany(statement, rows)

    def fetchone(self) -> Any:
        return self.cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return self.cursor.fetchall()

    def __iter__(self) -> Iterator[Any]:
        return iter(self.cursor)
