"""Shared fixtures: a fresh ledger per test, the real CLI, and a fingerprint of a store."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ledger.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.jsonl"))
SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads CALEDGER_DB from the environment or writes outside its temp folder."""
    monkeypatch.delenv("CALEDGER_DB", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def db(tmp_path: Path) -> str:
    """Path of a ledger that does not exist yet."""
    return str(tmp_path / "ledger.db")


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
    """A digest of every table in the ledger file: equal digests, identical stores."""
    if not Path(db).exists():
        return "absent"
    digest = hashlib.sha256()
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2'):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()
