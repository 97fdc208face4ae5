"""What every store adapter provides, and what the stores share.

An adapter is one module per store (``sqlite.py``, ``postgres.py``): how a ledger is found,
opened and created there, the recorder that keeps the hash chain in the write transaction,
the writer transaction holding the store's write lock, and (optionally) a direct read path.
The chain's queries are written once here, with the placeholder and table names filled in
by each store; ``ChainQueries`` answers them through the store's own ``query_rows``.
Import-light: nothing here loads the event store library or a database driver.

A store is: its adapter module (``sqlite.py``), the module binding it to the event store
library (``sqlite_es.py``: its recorders, the only place that uses the library's private
API) and its read side (``sqlite_read.py``: table definitions, bulk load, readers and query
overrides, for the generic projection code in ``projections/``), listed in
``adapter_types``. Whatever else differs by store is asked of its ``StoreAdapter``: its
driver's errors, the files that hold a ledger or any of its databases (which no output
writes over), whether it records who writes, and its roles (``grant``). No module outside
``ledger/adapters`` imports a store's module or driver or asks which store a ledger is in
(``tests/test_store_read_sides.py`` checks).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any

from projections.readmodel_names import GENESIS
from projections.side import ReadSide

from ..location import Location

# The chain's queries, once: {chain} the chain table, {events} the stored events table,
# {position} its position column, {p} the store's placeholder.
CHAIN_NEWEST = "SELECT position, hash FROM {chain} ORDER BY position DESC LIMIT {n}"
CHAIN_AT = ("SELECT position, hash FROM {chain} WHERE position <= {p} "
            "ORDER BY position DESC LIMIT {n}")
CHAIN_FROM = "SELECT position, hash FROM {chain} WHERE position >= {p}"
CHAIN_BETWEEN = "SELECT position, hash FROM {chain} WHERE position >= {p} AND position <= {p}"
EVENTS_AT = ("SELECT {position}, originator_id, originator_version, topic, state FROM {events} "
             "WHERE {position} <= {p} ORDER BY {position} DESC LIMIT 2")
EVENTS_OF_STREAM = ("SELECT {position}, originator_id, originator_version, topic, state "
                    "FROM {events} WHERE originator_id = {p} ORDER BY originator_version")
HEAD = "SELECT MAX({position}) FROM {events}"
EVENTS_FROM = ("SELECT {position}, originator_id, originator_version, topic, state FROM {events} "
               "WHERE {position} >= {p} ORDER BY {position} LIMIT {n}")
EVENTS_OF_STREAMS = ("SELECT {position}, originator_id, originator_version, topic, state "
                     "FROM {events} WHERE originator_id IN ")  # then one placeholder per stream
FIRST_EVENTS = ("SELECT originator_id, state FROM {events} WHERE originator_version = 1 "
                "AND originator_id IN ")  # then one placeholder per stream

if TYPE_CHECKING:
    Rows = Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]


def head_link(rows: list[tuple[Any, ...]]) -> tuple[int, str]:
    """(position, hash) of the first row of a chain query, or the chain's start."""
    return (rows[0][0], rows[0][1]) if rows else (0, GENESIS)


class ChainQueries:
    """The chain's reads, shared by every store's recorder. A recorder sets ``placeholder``
    and ``position_column`` and implements ``_tables`` (the quoted chain and events tables)
    and ``query_rows`` (run one query in its own read transaction, return tuples)."""

    placeholder = "?"
    position_column = "rowid"

    def _tables(self) -> dict[str, str]:
        raise NotImplementedError

    def query_rows(self, query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def chain_sql(self, query: str, n: int = 1) -> str:
        return query.format(p=self.placeholder, position=self.position_column, n=n,
                            **self._tables())

    def chain_head(self, position: int | None = None) -> tuple[int, str]:
        """(position, hash) of the chain at ``position``, or at its newest link."""
        if position is None:
            return head_link(self.query_rows(self.chain_sql(CHAIN_NEWEST), ()))
        return head_link(self.query_rows(self.chain_sql(CHAIN_AT), (position,)))

    def chain_links(self, start: int, stop: int | None) -> dict[int, str]:
        """Links from ``start`` to ``stop`` (inclusive; None: to the end)."""
        if stop is None:
            rows = self.query_rows(self.chain_sql(CHAIN_FROM), (start,))
        else:
            rows = self.query_rows(self.chain_sql(CHAIN_BETWEEN), (start, stop))
        return {row[0]: row[1] for row in rows}

    def events_from(self, start: int, limit: int) -> list[tuple[Any, ...]]:
        """Up to ``limit`` stored events from position ``start`` on, in position order, as
        rows (position, originator id, version, topic, state): for ``chain.verify``, which
        needs no event objects."""
        return self.query_rows(self.chain_sql(EVENTS_FROM, limit), (start,))

    def stream(self, originator_id: Any, rows: Rows | None = None) -> list[tuple[int, Any]]:
        """Every stored event of one stream, with its position, in version order (read in
        its own transaction, or through ``rows``: in the caller's)."""
        return [(r[0], self._stored_row(r)) for r in (rows or self.query_rows)(
            self.chain_sql(EVENTS_OF_STREAM), (self._stream_key(originator_id),))]

    def _stream_key(self, originator_id: Any) -> Any:
        return originator_id

    def _stored_row(self, row: tuple[Any, ...]) -> Any:
        """A stored event of a row (position, stream, version, topic, state): the event
        library's ``StoredEvent`` (a recorder that doesn't load the library gives its own,
        by the same names: ``sqlite_direct``)."""
        return _stored(row)

    def around(self, position: int) -> tuple[list[tuple[int, str]], list[tuple[int, Any]]]:
        """The two chain links and the two stored events at or before ``position``, newest
        first: what ``check_builds_on`` checks."""
        found = [(r[0], r[1]) for r in self.query_rows(self.chain_sql(CHAIN_AT, 2), (position,))]
        return found, [(r[0], self._stored_row(r)) for r in self.query_rows(self.chain_sql(EVENTS_AT),
                                                               (position,))]

    def check_extending(self, rows: Rows, first_new: int | None = None) -> str:
        """Inside the write transaction, once it holds the write lock: refuse to extend a
        broken chain (see ``ledger.chain``), and return the hash the new links follow.
        ``rows`` runs a query in that transaction; ``first_new`` is the first position the
        insert took, if it already ran."""
        from ..chain import check_builds_on, check_head

        newest = [(r[0], r[1]) for r in rows(self.chain_sql(CHAIN_NEWEST, 2), ())]
        if first_new is None:
            last_event = rows(self.chain_sql(HEAD), ())[0][0]
        else:
            last_event = rows(self.chain_sql(HEAD) + f" WHERE {self.position_column} < "
                              f"{self.placeholder}", (first_new,))[0][0]
        check_head(newest[0][0] if newest else None, last_event)
        if newest:
            check_builds_on(newest, [(r[0], self._stored_row(r))
                                     for r in rows(self.chain_sql(EVENTS_AT), (newest[0][0],))])
        return newest[0][1] if newest else GENESIS


def _hex(originator_id: Any) -> str:
    return originator_id if isinstance(originator_id, str) else originator_id.hex


def _stored(row: tuple[Any, ...]) -> Any:
    from eventsourcing.persistence import StoredEvent

    return StoredEvent(row[1], row[2], row[3], bytes(row[4]))


class Writer(ABC):
    """Inserts stored events inside one open write transaction holding the write lock."""

    @abstractmethod
    def head(self) -> int:
        """The newest stored event's position (0: none)."""

    @abstractmethod
    def insert(self, events: list[Any]) -> Sequence[int]:
        """Insert events with their chain links; return their positions."""

    events: Any  # the store's chained recorder (``ChainQueries``)

    @abstractmethod
    def rows(self, query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        """Run one query inside this transaction; return its rows as tuples."""

    def read_model_in(self, readmodel: Any) -> tuple[Any, Any] | None:
        """(the connection, the read model's cursor) inside this write transaction, where the
        read model is in the store's own database and may be written in it (a large first
        import projects itself as it stores: ``ledger/projecting.py``); None elsewhere."""
        return None

    def stream(self, stream: str) -> list[tuple[int, Any]]:
        """Every stored event of one stream (its id's hex), with its position, in version
        order, as this transaction sees them (its own inserts included)."""
        return self.events.stream(stream, self.rows)

    def streams(self, streams: Sequence[str]) -> dict[str, list[tuple[int, Any]]]:
        """Every stored event of each of these streams (ids' hex) that this transaction sees,
        with its position, in version order: what the log itself holds of those records."""
        found: dict[str, list[tuple[int, Any]]] = {}
        unique = list(dict.fromkeys(streams))
        for i in range(0, len(unique), 500):
            some = unique[i:i + 500]
            query = (self.events.chain_sql(EVENTS_OF_STREAMS)
                     + f"({', '.join([self.events.placeholder] * len(some))})"
                     + " ORDER BY originator_id, originator_version")
            for r in self.rows(query, tuple(some)):
                found.setdefault(_hex(r[1]), []).append((r[0], self.events._stored_row(r)))
        return found

    def first_events(self, streams: Sequence[str]) -> dict[str, bytes]:
        """The first event's stored bytes of each of these streams (ids' hex) that this
        transaction sees."""
        found: dict[str, bytes] = {}
        for i in range(0, len(streams), 500):
            some = list(streams[i:i + 500])
            query = (self.events.chain_sql(FIRST_EVENTS)
                     + f"({', '.join([self.events.placeholder] * len(some))})")
            found.update({_hex(r[0]): bytes(r[1]) for r in self.rows(query, tuple(some))})
        return found


class StoreAdapter(ABC):
    """One kind of store. ``Ledger`` and the readers reach a store only through this."""

    #: The store's name (``ReadSide.name``).
    dialect: str
    #: Whether a writer holding the write lock may bring the read model up to date on
    #: another connection (PostgreSQL: the lock leaves reads and the read model's tables
    #: free; SQLite: one writer per file, so no).
    catches_up_under_lock: bool = False
    #: Whether the store itself records who writes (PostgreSQL: the session's database role,
    #: which the server checks), so a writer's own name is kept only beside it (``via``);
    #: False: the ledger records the name it is given (SQLite).
    records_writer_role: bool = False
    #: What one of the store's database files is called ("SQLite database"), where it keeps
    #: databases in files; outputs never write over one, nor over a file kept beside one.
    database_file: str | None = None

    @staticmethod
    @abstractmethod
    def handles(location: Location) -> bool:
        """Whether this store keeps the ledger at ``location``."""

    @staticmethod
    @abstractmethod
    def read_side() -> ReadSide:
        """What the projection code does differently on this store (``projections/side.py``):
        table definitions, bulk load, placeholders, query overrides."""

    @abstractmethod
    def exists(self, location: Location) -> bool:
        """Whether a ledger is at ``location`` (creates nothing)."""

    @abstractmethod
    def open(self, location: Location, *, create: bool, repair: bool = False
             ) -> tuple[Any, type]:
        """(the library's infrastructure factory, the read model class) for the ledger at
        ``location``, creating it if ``create``; raises the ledger's own errors. ``repair``:
        opened for verify or rebuild (``Ledger.open``), which may find it damaged."""

    @abstractmethod
    def writer(self, events: Any) -> AbstractContextManager[Writer]:
        """One write transaction holding the store's write lock from its first statement,
        never ended for being idle (records are checked meanwhile on other connections)."""

    @staticmethod
    @abstractmethod
    def recorder_class() -> type:
        """The store's chained recorder class (its ``*_es`` module), loading the event store
        library; defined once however many threads ask at once."""

    @staticmethod
    def error_types() -> tuple[type[BaseException], ...]:
        """The store driver's database errors, if the driver is loaded (never loads it)."""
        return ()

    def creation_problem(self, location: Location) -> str | None:
        """Why a ledger that is not at ``location`` could not be created there, as opening
        it to write would say (after "can't create the ledger: "), or None."""
        return None

    def files(self, location: Location) -> list[Path]:
        """The files on this machine that hold the ledger at ``location`` (existing or not),
        which no output may be written over; none for a store on a server."""
        return []

    @staticmethod
    def is_database_file(head: bytes) -> bool:
        """Whether a file beginning with ``head`` is one of the store's databases (a ledger
        or any other)."""
        return False

    @staticmethod
    def is_side_file(path: Path) -> bool:
        """Whether ``path`` is a file the store keeps beside one of its database files."""
        return False

    def grant(self, location: Location, role: str, level: str, *,
              apply: bool = True) -> dict[str, Any]:
        """Make the database role ``role`` a reader, writer or owner (``level``) of the ledger
        at ``location`` (with ``apply`` False: only return the SQL); a store without roles
        refuses (``BadQuery``, one line)."""
        from ..errors import BadQuery

        raise BadQuery(f"{location.describe()}: this store has no database roles")

    def direct_reader(self, location: Location) -> Any | None:
        """A reader that answers queries without opening the store, or None."""
        return None

    def projects_while_storing(self, location: Location) -> bool:
        """Whether an import into ``location`` would be the ledger's first and project itself
        in its own write transaction (``ledger/projecting.py``; ``Writer.read_model_in``):
        then its validating processes build the read-model rows too. Never opens the store."""
        return False

    def chain_reader(self, location: Location) -> Any | None:
        """A reader of the hash chain and the stored events for ``caledger verify`` that
        doesn't open the store (``chain.verify``'s reads, plus ``head``, ``reopen`` and
        ``close``), or None: verify opens the ledger."""
        return None

    def session_role(self, events: Any) -> str | None:
        """The database role writes run as, where the store has roles (the events'
        ``recorded_by``, which the server checks); None: the store has none."""
        return None

    def permission_problem(self, events: Any, action: str) -> str | None:
        """Why the store refuses this session ``action`` ("write" or "rebuild"), as one line,
        or None. Stores without roles (SQLite: the file's permissions) refuse nothing here."""
        return None


def store_error_types() -> tuple[type[BaseException], ...]:
    """The database errors of every store whose driver is loaded (loads none)."""
    return tuple(kind for adapter in adapter_types() for kind in adapter.error_types())


def adapter_types() -> Iterator[type[StoreAdapter]]:
    from .postgres import PostgresAdapter
    from .sqlite import SQLiteAdapter

    yield PostgresAdapter
    yield SQLiteAdapter  # last: any location that is not a URL of another store
