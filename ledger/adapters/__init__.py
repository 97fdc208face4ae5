"""One adapter module per store, behind ``base.StoreAdapter``: ``sqlite`` (the default) and
``postgres``. A third store is one new module here, listed in ``base.adapter_types``."""

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
