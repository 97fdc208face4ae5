"""The set-based projection (projections/bulk.py) gives exactly the incremental one's rows.

On random ledgers of every kind of record, with corrections (some changing the type) and
retractions imported in several batches, the read model kept incrementally, batch by batch,
is compared table by table and row by row with

* the read model ``rebuild`` makes, set-based, from the whole log, and
* the read model a catch-up of an empty read model makes, set-based (the path a large first
  import takes).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import api
from ledger.store import Ledger
from projections import bulk, readmodel
from projections.readmodel_names import TRACKING_NAME

from .conftest import import_records, raw
from .test_properties import periods, records

START = date(2024, 1, 1)
TABLES = {"rm_log": "position", "rm_versions": "position", "rm_companies": "company"}


@st.composite
def other_records(draw: st.DrawFn, index: int, company: str) -> dict[str, Any]:
    """Records that are not bitcoin flows or balances: stated changes and capital actions."""
    source = [{"document": "synthetic.txt", "line": index + 1}]
    kind = draw(st.sampled_from(["change", "stake", "workforce", "results"]))
    if kind == "change":
        body: dict[str, Any] = {"type": "btc_change_disclosed", "effective": draw(periods()),
                                "btc": str(draw(st.integers(-5000, 5000)))}
    elif kind == "stake":
        body = {"type": "stake_acquired", "effective": draw(periods()), "target": "Exaion",
                "percent": str(draw(st.integers(1, 100)))}
    elif kind == "workforce":
        body = {"type": "workforce_reduced", "effective": draw(periods()), "headcount": "12"}
    else:
        body = {"type": "results_reported", "effective": draw(periods()),
                "net_income_usd": f"-{draw(st.integers(1, 10**6))}.5"}
    if draw(st.booleans()):
        # non-ASCII text, quotes and backslashes survive both paths (and COPY) alike
        body["note"] = draw(st.sampled_from(["restated — see p. 4", 'the "Q3" letter',
                                             "C:\\filings\\q3.txt"]))
    return {"id": f"r{index}", "company": company, "sources": source, **body}


@st.composite
def any_record(draw: st.DrawFn, index: int) -> dict[str, Any]:
    record = draw(records(index))
    if draw(st.integers(0, 3)) == 0:
        record = draw(other_records(index, record["company"]))
    return record


@st.composite
def amended_ledgers(draw: st.DrawFn) -> list[list[dict[str, Any]]]:
    batches: list[list[dict[str, Any]]] = []
    originals: dict[str, dict[str, Any]] = {}
    retracted: set[str] = set()
    index = 0
    for _ in range(draw(st.integers(1, 4))):
        batch = []
        for _ in range(draw(st.integers(1, 12))):
            live = sorted(set(originals) - retracted)
            action = draw(st.sampled_from(["record", "record", "correct", "retract"]))
            if action == "record" or not live:
                record = draw(any_record(index))
                originals[record["id"]] = record
                batch.append(record)
            elif action == "correct":
                target = originals[draw(st.sampled_from(live))]
                replacement = {**draw(any_record(index)), "company": target["company"]}
                replacement.pop("id")
                batch.append({"id": f"fix{index}", "type": "correction",
                              "corrects": target["id"], "reason": "restated",
                              "event": replacement})
            else:
                target_id = draw(st.sampled_from(live))
                retracted.add(target_id)
                batch.append({"id": f"ret{index}", "type": "retraction",
                              "retracts": target_id, "reason": "withdrawn"})
            index += 1
        batches.append(batch)
    return batches


def tables(db: str) -> dict[str, list[tuple]]:
    """Every read-model row, table by table, in key order."""
    with raw(db) as conn:
        return {table: [tuple(row) for row in conn.execute(
                    f"SELECT * FROM {table} ORDER BY {key}").fetchall()]
                for table, key in TABLES.items()}


def empty_read_model(db: str) -> None:
    with Ledger.open(db, create=False) as ledger, ledger.readmodel.writing() as (_, cur):
        cur.execute(f"DELETE FROM {ledger.readmodel._tracking_table()} "
                    "WHERE application_name = ?", (TRACKING_NAME,))
        for table in TABLES:
            cur.execute(f"DELETE FROM {table}")


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=amended_ledgers())
def test_set_based_read_model_equals_the_incremental_one_row_by_row(
        make_db, batches: list[list[dict[str, Any]]]) -> None:
    db = make_db()
    for batch in batches:
        import_records(db, batch)
    incremental = tables(db)
    assert len(incremental["rm_log"]) >= sum(len(b) for b in batches)

    count = api.rebuild(db).records
    assert count == len(incremental["rm_log"])  # every stored event, claims included
    assert tables(db) == incremental

    empty_read_model(db)
    assert tables(db)["rm_log"] == []
    with mock.patch.object(readmodel, "BATCH", 2), Ledger.open(db, create=False) as ledger:
        ledger.catch_up()  # two or more events behind on an empty read model: set-based
        assert ledger.readmodel.position() == incremental["rm_log"][-1][0]
    assert tables(db) == incremental


def test_satoshis_of_stored_amounts_without_decimal():
    for text in ("0", "1", "14574", "0.5", "0.00000001", "-20880", "-0.1", "20999999.99999999"):
        assert bulk.sats(text) == int(Decimal(text) * 10**8)
    assert bulk.sats(None) is None


def test_a_large_first_import_is_projected_set_based_and_answers_as_before(db, tmp_path):
    """A first import longer than one projection batch takes the set-based path."""
    day = START
    rows = []
    for n in range(readmodel.BATCH + 10):
        rows.append({"id": f"m{n}", "type": "btc_mined", "company": "AAA",
                     "effective": (day + timedelta(days=n % 700)).isoformat(), "btc": "0.5",
                     "sources": [{"document": "bulk.txt", "line": n + 1}]})
    rows.append({"id": "fix", "type": "correction", "corrects": "m0", "reason": "restated",
                 "event": {**rows[0], "btc": "2.5"}})
    rows[-1]["event"].pop("id")
    with mock.patch.object(bulk, "project", wraps=bulk.project) as projected:
        import_records(db, rows)
    assert projected.call_count == 1
    held = api.holdings_json(api.holdings(db, "AAA", "2026-12-31"))
    assert Decimal(held["btc"]["total"]) == Decimal("0.5") * (readmodel.BATCH + 9) + Decimal("2.5")
    before = tables(db)
    api.rebuild(db)
    assert tables(db) == before


def test_stored_bytes_from_canonical_text_are_the_encoders_bytes():
    """The import builds a stored event's bytes from the record's canonical text; they must
    be exactly what ``encode`` gives (the hash chain covers them)."""
    from ledger.envelope import encode, encode_canonical
    from ledger.jsonio import canonical_json

    record = {"id": "r-1", "note": 'the "Q3" letter — C:\\filings', "btc": "1.5",
              "sources": [{"line": 3, "document": "f.txt"}], "type": "btc_mined"}
    at = "2026-11-22T06:00:00.000001+00:00"
    for kind in ("record", "correction", "retraction"):
        assert encode_canonical(kind, canonical_json(record), at) == encode(kind, record, at)
