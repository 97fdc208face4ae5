"""The ledger on PostgreSQL: the library's PostgreSQL recorder with the hash chain, and the
connection settings a ``postgresql://`` URL gives. The driver and the library are loaded
only when a PostgreSQL ledger is opened.

The recorder and the read model's tracking are the library's, subclassed in
``postgres_es.py`` (this store's only use of the library's private API); the read side
(table DDL, bulk load, readers, query overrides) is ``postgres_read.py``.

``postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME]``: ``schema`` (default
``public``) keeps several ledgers apart in one database.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from projections.readmodel_names import CHAIN_TABLE
from projections.side import ReadSide

from ..errors import LedgerNotFound, StoreUnavailable
from ..location import Location
from .base import StoreAdapter, Writer


class PostgresAdapter(StoreAdapter):
    dialect = "postgresql"
    catches_up_under_lock = True
    records_writer_role = True

    @staticmethod
    def read_side() -> ReadSide:
        from .postgres_read import SIDE

        return SIDE

    @staticmethod
    def handles(location: Location) -> bool:
        return location.url.startswith(("postgresql://", "postgres://"))

    @staticmethod
    def recorder_class() -> type:
        from .postgres_es import ChainedPostgresRecorder

        return ChainedPostgresRecorder

    @staticmethod
    def error_types() -> tuple[type[BaseException], ...]:
        import sys

        found = getattr(sys.modules.get("psycopg"), "Error", None)
        return (found,) if isinstance(found, type) else ()

    def exists(self, location: Location) -> bool:
        return ledger_exists(settings(location.url))

    def open(self, location: Location, *, create: bool, repair: bool = False
             ) -> tuple[Any, type]:
        from eventsourcing.persistence import InfrastructureFactory

        shown = location.describe()
        try:
            env = settings(location.url)
        except ValueError as e:
            raise StoreUnavailable(f"{shown}: {e}") from None
        env.update({
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "APPLICATION_RECORDER_TOPIC": "ledger.adapters.postgres_es:ChainedPostgresRecorder",
            "CREATE_TABLE": "no",
        })
        try:
            state = schema_state(env)
            if state == "foreign":
                raise StoreUnavailable(
                    f"{shown}: schema {env['POSTGRES_SCHEMA']} holds another application's "
                    "stored_events table, not a caledger ledger; nothing was written to it. "
                    "Choose another schema with ?schema=NAME")
            if create:
                with creation_lock(env):
                    if state != "ledger":  # a writer may not create schemas, nor need to
                        create_schema(env)
                    exists = state == "ledger" or ledger_exists(env)
                    env["CREATE_TABLE"] = "no" if exists else "yes"
                    if exists:
                        guard_existing(env)
                    return _checked(InfrastructureFactory.construct(env), shown)
            if state not in ("ledger", "damaged"):  # damaged: verify and rebuild still work
                raise LedgerNotFound(
                    f"{shown}: no ledger in schema {env['POSTGRES_SCHEMA']}; import records "
                    "first (caledger import FILE) or point --db / CALEDGER_DB at a ledger")
            return _checked(InfrastructureFactory.construct(env), shown)
        except (LedgerNotFound, StoreUnavailable):
            raise
        except Exception as e:  # psycopg and pool errors: report, never a traceback
            if type(e).__module__.split(".")[0] not in ("psycopg", "psycopg_pool",
                                                        "eventsourcing"):
                raise
            raise StoreUnavailable(f"{shown}: can't open the ledger: "
                                   f"{str(e).strip().splitlines()[0]}") from None

    def grant(self, location: Location, role: str, level: str, *,
              apply: bool = True) -> dict[str, Any]:
        from ..errors import BadQuery
        from . import pg_roles

        if level not in pg_roles.LEVELS:
            raise BadQuery(f"give one of --reader, --writer or --owner, not {level!r}")
        try:
            env = settings(location.url)
        except ValueError as e:
            raise BadQuery(f"{location.describe()}: {e}") from None
        if schema_state(env) != "ledger":
            raise BadQuery(f"{location.describe()}: no ledger in schema "
                           f"{env['POSTGRES_SCHEMA']}; create it first (caledger import FILE), "
                           "then grant")
        return pg_roles.grant(env, role, level, apply=apply)

    def permission_problem(self, events: Any, action: str) -> str | None:
        from .pg_roles import permission_problem

        return permission_problem(events.query_rows, events.datastore.schema, action)

    def session_role(self, events: Any) -> str:
        # Read once, outside the write lock; the server checks every inserted event's
        # recorded_by against the role that inserts it all the same.
        return events.query_rows("SELECT current_user", ())[0][0]

    @contextmanager
    def writer(self, events: Any) -> Iterator[Writer]:
        with events.datastore.get_connection() as conn, conn.transaction(), \
                conn.cursor() as curs:
            # Never time out while the import's records are checked meanwhile on other
            # connections (however long that takes), whatever the server's default.
            curs.execute("SET LOCAL idle_in_transaction_session_timeout = 0")
            # Load PL/pgSQL into this session before the lock (the log's guards run in it,
            # pg_roles), so the time the lock is held doesn't include loading it.
            curs.execute("DO $caledger$ BEGIN END $caledger$")
            events.lock_table(curs)
            writer = _PostgresWriter(events, curs)
            try:
                yield writer
            except BaseException:
                writer.give_back_positions()
                raise


def _checked(factory: Any, shown: str) -> tuple[Any, type]:
    if type(factory).__module__ != "eventsourcing.postgres":  # pragma: no cover
        raise StoreUnavailable(f"{shown}: expected a PostgreSQL store")
    from .postgres_es import PostgresReadModel

    return factory, PostgresReadModel


class _PostgresWriter(Writer):
    """Inserts with ``COPY``, under the table lock ``writer`` took first: the chain is
    checked once, at the first insert, and each later insert follows the link the one
    before it wrote (nothing else can write while the lock is held)."""

    def __init__(self, events: Any, curs: Any):
        self.events, self.curs = events, curs
        self.previous: str | None = None  # the hash the next link follows, once checked
        #: The events' sequence as it was before the first insert (``give_back_positions``).
        self.sequence: tuple[str, int, bool] | None = None

    def head(self) -> int:
        return self.events.head_in(self.curs)

    def insert(self, events: list[Any]) -> Sequence[int]:
        if not events:
            return []
        # A store call's events are plain tuples of their columns: read by name here.
        from ..chain import Event  # here: a query on any store loads this module

        events = [Event._make(e) if type(e) is tuple else e for e in events]
        if self.previous is None:
            self.previous = self.events.check_extending(self.events.rows_in(self.curs))
            self.sequence = self.events.sequence_state(self.curs)
            self.events.notify(self.curs)
        positions, self.previous = self.events.copy_in(self.curs, events, self.previous)
        return positions

    def rows(self, query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        return self.events.rows_in(self.curs)(query, params)

    def give_back_positions(self) -> None:
        """Before the transaction rolls back (a dry run, a refused import): put the events'
        sequence back as it was before the inserts took positions from it. A sequence is
        not rolled back with the transaction, and would leave a gap in the positions of the
        next write; under the table lock, still held, nothing else has taken one since. If
        the transaction has already failed, the gap stays (positions need not be
        contiguous: ``chain.verify``)."""
        if self.sequence is None:
            return
        try:
            self.events.restore_sequence(self.curs, self.sequence)
        except Exception:  # noqa: BLE001 - psycopg's: the transaction failed, it rolls back
            pass


def settings(url: str) -> dict[str, str]:
    """The library's PostgreSQL settings for a ``postgresql://`` URL."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    unknown = set(query) - {"schema"}
    if unknown:
        raise ValueError(f"unknown URL parameter(s) {', '.join(sorted(unknown))}; only schema=")
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname:
        raise ValueError("the URL names no database; write postgresql://USER@HOST/DATABASE")
    return {
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_HOST": parts.hostname or "localhost",
        "POSTGRES_PORT": str(parts.port or 5432),
        "POSTGRES_USER": unquote(parts.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(parts.password or ""),
        "POSTGRES_SCHEMA": query.get("schema", ["public"])[0],
        "POSTGRES_CONNECT_TIMEOUT": "10",
        "POSTGRES_LOCK_TIMEOUT": "30",
        "POSTGRES_ENABLE_DB_FUNCTIONS": "n",
        # The library ends a transaction left idle for 5 s by default; an import's write
        # transaction waits while its records are checked on another connection, however
        # long that takes. 0: never time out (and override a server default).
        "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": "0",
        # One connection opened with the ledger (the library's default opens five, whatever
        # the command needs); the pool still grows on demand, to 11. A server keeps a ledger
        # open per thread: five each would fill the server's connection limit.
        "POSTGRES_POOL_SIZE": "1",
    }


def _connect(env: dict[str, str]) -> Any:
    import psycopg

    return psycopg.connect(dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"],
                           port=env["POSTGRES_PORT"], user=env["POSTGRES_USER"],
                           password=env["POSTGRES_PASSWORD"] or None, connect_timeout=10,
                           autocommit=True)


def schema_state(env: dict[str, str]) -> str:
    """What the schema holds, without creating anything: "ledger"; "foreign" (another
    application's ``stored_events`` table with no caledger hash chain beside it, where
    nothing may be created); "damaged" (a ledger's log and chain whose read model lost its
    tracking table: opened to be verified and rebuilt); or "none"."""
    schema = env["POSTGRES_SCHEMA"]
    with _connect(env) as conn:
        row = conn.execute(
            "SELECT to_regclass(%s), to_regclass(%s), to_regclass(%s)",
            (f'"{schema}".stored_events', f'"{schema}".{CHAIN_TABLE}',
             f'"{schema}".notification_tracking')).fetchone()
    if row is not None and all(part is not None for part in row):
        return "ledger"
    if row is not None and row[0] is not None and row[1] is None:
        return "foreign"
    if row is not None and row[0] is not None and row[1] is not None:
        return "damaged"  # the log and its chain, without the read model's tracking table
    return "none"


def ledger_exists(env: dict[str, str]) -> bool:
    """Whether the schema holds a ledger, without creating anything."""
    return schema_state(env) == "ledger"


def guard_existing(env: dict[str, str]) -> None:
    """Install the log's guards (``pg_roles``) on a ledger made before them, when the
    session's role owns it (anyone else can't, and leaves it as it is). Called holding
    ``creation_lock``."""
    from .pg_roles import EVENTS, _q, guards_installed, install_guards

    schema = env["POSTGRES_SCHEMA"]
    with _connect(env) as conn:
        if guards_installed(conn, schema):
            return
        owns = conn.execute("SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class "
                            "WHERE oid = to_regclass(%s)", (_q(schema, EVENTS),)).fetchone()
        if not owns or not owns[0]:
            return
        with conn.transaction():
            install_guards(conn, schema)


def create_schema(env: dict[str, str]) -> None:
    from psycopg.sql import SQL, Identifier

    with _connect(env) as conn:
        conn.execute(SQL("CREATE SCHEMA IF NOT EXISTS {0}").format(
            Identifier(env["POSTGRES_SCHEMA"])))


@contextmanager
def creation_lock(env: dict[str, str]) -> Iterator[None]:
    """Serialize creating a ledger's tables: PostgreSQL's CREATE ... IF NOT EXISTS races
    with itself ("tuple concurrently updated") when processes create at once."""
    with _connect(env) as conn:
        key = f'caledger-create:{env["POSTGRES_SCHEMA"]}'
        conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (key,))
        try:
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (key,))
