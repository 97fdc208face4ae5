"""The read model on PostgreSQL: the same logic as on SQLite, bound to the library's
PostgreSQL tracking recorder. Imported only when the ledger is on PostgreSQL."""

from __future__ import annotations

from typing import Any

from eventsourcing.postgres import PostgresTrackingRecorder
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier

from .readmodel import TRACKING_NAME, ReadModel
from .sql import Sql


class PostgresReadModel(ReadModel, PostgresTrackingRecorder):
    dialect = "postgresql"

    def _sql(self, c: Any) -> Sql:
        cur = c.connection.cursor(row_factory=tuple_row)
        cur.execute(SQL("SET LOCAL search_path TO {0}").format(
            Identifier(self.datastore.schema)))
        return Sql(cur, "postgresql")

    def _lock(self, cur: Sql) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(hashtext(?))",
                    (f"{self.datastore.schema}.{TRACKING_NAME}",))

    def _tracking_table(self) -> str:
        return f'"{self.datastore.schema}"."{self.tracking_table_name}"'
