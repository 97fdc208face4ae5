"""Each store in one place, behind ``base.StoreAdapter``: ``sqlite`` (the default) and
``postgres``, each an adapter module (``sqlite.py``), its binding to the event store library
(``sqlite_es.py``, the only module calling the library's private methods) and its read side
(``sqlite_read.py``, what the projection code does differently there). A third store is
three new modules here, listed in ``base.adapter_types``."""

from __future__ import annotations

from ..location import Location
from .base import StoreAdapter, Writer, adapter_types


def adapter_for(location: Location) -> StoreAdapter:
    """The adapter of the store that keeps the ledger at ``location``."""
    for adapter in adapter_types():
        if adapter.handles(location):
            return adapter()
    raise AssertionError("unreachable: the SQLite adapter takes any path")  # pragma: no cover


__all__ = ["StoreAdapter", "Writer", "adapter_for"]
