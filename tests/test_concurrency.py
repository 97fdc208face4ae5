"""Several real processes writing to one ledger at once, on each store.

Every accepted record is stored exactly once, nothing is lost, a conflicting amendment is
retried or refused with one clear line, the hash chain stays whole, and the read model kept
by all those processes ends exactly equal to a rebuild.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from ledger import api

WRITERS = 4
OWN = 40      # records only one writer imports
SHARED = 15   # records every writer imports, identical


def purchase(record_id: str, company: str, day: int, btc: str) -> dict[str, Any]:
    return {"id": record_id, "type": "btc_purchased", "company": company,
            "effective": f"2025-03-{day:02d}", "btc": btc,
            "sources": [{"document": "wire.txt", "line": day}]}


def spawn(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ledger", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(processes: list[subprocess.Popen]) -> list[tuple[int, str, str]]:
    out = []
    for p in processes:
        stdout, stderr = p.communicate(timeout=300)
        out.append((p.returncode, stdout, stderr))
    return out


def holdings_everywhere(db: str) -> list[dict[str, Any]]:
    rows = api.compare(db, "holdings", [], "2025-12-31", every=True)
    return [{k: v for k, v in r.items() if k != "known_at"} for r in rows]


def test_parallel_imports_store_every_record_exactly_once(db, tmp_path: Path):
    api.import_files(db, [_write(tmp_path / "anchor.jsonl", [
        {"id": "anchor", "type": "btc_balance_disclosed", "company": "AAA",
         "effective": "2025-02-28", "btc": "1000", "sources": [{"document": "a", "line": 1}]}])])
    shared = [purchase(f"shared-{i}", "AAA", 1 + i % 28, "1.5") for i in range(SHARED)]
    files = []
    for w in range(WRITERS):
        own = [purchase(f"w{w}-{i}", "AAA" if i % 2 else "BBB", 1 + i % 28, f"{w + 1}.25")
               for i in range(OWN)]
        # Each writer sends its records in several small imports, interleaving with the rest.
        for part in range(4):
            chunk = own[part::4] + shared[part::4]
            files.append(_write(tmp_path / f"w{w}-{part}.jsonl", chunk))
    results = finish([spawn("import", "--db", db, "--json", str(f)) for f in files])
    for code, _, stderr in results:
        assert code == 0, stderr
    added = sum(json.loads(out)["added"] for _, out, _ in results)
    assert added == WRITERS * OWN + SHARED  # shared records stored once, by whoever came first

    history = api.history(db, "AAA") + api.history(db, "BBB")
    ids = [r["id"] for r in history]
    assert len(ids) == len(set(ids)) == 1 + WRITERS * OWN + SHARED
    assert api.verify(db).ok
    # AAA: the anchor plus every purchase after it (all March).
    expected = (Decimal(1000) + Decimal("1.5") * SHARED
                + sum(Decimal(f"{w + 1}.25") for w in range(WRITERS)) * (OWN // 2))
    before = holdings_everywhere(db)
    assert Decimal(next(r for r in before if r["company"] == "AAA")["btc"]["total"]) == expected
    api.rebuild(db)
    assert holdings_everywhere(db) == before


def test_racing_amendments_of_one_record_are_serialized_or_refused(db, tmp_path: Path):
    api.import_files(db, [_write(tmp_path / "base.jsonl", [
        purchase("target", "AAA", 10, "100"), purchase("other", "AAA", 11, "1")])])
    processes = [spawn("correct", "target", "--btc", str(100 + n), "--reason", f"reading {n}",
                       "--db", db, "--json") for n in range(1, 4)]
    processes.append(spawn("retract", "target", "--reason", "withdrawn", "--db", db, "--json"))
    results = finish(processes)

    shown = api.show(db, "target")
    stored = {a["id"]: a for a in shown["amendments"]}
    accepted = [json.loads(out) for code, out, _ in results if code == 0]
    refused = [stderr for code, _, stderr in results if code != 0]
    assert all(a["id"] in stored for a in accepted)         # nothing accepted was lost
    assert len(stored) == len(accepted)                      # nothing stored twice
    for stderr in refused:                                   # one clear line each
        [line] = stderr.strip().splitlines()                 # (--json: problem details)
        refusal = json.loads(line)
        assert refusal["exit_code"] == 1 and "retracted" in refusal["detail"], line
    # Whatever the interleaving: if the retraction landed, it is the last amendment.
    kinds = [a["type"] for a in shown["amendments"]]
    assert "retraction" in kinds and kinds[-1] == "retraction"
    assert shown["status"] == "retracted"
    assert api.verify(db).ok
    before = holdings_everywhere(db)
    api.rebuild(db)
    assert holdings_everywhere(db) == before


def test_parallel_appends_of_the_same_action_record_it_once(db, tmp_path: Path):
    api.import_files(db, [_write(tmp_path / "base.jsonl", [purchase("seed", "AAA", 1, "1")])])
    args = ("append", "btc_mined", "--company", "AAA", "--effective", "2025-04", "--btc", "7",
            "--source", "report.txt:3", "--db", db, "--json")
    results = finish([spawn(*args) for _ in range(6)])
    assert all(code == 0 for code, _, _ in results), [e for _, _, e in results]
    reports = [json.loads(out) for _, out, _ in results]
    assert len({r["id"] for r in reports}) == 1
    assert sum(r["added"] for r in reports) == 1
    assert [r["id"] for r in api.history(db, "AAA")].count(reports[0]["id"]) == 1


def _write(path: Path, records: list[dict[str, Any]]) -> str:
    path.write_text("\n".join(json.dumps(r) for r in records))
    return str(path)
