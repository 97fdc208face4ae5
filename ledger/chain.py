"""The tamper-evident log: a SHA-256 hash chained over every stored event, in store order.

Each store's recorder (``ledger/adapters/``) is the eventsourcing library's application
recorder with one addition: in the same transaction that inserts events, once the insert
holds the store's write lock, it appends each event's chained hash to ``ledger_chain``. An
event's hash covers its position, stream, version, topic and stored bytes, and the hash of
the event before it; changing any byte of any stored event, or reordering, removing or
inserting one, breaks every hash from there on. ``verify`` recomputes the chain from the
events alone and names the first record that doesn't match.
"""

from __future__ import annotations

import re
from hashlib import sha256
from operator import itemgetter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from projections.readmodel_names import GENESIS

if TYPE_CHECKING:
    from eventsourcing.persistence import StoredEvent


def _chain_broken() -> type:
    """``ChainBroken``, defined on first use: a ``PersistenceError`` of the event library,
    which ``verify`` on a SQLite ledger (reading the file directly) never loads."""
    found = globals().get("ChainBroken")
    if found is None:
        from eventsourcing.persistence import PersistenceError

        class ChainBroken(PersistenceError):
            """The chain's newest link is not the newest stored event's: the log was
            altered."""

        ChainBroken.__module__, ChainBroken.__qualname__ = __name__, "ChainBroken"
        found = globals()["ChainBroken"] = ChainBroken
    return found


def __getattr__(name: str) -> Any:
    if name == "ChainBroken":
        return _chain_broken()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check_head(last_link: int | None, last_event: int | None) -> None:
    """Refuse to extend a chain whose head doesn't sit on the newest stored event."""
    if (last_link or 0) != (last_event or 0):
        raise _chain_broken()(
            f"the hash chain ends at @{last_link or 0} but the newest stored event is "
            f"@{last_event or 0}; the log was altered (run caledger verify)")


def check_builds_on(newest_links: Sequence[tuple[int, str]],
                    newest_events: Sequence[tuple[int, StoredEvent]]) -> None:
    """Refuse to extend a chain whose head is broken: at a cost that doesn't grow with the
    ledger, check what a write builds on. ``newest_links`` are the chain's two newest links,
    newest first; ``newest_events`` the two newest stored events at or before the newest link.
    The newest link must sit on the newest event, the link before it on the event before it,
    and the newest event's content must hash, over the link before it, to its own link. (An
    alteration deeper in the log is found by ``verify``, which recomputes the whole chain.)"""
    if not newest_links and not newest_events:
        return
    if not newest_links or not newest_events or newest_events[0][0] != newest_links[0][0]:
        raise _chain_broken()(
            f"the hash chain's newest link (@{newest_links[0][0] if newest_links else 0}) is "
            f"not on the newest stored event (@{newest_events[0][0] if newest_events else 0})"
            "; the log was altered; nothing was stored (run caledger verify)")
    position, link = newest_links[0]
    previous = newest_links[1] if len(newest_links) > 1 else (0, GENESIS)
    before = newest_events[1][0] if len(newest_events) > 1 else 0
    if before != previous[0]:
        raise _chain_broken()(
            f"the hash chain's link before the newest is @{previous[0]} but the stored event "
            f"before the newest is @{before}; the log was altered; nothing was stored (run "
            "caledger verify)")
    if chain_hash(previous[1], position, newest_events[0][1]) != link:
        raise _chain_broken()(
            f"the newest stored event @{position} does not match its hash chain link; the "
            "log was altered; nothing was stored (run caledger verify)")


class Event(NamedTuple):
    """An event's columns by name: the event library's ``StoredEvent`` fields. The events
    a store call inserts (``store._Plan``) are plain tuples of these four columns (a plain
    tuple costs a fraction of an object, and the SQLite store's insert takes it as its row):
    ``Event._make`` reads one by name."""

    originator_id: str
    originator_version: int
    topic: str
    state: bytes


def chain_hash(previous: str, position: int, event: StoredEvent) -> str:
    """The hash of one stored event, over a canonical serialization, chained to ``previous``."""
    return row_hash(previous, position, event.originator_id, event.originator_version,
                    event.topic, event.state)


def row_hash(previous: str, position: int, originator: Any, version: int, topic: str,
             state: bytes) -> str:
    """``chain_hash`` of a stored event given as its columns (the stream id as the store
    returns it: a UUID, or its hex as SQLite keeps it)."""
    if not (type(originator) is str and len(originator) == 32 and originator.islower()):
        originator = _hex(originator)
    digest = sha256(f"caledger-chain-v1\n{previous}\n{position}\n{originator}\n"
                    f"{version}\n{topic}\n{len(state)}\n".encode())
    digest.update(state)
    return digest.hexdigest()


def _hex(originator: Any) -> str:
    """A stream id as the chain hashes it: a UUID's 32 lowercase hex digits (a UUID the store
    returns, or any other spelling of one, read as the event library reads it)."""
    from uuid import UUID  # here: only a stream id not already in that form needs it

    return originator.hex if isinstance(originator, UUID) else UUID(originator).hex


#: 32 hex digits a stream, in lowercase: a stream id as the chain hashes it (``_hex``).
_HEX = re.compile("[0-9a-f]*")
_FIRST = itemgetter(0)


def links(previous: str, positions: Sequence[int], events: Sequence[StoredEvent]
          ) -> list[tuple[int, str]]:
    """The chain links for newly stored events, following the link ``previous``: events
    with the event library's attributes, or (a store call's) plain tuples of their columns
    (``Event``)."""
    out: list[tuple[int, str]] = []
    if set(map(type, events)) - {tuple, Event}:
        for position, event in zip(positions, events, strict=True):
            previous = row_hash(previous, position, event.originator_id,
                                event.originator_version, event.topic, event.state)
            out.append((position, previous))
        return out
    # ``row_hash`` written out, for the many events of an import: the same bytes hashed.
    append = out.append
    streams = list(map(_FIRST, events))
    if not (set(map(type, streams)) == {str} and set(map(len, streams)) == {32}
            and _HEX.fullmatch("".join(streams))):
        # Not every stream already as the chain hashes it (a store call's are: checked at
        # once for all of them above, rather than one by one here).
        streams = [stream if type(stream) is str and len(stream) == 32 and stream.islower()
                   else _hex(stream) for stream in streams]
    for position, stream, (_, version, topic, state) in zip(positions, streams, events,
                                                           strict=True):
        digest = sha256(f"caledger-chain-v1\n{previous}\n{position}\n{stream}\n"
                        f"{version}\n{topic}\n{len(state)}\n".encode())
        digest.update(state)
        previous = digest.hexdigest()
        append((position, previous))
    return out


def stored_bytes(state: Any) -> bytes | None:
    """An event's state as the bytes the chain hashed: ``bytes`` as it is, a buffer
    (``memoryview``, ``bytearray``) copied; None for any other type (text, a number, NULL:
    the column was rewritten after the event was written, so it can't be what was hashed)."""
    if isinstance(state, (bytes, bytearray, memoryview)):
        return bytes(state)
    return None


@dataclass(frozen=True)
class Broken:
    """The first place the chain doesn't match."""

    position: int
    problem: str


def verify(events: Any, batch: int = 10000, *, start: int = 1, stop: int | None = None,
           previous: str = GENESIS) -> tuple[int, int, str, Broken | None]:
    """Recompute the chain over every stored event; return (events checked, position of the
    last one, its hash, the first break or None).

    ``events`` is a chained recorder (any store's). Positions need not be
    contiguous (PostgreSQL's sequence leaves gaps after a rolled-back insert); every stored
    event must have exactly its link, and every link an event. With ``start``, ``stop`` and
    ``previous``: only the events and links from ``start`` to ``stop`` (inclusive; None: to
    the end), the first of them chained to ``previous`` (``verify_on_cores``' halves).
    """
    if hasattr(events, "linked_rows"):
        whole = _verify_whole(events, start, stop, previous)
        if whole is not None:
            return whole
    count, last = 0, 0
    while True:
        rows = events.events_from(start, batch)
        if stop is not None and rows and rows[-1][0] > stop:
            rows = [row for row in rows if row[0] <= stop]
        end = rows[-1][0] if rows else stop
        chain = events.chain_links(start, end)
        # The batch's links in position order, consumed as the events (in position order)
        # meet them: a link before the next event's position has no event.
        linked, i = sorted(chain), 0
        linked.append(None)  # past the last link
        for position, originator, version, topic, state in rows:
            # row_hash, inlined: this loop runs once per stored event.
            if not (type(originator) is str and len(originator) == 32 and originator.islower()):
                originator = _hex(originator)
            if type(state) is not bytes:
                state = stored_bytes(state)
                if state is None:  # not bytes at all: the column was rewritten (as TEXT, ...)
                    return count, last, previous, Broken(
                        position, "content does not match its recorded hash")
            digest = sha256(f"caledger-chain-v1\n{previous}\n{position}\n{originator}\n"
                            f"{version}\n{topic}\n{len(state)}\n".encode())
            digest.update(state)
            expected = digest.hexdigest()
            link = linked[i]
            if link != position:
                if link is not None and link < position:
                    return count, last, previous, Broken(link,
                                                         "a chain link with no stored event")
                return count, last, previous, Broken(position,
                                                     "no chain link recorded for this event")
            i += 1
            if chain[position] != expected:
                return count, last, previous, Broken(position,
                                                     "content does not match its recorded hash")
            previous, last = expected, position
            count += 1
        if linked[i] is not None:
            return count, last, previous, Broken(linked[i], "a chain link with no stored event")
        if not rows:
            return count, last, previous, None
        start = rows[-1][0] + 1


def _verify_whole(events: Any, start: int, stop: int | None, previous: str
                  ) -> tuple[int, int, str, None] | None:
    """``verify``'s answer when the chain from ``start`` to ``stop`` is whole, else None
    (``verify`` then finds the first break its own way). For a reader that gives each stored
    event with the link at its position in one pass (``linked_rows``: rows of position,
    stream id, version, topic, state and link or None, in position order) and counts the
    links (``link_count``): the chain is whole exactly when every event's content hashes to
    its own link and there are no more links than events."""
    count, last = 0, 0
    try:
        for position, originator, version, topic, state, link in events.linked_rows(start,
                                                                                     stop):
            # row_hash, inlined: this loop runs once per stored event.
            if not (type(originator) is str and len(originator) == 32
                    and originator.islower()):
                originator = _hex(originator)
            digest = sha256(f"caledger-chain-v1\n{previous}\n{position}\n{originator}\n"
                            f"{version}\n{topic}\n{len(state)}\n".encode())
            digest.update(state)
            expected = digest.hexdigest()
            if expected != link:
                return None
            previous, last = expected, position
            count += 1
        if events.link_count(start, stop) != count:
            return None
    except Exception:  # noqa: BLE001 - an unreadable event: verify finds and names it
        return None
    return count, last, previous, None


#: From this many links on, ``verify_on_cores`` checks the second half in a second process.
PARALLEL_FROM = 100_000


def verify_on_cores(events: Any, reopen: Callable[[], Any]) -> tuple[int, int, str, Broken | None]:
    """``verify``, the chain cut in two at the middle link: this process checks the first
    half, a forked one the second, through the recorder ``reopen()`` opens there (a context
    manager giving a ledger, as ``Ledger.open``). The answer is exactly ``verify``'s: the
    second half starts from the link recorded at the cut, which equals the hash recomputed
    there whenever the first half is whole; a break in the first half is the first break
    (the second's is then not looked at), and counts add up. With one core, no ``fork``,
    a short chain, or a second process that fails, ``verify`` alone."""
    head = events.chain_head()[0]
    if head < PARALLEL_FROM:
        return verify(events)
    import multiprocessing

    from . import cores

    if cores.forkable() < 2:
        return verify(events)
    cut = head // 2
    link_at_cut = events.chain_head(cut)[1]
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    second = context.Process(target=_verify_second, daemon=True,
                             args=(reopen, cut + 1, link_at_cut, sender))
    try:
        second.start()
    except OSError:
        return verify(events)
    finally:
        sender.close()
    try:
        first = verify(events, stop=cut)
        if first[3] is not None:
            return first
        try:
            later = receiver.recv()
        except (EOFError, OSError):
            later = None
    finally:
        receiver.close()
        if second.is_alive():
            second.kill()
        second.join()
    if later is None:  # the second process failed: check its half here
        later = verify(events, start=cut + 1, previous=link_at_cut)
    count, last, previous, broken = later
    return first[0] + count, last if count else first[1], previous, broken


def _verify_second(reopen: Callable[[], Any], start: int, previous: str, sender: Any) -> None:
    result = None
    try:
        with reopen() as ledger:
            result = verify(ledger.events, start=start, previous=previous)
    except Exception:  # noqa: BLE001 - the first process checks this half itself
        result = None
    from . import cores

    cores.reply(sender, result)
