"""Rules of the share figures that must hold for every ledger, checked on random ones.

* ``explain`` ends on exactly the value ``shares`` and ``kpi`` print, for every new figure.
* The incrementally kept read model gives the same share and per-share figures as a rebuild.
* BTC yield over [D0, D2] is the compounding of the yields over [D0, D1] and [D1, D2].
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, localcontext
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import ledger
from ledger import api

from .conftest import import_records
from .strategies import START, batches_within_outstanding, periods

#: Effective periods of the share records: no whole years, ranges up to 120 days.
_PERIODS = ("date", "month", "quarter", "range")


RATIOS = ["2", "10", "0.1", "0.5", "3", "1.5"]


def _day(draw: st.DrawFn) -> str:
    return (START + timedelta(days=draw(st.integers(0, 700)))).isoformat()


@st.composite
def share_record(draw: st.DrawFn, index: int, notes: list[str]) -> dict[str, Any]:
    kind = draw(st.sampled_from(["anchor", "anchor", "equity", "repurchase", "split", "dilutive",
                                 "note", "convert", "balance", "balance", "purchase"]))
    base: dict[str, Any] = {"id": f"r{index}", "company": "TEST",
                            "sources": [{"document": "synthetic.txt", "line": index + 1}]}
    count = st.integers(1, 10**9).map(str)
    if kind == "anchor":
        return {**base, "type": "shares_outstanding_disclosed", "effective": _day(draw),
                "shares": draw(count)}
    if kind == "equity":
        return {**base, "type": "equity_issued", "effective": draw(periods(kinds=_PERIODS, days=700, longest_range=120)), "usd": "1000",
                "shares": draw(count)}
    if kind == "repurchase":
        return {**base, "type": "shares_repurchased", "effective": draw(periods(kinds=_PERIODS, days=700, longest_range=120)),
                "shares": draw(st.integers(1, 10**6).map(str))}
    if kind == "split":
        return {**base, "type": "stock_split", "effective": _day(draw),
                "ratio": draw(st.sampled_from(RATIOS))}
    if kind == "dilutive":
        return {**base, "type": "dilutive_securities_disclosed", "effective": _day(draw),
                "options": draw(st.integers(0, 10**7).map(str)),
                "warrants": draw(st.integers(0, 10**6).map(str))}
    if kind == "note" or (kind == "convert" and not notes):
        notes.append(base["id"])
        terms = ({"conversion_rate": draw(st.sampled_from(["2.5", "10", "13.1234"]))}
                 if draw(st.booleans()) else
                 {"conversion_price_usd": draw(st.sampled_from(["40", "12.5", "233.33"]))})
        return {**base, "type": "notes_issued", "effective": draw(periods(kinds=_PERIODS, days=700, longest_range=120)),
                "principal_usd": str(draw(st.integers(1, 10**6)) * 1000), "coupon_percent": "0",
                "convertible": True, **terms}
    if kind == "convert":
        return {**base, "type": "notes_retired", "effective": draw(periods(kinds=_PERIODS, days=700, longest_range=120)),
                "principal_usd": str(draw(st.integers(1, 10**5)) * 1000), "how": "converted",
                "notes_id": draw(st.sampled_from(notes)), "shares": draw(count)}
    if kind == "balance":
        return {**base, "type": "btc_balance_disclosed", "effective": _day(draw),
                "btc": str(draw(st.integers(1, 10**6)))}
    return {**base, "type": "btc_purchased", "effective": draw(periods(kinds=_PERIODS, days=700, longest_range=120)),
            "btc": str(draw(st.integers(1, 10**4)))}


@st.composite
def ledgers(draw: st.DrawFn, based: bool = False) -> list[list[dict[str, Any]]]:
    """Batches of records; later batches may correct or retract earlier share counts.
    ``based``: a bitcoin balance and a share count on the first day, never amended, so that
    every per-share figure after it is defined."""
    batches: list[list[dict[str, Any]]] = []
    notes: list[str] = []
    anchors: dict[str, dict[str, Any]] = {}
    index = 0
    for _ in range(draw(st.integers(1, 3))):
        batch = []
        for _ in range(draw(st.integers(1, 8))):
            if anchors and draw(st.integers(0, 5)) == 0:
                target = draw(st.sampled_from(sorted(anchors)))
                if draw(st.booleans()):
                    event = {k: v for k, v in anchors[target].items() if k != "id"}
                    event["shares"] = str(draw(st.integers(1, 10**9)))
                    batch.append({"id": f"c{index}", "type": "correction", "corrects": target,
                                  "reason": "restated", "event": event})
                else:
                    batch.append({"id": f"c{index}", "type": "retraction", "retracts": target,
                                  "reason": "withdrawn"})
                del anchors[target]
            else:
                record = draw(share_record(index, notes))
                if record["type"] == "shares_outstanding_disclosed":
                    anchors[record["id"]] = record
                batch.append(record)
            index += 1
        batches.append(batch)
    if not any(r.get("company") == "TEST" for b in batches for r in b):
        batches[0].insert(0, {"id": "first", "type": "btc_balance_disclosed", "company": "TEST",
                              "effective": "2024-01-01", "btc": "1",
                              "sources": [{"document": "synthetic.txt", "line": 1}]})
    if based:
        source = [{"document": "synthetic.txt", "line": 1}]
        batches[0][:0] = [
            {"id": "base-btc", "type": "btc_balance_disclosed", "company": "TEST",
             "effective": "2024-01-01", "btc": str(draw(st.integers(1, 10**6))),
             "sources": source},
            {"id": "base-shares", "type": "shares_outstanding_disclosed", "company": "TEST",
             "effective": "2024-01-01", "shares": str(draw(st.integers(10**7, 10**9))),
             "sources": source}]
    return batches_within_outstanding(batches)


days = st.lists(st.integers(0, 760).map(lambda n: START + timedelta(days=n)), min_size=3,
                max_size=3, unique=True).map(sorted)
SLOW = settings(max_examples=12, deadline=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])


def _printed(db: str, d0: date, d1: date) -> dict[str, Any]:
    return {"shares": api.shares(db, "TEST", d1.isoformat()),
            "kpi": api.kpi(db, "TEST", d1.isoformat(), d0.isoformat())}


def _strip(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("head_hash",)}


@SLOW
@given(batches=ledgers(), when=days)
def test_explain_ends_on_exactly_the_printed_share_and_kpi_figures(
        make_db, batches: list[list[dict[str, Any]]], when: list[date]) -> None:
    db = make_db()
    for batch in batches:
        import_records(db, batch)
    d0, d1 = when[0], when[2]
    printed = _printed(db, d0, d1)
    s, k = printed["shares"], printed["kpi"]
    expected: dict[str, str | None] = {f"shares.{n}": v for n, v in s["shares"].items()}
    expected.update({note["figure"]: note["as_converted"] for note in s["notes"]})
    for name in ("btc", "assumed_diluted_shares", "btc_per_share", "sats_per_share",
                 "basic_btc_per_share"):
        expected[f"kpi.{name}"] = k[name]["as_of"]
        expected[f"kpi.{name}.since"] = k[name]["since"]
    expected["kpi.btc_yield"] = k["btc_yield"]
    expected["kpi.btc_gain"] = k["btc_gain"]
    assert set(s["figures"]) <= set(expected)
    with ledger.open(db).snapshot() as snap:  # one reader for every figure of the example
        for figure, value in expected.items():
            if value is None and figure.startswith("kpi."):
                assert figure in k["undefined"]
            explained = snap.explain("TEST", figure, as_of=d1.isoformat(), since=d0.isoformat())
            assert explained["value"] == value, figure
            if value is None:  # not known (or undefined): explained with its reason, no steps
                assert explained["status"] == "not known" and explained["steps"] == [], figure
                assert explained["reason"], figure
                continue
            assert explained["steps"][-1]["running"] == value, figure
            assert explained["position"] == s["position"] == k["position"]


@SLOW
@given(batches=ledgers(), when=days)
def test_incremental_read_model_equals_rebuild_for_share_figures(
        make_db, batches: list[list[dict[str, Any]]], when: list[date]) -> None:
    db = make_db()
    for batch in batches:
        import_records(db, batch)
    incremental = [_printed(db, a, b) for a, b in zip(when, when[1:], strict=False)]
    reconciled = api.reconcile(db, "TEST")
    api.rebuild(db)
    assert [_printed(db, a, b) for a, b in zip(when, when[1:], strict=False)] == incremental
    assert api.reconcile(db, "TEST") == reconciled


@SLOW
@given(batches=ledgers(based=True), when=days)
def test_btc_yield_compounds_over_consecutive_periods(
        make_db, batches: list[list[dict[str, Any]]], when: list[date]) -> None:
    db = make_db()
    for batch in batches:
        import_records(db, batch)
    d0, d1, d2 = (d.isoformat() for d in when)
    y01 = api.kpi(db, "TEST", d1, d0)["btc_yield"]
    y12 = api.kpi(db, "TEST", d2, d1)["btc_yield"]
    y02 = api.kpi(db, "TEST", d2, d0)["btc_yield"]
    if y01 is None or y12 is None:
        event("a yield is undefined (no bitcoin or no shares on a date)")
        return
    assert y02 is not None
    event("yields compounded")
    with localcontext() as ctx:
        ctx.prec = 100
        r01, r12, r02 = 1 + Decimal(y01), 1 + Decimal(y12), 1 + Decimal(y02)
        # Exact in rationals; each yield is rounded at 40 significant digits (and, after
        # subtracting 1, to 40 digits of the larger of 1 and its ratio).
        tolerance = Decimal("1e-36") * (1 + abs(r01)) * (1 + abs(r12))
        assert abs(r01 * r12 - r02) <= tolerance
