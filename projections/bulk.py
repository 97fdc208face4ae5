"""Set-based projection: the whole event log into an empty read model at once.

``project`` is the fast path of ``rebuild`` (and of catching up a read model that is still
empty after a large first import). It gives exactly the rows the incremental projection
(``ReadModel._apply``) gives, which ``tests/test_bulk_projection.py`` holds table by table,
row by row, on random ledgers of every record type with corrections and retractions, on both
stores:

1. one query lists the amendments' positions, by the stream (record) they amend: a few
   per amended record, nothing for the rest;
2. one streaming pass over ``stored_events`` in store order writes every ``rm_log`` and
   ``rm_versions`` row complete, built by ``projections/rows.py`` (the builder the
   incremental projection uses too; here each event decoded into typed fields, ``_Decoded``,
   ``Rows``' own loop for any event it does not take), with one bulk insert per table per
   batch (the store's ``BulkLoad.insert_packed``: ``COPY ... FREEZE`` on PostgreSQL, many
   rows a statement on SQLite) and the secondary indexes dropped (but for those whose keys
   rise with the position, ``RISING``, and those the store keeps, ``BulkLoad.kept``):
   what a row needs from other events comes from that list and from the amended
   originals met earlier in the pass, so no row is updated afterwards; a record's content
   is its text as stored, sliced out of the event, not parsed and written again;
   ``rm_companies`` is gathered on the way;
3. the indexes are built.

For a long log (``PARALLEL_MIN``) the reading and the row building of step 2 run in a
second process, on its own connection, while this one inserts (``_BuiltElsewhere``): the
same code on the same events, so the same rows. It is started first, before ``rebuild``
drops the old read model (``project``'s ``clear``), so that its start-up and first batches
overlap with that; neither process collects cyclic garbage meanwhile (the rows are tuples of
text and integers).
On SQLite (a rebuild with its scratch file) the log is shared: the second process
builds the events up to a position and inserts their rm_versions rows into the scratch
file, this one builds the last ones (``SHARE``) whenever the other's next rows have not
come yet (``_Shared``); every rm_log row is inserted here, in store order, every
rm_versions row there, and the scratch file copied in at the end.

What differs between the stores (statements, settings, bulk insert) is the store's
``BulkLoad`` (``projections/side.py``), which its adapter gives (``cur.side.bulk``).
"""

from __future__ import annotations

import gc
import marshal
import os
import select
import sys
from collections.abc import Callable, Iterator
from itertools import chain
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ledger.values import BTC_PLACES, SATS_PER_BTC

from .rows import (_ANCHOR, _CHANGE, _FLOW, Rows, _content, _frame, _frames,  # noqa: F401
                   _period, _periods, _type, _types, sats, version_row)
from .schema import RM_COMPANIES, RM_LOG, RM_VERSIONS, index_name
from .sql import Sql

#: Stored events read and written per round: a multiple of SQLite's rows a statement (64),
#: so that a SQLite rebuild's rm_log rows (one an event) fill whole statements but in the
#: last batch, and its write connection, which keeps one prepared statement (the event
#: library's ``cached_statements=True``), prepares the 64-row insert once, not again after
#: each batch's one-row statements (about 12 M instructions a preparation, callgrind).
BATCH = 5_120
#: Stored events of the first round: the process inserting the rows waits for the first
#: batch (``_BuiltElsewhere``) and is the longer one from then on, so the sooner it starts
#: the sooner the load ends (a batch of 5,000 took the second process about 0.08 s to read
#: and build, on top of its start-up). The rows do not depend on where batches are cut.
FIRST_BATCH = 640
#: A log at least this long is read, and turned into rows, by a second process while this
#: one inserts them (where there are two cores or more).
PARALLEL_MIN = 2 * BATCH
#: Indexes kept while the rows are loaded, not dropped and built afterwards: their keys rise
#: with the position, the order rows are loaded in (``known_from`` is the running maximum of
#: the recording times in store order), so each row's entry goes on the index's last page.
#: Measured on 1,000,000 events: 0.5-0.8 s less per rebuild (benchmarks/RESULTS.md).
RISING = frozenset({index_name("rm_log", ("known_from", "position"))})


@contextmanager
def settings(cur: Sql) -> Iterator[None]:
    """The store's settings for projecting a whole log (and dropping the old read model)."""
    with cur.side.bulk.settings(cur):
        yield


class _Batches:
    """The rows of every stored event after position ``after`` up to ``stop`` (default
    ``upto``), a batch at a time: (rm_log rows, rm_versions rows, events, last position),
    each table's rows laid out for ``BulkLoad.insert_packed`` if ``packed``; then
    ``companies``, the rm_companies rows, and ``known_from``, the running time after the
    last. Events stored after ``upto`` (on PostgreSQL other writers may append meanwhile)
    are left to the incremental projection: the amendments were listed up to it.

    Given ``after`` (the later part of a log split between two processes, ``project``),
    the amended originals stored up to ``after`` that amendments in this part need are
    met first (``_before``), as the whole log's pass would have met them; ``known_from``
    starts again from the one given, and ``first_known_from`` is its first row's (the
    caller raises those below the earlier part's last, ``project``)."""

    def __init__(self, cur: Sql, events_table: str, upto: int, known_from: str,
                 packed: bool = False, same: bool = True, after: int = 0,
                 stop: int | None = None, size: int | None = None,
                 same_versions: bool = True):
        self.cur, self.table, self.upto, self.known_from = cur, events_table, upto, known_from
        self.packed, self.same, self.after = packed, same, after
        self.stop = upto if stop is None else stop
        self.size, self.same_versions = size, same_versions
        self.companies: list[tuple] = []
        self.first_known_from: str | None = None

    def __iter__(self) -> Iterator[tuple[Any, Any, int, int]]:
        store = self.cur.side.bulk
        rows = _Decoded(store.amended(self.cur, self.table, self.upto), self.known_from,
                        store.null)
        if self.after:
            _before(rows, store, self.cur, self.table, self.after, self.stop)
        pack = (lambda table, rows: rows) if not self.packed else store.pack if self.same \
            else _flat
        pack_versions = pack if self.same_versions else _flat
        last, limit = self.after, self.size or FIRST_BATCH
        while True:
            events = store.events(self.cur, self.table, last, self.stop, limit)
            limit = self.size or BATCH
            if not events:
                break
            last = events[-1][0]
            log_rows, version_rows = rows(events)
            if self.first_known_from is None and log_rows:
                self.first_known_from = log_rows[0][7]  # rm_log's known_from
            yield (pack(RM_LOG, log_rows), pack_versions(RM_VERSIONS, version_rows), len(events),
                   last)
        self.companies = rows.company_rows()
        self.known_from = rows.known_from

    def close(self) -> None:
        pass


def _flat(table: Any, rows: list[tuple]) -> list:
    """Rows laid out for ``BulkLoad.insert_packed`` with no text replaced (``SAME``)."""
    return list(chain.from_iterable(rows))


def _before(rows: _Decoded, store: Any, cur: Sql, table: str, after: int, upto: int) -> None:
    """Meet, in ``rows``, every event stored up to ``after`` of a record amended after it
    (up to ``upto``), as a pass over the whole log would have met them before: the
    originals those amendments need (``Rows.originals``), nothing else kept (no row, no
    company, the running time as it was). An event it can't read is passed over: it is the
    earlier part's, whose pass stops at it with its own error first."""
    known_from = rows.known_from
    for event in cur.execute(
            f"SELECT {store.position}, CAST(originator_id AS TEXT), state FROM {table} "
            f"WHERE {store.position} <= ? AND originator_id IN (SELECT originator_id "
            f"FROM {table} WHERE originator_version > 1 AND {store.position} > ? "
            f"AND {store.position} <= ?) ORDER BY {store.position}", (after, after, upto)):
        try:
            rows([event])
        except Exception:  # noqa: BLE001 - the earlier part's pass reports it
            pass
    rows.companies.clear()
    rows.known_from = known_from


def _merged(first: list[tuple], then: list[tuple]) -> list[tuple]:
    """rm_companies rows of a log from those of its earlier part and of its later part:
    the same rows, in the same order, as one pass over the whole log gathers."""
    merged = {row[0]: row for row in first}
    for company, records, first_position, last_position, span in then:
        known = merged.get(company)
        merged[company] = (company, records, first_position, last_position, span) \
            if known is None else (company, known[1] + records, known[2], last_position,
                                   max(known[4], span))
    return list(merged.values())


_DECODE: Any = None


def _decoder() -> Any:
    """(decode, the errors it raises): a stored event's envelope decoded straight into the
    fields the rows read (msgspec, typed: no dictionary made per record, nothing else of
    the record decoded); made once per process, on first use."""
    global _DECODE
    if _DECODE is None:
        import msgspec

        optional = [(name, str, None) for name in (
            "id", "company", "type", "effective", "btc", "loaned", "pledged")]
        version = msgspec.defstruct("StoredVersion", optional)
        record = msgspec.defstruct("StoredRecord", [
            ("corrects", str, None), ("retracts", str, None), ("event", version, None)],
            bases=(version,))
        envelope = msgspec.defstruct("StoredEnvelope", [
            ("kind", str), ("record", record), ("recorded_at", str), ("v", int),
            ("recorded_by", str, None), ("via", str, None)], forbid_unknown_fields=True)
        _DECODE = (msgspec.json.Decoder(envelope).decode, (msgspec.MsgspecError, ValueError),
                   msgspec.json.Decoder(record).decode)
    return _DECODE


def _sats(text: str) -> int:
    """``sats`` of a text already known to be one."""
    whole, dot, fraction = text.partition(".")
    return int(whole + fraction.ljust(BTC_PLACES, "0")) if dot else int(whole) * SATS_PER_BTC


class _Decoded(Rows):
    """``Rows``, each stored event decoded into typed fields (``_decoder``) rather than
    parsed into dictionaries: the same rows (``tests/test_bulk_projection.py`` holds them
    to ``Rows``' on every record type), about a quarter less CPU for a whole log.

    An event laid out as ``ledger.envelope`` writes it (version 1 or 2, unsigned, its
    record sliced out by its frame as ``Rows`` slices it) whose fields are all there is
    built here; any other (signed, another layout or schema version, a field missing or
    not text, an amendment of a record not met in this run, text that is not UTF-8) is
    left to ``Rows``' own loop, one event at a time, before anything of it is written:
    so every refusal is ``Rows``' own, word for word."""

    def __call__(self, events: list[tuple[int, Any, Any]]) -> tuple[list[tuple], list[tuple]]:
        decode, undecodable, decode_record = _decoder()
        log_rows: list[tuple] = []
        version_rows: list[tuple] = []
        log_append, version_append = log_rows.append, version_rows.append
        null, amended, originals = self.null, self.amended, self.originals
        companies, frames, types, periods = self.companies, _frames, _types, _periods
        valid_to_of = self._valid_to
        known_from = self.known_from
        # The last event's frame (``_frame``): most events are framed as the one before
        # (one write's share their kind, time and writer), and then only the record text
        # between is decoded, which is what the whole envelope would have given for it.
        head, tail, kind, recorded_at = self.last
        cut = len(tail)
        for event in events:
            position, stream, state = event
            record = None
            if state.startswith(head) and state.endswith(tail):
                try:
                    content = state[len(head):len(state) - cut].decode()
                    record = decode_record(content)
                except undecodable:  # UnicodeDecodeError among them
                    record = None
            if record is None:
                record = self._framed(state, decode, undecodable, frames)
                if record is not None:
                    record, content, head, tail, kind, recorded_at = record
                    cut = len(tail)
            built = False
            while record is not None:  # once: a break leaves the event to Rows' loop
                if kind == "record":
                    record_id, company, version = record.id, record.company, record
                    if record_id is None or company is None or record.type is None:
                        break
                    target = None
                elif kind == "correction" or kind == "retraction":
                    target = record.corrects if kind == "correction" else record.retracts
                    original = originals.get(stream)
                    if target is None or record.id is None or original is None \
                            or original[1] != target:
                        break
                    version = record.event
                    if version is not None and version.type is None:
                        break
                    company = original[2]
                elif kind == "claim":
                    if recorded_at > known_from:
                        known_from = recorded_at
                    log_append((position, null, "claim", null, null, null, recorded_at,
                                known_from, content))
                    built = True
                    break
                else:
                    break
                if version is not None:
                    record_type, effective, btc = version.type, version.effective, version.btc
                    if effective is None or version.company is None:
                        break
                    found = types.get(record_type)
                    if found is None:
                        found = _type(record_type)
                    category, effect = found
                    if btc is None and category in (_FLOW, _ANCHOR, _CHANGE):
                        break
                    period = periods.get(effective)
                    if period is None:
                        try:
                            period = _period(effective)
                        except (ValueError, TypeError):
                            break
                # Built here from now on: nothing of it was written before.
                if recorded_at > known_from:
                    known_from = recorded_at
                if target is None:
                    log_append((position, record_id, "record", record.type, company, null,
                                recorded_at, known_from, content))
                    first_position, valid_to = position, null
                    if stream in amended:
                        originals[stream] = (position, record_id, company)
                        valid_to = valid_to_of(stream, position)
                else:
                    record_id, first_position = target, original[0]
                    log_append((position, record.id, kind,
                                null if version is None else version.type, company, target,
                                recorded_at, known_from, content))
                    if version is not None:
                        valid_to = valid_to_of(stream, position)
                entry = companies.get(company)  # ``Rows.count``, written out
                if entry is None:
                    entry = companies[company] = [0, position, position, 0]
                entry[0] += 1
                entry[2] = position
                built = True
                if version is None:
                    break
                text, start, end, span = period
                if category == _FLOW:
                    amount = _sats(btc)
                    version_append((position, record_id, first_position, valid_to,
                                    version.company, record_type, _FLOW, text, start, end,
                                    effect[0] * amount, effect[1] * amount,
                                    effect[2] * amount, null, null, null, null))
                    if span > entry[3]:  # the longest flow
                        entry[3] = span
                elif category == _ANCHOR:
                    loaned, pledged = version.loaned, version.pledged
                    version_append((position, record_id, first_position, valid_to,
                                    version.company, record_type, category, text, start, end,
                                    null, null, null, _sats(btc),
                                    null if loaned is None else _sats(loaned),
                                    null if pledged is None else _sats(pledged), null))
                else:
                    version_append((position, record_id, first_position, valid_to,
                                    version.company, record_type, category, text, start, end,
                                    null, null, null, null, null, null,
                                    _sats(btc) if category == _CHANGE else null))
                break
            if built:
                continue
            self.known_from = known_from
            more_log, more_versions = Rows.__call__(self, [event])
            log_rows.extend(more_log)
            version_rows.extend(more_versions)
            known_from = self.known_from
        self.known_from = known_from
        self.last = head, tail, kind, recorded_at
        return log_rows, version_rows

    #: (head, tail, kind, recorded at) of the last event's frame (none yet: no event
    #: starts with a zero byte).
    last: tuple = (b"\0", b"", "", "")

    @staticmethod
    def _framed(state: bytes, decode: Any, undecodable: Any, frames: dict) -> tuple | None:
        """(record, its text, the frame's head and tail, kind, recorded at) of an event
        laid out as ``ledger.envelope`` writes it, decoded whole; None for any other."""
        try:
            body = decode(state)
        except undecodable:
            return None
        kind, recorded_at, v = body.kind, body.recorded_at, body.v
        if v == 2 and body.recorded_by is not None and body.via is not None:
            key: tuple = (kind, recorded_at, body.recorded_by, body.via)
        elif v == 1 and body.recorded_by is None and body.via is None:
            key = (kind, recorded_at)
        else:
            return None
        frame = frames.get(key)
        if frame is None:
            frame = _frame(key)
        head, tail = frame
        if not (state.startswith(head) and state.endswith(tail)):
            return None
        try:
            content = state[len(head):len(state) - len(tail)].decode()
        except UnicodeDecodeError:
            return None
        return body.record, content, head, tail, kind, recorded_at


class _BuiltElsewhere:
    """``_Batches`` built by a second process on its own connection (``reader()``), sent
    down a pipe as they are built, so that building the next batch overlaps with inserting
    this one. The log does not change meanwhile: the caller's transaction holds the
    projection's lock, and on SQLite the store's write lock. Frames are msgpack
    (msgspec): callgrind on 50,000 events' batches, 0.12G instructions to write against
    marshal's 0.33G, in this second process, which the other waits for, and 0.46G to read
    back against 0.39G, in the one that waits (a frame msgpack can't hold, an integer
    beyond 64 bits, goes by marshal, tagged so).

    The process is a fresh interpreter running ``_CHILD``, not a fork: a fork would share
    this process's pages, and every page this one then changes (its page cache, the rows
    it inserts) would be counted again in the copy (measured on a 1,000,000-record import:
    106 MB for a forked process, about 45 for a fresh one). Not ``multiprocessing``'s
    spawn either, which would run the caller's main script again in it. ``reader`` is
    pickled to it on its standard input; frames come back on its standard output."""

    def __init__(self, reader: Callable[[], Sql], events_table: str, upto: int,
                 known_from: str, scratch: str | None = None, stop: int | None = None):
        import pickle  # here, not at start-up: only a long projection needs them
        import subprocess
        import tempfile

        import msgspec

        # Without ``site`` (``-S``: measured, it was most of a bare interpreter's start-up,
        # the installed packages' .pth files read and run), on this process's own module
        # path instead, where ``projections`` is first.
        root = str(Path(__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, *filter(None, sys.path)])}
        self.stderr = tempfile.TemporaryFile()  # read only if it fails
        # Unbuffered: ``waiting`` asks the pipe itself whether a frame has come.
        self.child = subprocess.Popen([sys.executable, "-S", "-c", _CHILD], bufsize=0,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=self.stderr, env=env)
        stdin, self.stdout = self.child.stdin, self.child.stdout
        assert stdin is not None and self.stdout is not None
        _widen(self.stdout.fileno())
        try:
            stdin.write(pickle.dumps((reader, events_table, upto, known_from, scratch,
                                      stop)))
            stdin.flush()
        except OSError:
            pass  # it ended already: reading its output says so
        # Given ``stop`` (and a scratch file) it waits for ``go`` at the end of its part.
        self.stdin = stdin if stop is not None and scratch is not None else None
        if self.stdin is None:
            _close(stdin)
        self.child.stdin = None
        self.companies: list[tuple] = []
        self.end: Any = None
        self.decode = msgspec.msgpack.Decoder().decode

    @classmethod
    def launched(cls, reader: Callable[[], Sql], events_table: str, upto: int,
                 known_from: str, scratch: str | None = None,
                 stop: int | None = None) -> _BuiltElsewhere | None:
        """The second process, started (not waited for: it starts, connects and builds its
        first batches while this one gets the tables ready); None if it could not start.
        Given ``scratch``, it inserts ``rm_versions``' rows into the new SQLite file of
        that name itself, and sends only ``rm_log``'s; given ``stop``, it builds the events
        up to that position only (``project``)."""
        try:
            return cls(reader, events_table, upto, known_from, scratch, stop)
        except OSError:
            return None

    def connected(self) -> bool:
        """Whether it has connected to the store; if not (an interpreter that can't be run,
        a connection refused) it is closed, and the rows are built here: the same rows on
        one core."""
        from eventsourcing.persistence import PersistenceError

        try:
            if tuple(self._frame()) == ("ready",):
                return True
        except PersistenceError:
            pass
        self.close()
        return False

    def waiting(self) -> bool:
        """Whether the next frame has begun to come (reading it will not wait long)."""
        return bool(select.select([self.stdout], [], [], 0)[0])

    def _exactly(self, size: int) -> Any:
        """``size`` bytes from the pipe (fewer at its end)."""
        data = bytearray(size)
        view, got = memoryview(data), 0
        while got < size:
            n = self.stdout.readinto(view[got:])
            if not n:
                return data[:got]
            got += n
        return data

    def _frame(self) -> Any:
        head = self._exactly(9)
        body = self._exactly(int.from_bytes(head[:8], "little")) if len(head) == 9 else b""
        if len(head) < 9 or not body:
            from eventsourcing.persistence import PersistenceError

            self.child.wait()
            self.stderr.seek(0)
            said = self.stderr.read().decode(errors="replace").strip().splitlines()
            raise PersistenceError("the process reading the log ended unexpectedly (exit "
                                   f"status {self.child.returncode}"
                                   + (f": {said[-1]}" if said else "") + ")")
        return self.decode(body) if head[8] == _MSGPACK else marshal.loads(bytes(body))

    def __iter__(self) -> Iterator[tuple[list[tuple], list[tuple], int, int]]:
        while True:
            message = self._frame()
            if message[0] == "end":
                self.companies, self.end = message[1], message
                return
            if message[0] == "unreadable":  # as the rows were built here: the log's fault
                raise {"KeyError": KeyError, "TypeError": TypeError}.get(
                    message[1], ValueError)(*message[2])
            if message[0] == "failed":
                from eventsourcing.persistence import PersistenceError

                raise PersistenceError(message[1])
            yield message

    def go(self) -> None:
        """Tell it this process's rm_versions rows are written (``_Shared``)."""
        if self.stdin is not None:
            try:
                self.stdin.write(b"go\n")
            except OSError:
                pass  # it ended already: reading its output says so
            _close(self.stdin)
            self.stdin = None

    def close(self) -> None:
        if self.stdin is not None:
            _close(self.stdin)
            self.stdin = None
        if self.child.poll() is None:
            self.child.kill()
        self.stdout.close()
        self.child.wait()
        self.stderr.close()


def _close(pipe: Any) -> None:
    try:
        pipe.close()
    except OSError:
        pass  # it ended already: reading its output says so


def _widen(fd: int) -> None:
    """The pipe's buffer as large as the system lets it be (Linux: 1 MiB by default): the
    second process writes a batch's frame while this one may be busy building rows of its
    own (``project``), and waits only once the pipe is full."""
    import fcntl

    size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if size is None:  # pragma: no cover - not Linux
        return
    try:
        with open("/proc/sys/fs/pipe-max-size") as f:
            fcntl.fcntl(fd, size, int(f.read()))
    except (OSError, ValueError):  # pragma: no cover - the default size, then
        pass


def _write(out: Any, encode: Callable[[Any], bytes], message: Any) -> None:
    """One frame: its length (8 bytes), its tag (``_MSGPACK`` or marshal's), its body."""
    import msgspec

    try:
        data, tag = encode(message), b"p"
    except (OverflowError, msgspec.MsgspecError):  # an integer beyond 64 bits
        data, tag = marshal.dumps(message), b"m"
    out.write(len(data).to_bytes(8, "little") + tag)
    out.write(data)


def _frames_in(file: Any) -> Iterator[Any]:
    """The messages of the frames (``_write``) in ``file``, from where it is."""
    import msgspec

    decode = msgspec.msgpack.Decoder().decode
    while True:
        head = file.read(9)
        if len(head) < 9:
            return
        body = file.read(int.from_bytes(head[:8], "little"))
        yield decode(body) if head[8] == _MSGPACK else marshal.loads(body)


def _later(scratch: str) -> str:
    """The file, beside the scratch file, of the rm_versions rows of the log's last part
    (``_Shared``), which the second process inserts after its own."""
    return scratch + "-later"


#: The tag of a frame in msgpack (any other: marshal).
_MSGPACK = ord("p")
#: What the second process runs: this process's modules, from the path it is given, not
#: from the working directory (``-c`` puts it first), which may hold another copy of them.
_CHILD = ("import sys; sys.path[:] = [p for p in sys.path if p]; "
          "from projections.bulk import _child; _child()")


def _child() -> None:
    """The second process: build every batch on a new connection and write it out, each
    frame its length (8 bytes), its tag (``_MSGPACK`` or marshal's) and its body. Given a
    scratch file, ``rm_versions``' rows are inserted there instead of sent (the store's
    ``BulkLoad.scratch``: the read model's tables made as the migrations make them, the
    indexes built after the rows); a first end once every row is built, a second once
    the file is complete, each with the rm_companies rows and the running time
    (``known_from``) after the last event. Given ``stop``, the events up to that position
    only (the other process builds the rest, ``project``)."""
    import pickle

    import msgspec

    gc.disable()  # it builds tuples of text and integers: no cycles to look for
    out = sys.stdout.buffer
    encode = msgspec.msgpack.Encoder().encode

    def send(message: Any) -> None:
        _write(out, encode, message)
        out.flush()

    reader, events_table, upto, known_from, scratch, stop = pickle.load(sys.stdin.buffer)
    try:
        cur = reader()
        if scratch is not None:
            store = cur.side.bulk
            into = store.scratch(scratch, cur)
            from .schema import migrate

            migrate(into)
            indexes = store.secondary_indexes(into, RM_VERSIONS.name)
            for name, _ in indexes:
                into.execute(f'DROP INDEX "{name}"')
        # With a scratch file this process is the longer one: its rows are laid out for
        # the packed inserts as they are, no text replaced by ``SAME`` (which saved
        # nothing in the scratch file's inserts, and cost this process 0.1-0.15 CPU s a
        # table for 200,000 records; the other one binds the log's texts instead).
        batches = _Batches(cur, events_table, upto, known_from, packed=True,
                           same=scratch is None, stop=stop)
        send(("ready",))  # connected: from here on a failure stops the projection
        if scratch is None:
            for batch in batches:
                send(batch)
        else:
            for log_rows, version_rows, n, last in batches:
                send((log_rows, [], n, last))  # first: the other process is waiting
                if version_rows:
                    store.insert_packed(into, RM_VERSIONS, version_rows)
            # The rows all sent: the other process inserts the last and builds rm_log's
            # last index meanwhile; a second end when the scratch file is complete.
            send(("end", batches.companies, batches.known_from))
            if stop is not None and sys.stdin.buffer.readline() == b"go\n":
                # The other process's part's rm_versions rows, after this part's.
                with open(_later(scratch), "rb") as later:
                    for version_rows in _frames_in(later):
                        store.insert_packed(into, RM_VERSIONS, version_rows)
            for _, statement in indexes:
                into.execute(statement)
            into.execute("COMMIT")
            into.cursor.connection.close()
        send(("end", batches.companies, batches.known_from))
    except (ValueError, KeyError, TypeError) as e:
        args = tuple(a if isinstance(a, (str, int)) else str(a) for a in e.args)
        send(("unreadable", type(e).__name__, args))
    except BrokenPipeError:
        pass  # the storing process has stopped listening
    except Exception as e:  # noqa: BLE001 - the storing process reports it
        send(("failed", f"{type(e).__name__}: {e}"))


def _parallel() -> bool:
    from ledger.cores import available

    return available() >= 2


#: The share of a long SQLite log, its last events, whose rows the process inserting them
#: builds itself, while it waits for the second process's (``project``): that one builds
#: the rest and inserts rm_versions' rows too, this one inserts every rm_log row. Tuned on a
#: quiet 2-core machine at 200,000 records (benchmarks/rebuild_ab.py, four runs each, the
#: trees alternated): 0.22 and 0.27 89k records/s, 0.32 94k, 0.37 92-94k, 0.42 89k.
SHARE = 0.33
#: Events a batch of that share: small, so that the second process, whose next batch may
#: come while this one builds one, does not wait long for the pipe to be read.
SHARE_BATCH = 1_280


def project(cur: Sql, events_table: str, *, known_from: str = "",
            progress: Callable[[str, int], None] | None = None,
            phase: str = "replaying", reader: Callable[[], Sql] | None = None,
            clear: Callable[[], None] | None = None,
            scratch: str | None = None) -> tuple[int, int]:
    """Project every stored event (up to the newest when it starts) into the EMPTY
    read-model tables; return (events, last position). Runs inside the caller's projecting
    transaction, within ``settings``. ``reader()`` opens another connection to the store:
    given, a long log's rows are built by a second process meanwhile (``PARALLEL_MIN``).
    ``clear()``, given, empties the read model first (``rebuild`` drops the old one and makes
    the tables again): it runs once the second process is started, which meanwhile starts,
    connects and builds its first batches.

    ``scratch``, given (a SQLite rebuild: a new file of that name, attached to ``cur``'s
    connection as the store's ``BulkLoad.SCRATCH``), the second process inserts
    ``rm_versions``' rows itself, into that file, and builds its indexes there, sending only
    ``rm_log``'s; this one inserts those, builds ``rm_log``'s last index, and then
    copies the complete ``rm_versions`` in whole, indexes included (``BulkLoad.copy_in``).
    And the log's last events (``SHARE``) are this process's to build, whenever the second
    one's next rows have not come yet (``_Shared``): their rm_log rows inserted after the
    second one's, their rm_versions rows after the copy."""
    store = cur.side.bulk
    head = cur.execute(f"SELECT MAX({store.position}) FROM {events_table}").fetchone()[0] or 0
    elsewhere = None
    stop = head - int(head * SHARE) if scratch is not None else None
    if reader is not None and head >= PARALLEL_MIN and _parallel():
        elsewhere = _BuiltElsewhere.launched(reader, events_table, head, known_from, scratch,
                                             stop)
    try:
        if clear is not None:
            clear()
        for statement in store.before:
            cur.execute(statement)
        batches: _Batches | _BuiltElsewhere | _Shared = _Batches(
            cur, events_table, head, known_from, packed=True)
        if elsewhere is not None and elsewhere.connected():
            batches = elsewhere
        else:
            elsewhere = None
        # Built elsewhere into the scratch file, rm_versions keeps its indexes here: the
        # copy fills them.
        split = elsewhere is not None and scratch is not None
        if split:
            assert elsewhere is not None and stop is not None
            assert scratch is not None
            batches = _Shared(elsewhere, _Batches(cur, events_table, head, known_from,
                                                  packed=True, after=stop, size=SHARE_BATCH,
                                                  same_versions=False), _later(scratch))
        indexes = {table: _dropped(cur, table) for table in (
            (RM_LOG.name,) if split else (RM_LOG.name, RM_VERSIONS.name))}
        count, last = _load(cur, batches, progress, phase)
        companies = batches.companies
        for _, statement in indexes.pop(RM_LOG.name):
            cur.execute(statement)
        if split:
            assert elsewhere is not None and isinstance(batches, _Shared)
            for _ in elsewhere:  # nothing more but its end, once the file is complete
                pass
            store.copy_in(cur, RM_VERSIONS)
            if batches.raised():
                cur.execute("UPDATE rm_log SET known_from = ? WHERE position > ? "
                            "AND known_from < ?", (batches.later, stop, batches.later))
        for table_indexes in indexes.values():
            for _, statement in table_indexes:
                cur.execute(statement)
    finally:
        if elsewhere is not None:
            elsewhere.close()
    if companies:
        store.insert(cur, RM_COMPANIES, companies)
    for statement in store.after:
        cur.execute(statement)
    return count, last


class _Shared:
    """The batches of a log built in two parts: the second process's (``elsewhere``, the
    events up to a position: rm_log's rows sent, rm_versions' inserted in its scratch
    file), then this process's own (``mine``, the events after it), each of those built
    whenever the second process's next batch has not come yet. Yields (rm_log rows, [],
    events, last position) in store order: this part's rm_log rows are kept until the
    other's are all in; its rm_versions rows are written to the file ``later`` as they
    are built, which the second process, told to ``go`` once the file is complete,
    inserts after its own (in the scratch file, before its indexes are built). This
    part's running time (``known_from``) started from the one given, not from the other
    part's last (``later_known_from``): ``project`` raises those below it, which on a log
    whose writers' clocks never went back are none. ``companies``: both parts'
    rm_companies rows, in the order one pass gathers them (``_merged``)."""

    def __init__(self, elsewhere: _BuiltElsewhere, mine: _Batches, later: str):
        self.elsewhere, self.mine, self.path = elsewhere, mine, later
        self.companies: list[tuple] = []
        self.later = ""

    def __iter__(self) -> Iterator[tuple[Any, Any, int, int]]:
        import msgspec

        elsewhere = self.elsewhere
        encode = msgspec.msgpack.Encoder().encode
        # This part's rm_log rows wait in a file too (memory stays flat however long the
        # log), read back in order once the other part's are in.
        with open(self.path, "wb") as later, open(self.path + "-log", "w+b") as kept:
            own = iter(self.mine)
            failed: list[BaseException] = []

            def build() -> bool:
                try:
                    built = next(own, None)
                except (ValueError, KeyError, TypeError) as e:
                    # Raised once the other part is through: an error there comes first.
                    failed.append(e)
                    return False
                if built is None:
                    return False
                log_rows, version_rows, n, last = built
                if version_rows:
                    _write(later, encode, version_rows)
                _write(kept, encode, (log_rows, [], n, last))
                return True

            more = True
            for batch in elsewhere:
                yield batch
                while more and not elsewhere.waiting():
                    more = build()
            while more:
                more = build()
            if failed:
                raise failed[0]
            later.close()
            elsewhere.go()
            self.later = elsewhere.end[2]
            kept.seek(0)
            yield from _frames_in(kept)
        self.companies = _merged(elsewhere.companies, self.mine.companies)

    def raised(self) -> bool:
        """Whether this part's first row's running time is below the other part's last."""
        first = self.mine.first_known_from
        return first is not None and first < self.later


def _dropped(cur: Sql, table: str) -> list[tuple[str, str]]:
    """Drop ``table``'s secondary indexes but those kept during a load (``RISING``, the
    store's ``kept``); return (name, CREATE statement) of those dropped."""
    store = cur.side.bulk
    dropped = [(name, statement) for name, statement in store.secondary_indexes(cur, table)
               if name not in RISING and name not in store.kept]
    for name, _ in dropped:
        cur.execute(f'DROP INDEX "{name}"')
    return dropped


def _load(cur: Sql, batches: _Batches | _BuiltElsewhere,
          progress: Callable[[str, int], None] | None, phase: str) -> tuple[int, int]:
    """Insert every batch's rows; return (events, last position)."""
    store = cur.side.bulk
    count, last = 0, 0
    collecting = gc.isenabled()
    gc.disable()  # the rows are tuples of text and integers: no cycles to look for
    try:
        for log_rows, version_rows, n, last in batches:
            if log_rows:
                store.insert_packed(cur, RM_LOG, log_rows)
            if version_rows:
                store.insert_packed(cur, RM_VERSIONS, version_rows)
            count += n
            if progress is not None:
                progress(phase, n)
    finally:
        if collecting:
            gc.enable()
    return count, last
