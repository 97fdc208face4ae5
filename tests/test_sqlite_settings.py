"""SQLite's memory statistics off for a large import (``ledger/sqlite_settings.py``): made
before ``sqlite3`` is loaded, on the very library it uses; nothing else changes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Runs ``caledger ARGS...`` in-process, then writes whether SQLite kept memory statistics
#: (the most memory it counted, ``sqlite3_memory_highwater``: 0 without them) and the command's exit code.
PROBE = r"""
import ctypes, json, runpy, sys
from importlib.util import find_spec
out, sys.argv = sys.argv[1], ["caledger", *sys.argv[2:]]
code = 0
try:
    runpy.run_module("ledger", run_name="__main__")
except SystemExit as e:
    code = e.code or 0
library = ctypes.CDLL(find_spec("_sqlite3").origin)
library.sqlite3_memory_highwater.restype = ctypes.c_int64
with open(out, "w") as f:
    json.dump({"used": library.sqlite3_memory_highwater(0), "code": code}, f)
"""


def _run(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "probe.json"
    done = subprocess.run([sys.executable, "-c", PROBE, str(out), *args], capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text())


def _records(path: Path, n: int) -> Path:
    path.write_text("".join(
        f'{{"id": "s-{i}", "type": "btc_mined", "company": "C{i % 7:04d}", "effective": '
        f'"2025-0{1 + i % 9}-1{i % 10}", "btc": "{i % 50 + 1}.25", "sources": '
        f'[{{"document": "f.txt", "line": {i + 1}}}]}}\n' for i in range(n)))
    return path


def test_a_large_import_runs_without_sqlites_memory_statistics_and_stores_the_same(
        tmp_path: Path) -> None:
    from ledger.sqlite_settings import IMPORT_BYTES

    big = _records(tmp_path / "big.jsonl", 8000)
    assert big.stat().st_size >= IMPORT_BYTES
    small = _records(tmp_path / "small.jsonl", 50)
    assert _run(tmp_path, "import", "--db", str(tmp_path / "a.db"), str(big)) == \
        {"used": 0, "code": 0}
    # A small import, and any other command, keep SQLite's default (the statistics kept).
    small_run = _run(tmp_path, "import", str(small), "--db", str(tmp_path / "b.db"))
    assert small_run["code"] == 0 and small_run["used"] > 0
    holdings = _run(tmp_path, "holdings", "C0001", "--db", str(tmp_path / "a.db"))
    assert holdings["code"] == 0 and holdings["used"] > 0
    # The same events as an import with the statistics kept (the ledger's log compared
    # without the recording times, which differ).
    import sqlite3

    subprocess.run([sys.executable, "-c", "import sys; from ledger.importer import "
                    "import_files; import_files(sys.argv[1], [sys.argv[2]])",
                    str(tmp_path / "c.db"), str(big)], check=True, cwd=ROOT)

    def log(db: str) -> list:
        with sqlite3.connect(db) as c:
            return [(o, v, t, json.loads(s)["record"]) for o, v, t, s in c.execute(
                "SELECT originator_id, originator_version, topic, state FROM stored_events "
                "ORDER BY rowid")]

    assert log(str(tmp_path / "a.db")) == log(str(tmp_path / "c.db"))
    assert len(log(str(tmp_path / "a.db"))) == 8000


def test_the_setting_is_not_made_once_sqlite_is_loaded(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sqlite3, sys; from ledger.sqlite_settings import "
         "without_memory_statistics; sys.exit(7 if without_memory_statistics() else 0)"],
        cwd=ROOT)
    assert done.returncode == 0
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from ledger.sqlite_settings import "
         "without_memory_statistics; sys.exit(0 if without_memory_statistics() else 7)"],
        cwd=ROOT)
    assert done.returncode == 0


def test_an_options_value_is_not_counted_as_a_file_to_import(tmp_path: Path) -> None:
    from ledger import sqlite_settings

    ledger = tmp_path / "big.db"
    ledger.write_bytes(b"\0" * (sqlite_settings.IMPORT_BYTES + 1))
    small = _records(tmp_path / "small.jsonl", 5)
    seen: list[bool] = []
    original = sqlite_settings.without_memory_statistics
    sqlite_settings.without_memory_statistics = lambda: seen.append(True) or True
    try:
        assert not sqlite_settings.for_import(["--db", str(ledger), str(small)])
        assert not sqlite_settings.for_import([str(small), "--db", str(ledger)])
        assert sqlite_settings.for_import([str(ledger)])  # named as a file to import
    finally:
        sqlite_settings.without_memory_statistics = original
    assert seen == [True]
