"""A large first import projected in its own write transaction, as its events are stored.

A ledger's read model is normally brought up to date after a write commits: a large first
import (an empty ledger) is projected set-based (``projections/bulk.py``), which reads every
event it has just stored back from the log, parses it again (in a second process) and
inserts the rows. Where the read model lives in the store's own database and its rows can
be written in the write transaction (SQLite: ``Writer.read_model_in``), the import projects
instead each chunk of events as it inserts them, from what it has in hand: each original
record's version row is built by the validating process that read it, from the content it
holds (``rows.version_tail``, the row builder's own function; ``ledger/pipeline.py``), its log
row laid out as the row builder's ``record_log_row`` lays it out (written out: once per
record), its company counted by ``Rows.count``, and
every other event (amendments, claims, a record without a prebuilt row) built by ``Rows``
from its stored bytes. The read model's secondary indexes are dropped for the load and built once at
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
from projections.rows import Rows
from projections.schema import RM_COMPANIES, RM_LOG, RM_VERSIONS
from projections.sql import Sql

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
        self.rows = Rows({}, "", self.store.null, self._original)
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

    def _original(self, stream: Any, record_id: str) -> tuple[int, str, str] | None:
        """(position, id, company) of the original record of ``stream``: stored earlier in
        this import (the ledger was empty), read from the log."""
        row = self.cur.execute(f"SELECT {self.store.position}, state FROM {self.table} "
                               "WHERE originator_id = ? AND originator_version = 1",
                               (stream,)).fetchone()
        if row is None:
            return None
        record = orjson.loads(row[1])["record"]
        return row[0], record["id"], record["company"]

    def add(self, positions: Sequence[int], events: Sequence[Any],
            added: Sequence[tuple[Any, int]]) -> None:
        """Project events just inserted at ``positions`` (in store order); ``added``: the
        records they store, with the index of each one's event. An original record whose
        validating process built its version row already (``Pending.version``: the row
        from its company on, and the days its period spans) is laid out by
        ``Rows``' own functions; every other event is built by ``Rows``."""
        log_rows: list[tuple] = []
        version_rows: list[tuple] = []
        null, at, count = self.store.null, self.recorded_at, self.rows.count

        def built(start: int, stop: int) -> None:  # events[start:stop], by Rows
            if start < stop:
                rows = self.rows([(positions[i], events[i][0], events[i][3])  # stream, state
                                  for i in range(start, stop)])
                log_rows.extend(rows[0])
                version_rows.extend(rows[1])

        done = 0  # the events before this index are built
        log_append, version_append = log_rows.append, version_rows.append
        for p, i in added:
            version = p.version
            if version is None:
                continue  # built by Rows with the events around it
            if done < i:
                built(done, i)
            done = i + 1
            # An original record stored in an empty ledger: known from its own recording
            # time (the latest so far), valid until amended (set at the end). Its rows as
            # ``record_log_row`` and ``version_from`` lay them out, written out here: this
            # runs once per record imported (tests/test_pipeline.py holds the rows to a
            # rebuild's).
            position, company, record_id = positions[i], version[0], p.record_id
            log_append((position, record_id, "record", p.record_type, company, null, at, at,
                        p.canonical))
            version_append((position, record_id, position, null, *version[:-1]))
            count(company, position, version[-1])
        built(done, len(events))
        # What Rows remembers of amended records, for the next chunk: looked up again if
        # needed (the memory of a long import stays flat).
        self.amended = self.amended or bool(self.rows.closes)
        self.rows.closes.clear()
        self.rows.originals.clear()
        self.store.insert(self.cur, RM_LOG, log_rows)
        if version_rows:
            self.store.insert(self.cur, RM_VERSIONS, version_rows)
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
