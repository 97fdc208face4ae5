"""The read model: bitemporal tables kept current from the event log, exactly once.

``ReadModel`` is an eventsourcing tracking recorder. Each batch of notifications is applied
to the read-model tables and the tracked store position is advanced in the same transaction,
so a batch is projected once or not at all, however many processes catch up at once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from eventsourcing.persistence import ApplicationRecorder, Notification, Tracking
from eventsourcing.sqlite import SQLiteTrackingRecorder

from ledger import kinds
from ledger.envelope import decode
from ledger.jsonio import canonical_json
from ledger.values import parse_period, to_sats

from . import bulk, schema
from .readmodel_names import TRACKING_NAME  # the name the read model's position is tracked under
from .sql import Sql

BATCH = 5000


class ReadModelBehind(Exception):
    """Another process advanced the read model while this one was projecting; try again."""


class ReadModelAhead(Exception):
    """The read model has projected positions the event log no longer holds."""

    def __init__(self, tracked: int, head: int):
        super().__init__(f"read model at @{tracked}, log ends at @{head}")
        self.tracked, self.head = tracked, head


class _Rewound(Exception):
    """The read model holds rows past its tracked position (the position was set back)."""


def _sats(value: str | None) -> int | None:
    """Satoshis of a stored BTC amount (validated when it was written)."""
    if value is None:
        return None
    return to_sats(Decimal(value))


def _version_row(position: int, first_position: int, record_id: str,
                 record: dict[str, Any]) -> list:
    """The read-model row for one version of a record's content."""
    record_type = record["type"]
    category = kinds.category(record_type)
    period = parse_period(record["effective"])
    d_total = d_loaned = d_pledged = a_total = a_loaned = a_pledged = change = None
    if category == "flow":
        amount = _sats(record["btc"])
        s_total, s_loaned, s_pledged = kinds.BTC_EFFECT[record_type]
        d_total, d_loaned, d_pledged = s_total * amount, s_loaned * amount, s_pledged * amount
    elif category == "anchor":
        a_total = _sats(record["btc"])
        a_loaned = _sats(record.get("loaned"))
        a_pledged = _sats(record.get("pledged"))
    elif category == "change":
        change = _sats(record["btc"])
    return [
        position, record_id, first_position, None,
        record["company"], record_type, category, period.text,
        period.start.isoformat(), period.end.isoformat(),
        d_total, d_loaned, d_pledged, a_total, a_loaned, a_pledged, change,
    ]


@dataclass(frozen=True)
class LogEntry:
    """What the read model knows of one stored record, for checks before a write."""

    record_id: str
    kind: str
    company: str
    target: str | None
    content: str


def _span_days(row: list) -> int:
    """Days from a version row's period start to its end."""
    return (date.fromisoformat(row[9]) - date.fromisoformat(row[8])).days


class ReadModel:
    """Read-model tables beside the event store, with the library's tracking table.

    The logic is written once; ``SQLiteReadModel`` and ``PostgresReadModel`` bind it to the
    library's tracking recorder for each store.
    """

    dialect: str
    datastore: Any
    _insert_tracking: Any
    _max_tracking_id: Any
    max_tracking_id: Any

    # --- the store-specific parts ---------------------------------------------------------------

    def _sql(self, c: Any) -> Sql:
        raise NotImplementedError

    def _lock(self, cur: Sql) -> None:
        """Serialize projectors: taken first in every projecting transaction."""
        raise NotImplementedError

    def _tracking_table(self) -> str:
        raise NotImplementedError

    def reader(self) -> Callable[[], Sql] | None:
        """A function opening another connection to this store, for a second process to
        read the log with (``bulk.project``); None where no other connection can see it."""
        return None

    def create_table(self) -> None:
        super().create_table()  # type: ignore[misc]  # the library's tracking table
        self.migrate()

    # --- connections ----------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Sql]:
        """A consistent snapshot of the read model."""
        with self.datastore.transaction(commit=False) as c:
            yield self._sql(c)

    @contextmanager
    def writing(self) -> Iterator[tuple[Any, Sql]]:
        with self.datastore.transaction(commit=True) as c:
            cur = self._sql(c)
            self._lock(cur)
            yield c, cur

    def migrate(self) -> None:
        with self.writing() as (_, cur):
            schema.migrate(cur.cursor, self.dialect)

    def ensure_migrated(self) -> None:
        """Migrate only if a migration this store needs is missing (one read when none is)."""
        with self.reading() as cur:
            try:
                applied = {row[0] for row in cur.execute(
                    f"SELECT name FROM {schema.MIGRATIONS_TABLE}")}
            except Exception:  # no migrations table yet
                applied = set()
        if any(m.name not in applied and m.changes(self.dialect) for m in schema.MIGRATIONS):
            self.migrate()

    def log_entries(self, record_ids: Sequence[str]) -> dict[str, LogEntry]:
        """The stored records among ``record_ids``."""
        found: dict[str, LogEntry] = {}
        unique = list(dict.fromkeys(record_ids))
        with self.reading() as cur:
            for i in range(0, len(unique), 500):
                chunk = unique[i:i + 500]
                for row in cur.execute(
                        "SELECT record_id, kind, company, target, content FROM rm_log "
                        f"WHERE record_id IN ({','.join('?' * len(chunk))})", chunk):
                    found[row[0]] = LogEntry(*row)
        return found

    def notes_state(self, notes_id: str, company: str
                    ) -> tuple[Decimal | None, dict[str, Decimal]]:
        """The current principal of the notes issue ``notes_id`` (None if there is none) and
        every current retirement of ``company`` naming it, by record id."""
        principal = None
        retired: dict[str, Decimal] = {}
        with self.reading() as cur:
            for record_id, type_, content in cur.execute(
                    "SELECT v.record_id, v.type, l.content FROM rm_versions v "
                    "JOIN rm_log l ON l.position = v.position WHERE v.valid_to IS NULL AND "
                    "((v.record_id = ? AND v.type = 'notes_issued') OR "
                    "(v.company = ? AND v.type = 'notes_retired'))", (notes_id, company)):
                record = json.loads(content)
                record = record.get("event", record)
                if type_ == "notes_issued":
                    principal = Decimal(record["principal_usd"])
                elif record.get("notes_id") == notes_id:
                    retired[record_id] = Decimal(record["principal_usd"])
        return principal, retired

    def amendment_state(self, targets: Sequence[str]) -> tuple[dict[str, str], dict[str, int]]:
        """For each of ``targets``: the retraction that retracted it, and how many amendments
        it has (so the version of its stream is that plus one)."""
        retracted_by: dict[str, str] = {}
        counts: dict[str, int] = {}
        unique = list(dict.fromkeys(targets))
        with self.reading() as cur:
            for i in range(0, len(unique), 500):
                chunk = unique[i:i + 500]
                for target, kind, record_id in cur.execute(
                        "SELECT target, kind, record_id FROM rm_log "
                        f"WHERE target IN ({','.join('?' * len(chunk))}) ORDER BY position", chunk):
                    counts[target] = counts.get(target, 0) + 1
                    if kind == "retraction":
                        retracted_by.setdefault(target, record_id)
        return retracted_by, counts

    # --- keeping current --------------------------------------------------------------------

    def position(self) -> int:
        """The store position the read model has projected up to."""
        return self.max_tracking_id(TRACKING_NAME) or 0

    def catch_up(self, events: ApplicationRecorder, *, attempts: int = 20,
                 progress: Callable[[str, int], None] | None = None, bulk: bool = True) -> int:
        """Project every notification not yet projected; return how many were applied.

        ``bulk=False`` always projects batch by batch through ``_apply``, reading the log
        through ``events`` only: for a read model kept apart from the events' database."""
        applied = 0
        failures = 0
        rebuilt = False
        while True:
            start = self.position()
            batch = events.select_notifications(start=start + 1, limit=BATCH)
            if not batch:
                head = events.max_notification_id() or 0
                if head < start:
                    raise ReadModelAhead(start, head)
                return applied
            if bulk and start == 0 and len(batch) == BATCH:  # a long log, empty model
                done = self._bulk_catch_up(events, progress)
                if done is not None:  # then on, batch by batch, whatever came meanwhile
                    applied += done
                    continue
            try:
                with self.writing() as (c, cur):
                    # Under the projector lock the tracked position can't move before commit.
                    if (self._max_tracking_id(TRACKING_NAME, c) or 0) != start:
                        raise ReadModelBehind
                    projected = cur.execute("SELECT MAX(position) FROM rm_log").fetchone()[0]
                    if (projected or 0) > start:
                        raise _Rewound
                    self._apply(cur, batch)
                    self._insert_tracking(c, Tracking(TRACKING_NAME, batch[-1].id))
                if progress is not None:
                    progress("projecting", len(batch))
            except ReadModelBehind:
                failures += 1
                if failures > attempts:
                    raise
                continue
            except _Rewound:
                # The tracked position was set back below rows already projected: the read
                # model is no longer what the log says. It is disposable: replay it.
                if rebuilt:
                    raise
                rebuilt = True
                applied += self.rebuild(events, progress=progress)
                continue
            applied += len(batch)

    def rebuild(self, events: ApplicationRecorder, *,
                progress: Callable[[str, int], None] | None = None) -> int:
        """Drop the read model and project the whole log into it again, in one transaction,
        set-based (``projections/bulk.py``): the same rows as the incremental projection."""
        with self.writing() as (c, cur), bulk.settings(cur):
            cur.execute(f"DELETE FROM {self._tracking_table()} WHERE application_name = ?",
                        (TRACKING_NAME,))
            schema.drop(cur.cursor)
            schema.migrate(cur.cursor, self.dialect)
            count, last = bulk.project(cur, events.events_table_name, progress=progress,
                                       reader=self.reader())
            if count:
                self._insert_tracking(c, Tracking(TRACKING_NAME, last))
        return count

    def _bulk_catch_up(self, events: ApplicationRecorder,
                       progress: Callable[[str, int], None] | None) -> int | None:
        """Catch an EMPTY read model up with a long log set-based (after a large first
        import); None if another projector got there first or the tables are not empty."""
        with self.writing() as (c, cur):
            if (self._max_tracking_id(TRACKING_NAME, c) or 0) != 0 or \
                    cur.execute("SELECT 1 FROM rm_log LIMIT 1").fetchone() is not None:
                return None
            with bulk.settings(cur):
                count, last = bulk.project(cur, events.events_table_name, progress=progress,
                                           phase="projecting", reader=self.reader())
            if count:
                self._insert_tracking(c, Tracking(TRACKING_NAME, last))
        return count

    def _apply(self, cur: Sql, batch: Sequence[Notification]) -> None:
        """Project one batch: one bulk insert per table. An amendment whose target is in the
        same batch closes the target's pending version row in memory; otherwise it looks the
        target up and closes its stored current version with an UPDATE."""
        row = cur.execute("SELECT known_from FROM rm_log ORDER BY position DESC LIMIT 1").fetchone()
        known_from = row[0] if row else ""
        log_rows: list[tuple] = []
        version_rows: list[list] = []
        current: dict[str, int] = {}             # record id -> index of its open version row
        originals: dict[str, tuple[int, str]] = {}  # record id -> (position, company)
        closed: list[tuple[int, str]] = []       # (valid_to, record id) for stored versions
        companies: dict[str, list[int]] = {}  # company -> [records, first, last, max_span]

        for n in batch:
            env = decode(n.state)
            record = env.record
            known_from = max(known_from, env.recorded_at)
            if env.kind == "claim":
                # Reserves an amendment's id; logged with no id or company, so only the
                # known axis (time -> position) sees it.
                log_rows.append((n.id, None, "claim", None, None, None, env.recorded_at,
                                 known_from, canonical_json(record)))
                continue
            if env.kind == "record":
                company = record["company"]
                log_rows.append((n.id, record["id"], "record", record["type"], company,
                                 None, env.recorded_at, known_from, canonical_json(record)))
                current[record["id"]] = len(version_rows)
                originals[record["id"]] = (n.id, company)
                version_rows.append(_version_row(n.id, n.id, record["id"], record))
            else:
                target = record["corrects"] if env.kind == "correction" else record["retracts"]
                if target in originals:
                    first_position, company = originals[target]
                else:
                    first = cur.execute("SELECT position, company FROM rm_log "
                                        "WHERE record_id = ? AND kind = 'record'",
                                        (target,)).fetchone()
                    if first is None:
                        raise ValueError(f"stored {env.kind} {record['id']} amends unknown "
                                         f"{target}")
                    first_position, company = first
                replacement = record.get("event")
                log_rows.append((n.id, record["id"], env.kind,
                                 replacement["type"] if replacement else None, company, target,
                                 env.recorded_at, known_from, canonical_json(record)))
                if target in current:
                    version_rows[current.pop(target)][3] = n.id  # close the pending version
                else:
                    closed.append((n.id, target))
                if replacement is not None:
                    current[target] = len(version_rows)
                    version_rows.append(_version_row(n.id, first_position, target, replacement))
            entry = companies.setdefault(company, [0, n.id, n.id, 0])
            entry[0] += 1
            entry[2] = n.id
            if version_rows and version_rows[-1][0] == n.id and version_rows[-1][6] == "flow":
                entry[3] = max(entry[3], _span_days(version_rows[-1]))
        cur.executemany("UPDATE rm_versions SET valid_to = ? "
                        "WHERE record_id = ? AND valid_to IS NULL", closed)
        cur.executemany("INSERT INTO rm_log VALUES (?,?,?,?,?,?,?,?,?)", log_rows)
        cur.executemany("INSERT INTO rm_versions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        version_rows)
        cur.executemany(
            "INSERT INTO rm_companies VALUES (?,?,?,?,?) ON CONFLICT(company) DO UPDATE SET "
            "records = rm_companies.records + excluded.records, "
            "last_position = excluded.last_position, "
            "max_span = CASE WHEN excluded.max_span > rm_companies.max_span "
            "THEN excluded.max_span ELSE rm_companies.max_span END",
            [(company, n, first, last, span)
             for company, (n, first, last, span) in companies.items()],
        )


class SQLiteReadModel(ReadModel, SQLiteTrackingRecorder):
    dialect = "sqlite"

    def _sql(self, c: Any) -> Sql:
        return Sql(c.sqlite_cursor, "sqlite")

    def _lock(self, cur: Sql) -> None:
        # A write first takes SQLite's write lock for the rest of the transaction.
        cur.execute("UPDATE tracking SET notification_id = notification_id "
                    "WHERE application_name = ?", (TRACKING_NAME,))

    def _tracking_table(self) -> str:
        return "tracking"

    def reader(self) -> Callable[[], Sql] | None:
        pool = self.datastore.pool
        return None if pool.is_sqlite_memory_mode else SQLiteReader(pool.db_name)


@dataclass(frozen=True)
class SQLiteReader:
    """Opens another connection to a SQLite ledger (picklable: for another process)."""

    db_name: str

    def __call__(self) -> Sql:
        cur = sqlite3.connect(self.db_name, uri=True, isolation_level=None).cursor()
        mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":  # then a reader waits for the writer it is reading for
            cur.connection.close()
            raise sqlite3.OperationalError(f"the ledger's journal mode is {mode}, not wal")
        return Sql(cur, "sqlite")
