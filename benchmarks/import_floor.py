"""The SQLite import's floor: what SQLite alone takes to write what an import writes.

    .venv/bin/python benchmarks/import_floor.py --records 200000 --companies 1000 [--repeat 3]

Imports the generated file (``generate.py``) once with ``caledger import``, then, in each
round, paired in the same minutes: the raw baseline of ``run.py`` (``json.loads`` and
``executemany`` into one indexed table), the whole ``caledger import`` command again, and
the floor: every row the import wrote (the stored events, their chain links, the read
model's ``rm_log`` and ``rm_versions`` rows) read back into Python lists first, then bound
and inserted by ``executemany`` into a fresh ledger inside one transaction with the
import's settings, the read model's indexes built and the transaction committed. No JSON
is parsed, no record validated, no envelope, hash or row built, no process started: what
is left of an import if all its Python work took no time. Each step's wall and CPU
seconds are printed; ``floor / baseline`` is the best ratio any import writing these tables
could reach here. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import BASELINE_LOAD, PYTHON, caledger, cpu_probe, load  # noqa: E402

#: What the SQLite read side binds for NULL (``sqlite_read.SQLiteBulk.null``).
NULL = 1 - 2**63


def _child(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, its own processes included) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} failed:\n{result.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def rows_of(db: str) -> dict[str, list[tuple]]:
    """Every row the import wrote, table by table, in position order."""
    conn = sqlite3.connect(db)
    try:
        return {
            "stored_events": conn.execute("SELECT originator_id, originator_version, topic, "
                                          "state FROM stored_events ORDER BY rowid").fetchall(),
            "ledger_chain": conn.execute("SELECT * FROM ledger_chain ORDER BY position")
                                .fetchall(),
            "rm_log": conn.execute("SELECT * FROM rm_log ORDER BY position").fetchall(),
            "rm_versions": [tuple(NULL if v is None else v for v in row) for row in
                            conn.execute("SELECT * FROM rm_versions ORDER BY position")],
        }
    finally:
        conn.close()


def floor(rows: dict[str, list[tuple]], path: str) -> list[tuple[str, float, float]]:
    """(step, wall s, CPU s) of writing ``rows`` into a fresh ledger at ``path``."""
    from ledger.adapters.sqlite import WRITE_CACHE_KIB
    from ledger.store import Ledger

    Ledger.open(path, create=True).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                           "sql IS NOT NULL AND tbl_name IN ('rm_log', 'rm_versions') AND "
                           "name != 'idx_rm_log_known_from_position'").fetchall()
    steps: list[tuple[str, float, float]] = []

    def step(name: str, work) -> None:  # noqa: ANN001
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        steps.append((name, time.perf_counter() - wall, time.process_time() - cpu))

    versions = ", ".join(f"NULLIF(?{n}, {NULL})" for n in range(1, 18))
    conn.execute("BEGIN IMMEDIATE")
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    step("stored_events", lambda: conn.executemany(
        "INSERT INTO stored_events VALUES (?, ?, ?, ?)", rows["stored_events"]))
    step("ledger_chain", lambda: conn.executemany(
        "INSERT INTO ledger_chain VALUES (?, ?)", rows["ledger_chain"]))
    step("rm_log", lambda: conn.executemany(
        "INSERT INTO rm_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows["rm_log"]))
    step("rm_versions", lambda: conn.executemany(
        f"INSERT INTO rm_versions VALUES ({versions})", rows["rm_versions"]))
    step("indexes", lambda: [conn.execute(sql) for _, sql in indexes])
    step("commit", lambda: conn.execute("COMMIT"))
    step("close", conn.close)
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--companies", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = HERE / "data" / f"ledger-{args.records}-{args.companies}.jsonl"
    if not data.exists():
        data.parent.mkdir(exist_ok=True)
        generate(data, args.records, args.companies)
    print(f"load {load()}, cpu_probe {cpu_probe():.3f} s", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="caledger-floor-"))
    try:
        _child(caledger("import", "--db", str(tmp / "first.db"), str(data)))
        rows = rows_of(str(tmp / "first.db"))
        results: dict[str, list[float]] = {"baseline": [], "import": [], "floor": [],
                                           "floor cpu": [], "import cpu": []}
        for n in range(args.repeat):
            for name in ("base.db", "import.db", "floor.db"):
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{tmp / name}{suffix}").unlink(missing_ok=True)
            base, _ = _child([PYTHON, "-c", BASELINE_LOAD, str(data), str(tmp / "base.db")])
            wall, cpu = _child(caledger("import", "--db", str(tmp / "import.db"), str(data)))
            steps = floor(rows, str(tmp / "floor.db"))
            total = sum(s[1] for s in steps)
            results["baseline"].append(base)
            results["import"].append(wall)
            results["import cpu"].append(cpu)
            results["floor"].append(total)
            results["floor cpu"].append(sum(s[2] for s in steps))
            print(f"round {n + 1} (load {load()}): baseline {base:.2f} s; import {wall:.2f} s "
                  f"({cpu:.2f} CPU s, {base / wall:.3f}x); floor {total:.2f} s "
                  f"({base / total:.3f}x): "
                  + ", ".join(f"{name} {w:.2f}/{c:.2f}" for name, w, c in steps), flush=True)
        med = {k: statistics.median(v) for k, v in results.items()}
        print(f"median: baseline {med['baseline']:.2f} s ({args.records / med['baseline']:,.0f}"
              f" rec/s); import {med['import']:.2f} s ({args.records / med['import']:,.0f} "
              f"rec/s, {med['import cpu']:.2f} CPU s, "
              f"{statistics.median(b / i for b, i in zip(results['baseline'], results['import'], strict=True)):.3f}x"
              f" paired); floor {med['floor']:.2f} s ({med['floor cpu']:.2f} CPU s, "
              f"{statistics.median(b / f for b, f in zip(results['baseline'], results['floor'], strict=True)):.3f}x"
              f" paired); load {load()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
