"""Shared fixtures: a fresh ledger per test, the real CLI, and a fingerprint of a store."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, settings

# Property tests are deterministic (the same examples on every run, no example database
# carried between runs) and never time out on a busy machine: CI fails for real reasons only.
settings.register_profile(
    "caledger", deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("CALEDGER_HYPOTHESIS_PROFILE", "caledger"))

from ledger.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.jsonl"))
SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads CALEDGER_DB from the environment or writes outside its temp folder."""
    monkeypatch.delenv("CALEDGER_DB", raising=False)
    monkeypatch.chdir(tmp_path)


#: The PostgreSQL half of the contract suite runs when this is set (``.ci/run`` sets it).
POSTGRES_URL = os.environ.get("CALEDGER_TEST_POSTGRES_URL")
STORES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def is_postgres(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def new_ledger(store: str, tmp_path: Path) -> str:
    """The location of a ledger that does not exist yet, on ``store``."""
    if store == "sqlite":
        return str(tmp_path / f"ledger-{uuid.uuid4().hex[:8]}.db")
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL half of the contract suite skipped: "
                    "set CALEDGER_TEST_POSTGRES_URL (.ci/run does)")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    _created_schemas.append(schema)
    return f"{POSTGRES_URL}{'&' if '?' in POSTGRES_URL else '?'}schema={schema}"


_created_schemas: list[str] = []


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each test that uses a ledger runs once per store: the contract suite."""
    yield request.param
    if request.param == "postgresql" and POSTGRES_URL and _created_schemas:
        import psycopg

        with psycopg.connect(POSTGRES_URL.split("?")[0], autocommit=True) as conn:
            while _created_schemas:
                conn.execute(f'DROP SCHEMA IF EXISTS "{_created_schemas.pop()}" CASCADE')


@pytest.fixture
def db(store: str, tmp_path: Path) -> str:
    """A ledger that does not exist yet: a SQLite path, or a fresh PostgreSQL schema."""
    return new_ledger(store, tmp_path)


@pytest.fixture
def make_db(store: str, tmp_path: Path) -> Callable[[], str]:
    """Make as many fresh ledgers as a test needs (property tests make one per example)."""
    return lambda: new_ledger(store, tmp_path)


@contextmanager
def raw(db: str) -> Iterator[Any]:
    """A plain DB-API connection to the store behind a ledger, for tampering and reading
    as an outsider would. Statements use ``?`` and ``rowid``; on PostgreSQL they are
    translated to ``%s`` and ``notification_id``."""
    if not is_postgres(db):
        conn = sqlite3.connect(db)
        try:
            yield conn
            conn.commit()
        finally:
            conn.close()
        return
    import psycopg

    base, _, query = db.partition("?")
    schema = re.search(r"schema=([A-Za-z0-9_]+)", query)
    with psycopg.connect(base) as conn:
        conn.execute(f'SET search_path TO "{schema[1] if schema else "public"}"')
        yield _Translating(conn)


class _Translating:
    def __init__(self, conn: Any):
        self.conn = conn

    def execute(self, statement: str, params: Any = ()) -> Any:
        statement = statement.replace("?", "%s").replace("rowid", "notification_id")
        return self.conn.execute(statement, params)


def tamper(db: str, statement: str, *params: Any) -> None:
    """Change the store behind the library's back, as a tamperer would."""
    with raw(db) as conn:
        conn.execute(statement, params)


@pytest.fixture
def caledger() -> Callable[..., Result]:
    """Run the real CLI: ``caledger("holdings", "MARA", ..., input=None)``."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def seeded(db: str, caledger: Callable[..., Result]) -> str:
    result = caledger("import", "--db", db, *map(str, SEEDS))
    assert result.exit_code == 0, result.stderr
    return db


def fingerprint(db: str) -> str:
    """A digest of every table of the ledger: equal digests, identical stores."""
    if not is_postgres(db) and not Path(db).exists():
        return "absent"
    digest = hashlib.sha256()
    with raw(db) as conn:
        if is_postgres(db):
            tables = [r[0] for r in conn.conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema() ORDER BY table_name").fetchall()]
            if not tables:
                return "absent"
        else:
            tables = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2').fetchall():
                digest.update(repr(tuple(bytes(v) if isinstance(v, memoryview) else v
                                         for v in row)).encode())
    return digest.hexdigest()


# --- helpers the scenario tests share -----------------------------------------------------------


def _as_someone_else() -> list[str] | None:
    """How to run the CLI as a user who can't write the ledger (root writes anywhere)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


@contextmanager
def read_only_ledger(caledger: Callable[..., Result],
                     change: Callable[[str], None] | None = None
                     ) -> Iterator[tuple[str, Callable[..., subprocess.CompletedProcess]]]:
    """A seeded SQLite ledger, changed by ``change(db)`` if given, then made read-only (the
    file and its folder) to the user the commands run as: (its path, ``cli(*args)``, which
    runs ``caledger *args --db PATH`` as that user)."""
    prefix = _as_someone_else()
    if prefix is None:
        pytest.skip("running as root without setpriv: can't make a ledger read-only")
    folder = Path(tempfile.mkdtemp(prefix="caledger-ro-"))
    try:
        os.chmod(folder, 0o755)
        db = str(folder / "ledger.db")
        assert caledger("import", "--db", db, *map(str, SEEDS)).exit_code == 0
        if change is not None:
            change(db)
        os.chmod(db, 0o444)
        os.chmod(folder, 0o555)

        def cli(*args: str) -> subprocess.CompletedProcess:
            return subprocess.run([*prefix, sys.executable, "-m", "ledger", *args, "--db", db],
                                  capture_output=True, text=True, timeout=120, check=False)

        yield db, cli
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


def answers_every_query(cli: Callable[..., subprocess.CompletedProcess]) -> None:
    """The seeded ledger behind ``cli`` answers every query, with nothing on stderr."""
    held = cli("holdings", "MARA", "--as-of", "2026-03-31", "--json")
    assert held.returncode == 0, held.stderr
    assert json.loads(held.stdout)["btc"]["total"] == "31970"
    for args in (("history", "MARA"), ("reconcile", "MARA"), ("companies",), ("verify",),
                 ("explain", "MARA", "btc.total", "--as-of", "2026-03-31")):
        done = cli(*args)
        assert done.returncode == 0 and done.stderr == "", (args, done.stderr)


def rec(id: str, type: str, effective: str, company: str = "TEST", **fields: Any) -> dict:
    """A record of ``company`` (TEST by default) citing a notes file."""
    return {"id": id, "type": type, "company": company, "effective": effective,
            "sources": [{"document": "notes.txt", "line": 1}], **fields}


def import_records(db: str, records: list[dict[str, Any]]) -> None:
    """Import ``records`` into ``db`` in-process, as one JSON Lines import."""
    from ledger import api

    api.import_files(db, ["-"], stdin_text="\n".join(json.dumps(r) for r in records))


@contextmanager
def amendments_unchecked() -> Iterator[None]:
    """Writes inside it store amendments as caledger did before a correction or retraction
    was held to the capital rules (``NotesCheck._left_behind``): for tests of a ledger that
    already holds what those rules now refuse (an over-retirement, a stake out of range)."""
    from ledger.notes_rules import NotesCheck

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(NotesCheck, "_left_behind", lambda *_: None)
        yield


def seed_record(record_id: str) -> dict[str, Any]:
    """A seed record exactly as written in seeds/*.jsonl."""
    for seed in SEEDS:
        for line in seed.read_text(encoding="utf-8").splitlines():
            if line.strip() and json.loads(line)["id"] == record_id:
                return json.loads(line)
    raise LookupError(record_id)


def the_one_error_line(result: Result) -> str:
    """A refusal: non-zero exit, nothing on stdout, exactly one ``error:`` line on stderr
    and no traceback anywhere. Returns that line."""
    everything = (result.stdout or "") + (result.stderr or "")
    assert "Traceback" not in everything, everything
    assert result.exit_code != 0, f"exit code 0; stdout={result.stdout!r}"
    assert result.stdout == "", f"stdout should be empty, got {result.stdout!r}"
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected exactly one stderr line, got {len(lines)}:\n{result.stderr}"
    assert lines[0].startswith("error: "), lines[0]
    return lines[0]


@pytest.fixture
def run(caledger: Callable[..., Result]) -> Callable[..., Any]:
    """Run a command that must succeed; with --json among the args, return the parsed JSON."""

    def invoke(*args: str) -> Any:
        result = caledger(*args)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout) if "--json" in args else result

    return invoke


@pytest.fixture
def load(caledger: Callable[..., Result], db: str, tmp_path: Path) -> Callable[..., dict]:
    """``load(*records)`` imports the records into ``db`` as one JSON Lines file and returns
    the import's --json report."""
    counter = iter(range(1000))

    def do(*records: dict) -> dict:
        path = tmp_path / f"batch{next(counter)}.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
        result = caledger("import", "--db", db, "--json", str(path))
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return do
