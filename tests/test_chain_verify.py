"""``verify`` recomputes the hash chain from the stored events' columns (issue 26: at the
speed of reading them), and names the first break whatever the batch size: an event with no
link, a link with no event (in the middle, or past the newest event), or altered content.
Both stores; how fast lives in benchmarks/, never here."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.persistence import StoredEvent

from ledger import chain
from ledger.store import Ledger

from .conftest import import_records, rec, tamper

BATCHES = (1, 2, 3, 10_000)


def _verify(db: str) -> list[tuple[int, int, str, chain.Broken | None]]:
    with Ledger.open(db, create=False) as ledger:
        return [chain.verify(ledger.events, batch=b) for b in BATCHES]


def _positions(db: str) -> list[int]:
    with Ledger.open(db, create=False) as ledger:
        return sorted(ledger.events.chain_links(1, None))


@pytest.fixture
def six(db: str) -> str:
    import_records(db, [rec(f"r{n}", "btc_purchased", f"2024-0{n}-01", btc=str(n))
                        for n in range(1, 7)])
    return db


def test_a_whole_chain_verifies_to_its_head_in_any_batch_size(six: str) -> None:
    with Ledger.open(six, create=False) as ledger:
        head = ledger.events.chain_head()
    for count, last, head_hash, broken in _verify(six):
        assert (count, broken) == (6, None)
        assert (last, head_hash) == head


@pytest.mark.parametrize("what", ["link", "event", "content"])
def test_the_first_break_is_named_in_any_batch_size(six: str, what: str) -> None:
    third = _positions(six)[2]
    if what == "link":
        tamper(six, "DELETE FROM ledger_chain WHERE position = ?", third)
        expected = chain.Broken(third, "no chain link recorded for this event")
    elif what == "event":
        tamper(six, "DELETE FROM stored_events WHERE rowid = ?", third)
        expected = chain.Broken(third, "a chain link with no stored event")
    else:
        tamper(six, "UPDATE stored_events SET topic = ? WHERE rowid = ?", "caledger:x@1", third)
        expected = chain.Broken(third, "content does not match its recorded hash")
    for count, _, _, broken in _verify(six):
        assert (count, broken) == (2, expected)


def test_a_link_past_the_newest_event_is_named(six: str) -> None:
    beyond = _positions(six)[-1] + 5
    tamper(six, "INSERT INTO ledger_chain (position, hash) VALUES (?, ?)", beyond, "0" * 64)
    for count, _, _, broken in _verify(six):
        assert (count, broken) == (6, chain.Broken(beyond, "a chain link with no stored event"))


def test_a_stream_id_hashes_alike_however_the_store_returns_it() -> None:
    stream = UUID("3f929539-84b2-5686-a0bb-8dab29347d35")
    event = StoredEvent(stream, 1, "caledger:record@1", b'{"a": 1}')
    expected = chain.chain_hash("0" * 64, 7, event)
    for spelling in (stream, stream.hex, str(stream), stream.hex.upper()):
        assert chain.row_hash("0" * 64, 7, spelling, 1, "caledger:record@1",
                              b'{"a": 1}') == expected


def test_the_links_written_for_new_events_are_the_chain_hashes_one_after_another() -> None:
    """``links`` (what a write stores, its hash written out in its loop) chains exactly as
    ``chain_hash`` does, for every spelling of a stream id, so ``verify`` can't disagree."""
    stream = UUID("3f929539-84b2-5686-a0bb-8dab29347d35")
    events = [StoredEvent(spelling, version, "caledger:record@1", state)
              for version, (spelling, state) in enumerate(
                  [(stream, b'{"a": 1}'), (stream.hex, b""), (str(stream), b'{"b": "\xc3\xa9"}'),
                   (stream.hex.upper(), b'{"c": 2}')], start=1)]
    positions = [3, 4, 9, 10]
    previous, expected = "f" * 64, []
    for position, event in zip(positions, events):
        previous = chain.chain_hash(previous, position, event)
        expected.append((position, previous))
    assert chain.links("f" * 64, positions, events) == expected


@pytest.mark.parametrize("what", ["none", "link", "event", "content", "beyond"])
@pytest.mark.parametrize("spot", [0, 2, 3, 5])
def test_the_chain_checked_in_two_halves_answers_as_one_pass(
        six: str, what: str, spot: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """``verify_on_cores`` (a second process checks the second half, from the link recorded
    at the cut) gives exactly ``verify``'s answer wherever the break is: before, at or after
    the cut (the six events are cut after the third)."""
    monkeypatch.setattr(chain, "PARALLEL_FROM", 0)
    positions = _positions(six)
    at = positions[spot]
    if what == "link":
        tamper(six, "DELETE FROM ledger_chain WHERE position = ?", at)
    elif what == "event":
        tamper(six, "DELETE FROM stored_events WHERE rowid = ?", at)
    elif what == "content":
        tamper(six, "UPDATE stored_events SET topic = ? WHERE rowid = ?", "caledger:x@1", at)
    elif what == "beyond":
        tamper(six, "INSERT INTO ledger_chain (position, hash) VALUES (?, ?)",
               positions[-1] + 1 + spot, "0" * 64)
    with Ledger.open(six, create=False) as ledger:
        one = chain.verify(ledger.events)
        two = chain.verify_on_cores(ledger.events,
                                    lambda: Ledger.open(six, create=False, repair=True))
    assert two == one
    assert (one[3] is None) == (what == "none")


# --- verify's direct read of a SQLite ledger ------------------------------------------------------


def _direct(db: str) -> Any:
    """The direct reader of ``db`` (built by hand: ``open`` declines a ledger whose read
    model no longer matches the log, as tampering can leave it)."""
    from ledger.adapters.sqlite import DirectSQLiteReader, connect_read_only
    from ledger.adapters.sqlite_chain import SQLiteChainReader

    conn = connect_read_only(db)
    conn.execute("BEGIN")
    head = conn.execute("SELECT MAX(rowid) FROM stored_events").fetchone()[0] or 0
    return SQLiteChainReader(db, DirectSQLiteReader(conn, head))


@pytest.fixture
def amended(tmp_path: Path) -> str:
    """A SQLite ledger with corrections and a retraction (their claims among the events)."""
    from ledger import api

    db = str(tmp_path / "amended.db")
    import_records(db, [rec(f"r{n}", "btc_purchased", f"2024-0{n}-01", btc=str(n))
                        for n in range(1, 7)])
    api.correct(db, "r2", reason="restated", fields={"btc": "20"})
    api.correct(db, "r2", reason="restated again", fields={"btc": "21"})
    api.retract(db, "r4", reason="denied")
    return db


def test_the_direct_reader_reads_the_links_and_events_the_library_reads(amended: str) -> None:
    from ledger.adapters.sqlite_chain import SQLiteChainReader

    reader = SQLiteChainReader.open(amended)
    assert reader is not None
    try:
        with Ledger.open(amended, create=False) as ledger:
            events = ledger.events
            assert reader.chain_head() == events.chain_head()
            assert reader.chain_head(5) == events.chain_head(5)
            links = events.chain_links(1, None)
            assert len(links) > 9  # the amendments and their claims are events too
            assert reader.chain_links(1, None) == links
            assert reader.chain_links(3, 7) == events.chain_links(3, 7)
            rows = events.events_from(1, 1000)
            assert [tuple(r) for r in reader.events_from(1, 1000)] == [tuple(r) for r in rows]
            assert list(reader.linked_rows(1, None)) == [(*r, links[r[0]]) for r in rows]
            assert reader.link_count(1, None) == len(links)
            assert chain.verify(reader) == chain.verify(events)
            assert chain.verify(reader)[3] is None
    finally:
        reader.close()


@pytest.mark.parametrize("what", ["none", "link", "event", "content", "beyond", "stream"])
@pytest.mark.parametrize("spot", [0, 4, -1])
def test_the_direct_reader_answers_as_the_library_reading_does(
        amended: str, what: str, spot: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the direct reader, ``verify`` and ``verify_on_cores`` give exactly the answers
    they give reading through the library, whatever was altered; and ``api.verify``'s report
    (which reads directly where it can) is the report of the library's path."""
    from ledger import api

    monkeypatch.setattr(chain, "PARALLEL_FROM", 0)
    positions = _positions(amended)
    at = positions[spot]
    if what == "link":
        tamper(amended, "DELETE FROM ledger_chain WHERE position = ?", at)
    elif what == "event":
        tamper(amended, "DELETE FROM stored_events WHERE rowid = ?", at)
    elif what == "content":
        tamper(amended, "UPDATE stored_events SET state = CAST(? AS BLOB) WHERE rowid = ?",
               "{}", at)
    elif what == "beyond":
        tamper(amended, "INSERT INTO ledger_chain (position, hash) VALUES (?, ?)",
               positions[-1] + 3, "0" * 64)
    elif what == "stream":  # the same stream id, spelt in capitals
        tamper(amended, "UPDATE stored_events SET originator_id = upper(originator_id) "
               "WHERE rowid = ?", at)
    reader = _direct(amended)
    try:
        with Ledger.open(amended, create=False, repair=True) as ledger:
            assert chain.verify(reader) == chain.verify(ledger.events)
            assert chain.verify(reader, batch=2) == chain.verify(ledger.events, batch=2)
            assert chain.verify_on_cores(reader, reader.reopen) == chain.verify(ledger.events)
    finally:
        reader.close()
    direct = api.verify(amended)
    from ledger.adapters.sqlite import SQLiteAdapter

    monkeypatch.setattr(SQLiteAdapter, "chain_reader", lambda self, location: None)
    assert direct == api.verify(amended)
    # a stream id in capitals is the same stream: the chain hashes its canonical spelling
    assert direct.ok == (what in ("none", "stream"))
