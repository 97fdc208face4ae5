"""Unknown is not zero: every figure says what it rests on (disclosed, derived, flows only, not
known), and a figure nothing recorded gives is null in JSON, "not known" in text and an empty
cell in CSV, wherever figures go. On both stores, through the real CLI."""

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

from .conftest import amendments_unchecked, import_records, rec, the_one_error_line


def run_json(caledger, *args: str) -> Any:
    result = caledger(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def text(caledger, *args: str) -> str:
    result = caledger(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def csv_rows(caledger, *args: str) -> list[dict[str, str]]:
    result = caledger(*args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


# --- holdings: the four statuses --------------------------------------------------------------


def test_a_company_with_flows_but_no_balance_has_holdings_from_flows_only(caledger, load, db):
    load(rec("m", "btc_mined", "2025-01", btc="10"),
         rec("p", "btc_purchased", "2025-02-10", btc="2.5"))
    data = run_json(caledger, "holdings", "TEST", "--as-of", "2025-03-31", "--db", db)

    assert data["btc"] == {"total": "12.5", "loaned": None, "pledged": None,
                           "unencumbered": None}
    assert data["status"] == {"total": "flows only", "loaned": "not known",
                              "pledged": "not known", "unencumbered": "not known"}
    assert data["reason"]["total"] == (
        "no disclosed balance on or before 2025-03-31: the sum of 2 recorded flows, which is "
        "the holding only if TEST held none before the first of them")
    assert data["reason"]["loaned"] == ("no disclosed balance stating loaned bitcoin on or "
                                        "before 2025-03-31, and no loan or loan return is "
                                        "recorded")
    shown = text(caledger, "holdings", "TEST", "--as-of", "2025-03-31", "--db", db)
    assert "  total              12.5 BTC  flows only: no disclosed balance on or before" in shown
    assert "  loaned        not known      no disclosed balance stating loaned bitcoin" in shown
    rows = {r["figure"]: r for r in csv_rows(caledger, "holdings", "TEST", "--as-of",
                                              "2025-03-31", "--db", db)}
    assert (rows["btc.total"]["btc"], rows["btc.total"]["status"]) == ("12.5", "flows only")
    assert (rows["btc.loaned"]["btc"], rows["btc.loaned"]["status"]) == ("", "not known")


def test_a_company_with_nothing_before_the_day_has_no_figure_at_all(caledger, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-06-30", btc="500"),
         rec("m", "btc_mined", "2025-Q2", btc="30"))
    data = run_json(caledger, "holdings", "TEST", "--as-of", "2025-05-31", "--db", db)

    assert data["btc"] == dict.fromkeys(("total", "loaned", "pledged", "unencumbered"))
    assert set(data["status"].values()) == {"not known"}
    assert [r["id"] for r in data["in_progress"]] == ["m"]
    shown = text(caledger, "holdings", "TEST", "--as-of", "2025-05-31", "--db", db)
    assert " 0 BTC" not in shown and "basis: no disclosed balance and no recorded flow" in shown
    explained = run_json(caledger, "explain", "TEST", "btc.total", "--as-of", "2025-05-31",
                         "--db", db)
    assert (explained["value"], explained["status"], explained["steps"]) == (None, "not known",
                                                                              [])


def test_a_balance_that_states_no_buckets_leaves_them_not_known(caledger, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-03-31", btc="1000"),
         rec("b", "btc_balance_disclosed", "2025-06-30", btc="1100", loaned="0", pledged="40"),
         rec("m", "btc_mined", "2025-07", btc="5"))
    first = run_json(caledger, "holdings", "TEST", "--as-of", "2025-03-31", "--db", db)
    assert first["btc"] == {"total": "1000", "loaned": None, "pledged": None,
                            "unencumbered": None}
    assert first["status"]["total"] == "disclosed"

    on_the_day = run_json(caledger, "holdings", "TEST", "--as-of", "2025-06-30", "--db", db)
    # A disclosed zero is a figure: the company said so.
    assert on_the_day["btc"] == {"total": "1100", "loaned": "0", "pledged": "40",
                                 "unencumbered": "1060"}
    assert on_the_day["status"] == {"total": "disclosed", "loaned": "disclosed",
                                    "pledged": "disclosed", "unencumbered": "derived"}

    later = run_json(caledger, "holdings", "TEST", "--as-of", "2025-07-31", "--db", db)
    assert later["btc"]["total"] == "1105" and later["status"]["total"] == "derived"
    assert later["reason"]["total"] == ("balance disclosed on 2025-06-30 (b), 31 days before "
                                        "2025-07-31, rolled forward by 1 recorded flow")


def test_a_program_started_from_nothing_is_a_disclosed_balance_of_zero(caledger, load, db):
    load(rec("start", "btc_balance_disclosed", "2024-12-31", btc="0",
             note="the treasury program began on 2025-01-01"),
         rec("p", "btc_purchased", "2025-01-15", btc="21"))
    data = run_json(caledger, "holdings", "TEST", "--as-of", "2025-01-31", "--db", db)
    assert (data["btc"]["total"], data["status"]["total"]) == ("21", "derived")
    before = run_json(caledger, "holdings", "TEST", "--as-of", "2024-12-31", "--db", db)
    assert (before["btc"]["total"], before["status"]["total"]) == ("0", "disclosed")


def test_loaned_bitcoin_known_from_loans_alone_is_flows_only(caledger, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-01-31", btc="100"),
         rec("l", "btc_loaned", "2025-02-10", btc="30", counterparty="Desk"))
    data = run_json(caledger, "holdings", "TEST", "--as-of", "2025-02-28", "--db", db)
    assert (data["btc"]["loaned"], data["status"]["loaned"]) == ("30", "flows only")
    assert (data["btc"]["unencumbered"], data["status"]["unencumbered"]) == (None, "not known")


# --- shares and per-share figures -----------------------------------------------------------


def test_without_a_share_count_shares_and_per_share_figures_are_not_known(caledger, seeded):
    args = ("--as-of", "2026-03-31", "--db", seeded)
    shares = run_json(caledger, "shares", "MARA", *args)
    assert shares["shares"]["basic"] is None and shares["shares"]["assumed_diluted"] is None
    assert shares["reason"]["basic"].startswith("no share count disclosed on or before "
                                                "2026-03-31")

    kpi = run_json(caledger, "kpi", "MARA", *args, "--since", "2025-12-31")
    assert kpi["btc"] == {"since": "52850", "as_of": "31970"}
    assert kpi["assumed_diluted_shares"] == {"since": None, "as_of": None}
    assert kpi["btc_per_share"] == {"since": None, "as_of": None}
    assert kpi["btc_yield"] is None and kpi["btc_gain"] is None
    assert kpi["status"]["kpi.btc_yield"] == "not known"
    assert "no share count disclosed" in kpi["undefined"]["kpi.btc_yield"]
    assert "assumed diluted shares  not known" in text(caledger, "kpi", "MARA", *args)

    capital = run_json(caledger, "capital", "MARA", *args)
    assert capital["shares"]["basic"] is None and capital["shares"]["status"]["basic"] == \
        "not known"
    assert "0 basic" not in text(caledger, "capital", "MARA", *args)

    # explain says why instead of refusing
    result = caledger("explain", "MARA", "kpi.btc_yield", *args, "--since", "2025-12-31",
                      "--json")
    assert result.exit_code == 0, result.stderr
    explained = json.loads(result.stdout)
    assert (explained["value"], explained["status"], explained["steps"]) == (None, "not known",
                                                                              [])
    assert "no share count disclosed on or before 2026-03-31" in explained["reason"]
    shown = text(caledger, "explain", "MARA", "shares.basic", *args)
    assert "= not known (no share count disclosed on or before 2026-03-31" in shown

    series = run_json(caledger, "series", "MARA", "--from", "2026-Q1", "--to", "2026-Q1",
                      "--every", "quarter", "--figure", "shares.assumed_diluted",
                      "--figure", "kpi.btc_per_share", "--db", seeded)
    assert [(r["figure"], r["value"], r["status"]) for r in series["rows"]] == [
        ("shares.assumed_diluted", None, "not known"), ("kpi.btc_per_share", None, "not known")]


def test_with_a_share_count_the_per_share_figures_carry_the_holdings_status(caledger, load, db):
    load(rec("m", "btc_mined", "2025-01", btc="100"),
         rec("s", "shares_outstanding_disclosed", "2025-01-31", shares="1000"),
         rec("d", "dilutive_securities_disclosed", "2025-01-31", options="0"))
    kpi = run_json(caledger, "kpi", "TEST", "--as-of", "2025-01-31", "--db", db)
    assert kpi["btc_per_share"]["as_of"] == "0.1"
    assert kpi["status"]["kpi.btc_per_share"] == "flows only"
    # the table marks them as holdings' tables do
    shown = text(caledger, "kpi", "TEST", "--as-of", "2025-01-31", "--db", db)
    assert "BTC                     100*" in shown and "BTC per share           0.1*" in shown
    assert "assumed diluted shares  1,000\n" in shown
    assert "\n* flows only: " in shown
    shares = run_json(caledger, "shares", "TEST", "--as-of", "2025-01-31", "--db", db)
    assert shares["status"]["basic"] == "disclosed"


def test_an_outstanding_convertible_without_terms_leaves_diluted_figures_not_known(
        caledger, load, db):
    """Notes whose conversion terms are not recorded convert into a number of shares the
    ledger does not know: not 0. Basic shares and the per-share figures on them stay known."""
    load(rec("bal0", "btc_balance_disclosed", "2025-06-30", btc="300"),
         rec("s", "shares_outstanding_disclosed", "2025-06-30", shares="2000000"),
         rec("d", "dilutive_securities_disclosed", "2025-06-30", options="0"),
         rec("cv", "notes_issued", "2025-Q3", principal_usd="4000000", coupon_percent="1",
             convertible=True),
         rec("bal", "btc_balance_disclosed", "2025-12-31", btc="600"))
    args = ("TEST", "--as-of", "2025-12-31", "--db", db)
    shares = run_json(caledger, "shares", *args)
    assert shares["shares"] == {"basic": "2000000", "notes_as_converted": None,
                                "other_dilutive": "0", "assumed_diluted": None}
    assert shares["status"] == {"basic": "derived", "notes_as_converted": "not known",
                                "other_dilutive": "derived", "assumed_diluted": "not known"}
    assert "cv" in shares["reason"]["notes_as_converted"]
    assert "conversion terms" in shares["reason"]["notes_as_converted"]
    assert shares["reason"]["assumed_diluted"].startswith("notes as converted not known: ")
    assert "cv" in shares["reason"]["assumed_diluted"]
    assert shares["convertible_without_terms"] == ["cv"]
    shown = text(caledger, "shares", *args)
    assert "notes as converted  not known" in shown and "assumed diluted     not known" in shown
    assert [(r["figure"], r["value"], r["status"]) for r in csv_rows(caledger, "shares", *args)
            ][:4] == [("basic", "2000000", "derived"), ("notes_as_converted", "", "not known"),
                      ("other_dilutive", "0", "derived"), ("assumed_diluted", "", "not known")]

    kpi = run_json(caledger, "kpi", *args)
    assert kpi["btc"]["as_of"] == "600"
    assert kpi["assumed_diluted_shares"]["as_of"] is None
    assert kpi["btc_per_share"]["as_of"] is None and kpi["sats_per_share"]["as_of"] is None
    assert kpi["basic_btc_per_share"]["as_of"] == "0.0003"
    for figure in ("kpi.assumed_diluted_shares", "kpi.btc_per_share", "kpi.sats_per_share"):
        assert kpi["status"][figure] == "not known", figure
        assert "cv" in kpi["reason"][figure], figure
    assert kpi["status"]["kpi.basic_btc_per_share"] == "derived"
    assert set(kpi["undefined"]) == {"kpi.assumed_diluted_shares", "kpi.btc_per_share",
                                     "kpi.sats_per_share"}
    shown = text(caledger, "kpi", *args)
    assert "BTC per share           not known" in shown
    assert "not known: kpi.btc_per_share, kpi.sats_per_share: shares.assumed_diluted as of " \
        "2025-12-31 is not known: notes as converted not known: no conversion terms recorded " \
        "for the convertible notes cv ($4,000,000 outstanding)" in shown
    assert "BTC per basic share     0.0003" in shown

    since = run_json(caledger, "kpi", *args, "--since", "2025-06-30")
    assert since["btc_per_share"] == {"since": "0.00015", "as_of": None}
    assert since["btc_yield"] is None and since["btc_gain"] is None
    assert "cv" in since["undefined"]["kpi.btc_yield"]

    for figure in ("shares.notes_as_converted", "shares.assumed_diluted", "kpi.btc_per_share"):
        explained = run_json(caledger, "explain", "TEST", figure, "--as-of", "2025-12-31",
                             "--db", db)
        assert (explained["value"], explained["status"], explained["steps"]) == (
            None, "not known", []), figure
        assert "cv" in explained["reason"], figure

    capital = run_json(caledger, "capital", *args)
    assert capital["shares"]["basic"] == "2000000"
    assert capital["shares"]["assumed_diluted"] is None
    assert capital["shares"]["notes_as_converted"] is None
    assert "assumed diluted not known" in text(caledger, "capital", *args)

    series = run_json(caledger, "series", "TEST", "--from", "2025-Q4", "--to", "2025-Q4",
                      "--every", "quarter", "--figure", "shares.assumed_diluted",
                      "--figure", "kpi.btc_per_share", "--db", db)
    assert [(r["figure"], r["value"], r["status"]) for r in series["rows"]] == [
        ("shares.assumed_diluted", None, "not known"), ("kpi.btc_per_share", None, "not known")]

    # A stated diluted count can't be checked against a figure the ledger does not know:
    # not checked (consistent null, with why), not a mismatch.
    load(rec("s2", "shares_outstanding_disclosed", "2025-12-31", shares="2000000",
             assumed_diluted="2100000"))
    [stated] = run_json(caledger, "reconcile", "TEST", "--db", db)["kpis"]
    assert stated["computed"] is None and stated["consistent"] is None
    assert "cv" in stated["why"]

    # Once the notes are repaid nothing is left to convert: the figures are known again.
    load(rec("rp", "notes_retired", "2026-01", principal_usd="4000000", how="repaid",
             notes_id="cv"))
    later = run_json(caledger, "shares", "TEST", "--as-of", "2026-01-31", "--db", db)
    assert later["shares"] == {"basic": "2000000", "notes_as_converted": "0",
                               "other_dilutive": "0", "assumed_diluted": "2000000"}
    assert later["status"]["notes_as_converted"] == "derived"


def test_convertibles_with_and_without_terms_together_are_not_known(caledger, load, db):
    load(rec("s", "shares_outstanding_disclosed", "2025-03-31", shares="1000"),
         rec("t", "notes_issued", "2025-01", principal_usd="10000", coupon_percent="0",
             convertible=True, conversion_rate="3"),
         rec("u", "notes_issued", "2025-02", principal_usd="7000", coupon_percent="0",
             convertible=True),
         rec("p", "notes_retired", "2025-03", principal_usd="2000", how="repurchased",
             notes_id="u"))
    data = run_json(caledger, "shares", "TEST", "--as-of", "2025-03-31", "--db", db)
    assert data["shares"]["notes_as_converted"] is None
    assert data["shares"]["assumed_diluted"] is None
    assert data["shares"]["basic"] == "1000" and data["status"]["basic"] == "disclosed"
    # the issue with terms is still worked out, and explained
    assert data["notes"][0]["as_converted"] == "30"
    reason = data["reason"]["notes_as_converted"]
    assert "u" in reason and "5000" in reason.replace(",", "")
    explained = run_json(caledger, "explain", "TEST", "shares.notes.t.as_converted",
                         "--as-of", "2025-03-31", "--db", db)
    assert explained["value"] == "30"


# --- everywhere figures go ------------------------------------------------------------------


def test_series_and_its_csv_leave_unknown_values_empty(caledger, seeded):
    args = ("series", "MARA", "--from", "2024-Q3", "--to", "2025-Q1", "--every", "quarter",
            "--db", seeded)
    data = run_json(caledger, *args)
    assert data["opening"][0]["value"] is None and data["opening"][0]["status"] == "not known"
    rows = {r["period"]: r for r in data["rows"]}
    assert (rows["2024-Q3"]["value"], rows["2024-Q3"]["status"]) == (None, "not known")
    assert (rows["2024-Q4"]["value"], rows["2024-Q4"]["status"]) == ("44893", "disclosed")
    # A change from a figure that is not known is not known either.
    assert rows["2024-Q4"]["change"] is None and rows["2024-Q4"]["anchors"] is None
    assert (rows["2025-Q1"]["change"], rows["2025-Q1"]["status"]) == ("0", "derived")
    by_period = {r["period"]: r for r in csv_rows(caledger, *args)}
    assert (by_period["2024-Q3"]["value"], by_period["2024-Q3"]["status"]) == ("", "not known")
    assert "not known in 2 rows" in text(caledger, *args)


def test_the_chart_draws_no_line_where_holdings_are_not_known(caledger, load, db, tmp_path):
    load(rec("m", "btc_mined", "2025-02", btc="10"),
         rec("a", "btc_balance_disclosed", "2025-06-30", btc="40"))
    data = api.chart_data(db, "TEST", "2025-01-01", "2025-07-31")
    assert [(p["date"], p["total"], p["status"]["total"]) for p in data["points"]] == [
        ("2025-01-01", None, "not known"), ("2025-02-28", "10", "flows only"),
        ("2025-06-30", "40", "disclosed")]
    out = tmp_path / "c.svg"
    result = caledger("chart", "TEST", "--from", "2025-01-01", "--to", "2025-07-31",
                      "--out", str(out), "--db", db)
    assert result.exit_code == 0, result.stderr
    svg = out.read_text()
    # no line before the first flow, then one dotted flows-only segment and one solid one
    assert 'id="holdings-total-flows-only"' in svg and 'id="holdings-total"' in svg
    assert 'id="holdings-total-2"' not in svg


def test_exports_assert_no_balance_where_holdings_are_not_known(caledger, load, db, tmp_path):
    load(rec("a", "btc_balance_disclosed", "2025-03-31", btc="100"),
         rec("m", "btc_mined", "2025-04", btc="5"))
    summary = run_json(caledger, "export", "hledger", "TEST", "--out",
                       str(tmp_path / "t.journal"), "--db", db)
    journal = (tmp_path / "t.journal").read_text()
    # only the total is known: no assertion about loaned, pledged or unencumbered bitcoin
    assert summary["balance_assertions"] == 2
    assert "Assets:TEST:BTC    0 BTC =* 100.00000000 BTC" in journal
    assert "Assets:TEST:BTC:Loaned    0 BTC =" not in journal
    assert "Unencumbered    0 BTC =" not in journal


def test_changes_keep_not_known_as_not_known(caledger, load, db):
    load(rec("m", "btc_mined", "2025-Q1", btc="10"))
    load(rec("a", "btc_balance_disclosed", "2025-03-31", btc="60"))
    data = run_json(caledger, "changes", "TEST", "--since", "@0", "--db", db)
    [figures] = [c["figures"] for c in data["companies"]]
    [day] = [f for f in figures if f["date"] == "2025-03-31"]
    assert day["before"]["total"] is None and day["before"]["status"]["total"] == "not known"
    assert day["after"]["total"] == "60"
    assert "not known -> 60" in text(caledger, "changes", "TEST", "--since", "@0", "--db", db)


def test_comparing_companies_shows_not_known_for_each(caledger, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-03-31", btc="60"),
         rec("r", "btc_mined", "2025-06", btc="3", company="RIOT"))
    rows = run_json(caledger, "holdings", "--all", "--as-of", "2025-04-30", "--db", db)
    by_company = {r["company"]: r for r in rows}
    assert by_company["RIOT"]["btc"]["total"] is None
    assert by_company["TEST"]["btc"]["total"] == "60"
    table = text(caledger, "holdings", "--all", "--as-of", "2025-04-30", "--db", db)
    assert "not known" in table
    # capital totals nothing recorded gives are not known either, not $0
    caps = run_json(caledger, "capital", "--all", "--as-of", "2025-04-30", "--db", db)
    assert [(c["company"], c["notes"]["outstanding_usd"], c["equity"]["raised_usd"])
            for c in caps] == [("RIOT", None, None), ("TEST", None, None)]
    shown = text(caledger, "capital", "RIOT", "--as-of", "2025-04-30", "--db", db)
    assert "notes outstanding: not known (no notes issued or retired recorded by 2025-04-30)" \
        in shown and "$0" not in shown


def test_the_report_page_has_a_current_row_and_results_of_their_own(caledger, seeded,
                                                                      tmp_path):
    result = caledger("report", "MARA", "--out", str(tmp_path / "site"), "--as-of",
                      "2026-03-31", "--db", seeded, "--sources", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    # no document is in tmp_path: one warning each, and no dead link
    assert result.stderr.count("warning: --sources") == 4
    page = (tmp_path / "site" / "MARA.html").read_text()
    assert "<td>2026-03-31 (as of)</td>" in page
    assert '<section id="results"><h2>Results for 2026-Q1</h2>' in page
    assert 'href="../003_c65e9beb0fefa6f0.txt"' not in page
    capital = page[page.index('<section id="capital">'):page.index('<section id="results">')]
    assert "results.net_income_usd" not in capital
    assert '<span class="unknown">not known</span>' in page


# --- figures from inconsistent records (item 8) ----------------------------------------------


def test_a_retirement_beyond_what_is_outstanding_is_refused(caledger, load, db, tmp_path):
    load(rec("n1", "notes_issued", "2025-01", principal_usd="100000", coupon_percent="0",
             convertible=True, conversion_rate="10"),
         rec("r1", "notes_retired", "2025-02", principal_usd="60000", how="repaid",
             notes_id="n1"))
    path = tmp_path / "more.jsonl"
    path.write_text(json.dumps(rec("r2", "notes_retired", "2025-03", principal_usd="50000",
                                   how="repaid", notes_id="n1")))
    line = the_one_error_line(caledger("import", "--db", db, str(path)))
    assert 'record "r2" field principal_usd: retires $50,000 of notes "n1", which have ' \
           "$40,000 outstanding as recorded ($100,000 issued, $60,000 already retired)" in line
    # the same in one file, the second retirement after the first
    path.write_text("\n".join(json.dumps(r) for r in (
        rec("n2", "notes_issued", "2025-01", principal_usd="1000", coupon_percent="0",
            convertible=False),
        rec("r3", "notes_retired", "2025-02", principal_usd="600", how="repaid", notes_id="n2"),
        rec("r4", "notes_retired", "2025-03", principal_usd="600", how="repaid",
            notes_id="n2"))))
    line = the_one_error_line(caledger("import", "--db", db, str(path)))
    assert 'record "r4" field principal_usd' in line and "$400 outstanding" in line
    # what is left can be retired, and correcting a retirement counts it once
    load(rec("r5", "notes_retired", "2025-03", principal_usd="40000", how="repaid",
             notes_id="n1"))
    corrected = caledger("correct", "r5", "--principal-usd", "30000", "--reason", "restated",
                         "--db", db)
    assert corrected.exit_code == 0, corrected.stderr
    capital = run_json(caledger, "capital", "TEST", "--as-of", "2025-12-31", "--db", db)
    assert capital["notes"]["outstanding_usd"] == "10000"


def test_conversion_terms_that_disagree_are_refused(caledger, db, tmp_path):
    path = tmp_path / "terms.jsonl"
    path.write_text(json.dumps(rec("n", "notes_issued", "2025-01", principal_usd="1000000",
                                   coupon_percent="0", convertible=True,
                                   conversion_rate="10", conversion_price_usd="50")))
    line = the_one_error_line(caledger("import", "--db", db, str(path)))
    assert "conversion_rate 10 shares per $1,000 and conversion_price_usd 50 disagree: 10 " \
           "shares per $1,000 is $100.00 a share, and $50 a share is 20 shares per $1,000" in line
    # terms that agree within the stated figures' rounding are accepted
    path.write_text(json.dumps(rec("n", "notes_issued", "2025-01", principal_usd="1000000",
                                   coupon_percent="0", convertible=True,
                                   conversion_rate="2.5126", conversion_price_usd="398")))
    assert caledger("import", "--db", db, str(path)).exit_code == 0


def test_an_over_retirement_already_held_never_makes_a_count_negative(caledger, load, db):
    issue = rec("n1", "notes_issued", "2025-01", principal_usd="100000", coupon_percent="0",
                convertible=True, conversion_rate="10")
    load(issue, rec("s", "shares_outstanding_disclosed", "2025-01-31", shares="1000000"),
         rec("d", "dilutive_securities_disclosed", "2025-01-31", options="0"),
         rec("r1", "notes_retired", "2025-02", principal_usd="100000", how="repaid",
             notes_id="n1"))
    # the issue corrected down afterwards (refused now; an older ledger may hold such a
    # correction): the ledger now holds more retired than issued
    with amendments_unchecked():
        load({"id": "n1-fix", "type": "correction", "corrects": "n1", "reason": "restated",
              "event": {**{k: v for k, v in issue.items() if k != "id"},
                        "principal_usd": "50000"}})
    capital = run_json(caledger, "capital", "TEST", "--as-of", "2025-12-31", "--db", db)
    assert capital["notes"]["outstanding_usd"] == "0"
    assert capital["notes"]["issues"][0]["outstanding_usd"] == "0"
    shares = run_json(caledger, "shares", "TEST", "--as-of", "2025-12-31", "--db", db)
    assert shares["shares"]["notes_as_converted"] == "0"
    assert shares["shares"]["assumed_diluted"] == "1000000"
    problems = run_json(caledger, "reconcile", "TEST", "--db", db)["capital"]
    assert [(p["figure"], p["value"]) for p in problems] == [("notes.n1.outstanding", "-50000")]


# --- the rule, for every input ----------------------------------------------------------------

_DAY0 = date(2025, 1, 1)
_FLOWS = ("btc_mined", "btc_purchased", "btc_sold", "btc_loaned", "btc_loan_returned",
          "btc_pledged", "btc_pledge_released")


@st.composite
def _records(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for i in range(draw(st.integers(0, 6))):
        day = _DAY0 + timedelta(days=draw(st.integers(0, 90)))
        if draw(st.booleans()):
            fields: dict[str, Any] = {"btc": str(draw(st.integers(0, 50)))}
            for bucket in ("loaned", "pledged"):
                if draw(st.booleans()):
                    fields[bucket] = "0"
            out.append(rec(f"a{i}", "btc_balance_disclosed", day.isoformat(), **fields))
        else:
            out.append(rec(f"f{i}", draw(st.sampled_from(_FLOWS)), day.isoformat(),
                           btc=str(draw(st.integers(1, 20)))))
    return out


@given(records=_records(), offset=st.integers(0, 100))
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                  HealthCheck.too_slow])
def test_a_figure_is_zero_only_when_a_record_makes_it_zero(make_db, records, offset):
    """Every holdings figure is null when nothing recorded gives it; it is 0 only when a
    disclosed balance states 0 or recorded flows sum to 0 from a known starting point."""
    db = make_db()
    if records:
        import_records(db, records)
    else:
        import_records(db, [rec("other", "btc_mined", "2024-01", company="OTHER", btc="1")])
    day = _DAY0 + timedelta(days=offset)
    if not records:
        return  # TEST has no records: it is not even a company of the ledger
    data = api.holdings_json(api.holdings(db, "TEST", day.isoformat()))
    ended = [r for r in records if r["effective"] <= day.isoformat()]
    for bucket in ("total", "loaned", "pledged"):
        anchors = [r for r in ended if r["type"] == "btc_balance_disclosed"
                   and (bucket == "total" or bucket in r)]
        moving = {"total": ("btc_mined", "btc_purchased", "btc_sold"),
                  "loaned": ("btc_loaned", "btc_loan_returned"),
                  "pledged": ("btc_pledged", "btc_pledge_released")}[bucket]
        flows = [r for r in ended if r["type"] in moving]
        value, status = data["btc"][bucket], data["status"][bucket]
        if not anchors and not flows:
            assert (value, status) == (None, "not known")
            continue
        sign = {"btc_sold": -1, "btc_loan_returned": -1, "btc_pledge_released": -1}
        if not anchors and sum(Decimal(f["btc"]) * sign.get(f["type"], 1) for f in flows) < 0:
            # flows alone summing below zero: bitcoin held before the first of them
            assert (value, status) == (None, "not known")
            assert "before its first recorded" in data["reason"][bucket]
            continue
        assert value is not None
        if Decimal(value) == 0:
            # a disclosed zero, or flows summing to zero after a known starting point
            latest = max(anchors, key=lambda r: r["effective"], default=None)
            stated = latest["btc" if bucket == "total" else bucket] if latest else None
            after = [f for f in flows if latest is None or f["effective"] > latest["effective"]]
            summed = sum(Decimal(f["btc"]) * sign.get(f["type"], 1) for f in after)
            assert (stated is not None and Decimal(stated) + summed == 0) or (
                stated is None and summed == 0 and after), (records, day, bucket)
    if any(data["status"][b] == "not known" for b in ("total", "loaned", "pledged")):
        assert data["btc"]["unencumbered"] is None


def test_value_all_marks_flows_only_figures(caledger, load, db):
    load(rec("m", "btc_mined", "2025-01", btc="100"),
         {"id": "p", "type": "price_observed", "company": "BTC", "asset": "BTC",
          "effective": "2025-01-31", "close": "90000",
          "sources": [{"document": "prices.csv", "line": 2}]})
    shown = text(caledger, "value", "--all", "--as-of", "2025-01-31", "--db", db)
    row = [line for line in shown.splitlines() if line.startswith("TEST")][0]
    assert row.split()[1:3] == ["100*", "9,000,000*"]
    assert "* flows only: no disclosed balance, the sum of recorded flows" in shown
