"""The read model: bitemporal tables kept current from the event log, exactly once.

``ReadModel`` is an eventsourcing tracking recorder. Each batch of notifications is applied
to the read-model tables and the tracked store position is advanced in the same transaction,
so a batch is projected once or not at all, however many processes catch up at once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

TYPE_CHECKING = False  # typing.TYPE_CHECKING
if TYPE_CHECKING:  # the event library, loaded only by the store that binds to it
    from eventsourcing.persistence import ApplicationRecorder, Notification

from . import bulk, schema
from .readmodel_names import TRACKING_NAME  # the name the read model's position is tracked under
from .rows import Rows
from .schema import RM_COMPANIES, RM_LOG, RM_VERSIONS
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


@dataclass(frozen=True)
class LogEntry:
    """What the read model knows of one stored record, for checks before a write."""

    record_id: str
    kind: str
    company: str
    target: str | None
    content: str


class ReadModel:
    """Read-model tables beside the event store, with the library's tracking table.

    The logic is written once; each store binds it to the library's tracking recorder
    (``ledger/adapters/sqlite_es.py``, ``postgres_es.py``) and gives what it does
    differently through the ``ReadSide`` of its cursors (``cur.side``).
    """

    datastore: Any
    max_tracking_id: Any

    # --- the store-specific parts ---------------------------------------------------------------

    def track(self, c: Any, position: int) -> None:
        """Record ``position`` as projected, in the transaction of ``c``."""
        raise NotImplementedError

    def tracked_in(self, c: Any) -> int:
        """The projected position, as the transaction of ``c`` sees it."""
        raise NotImplementedError

    def sql_on(self, c: Any) -> Sql:
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
            yield self.sql_on(c)

    @contextmanager
    def writing(self) -> Iterator[tuple[Any, Sql]]:
        with self.datastore.transaction(commit=True) as c:
            cur = self.sql_on(c)
            self._lock(cur)
            yield c, cur

    @contextmanager
    def rebuilding(self) -> Iterator[tuple[Any, Sql, str | None]]:
        """``writing``'s transaction for ``rebuild``, and the scratch file a second process
        may build a table in for it (``bulk.project``'s ``scratch``): none here; a store
        that has one says so (``SQLiteReadModel``)."""
        with self.writing() as (c, cur):
            yield c, cur, None

    def migrate(self) -> None:
        with self.writing() as (_, cur):
            schema.migrate(cur)

    def ensure_migrated(self) -> None:
        """Migrate only if a migration this store needs is missing (one read when none is)."""
        with self.reading() as cur:
            side = cur.side
            try:
                applied = {row[0] for row in cur.execute(
                    f"SELECT name FROM {schema.MIGRATIONS_TABLE}")}
            except Exception:  # no migrations table yet
                applied = set()
        if any(m.name not in applied and m.changes(side) for m in schema.MIGRATIONS):
            self.migrate()

    def log_entries(self, record_ids: Sequence[str], cur: Sql | None = None
                    ) -> dict[str, LogEntry]:
        """The stored records among ``record_ids``, read through ``cur`` (a write
        transaction's own, where the read model is in its database) or in a read
        transaction of its own."""
        if cur is None:
            with self.reading() as cur:
                return self.log_entries(record_ids, cur)
        found: dict[str, LogEntry] = {}
        unique = list(dict.fromkeys(record_ids))
        for i in range(0, len(unique), 500):
            chunk = unique[i:i + 500]
            for row in cur.execute(
                    "SELECT record_id, kind, company, target, content FROM rm_log "
                    f"WHERE record_id IN ({','.join('?' * len(chunk))})", chunk):
                found[row[0]] = LogEntry(*row)
        return found

    def notes_state(self, notes_id: str, company: str) -> tuple[Any, dict[str, Any]]:
        """The current record stored under ``notes_id`` (None if there is none), as
        ``{"type", "company", "effective", "principal"}`` (the principal of a notes issue,
        else None), and every current retirement of ``company`` naming it, by record id:
        each principal as stated, (currency, amount) (``notes_rules.stated_principal``), and
        its effective period."""
        from ledger.notes_rules import stated_principal

        found = None
        retired: dict[str, Any] = {}
        with self.reading() as cur:
            for record_id, type_, company_, effective, content in cur.execute(
                    "SELECT v.record_id, v.type, v.company, v.effective, l.content "
                    "FROM rm_versions v JOIN rm_log l ON l.position = v.position "
                    "WHERE v.valid_to IS NULL AND "
                    "(v.record_id = ? OR (v.company = ? AND v.type = 'notes_retired'))",
                    (notes_id, company)):
                record = json.loads(content)
                record = record.get("event", record)
                if record_id == notes_id:
                    found = {"type": type_, "company": company_, "effective": effective,
                             "principal": stated_principal(record)
                             if type_ == "notes_issued" else None}
                if type_ == "notes_retired" and company_ == company \
                        and record.get("notes_id") == notes_id:
                    retired[record_id] = (stated_principal(record), effective)
        return found, retired

    def amended_capital(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Those of ``ids`` whose current version is a notes issue or a stake record, as
        ``{"type", "company", "effective", "target"}`` (target: a stake's, else None): what
        the write rules follow an amendment of (``notes_rules.NotesCheck.prepare``)."""
        out: dict[str, dict[str, Any]] = {}
        unique = list(dict.fromkeys(ids))
        with self.reading() as cur:
            for i in range(0, len(unique), 500):
                chunk = unique[i:i + 500]
                for record_id, type_, company, effective, content in cur.execute(
                        "SELECT v.record_id, v.type, v.company, v.effective, l.content "
                        "FROM rm_versions v JOIN rm_log l ON l.position = v.position "
                        "WHERE v.valid_to IS NULL AND v.type IN ('notes_issued', "
                        "'stake_acquired', 'stake_disposed') AND "
                        f"v.record_id IN ({','.join('?' * len(chunk))})", chunk):
                    record = json.loads(content)
                    record = record.get("event", record)
                    out[record_id] = {"type": type_, "company": company, "effective": effective,
                                      "target": record.get("target")
                                      if type_ != "notes_issued" else None}
        return out

    def stake_state(self, company: str, target: str) -> list[tuple[str, str, Any]]:
        """Every current stake record of ``company`` in ``target``: (record id, period end,
        percent signed: + acquired, − disposed)."""
        from decimal import Decimal

        out = []
        with self.reading() as cur:
            for record_id, type_, end, content in cur.execute(
                    "SELECT v.record_id, v.type, v.eff_end, l.content "
                    "FROM rm_versions v JOIN rm_log l ON l.position = v.position "
                    "WHERE v.valid_to IS NULL AND v.company = ? AND "
                    "v.type IN ('stake_acquired', 'stake_disposed')", (company,)):
                record = json.loads(content)
                record = record.get("event", record)
                if record.get("target") == target:
                    percent = Decimal(record["percent"])
                    out.append((record_id, str(end),
                                percent if type_ == "stake_acquired" else -percent))
        return out

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
                    if self.tracked_in(c) != start:
                        raise ReadModelBehind
                    projected = cur.execute("SELECT MAX(position) FROM rm_log").fetchone()[0]
                    if (projected or 0) > start:
                        raise _Rewound
                    self._apply(cur, batch)
                    self.track(c, batch[-1].id)
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
        with self.rebuilding() as (c, cur, scratch), bulk.settings(cur):
            def clear() -> None:
                cur.execute(f"DELETE FROM {self._tracking_table()} "
                            "WHERE application_name = ?", (TRACKING_NAME,))
                schema.drop(cur)
                schema.migrate(cur)

            count, last = bulk.project(cur, events.events_table_name, progress=progress,
                                       reader=self.reader(), clear=clear, scratch=scratch)
            if count:
                self.track(c, last)
        return count

    def _bulk_catch_up(self, events: ApplicationRecorder,
                       progress: Callable[[str, int], None] | None) -> int | None:
        """Catch an EMPTY read model up with a long log set-based (after a large first
        import); None if another projector got there first or the tables are not empty."""
        with self.writing() as (c, cur):
            if self.tracked_in(c) != 0 or \
                    cur.execute("SELECT 1 FROM rm_log LIMIT 1").fetchone() is not None:
                return None
            with bulk.settings(cur):
                count, last = bulk.project(cur, events.events_table_name, progress=progress,
                                           phase="projecting", reader=self.reader())
            if count:
                self.track(c, last)
        return count

    def _apply(self, cur: Sql, batch: Sequence[Notification]) -> None:
        """Project one batch: its rows built as the set-based projection builds them
        (``projections/rows.py``), one bulk insert per table. A version amended within the
        batch is built closed; the stored current version of a record amended in it is
        closed with an UPDATE."""
        row = cur.execute("SELECT known_from FROM rm_log ORDER BY position DESC LIMIT 1").fetchone()
        amended: dict[Any, list[int]] = {}  # stream -> positions of its amendments, ascending
        for n in batch:
            if n.originator_version > 1:
                amended.setdefault(n.originator_id, []).append(n.id)

        def original(stream: Any, record_id: str) -> tuple[int, str, str] | None:
            found = cur.execute("SELECT position, record_id, company FROM rm_log "
                                "WHERE record_id = ? AND kind = 'record'", (record_id,)).fetchone()
            return tuple(found) if found is not None else None  # type: ignore[return-value]

        rows = Rows(amended, row[0] if row else "", None, original)
        log_rows, version_rows = rows([(n.id, n.originator_id, n.state) for n in batch])
        cur.executemany("UPDATE rm_versions SET valid_to = ? "
                        "WHERE record_id = ? AND valid_to IS NULL", rows.closes)
        cur.executemany(RM_LOG.insert(), log_rows)
        cur.executemany(RM_VERSIONS.insert(), version_rows)
        cur.executemany(
            f"{RM_COMPANIES.insert()} ON CONFLICT(company) DO UPDATE SET "
            "records = rm_companies.records + excluded.records, "
            "last_position = excluded.last_position, "
            "max_span = CASE WHEN excluded.max_span > rm_companies.max_span "
            "THEN excluded.max_span ELSE rm_companies.max_span END",
            rows.company_rows(),
        )


def __getattr__(name: str) -> Any:
    # The SQLite read model lives in its adapter (``ledger.adapters.sqlite_es``); this name
    # is kept only for ledger/integrity.py, which still imports it from here.
    if name == "SQLiteReadModel":
        from ledger.adapters.sqlite_es import SQLiteReadModel

        return SQLiteReadModel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
