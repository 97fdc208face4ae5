#!/usr/bin/env python3
"""Set up caledger in ./.venv and run its main job or its tests. Needs only Python 3.11+.

    python3 run.py demo   # load seeds/ into ./caledger.db and show MARA's holdings
    python3 run.py serve  # the demo ledger in a browser: http://127.0.0.1:8000/ (Ctrl-C stops)
    python3 run.py test   # run the test suite (extra arguments go to pytest)
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".caledger-installed"
DEMO_DATES = ("2024-12-31", "2025-09-30", "2026-02-15", "2026-03-31")


def setup() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"caledger needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        print("creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print("installing caledger and its dependencies into .venv ...", flush=True)
        subprocess.run([str(BIN / "python"), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", "-e", f"{ROOT}[test]"], check=True)
        STAMP.write_text(wanted)
    # Bytecode for the project's own modules (an editable install has none): each command
    # then starts without compiling them, even where PYTHONDONTWRITEBYTECODE is set.
    subprocess.run([str(BIN / "python"), "-m", "compileall", "-q", "ledger", "projections"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def run(*args: str) -> int:
    return subprocess.run([str(BIN / "python"), *args], cwd=ROOT).returncode


def demo() -> int:
    db = os.environ.get("CALEDGER_DB", str(ROOT / "caledger.db"))
    seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*.jsonl"))
    print(f"$ caledger import seeds/*.jsonl   (ledger: {db})", flush=True)
    if code := run("-m", "ledger", "import", "--db", db, *seeds):
        return code
    for day in DEMO_DATES:
        print(f"\n$ caledger holdings MARA --as-of {day}", flush=True)
        if code := run("-m", "ledger", "holdings", "MARA", "--as-of", day, "--db", db):
            return code
    return 0


def serve(extra: list[str]) -> int:
    """Serve the demo ledger (loaded first if ./caledger.db is missing) until Ctrl-C; extra
    arguments go to caledger serve (e.g. --port 8080). The documents the seeds cite are
    served from ../shared/sources (or $CALEDGER_SOURCES) when that folder exists."""
    db = os.environ.get("CALEDGER_DB", str(ROOT / "caledger.db"))
    if not db.startswith(("postgresql://", "postgres://")) and not Path(db).exists():
        if code := demo():
            return code
        print(flush=True)
    # The seeds cite the documents in ../shared/sources: served beside the pages when that
    # folder is there (CALEDGER_SOURCES names another), so each citation links to its line.
    sources = Path(os.environ.get("CALEDGER_SOURCES", ROOT.parent / "shared" / "sources"))
    if "--sources" not in extra and sources.is_dir():
        extra = ["--sources", str(sources), *extra]
    print(f"$ caledger serve --db {db} {' '.join(extra)}".rstrip(), flush=True)
    # Its own process group: a Ctrl-C (or SIGINT) reaches this script, which hands it on once,
    # and the server stops cleanly whichever way it was sent (even when started where SIGINT
    # was ignored, as a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    child = subprocess.Popen([str(BIN / "python"), "-m", "ledger", "serve", "--db", db, *extra],
                             cwd=ROOT, start_new_session=True)
    while True:
        try:
            return child.wait()
        except KeyboardInterrupt:
            child.send_signal(signal.SIGINT)


def test(extra: list[str]) -> int:
    # One worker per core (pytest-xdist), each taking whole test files; arguments given here
    # come after, so `run.py test -n 0` runs in one process.
    return run("-m", "pytest", "-n", "auto", "--dist", "loadfile", *extra)


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command not in ("demo", "test", "serve"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    setup()
    if command == "serve":
        return serve(sys.argv[2:])
    return demo() if command == "demo" else test(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
