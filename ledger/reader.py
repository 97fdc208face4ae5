"""Opening a ledger to answer a query.

A query needs the read model caught up with the log. A store's adapter may answer directly
when it already is (SQLite's reads the file through a read-only ``sqlite3`` connection, in
one snapshot that also checks the read model is current, without loading the event store
library: that keeps a query command's start-up lean). Otherwise the ledger is opened through
the store, which catches the read model up first.
"""

from __future__ import annotations

from _thread import _local as thread_local  # threading.local itself, without threading
from collections.abc import Iterator
from contextlib import contextmanager
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any

from .adapters import adapter_for
from .errors import StoreUnavailable
from .location import Location

__all__ = ["StoreReader", "kept", "open_reader"]


class StoreReader:
    """A ledger opened through the store, its read model caught up."""

    def __init__(self, ledger: Any):
        self.ledger = ledger
        ledger.catch_up()

    def position(self) -> int:
        return self.ledger.readmodel.position()

    def reading(self) -> Any:
        return self.ledger.readmodel.reading()

    def chain_head(self, position: int | None = None) -> tuple[int, str]:
        return self.ledger.events.chain_head(position)


#: Per thread: whether queries keep the ledgers they open through the store (``kept``), and
#: the ledgers kept, by location.
_local = thread_local()


@contextmanager
def kept() -> Iterator[None]:
    """Queries in this thread, within, reuse the ledger the thread opened through the store
    last time (caught up again each time) instead of opening and connecting anew: what a
    server's threads do, answering query after query. Outside, nothing changes."""
    before = getattr(_local, "keep", False)
    _local.keep = True
    try:
        yield
    finally:
        _local.keep = before


@contextmanager
def _reuse(location: Location) -> Iterator[Any]:
    from .store import Ledger

    ledgers = _local.__dict__.setdefault("ledgers", {})
    ledger = ledgers.pop(location.url, None) or Ledger.open(location.url, create=False)
    try:
        yield StoreReader(ledger)
    except BaseException as e:
        if _store_error(e) or not isinstance(e, Exception):
            ledger.close()  # a broken connection is not kept
            raise
        _keep(ledgers, location.url, ledger)
        raise
    _keep(ledgers, location.url, ledger)


def _keep(ledgers: dict[str, Any], url: str, ledger: Any) -> None:
    if url in ledgers:  # a query within a query opened a second one: keep one
        ledger.close()
    else:
        ledgers[url] = ledger


@contextmanager
def open_reader(db: str | None) -> Iterator[Any]:
    location = Location.parse(db)
    try:
        direct = adapter_for(location).direct_reader(location)
        if direct is not None:
            try:
                yield direct
            finally:
                direct.close()
            return
        if getattr(_local, "keep", False):
            with _reuse(location) as reader:
                yield reader
            return
        from .store import Ledger

        with Ledger.open(db, create=False) as ledger:
            yield StoreReader(ledger)
    except Exception as e:
        if not _store_error(e):
            raise
        text = str(e).strip().splitlines()
        raise StoreUnavailable(
            f"{location.describe()}: the read model can't answer "
            f"({text[0] if text else type(e).__name__}); if it was damaged or altered, the "
            "event log is not affected: run caledger verify, then caledger rebuild") from None


def _store_error(e: BaseException) -> bool:
    """Whether ``e`` is a database error (of whichever store drivers are loaded: each
    adapter names its driver's), or the event store library's."""
    import sys

    from .adapters.base import store_error_types

    kinds = list(store_error_types())
    found = getattr(sys.modules.get("eventsourcing.persistence"), "PersistenceError", None)
    if isinstance(found, type):
        kinds.append(found)
    return isinstance(e, tuple(kinds))
