"""Capital structure at any point in time: the seeds, the rules, and explain agreeing."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import api

from .conftest import amendments_unchecked, import_records, rec
from .strategies import within_outstanding


def run_json(caledger, *args: str) -> Any:
    result = caledger(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def capital(caledger, db: str, day: str, *extra: str) -> dict[str, Any]:
    return run_json(caledger, "capital", "MARA", "--as-of", day, "--db", db, *extra)


# --- the seeds ----------------------------------------------------------------------------------


def test_mara_at_the_end_of_2025(caledger, seeded):
    data = capital(caledger, seeded, "2025-12-31")
    [notes] = data["notes"]["issues"]
    assert (notes["principal_usd"], notes["outstanding_usd"], notes["coupon_percent"],
            notes["convertible"]) == ("950000000", "950000000", "0", True)
    assert data["notes"]["outstanding_usd"] == "950000000"
    assert data["equity"]["raised_usd"] == "2000000000"
    assert data["stakes"] == [{"target": "Exaion", "percent": "64", "cost_usd": "168000000",
                               "proceeds_usd": "0", "records": ["mara-2025-08-exaion-stake"]}]
    assert data["acquisitions"] == [] and data["workforce"] == []
    assert data["results"]["period"] == "2024-Q4"
    assert data["results"]["revenue_usd"] == "214400000"


def test_mara_at_the_end_of_2026_q1(caledger, seeded):
    data = capital(caledger, seeded, "2026-03-31")
    assert [(a["target"], a["usd"]) for a in data["acquisitions"]] == [
        ("Long Ridge Energy", "1500000000")]
    assert [(w["percent"], w["headcount"]) for w in data["workforce"]] == [("15", None)]
    assert data["results"]["period"] == "2026-Q1"
    assert data["results"]["net_income_usd"] == "-1260000000"
    assert data["notes"]["outstanding_usd"] == "950000000"


def test_mid_quarter_the_q1_actions_are_in_progress(caledger, seeded):
    data = capital(caledger, seeded, "2026-02-15")
    assert data["acquisitions"] == [] and data["workforce"] == []
    assert sorted(r["id"] for r in data["in_progress"]) == [
        "mara-2026q1-long-ridge-acquisition", "mara-2026q1-results",
        "mara-2026q1-workforce-cut"]


def test_mid_2025_the_year_long_raises_are_still_in_progress(caledger, seeded):
    data = capital(caledger, seeded, "2025-09-30")
    # Nothing ended by then: not known (the ledger can't tell none from not disclosed), not 0.
    assert data["notes"]["outstanding_usd"] is None
    assert data["equity"]["raised_usd"] is None
    assert data["values"]["equity.raised"] == {
        "value": None, "unit": "USD", "status": "not known",
        "reason": "no equity issued recorded by 2025-09-30"}
    assert {r["id"] for r in data["in_progress"]} == {
        "mara-2025-equity-raise", "mara-2025-convertible-notes"}
    assert data["stakes"][0]["percent"] == "64"  # August 2025 has ended


def test_capital_known_at_sees_only_what_was_recorded_by_then(caledger, seeded, tmp_path):
    before = capital(caledger, seeded, "2026-03-31")
    path = tmp_path / "more.jsonl"
    path.write_text(json.dumps({
        "id": "conv-1", "type": "notes_retired", "company": "MARA", "effective": "2026-02",
        "principal_usd": "200000000", "how": "converted",
        "notes_id": "mara-2025-convertible-notes",
        "sources": [{"document": "later.txt", "line": 4}]}))
    assert caledger("import", "--db", seeded, str(path)).exit_code == 0
    after = capital(caledger, seeded, "2026-03-31")
    assert after["notes"]["outstanding_usd"] == "750000000"
    assert after["notes"]["issues"][0]["retired"][0]["how"] == "converted"
    then = capital(caledger, seeded, "2026-03-31", "--known-at", f"@{before['position']}")
    assert then["notes"] == before["notes"]


# --- the rules ------------------------------------------------------------------------------------


def test_notes_outstanding_per_issue_less_what_was_retired(caledger, load, db):
    load(rec("n1", "notes_issued", "2025-01-15", principal_usd="1000", coupon_percent="2.5",
                  convertible=True, conversion_price_usd="40", maturity="2030-01-15"),
              rec("n2", "notes_issued", "2025-02-15", principal_usd="500", coupon_percent="0",
                  convertible=False),
              rec("r1", "notes_retired", "2025-03", principal_usd="300", how="converted",
                  notes_id="n1"),
              rec("r2", "notes_retired", "2025-04", principal_usd="100", how="repurchased",
                  usd="90"))
    data = run_json(caledger, "capital", "TEST", "--as-of", "2025-06-30", "--db", db)
    by_id = {i["id"]: i for i in data["notes"]["issues"]}
    assert by_id["n1"]["outstanding_usd"] == "700" and by_id["n2"]["outstanding_usd"] == "500"
    assert by_id["n1"]["conversion_price_usd"] == "40"
    assert [r["id"] for r in data["notes"]["unattributed_retirements"]] == ["r2"]
    assert data["notes"]["outstanding_usd"] == "1100"


def test_equity_is_cumulative_by_program_with_shares_where_disclosed(caledger, load, db):
    load(rec("e1", "equity_issued", "2025-01", usd="100.50", shares="10", program="ATM"),
              rec("e2", "equity_issued", "2025-02", usd="200", program="ATM"),
              rec("e3", "equity_issued", "2025-03", usd="50", shares="5"))
    data = run_json(caledger, "capital", "TEST", "--as-of", "2025-12-31", "--db", db)
    assert data["equity"]["raised_usd"] == "350.5" and data["equity"]["shares"] == "15"
    programs = {p["program"]: p for p in data["equity"]["by_program"]}
    assert programs["ATM"]["raised_usd"] == "300.5" and programs["ATM"]["shares"] == "10"
    assert programs["ATM"]["issues"] == 2 and programs["ATM"]["shares_disclosed_for"] == 1
    early = run_json(caledger, "capital", "TEST", "--as-of", "2025-01-31", "--db", db)
    assert early["equity"]["raised_usd"] == "100.5"


def test_a_partial_disposal_keeps_the_proportional_cost(caledger, load, db):
    load(rec("s1", "stake_acquired", "2025-01", target="Exaion", percent="60", usd="120"),
              rec("s2", "stake_disposed", "2025-02", target="Exaion", percent="15", usd="40"))
    [stake] = run_json(caledger, "capital", "TEST", "--as-of", "2025-03-01", "--db", db)["stakes"]
    assert (stake["percent"], stake["cost_usd"], stake["proceeds_usd"]) == ("45", "90", "40")


def test_reconcile_flags_capital_that_cannot_be(caledger, load, db):
    # A retirement beyond what is outstanding is refused when it is stored, and so is a
    # correction or retraction leaving one; an older ledger can still hold one (the issue
    # corrected down afterwards, before such corrections were refused).
    issue = rec("n1", "notes_issued", "2025-01", principal_usd="200", coupon_percent="1",
                convertible=False)
    with amendments_unchecked():
        load(issue,
             rec("r1", "notes_retired", "2025-02", principal_usd="150", how="repaid",
                 notes_id="n1"),
             {"id": "n1-fix", "type": "correction", "corrects": "n1", "reason": "restated",
              "event": {**{k: v for k, v in issue.items() if k != "id"},
                        "principal_usd": "100"}},
             rec("s1", "stake_acquired", "2025-01", target="X", percent="70"),
             rec("s1d", "stake_disposed", "2025-01", target="X", percent="30"),
             rec("s2", "stake_acquired", "2025-02", target="X", percent="40"),
             rec("s3", "stake_acquired", "2025-01", target="Y", percent="10"),
             rec("s3b", "stake_acquired", "2025-01", target="Y", percent="10"),
             rec("s4", "stake_disposed", "2025-03", target="Y", percent="20"))
        # Stakes out of range are refused when written too, and so are retractions leaving
        # one; an older ledger holds them: the disposal of X and one acquisition of Y denied.
        load({"id": "undo-s1d", "type": "retraction", "retracts": "s1d", "reason": "denied"},
             {"id": "undo-s3b", "type": "retraction", "retracts": "s3b", "reason": "denied"})
    data = run_json(caledger, "reconcile", "TEST", "--db", db)
    problems = {(c["figure"], c["problem"], c["date"], c["value"]) for c in data["capital"]}
    assert problems == {
        ("notes.n1.outstanding", "notes retired beyond what was issued", "2025-02-28", "-50"),
        ("stakes.X.percent", "stake over 100%", "2025-02-28", "110"),
        ("stakes.Y.percent", "stake disposed beyond what was held", "2025-03-31", "-10"),
    }
    assert caledger("reconcile", "TEST", "--db", db, "--strict").exit_code != 0
    # capital shows neither stake, nor a cost on it: records that can't all be right
    stakes = {s["target"]: s for s in run_json(caledger, "capital", "TEST", "--as-of",
                                                "2025-03-31", "--db", db)["stakes"]}
    assert (stakes["X"]["percent"], stakes["X"]["cost_usd"]) == (None, None)
    assert (stakes["Y"]["percent"], stakes["Y"]["cost_usd"]) == (None, None)
    shown = caledger("capital", "TEST", "--as-of", "2025-03-31", "--db", db).stdout
    assert "  Y: not known (the records of this stake add up to -10% by 2025-03-31, below " \
        "0%: they can't all be right (reconcile flags it); correct or retract the one that " \
        "is wrong), cost not known (" in shown


def test_several_companies_give_one_comparison(caledger, seeded, tmp_path):
    path = tmp_path / "riot.jsonl"
    path.write_text(json.dumps({"id": "riot-bal", "type": "btc_balance_disclosed",
                                "company": "RIOT", "effective": "2025-12-31", "btc": "19000",
                                "sources": [{"document": "riot.txt", "line": 1}]}))
    assert caledger("import", "--db", seeded, str(path)).exit_code == 0
    rows = run_json(caledger, "holdings", "--all", "--as-of", "2026-03-31", "--db", seeded)
    assert [(r["company"], r["btc"]["total"]) for r in rows] == [("MARA", "31970"),
                                                                  ("RIOT", "19000")]
    named = run_json(caledger, "holdings", "RIOT", "MARA", "--as-of", "2026-03-31",
                     "--db", seeded)
    assert [r["company"] for r in named] == ["RIOT", "MARA"]
    caps = run_json(caledger, "capital", "--all", "--as-of", "2026-03-31", "--db", seeded)
    assert [(c["company"], c["notes"]["outstanding_usd"]) for c in caps] == [
        ("MARA", "950000000"), ("RIOT", None)]
    table = caledger("holdings", "--all", "--as-of", "2026-03-31", "--db", seeded)
    assert "31,970" in table.stdout and "19,000" in table.stdout


def test_explain_a_capital_figure(caledger, seeded):
    data = run_json(caledger, "explain", "MARA", "stakes.Exaion.percent", "--as-of",
                    "2025-12-31", "--db", seeded)
    assert data["value"] == "64"
    assert [(s["action"], s["amount"], s["record"]["id"]) for s in data["steps"]] == [
        ("add", "64", "mara-2025-08-exaion-stake")]
    unknown = caledger("explain", "MARA", "stakes.Nope.percent", "--as-of", "2025-12-31",
                       "--db", seeded)
    assert unknown.exit_code != 0
    [line] = unknown.stderr.strip().splitlines()
    assert "stakes.Exaion.percent" in line  # says which figures exist


def test_every_capital_figure_carries_its_status(caledger, load, db):
    """Disclosed when one record states the figure for that very date; derived when it is
    carried from an earlier statement or computed from several; not known (no value) when a
    record it needs states no amount. In JSON, CSV and explain alike."""
    load(rec("n1", "notes_issued", "2025-01-15", principal_usd="1000", coupon_percent="0",
             convertible=False),
         rec("r1", "notes_retired", "2025-03", principal_usd="300", how="repaid",
             notes_id="n1"),
         rec("e1", "equity_issued", "2025-06-30", usd="200", shares="20", program="ATM"),
         rec("e2", "equity_issued", "2025-Q2", usd="100", program="ATM"),
         rec("s1", "stake_acquired", "2025-06-30", target="Alpha", percent="10", usd="50"),
         rec("s2", "stake_acquired", "2025-02", target="Beta", percent="5"),
         rec("b1", "business_acquired", "2025-04", target="Gamma", usd="70"),
         rec("q1", "results_reported", "2025-Q1", revenue_usd="10"))
    args = ("capital", "TEST", "--as-of", "2025-06-30", "--db", db)
    data = run_json(caledger, *args)
    statuses = {name: (v["value"], v.get("status")) for name, v in data["values"].items()}
    assert statuses == {
        "notes.n1.outstanding": ("700", "derived"), "notes.outstanding": ("700", "derived"),
        "equity.raised": ("300", "derived"), "equity.ATM.raised": ("300", "derived"),
        "equity.shares": ("20", "derived"), "equity.ATM.shares": ("20", "derived"),
        "stakes.Alpha.percent": ("10", "disclosed"), "stakes.Alpha.cost": ("50", "disclosed"),
        "stakes.Beta.percent": ("5", "derived"), "stakes.Beta.cost": (None, "not known"),
        "acquisitions.usd": ("70", "derived"), "results.revenue_usd": ("10", "derived")}
    assert all(v["reason"] for v in data["values"].values())
    assert "s2" in data["values"]["stakes.Beta.cost"]["reason"]
    # shares where disclosed, as before, saying which issues state none
    assert "e2" in data["values"]["equity.shares"]["reason"]
    assert "e2" in data["values"]["equity.ATM.shares"]["reason"]
    assert "2025-03-31" in data["values"]["results.revenue_usd"]["reason"]
    assert data["equity"]["shares"] == "20" and data["equity"]["raised_usd"] == "300"
    assert {s["target"]: s["cost_usd"] for s in data["stakes"]} == {"Alpha": "50", "Beta": None}
    rows = {r["figure"]: r for r in csv.DictReader(io.StringIO(caledger(
        *args, "--format", "csv").stdout))}
    assert {name: r["status"] for name, r in rows.items()} == {
        **{name: status for name, (_, status) in statuses.items()},
        # and the share figures the text's "shares:" line and the JSON's shares give
        **{f"shares.{name}": status for name, status in data["shares"]["status"].items()}}
    assert rows["stakes.Beta.cost"]["value"] == ""

    explained = run_json(caledger, "explain", "TEST", "stakes.Alpha.percent", "--as-of",
                         "2025-06-30", "--db", db)
    assert (explained["value"], explained["status"]) == ("10", "disclosed")
    assert "s1" in explained["reason"]
    shown = caledger("explain", "TEST", "notes.n1.outstanding", "--as-of", "2025-06-30",
                     "--db", db).stdout
    assert "= 700 (derived: " in shown
    earlier = run_json(caledger, "capital", "TEST", "--as-of", "2025-03-31", "--db", db)
    assert earlier["values"]["results.revenue_usd"]["status"] == "disclosed"
    assert earlier["values"]["notes.n1.outstanding"]["status"] == "derived"
    first = run_json(caledger, "capital", "TEST", "--as-of", "2025-01-15", "--db", db)
    assert first["values"]["notes.n1.outstanding"]["status"] == "disclosed"


# --- explain and capital agree, for every ledger ---------------------------------------------------


START = date(2024, 1, 1)
days = st.integers(0, 720).map(lambda d: START + timedelta(days=d))
usd = st.integers(1, 10**9).map(lambda c: format(Decimal(c) / 100, "f"))
pct = st.integers(1, 6000).map(lambda b: format(Decimal(b) / 100, "f"))


@st.composite
def capital_records(draw: st.DrawFn, i: int) -> dict[str, Any]:
    day = draw(days)
    effective = draw(st.sampled_from([day.isoformat(), f"{day.year}-{day.month:02d}",
                                      f"{day.year}-Q{(day.month - 1) // 3 + 1}"]))
    kind = draw(st.sampled_from(["notes_issued", "notes_retired", "equity_issued",
                                 "stake_acquired", "stake_disposed", "business_acquired",
                                 "results_reported"]))
    fields: dict[str, Any]
    if kind == "notes_issued":
        fields = {"principal_usd": draw(usd), "coupon_percent": "1", "convertible": True}
    elif kind == "notes_retired":
        fields = {"principal_usd": draw(usd), "how": "repaid",
                  "notes_id": f"c{draw(st.integers(0, i))}"}
    elif kind == "equity_issued":
        fields = {"usd": draw(usd), "program": draw(st.sampled_from(["ATM", "PIPE"]))}
    elif kind in ("stake_acquired", "stake_disposed"):
        fields = {"target": draw(st.sampled_from(["Exaion", "Two Prime"])), "percent": draw(pct),
                  "usd": draw(usd)}
    elif kind == "business_acquired":
        fields = {"target": "Target Co", "usd": draw(usd)}
    else:
        fields = {"revenue_usd": draw(usd)}
    return {"id": f"c{i}", "type": kind, "company": "CAP", "effective": effective,
            "sources": [{"document": "synthetic.txt", "line": i + 1}], **fields}


@st.composite
def capital_ledgers(draw: st.DrawFn) -> list[dict[str, Any]]:
    kept = within_outstanding([draw(capital_records(i))
                               for i in range(draw(st.integers(1, 25)))])
    # (all of them refused: a ledger of one acquisition of a business)
    return kept or [{"id": "c0", "type": "business_acquired", "company": "CAP",
                     "effective": "2024-06", "target": "Target Co", "usd": "1",
                     "sources": [{"document": "synthetic.txt", "line": 1}]}]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(records=capital_ledgers(), day=days)
def test_explain_and_capital_agree_on_every_figure(make_db, records: list[dict[str, Any]],
                                                   day: date):
    db = make_db()
    import_records(db, records)
    data = api.capital_json(api.capital(db, "CAP", day.isoformat()))
    shown = {"notes.outstanding": data["notes"]["outstanding_usd"],
             "equity.raised": data["equity"]["raised_usd"],
             "acquisitions.usd": data["acquisitions_usd"]}
    for issue in data["notes"]["issues"]:
        shown[f"notes.{issue['id']}.outstanding"] = issue["outstanding_usd"]
    for program in data["equity"]["by_program"]:
        shown[f"equity.{program['program']}.raised"] = program["raised_usd"]
    for stake in data["stakes"]:
        shown[f"stakes.{stake['target']}.percent"] = stake["percent"]
        if stake["cost_usd"] is not None:
            shown[f"stakes.{stake['target']}.cost"] = stake["cost_usd"]
    if data["results"] and data["results"]["revenue_usd"] is not None:
        shown["results.revenue_usd"] = data["results"]["revenue_usd"]
    for figure, value in shown.items():
        explained = api.explain(db, "CAP", figure, day.isoformat())
        assert explained["value"] == value, figure
        if explained["steps"]:
            assert explained["steps"][-1]["running"] == value
    # The totals are the sums the capital report itemizes.
    counted = [r for r in records if r["type"] == "equity_issued"
               and r["id"] not in {x["id"] for x in data["in_progress"]}
               and _ended(r["effective"], day)]
    if counted:
        assert Decimal(data["equity"]["raised_usd"]) == sum(
            (Decimal(r["usd"]) for r in counted), Decimal(0))
    else:  # nothing recorded gives it
        assert data["equity"]["raised_usd"] is None


def _ended(effective: str, day: date) -> bool:
    from ledger.values import parse_period
    return parse_period(effective).end <= day


def test_a_trail_refuses_a_misspelt_action_instead_of_ignoring_it():
    from decimal import Decimal

    import pytest

    from projections.capital import Trail

    trail = Trail("notes.outstanding", "USD")
    trail.move("add", Decimal(5), None)
    with pytest.raises(ValueError, match="unknown trail action 'ad'"):
        trail.move("ad", Decimal(5), None)  # type: ignore[arg-type]
    assert trail.value == 5 and len(trail.steps) == 1
