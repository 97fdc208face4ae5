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
    from projections import audit

    report = audit.reconcile(snap.cur, company, snap.position)
    return Reconcile(report, {**report.to_json(), **snap.stamp()})
