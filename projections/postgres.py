"""The read model on PostgreSQL: the same logic as on SQLite, bound to the library's
PostgreSQL tracking recorder. Imported only when the ledger is on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from eventsourcing.postgres import PostgresTrackingRecorder
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier

from .readmodel import TRACKING_NAME, ReadModel
from .sql import Sql


#: A catch-up projecting at least this many events onto a read model that already held some,
#: and a tenth of it or more, refreshes the planner's statistics before it returns: queries
#: planned on the old ones (autovacuum may not have run yet) could scan what has grown. The
#: set-based first load analyzes its own tables.
ANALYZE_AFTER = 20_000


class PostgresReadModel(ReadModel, PostgresTrackingRecorder):
    dialect = "postgresql"

    def catch_up(self, events: Any, **kwargs: Any) -> int:
        start = self.position()
        applied = super().catch_up(events, **kwargs)
        if start and applied >= ANALYZE_AFTER and applied * 10 >= start + applied:
            with self.datastore.transaction(commit=True) as c:
                self._sql(c).execute("ANALYZE rm_log, rm_versions, rm_companies")
        return applied

    def _bulk_catch_up(self, events: Any, progress: Any) -> int | None:
        """The set-based first load drops and builds indexes: only the read model's owner
        may (a writer granted by ``caledger grant`` catches up batch by batch instead)."""
        with self.reading() as cur:
            owns = cur.execute("SELECT pg_has_role(current_user, relowner, 'USAGE') "
                               "FROM pg_class WHERE oid = to_regclass('rm_log')").fetchone()
        if not owns or not owns[0]:
            return None
        return super()._bulk_catch_up(events, progress)

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

    def reader(self) -> Callable[[], Sql] | None:
        kwargs = {k: v for k, v in self.datastore.pool.kwargs.items() if k != "row_factory"}
        return PostgresReader(kwargs, self.datastore.schema)


@dataclass(frozen=True)
class PostgresReader:
    """Opens another connection to a PostgreSQL ledger's schema (picklable: for another
    process)."""

    kwargs: dict[str, Any]
    schema: str

    def __call__(self) -> Sql:
        import psycopg

        c = psycopg.connect(**self.kwargs, autocommit=True)
        c.execute(SQL("SET search_path TO {0}").format(Identifier(self.schema)))
        return Sql(c.cursor(), "postgresql")
