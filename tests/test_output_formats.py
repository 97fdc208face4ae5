"""Every query command in every format: text for people, JSON and CSV for programs.

The three formats are printed from one JSON-shaped value, so each test reads the same figure
back out of all three; CSV is parsed back with the csv module (a header row, decimal strings,
one row per figure or record).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result

from tests.conftest import SEEDS

SALE = "mara-2026q1-btc-sale"
PURCHASE = "mara-2024q4-purchase"


def formats(caledger: Callable[..., Result], *args: str) -> tuple[str, Any, list[dict[str, str]]]:
    """The text, the parsed JSON and the parsed CSV rows of one command."""
    out = {}
    for fmt in ("text", "json", "csv"):
        result = caledger(*args, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        out[fmt] = result.stdout
    assert json.loads(out["json"]) == json.loads(caledger(*args, "--json").stdout)
    rows = list(csv.DictReader(io.StringIO(out["csv"])))
    return out["text"], json.loads(out["json"]), rows


def csv_header(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text)))


def test_holdings_in_three_formats(caledger, seeded):
    text, data, rows = formats(caledger, "holdings", "MARA", "--as-of", "2026-03-31",
                               "--db", seeded)

    assert "31,970 BTC" in text
    assert data["btc"]["total"] == "31970"
    # MARA stated no loaned or pledged bitcoin: empty cells, and the status says why
    assert [(r["figure"], r["btc"], r["status"]) for r in rows] == [
        ("btc.total", "31970", "derived"), ("btc.loaned", "", "not known"),
        ("btc.pledged", "", "not known"), ("btc.unencumbered", "", "not known")]
    assert {r["anchor"] for r in rows[:1]} == {"mara-2025-09-30-balance"}
    assert {(r["company"], r["as_of"], r["position"], r["head_hash"]) for r in rows} == {
        ("MARA", "2026-03-31", "15", data["head_hash"])}


def test_holdings_of_several_companies_in_three_formats(caledger, seeded, load):
    load({"id": "riot-bal", "type": "btc_balance_disclosed", "company": "RIOT",
          "effective": "2025-12-31", "btc": "19000.5",
          "sources": [{"document": "notes.txt", "line": 1}]})
    text, data, rows = formats(caledger, "holdings", "--all", "--as-of", "2026-03-31",
                               "--db", seeded)

    assert "31,970" in text and "19,000.5" in text
    assert [(r["company"], r["btc"]["total"]) for r in data] == [("MARA", "31970"),
                                                                ("RIOT", "19000.5")]
    totals = {r["company"]: r["btc"] for r in rows if r["figure"] == "btc.total"}
    assert totals == {"MARA": "31970", "RIOT": "19000.5"}
    assert len(rows) == 8


def test_capital_in_three_formats(caledger, seeded):
    text, data, rows = formats(caledger, "capital", "MARA", "--as-of", "2026-03-31",
                               "--db", seeded)

    assert "notes outstanding: $950,000,000" in text
    by_figure = {r["figure"]: (r["unit"], r["value"]) for r in rows}
    shares = {f"shares.{k}" for k in ("basic", "notes_as_converted", "other_dilutive",
                                      "assumed_diluted")}
    assert set(by_figure) == {*data["figures"], *shares}
    assert by_figure["notes.outstanding"] == ("USD", "950000000")
    assert by_figure["stakes.Exaion.percent"] == ("percent", "64")
    assert by_figure["results.net_income_usd"] == ("USD", "-1260000000")
    assert data["values"]["equity.raised"] == {
        "value": "2000000000", "unit": "USD", "status": "derived",
        "reason": "stated for 2025-12-31 (mara-2025-equity-raise), carried to 2026-03-31"}
    # every row carries its figure's status, as JSON gives it
    assert {r["figure"]: r["status"] for r in rows} == {
        **{name: v["status"] for name, v in data["values"].items()},
        **{f"shares.{k}": v for k, v in data["shares"]["status"].items()}}
    assert all(r["status"] for r in rows)


def test_capital_of_every_company_as_csv(caledger, seeded):
    text, data, rows = formats(caledger, "capital", "--all", "--as-of", "2025-12-31",
                               "--db", seeded)

    assert "capital structure as of 2025-12-31" in text
    assert {r["company"] for r in rows} == {"MARA"}
    assert {r["figure"] for r in rows} == {*data[0]["figures"], "shares.basic",
                                           "shares.notes_as_converted",
                                           "shares.other_dilutive", "shares.assumed_diluted"}


def test_explain_in_three_formats(caledger, seeded):
    text, data, rows = formats(caledger, "explain", "MARA", "btc.total", "--as-of",
                               "2026-03-31", "--db", seeded)

    assert "= 31,970 (derived: balance disclosed on 2025-09-30" in text.splitlines()[0]
    steps = [r for r in rows if r["action"] != "left out"]
    assert [(r["action"], r["amount"], r["running"], r["record"]) for r in steps] == [
        ("anchor", "52850", "52850", "mara-2025-09-30-balance"),
        ("subtract", "20880", "31970", SALE)]
    assert steps[-1]["running"] == data["value"]
    left_out = {r["record"]: r["note"] for r in rows if r["action"] == "left out"}
    assert left_out[PURCHASE].startswith("before the anchor")


def test_explain_a_capital_figure_as_csv(caledger, seeded):
    _, data, rows = formats(caledger, "explain", "MARA", "stakes.Exaion.percent", "--as-of",
                            "2025-12-31", "--db", seeded)

    assert [(r["action"], r["amount"], r["running"]) for r in rows] == [("add", "64", "64")]
    assert rows[-1]["running"] == data["value"] == "64"


def test_reconcile_in_three_formats(caledger, seeded):
    text, data, rows = formats(caledger, "reconcile", "MARA", "--db", seeded)

    assert "+7,957" in text and "2 issues" in text
    assert [(r["check"], r["period"], r["stated"], r["unexplained"]) for r in rows] == [
        ("balance", "2024-12-31/2025-09-30", "52850", "7957"),
        ("stated change", "2024-Q4", "18146", "1080")]
    assert rows[1]["records"].split() == ["mara-2024q4-change", "mara-2024q4-mined", PURCHASE]
    assert data["issues"] == 2


def test_history_in_three_formats(caledger, seeded):
    text, data, rows = formats(caledger, "history", "MARA", "--db", seeded)

    assert len(data) == len(rows) == 15
    assert [r["id"] for r in rows] == [r["id"] for r in data]
    sale = next(r for r in rows if r["id"] == SALE)
    assert (sale["type"], sale["btc"], sale["usd"], sale["status"]) == (
        "btc_sold", "20880", "1500000000", "current")
    assert sale["sources"].startswith("002_e2e5a0f140e820f5.txt:1, ")
    assert SALE in text and "btc=20,880" in text


def test_companies_in_three_formats(caledger, seeded):
    text, data, rows = formats(caledger, "companies", "--db", seeded)

    assert "MARA" in text
    assert rows == [{"company": "MARA", "records": "15", "first_position": "1",
                     "last_position": "15"}]
    assert data[0]["records"] == 15


def test_show_in_three_formats(caledger, seeded):
    fix = json.loads(caledger("correct", PURCHASE, "--btc", "14575", "--reason", "restated",
                              "--db", seeded, "--json").stdout)
    text, data, rows = formats(caledger, "show", PURCHASE, "--db", seeded)

    assert "corrected" in text and "restated" in text
    assert [(r["role"], r["id"], r["btc"]) for r in rows] == [
        ("original", PURCHASE, "14574"), ("correction", fix["id"], "14575")]
    assert rows[1]["reason"] == "restated" and rows[1]["amends"] == PURCHASE
    assert data["current"]["btc"] == "14575"

    _, amendment, rows = formats(caledger, "show", fix["id"], "--db", seeded)
    assert [(r["role"], r["amends"], r["btc"]) for r in rows] == [
        ("correction", PURCHASE, "14575")]
    assert amendment["amends"] == PURCHASE


def test_the_write_commands_report_in_every_format(caledger, db, tmp_path):
    seeds = list(map(str, SEEDS))
    first = caledger("import", "--db", db, "--format", "csv", *seeds)
    assert first.exit_code == 0, first.stderr
    rows = dict(csv.reader(io.StringIO(first.stdout)))
    assert rows["added"] == "15" and rows["already_present"] == "0"
    assert rows["added.btc_balance_disclosed"] == "2"
    again = caledger("import", "--db", db, *seeds)
    assert again.stdout.splitlines() == ["added 0 records",
                                         "already present: 15 records, unchanged"]

    args = ("append", "btc_mined", "--company", "MARA", "--effective", "2026-04",
            "--btc", "700", "--source", "notes.txt:1", "--db", db)
    added = list(csv.DictReader(io.StringIO(caledger(*args, "--format", "csv").stdout)))
    assert added[0]["added"] == "true" and added[0]["position"] == "16"
    repeated = caledger(*args)
    assert repeated.stdout.strip() == added[0]["id"]
    assert "already recorded" in repeated.stderr
    assert json.loads(caledger(*args, "--json").stdout) == {
        "id": added[0]["id"], "added": False, "position": None, "new_companies": [],
        "below_zero": [], "possible_duplicates": [],
                     "future_dated": [], "check_units": [], "overlapping_flows": [], "dry_run": False}

    fixed = caledger("correct", added[0]["id"], "--btc", "701", "--reason", "typo",
                     "--db", db, "--format", "csv")
    assert csv_header(fixed.stdout) == ["id", "added", "position"]
    gone = json.loads(caledger("retract", added[0]["id"], "--reason", "never happened",
                               "--db", db, "--json").stdout)
    assert gone["added"] is True

    rebuilt = caledger("rebuild", "--db", db, "--format", "csv")
    as_json = json.loads(caledger("rebuild", "--db", db, "--json").stdout)
    assert as_json["position"] > gone["position"]  # the amendments' id claims count too
    assert list(csv.DictReader(io.StringIO(rebuilt.stdout))) == [
        {"records": str(as_json["records"]), "position": str(as_json["position"])}]
    assert caledger("rebuild", "--db", db).stdout.startswith(
        f"rebuilt the read model from {as_json['records']} records, up to position "
        f"@{as_json['position']}")


def test_json_and_another_format_together_is_one_error_line(caledger, seeded):
    from tests.conftest import the_one_error_line

    line = the_one_error_line(caledger("companies", "--db", seeded, "--json",
                                       "--format", "csv"))
    assert "--json and --format csv disagree" in line


def test_csv_cells_with_commas_quotes_and_newlines_read_back_exactly(caledger, db, load):
    note = 'said "about 1,000 BTC",\nthen <script>alert(1)</script>'
    load({"id": "x", "type": "btc_mined", "company": "TEST", "effective": "2025",
          "btc": "0.00000001", "note": note,
          "sources": [{"document": "a,b.txt", "line": 3}]})
    rows = list(csv.DictReader(io.StringIO(caledger("history", "TEST", "--db", db,
                                                    "--format", "csv").stdout)))
    stored = json.loads(caledger("history", "TEST", "--db", db, "--json").stdout)

    assert rows[0]["note"] == stored[0]["note"]
    assert 'said "about 1,000 BTC",' in rows[0]["note"]
    assert rows[0]["btc"] == "0.00000001"
    assert rows[0]["sources"] == "a,b.txt:3"


@pytest.mark.parametrize("command", [
    ["holdings", "MARA"], ["capital", "MARA"], ["explain", "MARA"], ["reconcile", "MARA"],
    ["history", "MARA"], ["companies"], ["show", SALE],
])
def test_every_query_command_offers_the_three_formats(caledger, command):
    help_text = caledger(*command, "--help").stdout
    assert "--format [text|json|csv]" in help_text and "--json" in help_text
