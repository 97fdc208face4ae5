"""Import on every core: validating processes read and check the files while this one stores.

The lines of the input are cut into batches of ``LINES`` lines, dealt in turn to ``n``
forked validating processes (batch ``b`` to process ``b mod n``): each reads every line but
parses and validates only its own batches, and sends each one down its pipe as records ready
to store (canonical content, stream id), ``marshal``'s frames of tuples of text and integers
(written by this same interpreter, and read back in a quarter of the time orjson's lists
took the storing process). This process takes the batches in order, one from
each process in turn, and stores them as they come inside the import's ONE write
transaction, which commits only after the last batch. A pipe holds at most one batch, so
no process runs far ahead and memory stays flat in all of them.

All or nothing, and every message exactly as a one-process import words it: at the first
problem of any kind (a record a validator refuses, an id met twice, a record the store
refuses, a JSON array that can't be cut into lines) the write transaction is rolled back,
nothing is stored, and the import runs again the one-process way, which finds and reports
every problem with its file and line. Problems are the rare case; they cost a second pass.

Used for inputs of at least ``MIN_BYTES`` read from files (not standard input), on a machine
with two cores or more where ``fork`` exists; otherwise the one-process import runs.
"""

from __future__ import annotations

import gc
import marshal
import os
from collections.abc import Callable, Iterator
from typing import Any

from .envelope import stream_hex
from .errors import CaledgerError
from .importer import ImportReport, store_validated, validate_into
from .jsonio import canonical_json
from .store import Pending, received

#: Smaller inputs are validated then stored in one process: more processes cost more.
MIN_BYTES = 2_000_000
#: Lines per batch: one batch is one chunk of the store's transaction.
LINES = 5000
#: At most this many validating processes (the storing one is the other user of the cores).
MAX_VALIDATORS = 4

_DONE, _PROBLEM = b"done", b"problem"


class _Fallback(Exception):
    """A problem was found: roll back, and import the one-process way."""


def validators() -> int:
    """How many validating processes an import would use here (0: the one-process import)."""
    import multiprocessing  # here: a small import (most of them) runs in one process

    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    from .cores import available

    cores = available()
    return min(cores, MAX_VALIDATORS) if cores >= 2 else 0


def try_import(db: str | None, paths: list[str],
               progress: Callable[[str, int], None] | None, *,
               processes: int | None = None, dry_run: bool = False) -> ImportReport | None:
    """Import ``paths`` with ``processes`` validating processes (default: ``validators()``);
    None when the one-process import must run instead (the input is small, standard input
    or not all files, or a problem was found: then nothing was stored). ``dry_run``: the
    same import rolled back (``store_validated``)."""
    if "-" in paths:
        return None
    try:
        if not all(map(os.path.isfile, paths)) or \
                sum(os.path.getsize(p) for p in paths) < MIN_BYTES:
            return None
    except OSError:
        return None  # the one-process import reports it
    n = validators() if processes is None else processes
    if n < 1:
        return None
    import multiprocessing

    context = multiprocessing.get_context("fork")
    pipes, children = [], []
    # What the validators run is loaded once, here, and shared with them; and the objects
    # that exist now are left out of garbage collection while they fork, so that no
    # collection in a validator writes to (and so copies) every shared page.
    from . import fastcheck
    fastcheck.line_content("{}")  # builds its msgspec structs once, for every validator
    null = _version_rows(db)

    try:
        gc.freeze()
        try:
            for k in range(n):
                receiver, sender = context.Pipe(duplex=False)
                child = context.Process(target=_validate, daemon=True,
                                        args=(paths, k, n, sender, [*pipes, receiver], null))
                child.start()
                sender.close()
                pipes.append(receiver)
                children.append(child)
        finally:
            gc.unfreeze()
        return store_validated(db, _Received(pipes, progress), list(paths), progress,
                               dry_run=dry_run)
    except (_Fallback, CaledgerError):
        return None
    finally:
        for receiver in pipes:
            receiver.close()
        for child in children:
            if child.is_alive():
                child.kill()
            child.join()


_NO_ROWS = object()


def _version_rows(db: str | None) -> Any:
    """Whether the validating processes build each original record's read-model version
    row too (an import that will project itself as it stores: ``ledger/projecting.py``):
    if so the value the store's rows carry for SQL NULL, else ``_NO_ROWS``."""
    from .adapters import adapter_for
    from .location import Location

    try:
        location = Location.parse(db)
        adapter = adapter_for(location)
        if adapter.projects_while_storing(location):
            return adapter.read_side().bulk.null
    except CaledgerError:
        pass  # the store reports it when it is opened
    return _NO_ROWS


class _Batch:
    """One validating process's share of the input: its batches, sent as each one ends
    (each original record with its version row, when ``null`` is not ``_NO_ROWS``)."""

    def __init__(self, k: int, n: int, conn: Any, null: Any = _NO_ROWS):
        self.k, self.n, self.conn = k, n, conn
        self.null = null
        self.offset = 0    # lines in the files before the current one
        self.lines = 0     # lines seen in the current file
        self.batch = 0     # the batch the current line belongs to
        #: This batch's records, by id: the rows it sends (``end_batch``).
        self.pending: dict[str, tuple] = {}
        from projections.rows import version_tail  # here: only a validating process needs it

        self.version_tail = version_tail

    def take(self, number: int) -> bool:
        """Whether line ``number`` of the current file is this process's to validate."""
        self.lines = number
        batch = (self.offset + number - 1) // LINES
        if batch != self.batch:
            self.end_batch()
            self.batch = batch
        return batch % self.n == self.k

    def next_file(self) -> None:
        self.offset += self.lines
        self.lines = 0

    def add(self, where: str, p: Pending) -> None:
        """A record read the ordinary way (or an amendment): its row, as ``add_content``
        builds a plain record's (a correction's version row: its replacement's)."""
        version = None
        if self.null is not _NO_ROWS and p.kind != "retraction":  # a correction's: its event's
            version = self.version_tail(p.content if p.kind == "record" else p.content["event"],
                                        self.null)
        self._keep((p.record_id, p.kind, p.record_type, p.target, p.company, p.canonical,
                    stream_hex(p.target or p.record_id), version, self._seq()))

    def add_content(self, content: dict[str, Any]) -> None:
        """A plain original record as the line path gave its canonical content
        (``validate_into``'s ``plain``): its row built straight from it, the same row
        ``add`` builds from the record ``Pending.of`` makes of it, without making one."""
        record_id = content["id"]
        self._keep((record_id, "record", content["type"], None, content["company"],
                    canonical_json(content), stream_hex(record_id),
                    None if self.null is _NO_ROWS else self.version_tail(content, self.null),
                    self._seq()))

    def _seq(self) -> int:
        """The next record's order in the whole import (``Received.seq``; only compared):
        batch ``b``'s records come after every earlier batch's, at most ``LINES`` each."""
        return self.batch * LINES + len(self.pending) + 1

    def _keep(self, row: tuple) -> None:
        seen = self.pending.get(row[0])
        if seen is not None:
            if seen[5] != row[5]:
                raise _Fallback  # one id, two contents: the one-process import says where
            return  # the same record again: kept where it was first met
        self.pending[row[0]] = row

    def end_batch(self) -> None:
        """Send the current batch if it is this process's (empty or not: the storing
        process takes one batch from each process in turn): each record's id, kind, type,
        target, company, canonical content, stream, version row (with ``null``; else None)
        and order in the import: a ``store.Received``'s fields."""
        if self.batch % self.n != self.k:
            return
        self.conn.send_bytes(marshal.dumps(list(self.pending.values())))
        self.pending.clear()


def _validate(paths: list[str], k: int, n: int, conn: Any, inherited: list[Any],
              null: Any = _NO_ROWS) -> None:
    """A validating process: validate batches ``k``, ``k + n``, ... of ``paths`` into the
    pipe; end with done, or with problem at the first problem. If the storing process
    dies, the next send fails and this process ends."""
    for reader in inherited:  # read ends, its own included: only the storing process reads
        reader.close()
    verdict = _PROBLEM
    try:
        batch = _Batch(k, n, conn, null)
        for path in paths:
            for _ in validate_into(batch, path, None, None, batch.take):
                return
            batch.next_file()
        batch.end_batch()
        verdict = _DONE
    except Exception:  # noqa: BLE001 - the one-process import will report it
        verdict = _PROBLEM
    finally:
        try:
            conn.send_bytes(verdict)
        except OSError:
            pass  # the storing process has stopped listening
        conn.close()


class _Received:
    """The validated batches, in order, as chunks to store (``importer.Validated``). A record met
    twice (in two batches) makes the store refuse its second insert, and the import falls
    back; an amendment's target earlier in this import is found by the store among the
    events it has inserted (``find`` is None). The batches can be read once: a store that
    must start over falls back too."""

    find = None

    def __init__(self, pipes: list[Any], progress: Callable[[str, int], None] | None):
        self.pipes, self.progress = pipes, progress
        self.started = False

    def _batches(self) -> Iterator[list[Any]]:
        b = 0
        while True:
            data = self._receive(self.pipes[b % len(self.pipes)])
            if data == _DONE:
                # Every process has seen every line: the others are done too.
                for other in range(1, len(self.pipes)):
                    if self._receive(self.pipes[(b + other) % len(self.pipes)]) != _DONE:
                        raise _Fallback
                return
            yield marshal.loads(data)
            b += 1

    @staticmethod
    def _receive(pipe: Any) -> bytes:
        try:
            data = pipe.recv_bytes()
        except EOFError:
            raise _Fallback from None
        if data == _PROBLEM:
            raise _Fallback
        return data

    def chunks(self, size: int) -> Iterator[list[Any]]:
        if self.started:
            raise _Fallback
        self.started = True
        for rows in self._batches():
            # Each row as the validator laid it out is a ``Received``: no object per record.
            chunk = list(map(received, rows))
            if self.progress is not None:
                self.progress("validating", len(chunk))
            yield chunk

    def where(self, record_id: str) -> str | None:
        return None  # any refusal falls back to the one-process import, which says where
