"""Corrections and retractions, through the real CLI.

Events never change: a correction or a retraction is a new record pointing at the one it
amends. It counts from the moment it is recorded; "as known at" an earlier moment still sees
the record as it was. Every refusal is one line on stderr and leaves the store as it was.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from .conftest import fingerprint, rec, seed_record, the_one_error_line

SALE = "mara-2026q1-btc-sale"          # btc_sold 20880 in 2026-Q1, stored at @5 by the seeds
PURCHASE = "mara-2024q4-purchase"      # btc_purchased 14574 in 2024-Q4, stored at @10
Q1_END = "2026-03-31"                  # MARA held 52,850 - 20,880 = 31,970 BTC then


# --- helpers ---------------------------------------------------------------------------------


def correction(id: str, corrects: str, event: dict, reason: str = "restated") -> dict:
    return {"id": id, "type": "correction", "corrects": corrects, "event": event,
            "reason": reason}


def retraction(id: str, retracts: str, reason: str = "withdrawn") -> dict:
    return {"id": id, "type": "retraction", "retracts": retracts, "reason": reason}


@pytest.fixture
def import_file(caledger, db, tmp_path: Path):
    """``import_file(*records)``: the raw result of importing them, successful or not."""
    counter = iter(range(1000))

    def do(*records: dict):
        path = tmp_path / f"amend{next(counter)}.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
        return caledger("import", "--db", db, str(path))

    return do


def total(run, db: str, company: str, day: str, *extra: str) -> str:
    return run("holdings", company, "--as-of", day, "--db", db, "--json", *extra)["btc"]["total"]


def statuses(run, db: str, company: str, *extra: str) -> dict[str, str]:
    return {r["id"]: r["status"] for r in run("history", company, "--db", db, "--json", *extra)}


# --- corrections -----------------------------------------------------------------------------


def test_a_corrected_sale_counts_from_the_moment_it_is_recorded_and_not_before(run, seeded):
    assert total(run, seeded, "MARA", Q1_END) == "31970"

    fixed = run("correct", SALE, "--btc", "20000", "--reason", "the release says 20,000",
                "--db", seeded, "--json")

    assert fixed["added"] is True and fixed["position"] == 16
    assert total(run, seeded, "MARA", Q1_END) == "32850"
    assert total(run, seeded, "MARA", Q1_END, "--known-at", "@15") == "31970"
    assert total(run, seeded, "MARA", Q1_END, "--known-at", "@16") == "32850"
    before = run("holdings", "MARA", "--as-of", Q1_END, "--known-at", "@15", "--db", seeded,
                 "--json")
    assert before["position"] == 15 and before["known_at"] == "@15"


def test_a_later_correction_replaces_an_earlier_one(run, seeded):
    first = run("correct", SALE, "--btc", "20000", "--reason", "first reading",
                "--db", seeded, "--json")
    second = run("correct", SALE, "--btc", "21000", "--reason", "second reading",
                 "--db", seeded, "--json")
    assert second["position"] > first["position"]

    assert total(run, seeded, "MARA", Q1_END) == "31850"          # 52,850 - 21,000
    between = f"@{second['position'] - 1}"
    assert total(run, seeded, "MARA", Q1_END, "--known-at", between) == "32850"

    shown = run("show", SALE, "--db", seeded, "--json")
    assert shown["status"] == "corrected"
    assert shown["current"]["btc"] == "21000"
    assert shown["original"]["btc"] == "20880"


def test_running_the_same_correct_command_again_right_away_adds_nothing(caledger, run, seeded):
    first = run("correct", SALE, "--btc", "20000", "--reason", "typo", "--db", seeded, "--json")
    before = fingerprint(seeded)

    again = caledger("correct", SALE, "--btc", "20000", "--reason", "typo", "--db", seeded,
                     "--json")

    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout) == {"id": first["id"], "added": False, "position": None,
                                        "new_companies": [], "below_zero": [], "possible_duplicates": [],
                     "future_dated": [], "check_units": [], "overlapping_flows": [],
                                        "dry_run": False}
    assert fingerprint(seeded) == before


def test_correcting_back_to_an_earlier_value_counts_from_then_on(run, seeded):
    run("correct", SALE, "--btc", "20000", "--reason", "typo", "--db", seeded)
    run("correct", SALE, "--btc", "21000", "--reason", "typo", "--db", seeded)
    assert total(run, seeded, "MARA", Q1_END) == "31850"

    back = run("correct", SALE, "--btc", "20000", "--reason", "typo", "--db", seeded, "--json")

    # The latest correction is what counts: the sale is 20,000 again, not 21,000.
    assert back["added"] is True
    assert total(run, seeded, "MARA", Q1_END) == "32850"
    assert run("show", SALE, "--db", seeded, "--json")["current"]["btc"] == "20000"


def test_a_later_correction_replaces_the_earlier_one_as_a_whole_not_field_by_field(
        run, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-03-31", btc="100"),
         rec("p", "btc_purchased", "2025-04", btc="10", usd="900000"))
    load(correction("p-fix1", "p", rec("p", "btc_purchased", "2025-04", btc="12",
                                       usd="900000")))
    load(correction("p-fix2", "p", rec("p", "btc_purchased", "2025-05", btc="10")))

    assert total(run, db, "TEST", "2025-04-30") == "100"            # now ends in May
    assert total(run, db, "TEST", "2025-05-31") == "110"
    current = run("show", "p", "--db", db, "--json")["current"]
    assert current["effective"] == "2025-05" and current["btc"] == "10"
    assert "usd" not in current


def test_a_purchase_that_was_really_mined_still_adds(run, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-03-31", btc="100"),
         rec("p", "btc_purchased", "2025-04", btc="10"))

    run("correct", "p", "--type", "btc_mined", "--reason", "it was mined", "--db", db)

    assert total(run, db, "TEST", "2025-04-30") == "110"
    shown = run("show", "p", "--db", db, "--json")
    assert shown["original"]["type"] == "btc_purchased"
    assert shown["current"]["type"] == "btc_mined"
    assert shown["current"]["btc"] == "10"


def test_a_purchase_corrected_into_a_sale_flips_its_sign(run, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-03-31", btc="100"),
         rec("p", "btc_purchased", "2025-04", btc="10"))
    assert total(run, db, "TEST", "2025-04-30") == "110"

    run("correct", "p", "--type", "btc_sold", "--reason", "it was a sale", "--db", db)

    assert total(run, db, "TEST", "2025-04-30") == "90"
    assert total(run, db, "TEST", "2025-04-30", "--known-at", "@2") == "110"


def test_a_correction_that_moves_a_record_to_another_company_is_refused(caledger, seeded):
    before = fingerprint(seeded)

    line = the_one_error_line(caledger("correct", SALE, "--company", "RIOT", "--reason", "x",
                                       "--db", seeded))

    assert "keeps the company" in line and "MARA" in line and "RIOT" in line
    assert fingerprint(seeded) == before


def test_an_imported_correction_that_moves_a_record_to_another_company_is_refused(
        import_file, seeded):
    before = fingerprint(seeded)
    moved = {**seed_record(SALE), "company": "RIOT"}

    line = the_one_error_line(import_file(correction("sale-to-riot", SALE, moved)))

    assert '"sale-to-riot"' in line and "event.company" in line and "keeps the company" in line
    assert fingerprint(seeded) == before


def test_a_correction_without_a_reason_is_refused(caledger, seeded):
    before = fingerprint(seeded)

    line = the_one_error_line(caledger("correct", SALE, "--btc", "20000", "--db", seeded))

    assert "reason" in line and "required" in line
    assert fingerprint(seeded) == before


def test_an_imported_correction_must_carry_the_full_replacement_with_its_sources(
        import_file, seeded):
    before = fingerprint(seeded)
    no_sources = {k: v for k, v in seed_record(SALE).items() if k != "sources"}

    line = the_one_error_line(import_file(correction("sale-fix", SALE, no_sources)))

    assert '"sale-fix"' in line and "event.sources" in line
    assert fingerprint(seeded) == before


# --- retractions -----------------------------------------------------------------------------


def test_a_retracted_sale_stops_counting_but_stays_in_history_and_show(run, seeded):
    retracted = run("retract", SALE, "--reason", "the sale was never made", "--db", seeded,
                    "--json")

    assert total(run, seeded, "MARA", Q1_END) == "52850"
    history = run("history", "MARA", "--db", seeded, "--json")
    sale = next(r for r in history if r["id"] == SALE)
    assert sale["status"] == "retracted" and sale["btc"] == "20880" and sale["position"] == 5
    entry = next(r for r in history if r["id"] == retracted["id"])
    assert entry["type"] == "retraction" and entry["retracts"] == SALE
    assert entry["position"] == retracted["position"]

    shown = run("show", SALE, "--db", seeded, "--json")
    assert shown["status"] == "retracted"
    assert shown["current"] is None
    assert shown["original"]["btc"] == "20880"
    assert [(a["id"], a["type"], a["reason"]) for a in shown["amendments"]] == [
        (retracted["id"], "retraction", "the sale was never made")]

    text = run("show", SALE, "--db", seeded).stdout
    assert "retracted" in text and retracted["id"] in text and "the sale was never made" in text


def test_known_at_before_the_retraction_still_counts_the_record(run, seeded):
    retracted = run("retract", SALE, "--reason", "never made", "--db", seeded, "--json")
    before = f"@{retracted['position'] - 1}"

    assert total(run, seeded, "MARA", Q1_END, "--known-at", before) == "31970"
    assert statuses(run, seeded, "MARA", "--known-at", before)[SALE] == "current"
    shown = run("show", SALE, "--known-at", before, "--db", seeded, "--json")
    assert shown["status"] == "current" and shown["amendments"] == []
    assert shown["current"]["btc"] == "20880"


def test_a_retracted_record_cannot_be_corrected(caledger, run, seeded):
    retracted = run("retract", SALE, "--reason", "never made", "--db", seeded, "--json")
    before = fingerprint(seeded)

    line = the_one_error_line(caledger("correct", SALE, "--btc", "1", "--reason", "x",
                                       "--db", seeded))

    assert f'"{SALE}"' in line and retracted["id"] in line and "retracted" in line
    assert fingerprint(seeded) == before


def test_an_imported_correction_of_a_retracted_record_is_refused(run, import_file, seeded):
    retracted = run("retract", SALE, "--reason", "never made", "--db", seeded, "--json")
    before = fingerprint(seeded)

    line = the_one_error_line(import_file(
        correction("sale-fix", SALE, {**seed_record(SALE), "btc": "1"})))

    assert '"sale-fix"' in line and retracted["id"] in line and "can't be corrected" in line
    assert fingerprint(seeded) == before


def test_a_correction_and_a_retraction_of_one_record_in_one_file_correct_then_retract(
        run, load, seeded):
    report = load(correction("sale-fix", SALE, {**seed_record(SALE), "btc": "20000"}),
                  retraction("sale-gone", SALE))

    assert report["added"] == 2
    assert total(run, seeded, "MARA", Q1_END) == "52850"
    shown = run("show", SALE, "--db", seeded, "--json")
    assert shown["status"] == "retracted"
    assert [a["id"] for a in shown["amendments"]] == ["sale-fix", "sale-gone"]


def test_retracting_twice_with_the_same_reason_changes_nothing(caledger, run, seeded):
    first = run("retract", SALE, "--reason", "never made", "--db", seeded, "--json")
    before = fingerprint(seeded)

    again = caledger("retract", SALE, "--reason", "never made", "--db", seeded, "--json")

    assert again.exit_code == 0, again.stderr
    assert json.loads(again.stdout) == {"id": first["id"], "added": False, "position": None,
                                        "new_companies": [], "below_zero": [], "possible_duplicates": [],
                     "future_dated": [], "check_units": [], "overlapping_flows": [],
                                        "dry_run": False}
    assert fingerprint(seeded) == before


def test_retracting_again_for_another_reason_is_refused(caledger, run, seeded):
    first = run("retract", SALE, "--reason", "never made", "--db", seeded, "--json")
    before = fingerprint(seeded)

    line = the_one_error_line(caledger("retract", SALE, "--reason", "a duplicate",
                                       "--db", seeded))

    assert f'"{SALE}"' in line and first["id"] in line
    assert fingerprint(seeded) == before


# --- what can be amended ---------------------------------------------------------------------


@pytest.mark.parametrize("command", [
    pytest.param(("correct", "--btc", "1", "--reason", "x"), id="correct"),
    pytest.param(("retract", "--reason", "x"), id="retract"),
])
def test_amending_an_amendment_is_refused(caledger, run, seeded, command):
    fix = run("correct", SALE, "--btc", "20000", "--reason", "typo", "--db", seeded, "--json")
    before = fingerprint(seeded)

    verb, *options = command
    line = the_one_error_line(caledger(verb, fix["id"], *options, "--db", seeded))

    assert f'"{fix["id"]}"' in line and "correction" in line and SALE in line
    assert fingerprint(seeded) == before


def test_an_imported_amendment_of_an_amendment_is_refused(run, import_file, seeded):
    gone = run("retract", PURCHASE, "--reason", "duplicate", "--db", seeded, "--json")
    before = fingerprint(seeded)

    line = the_one_error_line(import_file(retraction("undo-the-retraction", gone["id"])))

    assert '"undo-the-retraction"' in line and f'"{gone["id"]}"' in line
    assert "retraction" in line
    assert fingerprint(seeded) == before


def test_an_imported_amendment_of_an_amendment_in_the_same_file_is_refused(import_file, seeded):
    before = fingerprint(seeded)

    line = the_one_error_line(import_file(
        correction("sale-fix", SALE, {**seed_record(SALE), "btc": "20000"}),
        retraction("retract-the-fix", "sale-fix")))

    assert '"retract-the-fix"' in line and '"sale-fix"' in line
    assert fingerprint(seeded) == before


@pytest.mark.parametrize("command", [
    pytest.param(("correct", "--btc", "1", "--reason", "x"), id="correct"),
    pytest.param(("retract", "--reason", "x"), id="retract"),
])
def test_amending_an_unknown_record_is_refused(caledger, seeded, command):
    before = fingerprint(seeded)

    verb, *options = command
    line = the_one_error_line(caledger(verb, "no-such-record", *options, "--db", seeded))

    assert '"no-such-record"' in line
    assert fingerprint(seeded) == before


def test_an_imported_amendment_of_an_unknown_record_is_refused(import_file, seeded):
    before = fingerprint(seeded)

    line = the_one_error_line(import_file(retraction("gone", "no-such-record")))

    assert '"gone"' in line and '"no-such-record"' in line
    assert fingerprint(seeded) == before


# --- the import forms ------------------------------------------------------------------------


def test_imported_correction_and_retraction_change_the_figures_from_then_on(run, load, seeded):
    report = load(correction("sale-fix", SALE, {**seed_record(SALE), "btc": "20000"}),
                  retraction("purchase-gone", PURCHASE, "counted twice"))

    assert report["added"] == 2
    assert [r["type"] for r in report["records"]] == ["correction", "retraction"]
    assert total(run, seeded, "MARA", Q1_END) == "32850"
    assert total(run, seeded, "MARA", Q1_END, "--known-at", "@13") == "31970"
    # Before any disclosed balance and any ended flow, holdings are not known either way.
    assert total(run, seeded, "MARA", "2024-12-30") is None
    assert total(run, seeded, "MARA", "2024-12-30", "--known-at", "@13") is None
    reconciled = run("reconcile", "MARA", "--db", seeded, "--json")
    assert reconciled["changes"][0]["itemized"] == "2492"


def test_a_correction_and_its_target_in_the_same_file(run, load, db):
    report = load(rec("a", "btc_balance_disclosed", "2025-03-31", btc="100"),
                  rec("p", "btc_purchased", "2025-04", btc="10"),
                  correction("p-fix", "p", rec("p", "btc_purchased", "2025-04", btc="15")))

    assert report["added"] == 3
    assert total(run, db, "TEST", "2025-04-30") == "115"
    shown = run("show", "p", "--db", db, "--json")
    assert shown["original"]["btc"] == "10" and shown["current"]["btc"] == "15"
    # The position between the record and its correction still sees the original.
    fix_position = shown["amendments"][0]["position"]
    assert total(run, db, "TEST", "2025-04-30", "--known-at", f"@{fix_position - 1}") == "110"


def test_a_retraction_and_its_target_in_the_same_file(run, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-03-31", btc="100"),
         rec("p", "btc_purchased", "2025-04", btc="10"),
         retraction("p-gone", "p"))

    assert total(run, db, "TEST", "2025-04-30") == "100"
    assert statuses(run, db, "TEST") == {"a": "current", "p": "retracted", "p-gone": "retracted"}


def test_a_correction_whose_replacement_omits_the_id_takes_the_corrected_one(run, load, db):
    load(rec("p", "btc_purchased", "2025-04", btc="10"))
    replacement = {k: v for k, v in rec("p", "btc_mined", "2025-04", btc="10").items()
                   if k != "id"}

    load(correction("p-fix", "p", replacement))

    shown = run("show", "p", "--db", db, "--json")
    assert shown["current"]["type"] == "btc_mined"
    assert shown["current"]["id"] == "p"


def test_reimporting_the_same_amendments_adds_nothing(load, seeded):
    amendments = (correction("sale-fix", SALE, {**seed_record(SALE), "btc": "20000"}),
                  retraction("purchase-gone", PURCHASE))
    load(*amendments)
    before = fingerprint(seeded)

    again = load(*amendments)

    assert again["added"] == 0 and again["already_present"] == 2
    assert fingerprint(seeded) == before


def test_reimporting_a_correction_with_its_amount_written_differently_adds_nothing(
        load, seeded):
    load(correction("sale-fix", SALE, {**seed_record(SALE), "btc": "20000"}))
    before = fingerprint(seeded)

    again = load(correction("sale-fix", SALE, {**seed_record(SALE), "btc": "20000.0"}))

    assert again["added"] == 0 and again["already_present"] == 1
    assert fingerprint(seeded) == before


@pytest.mark.parametrize("changed", [
    pytest.param(lambda: correction("sale-fix", SALE, {**seed_record(SALE), "btc": "20001"}),
                 id="correction-other-amount"),
    pytest.param(lambda: correction("sale-fix", SALE, {**seed_record(SALE), "btc": "20000"},
                                    reason="another reason"), id="correction-other-reason"),
    pytest.param(lambda: retraction("sale-fix", SALE), id="now-a-retraction"),
])
def test_the_same_amendment_id_with_different_content_is_refused(load, import_file, seeded,
                                                                 changed):
    load(correction("sale-fix", SALE, {**seed_record(SALE), "btc": "20000"}))
    before = fingerprint(seeded)

    line = the_one_error_line(import_file(changed()))

    assert '"sale-fix"' in line and "different content" in line
    assert fingerprint(seeded) == before


def test_an_amendment_id_cannot_reuse_a_record_id(import_file, seeded):
    before = fingerprint(seeded)

    line = the_one_error_line(import_file(retraction(PURCHASE, SALE)))

    assert f'"{PURCHASE}"' in line
    assert fingerprint(seeded) == before


# --- history and show ------------------------------------------------------------------------


def test_history_says_which_records_are_current_corrected_or_retracted(run, seeded):
    fix = run("correct", SALE, "--btc", "20000", "--reason", "typo", "--db", seeded, "--json")
    gone = run("retract", PURCHASE, "--reason", "duplicate", "--db", seeded, "--json")

    now = statuses(run, seeded, "MARA")
    assert now[SALE] == "corrected"
    assert now[PURCHASE] == "retracted"
    assert now["mara-2024q4-mined"] == "current"
    # the correction is the version that counts; a retraction is no version that counts
    assert now[fix["id"]] == "current" and now[gone["id"]] == "retracted"

    between = statuses(run, seeded, "MARA", "--known-at", f"@{gone['position'] - 1}")
    assert between[SALE] == "corrected" and between[PURCHASE] == "current"
    assert gone["id"] not in between

    at_start = statuses(run, seeded, "MARA", "--known-at", "@13")
    assert set(at_start.values()) == {"current"} and len(at_start) == 13


def test_a_corrected_then_retracted_record_is_retracted(run, seeded):
    run("correct", SALE, "--btc", "20000", "--reason", "typo", "--db", seeded)
    run("retract", SALE, "--reason", "never made", "--db", seeded)

    assert statuses(run, seeded, "MARA")[SALE] == "retracted"
    assert total(run, seeded, "MARA", Q1_END) == "52850"


def test_show_lists_the_original_the_current_content_and_every_amendment_in_order(run, seeded):
    first = run("correct", SALE, "--btc", "20000", "--reason", "first reading",
                "--db", seeded, "--json")
    second = run("correct", SALE, "--effective", "2026-03", "--reason", "month given",
                 "--db", seeded, "--json")

    shown = run("show", SALE, "--db", seeded, "--json")

    assert shown["id"] == SALE and shown["record_position"] == 5
    assert shown["status"] == "corrected"
    assert {k: shown["original"][k] for k in ("type", "btc", "effective")} == {
        "type": "btc_sold", "btc": "20880", "effective": "2026-Q1"}
    assert {k: shown["current"][k] for k in ("type", "btc", "effective")} == {
        "type": "btc_sold", "btc": "20000", "effective": "2026-03"}
    assert [(a["id"], a["type"], a["position"], a["reason"]) for a in shown["amendments"]] == [
        (first["id"], "correction", first["position"], "first reading"),
        (second["id"], "correction", second["position"], "month given")]
    assert shown["amendments"][0]["event"]["btc"] == "20000"
    assert shown["amendments"][0]["event"]["effective"] == "2026-Q1"
    assert shown["amendments"][1]["event"]["effective"] == "2026-03"
    assert all(a["recorded_at"] for a in shown["amendments"])
    assert shown["position"] == second["position"] + 1 and len(shown["head_hash"]) == 64


def test_show_as_known_between_two_corrections_has_only_the_first(run, seeded):
    first = run("correct", SALE, "--btc", "20000", "--reason", "first", "--db", seeded,
                "--json")
    second = run("correct", SALE, "--btc", "21000", "--reason", "second", "--db", seeded,
                 "--json")

    shown = run("show", SALE, "--known-at", f"@{second['position'] - 1}", "--db", seeded,
                "--json")

    assert [a["id"] for a in shown["amendments"]] == [first["id"]]
    assert shown["current"]["btc"] == "20000"
    assert shown["position"] == second["position"] - 1


def test_show_of_an_amendment_names_what_it_amends(run, seeded):
    fix = run("correct", SALE, "--btc", "20000", "--reason", "typo", "--db", seeded, "--json")

    shown = run("show", fix["id"], "--db", seeded, "--json")

    assert shown["kind"] == "correction" and shown["amends"] == SALE
    assert shown["record_position"] == fix["position"]
    assert shown["amendment"]["event"]["btc"] == "20000"


def test_show_of_an_unknown_record_is_one_error_line(caledger, seeded):
    line = the_one_error_line(caledger("show", "no-such-record", "--db", seeded))
    assert '"no-such-record"' in line


# --- the known axis as a clock ---------------------------------------------------------------


def test_known_at_a_timestamp_between_two_imports_gives_the_earlier_answer(run, load, seeded):
    time.sleep(0.01)
    between = datetime.now(timezone.utc)
    time.sleep(0.01)
    load(correction("sale-fix", SALE, {**seed_record(SALE), "btc": "20000"}))

    assert total(run, seeded, "MARA", Q1_END) == "32850"
    then = run("holdings", "MARA", "--as-of", Q1_END, "--known-at", between.isoformat(),
               "--db", seeded, "--json")
    assert then["btc"]["total"] == "31970" and then["position"] == 15
    as_text = between.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert total(run, seeded, "MARA", Q1_END, "--known-at", as_text) == "31970"
    assert statuses(run, seeded, "MARA", "--known-at", between.isoformat())[SALE] == "current"


def test_known_at_a_timestamp_between_a_record_and_its_retraction(run, load, db):
    load(rec("a", "btc_balance_disclosed", "2025-03-31", btc="100"),
         rec("p", "btc_purchased", "2025-04", btc="10"))
    time.sleep(0.01)
    between = datetime.now(timezone.utc).isoformat()
    time.sleep(0.01)
    load(retraction("p-gone", "p"))

    assert total(run, db, "TEST", "2025-04-30") == "100"
    assert total(run, db, "TEST", "2025-04-30", "--known-at", between) == "110"
    shown = run("show", "p", "--known-at", between, "--db", db, "--json")
    assert shown["status"] == "current" and shown["position"] == 2


# --- a corrected figure says where it comes from ------------------------------------------------


def test_a_new_figure_that_keeps_the_original_citation_is_stored_with_a_note(
        caledger, run, seeded):
    """The purchase line states 14,574; a correction to 14,575 with no new source still cites
    that line: it is accepted (a transcription fix does come from the same line), and the
    write says which line and day it keeps citing."""
    fixed = caledger("correct", PURCHASE, "--btc", "14575", "--reason",
                     "restated in a later filing", "--db", seeded, "--json")

    assert fixed.exit_code == 0, fixed.stderr
    data = json.loads(fixed.stdout)
    assert data["added"] is True and data["position"] == 16
    assert data["cites_original"] == {
        "changed": ["btc"], "sources": [{"document": "003_c65e9beb0fefa6f0.txt", "line": 13}],
        "disclosed": "2025-02-26"}
    note, = fixed.stderr.strip().splitlines()
    assert "keeps citing 003_c65e9beb0fefa6f0.txt:13 (disclosed 2025-02-26)" in note
    assert "--source" in note and "--disclosed" in note
    assert run("show", PURCHASE, "--db", seeded, "--json")["current"]["btc"] == "14575"


def test_a_change_of_type_that_turns_a_sale_into_a_purchase_is_said_dry_run_too(
        caledger, seeded):
    """Review finding 10: correcting a sale's type to a purchase moves the holding by twice
    its amount; it gets the kept-citation note as a new amount does, and a note (and
    ``flips_sign``) saying the figure now counts the other way, dry run or not."""
    for extra in (("--dry-run",), ()):
        done = caledger("correct", SALE, "--type", "btc_purchased", "--reason", "wrong type",
                        *extra, "--db", seeded, "--json")
        assert done.exit_code == 0, done.stderr
        data = json.loads(done.stdout)
        assert data["cites_original"]["changed"] == ["type"]
        assert data["flips_sign"] == {"from": "btc_sold", "to": "btc_purchased", "figures": [
            {"figure": "btc.total", "from": "-20880", "to": "20880"}]}
        kept, flipped = done.stderr.strip().splitlines()
        assert "changes type but keeps citing" in kept
        verb = "would turn" if extra else "turns"
        assert f"{verb} a btc_sold into a btc_purchased" in flipped
        assert "btc.total -20,880 before, +20,880 after" in flipped
    # with its own source the citation note goes, the sign's stays
    back = caledger("correct", SALE, "--type", "btc_sold", "--reason", "back",
                    "--source", "memo.txt:2", "--disclosed", "2026-04-02", "--db", seeded,
                    "--json")
    data = json.loads(back.stdout)
    assert "cites_original" not in data
    assert data["flips_sign"]["figures"] == [
        {"figure": "btc.total", "from": "20880", "to": "-20880"}]
    assert back.stderr.count("note:") == 1 and "turns a btc_purchased into a btc_sold" \
        in back.stderr


def test_a_change_of_type_that_keeps_the_direction_flips_nothing(caledger, seeded):
    mined = caledger("correct", PURCHASE, "--type", "btc_mined", "--reason", "mined",
                     "--dry-run", "--db", seeded, "--json")
    data = json.loads(mined.stdout)
    assert "flips_sign" not in data and data["cites_original"]["changed"] == ["type"]
    assert "other way" not in mined.stderr


def test_the_python_api_reports_a_flipped_sign(seeded):
    from ledger import api

    report = api.correct(seeded, SALE, reason="wrong type", fields={},
                         new_type="btc_purchased", dry_run=True)
    assert report.flips_sign["figures"][0]["to"] == "20880"
    assert report.to_json()["flips_sign"]["from"] == "btc_sold"
    assert any("would turn a btc_sold" in line for line in report.notes())


def test_a_correction_citing_its_own_source_or_changing_no_figure_has_no_note(
        caledger, seeded):
    cited = caledger("correct", PURCHASE, "--btc", "14575", "--reason", "restated",
                     "--source", "mara-2025-annual.txt:88", "--disclosed", "2026-03-02",
                     "--db", seeded, "--json")
    assert cited.exit_code == 0 and cited.stderr == ""
    assert "cites_original" not in json.loads(cited.stdout)
    moved = caledger("correct", SALE, "--effective", "2026-03", "--reason", "dated",
                     "--db", seeded)
    assert moved.exit_code == 0 and "keeps citing" in moved.stderr
    reworded = caledger("correct", SALE, "--note", "sold in March", "--reason", "wording",
                        "--db", seeded, "--json")
    assert reworded.exit_code == 0 and reworded.stderr == ""
    assert set(json.loads(reworded.stdout)) == {"id", "added", "position", "new_companies",
                                                "below_zero", "possible_duplicates",
                     "future_dated", "check_units", "overlapping_flows", "dry_run"}  # no cites_original
