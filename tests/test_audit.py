"""The audit, through the real CLI: explain how a figure was derived, reconcile the company's
own figures, and verify that the stored log was never changed.

Every --json report says where it was computed ("position" and the chain's "head_hash"
there), so it can be reproduced with --known-at @position.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import SEEDS, fingerprint, raw, rec, tamper, the_one_error_line

SALE = "mara-2026q1-btc-sale"
PURCHASE = "mara-2024q4-purchase"
MINED = "mara-2024q4-mined"
YEAR_END = "mara-2024-12-31-balance"
Q3_BALANCE = "mara-2025-09-30-balance"


# --- helpers ---------------------------------------------------------------------------------


def holdings(run, db: str, company: str, day: str, *extra: str) -> dict:
    return run("holdings", company, "--as-of", day, "--db", db, "--json", *extra)


def explain(run, db: str, company: str, day: str, *extra: str) -> dict:
    return run("explain", company, *extra, "--as-of", day, "--db", db, "--json")


def left_out(report: dict) -> dict[str, str]:
    return {item["record"]["id"]: item["why"] for item in report["left_out"]}


def sql(db: str, statement: str, *params: Any) -> None:
    """Change the store behind the library's back, as a tamperer would (either store)."""
    tamper(db, statement, *params)


def stored_state(db: str, position: int) -> bytes:
    with raw(db) as conn:
        (state,) = conn.execute("SELECT state FROM stored_events WHERE rowid = ?",
                                (position,)).fetchone()
    return bytes(state)


# --- reconcile on the seeds ------------------------------------------------------------------


def test_reconcile_finds_7957_btc_unexplained_between_the_two_disclosed_balances(run, seeded):
    report = run("reconcile", "MARA", "--db", seeded, "--json")

    total_pairs = [b for b in report["balances"] if b["bucket"] == "total"]
    assert len(total_pairs) == 1
    pair = total_pairs[0]
    assert pair["opening"] == {"id": YEAR_END, "date": "2024-12-31", "btc": "44893"}
    assert pair["closing"] == {"id": Q3_BALANCE, "date": "2025-09-30", "btc": "52850"}
    assert pair["flows"] == [] and pair["itemized"] == "0"
    assert pair["expected"] == "44893"
    assert pair["unexplained"] == "7957"


def test_reconcile_finds_the_q4_2024_stated_change_1080_btc_above_the_itemized_flows(
        run, seeded):
    report = run("reconcile", "MARA", "--db", seeded, "--json")

    (change,) = report["changes"]
    assert change["id"] == "mara-2024q4-change" and change["effective"] == "2024-Q4"
    assert change["stated"] == "18146"
    assert change["itemized"] == "17066"
    assert change["unexplained"] == "1080"
    assert sorted((f["id"], f["delta"]) for f in change["flows"]) == [
        (MINED, "2492"), (PURCHASE, "14574")]
    assert report["issues"] == 2
    assert report["negative"] == [] and report["duplicates"] == []


def test_reconcile_in_text_shows_both_unexplained_figures(run, seeded):
    text = run("reconcile", "MARA", "--db", seeded).stdout

    assert "+7,957" in text and "+1,080" in text
    assert "18,146" in text and "17,066" in text


def test_reconcile_strict_fails_on_the_seeds(caledger, seeded):
    result = caledger("reconcile", "MARA", "--strict", "--db", seeded, "--json")

    assert result.exit_code != 0
    assert json.loads(result.stdout)["issues"] == 2
    assert result.stderr.strip().splitlines() == ["error: MARA: 2 unexplained items"]


def test_reconcile_as_known_before_a_correction_still_shows_the_old_variance(run, seeded):
    fix = run("correct", "mara-2024q4-change", "--btc", "17066",
              "--reason", "the stated change was misread", "--db", seeded, "--json")

    now = run("reconcile", "MARA", "--db", seeded, "--json")
    assert now["changes"][0]["stated"] == "17066" and now["changes"][0]["unexplained"] == "0"
    assert now["issues"] == 1

    before = run("reconcile", "MARA", "--known-at", f"@{fix['position'] - 1}", "--db", seeded,
                 "--json")
    assert before["changes"][0]["unexplained"] == "1080" and before["issues"] == 2
    assert before["position"] == fix["position"] - 1


# --- reconcile on small ledgers --------------------------------------------------------------


BALANCED = (
    rec("open", "btc_balance_disclosed", "2025-01-31", btc="100"),
    rec("mined", "btc_mined", "2025-02", btc="10"),
    rec("bought", "btc_purchased", "2025-03", btc="20"),
    rec("sold", "btc_sold", "2025-03-15", btc="5"),
    rec("lent", "btc_loaned", "2025-02-15", btc="30", counterparty="Desk"),
    rec("close", "btc_balance_disclosed", "2025-03-31", btc="125", loaned="30"),
    rec("q1", "btc_change_disclosed", "2025-Q1", btc="25"),
)


def test_reconcile_strict_passes_when_everything_adds_up(caledger, load, db):
    load(*BALANCED)

    result = caledger("reconcile", "TEST", "--strict", "--db", db, "--json")

    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["issues"] == 0
    (pair,) = [b for b in report["balances"] if b["bucket"] == "total"]
    assert (pair["opening"]["btc"], pair["itemized"], pair["closing"]["btc"],
            pair["unexplained"]) == ("100", "25", "125", "0")
    (change,) = report["changes"]
    assert (change["stated"], change["itemized"], change["unexplained"]) == ("25", "25", "0")
    assert report["negative"] == [] and report["duplicates"] == []


def test_reconcile_strict_fails_once_a_later_balance_disagrees(caledger, load, db):
    load(*BALANCED)
    load(rec("later", "btc_balance_disclosed", "2025-04-30", btc="120"))

    result = caledger("reconcile", "TEST", "--strict", "--db", db, "--json")

    assert result.exit_code != 0
    report = json.loads(result.stdout)
    pair = next(b for b in report["balances"] if b["closing"]["id"] == "later")
    assert pair["expected"] == "125" and pair["unexplained"] == "-5"
    assert report["issues"] == 1


def test_a_sale_larger_than_the_balance_is_flagged_negative_on_its_date(run, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-01-31", btc="10"),
         rec("s", "btc_sold", "2025-02-10", btc="15"),
         rec("m", "btc_mined", "2025-03", btc="20"))

    report = run("reconcile", "TEST", "--db", db, "--json")

    negative = {(n["date"], n["bucket"]): (n["btc"], n["sum"], n["status"])
                for n in report["negative"]}
    # One problem, one issue: unencumbered (not known: the balance states no loaned or
    # pledged bitcoin) goes below zero with the total, and is not listed again.
    assert negative == {("2025-02-10", "total"): ("-5", "-5", "derived")}
    held = run("holdings", "TEST", "--as-of", "2025-02-10", "--db", db, "--json")
    assert held["btc"]["unencumbered"] is None
    assert report["negative"][0]["reason"] == held["reason"]["total"]
    assert report["issues"] == 1


def test_loaning_more_than_is_owned_leaves_unencumbered_negative(run, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-01-31", btc="10"),
         rec("l", "btc_loaned", "2025-02-10", btc="12"))

    report = run("reconcile", "TEST", "--db", db, "--json")

    # not known, as holdings says; pledged is not known, so there is no sum: 10 - 12 is the
    # most it can be
    assert [(n["date"], n["bucket"], n["btc"], n["sum"], n["at_most"])
            for n in report["negative"]] == [("2025-02-10", "unencumbered", None, None, "-2")]


def test_the_same_purchase_reported_for_overlapping_periods_is_a_likely_duplicate(
        caledger, load, db):
    load(rec("q1-purchase", "btc_purchased", "2025-Q1", btc="100"),
         rec("feb-purchase", "btc_purchased", "2025-02", btc="100.0"))

    result = caledger("reconcile", "TEST", "--strict", "--db", db, "--json")

    assert result.exit_code != 0
    report = json.loads(result.stdout)
    assert [(d["type"], sorted(d["records"])) for d in report["duplicates"]] == [
        ("btc_purchased", ["feb-purchase", "q1-purchase"])]
    assert sorted(report["duplicates"][0]["effective"]) == ["2025-02", "2025-Q1"]


def test_the_same_sale_reported_with_and_without_its_price_is_a_likely_duplicate(run, load, db):
    # Two articles report one sale: same type, same 20,880 BTC, same quarter; only one of
    # them gives the price.
    load(rec("sale-from-002", "btc_sold", "2026-Q1", btc="20880", usd="1500000000"),
         rec("sale-from-001", "btc_sold", "2026-Q1", btc="20880"))

    report = run("reconcile", "TEST", "--db", db, "--json")

    assert [sorted(d["records"]) for d in report["duplicates"]] == [
        ["sale-from-001", "sale-from-002"]]


def test_returning_more_than_was_loaned_leaves_the_loaned_bucket_negative(run, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-01-31", btc="10", loaned="2"),
         rec("r", "btc_loan_returned", "2025-02-10", btc="3"))

    report = run("reconcile", "TEST", "--db", db, "--json")

    assert [(n["date"], n["bucket"], n["btc"]) for n in report["negative"]] == [
        ("2025-02-10", "loaned", "-1")]


@pytest.mark.parametrize("other", [
    pytest.param(rec("other", "btc_purchased", "2025-02", btc="101"), id="other-amount"),
    pytest.param(rec("other", "btc_purchased", "2025-Q2", btc="100"), id="later-quarter"),
    pytest.param(rec("other", "btc_mined", "2025-02", btc="100"), id="other-type"),
])
def test_no_duplicate_without_the_same_type_amount_and_overlapping_period(run, load, db, other):
    load(rec("q1-purchase", "btc_purchased", "2025-Q1", btc="100"), other)

    report = run("reconcile", "TEST", "--db", db, "--json")

    assert report["duplicates"] == []


def test_a_retracted_duplicate_is_no_longer_reported(run, load, db):
    load(rec("q1-purchase", "btc_purchased", "2025-Q1", btc="100"),
         rec("feb-purchase", "btc_purchased", "2025-02", btc="100"))
    run("retract", "feb-purchase", "--reason", "same purchase as q1-purchase", "--db", db)

    assert run("reconcile", "TEST", "--db", db, "--json")["duplicates"] == []
    before = run("reconcile", "TEST", "--known-at", "@2", "--db", db, "--json")
    assert len(before["duplicates"]) == 1


# --- explain ---------------------------------------------------------------------------------


def test_explain_mara_at_the_end_of_q1_2026_walks_from_the_anchor_to_31970(run, seeded):
    report = explain(run, seeded, "MARA", "2026-03-31")
    held = holdings(run, seeded, "MARA", "2026-03-31")

    assert report["figure"] == "btc.total"
    assert report["value"] == "31970" == held["btc"]["total"]
    assert [(s["action"], s["amount"], s["running"], s["record"]["id"])
            for s in report["steps"]] == [
        ("anchor", "52850", "52850", Q3_BALANCE),
        ("subtract", "20880", "31970", SALE)]
    out = left_out(report)
    assert out[MINED].startswith("before the anchor") and Q3_BALANCE in out[MINED]
    assert out[PURCHASE].startswith("before the anchor")
    assert report["position"] == held["position"] == 15
    assert report["head_hash"] == held["head_hash"]


def test_explain_in_text_ends_in_the_number_holdings_prints(run, seeded):
    text = run("explain", "MARA", "--as-of", "2026-03-31", "--db", seeded).stdout
    held = run("holdings", "MARA", "--as-of", "2026-03-31", "--db", seeded).stdout

    assert text.splitlines()[0].endswith(
        "= 31,970 (derived: balance disclosed on 2025-09-30 (mara-2025-09-30-balance), 182 "
        "days before 2026-03-31, rolled forward by 1 recorded flow)")
    assert "31,970" in held
    assert "before the anchor" in text


def test_explain_inside_q1_2026_lists_the_sale_as_in_progress(run, seeded):
    report = explain(run, seeded, "MARA", "2026-02-15")

    assert report["value"] == "52850" == holdings(run, seeded, "MARA", "2026-02-15")["btc"]["total"]
    assert [s["action"] for s in report["steps"]] == ["anchor"]
    assert left_out(report)[SALE].startswith("in progress")


def test_explain_before_anything_is_recorded_says_the_figure_is_not_known(run, seeded):
    report = explain(run, seeded, "MARA", "2024-12-30")

    assert report["value"] is None
    assert holdings(run, seeded, "MARA", "2024-12-30")["btc"]["total"] is None
    assert report["status"] == "not known" and report["steps"] == []
    assert report["reason"] == ("no disclosed balance on or before 2024-12-30, and no recorded "
                                "flow ended by then")
    assert report["anchor"] is None


LOANS_AND_PLEDGES = (
    rec("a", "btc_balance_disclosed", "2025-01-31", btc="1000", loaned="100"),
    rec("l", "btc_loaned", "2025-02-10", btc="300", counterparty="Desk"),
    rec("p", "btc_pledged", "2025-02-11", btc="200"),
    rec("m", "btc_mined", "2025-02", btc="7.5"),
    rec("r", "btc_loan_returned", "2025-02-20", btc="100"),
    rec("x", "btc_pledge_released", "2025-Q1", btc="50"),
    rec("s", "btc_sold", "2025-03-05", btc="12.25"),
)


@pytest.mark.parametrize("figure", ["btc.total", "btc.loaned", "btc.pledged",
                                    "btc.unencumbered"])
@pytest.mark.parametrize("day", ["2025-01-31", "2025-02-15", "2025-02-28", "2025-03-31"])
def test_explain_each_bucket_ends_in_what_holdings_prints(run, load, db, figure, day):
    load(*LOANS_AND_PLEDGES)

    report = explain(run, db, "TEST", day, figure)
    held = holdings(run, db, "TEST", day)

    assert report["figure"] == figure
    assert report["value"] == held["btc"][figure.removeprefix("btc.")]


def test_explain_unencumbered_shows_each_bucket_and_how_they_combine(run, load, db):
    load(*LOANS_AND_PLEDGES)

    report = explain(run, db, "TEST", "2025-03-31", "btc.unencumbered")

    # total 1000 + 7.5 - 12.25; loaned 100 + 300 - 100; pledged 200 - 50
    assert report["value"] == "545.25"
    combine = report["steps"][-1]
    assert combine["action"] == "combine" and combine["running"] == "545.25"
    running = {s["bucket"]: s["running"] for s in report["steps"] if s["action"] != "combine"}
    assert running == {"total": "995.25", "loaned": "300", "pledged": "150"}


def test_explain_loaned_walks_from_the_anchor_that_states_it(run, load, db):
    load(*LOANS_AND_PLEDGES)

    report = explain(run, db, "TEST", "2025-02-28", "btc.loaned")

    assert [(s["action"], s["amount"], s["running"]) for s in report["steps"]] == [
        ("anchor", "100", "100"), ("add", "300", "400"), ("subtract", "100", "300")]
    assert report["value"] == "300"


def test_explain_after_a_retraction_lists_the_record_and_the_retraction(run, seeded):
    gone = run("retract", SALE, "--reason", "never made", "--db", seeded, "--json")

    report = explain(run, seeded, "MARA", "2026-03-31")

    assert report["value"] == "52850" == holdings(run, seeded, "MARA", "2026-03-31")["btc"]["total"]
    assert [s["action"] for s in report["steps"]] == ["anchor"]
    why = left_out(report)[SALE]
    assert "retracted" in why and gone["id"] in why

    before = explain(run, seeded, "MARA", "2026-03-31", "--known-at", f"@{gone['position'] - 1}")
    assert before["value"] == "31970" and SALE not in left_out(before)


def test_explain_after_retracting_the_latest_balance_falls_back_to_the_one_before(
        run, seeded):
    gone = run("retract", Q3_BALANCE, "--reason", "misattributed", "--db", seeded, "--json")

    report = explain(run, seeded, "MARA", "2026-03-31")

    # 44,893 at 2024-12-31, less the 20,880 sold in 2026-Q1
    assert report["value"] == "24013" == holdings(run, seeded, "MARA", "2026-03-31")["btc"]["total"]
    assert [(s["action"], s["record"]["id"]) for s in report["steps"]] == [
        ("anchor", YEAR_END), ("subtract", SALE)]
    out = left_out(report)
    assert "retracted" in out[Q3_BALANCE] and gone["id"] in out[Q3_BALANCE]
    assert out[MINED].startswith("before the anchor") and YEAR_END in out[MINED]
    reconciled = run("reconcile", "MARA", "--db", seeded, "--json")
    assert reconciled["balances"] == [] and reconciled["issues"] == 1


def test_explain_after_a_correction_lists_the_superseded_version(run, seeded):
    fix = run("correct", SALE, "--btc", "20000", "--reason", "typo", "--db", seeded, "--json")

    report = explain(run, seeded, "MARA", "2026-03-31")

    assert report["value"] == "32850"
    assert report["steps"][-1]["amount"] == "20000"
    superseded = [i for i in report["left_out"] if i["record"]["id"] == SALE]
    assert len(superseded) == 1
    assert "superseded" in superseded[0]["why"] and fix["id"] in superseded[0]["why"]
    assert superseded[0]["record"]["btc"] == "20880"


def test_explain_an_unknown_figure_is_one_error_line(caledger, seeded):
    line = the_one_error_line(caledger("explain", "MARA", "btc.owned", "--as-of", "2026-03-31",
                                       "--db", seeded))

    assert '"btc.owned"' in line and "btc.unencumbered" in line


# --- verify: the tamper-evident log ----------------------------------------------------------


def test_verify_passes_on_an_untouched_store(run, seeded):
    report = run("verify", "--db", seeded, "--json")
    held = holdings(run, seeded, "MARA", "2026-03-31")

    assert report["ok"] is True and report["first_broken"] is None
    assert report["events_checked"] == 15 and report["position"] == 15
    assert report["head_hash"] == held["head_hash"]
    assert len(report["head_hash"]) == 64
    assert run("verify", "--db", seeded).stdout.startswith("ok: 15 stored events, head @15 ")
    # plain verify says it checked the log, not the read model (REVIEW2 finding 1)
    assert run("verify", "--db", seeded).stdout.splitlines()[1] == (
        "not checked: the read model every query reads (caledger verify --read-model "
        "compares it with the log)")
    assert "not checked" not in run("verify", "--read-model", "--db", seeded).stdout


def test_verify_passes_after_amendments(run, seeded):
    run("correct", SALE, "--btc", "20000", "--reason", "typo", "--db", seeded)
    run("retract", PURCHASE, "--reason", "duplicate", "--db", seeded)

    report = run("verify", "--db", seeded, "--json")

    assert report["ok"] is True and report["events_checked"] == 19
    assert report["head_hash"] == holdings(run, seeded, "MARA", "2026-03-31")["head_hash"]


def test_changing_one_byte_of_a_stored_event_is_found_at_its_position(caledger, run, seeded):
    at_five = next(r["id"] for r in run("history", "MARA", "--db", seeded, "--json")
                   if r["position"] == 5)
    assert at_five == SALE
    state = stored_state(seeded, 5)
    assert state.count(b'"btc":"20880"') == 1
    sql(seeded, "UPDATE stored_events SET state = ? WHERE rowid = 5",
        state.replace(b'"btc":"20880"', b'"btc":"20881"'))

    result = caledger("verify", "--db", seeded, "--json")

    assert result.exit_code != 0
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["first_broken"]["position"] == 5
    assert report["first_broken"]["record_id"] == SALE
    assert report["events_checked"] == 4
    line = the_one_error_line(caledger("verify", "--db", seeded))
    assert "@5" in line and SALE in line


def test_a_byte_change_that_leaves_the_event_unreadable_still_names_its_record(
        caledger, seeded):
    state = stored_state(seeded, 5)
    assert state.startswith(b"{")
    sql(seeded, "UPDATE stored_events SET state = ? WHERE rowid = 5", b"[" + state[1:])

    result = caledger("verify", "--db", seeded, "--json")

    assert result.exit_code != 0
    broken = json.loads(result.stdout)["first_broken"]
    assert broken["position"] == 5
    assert broken["record_id"] == SALE


def test_changing_a_recorded_hash_is_found_at_its_position(caledger, seeded):
    sql(seeded, "UPDATE ledger_chain SET hash = ? WHERE position = 7", "0" * 64)

    result = caledger("verify", "--db", seeded, "--json")

    assert result.exit_code != 0
    broken = json.loads(result.stdout)["first_broken"]
    assert broken["position"] == 7 and broken["record_id"] == "mara-2026q1-long-ridge-acquisition"


def test_deleting_the_last_chain_link_is_detected(caledger, seeded):
    sql(seeded, "DELETE FROM ledger_chain WHERE position = 13")

    result = caledger("verify", "--db", seeded, "--json")

    assert result.exit_code != 0
    broken = json.loads(result.stdout)["first_broken"]
    assert broken["position"] == 13 and broken["record_id"] == "mara-2024q4-results"


def test_writing_after_the_last_chain_link_was_deleted_is_one_error_line_and_stores_nothing(
        caledger, seeded):
    sql(seeded, "DELETE FROM ledger_chain WHERE position = 15")
    tampered = fingerprint(seeded)

    line = the_one_error_line(caledger(
        "append", "btc_mined", "--company", "MARA", "--effective", "2026-04", "--btc", "5",
        "--source", "notes.txt:1", "--db", seeded))

    assert fingerprint(seeded) == tampered
    assert "chain" in line


def test_deleting_a_stored_event_is_detected(caledger, seeded):
    sql(seeded, "DELETE FROM stored_events WHERE rowid = 9")

    result = caledger("verify", "--db", seeded, "--json")

    assert result.exit_code != 0
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["first_broken"]["position"] == 9
    assert report["events_checked"] == 8


def test_deleting_the_last_stored_event_is_detected(caledger, seeded):
    sql(seeded, "DELETE FROM stored_events WHERE rowid = 13")

    result = caledger("verify", "--db", seeded, "--json")

    assert result.exit_code != 0
    assert json.loads(result.stdout)["first_broken"]["position"] == 13


def test_verify_passes_after_the_read_model_is_rebuilt(run, seeded):
    head = run("verify", "--db", seeded, "--json")["head_hash"]

    run("rebuild", "--db", seeded)

    report = run("verify", "--db", seeded, "--json")
    assert report["ok"] is True and report["head_hash"] == head


def test_verify_changes_nothing(run, seeded):
    before = fingerprint(seeded)
    run("verify", "--db", seeded, "--json")
    assert fingerprint(seeded) == before


# --- reports say where they were computed ----------------------------------------------------


def test_known_at_reports_carry_the_position_and_head_hash_of_that_moment(caledger, run, db):
    first, *rest = SEEDS  # 000_*: four records, the 2025-09-30 balance among them
    assert caledger("import", "--db", db, str(first)).exit_code == 0
    then = holdings(run, db, "MARA", "2025-09-30")
    assert then["position"] == 4
    assert caledger("import", "--db", db, *map(str, rest)).exit_code == 0
    now = holdings(run, db, "MARA", "2025-09-30")
    assert now["position"] == 15 and now["head_hash"] != then["head_hash"]

    at4 = ("--known-at", "@4")
    reports = {
        "holdings": holdings(run, db, "MARA", "2025-09-30", *at4),
        "explain": explain(run, db, "MARA", "2025-09-30", *at4),
        "reconcile": run("reconcile", "MARA", *at4, "--db", db, "--json"),
        "show": run("show", Q3_BALANCE, *at4, "--db", db, "--json"),
    }
    for name, report in reports.items():
        assert (report["position"], report["head_hash"], report["known_at"]) == (
            4, then["head_hash"], "@4"), name
    assert reports["reconcile"]["balances"] == [] and reports["reconcile"]["changes"] == []
    assert reports["explain"]["value"] == then["btc"]["total"] == "52850"


def test_every_json_report_carries_position_and_head_hash(run, seeded):
    head = run("verify", "--db", seeded, "--json")["head_hash"]
    reports = [
        holdings(run, seeded, "MARA", "2026-03-31"),
        explain(run, seeded, "MARA", "2026-03-31"),
        run("reconcile", "MARA", "--db", seeded, "--json"),
        run("show", SALE, "--db", seeded, "--json"),
    ]
    for report in reports:
        assert (report["position"], report["head_hash"]) == (15, head)


@pytest.mark.parametrize("sats", [0, 1, -1, 8, 100_000_000, -100_000_000, 2_100_000_000_000_000,
                                  -250_000_000, 150_000_000, -150_000_001, 12_345_678_901,
                                  10**27 + 1])
def test_reconcile_writes_an_amount_from_satoshis_as_every_amount_is_written(sats):
    """reconcile formats its amounts from integer satoshis (``audit.sats_text``): the same
    text as the decimal's one form everywhere else (``canonical(from_sats(...))``)."""
    from ledger.values import canonical, from_sats
    from projections.audit import sats_text

    assert sats_text(sats) == canonical(from_sats(sats))


def test_a_flow_straddling_its_anchor_is_flagged_in_the_reason_and_in_reconcile(run, load, db):
    """A 2025-Q4 mining total counted after a balance disclosed on 2025-11-30 (part of it
    may already be in the balance): the figure's reason says so in JSON, series carries the
    same reason, and reconcile lists it (a flag, not an issue)."""
    load(rec("bal", "btc_balance_disclosed", "2025-11-30", btc="6210", loaned="0",
             pledged="0"),
         rec("q4", "btc_mined", "2025-Q4", btc="100"),
         rec("dec", "btc_purchased", "2025-12-15", btc="5"),   # after the anchor: no flag
         rec("oct", "btc_purchased", "2025-10", btc="7"))      # in the anchor: not counted
    held = run("holdings", "TEST", "--as-of", "2025-12-31", "--db", db, "--json")
    assert held["btc"]["total"] == "6315" and held["status"]["total"] == "derived"
    assert held["reason"]["total"] == (
        "balance disclosed on 2025-11-30 (bal), 31 days before 2025-12-31, rolled forward by 2 "
        "recorded flows; flagged: "
        "the period of q4 starts on or before the anchor's date, so part of it may already "
        "be in the anchor")
    assert held["reason"]["loaned"] == ("loaned bitcoin disclosed on 2025-11-30 (bal), 31 days "
                                        "before 2025-12-31, rolled forward by 0 recorded flows")
    series = run("series", "TEST", "--from", "2025-12", "--to", "2025-12", "--every", "month",
                 "--db", db, "--json")
    assert series["rows"][-1]["reason"] == held["reason"]["total"]

    report = run("reconcile", "TEST", "--db", db, "--json")
    assert report["straddling"] == [{"id": "q4", "type": "btc_mined", "effective": "2025-Q4",
                                     "bucket": "total",
                                     "anchor": {"id": "bal", "date": "2025-11-30"}}]
    assert report["issues"] == 0
    text = run("reconcile", "TEST", "--db", db).stdout
    assert ("STRADDLES total: q4 (btc_mined, 2025-Q4) starts on or before the disclosed "
            "balance bal of 2025-11-30: counted after it, part may already be in it") in text
    # a later balance: q4 is still counted after bal until then (still flagged), and
    # nothing straddles the later one
    load(rec("bal2", "btc_balance_disclosed", "2026-01-31", btc="6315"))
    assert run("reconcile", "TEST", "--db", db, "--json")["straddling"] == [
        {"id": "q4", "type": "btc_mined", "effective": "2025-Q4", "bucket": "total",
         "anchor": {"id": "bal", "date": "2025-11-30"}}]
