"""What the hostile-user campaign still found (issue 28, item 4), each held by a scenario.

S1/S3: output options never overwrite the ledger or a file of another kind, and write into
devices and through symlinks as any Unix tool does. S2: a write's checks rest on the log,
never on the read model alone. S4/M1/M2: text from records is never markup. M3: CSV cells
never reach a spreadsheet as formulas. M4: terminal text shows escapes, never runs them.
M6/M7: bounded input, and a ledger whose read model is broken is still verified and rebuilt.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from .conftest import SEEDS, fingerprint, tamper, the_one_error_line

SALE = "mara-2026q1-btc-sale"
PURCHASE = "mara-2024q4-purchase"


def write(path: Path, *records: dict[str, Any]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def total(run, db: str, company: str, day: str) -> str:
    return run("holdings", company, "--as-of", day, "--db", db, "--json")["btc"]["total"]


# --- S2: a write's checks rest on the log, not on the read model ------------------------------


def _move_sale_to_riot(tmp_path: Path, suffix: str = "") -> str:
    return write(tmp_path / f"move{suffix}.jsonl", {
        "id": f"move-sale-to-riot{suffix}", "type": "correction", "corrects": SALE,
        "reason": "the sale was RIOT's",
        "event": {"type": "btc_sold", "company": "RIOT", "effective": "2026-Q1",
                  "btc": "20880", "sources": [{"document": "x.txt", "line": 1}]}})


def test_a_correction_to_another_company_is_refused_even_when_the_read_model_says_so(
        caledger, run, seeded, tmp_path):
    untouched = the_one_error_line(caledger("import", "--db", seeded,
                                            _move_sale_to_riot(tmp_path)))
    assert "a correction keeps the company (MARA), not RIOT" in untouched
    tamper(seeded, "UPDATE rm_log SET company = 'RIOT' WHERE record_id = ?", SALE)
    before = fingerprint(seeded)
    edited = the_one_error_line(caledger("import", "--db", seeded,
                                         _move_sale_to_riot(tmp_path)))
    assert edited == untouched
    assert fingerprint(seeded) == before  # nothing reached the log
    run("rebuild", "--db", seeded)
    assert total(run, seeded, "MARA", "2026-03-31") == "31970"
    assert run("verify", "--read-model", "--db", seeded, "--json")["ok"]


def test_a_retraction_hidden_from_the_read_model_still_stops_a_correction(
        caledger, run, seeded, tmp_path):
    run("retract", SALE, "--reason", "never happened", "--id", "sale-retracted",
        "--db", seeded)
    tamper(seeded, "DELETE FROM rm_log WHERE target = ?", SALE)
    before = fingerprint(seeded)
    line = the_one_error_line(caledger("import", "--db", seeded, write(
        tmp_path / "fix.jsonl", {
            "id": "sale-fixed", "type": "correction", "corrects": SALE, "reason": "r",
            "event": {"type": "btc_sold", "company": "MARA", "effective": "2026-Q1",
                      "btc": "1", "sources": [{"document": "x.txt", "line": 1}]}})))
    assert f'"{SALE}" was retracted by "sale-retracted"' in line
    assert fingerprint(seeded) == before


def test_an_amendment_hidden_from_the_read_model_does_not_fork_the_records_history(
        caledger, run, seeded, tmp_path):
    run("correct", SALE, "--btc", "20000", "--reason", "first restatement", "--id", "fix-1",
        "--db", seeded)
    tamper(seeded, "DELETE FROM rm_log WHERE record_id = 'fix-1'")
    result = caledger("import", "--db", seeded, write(tmp_path / "fix2.jsonl", {
        "id": "fix-2", "type": "correction", "corrects": SALE, "reason": "second restatement",
        "event": {"type": "btc_sold", "company": "MARA", "effective": "2026-Q1",
                  "btc": "20100", "sources": [{"document": "x.txt", "line": 1}]}}))
    assert result.exit_code == 0, result.stderr
    run("rebuild", "--db", seeded)
    shown = run("show", SALE, "--db", seeded, "--json")
    assert [a["id"] for a in shown["amendments"]] == ["fix-1", "fix-2"]
    assert shown["current"]["btc"] == "20100"
    assert run("verify", "--read-model", "--db", seeded, "--json")["ok"]

