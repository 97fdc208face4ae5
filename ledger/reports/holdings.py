"""Bitcoin a company held as of a day: total, loaned, pledged and unencumbered, from its
latest disclosed balance rolled forward by the flows recorded since (``projections/holdings``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any

from projections import holdings as holdings_projection

from ..values import canonical, from_sats
from .base import Result, amount, whole_days

#: The figures, as ``explain`` names them.
FIGURES = ("btc.total", "btc.loaned", "btc.pledged", "btc.unencumbered")
_BUCKETS = tuple(f.split(".")[1] for f in FIGURES)


class Holdings(Result):
    name = "holdings"

    @property
    def figures(self) -> dict[str, Decimal | None]:
        return {f"btc.{b}": amount(self._json["btc"][b]) for b in _BUCKETS}

    @property
    def status(self) -> dict[str, str]:
        return dict(self._json["status"])

    @property
    def reason(self) -> dict[str, str]:
        return dict(self._json["reason"])


def anchor_age(days: Any) -> int | None:
    """``--max-anchor-age`` (``max_anchor_age``) checked: None (no limit) or a whole number
    of days, 0 or more."""
    return None if days is None else whole_days("--max-anchor-age", days, 365)


def prepare(day: Any, *, max_anchor_age: int | None = None, **opts: Any
            ) -> tuple[date, dict[str, Any]]:
    from ..snapshot import as_of_day

    return as_of_day(day), {"max_anchor_age": anchor_age(max_anchor_age), **opts}


def compute(snap: Any, company: str, day: date, *, max_anchor_age: int | None = None,
            **_: Any) -> Holdings:
    h = snap.stamped(holdings_projection.compute(snap.cur, company, day, snap.position,
                                                 max_anchor_age=max_anchor_age))
    return Holdings(h, to_json(h, max_anchor_age),
                    lambda figure: _trail(snap, h, figure))


def to_json(h: holdings_projection.Holdings, max_anchor_age: int | None = None
            ) -> dict[str, Any]:
    anchor = h.anchor.record() if h.anchor else None
    return {
        "company": h.company,
        "as_of": h.as_of.isoformat(),
        "known_at": h.known_at,
        "position": h.position,
        "head_hash": h.head_hash,
        "btc": {name: _amount(h.value(name)) for name in _BUCKETS},
        "status": {name: h.status[name].status for name in _BUCKETS},
        "reason": {name: h.status[name].reason for name in _BUCKETS},
        "basis": "disclosed balance" if anchor else "no disclosed balance",
        "anchor": anchor,
        "bucket_anchors": {b: (a.record_id if a else None) for b, a in h.anchors.items()},
        "flows_counted": len(h.counted),
        "flows": _counted_flows(h),
        "in_progress": [e.record() for e in h.in_progress],
        "straddling_anchor": [e.record_id for e in h.straddling],
        # how many days before as_of each bucket's anchor is dated (None: no anchor), and
        # the most a figure may be carried forward (None: no limit)
        "anchor_age_days": {b: holdings_projection.anchor_age(a, h.as_of)
                            for b, a in h.anchors.items()},
        "max_anchor_age_days": max_anchor_age,
    }


def _amount(value: Any) -> str | None:
    """An amount as JSON carries it: a decimal string, or None when it is not known."""
    return None if value is None else canonical(value)


def _counted_flows(h: holdings_projection.Holdings) -> list[dict[str, Any]]:
    """The flows counted on top of the basis, in the order counted, each with its signed
    change to each bucket it moved (``delta``)."""
    flows = []
    for c in sorted(h.counted, key=lambda c: (c.entry.end, c.entry.first_position)):
        flow = {**{k: v for k, v in c.entry.record().items()
                   if k in ("id", "type", "effective", "btc", "sources", "position")},
                "delta": {bucket: canonical(from_sats(sats)) for bucket, sats in c.sats.items()
                          if sats}}
        if any(c.straddles.values()):
            flow["straddles_anchor"] = True
        flows.append(flow)
    return flows


# --- explain ---------------------------------------------------------------------------------


def claims(figure: str) -> bool:
    return figure in FIGURES


def _trail(snap: Any, h: holdings_projection.Holdings, figure: str) -> dict[str, Any] | None:
    """The figure's trail (``h.trails``) with the records left out and why, as ``explain``
    prints it (read while the snapshot is open)."""
    from projections import audit

    if figure not in FIGURES:
        return None
    return audit.explained(snap.cur, h, figure)


def explain(snap: Any, company: str, figure: str, day: date, *,
            max_anchor_age: int | None = None, **_: Any) -> dict[str, Any]:
    from .. import provenance

    report = _trail(snap, holdings_projection.compute(snap.cur, company, day, snap.position,
                                                      max_anchor_age=anchor_age(max_anchor_age)),
                    figure)
    assert report is not None
    # who recorded each record the figure rests on (read from the log)
    provenance.add_who(snap.cur, [r for r in (
        report.get("anchor"), *(s.get("record") for s in report.get("steps", [])))
        if isinstance(r, dict) and "position" in r])
    return report


def FIGURE_HINT(snap: Any, company: str, day: date) -> list[str]:  # noqa: N802
    return list(FIGURES)
