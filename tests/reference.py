"""An independent, deliberately naive model of the brief's holdings rules.

It shares no code with ``projections/``: it reads validated records in store order and
applies "Holdings semantics" literally, with Decimal arithmetic. The property tests hold the
real read model to it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ledger.values import parse_period

EFFECTS = {
    "btc_mined": ("total", 1), "btc_purchased": ("total", 1), "btc_sold": ("total", -1),
    "btc_loaned": ("loaned", 1), "btc_loan_returned": ("loaned", -1),
    "btc_pledged": ("pledged", 1), "btc_pledge_released": ("pledged", -1),
}
ANCHOR_FIELD = {"total": "btc", "loaned": "loaned", "pledged": "pledged"}


def holdings(records: list[dict[str, Any]], company: str, as_of: date) -> dict[str, Any]:
    """``records`` in store order (each a record's content). Returns figures and lists."""
    rows = [(i, r, parse_period(r["effective"])) for i, r in enumerate(records)
            if r["company"] == company]
    out: dict[str, Any] = {"in_progress": sorted(
        r["id"] for _, r, p in rows if r["type"] in EFFECTS and p.start <= as_of < p.end)}
    for bucket, field in ANCHOR_FIELD.items():
        anchors = [(p.end, i, r) for i, r, p in rows
                   if r["type"] == "btc_balance_disclosed" and p.end <= as_of and field in r]
        anchor = max(anchors, key=lambda a: (a[0], a[1])) if anchors else None
        value = Decimal(anchor[2][field]) if anchor else Decimal(0)
        counted = 0
        for _, r, p in rows:
            effect = EFFECTS.get(r["type"])
            if effect is None or effect[0] != bucket or p.end > as_of:
                continue
            if anchor is not None and p.end <= anchor[0]:
                continue
            value += effect[1] * Decimal(r["btc"])
            counted += 1
        # Unknown is not zero: no anchor and no counted flow, no figure; nor flows alone
        # summing below zero (bitcoin held before the first of them).
        out[bucket] = value if anchor is not None or (counted and value >= 0) else None
        out[f"{bucket}_status"] = ("not known" if out[bucket] is None else "flows only"
                                   if anchor is None else "disclosed"
                                   if anchor[0] == as_of and not counted else "derived")
        if bucket == "total":
            out["anchor"] = anchor[2]["id"] if anchor else None
    parts = [out[b] for b in ("total", "loaned", "pledged")]
    out["unencumbered"] = None if None in parts else out["total"] - out["loaned"] - \
        out["pledged"]
    # Below zero with any bucket from flows alone: not known either.
    if out["unencumbered"] is not None and out["unencumbered"] < 0 and "flows only" in (
            out[f"{b}_status"] for b in ("total", "loaned", "pledged")):
        out["unencumbered"] = None
    return out
