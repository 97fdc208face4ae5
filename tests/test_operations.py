"""A miner's operations as records: the seed's 53.2 EH/s energized and 703 blocks won in Q4
2024, shown in show, history and series ops.*; a count is only ever its own period's."""

from __future__ import annotations

import json

import pytest

from ledger import api
from ledger.events import RecordInvalid, validate_record

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
    # By month, no report covers a month: the counts are not known, never 703 again.
    monthly = rows(api.series(seeded, "MARA", "2024-11", "2024-12", every="month",
                              figures=["ops.blocks_won"]))
    assert monthly[("ops.blocks_won", "2024-11-30")] == (None, "not known")
    assert monthly[("ops.blocks_won", "2024-12-31")] == ("703", "disclosed")


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
