"""The tamper-evident log: a SHA-256 hash chained over every stored event, in store order.

``ChainedSQLiteRecorder`` is the eventsourcing SQLite application recorder with one addition:
in the same transaction that inserts events, once the insert holds SQLite's write lock, it
appends each event's chained hash to ``ledger_chain``. An event's hash covers its position,
stream, version, topic and stored bytes, and the hash of the event before it; changing any
byte of any stored event, or reordering, removing or inserting one, breaks every hash from
there on. ``verify`` recomputes the chain from the events alone and names the first record
that doesn't match.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

GENESIS = "0" * 64
CHAIN_TABLE = "ledger_chain"


def chain_hash(previous: str, position: int, event: StoredEvent) -> str:
    """The hash of one stored event, over a canonical serialization, chained to ``previous``."""
    originator = event.originator_id.hex if isinstance(event.originator_id, UUID) \
        else str(event.originator_id)
    header = f"caledger-chain-v1\n{previous}\n{position}\n{originator}\n" \
             f"{event.originator_version}\n{event.topic}\n{len(event.state)}\n"
    return hashlib.sha256(header.encode() + bytes(event.state)).hexdigest()


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    """The library's SQLite application recorder, plus the hash chain in the same transaction."""

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} ("
            "position INTEGER PRIMARY KEY, hash TEXT NOT NULL)",
        ]

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                       **kwargs: Any) -> Sequence[int] | None:
        positions = super()._insert_events(c, stored_events, **kwargs)
        assert positions is not None
        if not positions:
            return positions
        # The inserts above hold the write lock: no other writer can move the chain's head.
        c.execute(f"SELECT position, hash FROM {CHAIN_TABLE} ORDER BY position DESC LIMIT 1")
        row = c.fetchone()
        previous = row[1] if row else GENESIS
        if (row[0] if row else 0) != positions[0] - 1:
            raise RuntimeError(f"hash chain head is at {row[0] if row else 0}, "
                               f"expected {positions[0] - 1}")
        links = []
        for position, event in zip(positions, stored_events, strict=True):
            previous = chain_hash(previous, position, event)
            links.append((position, previous))
        c.executemany(f"INSERT INTO {CHAIN_TABLE} VALUES (?, ?)", links)
        return positions

    def chain_head(self, position: int | None = None) -> tuple[int, str]:
        """(position, hash) of the chain at ``position``, or at its newest link."""
        with self.datastore.transaction(commit=False) as c:
            if position is None:
                c.execute(f"SELECT position, hash FROM {CHAIN_TABLE} "
                          "ORDER BY position DESC LIMIT 1")
            else:
                c.execute(f"SELECT position, hash FROM {CHAIN_TABLE} WHERE position = ?",
                          (position,))
            row = c.fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    def chain_links(self, start: int, limit: int) -> dict[int, str]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT position, hash FROM {CHAIN_TABLE} WHERE position >= ? "
                      "ORDER BY position LIMIT ?", (start, limit))
            return {row[0]: row[1] for row in c.fetchall()}


@dataclass(frozen=True)
class Broken:
    """The first place the chain doesn't match."""

    position: int
    problem: str


def verify(events: ApplicationRecorder, batch: int = 5000) -> tuple[int, str, Broken | None]:
    """Recompute the chain over every stored event; return (count, head hash, first break)."""
    assert isinstance(events, ChainedSQLiteRecorder)
    previous, count, start = GENESIS, 0, 1
    expected_position = 1
    while True:
        notifications = events.select_notifications(start=start, limit=batch)
        links = events.chain_links(start, batch if notifications else 1)
        if not notifications:
            extra = [p for p in links if p >= expected_position]
            if extra:
                return count, previous, Broken(extra[0], "a chain link with no stored event")
            return count, previous, None
        for n in notifications:
            if n.id != expected_position:
                return count, previous, Broken(expected_position, "stored event is missing")
            previous = chain_hash(previous, n.id, n)
            stored = links.get(n.id)
            if stored is None:
                return count, previous, Broken(n.id, "no chain link recorded for this event")
            if stored != previous:
                return count, previous, Broken(n.id, "content does not match its recorded hash")
            count += 1
            expected_position += 1
        start = notifications[-1].id + 1

