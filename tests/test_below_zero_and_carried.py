"""Two rules of "unknown is not zero", through the real CLI and the Python API, on both stores:

* a sum of flows alone below zero is no holding (the company held bitcoin before its first
  recorded flow): the figure is not known, with why, wherever it goes; a derived figure below
  zero keeps its anchor's arithmetic and says it is below zero;
* a level stated for one day and carried forward is ``disclosed`` on that day only, and
  ``derived`` after it, its reason naming the day it was stated for.
"""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import api

from .conftest import import_records, rec
from .strategies import amended_ledgers
from .test_properties import COMPANIES, records
from .test_unknown_figures import run_json, text


SOLD = ("recorded flows sum to -500 BTC by 2026-02-01: NWX2 held bitcoin before its first "
        "recorded flow; record a disclosed balance")


def test_a_company_first_recorded_by_a_sale_has_no_known_holding(caledger, db):
    appended = caledger("append", "btc_sold", "--company", "NWX2", "--effective", "2026-01",
                        "--btc", "500", "--source", "n.txt:1", "--db", db)
    assert appended.exit_code == 0, appended.stderr

    data = run_json(caledger, "holdings", "NWX2", "--as-of", "2026-02-01", "--db", db)
    assert data["btc"] == dict.fromkeys(("total", "loaned", "pledged", "unencumbered"))
    assert data["status"]["total"] == "not known" and data["reason"]["total"] == SOLD
    assert data["status"]["unencumbered"] == "not known"
    assert data["flows_counted"] == 1  # the sale is listed, not hidden
    shown = text(caledger, "holdings", "NWX2", "--as-of", "2026-02-01", "--db", db)
    assert "-500 BTC  flows only" not in shown  # the sum is in the reason, not the figure
    assert f"  total         not known      {SOLD}" in shown
    assert "basis: no disclosed balance; the recorded flows sum to less than nothing" in shown

    (row,) = run_json(caledger, "holdings", "--all", "--as-of", "2026-02-01", "--db", db)
    assert row["btc"]["total"] is None and row["status"]["total"] == "not known"
    assert "-500" not in text(caledger, "holdings", "--all", "--as-of", "2026-02-01",
                              "--db", db)

    value = run_json(caledger, "value", "NWX2", "--as-of", "2026-02-01", "--db", db)
    assert value["figures"]["value.btc"]["value"] is None
    assert value["figures"]["value.btc"]["reason"] == SOLD
    kpi = api.kpi(db, "NWX2", "2026-02-01")
    assert kpi["btc"]["as_of"] is None and kpi["undefined"]["kpi.btc"] == SOLD

    explained = run_json(caledger, "explain", "NWX2", "btc.total", "--as-of", "2026-02-01",
                         "--db", db)
    assert (explained["value"], explained["status"], explained["reason"],
            explained["steps"]) == (None, "not known", SOLD, [])

    # The paths that roll the journal forward once give the same: series, the chart, the
    # export (no balance asserted), changes, the report page.
    series = api.series(db, "NWX2", "2025-12", "2026-02", every="month", figures=["btc.total"])
    last = series["rows"][-1]
    assert (last["end"], last["value"], last["status"]) == ("2026-02-28", None, "not known")
    assert last["reason"] == SOLD.replace("2026-02-01", "2026-02-28")
    points = api.chart_data(db, "NWX2", "2025-12-01", "2026-03-31")["points"]
    assert [(p["date"], p["total"], p["status"]["total"]) for p in points] == [
        ("2025-12-01", None, "not known"), ("2026-01-31", None, "not known")]
    exported = api.export(db, "beancount", ["NWX2"], None, None, None)
    assert exported["balance_assertions"] == 0 and " balance Assets" not in exported["journal"]
    (moved,) = api.changes(db, None, "@0")["companies"]
    assert [(f["date"], f["after"]["total"], f["after"]["status"]["total"])
            for f in moved["figures"]] == [("2026-01-31", None, "not known")]
    page = api.report_data(db, "NWX2", "2026-02-01")
    (current,) = page["holdings"]
    assert current["btc"]["total"] is None and current["reason"]["total"] == SOLD

    # reconcile still lists the day the flows go below zero, and agrees with holdings that
    # the figure is not known (with its reason); "sum" is the arithmetic below zero. One
    # problem, one issue: unencumbered, below zero with the total, is not listed again.
    negative = api.reconcile(db, "NWX2")["negative"]
    assert {(n["date"], n["bucket"], n["btc"], n["sum"], n["status"]) for n in negative} == {
        ("2026-01-31", "total", None, "-500", "not known")}
    assert [n["reason"] for n in negative][0] == SOLD.replace("2026-02-01", "2026-01-31")


def test_a_flows_only_sum_that_is_not_below_zero_is_still_flows_only(caledger, load, db):
    load(rec("p", "btc_purchased", "2025-01", btc="10"),
         rec("s", "btc_sold", "2025-02", btc="10"),
         rec("s2", "btc_sold", "2025-03", btc="4"))
    at_zero = run_json(caledger, "holdings", "TEST", "--as-of", "2025-02-28", "--db", db)
    assert (at_zero["btc"]["total"], at_zero["status"]["total"]) == ("0", "flows only")
    below = run_json(caledger, "holdings", "TEST", "--as-of", "2025-03-31", "--db", db)
    assert (below["btc"]["total"], below["status"]["total"]) == (None, "not known")
    assert below["reason"]["total"] == (
        "recorded flows sum to -4 BTC by 2025-03-31: TEST held bitcoin before its first "
        "recorded flow; record a disclosed balance")
    series = api.series(db, "TEST", "2025-01", "2025-03", every="month", figures=["btc.total"])
    assert [(r["value"], r["status"]) for r in series["rows"]] == [
        ("10", "flows only"), ("0", "flows only"), (None, "not known")]


def test_loan_returns_without_a_loan_leave_loaned_not_known(caledger, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-01-31", btc="100", pledged="0"),
         rec("r", "btc_loan_returned", "2025-02-10", btc="5"))
    data = run_json(caledger, "holdings", "TEST", "--as-of", "2025-02-28", "--db", db)
    assert data["btc"] == {"total": "100", "loaned": None, "pledged": "0", "unencumbered": None}
    assert data["status"] == {"total": "derived", "loaned": "not known", "pledged": "derived",
                              "unencumbered": "not known"}
    assert data["reason"]["loaned"] == (
        "recorded loans and loan returns sum to -5 BTC by 2025-02-28: TEST had bitcoin loaned "
        "before its first recorded loan; record a disclosed balance stating loaned bitcoin")
    series = api.series(db, "TEST", "2025-02", "2025-02", every="month",
                        figures=["btc.loaned", "btc.unencumbered"])
    assert {r["figure"]: (r["value"], r["status"]) for r in series["rows"]} == {
        "btc.loaned": (None, "not known"), "btc.unencumbered": (None, "not known")}


def test_pledges_released_without_a_pledge_leave_pledged_not_known(caledger, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-01-31", btc="100", loaned="0"),
         rec("r", "btc_pledge_released", "2025-02-10", btc="7"))
    data = run_json(caledger, "holdings", "TEST", "--as-of", "2025-02-28", "--db", db)
    assert (data["btc"]["pledged"], data["status"]["pledged"]) == (None, "not known")
    assert data["reason"]["pledged"].startswith(
        "recorded pledges and pledge releases sum to -7 BTC by 2025-02-28: TEST had bitcoin "
        "pledged before its first recorded pledge")


def test_a_derived_figure_below_zero_keeps_its_arithmetic_and_says_so(caledger, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-01-31", btc="10", loaned="0", pledged="0"),
         rec("s", "btc_sold", "2025-02-10", btc="15"))
    data = run_json(caledger, "holdings", "TEST", "--as-of", "2025-02-28", "--db", db)
    assert data["btc"] == {"total": "-5", "loaned": "0", "pledged": "0", "unencumbered": "-5"}
    assert data["status"]["total"] == data["status"]["unencumbered"] == "derived"
    assert data["reason"]["total"] == (
        "balance disclosed on 2025-01-31 (a), 28 days before 2025-02-28, rolled forward by 1 "
        "recorded flow, which comes to "
        "-5 BTC: below zero, which no holding can be, so a recorded flow is missing or wrong "
        "(reconcile lists it)")
    assert data["reason"]["unencumbered"].endswith(
        "which comes to -5 BTC: below zero, which no holding can be, so a recorded flow is "
        "missing or wrong (reconcile lists it)")
    series = api.series(db, "TEST", "2025-02", "2025-02", every="month",
                        figures=["btc.total", "btc.unencumbered"])
    assert {r["figure"]: (r["value"], r["status"], r["reason"]) for r in series["rows"]} == {
        "btc.total": ("-5", "derived", data["reason"]["total"]),
        "btc.unencumbered": ("-5", "derived", data["reason"]["unencumbered"])}


def test_a_loan_beyond_a_flows_only_total_leaves_unencumbered_not_known(caledger, load, db):
    load(rec("p", "btc_purchased", "2025-01", btc="10"),
         rec("l", "btc_loaned", "2025-02-10", btc="12"),
         rec("g", "btc_pledged", "2025-02-11", btc="1"))
    data = run_json(caledger, "holdings", "TEST", "--as-of", "2025-02-28", "--db", db)
    assert data["btc"] == {"total": "10", "loaned": "12", "pledged": "1", "unencumbered": None}
    assert data["status"]["unencumbered"] == "not known"
    assert data["reason"]["unencumbered"] == (
        "btc.unencumbered (total - loaned - pledged) comes to -3 BTC with btc.total, "
        "btc.loaned, btc.pledged summed from recorded flows only: TEST held bitcoin before its "
        "first recorded flow; record a disclosed balance")
    points = api.chart_data(db, "TEST", "2025-01-01", "2025-03-31")["points"]
    after = [(p["total"], p["unencumbered"], p["status"]["unencumbered"]) for p in points
             if p["date"] >= "2025-02-11"]
    assert after and set(after) == {("10", None, "not known")}


# --- a level carried forward ----------------------------------------------------------------


def test_a_hashrate_carried_forward_is_derived_after_its_own_day(caledger, seeded):
    db = seeded
    data = run_json(caledger, "series", "MARA", "--from", "2024-Q4", "--to", "2026-Q1",
                    "--figure", "ops.hashrate_ehs", "--db", db)
    got = [(r["end"], r["value"], r["status"]) for r in data["rows"]]
    assert got == [("2024-12-31", "53.2", "disclosed"), ("2025-03-31", "53.2", "derived"),
                   ("2025-06-30", "53.2", "derived"), ("2025-09-30", "53.2", "derived"),
                   ("2025-12-31", "53.2", "derived"), ("2026-03-31", "53.2", "derived")]
    assert data["rows"][0]["reason"] == ("hashrate (energized) stated for 2024-Q4 "
                                         "(mara-2024q4-operations)")
    carried = ("hashrate (energized) stated for 2024-12-31 (2024-Q4, mara-2024q4-operations), "
               "carried forward 455 days to 2026-03-31: the latest reported by then")
    assert data["rows"][-1]["reason"] == carried
    shown = text(caledger, "series", "MARA", "--from", "2024-Q4", "--to", "2026-Q1",
                 "--figure", "ops.hashrate_ehs", "--db", db)
    assert "2026-Q1   2026-03-31  53.2       0                        derived" in shown

    ops = run_json(caledger, "operations", "MARA", "--as-of", "2026-03-31", "--db", db)
    hashrate = ops["figures"]["ops.hashrate_ehs"]
    assert (hashrate["value"], hashrate["status"], hashrate["reason"]) == (
        "53.2", "derived", carried)
    on_day = run_json(caledger, "operations", "MARA", "--as-of", "2024-12-31", "--db", db)
    assert on_day["figures"]["ops.hashrate_ehs"]["status"] == "disclosed"
    explained = run_json(caledger, "explain", "MARA", "ops.hashrate_ehs", "--as-of",
                         "2026-03-31", "--db", db)
    assert (explained["value"], explained["status"], explained["reason"]) == (
        "53.2", "derived", carried)
    page = api.report_data(db, "MARA", "2026-03-31")
    assert page["operations"]["figures"]["ops.hashrate_ehs"]["status"] == "derived"


def test_a_close_of_an_earlier_day_is_derived_and_the_days_own_close_disclosed(db):
    import_records(db, [rec("p-btc", "price_observed", "2025-03-28", company="BTC", asset="BTC",
                            close="90000"),
                        rec("p-test", "price_observed", "2025-03-31", asset="TEST",
                            close="20")])
    data = api.value(db, "TEST", "2025-03-31")
    btc_price, share_price = (data["figures"]["value.btc_price"],
                              data["figures"]["value.share_price"])
    assert (btc_price["value"], btc_price["status"]) == ("90000", "derived")
    assert btc_price["reason"] == ("BTC close 90,000 on 2025-03-28, 3 days before (p-btc), "
                                   "carried forward to 2025-03-31")
    assert (share_price["value"], share_price["status"]) == ("20", "disclosed")
    assert data["prices"]["btc"]["status"] == "derived"


def test_an_oversale_of_a_disclosed_balance_is_noted_and_nothing_is_valued_on_it(caledger,
                                                                                 load, db):
    """KSTL discloses 6,210 BTC (800 pledged, loaned not stated), loans 50, sells 10, and an
    analyst types a sale of 6,990: stored (nothing is refused for a negative balance), said so on
    stderr, the total kept as its arithmetic with why, and nothing valued on it."""
    load(rec("bal", "btc_balance_disclosed", "2025-11-30", company="KSTL", btc="6210",
             pledged="800"),
         rec("loan", "btc_loaned", "2025-12-05", company="KSTL", btc="50"),
         rec("count", "shares_outstanding_disclosed", "2025-11-30", company="KSTL",
             shares="1000000"),
         rec("none", "dilutive_securities_disclosed", "2025-11-30", company="KSTL", options="0"),
         {"id": "p-BTC-2025-12-31", "type": "price_observed", "company": "BTC", "asset": "BTC",
          "effective": "2025-12-31", "close": "90000",
          "sources": [{"document": "prices.csv", "line": 2}]})
    # a sale that leaves something: no note
    fine = caledger("append", "btc_sold", "--company", "KSTL", "--effective", "2025-12-01",
                    "--btc", "10", "--source", "n.txt:2", "--db", db)
    assert fine.exit_code == 0 and fine.stderr == ""
    appended = caledger("append", "btc_sold", "--company", "KSTL", "--effective", "2025-12-10",
                        "--btc", "6990", "--source", "n.txt:1", "--db", db, "--json")
    assert appended.exit_code == 0, appended.stderr
    # the write's own report says so (the keys every append reports), and so does stderr
    report = json.loads(appended.stdout)
    assert set(report) == {"id", "added", "position", "new_companies", "below_zero",
                           "possible_duplicates", "future_dated", "check_units", "overlapping_flows", "dry_run"}
    assert report["below_zero"] == [{"company": "KSTL", "day": "2025-12-10",
                                     "figure": "btc.total", "btc": "-790"}]
    assert appended.stderr.strip() == ("note: this sale takes KSTL's holdings below zero on "
                                       "2025-12-10 (-790 BTC): check the amount")

    args = ("KSTL", "--as-of", "2025-12-31", "--db", db)
    held = run_json(caledger, "holdings", *args)
    assert (held["btc"]["total"], held["status"]["total"]) == ("-790", "derived")
    assert (held["btc"]["unencumbered"], held["status"]["unencumbered"]) == (None, "not known")
    free = held["reason"]["unencumbered"]
    assert "before its first recorded flow" not in free
    assert free.startswith("btc.unencumbered (total - loaned - pledged) comes to -1640 BTC "
                           "with btc.loaned summed from recorded flows only, and btc.total "
                           "below zero: balance disclosed on 2025-11-30 (bal), 31 days before "
                           "2025-12-31, rolled forward")

    value = api.value(db, "KSTL", "2025-12-31")["figures"]
    assert (value["value.btc"]["value"], value["value.btc"]["status"]) == ("-790", "derived")
    assert value["value.btc_price"]["value"] == "90000"
    for name in ("value.market_value", "value.unrealized_gain", "value.nav_per_share_basic",
                 "value.mnav_basic"):
        assert (value[name]["value"], value[name]["status"]) == (None, "not known"), name
    assert value["value.market_value"]["reason"].startswith(
        "btc.total is below zero on 2025-12-31: balance disclosed on 2025-11-30 (bal)")

    kpi = run_json(caledger, "kpi", *args)
    assert kpi["btc_per_share"] == kpi["basic_btc_per_share"] == {"as_of": None}
    assert kpi["undefined"]["kpi.btc_per_share"].startswith(
        "btc.total as of 2025-12-31 is below zero: balance disclosed on 2025-11-30 (bal)")

    # reconcile flags the derived total, once: unencumbered goes below zero with it (one
    # problem, one issue)
    negative = api.reconcile(db, "KSTL")["negative"]
    assert [(n["date"], n["bucket"], n["btc"], n["sum"]) for n in negative] == [
        ("2025-12-10", "total", "-790", "-790")]
    shown = text(caledger, "reconcile", "KSTL", "--db", db)
    assert "NEGATIVE total on 2025-12-10: -790" in shown
    assert "NEGATIVE unencumbered" not in shown and "1 issue" in shown.splitlines()[0]


def _kestrel(load) -> None:
    """KSTL discloses 6,210 BTC on 2025-11-30, buys 500 in December, sells 6,500 on
    2026-01-15 (what it held with the purchase, less 210), then discloses 200 on 2026-01-31."""
    load(rec("k-bal", "btc_balance_disclosed", "2025-11-30", company="KSTL", btc="6210"),
         rec("k-buy", "btc_purchased", "2025-12", company="KSTL", btc="500"),
         rec("k-sell", "btc_sold", "2026-01-15", company="KSTL", btc="6500"),
         rec("k-bal2", "btc_balance_disclosed", "2026-01-31", company="KSTL", btc="200"))


def test_retracting_a_purchase_a_later_sale_rests_on_is_reported(caledger, load, db):
    """Retracting the December purchase leaves the January sale 290 BTC more than KSTL had:
    the retraction's report names the day the sale ends, and the dry run says the same first,
    storing nothing."""
    _kestrel(load)
    would = caledger("retract", "k-buy", "--reason", "never happened", "--dry-run", "--db",
                     db, "--json")
    assert would.exit_code == 0, would.stderr
    below = [{"company": "KSTL", "day": "2026-01-15", "figure": "btc.total", "btc": "-290"}]
    assert json.loads(would.stdout)["below_zero"] == below
    assert json.loads(would.stdout)["dry_run"] is True
    assert would.stderr.strip() == ("note: this retraction would take KSTL's holdings below "
                                    "zero on 2026-01-15 (-290 BTC): check the amount")
    assert api.holdings(db, "KSTL", "2026-01-20").total == Decimal("210")  # nothing stored

    done = caledger("retract", "k-buy", "--reason", "never happened", "--db", db, "--json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["below_zero"] == below
    assert "takes KSTL's holdings below zero on 2026-01-15 (-290 BTC)" in done.stderr
    assert api.holdings(db, "KSTL", "2026-01-20").total == Decimal("-290")
    # the balance of 2026-01-31 starts again from 200: nothing below zero after it
    assert api.holdings(db, "KSTL", "2026-01-31").total == Decimal("200")


def test_a_correction_is_reported_and_one_that_mends_it_reports_nothing(caledger, load, db):
    _kestrel(load)
    typo = caledger("correct", "k-sell", "--btc", "7500", "--reason", "restated", "--db", db,
                    "--json")
    assert typo.exit_code == 0, typo.stderr
    assert json.loads(typo.stdout)["below_zero"] == [
        {"company": "KSTL", "day": "2026-01-15", "figure": "btc.total", "btc": "-790"}]
    assert ("note: this correction takes KSTL's holdings below zero on 2026-01-15 (-790 BTC)"
            in typo.stderr)
    # correcting it back lowers nothing: an empty list, no note about it
    mended = caledger("correct", "k-sell", "--btc", "6500", "--reason", "typo", "--db", db,
                      "--json")
    assert mended.exit_code == 0, mended.stderr
    assert json.loads(mended.stdout)["below_zero"] == []
    assert "below zero" not in mended.stderr


def test_an_import_names_each_company_and_day_it_takes_below_zero(caledger, load, db, tmp_path):
    """One import: a sale too large for ARVR, a pledge more than HASH has left unpledged,
    and a purchase: each figure is named once (the first day of the run of days below zero),
    in the report and on stderr; a figure already below zero before stays unnamed."""
    load(rec("a-bal", "btc_balance_disclosed", "2025-06-30", company="ARVR", btc="100"),
         rec("h-bal", "btc_balance_disclosed", "2025-06-30", company="HASH", btc="40",
             loaned="0", pledged="10"))
    path = tmp_path / "more.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        rec("a-sell", "btc_sold", "2025-07-10", company="ARVR", btc="130"),
        rec("a-mine", "btc_mined", "2025-07", company="ARVR", btc="5"),
        rec("h-pledge", "btc_pledged", "2025-08-01", company="HASH", btc="35"),
        rec("h-buy", "btc_purchased", "2025-08-02", company="HASH", btc="1")]))
    done = caledger("import", str(path), "--db", db, "--json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["below_zero"] == [
        {"company": "ARVR", "day": "2025-07-10", "figure": "btc.total", "btc": "-30"},
        {"company": "HASH", "day": "2025-08-01", "figure": "btc.unencumbered", "btc": "-5"}]
    assert done.stderr.splitlines() == [
        "note: this import takes ARVR's holdings below zero on 2025-07-10 (-30 BTC): check "
        "the amounts",
        "note: this import takes HASH's unencumbered bitcoin below zero on 2025-08-01 "
        "(-5 BTC): check the amounts"]
    held = api.holdings(db, "ARVR", "2025-07-31")
    assert (held.total, held.status["total"].status) == (Decimal("-25"), "derived")
    # ARVR is below zero already: a further sale the day after lowers it again, so it is
    # named; a purchase lowers nothing and reads nothing
    later = caledger("append", "btc_sold", "--company", "ARVR", "--effective", "2025-08-05",
                     "--btc", "1", "--source", "n.txt:3", "--db", db, "--json")
    assert json.loads(later.stdout)["below_zero"] == [
        {"company": "ARVR", "day": "2025-08-05", "figure": "btc.total", "btc": "-26"}]
    bought = caledger("append", "btc_purchased", "--company", "ARVR", "--effective",
                      "2025-08-06", "--btc", "1", "--source", "n.txt:4", "--db", db, "--json")
    assert json.loads(bought.stdout)["below_zero"] == [] and bought.stderr == ""


def test_the_python_api_reports_below_zero_too(db):
    import_records(db, [rec("bal", "btc_balance_disclosed", "2025-11-30", company="KSTL",
                            btc="10")])
    would = api.append(db, "btc_sold", {"company": "KSTL", "effective": "2025-12-01",
                                        "btc": "11", "sources": [{"document": "n", "line": 1}]},
                       dry_run=True)
    assert (would.dry_run, would.below_zero) == (True, [
        {"company": "KSTL", "day": "2025-12-01", "figure": "btc.total", "btc": "-1"}])
    assert would.below_zero_notes() == ["note: this sale would take KSTL's holdings below zero "
                                        "on 2025-12-01 (-1 BTC): check the amount"]
    done = api.append(db, "btc_sold", {"company": "KSTL", "effective": "2025-12-01",
                                       "btc": "11", "sources": [{"document": "n", "line": 1}]})
    assert done.below_zero == would.below_zero and done.to_json()["below_zero"] == would.below_zero


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=amended_ledgers(records), dry=st.booleans())
def test_a_writes_below_zero_is_what_the_whole_journals_before_and_after_it_give(
        make_db, batches, dry) -> None:
    """Whatever the records, corrections and retractions: each import's below_zero (a dry
    run's too) is what walking each company's whole journal before and after the write gives
    (the write reads only from its first changed day, from the disclosed balances before
    it); a figure named is below zero in holdings on that day, and known."""
    from ledger import belowzero
    from ledger.reader import open_reader
    from projections import holdings as h

    db = make_db()
    position = 0
    for batch in batches:
        text = "\n".join(json.dumps(r) for r in batch)
        if dry:
            would = api.import_files(db, ["-"], stdin_text=text, dry_run=True).below_zero
        report = api.import_files(db, ["-"], stdin_text=text)
        with open_reader(db) as reader, reader.reading() as cur:
            after = reader.position()
            expected = []
            for company in COMPANIES:
                old = h.entries(cur, company, None, position) if position else []
                new = h.entries(cur, company, None, after)
                expected += belowzero._taken_below(company, old, new, after, "")
        assert report.below_zero == expected
        if dry:
            assert would == report.below_zero
        for f in report.below_zero:
            held = api.holdings(db, f["company"], f["day"])
            name = f["figure"][4:]
            assert held.raw(name) == Decimal(f["btc"]) < 0 and held.status[name].known
        position = after


_SHARES_BELOW = ("share count disclosed on 2024-12-31 (t-shares) rolled forward by 2 records, "
                 "which comes to -400,000 shares: below zero, which no share count can be, so "
                 "a recorded repurchase is wrong or an issuance is missing (reconcile lists it)")


def test_a_share_count_rolled_to_zero_or_below_values_nothing(caledger, load, db):
    """REVIEW2 finding 3: a repurchase of every share leaves a derived count of 0 (no market
    cap, no per-share figure, no mNAV); 400,000 more takes it below zero, which no count can
    be: shares not known, and nothing built on them; reconcile lists both days."""
    load(rec("t-bal", "btc_balance_disclosed", "2024-12-31", company="TST", btc="100",
             cost_usd="5000000"),
         rec("t-buy", "btc_purchased", "2025-01-15", company="TST", btc="50", usd="5000000"),
         rec("t-sell", "btc_sold", "2025-02-10", company="TST", btc="30", usd="3000000"),
         rec("t-shares", "shares_outstanding_disclosed", "2024-12-31", company="TST",
             shares="1000000"),
         rec("t-dil", "dilutive_securities_disclosed", "2024-12-31", company="TST", options="0"),
         {"id": "t-p1", "type": "price_observed", "company": "BTC", "asset": "BTC",
          "effective": "2025-02-14", "close": "100000",
          "sources": [{"document": "p.txt", "line": 1}]},
         {"id": "t-p2", "type": "price_observed", "company": "TST", "asset": "TST",
          "effective": "2025-02-14", "close": "20",
          "sources": [{"document": "p.txt", "line": 2}]})
    before = api.value(db, "TST", "2025-02-14", since="2024-12-31")["figures"]
    assert before["value.market_cap_basic"]["value"] == "20000000"
    assert before["value.mnav_basic"]["value"] == "1.6667"
    assert before["value.btc_dollar_gain"]["value"] == "2000000"

    out = caledger("append", "shares_repurchased", "--id", "t-rep1", "--company", "TST",
                   "--effective", "2025-01-20", "--shares", "1000000", "--source", "t.txt:10",
                   "--db", db, "--json")
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout)["below_zero"] == [] and out.stderr == ""
    value = api.value(db, "TST", "2025-02-14", since="2024-12-31")["figures"]
    assert (value["value.shares_basic"]["value"], value["value.shares_basic"]["status"]) == (
        "0", "derived")
    for name in ("value.market_cap_basic", "value.market_cap_diluted", "value.mnav_basic",
                 "value.mnav_diluted", "value.nav_per_share_basic", "value.btc_dollar_gain"):
        assert (value[name]["value"], value[name]["status"]) == (None, "not known"), name
    assert value["value.market_cap_basic"]["reason"].startswith(
        "value.shares_basic is 0 on 2025-02-14: a company with a share price has shares")
    assert value["value.market_value"]["value"] == "12000000"  # bitcoin still valued

    out = caledger("append", "shares_repurchased", "--id", "t-rep2", "--company", "TST",
                   "--effective", "2025-01-21", "--shares", "400000", "--source", "t.txt:11",
                   "--db", db, "--json")
    assert out.exit_code == 0, out.stderr
    # the write says so, as a sale taking holdings below zero does
    assert json.loads(out.stdout)["below_zero"] == [
        {"company": "TST", "day": "2025-01-21", "figure": "shares.basic", "shares": "-400000"}]
    assert out.stderr.strip() == ("note: this repurchase takes TST's share count below zero on "
                                  "2025-01-21 (-400,000 shares): check the amount")
    shares = run_json(caledger, "shares", "TST", "--as-of", "2025-02-14", "--db", db)
    assert shares["shares"]["basic"] is None and shares["shares"]["assumed_diluted"] is None
    assert shares["status"]["basic"] == "not known"
    assert shares["reason"]["basic"] == _SHARES_BELOW
    kpi = run_json(caledger, "kpi", "TST", "--as-of", "2025-02-14", "--since", "2024-12-31",
                   "--db", db)
    for name in ("btc_per_share", "basic_btc_per_share", "sats_per_share"):
        assert kpi[name]["as_of"] is None, name
    assert kpi["btc_yield"] is None and kpi["btc_gain"] is None
    assert _SHARES_BELOW in kpi["undefined"]["kpi.btc_yield"]
    value = api.value(db, "TST", "2025-02-14", since="2024-12-31")["figures"]
    for name in ("value.shares_basic", "value.shares_diluted", "value.market_cap_basic",
                 "value.nav_per_share_basic", "value.nav_per_share_diluted",
                 "value.mnav_basic", "value.mnav_diluted", "value.btc_dollar_gain"):
        assert (value[name]["value"], value[name]["status"]) == (None, "not known"), name
        assert _SHARES_BELOW in value[name]["reason"], name
    # a day before the repurchases, every figure is as it was
    assert run_json(caledger, "shares", "TST", "--as-of", "2025-01-19", "--db", db)[
        "shares"]["basic"] == "1000000"

    report = api.reconcile(db, "TST")
    assert [(c["date"], c["problem"], c["value"], c["records"]) for c in report["capital"]] == [
        ("2025-01-20", "shares rolled forward to zero", "0", ["t-shares", "t-rep1"]),
        ("2025-01-21", "shares rolled forward below zero", "-400000",
         ["t-shares", "t-rep1", "t-rep2"])]
    assert report["issues"] == 2
    shown = text(caledger, "reconcile", "TST", "--db", db)
    assert "CAPITAL shares rolled forward below zero: shares.basic = -400000 on 2025-01-21" \
        in shown


def test_a_write_that_deepens_or_mends_a_share_count_below_zero(caledger, load, db):
    """The share remark names a day a write takes the count further below zero, never one it
    raises (an issuance), and a retraction of that issuance is named again."""
    load(rec("c", "shares_outstanding_disclosed", "2025-01-01", company="SCO", shares="100"),
         rec("r", "shares_repurchased", "2025-01-10", company="SCO", shares="150"))
    def fields(id_: str, effective: str, shares: str) -> dict:
        return {k: v for k, v in rec(id_, "", effective, company="SCO", shares=shares).items()
                if k != "type"}

    dry = api.append(db, "shares_repurchased", fields("r2", "2025-01-12", "1"), dry_run=True)
    assert dry.below_zero == [{"company": "SCO", "day": "2025-01-12", "figure": "shares.basic",
                               "shares": "-51"}]
    up = api.append(db, "equity_issued", fields("i", "2025-01-15", "10"))
    assert up.below_zero == []
    back = api.retract(db, "i", reason="typed twice")
    assert back.below_zero == [{"company": "SCO", "day": "2025-01-15",
                                "figure": "shares.basic", "shares": "-50"}]
