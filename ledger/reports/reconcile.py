"""Do the company's own figures add up? Balances rolled forward, stated changes, negative
buckets, and actions that look reported twice (``projections/audit``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .base import Result


class Reconcile(Result):
    name = "reconcile"

    @property
    def issues(self) -> int:
        return int(self._json["issues"])


def prepare(day: Any, **opts: Any) -> tuple[Any, dict[str, Any]]:
    return day, opts  # over every date at once: no as-of day


def compute(snap: Any, company: str, day: date | None = None, **_: Any) -> Reconcile:
    return reconcile(snap.cur, company, snap.position, snap.stamp())


def reconcile(cur: Any, company: str, position: int, stamp: dict[str, Any]) -> Reconcile:
    """The report at ``position`` through any reader's cursor, stamped with ``stamp`` (also
    what ``reconcile --all``'s second process computes, ``ledger/every.py``)."""
    from projections import audit

    report = audit.reconcile(cur, company, position)
    return Reconcile(report, {**report.to_json(), **stamp})
