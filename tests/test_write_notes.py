"""What a write stores that looks typed wrong is said where it is typed (review findings 3, 9
and 11): never refused, but a note on stderr and a list under its own key in --json, dry runs
alike (``ledger/writenotes.py``).

- the same disclosure recorded twice under two ids (it would be counted twice);
- one document's flows over overlapping periods (a month and its quarter to date);
- a record effective after today, or after the day it was disclosed;
- a figure in the wrong unit: a BTC yield of 25 (2,500%), a BTC close of $107 beside
  closes of $105,000.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ledger import writenotes

from .conftest import rec

BASE = [
    rec("x-bal", "btc_balance_disclosed", "2024-12-31", company="XCO", btc="1000"),
    rec("x-sh", "shares_outstanding_disclosed", "2024-12-31", company="XCO",
        shares="50000000"),
]
BUY = ["append", "btc_purchased", "--company", "XCO", "--effective", "2025-01-15",
       "--btc", "100", "--source", "pr.txt:1"]


@pytest.fixture
def xco(load, db: str) -> str:
    load(*BASE)
    return db


def _append(caledger, db: str, *args: str) -> tuple[dict[str, Any], list[str]]:
    done = caledger(*args, "--db", db, "--json")
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout), done.stderr.splitlines()


def test_the_same_purchase_under_a_second_id_is_noted_in_the_dry_run_and_the_write(
        caledger, run, xco):
    first, notes = _append(caledger, xco, *BUY, "--id", "x-buy")
    assert first["possible_duplicates"] == [] and notes == []
    would, notes = _append(caledger, xco, *BUY, "--dry-run")
    twin = {"id": would["id"], "same_as": "x-buy", "company": "XCO", "type": "btc_purchased",
            "effective": "2025-01-15"}
    assert would["possible_duplicates"] == [twin]
    assert notes == [f'note: record "{would["id"]}" would be the same btc_purchased as record '
                     '"x-buy" (XCO, 2025-01-15, the same figures and source line): recorded '
                     "twice? Both count; retract one if so"]
    stored, notes = _append(caledger, xco, *BUY)
    assert stored["added"] and stored["possible_duplicates"] == [twin]
    assert notes[0].startswith(f'note: record "{stored["id"]}" is the same btc_purchased')
    # it was stored, and it counts: the note is why it is worth a look
    held = run("holdings", "XCO", "--as-of", "2025-01-31", "--db", xco, "--json")
    assert held["btc"]["total"] == "1200"


def test_another_amount_source_line_or_period_is_no_duplicate(caledger, xco):
    _append(caledger, xco, *BUY, "--id", "x-buy")
    for other in (["--btc", "101"], ["--source", "pr.txt:2"], ["--effective", "2025-01-16"]):
        args = list(BUY)
        i = args.index(other[0])
        args[i + 1] = other[1]
        report, notes = _append(caledger, xco, *args)
        assert report["possible_duplicates"] == [] and notes == [], other


def test_two_records_of_one_import_and_a_correction_into_a_twin_are_noted(
        caledger, load, xco):
    twice = [rec("i-1", "btc_mined", "2025-02", company="XCO", btc="12"),
             rec("i-2", "btc_mined", "2025-02", company="XCO", btc="12")]
    report = load(*twice)
    assert report["possible_duplicates"] == [
        {"id": "i-2", "same_as": "i-1", "company": "XCO", "type": "btc_mined",
         "effective": "2025-02"}]
    load(rec("i-3", "btc_mined", "2025-02", company="XCO", btc="13"))
    corrected, notes = _append(caledger, xco, "correct", "i-3", "--btc", "12", "--reason",
                               "typo")
    assert [d["same_as"] for d in corrected["possible_duplicates"]] == ["i-1"]
    assert any('record "i-3" is the same btc_mined as record "i-1"' in n for n in notes)


def test_a_record_effective_after_today_or_after_it_was_disclosed_is_noted(caledger, run, xco):
    from ledger.days import today

    report, notes = _append(caledger, xco, "append", "btc_purchased", "--company", "XCO",
                            "--effective", "2999-04", "--disclosed", "2025-01-01",
                            "--btc", "25", "--source", "a.txt:9")
    assert report["future_dated"] == [
        {"id": report["id"], "effective": "2999-04", "after": "today",
         "day": today().isoformat()},
        {"id": report["id"], "effective": "2999-04", "after": "disclosed", "day": "2025-01-01"}]
    assert notes == [
        f'note: record "{report["id"]}" is effective 2999-04, after today ({today()}): check '
        "the date",
        f'note: record "{report["id"]}" is effective 2999-04, after it was disclosed '
        "(2025-01-01): check both dates"]
    # a quarter disclosed while it runs (its start before the day) is no remark
    report, notes = _append(caledger, xco, "append", "btc_mined", "--company", "XCO",
                            "--effective", "2025-Q1", "--disclosed", "2025-02-15",
                            "--btc", "3", "--source", "a.txt:10")
    assert report["future_dated"] == [] and notes == []


def test_an_as_of_after_today_is_answered_with_a_note(caledger, xco):
    from ledger.days import today

    ahead = caledger("holdings", "XCO", "--as-of", "2999-01-01", "--db", xco)
    assert ahead.exit_code == 0
    assert ahead.stderr == (f"note: --as-of 2999-01-01 is after today ({today()}): the "
                            "figures count what is recorded now, not what will have happened "
                            "by then\n")
    # today, and a day before it, is no remark
    assert caledger("holdings", "XCO", "--as-of", str(today()), "--db", xco).stderr == ""
    assert caledger("holdings", "XCO", "--as-of", "2025-Q1", "--db", xco).stderr == ""


def test_a_month_quarter_or_year_as_of_is_remarked_on_as_its_last_day_is(caledger, xco):
    """Review finding 9: 2999-12, 2999-Q4 and 2999 are 2999-12-31, the day the answer is
    for, and get the note 2999-12-31 gets; so does this year while its last day is ahead,
    and only then (the note fires on the day answered, not on the day the period starts)."""
    from ledger.days import today

    def note(as_of: str, day: str) -> str:
        named = as_of if as_of == day else f"{as_of} ({day})"
        return (f"note: --as-of {named} is after today ({today()}): the figures count what "
                "is recorded now, not what will have happened by then\n")

    for as_of in ("2999-12-31", "2999-12", "2999-Q4", "2999"):
        for command in (["holdings", "XCO"], ["shares", "XCO"], ["kpi", "XCO"],
                        ["explain", "XCO", "btc.total"]):
            done = caledger(*command, "--as-of", as_of, "--db", xco)
            assert done.exit_code == 0 and done.stderr == note(as_of, "2999-12-31"), \
                (command, as_of, done.stderr)
    this_year = today().replace(month=12, day=31)
    quarter_end = {3: 31, 6: 30, 9: 30, 12: 31}
    q = (today().month - 1) // 3 + 1
    this_quarter = today().replace(month=3 * q, day=quarter_end[3 * q])
    for as_of, day in ((str(today().year), this_year),
                       (f"{today().year}-Q{q}", this_quarter)):
        stderr = caledger("holdings", "XCO", "--as-of", as_of, "--db", xco).stderr
        assert stderr == (note(as_of, str(day)) if day > today() else ""), as_of


def test_a_yield_in_percent_and_a_close_in_the_wrong_unit_are_noted(caledger, run, xco,
                                                                     tmp_path: Path):
    report, notes = _append(caledger, xco, "append", "kpi_disclosed", "--company", "XCO",
                            "--effective", "2025-06-30", "--metric", "btc_yield",
                            "--value", "25", "--since", "2024-12-31", "--source", "k.txt:1")
    assert report["check_units"] == [{
        "id": report["id"], "field": "value", "value": "25",
        "why": 'a BTC yield of 2,500% (a yield is a ratio: "0.25" for 25%)'}]
    assert notes == [f'note: record "{report["id"]}" field value: a BTC yield of 2,500% (a '
                     'yield is a ratio: "0.25" for 25%): check the unit']
    report, notes = _append(caledger, xco, "append", "kpi_disclosed", "--company", "XCO",
                            "--effective", "2025-09-30", "--metric", "btc_yield",
                            "--value", "0.25", "--since", "2024-12-31", "--source", "k.txt:2")
    assert report["check_units"] == [] and notes == []

    prices = tmp_path / "btc.csv"
    prices.write_text("Date,Close\n2025-06-25,105000\n2025-06-26,106000\n2025-06-27,107\n"
                      "2025-06-28,107500\n", encoding="utf-8")
    done = caledger("import-prices", str(prices), "--asset", "BTC", "--source", "x",
                    "--db", xco, "--json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["check_units"] == [{
        "id": "price-btc-2025-06-27-x", "field": "close", "value": "107",
        "why": "BTC close 107 on 2025-06-27 is far from the close beside it (106,000 on "
               "2025-06-26)"}]
    assert done.stderr.splitlines() == [
        'note: record "price-btc-2025-06-27-x" field close: BTC close 107 on 2025-06-27 is '
        "far from the close beside it (106,000 on 2025-06-26): check the unit"]
    # the next day's close, against the stored ones: a sound close is no remark, a typo is
    later = tmp_path / "later.csv"
    later.write_text("Date,Close\n2025-06-30,108000\n2025-07-01,10.8\n", encoding="utf-8")
    done = caledger("import-prices", str(later), "--asset", "BTC", "--source", "x",
                    "--db", xco, "--json")
    assert [d["id"] for d in json.loads(done.stdout)["check_units"]] == [
        "price-btc-2025-07-01-x"]


def test_a_write_past_the_limit_is_not_checked(caledger, load, xco, monkeypatch):
    monkeypatch.setattr(writenotes, "LIMIT", 1)
    twice = [rec("l-1", "btc_mined", "2025-02", company="XCO", btc="12"),
             rec("l-2", "btc_mined", "2025-02", company="XCO", btc="12")]
    report = load(*twice)
    assert (report["possible_duplicates"], report["future_dated"], report["check_units"]) == (
        None, None, None)


# --- one document's flows over overlapping periods (review finding 1) ---------------------------

MONTH = ["append", "btc_mined", "--company", "XCO", "--effective", "2023-02", "--btc", "683",
         "--source", "update.txt:5", "--id", "x-feb"]
TO_DATE = ["append", "btc_mined", "--company", "XCO", "--effective", "2023-01-01/2023-02-28",
           "--btc", "1370", "--source", "update.txt:5", "--id", "x-qtd"]


def test_a_quarter_to_date_over_a_stored_month_of_one_document_is_noted(caledger, xco):
    first, notes = _append(caledger, xco, *MONTH)
    assert first["overlapping_flows"] == [] and notes == []
    overlap = {"id": "x-qtd", "overlaps": "x-feb", "company": "XCO", "type": "btc_mined",
               "effective": "2023-01-01/2023-02-28", "other_effective": "2023-02",
               "document": "update.txt"}
    would, notes = _append(caledger, xco, *TO_DATE, "--dry-run")
    assert would["overlapping_flows"] == [overlap]
    assert notes == ['note: record "x-qtd" (btc_mined 2023-01-01/2023-02-28) would overlap '
                     'record "x-feb" (2023-02), XCO, both citing update.txt: importing both '
                     "counts the overlap twice; keep one (retract or correct the other)"]
    stored, notes = _append(caledger, xco, *TO_DATE)
    assert stored["added"] and stored["overlapping_flows"] == [overlap]
    assert notes[0].startswith('note: record "x-qtd" (btc_mined 2023-01-01/2023-02-28) '
                               'overlaps record "x-feb"')


def test_flows_of_one_import_whose_periods_nest_are_noted_on_the_later(caledger, load, xco):
    report = load(
        {**rec("y-1", "btc_sold", "2025-01-01/2025-03-31", company="XCO", btc="90"),
         "sources": [{"document": "q1.txt", "line": 3}]},
        {**rec("y-2", "btc_sold", "2025-02", company="XCO", btc="30"),
         "sources": [{"document": "q1.txt", "line": 4}]},
        # the same period twice is two actions, another document or type no overlap here
        {**rec("y-3", "btc_sold", "2025-02", company="XCO", btc="31"),
         "sources": [{"document": "q1.txt", "line": 5}]},
        {**rec("y-4", "btc_sold", "2025-01", company="XCO", btc="20"),
         "sources": [{"document": "other.txt", "line": 1}]},
        {**rec("y-5", "btc_purchased", "2025-02", company="XCO", btc="20"),
         "sources": [{"document": "q1.txt", "line": 6}]})
    assert [(o["id"], o["overlaps"]) for o in report["overlapping_flows"]] == [
        ("y-2", "y-1"), ("y-3", "y-1")]


def test_a_month_beside_a_month_or_another_document_is_not_noted(caledger, xco):
    _append(caledger, xco, *MONTH)
    for args in (["--effective", "2023-03"], ["--source", "later.txt:2"],
                 ["--effective", "2023-02"]):
        other = list(TO_DATE)
        for name, value in zip(args[::2], args[1::2]):
            other[other.index(name) + 1] = value
        other[other.index("--id") + 1] = "x-" + args[1].replace(":", "-").replace(".", "-")
        report, notes = _append(caledger, xco, *other)
        assert report["overlapping_flows"] == [] and notes == [], args


def test_the_python_check_reports_overlaps_without_a_read_model():
    records = [
        {"id": "a", "type": "equity_issued", "company": "XCO", "effective": "2025-Q1",
         "shares": "100", "sources": [{"document": "d.txt", "line": 1}]},
        {"id": "b", "type": "equity_issued", "company": "XCO", "effective": "2025-03",
         "shares": "40", "sources": [{"document": "d.txt", "line": 2}]}]
    found = writenotes.check(None, records, None)
    assert [(o["id"], o["overlaps"]) for o in found["overlapping_flows"]] == [("b", "a")]
