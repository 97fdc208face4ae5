"""Every report's CSV says what its JSON says about a figure: its value, its status, why (the
same reason text), and where the report was computed (as_of, known_at, position, head hash,
where the JSON has them). A spreadsheet that reads a not-known figure gets an empty value
cell and the reason beside it, never a bare blank.

The columns a CSV had before keep their names and places; the new ones come after them, so
a reader by column name or position keeps working.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from click.testing import Result

from ledger.safetext import csv_cell

KNOWN_AT = "@14"  # the seeds hold 15 records: a moment before the last, so known_at shows


def csv_and_json(caledger: Callable[..., Result], *args: str
                 ) -> tuple[list[str], list[dict[str, str]], Any]:
    """The CSV header, its rows by column name, and the JSON of one command."""
    out = caledger(*args, "--format", "csv")
    assert out.exit_code == 0, out.stderr
    header = next(csv.reader(io.StringIO(out.stdout)))
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    return header, rows, json.loads(caledger(*args, "--json").stdout)


def stamped(row: dict[str, str], data: dict[str, Any], *names: str) -> None:
    """The row carries the report's stamp as its JSON gives it (null as an empty cell; a
    cell starting with "@" gets a quote before it, so no spreadsheet reads it as a formula)."""
    for name in names or ("as_of", "known_at", "position", "head_hash"):
        assert row[name] == ("" if data[name] is None else csv_cell(str(data[name]))), name


def test_holdings_csv_says_why_loaned_bitcoin_is_not_known(caledger, seeded, load):
    load({"id": "riot-bal", "type": "btc_balance_disclosed", "company": "RIOT",
          "effective": "2025-12-31", "btc": "19000.5",
          "sources": [{"document": "notes.txt", "line": 1}]})
    args = ("holdings", "MARA", "--as-of", "2026-03-31", "--known-at", KNOWN_AT,
            "--db", seeded)
    header, rows, data = csv_and_json(caledger, *args)

    assert header[:9] == ["company", "as_of", "figure", "btc", "status", "anchor", "known_at",
                          "position", "head_hash"]
    loaned = next(r for r in rows if r["figure"] == "btc.loaned")
    assert (loaned["btc"], loaned["value"], loaned["status"]) == ("", "", "not known")
    assert loaned["reason"] == data["reason"]["loaned"]
    assert loaned["reason"].startswith("no disclosed balance stating loaned bitcoin")
    stamped(loaned, data)
    assert loaned["known_at"] == "'@14" and loaned["position"] == "14"
    total = next(r for r in rows if r["figure"] == "btc.total")
    assert (total["btc"], total["value"]) == ("31970", "31970")

    # --all: the same columns, each company's row with its own reason
    header, rows, data = csv_and_json(caledger, "holdings", "--all", "--as-of", "2026-03-31",
                                      "--db", seeded)
    assert header[:9] == ["company", "as_of", "figure", "btc", "status", "anchor", "known_at",
                          "position", "head_hash"]
    riot = {r["figure"]: r for r in rows if r["company"] == "RIOT"}
    assert riot["btc.pledged"]["reason"] == data[1]["reason"]["pledged"]
    assert riot["btc.total"]["value"] == "19000.5"


def test_shares_csv_says_why_the_basic_share_count_is_not_known(caledger, seeded):
    header, rows, data = csv_and_json(caledger, "shares", "MARA", "--as-of", "2026-03-31",
                                      "--known-at", KNOWN_AT, "--db", seeded)

    assert header[:5] == ["company", "as_of", "figure", "value", "status"]
    basic = next(r for r in rows if r["figure"] == "basic")
    assert (basic["value"], basic["status"]) == ("", "not known")
    assert basic["reason"] == data["reason"]["basic"]
    assert basic["reason"].startswith("no share count disclosed on or before 2026-03-31")
    stamped(basic, data)


def test_kpi_csv_says_why_btc_per_share_is_not_known_and_when(caledger, seeded):
    header, rows, data = csv_and_json(caledger, "kpi", "MARA", "--as-of", "2026-03-31",
                                      "--since", "2025-12-31", "--known-at", KNOWN_AT,
                                      "--db", seeded)

    assert header[:5] == ["company", "figure", "date", "value", "status"]
    # Each figure by the name JSON and explain give it (on the --since date, ".since").
    assert [r["figure"] for r in rows] == [
        "kpi.btc.since", "kpi.btc", "kpi.assumed_diluted_shares.since",
        "kpi.assumed_diluted_shares", "kpi.btc_per_share.since", "kpi.btc_per_share",
        "kpi.sats_per_share.since", "kpi.sats_per_share", "kpi.basic_btc_per_share.since",
        "kpi.basic_btc_per_share", "kpi.btc_yield", "kpi.btc_gain", "value.btc_dollar_gain"]
    assert {r["figure"] for r in rows} <= {*data["status"], *data["undefined"]}
    then = next(r for r in rows if r["figure"] == "kpi.btc_per_share.since")
    assert then["date"] == "2025-12-31"
    assert (then["value"], then["status"]) == ("", "not known")
    assert then["reason"] == data["reason"]["kpi.btc_per_share.since"]
    assert "2025-12-31" in then["reason"]
    assert (then["as_of"], then["since"]) == ("2026-03-31", "2025-12-31")
    stamped(then, data, "known_at", "position", "head_hash")
    gain = next(r for r in rows if r["figure"] == "kpi.btc_gain")
    assert gain["reason"] == data["reason"]["kpi.btc_gain"]
    btc = next(r for r in rows if (r["figure"], r["date"]) == ("kpi.btc", "2026-03-31"))
    assert (btc["value"], btc["status"]) == ("31970", "derived")
    assert btc["reason"] == data["reason"]["kpi.btc"]


def test_capital_csv_says_why_a_stake_cost_is_not_known(caledger, seeded, load):
    load({"id": "mara-beta-stake", "type": "stake_acquired", "company": "MARA",
          "effective": "2025-11", "target": "Beta", "percent": "5",
          "sources": [{"document": "notes.txt", "line": 2}]})
    header, rows, data = csv_and_json(caledger, "capital", "MARA", "--as-of", "2026-03-31",
                                      "--db", seeded)

    assert header[:9] == ["company", "as_of", "figure", "unit", "value", "known_at",
                          "position", "head_hash", "status"]
    cost = next(r for r in rows if r["figure"] == "stakes.Beta.cost")
    assert (cost["value"], cost["status"]) == ("", "not known")
    assert cost["reason"] == data["values"]["stakes.Beta.cost"]["reason"]
    assert "mara-beta-stake" in cost["reason"]
    stamped(cost, data)


def test_capital_csv_has_the_share_figures_text_and_json_show(caledger, db, load):
    """One row per figure: the share counts ``capital`` prints ("shares: 50,000,000 basic,
    53,500,000 assumed diluted") are rows too, by the names explain takes."""
    source = [{"document": "a.txt", "line": 1}]
    load({"id": "x-sh", "type": "shares_outstanding_disclosed", "company": "XCO",
          "effective": "2024-12-31", "shares": "50000000", "sources": source},
         {"id": "x-dil", "type": "dilutive_securities_disclosed", "company": "XCO",
          "effective": "2024-12-31", "options": "1000000", "sources": source},
         {"id": "x-notes", "type": "notes_issued", "company": "XCO", "effective": "2025-03-01",
          "principal_usd": "100000000", "convertible": True, "conversion_rate": "25",
          "maturity": "2030-03-01", "sources": source})
    header, rows, data = csv_and_json(caledger, "capital", "XCO", "--as-of", "2025-06-30",
                                      "--db", db)
    assert header == ["company", "as_of", "figure", "unit", "value", "known_at", "position",
                      "head_hash", "status", "reason"]
    shares = {r["figure"]: (r["unit"], r["value"], r["status"]) for r in rows
              if r["figure"].startswith("shares.")}
    assert shares == {"shares.basic": ("shares", "50000000", "derived"),
                      "shares.notes_as_converted": ("shares", "2500000", "derived"),
                      "shares.other_dilutive": ("shares", "1000000", "derived"),
                      "shares.assumed_diluted": ("shares", "53500000", "derived")}
    diluted = next(r for r in rows if r["figure"] == "shares.assumed_diluted")
    assert diluted["reason"] == data["shares"]["reason"]["assumed_diluted"]
    stamped(diluted, data)
    # Before the share count was disclosed: empty cells, with why, as the JSON says.
    _, rows, data = csv_and_json(caledger, "capital", "XCO", "--as-of", "2024-06-30",
                                 "--db", db)
    basic = next(r for r in rows if r["figure"] == "shares.basic")
    assert (basic["value"], basic["status"]) == ("", "not known")
    assert basic["reason"] == data["shares"]["reason"]["basic"] == \
        "no share count disclosed on or before 2024-06-30"


def test_value_csv_gives_the_moment_it_was_known_at(caledger, seeded):
    header, rows, data = csv_and_json(caledger, "value", "MARA", "--as-of", "2026-03-31",
                                      "--known-at", KNOWN_AT, "--db", seeded)

    assert header[:10] == ["company", "as_of", "since", "figure", "value", "unit", "status",
                           "reason", "position", "head_hash"]
    price = next(r for r in rows if r["figure"] == "value.btc_price")
    assert (price["value"], price["status"]) == ("", "not known")
    assert price["reason"] == "no BTC price recorded on or before 2026-03-31"
    stamped(price, data)
    assert price["known_at"] == "'@14"


def test_series_csv_says_why_each_period_is_not_known(caledger, seeded):
    header, rows, data = csv_and_json(caledger, "series", "MARA", "--from", "2025-09-30",
                                      "--to", "2026-03-31", "--figure", "btc.loaned",
                                      "--known-at", KNOWN_AT, "--db", seeded)

    assert header[:17] == ["company", "figure", "unit", "period", "start", "end", "value",
                           "change", "flows", "anchors", "flow_records", "anchor_records",
                           "in_progress", "known_at", "position", "head_hash", "status"]
    assert [(r["period"], r["value"], r["status"]) for r in rows] == [
        ("2025-Q3", "", "not known"), ("2025-Q4", "", "not known"),
        ("2026-Q1", "", "not known")]
    assert [r["reason"] for r in rows] == [r["reason"] for r in data["rows"]]
    assert rows[2]["reason"].startswith(
        "no disclosed balance stating loaned bitcoin on or before 2026-03-31")
    stamped(rows[0], data, "known_at", "position", "head_hash")


def test_explain_csv_of_a_figure_not_known_has_a_row_saying_why(caledger, seeded):
    header, rows, data = csv_and_json(caledger, "explain", "MARA", "btc.loaned", "--as-of",
                                      "2026-03-31", "--known-at", KNOWN_AT, "--db", seeded)

    assert header[:13] == ["company", "figure", "as_of", "step", "bucket", "action", "amount",
                           "running", "record", "type", "effective", "sources", "note"]
    # no step to show (the CSV had no row at all): one row for the figure, saying why
    [row] = rows
    assert (row["figure"], row["step"], row["value"], row["status"]) == (
        "btc.loaned", "", "", "not known")
    assert row["reason"] == data["reason"]
    stamped(row, data)

    # a value figure: the step-less inputs get their row too, each with its own reason
    _, rows, data = csv_and_json(caledger, "explain", "MARA", "value.market_value", "--as-of",
                                 "2026-03-31", "--db", seeded)
    why = {r["figure"]: r["reason"] for r in rows}
    assert why["value.market_value"] == data["reason"]
    assert why["value.btc_price"] == "no BTC price recorded on or before 2026-03-31"
    steps = [r for r in rows if r["figure"] == "btc.total"]
    assert [(r["action"], r["running"], r["value"]) for r in steps] == [
        ("anchor", "52850", "31970"), ("subtract", "31970", "31970")]


def test_reconcile_csv_gives_the_moment_it_was_known_at(caledger, seeded):
    header, rows, data = csv_and_json(caledger, "reconcile", "MARA", "--known-at", KNOWN_AT,
                                      "--db", seeded)

    assert header[:13] == ["company", "check", "bucket", "period", "opening", "itemized",
                           "expected", "stated", "unexplained", "value", "problem", "records",
                           "position"]
    assert [(r["check"], r["unexplained"], r["problem"]) for r in rows] == [
        ("balance", "7957", "unexplained"), ("stated change", "1080", "unexplained")]
    for row in rows:
        stamped(row, data, "known_at", "position", "head_hash")
    assert rows[0]["known_at"] == "'@14"


def test_changes_csv_gives_each_figures_status_before_and_after(caledger, seeded):
    header, rows, data = csv_and_json(caledger, "changes", "--since", "@10", "--db", seeded)

    assert header[:22] == [
        "row", "position", "recorded_at", "company", "id", "type", "effective", "btc",
        "amends", "reason", "date", "total_before", "loaned_before", "pledged_before",
        "unencumbered_before", "total_after", "loaned_after", "pledged_after",
        "unencumbered_after", "moved", "recorded_by", "via"]
    figures = [r for r in rows if r["row"] == "figures"]
    first = figures[0]
    assert (first["date"], first["total_before"], first["total_after"]) == (
        "2024-12-31", "17066", "44893")
    assert (first["total_before_status"], first["total_after_status"]) == (
        "flows only", "disclosed")
    assert (first["loaned_after"], first["loaned_after_status"]) == ("", "not known")
    # ... and why, as holdings gives it then and now, in columns added at the end
    assert header[-8:] == [f"{k}_{when}_reason" for when in ("before", "after")
                           for k in ("total", "loaned", "pledged", "unencumbered")]
    assert (first["total_before_reason"], first["total_after_reason"]) == (
        "no disclosed balance on or before 2024-12-31: the sum of 2 recorded flows, which is "
        "the holding only if MARA held none before the first of them",
        "balance disclosed on 2024-12-31 (mara-2024-12-31-balance)")
    assert first["loaned_after_reason"] == (
        "no disclosed balance stating loaned bitcoin on or before 2024-12-31, and no loan or "
        "loan return is recorded")
    records = [r for r in rows if r["row"] == "record"]
    assert {r["status"] for r in records} == {"current"}
    for row in rows:
        assert (row["since_position"], row["until_position"], row["known_at"],
                row["head_hash"]) == ("10", "15", "", data["head_hash"])


def test_a_csv_position_stamp_read_back_is_taken_by_known_at_since_and_the_server(
        caledger, seeded):
    """Review finding 4: the formula guard writes the stamp ``@14`` as ``'@14`` (a
    spreadsheet runs a cell starting with ``@``); that cell, read back by a CSV reader, is
    taken as ``@14`` wherever a moment is asked for: every command with a known_at column
    answers it as it answers ``@14``, and so do ``changes --since``/``--until`` and the
    server's ``known_at``."""
    from fastapi.testclient import TestClient

    from ledger.web.app import create_app
    from ledger.web.config import ServeConfig

    commands = [["holdings", "MARA", "--as-of", "2026-03-31"], ["shares", "MARA"],
                ["kpi", "MARA", "--as-of", "2026-03-31"], ["value", "MARA"],
                ["capital", "MARA", "--as-of", "2026-03-31"], ["reconcile", "MARA"],
                ["series", "MARA", "--from", "2025", "--to", "2026-Q1"],
                ["explain", "MARA", "btc.total", "--as-of", "2026-03-31"]]
    for args in commands:
        out = caledger(*args, "--known-at", KNOWN_AT, "--db", seeded, "--format", "csv")
        assert out.exit_code == 0, (args, out.stderr)
        cell = next(csv.DictReader(io.StringIO(out.stdout)))["known_at"]
        assert cell == "'" + KNOWN_AT, args  # still guarded
        again = caledger(*args, "--known-at", cell, "--db", seeded, "--format", "csv")
        assert again.exit_code == 0, (args, again.stderr)
        assert again.stdout == out.stdout, args
        assert caledger(*args, "--known-at", cell, "--db", seeded, "--json").stdout == \
            caledger(*args, "--known-at", KNOWN_AT, "--db", seeded, "--json").stdout, args
    feed = caledger("changes", "MARA", "--since", "@5", "--until", KNOWN_AT, "--db", seeded,
                    "--format", "csv")
    row = next(csv.DictReader(io.StringIO(feed.stdout)))
    assert row["known_at"] == "'" + KNOWN_AT
    again = caledger("changes", "MARA", "--since", "'@5", "--until", row["known_at"],
                     "--db", seeded, "--format", "csv")
    assert again.exit_code == 0, again.stderr
    assert again.stdout == feed.stdout
    # only a position stamp loses its quote: any other quoted moment is refused as before
    refused = caledger("holdings", "MARA", "--known-at", "'2025-01-01", "--db", seeded)
    assert refused.exit_code == 2 and "not an ISO 8601 timestamp" in refused.stderr
    with TestClient(create_app(ServeConfig(db=seeded))) as client:
        answer = client.get("/api/v1/holdings", params={
            "company": "MARA", "as_of": "2026-03-31", "known_at": KNOWN_AT, "format": "csv"})
        assert answer.status_code == 200, answer.text
        cell = next(csv.DictReader(io.StringIO(answer.text)))["known_at"]
        assert cell == "'" + KNOWN_AT
        again = client.get("/api/v1/holdings", params={
            "company": "MARA", "as_of": "2026-03-31", "known_at": cell, "format": "csv"})
        assert again.status_code == 200, again.text
        assert again.text == answer.text
