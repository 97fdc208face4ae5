"""A miner's operations as records: the seed's 53.2 EH/s energized and 703 blocks won in Q4
2024, shown in show, history and series ops.*; a count is only ever its own period's."""

from __future__ import annotations

import json

import pytest

from ledger import api
from ledger.events import RecordInvalid, validate_record

from .conftest import rec

OPS = "mara-2024q4-operations"


def rows(data: dict) -> dict[tuple[str, str], tuple]:
    return {(r["figure"], r["end"]): (r["value"], r["status"]) for r in data["rows"]}


def test_the_seed_operations_by_quarter(seeded):
    data = api.series(seeded, "MARA", "2024-Q4", "2025-Q1", every="quarter",
                      figures=["ops.hashrate_ehs", "ops.blocks_won", "ops.btc_produced"])
    got = rows(data)
    assert got[("ops.hashrate_ehs", "2024-12-31")] == ("53.2", "disclosed")
    assert got[("ops.blocks_won", "2024-12-31")] == ("703", "disclosed")
    assert got[("ops.btc_produced", "2024-12-31")] == ("2492", "disclosed")
    # The hashrate is a level: the latest stated, carried forward (derived: not stated for
    # that day), and the reason says for which day it was stated and how long ago.
    assert got[("ops.hashrate_ehs", "2025-03-31")] == ("53.2", "derived")
    carried = {r["end"]: r["reason"] for r in data["rows"] if r["figure"] == "ops.hashrate_ehs"}
    assert carried["2025-03-31"] == (
        "hashrate (energized) stated for 2024-12-31 (2024-Q4, mara-2024q4-operations), carried "
        "forward 90 days to 2025-03-31: the latest reported by then")
    # Blocks are counted over a period: nobody reported Q1 2025's.
    assert got[("ops.blocks_won", "2025-03-31")] == (None, "not known")
    opening = {o["figure"]: o for o in data["opening"]}
    assert opening["ops.hashrate_ehs"]["value"] is None
    # By month, no report covers a month: the counts are not known, never 703 again, and not
    # in December either: the quarter's 703 blocks are not December's.
    monthly = api.series(seeded, "MARA", "2024-11", "2024-12", every="month",
                         figures=["ops.blocks_won"])
    assert rows(monthly)[("ops.blocks_won", "2024-11-30")] == (None, "not known")
    assert rows(monthly)[("ops.blocks_won", "2024-12-31")] == (None, "not known")
    assert monthly["rows"][-1]["reason"] == (
        "blocks won is stated only for 2024-Q4 as a whole (703 blocks, mara-2024q4-operations),"
        " a longer period than 2024-12 (2024-12-01 to 2024-12-31): its part in 2024-12 is not "
        "known")


def test_show_and_history_show_the_operations_with_their_sources(caledger, seeded):
    shown = json.loads(caledger("show", OPS, "--db", seeded, "--json").stdout)
    assert shown["current"]["hashrate_ehs"] == "53.2"
    assert shown["current"]["hashrate_kind"] == "energized"
    assert [s["line"] for s in shown["current"]["sources"]] == [19, 13]
    text = caledger("history", "MARA", "--type", "operations_reported", "--db", seeded).stdout
    assert "hashrate_ehs=53.2; hashrate_kind=energized; blocks_won=703; btc_produced=2,492" \
        in text


@pytest.mark.parametrize(("fields", "message"), [
    ({"hashrate_ehs": "53.2"}, "give hashrate_ehs and hashrate_kind together"),
    ({"hashrate_ehs": "53.2", "hashrate_kind": "nominal"}, "must be one of"),
    ({}, 'give at least one of "hashrate_ehs", "blocks_won", "btc_produced"'),
    ({"blocks_won": "0"}, "a count must be greater than 0"),
])
def test_operations_that_cannot_be_recorded(fields, message):
    with pytest.raises(RecordInvalid) as e:
        validate_record({"id": "o", "type": "operations_reported", "company": "MARA",
                         "effective": "2024-Q4",
                         "sources": [{"document": "x.txt", "line": 1}], **fields})
    assert message in str(e.value)


def ops(id: str, effective: str, blocks: str, btc: str | None = None) -> dict:
    return rec(id, "operations_reported", effective, company="MINR", blocks_won=blocks,
               **({"btc_produced": btc} if btc else {}))


def test_a_series_never_puts_a_longer_periods_count_in_one_of_its_rows(db, load, caledger):
    """A quarter's count in a monthly series is not the last month's: a user summing the
    rows would count it as that month's. Coarser rows keep their own period's count, and
    reports that make up a row's whole period exactly are summed."""
    load(ops("q2", "2025-Q2", "4", "12.5"),
         ops("jul", "2025-07", "2", "6.25"), ops("aug", "2025-08", "1", "3.1"),
         ops("sep", "2025-09", "3", "9"), ops("q4", "2025-Q4", "5"))

    def series(every, start, end, figure="ops.blocks_won"):
        return api.series(db, "MINR", start, end, every=every, figures=[figure])

    monthly = series("month", "2025-04", "2025-09")
    assert [(r["period"], r["value"], r["status"]) for r in monthly["rows"]] == [
        ("2025-04", None, "not known"), ("2025-05", None, "not known"),
        ("2025-06", None, "not known"),  # the quarter's 4 blocks are not June's
        ("2025-07", "2", "disclosed"), ("2025-08", "1", "disclosed"),
        ("2025-09", "3", "disclosed")]
    june = monthly["rows"][2]
    assert june["reason"] == (
        "blocks won is stated only for 2025-Q2 as a whole (4 blocks, q2), a longer period "
        "than 2025-06 (2025-06-01 to 2025-06-30): its part in 2025-06 is not known")
    assert monthly["rows"][0]["in_progress"] == ["q2"]
    # By quarter: Q2 as stated; Q3 the sum of its three months (derived); the same for the
    # bitcoin produced; Q4 as stated.
    quarterly = series("quarter", "2025-Q2", "2025-Q4")
    assert [(r["period"], r["value"], r["status"]) for r in quarterly["rows"]] == [
        ("2025-Q2", "4", "disclosed"), ("2025-Q3", "6", "derived"),
        ("2025-Q4", "5", "disclosed")]
    assert quarterly["rows"][1]["reason"] == (
        "the sum of 3 reports of blocks won that make up 2025-Q3 (2025-07-01 to 2025-09-30): "
        "2025-07 (jul), 2025-08 (aug), 2025-09 (sep)")
    produced = series("quarter", "2025-Q3", "2025-Q3", "ops.btc_produced")["rows"]
    assert (produced[0]["value"], produced[0]["status"]) == ("18.35", "derived")
    # A year with Q1 missing is not known (never the sum of the quarters stated), and says so.
    [year] = series("year", "2025", "2025")["rows"]
    assert (year["value"], year["status"]) == (None, "not known")
    assert year["reason"].startswith("the reports of blocks won within 2025 (2025-01-01 to "
                                     "2025-12-31), 2025-Q2 (q2), 2025-07 (jul), ")
    # The CSV says it as the JSON does: an empty cell and the reason.
    csv = caledger("series", "MINR", "--from", "2025-06", "--to", "2025-06", "--every",
                   "month", "--figure", "ops.blocks_won", "--db", db, "--format", "csv")
    header, row = [line.split(",") for line in csv.stdout.splitlines()[:2]]
    assert row[header.index("value")] == "" and row[header.index("status")] == "not known"
    # A day's figure (operations, explain) still gives the report ending that day, naming
    # its period.
    day = json.loads(caledger("operations", "MINR", "--as-of", "2025-06-30", "--db", db,
                              "--json").stdout)
    assert day["figures"]["ops.blocks_won"]["value"] == "4"
    assert day["figures"]["ops.blocks_won"]["reason"] == "blocks won stated for 2025-Q2 (q2)"
