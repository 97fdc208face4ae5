"""A large first import projected in its own write transaction, as its events are stored.

A ledger's read model is normally brought up to date after a write commits: a large first
import (an empty ledger) is projected set-based (``projections/bulk.py``), which reads every
event it has just stored back from the log, parses it again (in a second process) and
inserts the rows. Where the read model lives in the store's own database and its rows can
be written in the write transaction (SQLite: ``Writer.read_model_in``), the import projects
instead each chunk of events as it inserts them, from what it has in hand: each original
record's and correction's version row is built by the validating process that read it, from
the content it holds (``rows.version_tail``, the row builder's own function;
``ledger/pipeline.py``), and every row is laid out here as the row builder (``Rows``) lays
out the row of the same stored event (written out: once per record), each company counted
by ``Rows.count``: no stored event is parsed again but the originals of the amendments.
The read model's secondary indexes are dropped for the load and built once at
the end, as the set-based projection does, and the read model's position is recorded in the
same transaction. So the events and their projection commit together, or neither does.

The rows are those the set-based projection gives (``tests/test_pipeline.py`` holds a
projected import to a rebuild of the same log, table by table): the only fact a row needs
from a later chunk, when a version stops being valid (the position of the next amendment of
its record), is filled in at the end by one statement over the amendments' log rows; an
amendment's original, always stored earlier in the same import, is read from the log by its
stream.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from projections.bulk import RISING
from projections.rows import Rows, version_tail
from projections.schema import RM_COMPANIES, RM_LOG, RM_VERSIONS
from projections.sql import Sql

from .jsonio import canonical_json

#: A first import projects itself from this many events in its first chunk on (the size at
#: which catching up an empty read model would go set-based: ``bulk.BATCH``).
MIN_EVENTS = 5_000

#: Each version's end: the position of the next amendment of its record, if any (the
#: amendments' log rows name the record they amend as their target).
_VALID_TO = ("UPDATE rm_versions SET valid_to = (SELECT MIN(l.position) FROM rm_log l "
             "WHERE l.target = rm_versions.record_id AND l.position > rm_versions.position) "
             "WHERE record_id IN (SELECT target FROM rm_log WHERE target IS NOT NULL)")


class Projecting:
    """The read model of one first import, loaded chunk by chunk in the write transaction
    of ``c`` (``cur``: the read model's cursor in it). ``start`` then ``add`` for every
    chunk of inserted events, then ``finish``. Everything it does is in the transaction:
    rolled back with it."""

    def __init__(self, readmodel: Any, c: Any, cur: Sql, events_table: str, recorded_at: str):
        self.readmodel, self.c, self.cur, self.table = readmodel, c, cur, events_table
        self.store = cur.side.bulk
        #: What it gathers of the companies (``Rows.count``, ``Rows.company_rows``).
        self.rows = Rows({}, "", self.store.null)
        self.recorded_at = recorded_at
        self.amended = False  # some record was amended
        self.last = 0
        self.indexes: list[str] = []

    @classmethod
    def start(cls, readmodel: Any, writer: Any, events: int, recorded_at: str
              ) -> Projecting | None:
        """Projecting an import that stores ``events`` events in its first chunk, into the
        empty read model of an empty ledger (head 0); None where it can't (then the read
        model catches up after the commit, as for any write)."""
        if events < MIN_EVENTS:
            return None
        inside = writer.read_model_in(readmodel)
        if inside is None:
            return None
        c, cur = inside
        if readmodel.tracked_in(c) != 0 or \
                cur.execute("SELECT 1 FROM rm_log LIMIT 1").fetchone() is not None:
            return None
        projecting = cls(readmodel, c, cur, writer.events.events_table_name, recorded_at)
        # The write transaction's own page cache (``WRITE_CACHE_KIB``), not a rebuild's
        # larger one: measured, no quicker here, and the import's memory is bounded.
        for statement in projecting.store.before:
            cur.execute(statement)
        for table in (RM_LOG.name, RM_VERSIONS.name):
            for name, statement in projecting.store.secondary_indexes(cur, table):
                if name not in RISING:
                    cur.execute(f'DROP INDEX "{name}"')
                    projecting.indexes.append(statement)
        return projecting

    def _originals(self, streams: list[Any]) -> dict[Any, tuple[int, str, str]]:
        """(position, id, company) of the original record of each of ``streams`` (the
        streams amended in one chunk), by stream: stored earlier in this import (the ledger
        was empty), read from the log, 500 streams a query."""
        found: dict[Any, tuple[int, str, str]] = {}
        loads = orjson.loads
        for start in range(0, len(streams), 500):
            some = streams[start:start + 500]
            for position, stream, state in self.cur.execute(
                    f"SELECT {self.store.position}, originator_id, state FROM {self.table} "
                    f"WHERE originator_version = 1 AND originator_id IN "
                    f"({', '.join('?' * len(some))})", some).fetchall():
                body = loads(state)
                if body.get("kind") == "record":
                    record = body["record"]
                    found[stream] = (position, record["id"], record["company"])
        return found

    def add(self, positions: Sequence[int], events: Sequence[Any],
            added: Sequence[tuple[Any, int]],
            originals: dict[Any, tuple[int, str, str]] | None = None) -> None:
        """Project events just inserted at ``positions`` (in store order); ``added``: the
        records they store, with the index of each one's event (an amendment's id claim is
        the event after its own). Every row is laid out here as ``Rows`` lays out the row
        of the same stored event, from the record in hand rather than its stored bytes
        (tests/test_pipeline.py holds the rows to a rebuild's): an original record's and a
        correction's version row from ``Pending.version`` (what a validating process built:
        the row from its company on, and the days its period spans) or, without one, from
        ``rows.version_tail`` of its content, the row builder's own function. ``originals``:
        (position, id, company) of amended originals already read, by stream (the store's
        plan read them, ``store._inserted``); the others are read here."""
        log_rows: list[tuple] = []
        version_rows: list[tuple] = []
        null, count, tail_of = self.store.null, self.rows.count, version_tail
        companies = self.rows.companies
        log_append, version_append = log_rows.append, version_rows.append
        amended = [events[i][0] for p, i in added if p.target is not None]
        originals = dict(originals or ())
        missing = [stream for stream in amended if stream not in originals]
        if missing:
            originals.update(self._originals(missing))
        for p, i in added:
            # A record stored in an empty ledger: known from its own recording time (the
            # latest so far); a version is valid until amended (set at the end). This runs
            # once per record imported.
            version, position = p.version, positions[i]
            if p.target is None:  # an original record: ``record_log_row``, ``version_from``
                if version is None:
                    version = tail_of(p.content, null)
                company, record_id = version[0], p.record_id
                log_append((position, record_id, "record", p.record_type, company, null,
                            p.canonical))
                version_append((position, record_id, position, null, *version[:-1]))
                # ``Rows.count``, written out: its company's entry counts it.
                entry = companies.get(company)
                if entry is None:
                    entry = companies[company] = [0, position, position, 0]
                entry[0] += 1
                entry[2] = position
                if version[-1] > entry[3]:
                    entry[3] = version[-1]
                continue
            # An amendment: its original's company and first position, from the log; a
            # correction's version row is its replacement's; then its id claim, logged
            # with no id or company.
            target = p.target
            original = originals.get(events[i][0])
            if original is None or original[1] != target:
                raise ValueError(f"stored {p.kind} {p.record_id} amends unknown {target}")
            first_position, _, company = original
            if p.kind == "correction":
                if version is None:
                    version = tail_of(p.content["event"], null)
                log_append((position, p.record_id, "correction", version[1], company, target,
                            p.canonical))
                version_append((position, target, first_position, null, *version[:-1]))
                count(company, position, version[-1])
            else:
                log_append((position, p.record_id, p.kind, null, company, target,
                            p.canonical))
                count(company, position)
            log_append((positions[i + 1], null, "claim", null, null, null,
                        canonical_json({"amends": target, "id": p.record_id})))
        self.amended = self.amended or bool(amended)
        # Many rows a statement where the store can (SQLite: no statement journal), the
        # recording time (every row's ``recorded_at`` and ``known_from``) bound once a
        # statement.
        many = getattr(self.store, "insert_in_one_write", None)
        at = self.recorded_at
        if many is not None:
            many(self.cur, RM_LOG, log_rows, {"recorded_at": at, "known_from": at})
        else:
            self.store.insert(self.cur, RM_LOG, [(*row[:6], at, at, row[6])
                                                 for row in log_rows])
        if version_rows:
            (many or self.store.insert)(self.cur, RM_VERSIONS, version_rows)
        if positions:
            self.last = positions[-1]

    def finish(self) -> None:
        """The companies, the indexes, each version's end, the read model's position."""
        companies = self.rows.company_rows()
        if companies:
            self.store.insert(self.cur, RM_COMPANIES, companies)
        for statement in self.indexes:
            self.cur.execute(statement)
        if self.amended:  # some record was amended: end its versions where they end
            self.cur.execute(_VALID_TO)
        for statement in self.store.after:
            self.cur.execute(statement)
        self.readmodel.track(self.c, self.last)
