"""``reconcile --all`` on both cores: a second process reconciles every other batch of companies.

Each company's reconciliation is independent of the others' and reads only rows visible at
the report's position, so two processes reading the same ledger at that position give
exactly what one would. The companies are cut into batches of ``BATCH``; this process
reconciles batches 0, 2, 4, ... and a forked one 1, 3, 5, ..., each with its own reader; the
reports come back in the companies' order, one batch at a time (the pipe holds one batch, so
neither process runs far ahead and memory stays flat). If the second process fails or can't
start, this one reconciles its batches too: the answer is the same either way.

Used from ``MIN_COMPANIES`` companies on, on a machine with two cores or more where ``fork``
exists; otherwise every company is reconciled here, one after another.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from typing import Any

import orjson

from . import cores
from .reader import open_reader

#: Companies per batch sent between the processes.
BATCH = 8
#: Fewer companies than this are reconciled in this process alone (a fork costs more).
MIN_COMPANIES = 64

_FAILED = b"failed"




def _batches(db: str | None, batches: list[list[str]], position: int,
             stamp: dict[str, Any]) -> Iterator[list[dict[str, Any]]]:
    """Each batch's reports, through one reader."""
    from .reports.reconcile import reconcile

    with open_reader(db) as reader, reader.reading() as cur:
        for batch in batches:
            # The report's own JSON: ``to_json`` would copy it for a caller that keeps the
            # result, and this one is printed (or sent down the pipe) and dropped.
            yield [reconcile(cur, ticker, position, stamp).json_view() for ticker in batch]


def _second(db: str | None, batches: list[list[str]], position: int, stamp: dict[str, Any],
            sender: Any, receiver: Any) -> None:
    """The second process: its batches' reports down the pipe, then done (or failed)."""
    receiver.close()
    try:
        for reports in _batches(db, batches, position, stamp):
            sender.send_bytes(orjson.dumps(reports, default=str))
    except Exception:  # noqa: BLE001 - the first process reconciles what is left
        try:
            sender.send_bytes(_FAILED)
        except OSError:
            pass
    finally:
        sender.close()


def reconcile_all(db: str | None, tickers: list[str], position: int, stamp: dict[str, Any]
                  ) -> Iterator[dict[str, Any]]:
    """Every company's reconciliation report at ``position``, in the order of ``tickers``."""
    batches = [tickers[i:i + BATCH] for i in range(0, len(tickers), BATCH)]
    if len(tickers) < MIN_COMPANIES or cores.forkable() < 2:
        for reports in _batches(db, batches, position, stamp):
            yield from reports
        return
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    second = context.Process(target=_second, daemon=True,
                             args=(db, batches[1::2], position, stamp, sender, receiver))
    try:
        second.start()
    except OSError:
        second = None
    sender.close()
    mine = None
    try:
        mine = _batches(db, batches[0::2], position, stamp)
        helping = second is not None
        for k, batch in enumerate(batches):
            if k % 2 == 0:
                yield from next(mine)
                continue
            data = _FAILED
            if helping:
                try:
                    data = receiver.recv_bytes()
                except (EOFError, OSError):
                    pass
                helping = data != _FAILED
            if helping:
                yield from orjson.loads(data)
            else:  # the second process stopped: this one reconciles its batches too
                for reports in _batches(db, [batch], position, stamp):
                    yield from reports
    finally:
        if mine is not None:
            mine.close()
        receiver.close()
        if second is not None:
            if second.is_alive():
                second.kill()
            second.join()
