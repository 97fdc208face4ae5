"""Faults: processes killed mid-import, many processes creating one ledger, a PostgreSQL
server that ends idle transactions, and spool files left behind (issue 10, items 12-14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from ledger import api

from .conftest import POSTGRES_URL, is_postgres, raw

RECORDS = 12_000


def purchases(n: int, prefix: str = "p") -> list[dict[str, Any]]:
    return [{"id": f"{prefix}-{i}", "type": "btc_purchased", "company": f"C{i % 3}",
             "effective": f"2025-{1 + i % 12:02d}", "btc": f"{1 + i % 7}.5",
             "sources": [{"document": "wire.txt", "line": 1 + i}]} for i in range(n)]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def stored_events(db: str) -> int:
    """How many events the store holds (0 when the ledger doesn't exist yet)."""
    if not is_postgres(db) and not Path(db).exists():
        return 0
    try:
        with raw(db) as conn:
            return conn.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0]
    except Exception as e:  # no table yet: killed before the ledger was made
        if "stored_events" in str(e) or "no such table" in str(e):
            return 0
        raise


def figures(db: str) -> list[dict[str, Any]]:
    return [{"company": r["company"], "btc": r["btc"]}
            for r in api.compare(db, "holdings", [], "2025-12-31", every=True)]


def spawn(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ledger", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _wait_for_the_write(db: str, process: subprocess.Popen) -> bool:
    """Wait until ``process`` is storing (its write lock held, its events going in)."""
    if is_postgres(db):
        schema = db.rsplit("schema=", 1)[1]
        import psycopg

        with psycopg.connect(POSTGRES_URL.split("?")[0], autocommit=True) as conn:
            while process.poll() is None:
                if conn.execute(
                        "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = "
                        "'stored_events' AND n.nspname = %s AND l.mode = 'ExclusiveLock' "
                        "AND l.granted", (schema,)).fetchone():
                    time.sleep(0.05)
                    return True
                time.sleep(0.005)
        return False
    # SQLite: the write lock held by someone else is the import storing (or projecting what
    # it stored). Probe it without waiting; the probe holds the lock for no time at all.
    import sqlite3

    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        while process.poll() is None:
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
            except sqlite3.OperationalError:  # "database is locked"
                time.sleep(0.02)
                return True
            time.sleep(0.002)
    finally:
        probe.close()
    return False


def test_an_import_killed_at_any_point_leaves_all_or_nothing_and_no_spool(db, make_db,
                                                                          tmp_path):
    source = write_jsonl(tmp_path / "big.jsonl", purchases(RECORDS))
    reference = make_db()
    started = time.monotonic()
    api.import_files(reference, [str(source)])
    took = time.monotonic() - started
    spool_dir = tmp_path / "tmp"
    spool_dir.mkdir()
    env = {**os.environ, "TMPDIR": str(spool_dir), "SQLITE_TMPDIR": str(spool_dir)}
    outcomes = []
    # Kill points spread over the whole import (start-up, validating, storing, projecting),
    # whatever this machine's speed: measured on the uninterrupted import above.
    for delay in (0.2, 0.5, *(0.6 + took * f for f in (0.2, 0.4, 0.6, 0.8, 1.0, 1.3, 2.0))):
        process = spawn("import", "--db", db, str(source), env=env)
        time.sleep(delay)
        process.kill()  # SIGKILL: no clean-up runs
        process.wait(timeout=60)
        count = stored_events(db)
        assert count in (0, RECORDS), f"killed after {delay}s: {count} events stored"
        outcomes.append(count)
        if count:
            assert api.verify(db).ok
            break
        left = list(spool_dir.iterdir())
        assert left == [], f"a killed import left its spool behind: {left}"
    # And on a new ledger, killed while its write transaction is open (whatever the timing
    # above hit), then completed.
    other = make_db()
    api.import_files(other, [str(write_jsonl(tmp_path / "one.jsonl", purchases(1, "z")))])
    process = spawn("import", "--db", other, str(source), env=env)
    seen = _wait_for_the_write(other, process)
    process.kill()
    process.wait(timeout=60)
    assert seen, "the import ended before its write was seen"
    assert stored_events(other) in (1, 1 + RECORDS)
    assert api.verify(other).ok
    api.import_files(other, [str(source)])
    assert stored_events(other) == 1 + RECORDS and api.verify(other).ok
    assert figures(other)[1:] == figures(reference)[1:]  # C1, C2: no "z" record there
    assert list(spool_dir.iterdir()) == []
    if not is_postgres(db):  # nothing but the ledger itself (and SQLite's WAL files)
        leftovers = {p.name.removesuffix("-wal").removesuffix("-shm").removesuffix("-journal")
                     for p in Path(db).parent.iterdir()
                     if p.name.startswith(f".{Path(db).name}.new-")}
        # at most one half-made file (with its journal files) per kill that hit the ledger's
        # creation; a later creation removes them once they are stale
        assert len(leftovers) <= len(outcomes), leftovers
    # Re-running completes with the same answers as an import never interrupted.
    report = api.import_files(db, [str(source)])
    assert report.added_count + report.existing_count == RECORDS
    assert stored_events(db) == RECORDS
    assert api.verify(db).ok
    assert figures(db) == figures(reference)
    assert [r["id"] for r in api.history(db, "C1")] == [r["id"]
                                                       for r in api.history(reference, "C1")]


def test_a_new_sqlite_ledgers_import_killed_while_storing_leaves_it_empty_and_readable(
        tmp_path):
    # A first import writes its transaction through a rollback journal (each page once);
    # killed meanwhile, it leaves a hot journal, which the next command, even a query that
    # only reads, rolls back: the empty ledger, in write-ahead-log mode again. The kill is
    # made certain here: a process writes more than its cache holds in that mode (so the
    # file itself is written and the journal is hot), then kills itself.
    import sqlite3

    from ledger.store import Ledger

    db = str(tmp_path / "new.db")
    Ledger.open(db, create=True).close()  # a new ledger, no event yet
    writing = ("import os, signal, sqlite3, sys\n"
               "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
               "assert c.execute('PRAGMA journal_mode = DELETE').fetchone()[0] == 'delete'\n"
               "c.execute('PRAGMA cache_size = 8')\n"
               "c.execute('BEGIN')\n"
               "c.execute('CREATE TABLE half (b BLOB)')\n"
               "c.executemany('INSERT INTO half VALUES (?)', [(os.urandom(4000),)] * 2000)\n"
               "c.execute('DELETE FROM tracking')\n"
               "os.kill(os.getpid(), signal.SIGKILL)\n")
    subprocess.run([sys.executable, "-c", writing, db])
    journal = Path(f"{db}-journal")
    assert journal.stat().st_size > 0 and Path(db).stat().st_size > 4_000_000
    query = subprocess.run([sys.executable, "-m", "ledger", "companies", "--db", db],
                           capture_output=True, text=True)
    assert query.returncode == 0, query.stderr
    assert not journal.exists()
    source = write_jsonl(tmp_path / "some.jsonl", purchases(30))
    report = api.import_files(db, [str(source)])
    assert report.added_count == 30 and api.verify(db).ok
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA page_size").fetchone()[0] == 16_384
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchall() \
            == []


def test_a_command_meeting_a_new_ledgers_first_import_says_busy_then_reads_it_whole(tmp_path):
    # While a new ledger's first import holds the whole file (a rollback journal's exclusive
    # lock), another command waits SQLite's busy timeout, then says so in one line and
    # changes nothing; once the import has ended it reads the ledger as the import left it.
    import sqlite3

    from ledger.store import Ledger

    db = str(tmp_path / "new.db")
    Ledger.open(db, create=True).close()
    holding = ("import sqlite3, sys, time\n"
               "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
               "assert c.execute('PRAGMA journal_mode = DELETE').fetchone()[0] == 'delete'\n"
               "c.execute('BEGIN EXCLUSIVE')\n"
               "print('held', flush=True)\n"
               "sys.stdin.readline()\n"
               "c.execute('ROLLBACK')\n"
               "c.execute('PRAGMA journal_mode = WAL')\n")
    holder = subprocess.Popen([sys.executable, "-c", holding, db], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        query = subprocess.run([sys.executable, "-m", "ledger", "companies", "--db", db],
                               capture_output=True, text=True, timeout=120)
        assert query.returncode != 0 and "Traceback" not in query.stderr
        [line] = query.stderr.strip().splitlines()
        assert "busy: another process holds the whole file" in line and "try again" in line
    finally:
        holder.communicate("\n", timeout=60)
    assert holder.returncode == 0
    after = subprocess.run([sys.executable, "-m", "ledger", "companies", "--db", db, "--json"],
                           capture_output=True, text=True, timeout=120)
    assert after.returncode == 0, after.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_many_processes_creating_one_new_sqlite_ledger_at_once_all_succeed(tmp_path):
    db = str(tmp_path / "new.db")
    processes = [spawn("append", "btc_mined", "--id", f"m{n}", "--company", "AAA",
                       "--effective", "2025-01", "--btc", str(n + 1), "--source", "x:1",
                       "--db", db) for n in range(16)]
    for p in processes:
        _, stderr = p.communicate(timeout=300)
        assert p.returncode == 0, stderr
    assert sorted(r["id"] for r in api.history(db, "AAA")) == sorted(f"m{n}" for n in range(16))
    assert api.holdings_json(api.holdings(db, "AAA", "2025-12-31"))["btc"]["total"] \
        == str(sum(range(1, 17)))
    report = api.verify(db)
    assert report.ok and report.records == 16
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("new.db")) == []


@pytest.mark.postgres
def test_a_long_import_on_postgresql_never_times_itself_out(tmp_path, monkeypatch):
    """The library ends a transaction idle for 5 s by default (and a server may be set
    lower): the import's write transaction waits, idle, while each chunk of records is
    checked on another connection. Re-importing records already present must still work."""
    if not POSTGRES_URL:
        pytest.skip("set CALEDGER_TEST_POSTGRES_URL")
    from ledger import store

    from .conftest import new_ledger

    db = new_ledger("postgresql", tmp_path)
    try:
        source = write_jsonl(tmp_path / "many.jsonl", purchases(6_000))
        api.import_files(db, [str(source)])
        # A server whose sessions end transactions idle for 300 ms.
        monkeypatch.setenv("PGOPTIONS", "-c idle_in_transaction_session_timeout=300")
        planned = store.Ledger._plan

        def slow_plan(self, *args: Any, **kwargs: Any) -> Any:
            time.sleep(5.5)  # longer than the library's default timeout, too
            return planned(self, *args, **kwargs)

        monkeypatch.setattr(store.Ledger, "_plan", slow_plan)
        report = api.import_files(db, [str(source)])
        assert report.existing_count == 6_000 and report.added_count == 0
        monkeypatch.setattr(store.Ledger, "_plan", planned)
        more = write_jsonl(tmp_path / "more.jsonl", purchases(10, prefix="q"))
        assert api.import_files(db, [str(more)]).added_count == 10
    finally:
        import psycopg

        schema = db.rsplit("schema=", 1)[1]
        with psycopg.connect(POSTGRES_URL.split("?")[0], autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _running(marker: str) -> list[str]:
    """Command lines of this machine's processes that mention ``marker``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            line = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker in line:
            found.append(f"{proc.name}: {line}")
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the validators")
def test_an_import_on_several_processes_killed_while_storing_leaves_nothing_behind(
        db, make_db, tmp_path):
    from ledger import pipeline

    # Large enough for the validating processes (long document names pad each record).
    records = [{**r, "sources": [{"document": f"{'annual-report-' * 8}{i}.txt", "line": 1}]}
               for i, r in enumerate(purchases(RECORDS))]
    source = write_jsonl(tmp_path / "wide.jsonl", records)
    assert source.stat().st_size >= pipeline.MIN_BYTES and pipeline.validators() >= 2
    api.import_files(db, [str(write_jsonl(tmp_path / "one.jsonl", purchases(1, "z")))])
    process = spawn("import", "--db", db, str(source))
    seen = _wait_for_the_write(db, process)
    process.kill()  # SIGKILL: the storing process; its validators are not told
    process.wait(timeout=60)
    assert seen, "the import ended before its write was seen"
    assert stored_events(db) in (1, 1 + RECORDS)
    assert api.verify(db).ok
    # The validators notice on their next send and end; none is left running.
    deadline = time.monotonic() + 30
    while _running(str(source)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _running(str(source)) == []
    report = api.import_files(db, [str(source)])
    assert report.added_count + report.existing_count == RECORDS
    assert stored_events(db) == 1 + RECORDS and api.verify(db).ok


# --- a SQLite rebuild's scratch folder ----------------------------------------------------------
# (A SQLite rebuild has a second process build rm_versions in a scratch file, in a folder of the
# temporary directory; PostgreSQL's rebuild makes none.)

#: ``caledger rebuild``, paused once its scratch folder is made (its path written to argv[1]).
PAUSED_REBUILD = """
import sys, time
from contextlib import contextmanager
from pathlib import Path

from ledger.adapters import sqlite_es

attached, ready = sqlite_es.scratch_attached, Path(sys.argv[1])

@contextmanager
def paused(connection):
    with attached(connection) as path:
        ready.write_text(str(path))
        time.sleep(120)
        yield path

sqlite_es.scratch_attached = paused
sys.argv = ["caledger", *sys.argv[2:]]
from ledger.cli import main
main()
"""


def paused_rebuild(db: str, temp: Path, ready: Path) -> tuple[subprocess.Popen, Path]:
    """A rebuild of ``db`` (temporary directory ``temp``) paused with its scratch folder made:
    the process, and that folder."""
    ready.unlink(missing_ok=True)
    env = {**os.environ, "TMPDIR": str(temp)}
    process = subprocess.Popen([sys.executable, "-c", PAUSED_REBUILD, str(ready), "rebuild",
                                "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env)
    deadline = time.monotonic() + 60
    while not ready.exists() or not ready.read_text():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the rebuild never made its scratch folder"
        time.sleep(0.05)
    folder = Path(ready.read_text()).parent
    assert folder.parent == temp and folder.name.startswith(f"caledger-rebuild-{process.pid}-")
    return process, folder


def scratch_folders(temp: Path) -> set[str]:
    return {p.name for p in temp.iterdir() if p.name.startswith("caledger-rebuild-")}


def seeded_sqlite(caledger, path: Path) -> str:
    from .conftest import SEEDS

    assert caledger("import", "--db", str(path), *map(str, SEEDS)).exit_code == 0
    return str(path)


def _answers(db: str) -> Any:
    return api.holdings_json(api.holdings(db, "MARA", "2026-03-31"))["btc"]


def test_a_rebuild_ended_by_sigterm_or_an_interrupt_removes_its_scratch_folder(
        caledger, tmp_path):
    import signal

    db = seeded_sqlite(caledger, tmp_path / "ledger.db")
    before = _answers(db)
    temp = tmp_path / "tmp"
    temp.mkdir()
    for sig, status in ((signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, None)):
        process, folder = paused_rebuild(db, temp, tmp_path / "ready")
        assert (folder / "owner.lock").exists()
        process.send_signal(sig)
        out, err = process.communicate(timeout=60)
        assert process.returncode != 0 and "Traceback" not in err, (sig, err)
        if status is not None:
            assert process.returncode == status
        assert scratch_folders(temp) == set(), (sig, err)
        # the rebuild rolled back: the read model is as it was
        assert api.verify(db, read_model=True).ok
        assert _answers(db) == before


def test_a_rebuild_removes_the_scratch_folders_of_killed_rebuilds_never_one_in_use(
        caledger, tmp_path, monkeypatch):
    import tempfile

    killed_db = seeded_sqlite(caledger, tmp_path / "killed.db")
    busy_db = seeded_sqlite(caledger, tmp_path / "busy.db")
    before = _answers(killed_db)
    temp = tmp_path / "tmp"
    temp.mkdir()
    # a rebuild killed (SIGKILL: nothing of its own runs) leaves its folder behind
    process, killed = paused_rebuild(killed_db, temp, tmp_path / "ready-killed")
    process.kill()
    process.wait(timeout=60)
    assert killed.exists()
    # one killed between making its folder and locking it: its process id is not running
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    unlocked = temp / f"caledger-rebuild-{int(gone.stdout)}-x1y2z3"
    unlocked.mkdir()
    # left alone: one named before process ids were (no owner to ask), another program's
    older, other = temp / "caledger-rebuild-k2j3h4l5", temp / "caledger-rebuilder"
    older.mkdir()
    other.mkdir()
    # and another rebuild's, running now
    busy, in_use = paused_rebuild(busy_db, temp, tmp_path / "ready-busy")
    try:
        monkeypatch.setattr(tempfile, "tempdir", str(temp))
        assert caledger("rebuild", "--db", killed_db).exit_code == 0
        assert scratch_folders(temp) == {in_use.name, older.name}
        assert other.exists()
        assert (in_use / "owner.lock").exists() and (in_use / "rm_versions.db").exists()
        assert api.verify(killed_db, read_model=True).ok and _answers(killed_db) == before
    finally:
        busy.terminate()
        busy.communicate(timeout=60)
    assert busy.returncode == 143
    assert scratch_folders(temp) == {older.name}
    assert api.verify(busy_db, read_model=True).ok
