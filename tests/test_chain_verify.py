"""``verify`` recomputes the hash chain from the stored events' columns (issue 26: at the
speed of reading them), and names the first break whatever the batch size: an event with no
link, a link with no event (in the middle, or past the newest event), or altered content.
Both stores; how fast lives in benchmarks/, never here."""

from __future__ import annotations

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
