"""The ledger's store: the eventsourcing library's recorders, one short stream per record.

Every record (an original disclosure, and later its corrections and retractions) is one
stored event, version 1 of the stream ``uuid5(record id)``. The store's unique constraint on
(stream, version) is therefore the idempotency key: a record id can be stored once, whatever
the number of concurrent writers. Nothing ever updates or deletes a stored event.

The store's notification id is the ledger's *position*: the exact "known" axis.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from eventsourcing.persistence import (
    ApplicationRecorder,
    InfrastructureFactory,
    IntegrityError,
    PersistenceError,
    StoredEvent,
)

from projections.readmodel import ReadModel

from .envelope import TOPICS, encode, stream_id
from .errors import LedgerNotFound, RejectedInput, StoreBusy, StoreUnavailable

DEFAULT_DB = "caledger.db"


@dataclass(frozen=True)
class Location:
    """Where the ledger lives: a SQLite file (the default) or a PostgreSQL URL."""

    url: str

    @classmethod
    def parse(cls, db: str | None) -> Location:
        return cls(db or os.environ.get("CALEDGER_DB") or DEFAULT_DB)

    @property
    def is_postgres(self) -> bool:
        return self.url.startswith(("postgresql://", "postgres://"))

    def describe(self) -> str:
        return self.url


@dataclass(frozen=True)
class Pending:
    """A record ready to store: its kind, id and canonical content."""

    kind: str
    record_id: str
    content: dict[str, Any]
    canonical: str


@dataclass(frozen=True)
class Stored:
    added: list[tuple[Pending, int]]  # with the position each was stored at
    existing: list[Pending]


class Ledger:
    """An open ledger: the event store and its read model."""

    def __init__(self, factory: InfrastructureFactory, location: Location):
        self.location = location
        self._factory = factory
        self.events: ApplicationRecorder = factory.application_recorder()
        self.readmodel: ReadModel = factory.tracking_recorder(ReadModel)  # type: ignore[arg-type]

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, db: str | None = None, *, create: bool) -> Ledger:
        location = Location.parse(db)
        if location.is_postgres:
            raise StoreUnavailable(
                f"{location.url}: PostgreSQL stores are not supported yet; use a SQLite file path")
        path = Path(location.url)
        if not create and not path.is_file():
            raise LedgerNotFound(
                f"{path}: no ledger here; import records first (caledger import FILE) or point "
                f"--db / CALEDGER_DB at an existing ledger")
        if create and not path.exists():
            problem = _cannot_create(path)
            if problem:
                raise StoreUnavailable(f"{path}: can't create the ledger: {problem}")
        env = {
            # Named explicitly: the library would otherwise fall back to an in-memory store.
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(path),
            "SQLITE_LOCK_TIMEOUT": "30",
        }
        try:
            factory = InfrastructureFactory.construct(env)
            if type(factory).__module__ != "eventsourcing.sqlite":  # pragma: no cover
                raise StoreUnavailable(f"{path}: expected a SQLite store, got {type(factory)}")
            return cls(factory, location)
        except (PersistenceError, sqlite3.Error, OSError) as e:
            raise StoreUnavailable(f"{path}: can't open the ledger: {e}") from None

    def close(self) -> None:
        self._factory.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ----------------------------------------------------------------------------

    def store(self, pending: Sequence[Pending], *, attempts: int = 10) -> Stored:
        """Store every record not already stored, all in one transaction, or none.

        A record whose id is already stored with the same canonical content is left as it
        is; the same id with different content is refused. A concurrent writer storing one of
        the same ids between the check and the write is detected by the store's unique
        constraint, and the whole check is repeated.
        """
        for _ in range(attempts):
            self.catch_up()
            existing = self.stored_contents([p.record_id for p in pending])
            conflicts = [
                f'record "{p.record_id}": id already recorded with different content; '
                f"choose a new id, or use a correction to change the recorded one"
                for p in pending
                if p.record_id in existing and existing[p.record_id] != p.canonical
            ]
            if conflicts:
                raise RejectedInput(*conflicts)
            new = [p for p in pending if p.record_id not in existing]
            old = [p for p in pending if p.record_id in existing]
            if not new:
                return Stored(added=[], existing=old)
            recorded_at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
            events = [
                StoredEvent(stream_id(p.record_id), 1, TOPICS[p.kind],
                            encode(p.kind, p.content, recorded_at))
                for p in new
            ]
            try:
                positions = self.events.insert_events(events)
            except IntegrityError:
                continue  # another writer stored one of these ids meanwhile: check again
            except (PersistenceError, sqlite3.Error) as e:
                raise StoreUnavailable(f"{self.location.describe()}: write failed, nothing "
                                       f"was stored: {e}") from None
            self.catch_up()
            return Stored(added=list(zip(new, positions or [], strict=False)), existing=old)
        raise StoreBusy("the store kept changing under concurrent writers; nothing was stored, "
                        "try again")

    # --- the read model ---------------------------------------------------------------------

    def catch_up(self) -> int:
        return self.readmodel.catch_up(self.events)

    def rebuild(self) -> int:
        return self.readmodel.rebuild(self.events)

    def head(self) -> int:
        """The position of the newest stored record (0 for an empty ledger)."""
        return self.events.max_notification_id() or 0

    def stored_contents(self, record_ids: Sequence[str]) -> dict[str, str]:
        """Canonical content of those of ``record_ids`` already stored (read model caught up)."""
        found: dict[str, str] = {}
        with self.readmodel.reading() as cur:
            for i in range(0, len(record_ids), 500):
                chunk = list(record_ids[i:i + 500])
                marks = ",".join("?" * len(chunk))
                for record_id, content in cur.execute(
                        f"SELECT record_id, content FROM rm_log WHERE record_id IN ({marks})",
                        chunk):
                    found[record_id] = content
        return found


def _cannot_create(path: Path) -> str | None:
    """Why a new ledger file at ``path`` can't be created, or None if it can."""
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        return "it is a directory; give a file path such as ledger.db"
    if not parent.exists():
        return f"folder {parent} does not exist; create it first"
    if not parent.is_dir():
        return f"{parent} is not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"no permission to write in {parent}"
    return None
