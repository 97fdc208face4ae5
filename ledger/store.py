"""The ledger's store: the eventsourcing library's recorders, one short stream per record.

An original record is version 1 of the stream ``uuid5(record id)``; a correction or
retraction is the next version of its target's stream, plus a claim event, version 1 of the
stream ``uuid5(its own id)``. The store's unique constraint on (stream, version) is therefore
the idempotency key: a record id is stored once, whatever the number of concurrent writers,
and two amendments of one record can't both take the same version. Nothing ever updates or
deletes a stored event.

The store's notification id is the ledger's *position*: the exact "known" axis.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from eventsourcing.persistence import (
    InfrastructureFactory,
    IntegrityError,
    PersistenceError,
    StoredEvent,
)

from projections.readmodel import ReadModel
from projections.readmodel_names import CHAIN_TABLE

from .envelope import TOPICS, decode, encode, encode_canonical, stream_id
from .errors import LedgerNotFound, LogAltered, RejectedInput, StoreBusy, StoreUnavailable
from .location import Location

#: Told (phase, records done since the last call) as long operations go.
Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class Pending:
    """A record ready to store: its kind, id, canonical content and, for an amendment, the
    record it amends. ``company`` is the record's (a correction's: its replacement's)."""

    kind: str
    record_id: str
    content: dict[str, Any]
    canonical: str
    company: str | None = None
    target: str | None = None
    seq: int = 0  # order within one store call


@dataclass
class Stored:
    """What a store call did: records added (with positions) and already present. Large
    imports list only the first few of each; the counts are always complete."""

    added: list[tuple[Pending, int]]
    existing: list[Pending]
    added_count: int = 0
    existing_count: int = 0
    added_by_type: dict[str, int] = field(default_factory=dict)

    def count_added(self, added: list[tuple[Pending, int]], keep: int) -> None:
        self.added_count += len(added)
        for p, _ in added:
            kind = p.content["type"]
            self.added_by_type[kind] = self.added_by_type.get(kind, 0) + 1
        self.added.extend(added[:max(0, keep - len(self.added))])

    def count_existing(self, existing: list[Pending], keep: int) -> None:
        self.existing_count += len(existing)
        self.existing.extend(existing[:max(0, keep - len(self.existing))])


class _Moved(Exception):
    """The store moved between catching up and taking the write lock."""


class _State:
    """What one store call has decided so far, across its chunks."""

    def __init__(self, earlier: Callable[[str], Pending | None]):
        self.earlier = earlier
        self.retracted_by: dict[str, str] = {}
        self.amendments: dict[str, int] = {}


class _Writer:
    """Inserts stored events inside one open write transaction."""

    def head(self) -> int:
        raise NotImplementedError

    def insert(self, events: list[StoredEvent]) -> Sequence[int]:
        raise NotImplementedError


class _SQLiteWriter(_Writer):
    def __init__(self, events: Any, c: Any):
        self.events, self.c = events, c

    def head(self) -> int:
        self.c.execute(f"SELECT MAX(rowid) FROM {self.events.events_table_name}")
        return self.c.fetchone()[0] or 0

    def insert(self, events: list[StoredEvent]) -> Sequence[int]:
        return self.events._insert_events(self.c, events)


class _PostgresWriter(_Writer):
    def __init__(self, events: Any, curs: Any):
        self.events, self.curs = events, curs

    def head(self) -> int:
        from psycopg.sql import SQL, Identifier

        self.curs.execute(SQL("SELECT MAX(notification_id) AS m FROM {0}.{1}").format(
            Identifier(self.events.datastore.schema), Identifier(self.events.events_table_name)))
        return self.curs.fetchone()["m"] or 0

    def insert(self, events: list[StoredEvent]) -> Sequence[int]:
        self.events._insert_events(self.curs, events)
        self.events._insert_stored_events(self.curs, events)
        return self.events._fetch_ids_after_insert_events(self.curs, events)


class Ledger:
    """An open ledger: the event store and its read model."""

    def __init__(self, factory: InfrastructureFactory, location: Location,
                 readmodel_class: type[ReadModel]):
        self.location = location
        self._factory = factory
        self.events: Any = factory.application_recorder()
        self.readmodel: ReadModel = factory.tracking_recorder(readmodel_class)  # type: ignore[arg-type]
        if not factory.env_create_table():  # type: ignore[attr-defined]
            self.readmodel.ensure_migrated()

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, db: str | None = None, *, create: bool) -> Ledger:
        location = Location.parse(db)
        if location.is_postgres:
            return cls._open_postgres(location, create=create)
        path = Path(location.url)
        if path.is_dir():
            raise StoreUnavailable(f"{path}: is a directory, not a ledger file; give a file path "
                                   f"such as {path / 'caledger.db'}")
        if not create and not path.is_file():
            raise LedgerNotFound(
                f"{path}: no ledger here; import records first (caledger import FILE) or point "
                f"--db / CALEDGER_DB at an existing ledger")
        if path.exists():
            # Nothing is written to a file until it is known to be a caledger ledger.
            problem = _not_a_ledger(path)
            if problem:
                raise StoreUnavailable(f"{path}: {problem}")
        else:
            problem = _cannot_create(path)
            if problem:
                raise StoreUnavailable(f"{path}: can't create the ledger: {problem}")
            cls._create_sqlite(location, path)
        try:
            name = str(path)
            if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
                # A read-only ledger (or folder): open it so that reading writes nothing;
                # a write is then refused by SQLite and reported as such.
                from .reader import read_only_uri

                name = read_only_uri(str(path))
            return cls._open_sqlite(location, name, create_tables=False)
        except (PersistenceError, sqlite3.Error, OSError) as e:
            raise StoreUnavailable(f"{path}: can't open the ledger: {e}") from None

    @classmethod
    def _open_sqlite(cls, location: Location, path: Path | str, *, create_tables: bool
                     ) -> Ledger:
        env = {
            # Named explicitly: the library would otherwise fall back to an in-memory store.
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(path),
            "SQLITE_LOCK_TIMEOUT": "30",
            # The library's recorder, plus the tamper-evident hash chain (ledger/chain.py).
            "APPLICATION_RECORDER_TOPIC": "ledger.chain:ChainedSQLiteRecorder",
            # An existing ledger's tables exist: don't re-issue every CREATE on each query.
            "CREATE_TABLE": "yes" if create_tables else "no",
        }
        factory = InfrastructureFactory.construct(env)
        if type(factory).__module__ != "eventsourcing.sqlite":  # pragma: no cover
            raise StoreUnavailable(f"{path}: expected a SQLite store, got {type(factory)}")
        from projections.readmodel import SQLiteReadModel

        return cls(factory, location, SQLiteReadModel)

    @classmethod
    def _create_sqlite(cls, location: Location, path: Path) -> None:
        """Create a new ledger file at ``path`` atomically: its tables are made in a private
        file beside it, which is then linked into place unless another process has created
        the ledger meanwhile (then that one is used). So no process ever sees a half-made
        ledger, and any number of processes may create one ledger at once."""
        tmp = path.parent / f".{path.name}.new-{uuid.uuid4().hex[:12]}"
        try:
            try:
                cls._open_sqlite(location, tmp, create_tables=True).close()
            except (PersistenceError, sqlite3.Error, OSError) as e:
                raise StoreUnavailable(f"{path}: can't create the ledger: {e}") from None
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another process created it first
            except OSError:  # a file system without hard links
                if not path.exists():
                    os.replace(tmp, path)
            _remove_stale(path)
        finally:
            for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"),
                             Path(f"{tmp}-journal")):
                leftover.unlink(missing_ok=True)

    @classmethod
    def _postgres_ledger(cls, factory: InfrastructureFactory, location: Location) -> Ledger:
        if type(factory).__module__ != "eventsourcing.postgres":  # pragma: no cover
            raise StoreUnavailable(f"{location.describe()}: expected a PostgreSQL store")
        from projections.postgres import PostgresReadModel

        return cls(factory, location, PostgresReadModel)

    @classmethod
    def _open_postgres(cls, location: Location, *, create: bool) -> Ledger:
        shown = location.describe()
        try:
            from . import postgres

            env = postgres.settings(location.url)
        except ValueError as e:
            raise StoreUnavailable(f"{shown}: {e}") from None
        env.update({
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "APPLICATION_RECORDER_TOPIC": "ledger.postgres:ChainedPostgresRecorder",
            "CREATE_TABLE": "no",
        })
        try:
            state = postgres.schema_state(env)
            if state == "foreign":
                raise StoreUnavailable(
                    f"{shown}: schema {env['POSTGRES_SCHEMA']} holds another application's "
                    "stored_events table, not a caledger ledger; nothing was written to it. "
                    "Choose another schema with ?schema=NAME")
            if create:
                with postgres.creation_lock(env):
                    postgres.create_schema(env)
                    env["CREATE_TABLE"] = "no" if postgres.ledger_exists(env) else "yes"
                    factory = InfrastructureFactory.construct(env)
                    ledger = cls._postgres_ledger(factory, location)
                return ledger
            if state != "ledger":
                raise LedgerNotFound(
                    f"{shown}: no ledger in schema {env['POSTGRES_SCHEMA']}; import records "
                    "first (caledger import FILE) or point --db / CALEDGER_DB at a ledger")
            return cls._postgres_ledger(InfrastructureFactory.construct(env), location)
        except (LedgerNotFound, StoreUnavailable):
            raise
        except Exception as e:  # psycopg and pool errors: report, never a traceback
            if type(e).__module__.split(".")[0] not in ("psycopg", "psycopg_pool",
                                                        "eventsourcing"):
                raise
            raise StoreUnavailable(f"{shown}: can't open the ledger: "
                                   f"{str(e).strip().splitlines()[0]}") from None

    def close(self) -> None:
        self._factory.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ----------------------------------------------------------------------------

    def store(self, pending: Sequence[Pending], *, attempts: int = 10) -> Stored:
        """Store every record not already stored, all in one transaction, or none."""
        records = [replace(p, seq=i) for i, p in enumerate(pending)]
        by_id = {p.record_id: p for p in records}
        return self.store_chunks(lambda: iter([records]), by_id.get, attempts=attempts)

    def store_chunks(self, chunks: Callable[[], Iterator[list[Pending]]],
                     earlier: Callable[[str], Pending | None], *, attempts: int = 10,
                     keep: int = 1000, progress: Progress | None = None) -> Stored:
        """Store the records ``chunks()`` yields, in order, in ONE transaction: all or none.

        A record whose id is already stored with the same canonical content is left as it
        is; the same id with different content is refused. An original record is version 1
        of its own stream; an amendment is the next version of its target's stream (so two
        writers amending one record can't both succeed unseen) plus an id claim, version 1 of
        its own id's stream (so no two records ever share an id). ``earlier(id)`` finds a
        record met earlier in this same call (an amendment's target may be one). The checks
        run against the read model, caught up and then held still by the write lock; if
        another writer got in between, everything is checked again. Every problem in every
        chunk is reported, and then nothing is stored. Only the first ``keep`` added and
        existing records are listed in the result; all are counted.
        """
        for _ in range(attempts):
            self.catch_up()
            expected = self.readmodel.position()
            result = Stored(added=[], existing=[])
            problems: list[str] = []
            try:
                with self._writer() as writer:
                    head = writer.head()
                    if head < expected:
                        raise LogAltered(_truncated(head, expected))
                    if head != expected:
                        raise _Moved
                    state = _State(earlier)
                    recorded_at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
                    for chunk in chunks():
                        plan = self._plan(chunk, state, recorded_at)
                        problems.extend(plan.problems)
                        result.count_existing(plan.existing, keep)
                        if problems or not plan.events:
                            continue  # keep checking, to report every problem
                        positions = writer.insert(plan.events)
                        result.count_added([(p, positions[i]) for p, i in plan.added], keep)
                        if progress is not None:
                            progress("storing", len(chunk))
                    if problems:
                        raise RejectedInput(*problems)
            except (_Moved, IntegrityError):
                continue  # another writer stored records meanwhile: check again
            except (PersistenceError, sqlite3.Error) as e:
                if _lock_timed_out(e):
                    continue  # other writers held the lock all along (a busy machine): again
                raise StoreUnavailable(f"{self.location.describe()}: write failed, nothing "
                                       f"was stored: {e}{_read_only_hint(e)}") from None
            self.catch_up(progress)
            return result
        raise StoreBusy("the store kept changing under concurrent writers; nothing was stored, "
                        "try again")

    @contextmanager
    def _writer(self) -> Iterator[_Writer]:
        """One write transaction holding the store's write lock from its first statement."""
        events = self.events
        if self.location.is_postgres:
            with events.datastore.get_connection() as conn, conn.transaction(), \
                    conn.cursor() as curs:
                # Never time out while the import's records are checked meanwhile on other
                # connections (however long that takes), whatever the server's default.
                curs.execute("SET LOCAL idle_in_transaction_session_timeout = 0")
                events._lock_table(curs)
                yield _PostgresWriter(events, curs)
        else:
            with events.datastore.transaction(commit=True) as c:
                c.execute("UPDATE tracking SET notification_id = notification_id "
                          "WHERE application_name = ''")  # takes SQLite's write lock
                yield _SQLiteWriter(events, c)

    def _plan(self, pending: Sequence[Pending], state: _State, recorded_at: str) -> _Plan:
        targets = [p.target for p in pending if p.target]
        known = self.readmodel.log_entries([*(p.record_id for p in pending), *targets])
        retracted_by, amendments = self.readmodel.amendment_state(
            [t for t in targets if t not in state.amendments])
        for target, by in retracted_by.items():
            state.retracted_by.setdefault(target, by)
        for target, count in amendments.items():
            state.amendments.setdefault(target, count)
        plan = _Plan()
        for p in pending:
            who = f'record "{p.record_id}"'
            if p.record_id in known:
                if known[p.record_id].content != p.canonical:
                    differs = _differing_fields(json.loads(known[p.record_id].content), p.content)
                    plan.problems.append(f"{who} field id: already recorded with different "
                                         f"content (differs in: {differs}); choose a new id, or "
                                         "record a correction of the recorded one")
                else:
                    plan.existing.append(p)
                continue
            if p.target is None:
                plan.add(p, stream_id(p.record_id), 1, recorded_at)
                continue
            target, field = p.target, "corrects" if p.kind == "correction" else "retracts"
            earlier = state.earlier(target)
            if earlier is not None and earlier.seq >= p.seq:
                plan.problems.append(f'{who} field {field}: "{target}" comes later in this '
                                     "import; put the original record before its amendments")
                continue
            if target in known:
                entry = known[target]
                if entry.kind != "record":
                    plan.problems.append(f'{who} field {field}: "{target}" is itself a '
                                         f'{entry.kind} of "{entry.target}"; amend the original '
                                         "record instead")
                    continue
                company = entry.company
            elif earlier is not None and earlier.target is None:
                company = earlier.company
            elif earlier is not None:
                plan.problems.append(f'{who} field {field}: "{target}" is itself a '
                                     f"{earlier.kind}; amend the original record instead")
                continue
            else:
                plan.problems.append(f'{who} field {field}: no record "{target}" in the ledger; '
                                     "check the id, or import the original first")
                continue
            if target in state.retracted_by:
                plan.problems.append(
                    f'{who} field {field}: "{target}" was retracted by '
                    f'"{state.retracted_by[target]}"; '
                    + ("a retracted record can't be corrected; record a new one instead"
                       if p.kind == "correction" else "it can't be retracted twice"))
                continue
            if p.kind == "correction" and p.company != company:
                plan.problems.append(f"{who} field event.company: a correction keeps the company"
                                     f" ({company}), not {p.company}; retract the record and "
                                     "record a new one for the other company")
                continue
            state.amendments[target] = state.amendments.get(target, 0) + 1
            if p.kind == "retraction":
                state.retracted_by[target] = p.record_id
            plan.add(p, stream_id(target), 1 + state.amendments[target], recorded_at)
            plan.claim(p, recorded_at)
        return plan

    # --- the read model ---------------------------------------------------------------------

    def catch_up(self, progress: Progress | None = None) -> int:
        """Bring the read model up to date with the log (nothing is written if it is)."""
        from projections.readmodel import ReadModelAhead

        for attempt in range(3):
            try:
                return self.readmodel.catch_up(self.events, progress=progress)
            except ReadModelAhead as e:
                raise LogAltered(_truncated(e.head, e.tracked)) from None
            except (ValueError, KeyError, TypeError) as e:
                raise LogAltered(_unreadable(e)) from None
            except (PersistenceError, sqlite3.Error) as e:
                if _lock_timed_out(e) and attempt < 2:
                    continue  # other processes held the lock all along (a busy machine)
                raise StoreUnavailable(f"{self.location.describe()}: can't bring the read "
                                       f"model up to date: {_first_line(e)}"
                                       f"{_read_only_hint(e)}") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def rebuild(self, progress: Progress | None = None) -> int:
        try:
            return self.readmodel.rebuild(self.events, progress=progress)
        except (ValueError, KeyError, TypeError) as e:
            raise LogAltered(_unreadable(e)) from None
        except (PersistenceError, sqlite3.Error) as e:
            raise StoreUnavailable(f"{self.location.describe()}: can't rebuild the read model, "
                                   f"nothing was changed: {_first_line(e)}"
                                   f"{_read_only_hint(e)}") from None

    def record_id_at(self, position: int) -> str | None:
        """The record id at ``position``: as the read model knows it (the event itself may be
        the damaged one), else as the stored event says."""
        with self.readmodel.reading() as cur:
            row = cur.execute("SELECT record_id, kind, content FROM rm_log WHERE position = ?",
                              (position,)).fetchone()
        if row is not None:
            record_id, kind, content = row
            if kind == "claim":
                return f"claim for {json.loads(content).get('id')}"
            return record_id
        found = self.events.select_notifications(start=position, limit=1)
        if not found or found[0].id != position:
            return None
        try:
            return decode(found[0].state).record_id
        except (ValueError, KeyError, TypeError):
            return None


def _differing_fields(old: dict[str, Any], new: dict[str, Any]) -> str:
    return ", ".join(sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k)))


class _Plan:
    """The stored events one chunk will insert, which record each one is, and problems."""

    def __init__(self) -> None:
        self.events: list[StoredEvent] = []
        self.added: list[tuple[Pending, int]] = []  # (record, index of its event)
        self.existing: list[Pending] = []
        self.problems: list[str] = []

    def add(self, p: Pending, stream: Any, version: int, recorded_at: str) -> None:
        self.added.append((p, len(self.events)))
        self.events.append(StoredEvent(stream, version, TOPICS[p.kind],
                                       encode_canonical(p.kind, p.canonical, recorded_at)))

    def claim(self, p: Pending, recorded_at: str) -> None:
        claim = {"id": p.record_id, "amends": p.target}
        self.events.append(StoredEvent(stream_id(p.record_id), 1, TOPICS["claim"],
                                       encode("claim", claim, recorded_at)))


def _truncated(head: int, tracked: int) -> str:
    return (f"the event log ends at @{head} but records up to @{tracked} were stored and "
            "projected: events were removed from the log after they were recorded. "
            "Restore the ledger from a backup and check it with caledger verify "
            "--checkpoint (or --expect-head) against a head you kept")


def _lock_timed_out(e: BaseException) -> bool:
    text = str(e)
    return "database is locked" in text or "lock timeout" in text


def _unreadable(e: BaseException) -> str:
    return (f"a stored event can't be read ({_first_line(e)}): the log was altered after it "
            "was written; nothing was changed. Run caledger verify to find the record, and "
            "restore the ledger from a backup")


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _read_only_hint(e: BaseException) -> str:
    if "readonly" in str(e) or "read-only" in str(e) or "read only" in str(e):
        return ("; the ledger (or its folder) is read-only: run this where it can be written, "
                "or ask for write access")
    return ""


#: The tables every caledger SQLite ledger has, beside its read model.
_LEDGER_TABLES = {"stored_events", CHAIN_TABLE}


def _not_a_ledger(path: Path) -> str | None:
    """Why the existing file at ``path`` is not a caledger ledger, or None if it is. Reads
    the file only, never writes to it."""
    if not path.is_file():
        return "not a regular file; point --db at a ledger file"
    if path.stat().st_size == 0:
        return ("the file is empty, not a caledger ledger; nothing was written to it. Point "
                "--db at a ledger, or at a path that doesn't exist yet to create one")
    from .reader import connect_read_only

    try:
        conn = connect_read_only(str(path))
        try:
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        if "not a database" in str(e) or "file is encrypted" in str(e):
            return ("not a SQLite database, so not a caledger ledger; nothing was written to "
                    "it. Point --db at a ledger, or at a path that doesn't exist yet")
        return f"can't read it: {e}"
    if not _LEDGER_TABLES <= tables:
        shown = ", ".join(sorted(tables)[:8]) or "none"
        return ("a SQLite database but not a caledger ledger (its tables: "
                f"{shown}); nothing was written to it. Point --db at a ledger, or at a path "
                "that doesn't exist yet to create one")
    return None


def _remove_stale(path: Path, older_than: float = 3600.0) -> None:
    """Remove private files left by a creation killed before it finished (an hour old)."""
    import glob
    import time

    now = time.time()
    for stale in path.parent.glob(f".{glob.escape(path.name)}.new-*"):
        try:
            if now - stale.stat().st_mtime > older_than:
                stale.unlink()
        except OSError:
            pass


def _cannot_create(path: Path) -> str | None:
    """Why a new ledger file at ``path`` can't be created, or None if it can."""
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        return f"folder {parent} does not exist; create it first"
    if not parent.is_dir():
        return f"{parent} is not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"no permission to write in {parent}"
    return None
