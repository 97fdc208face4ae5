"""Import on two cores: a second process validates the files while this one stores.

The child process reads and validates every record into its own spool, exactly as a
one-process import does, and hands each batch of newly spooled records (first occurrences,
in order) over a pipe; this process stores them as they come, inside the import's ONE write
transaction, which commits only once the child has validated the last record and found no
duplicate id. The pipe holds at most one batch, so neither process runs far ahead and memory
stays flat in both.

All or nothing, and every message exactly as a one-process import words it: at the first
problem of any kind (a record the child refuses, a duplicate id, a record the store refuses)
the write transaction is rolled back, nothing is stored, and the import runs again the
one-process way, which finds and reports every problem with its file and line. Problems are
the rare case; they cost a second pass.

Used for inputs of at least ``MIN_BYTES`` read from files (not standard input), where
``fork`` exists; otherwise the one-process import runs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Any

import orjson

from .api import ImportReport, Spool, _store_spool, _validate_into
from .errors import CaledgerError

#: Smaller inputs are validated then stored in one process: a second one costs more.
MIN_BYTES = 2_000_000

_DONE, _PROBLEM = b"done", b"problem"


class _Fallback(Exception):
    """The child found a problem: roll back, and import the one-process way."""


def try_import(db: str | None, paths: list[str],
               progress: Callable[[str, int], None] | None) -> ImportReport | None:
    """Import ``paths`` on two processes; None when the one-process import must run
    instead (the input is small or standard input, or a problem was found: then nothing
    was stored)."""
    if "-" in paths or "fork" not in multiprocessing.get_all_start_methods():
        return None
    try:
        if sum(os.path.getsize(p) for p in paths) < MIN_BYTES:
            return None
    except OSError:
        return None  # the one-process import reports it
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_validate, args=(paths, sender), daemon=True)
    child.start()
    sender.close()
    try:
        with _Received(receiver, progress) as spool:
            return _store_spool(db, spool, list(paths), progress)
    except (_Fallback, CaledgerError):
        return None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()


class _Forwarding(Spool):
    """The child's spool: each batch of records it spools goes down the pipe."""

    def __init__(self, conn: Any):
        super().__init__("")
        self.conn = conn

    def flush(self) -> list[tuple[Any, ...]]:
        rows = super().flush()
        if rows:
            self.conn.send_bytes(orjson.dumps(rows))
        return rows


def _validate(paths: list[str], conn: Any) -> None:
    """The child: validate every record of ``paths`` into the pipe; end with done, or with
    problem at the first problem."""
    verdict = _PROBLEM
    try:
        with _Forwarding(conn) as spool:
            for path in paths:
                for _ in _validate_into(spool, path, None, None):
                    return
            spool.flush()
            if not spool.duplicates:
                verdict = _DONE
    except Exception:  # noqa: BLE001 - the one-process import will report it
        verdict = _PROBLEM
    finally:
        try:
            conn.send_bytes(verdict)
        except OSError:
            pass  # the parent has stopped listening
        conn.close()


class _Received(Spool):
    """This process's copy of the child's spool, filled as batches arrive: the store reads
    its chunks, an amendment's earlier target and a record's file and line from it."""

    def __init__(self, conn: Any, progress: Callable[[str, int], None] | None):
        super().__init__("")
        self.conn, self.progress, self.done = conn, progress, False
        self.received = 0

    def _pull(self) -> bool:
        """One more batch into the spool; False once the child has validated everything."""
        if self.done:
            return False
        try:
            data = self.conn.recv_bytes()
        except EOFError:
            raise _Fallback from None
        if data == _DONE:
            self.done = True
            return False
        if data == _PROBLEM:
            raise _Fallback
        rows = orjson.loads(data)
        self.db.executemany("INSERT INTO spool VALUES (?,?,?,?,?,?,?)", rows)
        self.received += len(rows)
        if self.progress is not None:
            self.progress("validating", len(rows))
        return True

    def _await(self, last: int, size: int) -> None:
        while self.received - last < size and self._pull():
            pass
