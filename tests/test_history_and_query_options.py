"""The rough edges a new user hit: history filters and readable amendments, the flows a
holdings figure counts, --as-of by period and by default, help with no arguments, the record
types in append --help, one wording for counts."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from ledger import kinds
from tests.conftest import the_one_error_line

SALE = "mara-2026q1-btc-sale"
PURCHASE = "mara-2024q4-purchase"


def ids(run, db: str, *args: str) -> list[str]:
    return [r["id"] for r in run("history", "MARA", "--db", db, "--json", *args)]


# --- history --------------------------------------------------------------------------------


def test_history_filters_by_type_period_and_source(run, seeded):
    assert ids(run, seeded, "--type", "btc_sold") == [SALE]
    assert ids(run, seeded, "--type", "btc_mined", "--type", "btc_purchased") == [
        "mara-2024q4-mined", PURCHASE]
    # --from a quarter means its first day; a 2025 record (the whole year) overlaps it.
    assert ids(run, seeded, "--from", "2026-Q1") == [
        SALE, "mara-2026q1-workforce-cut", "mara-2026q1-long-ridge-acquisition",
        "mara-2026q1-results"]
    assert ids(run, seeded, "--from", "2025-09-01", "--to", "2025-09-30") == [
        "mara-2025-equity-raise", "mara-2025-convertible-notes", "mara-2025-09-30-balance"]
    assert ids(run, seeded, "--to", "2024") == [
        "mara-2024q4-mined", PURCHASE, "mara-2024q4-change", "mara-2024-12-31-balance",
        "mara-2024q4-results", "mara-2024q4-operations"]
    assert ids(run, seeded, "--source", "001_8f885d6f61959bf4.txt") == [SALE]
    assert ids(run, seeded, "--source", "003_c65e9beb0fefa6f0.txt:13") == [
        "mara-2024q4-mined", PURCHASE, "mara-2024q4-operations"]
    assert ids(run, seeded, "--source", "003_c65e9beb0fefa6f0.txt:13", "--type",
               "btc_mined") == ["mara-2024q4-mined"]


def test_history_filters_keep_a_records_amendments_with_it(run, seeded):
    fix = run("correct", PURCHASE, "--btc", "14575", "--reason", "restated", "--db", seeded,
              "--json")
    gone = run("retract", SALE, "--reason", "never made", "--db", seeded, "--json")

    assert ids(run, seeded, "--type", "btc_purchased") == [PURCHASE, fix["id"]]
    assert ids(run, seeded, "--type", "correction") == [fix["id"]]
    assert ids(run, seeded, "--type", "retraction") == [gone["id"]]
    assert ids(run, seeded, "--from", "2026-01", "--type", "btc_sold",
               "--type", "retraction") == [SALE, gone["id"]]


def test_unfiltered_history_is_what_every_filter_matching_everything_keeps():
    """With no filter, select keeps every record and the amendments of the records listed;
    an amendment of a record not listed (another company's, corrected into this one) is
    left out, as a filter that matches every record leaves it out."""
    from datetime import date

    from projections.history import annotate, select

    source = [{"document": "q3.txt", "line": 4}]
    rows = annotate([
        {"id": "m1", "type": "btc_mined", "company": "AAA", "effective": "2024-07",
         "btc": "12.5", "sources": source, "position": 1, "status": "corrected"},
        {"id": "b1", "type": "btc_balance_disclosed", "company": "AAA",
         "effective": "2024-09-30", "btc": "900", "sources": source, "position": 2,
         "status": "current"},
        {"id": "fix-m1", "type": "correction", "corrects": "m1", "reason": "restated",
         "event": {"type": "btc_mined", "company": "AAA", "effective": "2024-07",
                   "btc": "12.75", "sources": source}, "position": 3, "status": "current"},
        {"id": "fix-x9", "type": "correction", "corrects": "x9", "reason": "moved here",
         "event": {"type": "btc_mined", "company": "AAA", "effective": "2024-08",
                   "btc": "3", "sources": source}, "position": 4, "status": "current"},
    ])
    everything = select(rows, start=date(1, 1, 1))
    assert [r["id"] for r in select(rows)] == [r["id"] for r in everything] \
        == ["m1", "b1", "fix-m1"]


def test_annotated_rows_share_no_list_or_dict_a_caller_could_edit_through_another():
    """A corrected record's ``current`` and its correction's ``changes`` are built from the
    correction's own content: editing one answer (as a caller of the Python API may) leaves
    every other row as it was."""
    from projections.history import annotate

    rows = annotate([
        {"id": "m1", "type": "btc_mined", "company": "AAA", "effective": "2024-07",
         "btc": "12.5", "sources": [{"document": "q3.txt", "line": 4}], "position": 1,
         "status": "corrected"},
        {"id": "fix-m1", "type": "correction", "corrects": "m1", "reason": "restated",
         "event": {"type": "btc_mined", "company": "AAA", "effective": "2024-07",
                   "btc": "12.75", "sources": [{"document": "q4.txt", "line": 9}]},
         "position": 2, "status": "current"},
    ])
    record, correction = rows
    record["current"]["sources"].append({"document": "edited.txt", "line": 1})
    record["current"]["sources"][0]["line"] = 99
    correction["changes"]["sources"]["to"].clear()
    assert correction["event"]["sources"] == [{"document": "q4.txt", "line": 9}]
    assert record["sources"] == [{"document": "q3.txt", "line": 4}]
    assert annotate(rows[:1] + [dict(correction, changes=None)])[0]["current"]["sources"] == [
        {"document": "q4.txt", "line": 9}]


def test_history_shows_a_corrected_records_current_values_and_what_changed(run, seeded):
    fix = run("correct", PURCHASE, "--btc", "14575", "--effective", "2024-12",
              "--reason", "restated in a later filing", "--db", seeded, "--json")
    history = run("history", "MARA", "--db", seeded, "--json")
    text = run("history", "MARA", "--db", seeded).stdout

    original = next(r for r in history if r["id"] == PURCHASE)
    assert original["btc"] == "14574"  # the record as stored, as before
    assert original["status"] == "corrected"
    assert original["current"]["btc"] == "14575" and original["current"]["effective"] == "2024-12"
    correction = next(r for r in history if r["id"] == fix["id"])
    assert correction["changes"] == {"effective": {"from": "2024-Q4", "to": "2024-12"},
                                     "btc": {"from": "14574", "to": "14575"}}
    row = next(line for line in text.splitlines() if line.split()[1:2] == [PURCHASE])
    assert "btc=14,575" in row and "2024-12" in row and "corrected" in row
    amendment = next(line for line in text.splitlines() if fix["id"] in line)
    assert "btc 14,574 -> 14,575; effective 2024-Q4 -> 2024-12" in amendment
    assert f"corrects {PURCHASE}" in amendment and "restated in a later filing" in amendment
    shown = run("show", PURCHASE, "--db", seeded, "--json")
    assert shown["original"]["btc"] == "14574"


def test_history_gives_one_status_in_text_json_and_csv_and_one_current_version(
        caledger, run, seeded):
    """Review finding 3: a record corrected twice (the first correction a typo) and a
    retracted one. Each row's status is the same word in all three formats; only the
    version that counts now is ``current``: the superseded typo and the retraction are not."""
    import csv
    import io

    typo = run("correct", PURCHASE, "--btc", "1457.4", "--reason", "typo", "--db", seeded,
               "--json")["id"]
    fix = run("correct", PURCHASE, "--btc", "14574", "--reason", "undo typo", "--db", seeded,
              "--json")["id"]
    gone = run("retract", SALE, "--reason", "denied", "--db", seeded, "--json")["id"]
    want = {PURCHASE: "corrected", typo: "superseded", fix: "current", SALE: "retracted",
            gone: "retracted", "mara-2024q4-mined": "current"}
    as_json = {r["id"]: r["status"] for r in run("history", "MARA", "--db", seeded, "--json")}
    as_csv = {r["id"]: r for r in csv.DictReader(io.StringIO(caledger(
        "history", "MARA", "--db", seeded, "--format", "csv").stdout))}
    text = caledger("history", "MARA", "--db", seeded).stdout.splitlines()
    header = text[0].split()
    as_text = {line.split()[1]: line for line in text[2:]}
    for record_id, status in want.items():
        assert as_json[record_id] == status, record_id
        assert as_csv[record_id]["status"] == status, record_id
        assert as_text[record_id].split()[header.index("type") + 1:].count(status) >= 1
    assert {as_csv[i]["kind"] for i in (typo, fix)} == {"correction"}
    assert as_csv[gone]["kind"] == "retraction" and as_csv[PURCHASE]["kind"] == "record"
    assert f"corrects {PURCHASE}" in as_text[typo] and f"retracts {SALE}" in as_text[gone]
    # every current row of the purchase: its latest correction alone, the figure that counts
    current = [r for r in run("history", "MARA", "--db", seeded, "--json")
               if r["status"] == "current" and PURCHASE in (r["id"], r.get("corrects"))]
    assert [(r["id"], r["event"]["btc"]) for r in current] == [(fix, "14574")]
    # changes says the same of the amendments it lists
    feed = run("changes", "MARA", "--since", "@15", "--db", seeded, "--json")
    assert {r["id"]: r["status"] for r in feed["records"]} == {
        typo: "superseded", fix: "current", gone: "retracted"}
    # as known before the second correction, the typo was the version that counted
    before = run("history", "MARA", "--db", seeded, "--json", "--known-at",
                 f"@{as_csv[typo]['position']}")
    assert {r["id"]: r["status"] for r in before}[typo] == "current"


def test_bad_history_filters_are_one_error_line(caledger, seeded):
    line = the_one_error_line(caledger("history", "MARA", "--type", "btc_stolen",
                                       "--db", seeded))
    assert '"btc_stolen"' in line and "btc_sold" in line and "correction" in line
    line = the_one_error_line(caledger("history", "MARA", "--from", "2025-Q5", "--db", seeded))
    assert "--from" in line and "Q5" in line
    line = the_one_error_line(caledger("history", "MARA", "--from", "2026", "--to", "2025",
                                       "--db", seeded))
    assert "before --from" in line


# --- holdings -------------------------------------------------------------------------------


def test_holdings_lists_the_flows_it_counted(run, seeded):
    data = run("holdings", "MARA", "--as-of", "2026-03-31", "--db", seeded, "--json")
    text = run("holdings", "MARA", "--as-of", "2026-03-31", "--db", seeded).stdout

    assert data["flows_counted"] == 1
    assert [(f["id"], f["delta"]) for f in data["flows"]] == [(SALE, {"total": "-20880"})]
    assert data["flows"][0]["sources"][0]["document"] == "002_e2e5a0f140e820f5.txt"
    assert "counted after the basis: 1 flow\n" in text
    assert f"  -20,880 total  {SALE} (btc_sold, 2026-Q1;" in text


def test_holdings_before_any_anchor_lists_every_flow_with_each_bucket(run, db, load):
    from tests.conftest import rec

    load(rec("m", "btc_mined", "2025-01", btc="3"), rec("l", "btc_loaned", "2025-02", btc="1"))
    data = run("holdings", "TEST", "--as-of", "2025-02", "--db", db, "--json")
    assert [(f["id"], f["delta"]) for f in data["flows"]] == [
        ("m", {"total": "3"}), ("l", {"loaned": "1"})]
    # total and loaned from flows alone; pledged not known, so unencumbered is not either
    assert (data["btc"]["total"], data["btc"]["loaned"]) == ("3", "1")
    assert data["status"]["total"] == data["status"]["loaned"] == "flows only"
    assert data["btc"]["unencumbered"] is None and data["flows_counted"] == 2


@pytest.mark.parametrize("given, day", [("2026-Q1", "2026-03-31"), ("2025", "2025-12-31"),
                                        ("2025-09", "2025-09-30"), ("2024-02", "2024-02-29"),
                                        ("2025-09-30", "2025-09-30")])
def test_as_of_takes_a_month_quarter_or_year_meaning_its_last_day(run, seeded, given, day):
    data = run("holdings", "MARA", "--as-of", given, "--db", seeded, "--json")
    assert data["as_of"] == day
    assert data == run("holdings", "MARA", "--as-of", day, "--db", seeded, "--json")
    capital = run("capital", "MARA", "--as-of", given, "--db", seeded, "--json")
    assert capital["as_of"] == day
    explained = run("explain", "MARA", "--as-of", given, "--db", seeded, "--json")
    assert explained["as_of"] == day and explained["value"] == data["btc"]["total"]


def test_as_of_defaults_to_today_in_utc(run, seeded):
    today = datetime.now(timezone.utc).date().isoformat()
    data = run("holdings", "MARA", "--db", seeded, "--json")
    if data["as_of"] != today:  # the day turned between the two lines
        today = datetime.now(timezone.utc).date().isoformat()
    assert data["as_of"] == today
    assert data == run("holdings", "MARA", "--as-of", today, "--db", seeded, "--json")
    assert run("capital", "MARA", "--db", seeded, "--json")["as_of"] == today


@pytest.mark.parametrize("bad", ["2025-Q5", "2025-02-30", "2025-01-01/2025-03-31", "soon"])
def test_a_bad_as_of_is_one_error_line(caledger, seeded, bad):
    line = the_one_error_line(caledger("holdings", "MARA", "--as-of", bad, "--db", seeded))
    assert line.startswith("error: --as-of:") and bad in line


# --- help ------------------------------------------------------------------------------------


def test_caledger_with_no_arguments_prints_help_and_exits_0(caledger):
    result = caledger()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    assert "caledger: an event-sourced ledger" in result.stdout
    for command in ("holdings", "series", "chart", "report", "history"):
        assert f"  {command} " in result.stdout
    assert result.stderr == ""


def test_append_help_lists_every_type_with_its_options(caledger):
    text = caledger("append", "--help").stdout
    listed = {line.split()[0] for line in text.splitlines()
              if line.startswith("  ") and line.split() and line.split()[0] in kinds.TYPES}
    assert listed == set(kinds.TYPES)
    assert any(line.split()[:3] == ["stake_acquired", "--target", "--percent"]
               for line in text.splitlines())


# --- counts -----------------------------------------------------------------------------------


def test_counts_read_the_same_everywhere(caledger, run, seeded, tmp_path):
    reconcile = run("reconcile", "MARA", "--db", seeded).stdout
    assert reconcile.splitlines()[0].endswith(": 2 issues")
    assert "(2 flows)" in reconcile
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "one", "type": "btc_mined", "company": "MARA",
                                "effective": "2026-04", "btc": "1",
                                "sources": [{"document": "n.txt", "line": 1}]}))
    assert caledger("import", "--db", seeded, str(path)).stdout.splitlines() == [
        "added 1 record (1 btc_mined)", "already present: 0 records, unchanged"]
    everything = "".join(run(*cmd, "--db", seeded).stdout for cmd in (
        ("reconcile", "MARA"), ("holdings", "MARA", "--as-of", "2026-04-30"),
        ("capital", "MARA"), ("rebuild",)))
    assert "(s)" not in everything
