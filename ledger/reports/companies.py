"""The companies in the ledger and how many records each has, as known at the snapshot's
position (``projections/queries``).
"""

from __future__ import annotations

from typing import Any

from .base import Result


class Companies(Result):
    name = "companies"

    @property
    def tickers(self) -> list[str]:
        return [c["company"] for c in self._json]


#: A report of the whole ledger: compute takes no company.
SUBJECT = None


def prepare(day: Any, **opts: Any) -> tuple[Any, dict[str, Any]]:
    return day, opts  # no as-of day: every record stored by the snapshot's position


def compute(snap: Any, company: None = None, day: Any = None, **_: Any) -> Companies:
    from projections import queries

    return Companies(None, queries.companies(snap.cur, snap.position), stamp=snap.stamp())
