"""The PostgreSQL store's binding to the eventsourcing library: its recorders, subclassed.

Everything this store does through the library's private API (methods with a leading
underscore, which a new version of the library may change) is here and nowhere else: the
insert's hooks (``_insert_events``, ``_fetch_ids_after_insert_events``, overridden), the
events table's lock and the new-events notice (``_lock_table``, ``_notify_channel``, called
by ``lock_table`` and ``notify``), and the tracked position (``_insert_tracking``,
``_max_tracking_id``, called by ``track`` and ``tracked_in``). The rest of the ledger calls
the public methods below. Loaded only when a PostgreSQL ledger is opened.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresTrackingRecorder
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier

from projections.readmodel import ReadModel
from projections.readmodel_names import CHAIN_TABLE, GENESIS, TRACKING_NAME
from projections.sql import Sql

from ..chain import links
from .base import CHAIN_NEWEST, HEAD, ChainQueries
from .pg_roles import guard_statements
from .postgres_read import SIDE, PostgresReader


def _quoted(*names: str) -> str:
    return ".".join('"' + name.replace('"', '""') + '"' for name in names)


#: The last of ``n`` positions taken from the events table's sequence in one step: only
#: inserts into that table take its numbers, so under the table lock nothing takes one between
#: ``nextval`` and ``setval``.
_POSITIONS = ("SELECT setval(s.id, nextval(s.id) + %(n)s - 1) AS last FROM (SELECT "
              "CAST(pg_get_serial_sequence(%(events)s, 'notification_id') AS regclass) AS id) s")
_COPY_EVENTS = ("COPY {events} (originator_id, originator_version, topic, state, "
                "notification_id) FROM STDIN (FORMAT BINARY)")


class ChainedPostgresRecorder(ChainQueries, PostgresApplicationRecorder):
    """The library's PostgreSQL application recorder, plus the hash chain in the same
    transaction (the library locks the events table for the insert, so links are
    written in commit order)."""

    placeholder = "%s"
    position_column = "notification_id"

    def __init__(self, datastore: Any, *, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name=events_table_name)
        self.sql_create_statements.append(
            SQL("CREATE TABLE IF NOT EXISTS {0}.{1} (position BIGINT PRIMARY KEY, "
                "hash TEXT NOT NULL)").format(Identifier(self.datastore.schema),
                                              Identifier(CHAIN_TABLE)))
        # The log append-only to all but its owner, recorded_by the session's role
        # (ledger/adapters/pg_roles.py).
        self.sql_create_statements.extend(
            SQL(statement) for statement in guard_statements(self.datastore.schema))

    def _tables(self) -> dict[str, str]:
        return {"chain": _quoted(self.datastore.schema, CHAIN_TABLE),
                "events": _quoted(self.datastore.schema, self.events_table_name)}

    def query_rows(self, query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self.datastore.get_connection() as conn, \
                conn.cursor(row_factory=tuple_row) as c:
            c.execute(query, params)
            return c.fetchall()

    @staticmethod
    def rows_in(curs: Any) -> Any:
        """A function running one query in the transaction of ``curs``, returning tuples."""
        def rows(query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
            curs.execute(query, params)
            return [tuple(r.values()) if isinstance(r, dict) else tuple(r)
                    for r in curs.fetchall()]
        return rows

    def head_in(self, curs: Any) -> int:
        """The newest stored event's position, inside the transaction of ``curs``."""
        return self.rows_in(curs)(self.chain_sql(HEAD), ())[0][0] or 0

    def lock_table(self, curs: Any) -> None:
        """Take the events table's write lock (the library's, as its insert takes it)."""
        self._lock_table(curs)

    def notify(self, curs: Any) -> None:
        """Tell the library's listeners new events are coming (as its insert does)."""
        self._notify_channel(curs)

    def _insert_events(self, curs: Any, stored_events: Sequence[Any],
                       **kwargs: Any) -> None:
        # Runs before the insert, inside its transaction, where an exception rolls it
        # back (the library commits and re-raises anything raised after the insert).
        # Take the insert's table lock now, so the head checked here is the head
        # extended below.
        super()._insert_events(curs, stored_events, **kwargs)
        if not stored_events:
            return
        self._lock_table(curs)
        self.check_extending(self.rows_in(curs))

    def _fetch_ids_after_insert_events(self, curs: Any, stored_events: Sequence[Any],
                                       **kwargs: Any) -> Sequence[int] | None:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if not positions:
            return positions
        newest = self.rows_in(curs)(self.chain_sql(CHAIN_NEWEST), ())
        curs.executemany(SQL("INSERT INTO {0}.{1} VALUES (%s, %s)").format(
            Identifier(self.datastore.schema), Identifier(CHAIN_TABLE)),
            links(newest[0][1] if newest else GENESIS, positions, stored_events))
        return positions

    def sequence_state(self, curs: Any) -> tuple[str, int, bool]:
        """The events' sequence (its name, last value and whether that was taken), read in
        the transaction of ``curs``, holding the table lock."""
        curs.execute("SELECT pg_get_serial_sequence(%(events)s, 'notification_id') AS seq",
                     {"events": self._tables()["events"]})
        name = curs.fetchone()["seq"]
        curs.execute(SQL("SELECT last_value, is_called FROM {0}").format(SQL(name)))
        row = curs.fetchone()
        return name, row["last_value"], row["is_called"]

    @staticmethod
    def restore_sequence(curs: Any, state: tuple[str, int, bool]) -> None:
        """Set the events' sequence back to ``state`` (``sequence_state``): not undone if the
        transaction rolls back."""
        name, last_value, is_called = state
        curs.execute("SELECT setval(CAST(%s AS regclass), %s, %s)", (name, last_value, is_called))

    def copy_in(self, curs: Any, stored_events: Sequence[Any], previous: str
                ) -> tuple[list[int], str]:
        """Insert ``stored_events`` and their chain links following ``previous`` with
        ``COPY``, inside a transaction holding the table lock; return their positions
        and the newest link's hash. The positions are taken from the table's own
        sequence first, in one statement: under the lock they follow every position
        stored before and come before any stored after."""
        tables = self._tables()
        curs.execute(_POSITIONS, {"events": tables["events"], "n": len(stored_events)})
        last = curs.fetchone()["last"]
        positions = list(range(last - len(stored_events) + 1, last + 1))
        with curs.copy(_COPY_EVENTS.format(events=tables["events"])) as copy:
            copy.set_types([self.datastore.originator_id_type, "int8", "text", "bytea",
                            "int8"])
            for event, position in zip(stored_events, positions, strict=True):
                stream = event.originator_id  # a UUID, or (from the import) its hex
                copy.write_row((stream if isinstance(stream, UUID) else UUID(hex=stream),
                                event.originator_version, event.topic, event.state,
                                position))
        new = links(previous, positions, stored_events)
        with curs.copy(f"COPY {tables['chain']} (position, hash) FROM STDIN") as copy:
            copy.write("".join(f"{position}\t{link}\n" for position, link in new))
        return positions, new[-1][1]


#: A catch-up projecting at least this many events onto a read model that already held some,
#: and a tenth of it or more, refreshes the planner's statistics before it returns: queries
#: planned on the old ones (autovacuum may not have run yet) could scan what has grown. The
#: set-based first load analyzes its own tables.
ANALYZE_AFTER = 20_000


class PostgresReadModel(ReadModel, PostgresTrackingRecorder):
    """The read model (``projections/readmodel.py``) in a PostgreSQL ledger's schema,
    tracked by the library's tracking table."""

    def track(self, c: Any, position: int) -> None:
        self._insert_tracking(c, Tracking(TRACKING_NAME, position))

    def tracked_in(self, c: Any) -> int:
        return self._max_tracking_id(TRACKING_NAME, c) or 0

    def catch_up(self, events: Any, **kwargs: Any) -> int:
        start = self.position()
        applied = super().catch_up(events, **kwargs)
        if start and applied >= ANALYZE_AFTER and applied * 10 >= start + applied:
            with self.datastore.transaction(commit=True) as c:
                self.sql_on(c).execute("ANALYZE rm_log, rm_versions, rm_companies")
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

    def sql_on(self, c: Any) -> Sql:
        cur = c.connection.cursor(row_factory=tuple_row)
        cur.execute(SQL("SET LOCAL search_path TO {0}").format(
            Identifier(self.datastore.schema)))
        return Sql(cur, SIDE)

    def _lock(self, cur: Sql) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(hashtext(?))",
                    (f"{self.datastore.schema}.{TRACKING_NAME}",))

    def _tracking_table(self) -> str:
        return f'"{self.datastore.schema}"."{self.tracking_table_name}"'

    def reader(self) -> Callable[[], Sql] | None:
        kwargs = {k: v for k, v in self.datastore.pool.kwargs.items() if k != "row_factory"}
        return PostgresReader(kwargs, self.datastore.schema)
