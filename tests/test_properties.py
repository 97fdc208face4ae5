"""Rules that must hold for every ledger, checked on random ones.

* Holdings from the incrementally kept read model equal holdings after ``rebuild``.
* Both equal an independent, naive reading of the brief's rules (tests/reference.py).
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ledger
from ledger import api
from ledger.errors import UnknownCompany

from . import reference
from .conftest import import_records
from .strategies import START, amended_ledgers, periods

FLOW_TYPES = list(reference.EFFECTS)
COMPANIES = ["AAA", "BBB"]


amounts = st.integers(1, 5_000 * 10**8).map(lambda sats: format(Decimal(sats) / 10**8, "f"))


@st.composite
def records(draw: st.DrawFn, index: int) -> dict[str, Any]:
    company = draw(st.sampled_from(COMPANIES))
    source = [{"document": "synthetic.txt", "line": index + 1}]
    if draw(st.integers(0, 3)) == 0:
        day = (START + timedelta(days=draw(st.integers(0, 730)))).isoformat()
        total = draw(st.integers(0, 50_000 * 10**8))
        record: dict[str, Any] = {"type": "btc_balance_disclosed", "effective": day,
                                  "btc": format(Decimal(total) / 10**8, "f")}
        loaned = draw(st.none() | st.integers(0, total // 2))
        pledged = draw(st.none() | st.integers(0, total // 2))
        if loaned is not None:
            record["loaned"] = format(Decimal(loaned) / 10**8, "f")
        if pledged is not None:
            record["pledged"] = format(Decimal(pledged) / 10**8, "f")
    else:
        record = {"type": draw(st.sampled_from(FLOW_TYPES)), "effective": draw(periods()),
                  "btc": draw(amounts)}
    return {"id": f"r{index}", "company": company, "sources": source, **record}


@st.composite
def ledgers(draw: st.DrawFn) -> list[list[dict[str, Any]]]:
    """Records split into batches, each imported separately."""
    count = draw(st.integers(1, 40))
    rows = [draw(records(i)) for i in range(count)]
    cuts = sorted(draw(st.lists(st.integers(1, count), max_size=4, unique=True)))
    batches, last = [], 0
    for cut in [*cuts, count]:
        if cut > last:
            batches.append(rows[last:cut])
            last = cut
    return batches


query_days = st.lists(st.integers(-30, 800).map(lambda d: START + timedelta(days=d)),
                      min_size=1, max_size=6)


def _figures(snap: Any, company: str, day: date) -> dict[str, Any]:
    data = snap.holdings(company, as_of=day.isoformat()).to_json()
    return {**data["btc"], "anchor": data["anchor"]["id"] if data["anchor"] else None,
            "in_progress": sorted(r["id"] for r in data["in_progress"]),
            "status": data["status"]}


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=ledgers(), days=query_days)
def test_incremental_read_model_equals_rebuild_and_the_reference_rules(
        make_db, batches: list[list[dict[str, Any]]], days: list[date]) -> None:
    db = make_db()
    for batch in batches:
        import_records(db, batch)
    stored = [r for batch in batches for r in batch]
    companies = sorted({r["company"] for r in stored})
    with ledger.open(db).snapshot() as snap:  # one reader per example, not one per query
        incremental = {(c, d): _figures(snap, c, d) for c in companies for d in days}
    api.rebuild(db)
    with ledger.open(db).snapshot() as snap:
        rebuilt = {(c, d): _figures(snap, c, d) for c in companies for d in days}
    assert incremental == rebuilt
    for (company, day), got in incremental.items():
        want = reference.holdings(stored, company, day)
        for bucket in ("total", "loaned", "pledged", "unencumbered"):
            assert (None if got[bucket] is None else Decimal(got[bucket])) == want[bucket]
        for bucket in ("total", "loaned", "pledged"):
            assert got["status"][bucket] == want[f"{bucket}_status"], (company, day, bucket)
        assert got["anchor"] == want["anchor"]
        assert got["in_progress"] == want["in_progress"]


# --- with corrections and retractions ---------------------------------------------------------


def _answers(db: str, companies: list[str], days: list[date], known_at: str | None = None
             ) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with ledger.open(db).snapshot(known_at) as snap:  # one reader for every answer
        for company in companies:
            try:
                out[f"history {company}"] = snap.history(company)
            except UnknownCompany:
                out[f"history {company}"] = "unknown company"
                continue
            for day in days:
                data = snap.holdings(company, as_of=day.isoformat()).to_json()
                data.pop("known_at")
                out[f"holdings {company} {day}"] = data
    return out


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=amended_ledgers(records), days=query_days)
def test_known_at_the_moment_after_each_batch_gives_the_answer_taken_then(
        make_db, batches: list[list[dict[str, Any]]], days: list[date]) -> None:
    db = make_db()
    taken: list[tuple[int, str, dict[str, Any]]] = []
    for n, batch in enumerate(batches):
        import_records(db, batch)
        moment = datetime.now(timezone.utc).isoformat()
        taken.append((n, moment, _answers(db, COMPANIES, days)))
        time.sleep(0.002)  # the next batch's clock reading is strictly later
    for n, moment, answer in taken:
        assert _answers(db, COMPANIES, days, moment) == answer, f"after batch {n}"
        position = next((v["position"] for k, v in answer.items()
                         if k.startswith("holdings")), None)
        if position is not None:
            assert _answers(db, COMPANIES, days, f"@{position}") == answer


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=amended_ledgers(records), days=query_days)
def test_explain_ends_in_exactly_the_figure_holdings_prints(
        make_db, batches: list[list[dict[str, Any]]], days: list[date]) -> None:
    db = make_db()
    for batch in batches:
        import_records(db, batch)
    with ledger.open(db).snapshot() as snap:  # one reader per example, not one per query
        for company in [c["company"] for c in snap.companies()]:
            for day in days:
                held = snap.holdings(company, as_of=day.isoformat()).to_json()
                for figure in ("btc.total", "btc.loaned", "btc.pledged", "btc.unencumbered"):
                    explained = snap.explain(company, figure, as_of=day.isoformat())
                    assert explained["value"] == held["btc"][figure.split(".")[1]]
                    assert explained["status"] == held["status"][figure.split(".")[1]]
                    if explained["value"] is None:  # not known: no steps, and a reason
                        assert explained["steps"] == [] or figure == "btc.unencumbered"
                        assert explained["reason"] == held["reason"][figure.split(".")[1]]
                    elif figure != "btc.unencumbered":
                        assert explained["steps"][-1]["running"] == explained["value"]
                    assert explained["position"] == held["position"]
                    assert explained["head_hash"] == held["head_hash"]

