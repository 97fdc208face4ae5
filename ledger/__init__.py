"""caledger: an event-sourced, bitemporal ledger of disclosed corporate actions.

From Python (docs/python.md)::

    import ledger
    lg = ledger.open("caledger.db")          # a SQLite path or a postgresql:// URL
    with lg.snapshot(known_at="@12") as s:   # one reader, one knowledge time, one stamp
        h = s.holdings("MARA", as_of=date(2025, 9, 30))
        h.total                              # Decimal("52850"), as --json prints "52850"

Nothing heavy loads on ``import ledger``: the snapshot and the reports load when used.
"""

from __future__ import annotations

# ``typing.TYPE_CHECKING`` without importing typing: the modules every query loads name their
# typing-only imports under this (type checkers take any ``TYPE_CHECKING`` as true), since
# importing typing is about 12 million instructions of a command's start-up (callgrind).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def open(url: Any = None) -> Any:  # noqa: A001 - ledger.open(url), as the docs name it
    """The ledger at ``url`` (a SQLite file path or a ``postgresql://`` URL; None: the
    ``CALEDGER_DB`` environment variable, else ``./caledger.db``); ``.snapshot()`` reads it."""
    from .snapshot import OpenLedger

    return OpenLedger.open(url)


def report_names() -> list[str]:
    """The names of the reports a snapshot computes (``snap.NAME(company, as_of=...)``),
    those that write a file (chart, export) last."""
    from .reports import REPORTS, WRITERS

    return [*REPORTS, *WRITERS]


def __getattr__(name: str) -> Any:
    if name in ("OpenLedger", "Snapshot", "KnownAt"):
        from . import snapshot

        return getattr(snapshot, name)
    raise AttributeError(f"module 'ledger' has no attribute {name!r}")
