"""The store adapter contract (ledger/adapters/): every store answers the same questions the
same way, so a third store is one new module that passes these tests."""

from __future__ import annotations

import threading
import uuid

import pytest
from eventsourcing.persistence import StoredEvent

from ledger.adapters import StoreAdapter, adapter_for
from ledger.chain import chain_hash
from ledger.errors import LedgerNotFound
from ledger.location import Location
from ledger.store import Ledger
from projections.readmodel_names import GENESIS

from .conftest import raw


def events(n: int, start: int = 0) -> list[StoredEvent]:
    return [StoredEvent(uuid.uuid5(uuid.NAMESPACE_URL, f"adapter-test-{start + i}"), 1,
                        "tests:Event", f'{{"n": {start + i}}}'.encode()) for i in range(n)]


def test_each_location_has_exactly_one_adapter(db):
    location = Location.parse(db)
    adapter = adapter_for(location)
    assert isinstance(adapter, StoreAdapter)
    assert type(adapter).__name__ == \
        ("PostgresAdapter" if db.startswith("postgresql://") else "SQLiteAdapter")
    assert adapter.dialect == ("postgresql" if db.startswith("postgresql://") else "sqlite")


def test_a_ledger_exists_only_once_created(db):
    adapter = adapter_for(Location.parse(db))
    assert not adapter.exists(Location.parse(db))
    with pytest.raises(LedgerNotFound):
        Ledger.open(db, create=False)
    Ledger.open(db, create=True).close()
    assert adapter.exists(Location.parse(db))
    with Ledger.open(db, create=False) as ledger:
        assert ledger.events.chain_head() == (0, GENESIS)
        assert ledger.events.chain_links(1, None) == {}


def test_the_writer_chains_what_it_inserts_and_every_query_sees_it(db):
    with Ledger.open(db, create=True) as ledger:
        with ledger._writer() as writer:
            assert writer.head() == 0
            first = list(writer.insert(events(3)))
        with ledger._writer() as writer:
            assert writer.head() == first[-1]
            second = list(writer.insert(events(2, start=3)))
        positions = first + second
        assert positions == sorted(positions) and len(set(positions)) == 5
        previous, expected = GENESIS, {}
        for position, event in zip(positions, events(5), strict=True):
            previous = chain_hash(previous, position, event)
            expected[position] = previous
        assert ledger.events.chain_links(positions[0], None) == expected
        assert ledger.events.chain_links(positions[1], positions[2]) == \
            {p: expected[p] for p in positions[1:3]}
        assert ledger.events.chain_head() == (positions[-1], expected[positions[-1]])
        assert ledger.events.chain_head(positions[2]) == (positions[2], expected[positions[2]])
        links, stored = ledger.events.around(positions[3])
        assert links == [(positions[3], expected[positions[3]]),
                         (positions[2], expected[positions[2]])]
        assert [(p, e.state) for p, e in stored] == \
            [(positions[3], events(5)[3].state), (positions[2], events(5)[2].state)]
        one = ledger.events.stream(events(5)[4].originator_id)
        assert [(p, e.originator_version, e.state) for p, e in one] == \
            [(positions[4], 1, events(5)[4].state)]


def test_a_failed_write_stores_nothing(db):
    with Ledger.open(db, create=True) as ledger:
        with pytest.raises(RuntimeError), ledger._writer() as writer:
            writer.insert(events(2))
            raise RuntimeError("a problem found after the insert")
        with ledger._writer() as writer:
            assert writer.head() == 0
        assert ledger.events.chain_head() == (0, GENESIS)


def test_the_writer_refuses_to_extend_an_altered_chain(db):
    with Ledger.open(db, create=True) as ledger:
        with ledger._writer() as writer:
            writer.insert(events(3))
    with raw(db) as conn:
        conn.execute("DELETE FROM ledger_chain WHERE position = "
                     "(SELECT MAX(position) FROM ledger_chain)")
    with Ledger.open(db, create=False) as ledger:
        with pytest.raises(Exception, match="the log was altered"), \
                ledger._writer() as writer:
            writer.insert(events(1, start=3))
        assert len(ledger.events.chain_links(1, None)) == 2


def test_several_inserts_in_one_write_continue_one_chain(db):
    """An import inserts chunk after chunk in one transaction: positions keep rising from one
    insert to the next, the chain runs on unbroken, and the next write continues both."""
    with Ledger.open(db, create=True) as ledger:
        with ledger._writer() as writer:
            chunks = [list(writer.insert(events(n, start=s))) for n, s in ((3, 0), (1, 3), (4, 4))]
        with ledger._writer() as writer:
            assert writer.head() == chunks[-1][-1]
            chunks.append(list(writer.insert(events(2, start=8))))
        positions = [p for chunk in chunks for p in chunk]
        assert positions == sorted(set(positions)) and len(positions) == 10
        from ledger.chain import verify

        count, last, head_hash, broken = verify(ledger.events)
        assert (count, last, broken) == (10, positions[-1], None)
        assert ledger.events.chain_head() == (positions[-1], head_hash)


def test_a_rolled_back_write_leaves_a_gap_never_a_break(db):
    with Ledger.open(db, create=True) as ledger:
        with ledger._writer() as writer:
            first = list(writer.insert(events(2)))
        with pytest.raises(RuntimeError), ledger._writer() as writer:
            writer.insert(events(3, start=2))
            raise RuntimeError("a problem found after the insert")
        with ledger._writer() as writer:
            assert writer.head() == first[-1]
            later = list(writer.insert(events(3, start=2)))
        assert later[0] > first[-1] and later == sorted(set(later))
        from ledger.chain import verify

        assert verify(ledger.events)[0::3] == (5, None)


def test_storing_a_stream_version_twice_is_an_integrity_error(db):
    """What tells the store another writer got there first: the library's IntegrityError,
    and nothing of that write is kept."""
    from eventsourcing.persistence import IntegrityError

    with Ledger.open(db, create=True) as ledger:
        with ledger._writer() as writer:
            writer.insert(events(2))
        with pytest.raises(IntegrityError), ledger._writer() as writer:
            writer.insert(events(3, start=1))
        assert len(ledger.events.chain_links(1, None)) == 2
        assert len(ledger.events.select_notifications(start=1, limit=10)) == 2


@pytest.mark.parametrize("importing", [False, True], ids=["write", "first-import"])
def test_a_stream_version_twice_among_many_rows_stores_nothing(db, importing):
    """Writes of many events (an import's chunks; on SQLite, many rows a statement), one of
    them a stream and version the same write stored already: the library's IntegrityError,
    nothing of that write kept, and the next write stores from where the log was. As an
    import, into an empty ledger (SQLite's first import, through a rollback journal)."""
    from eventsourcing.persistence import IntegrityError

    from ledger.chain import verify

    with Ledger.open(db, create=True) as ledger:
        kept = 0 if importing else 5
        if kept:
            with ledger._writer() as writer:
                writer.insert(events(kept))
        with pytest.raises(IntegrityError), ledger._writer(importing) as writer:
            writer.insert(events(150, start=5))
            writer.insert(events(100, start=200) + events(1, start=100) + events(40, start=300))
        assert len(ledger.events.select_notifications(start=1, limit=500)) == kept
        assert verify(ledger.events)[0::3] == (kept, None)
        with ledger._writer(importing) as writer:
            positions = list(writer.insert(events(150, start=5)))
            positions += writer.insert(events(141, start=200))
        assert positions == sorted(set(positions)) and len(positions) == 291
        assert verify(ledger.events)[0::3] == (kept + 291, None)
        stored = ledger.events.select_notifications(start=1, limit=500)
        assert [e.state for e in stored] == [e.state for e in events(kept)
                                             + events(150, start=5) + events(141, start=200)]


def test_writers_take_turns(db):
    """The writer transaction holds the store's write lock: two writers never interleave,
    so the chain stays one unbroken line."""
    Ledger.open(db, create=True).close()
    failures: list[BaseException] = []

    written: list[list[int]] = []

    def write(start: int) -> None:
        try:
            with Ledger.open(db, create=False) as ledger, ledger._writer() as writer:
                # several inserts per transaction, as an import's chunks
                written.append([p for s in range(start, start + 6, 2)
                                for p in writer.insert(events(2, start=s))])
        except BaseException as e:  # pragma: no cover - reported below
            failures.append(e)

    threads = [threading.Thread(target=write, args=(k * 6,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    # Each writer's positions form one run, before or after every other writer's whole run.
    runs = sorted(written)
    assert all(run == sorted(run) for run in runs)
    assert all(a[-1] < b[0] for a, b in zip(runs, runs[1:]))
    with Ledger.open(db, create=False) as ledger:
        from ledger.chain import verify

        count, _, _, broken = verify(ledger.events)
        assert (count, broken) == (24, None)
