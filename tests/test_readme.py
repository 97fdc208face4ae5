"""The README runs as written: every command in its ``sh`` code blocks, in order, from a copy
of the project root holding nothing but the repository (the seeds, the examples, the code),
on a fresh ledger. A command that must fail is written ``! caledger ...`` in the README.

Each page of ``docs/`` with ``sh`` blocks runs the same way, each page on a fresh ledger of
its own (a page that needs the seeds imports them in its first block)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from .conftest import POSTGRES_URL, ROOT

README = ROOT / "README.md"
#: The pages of docs/ whose sh blocks are runnable examples.
PAGES = sorted(p for p in (ROOT / "docs").glob("*.md") if "```sh\n" in p.read_text(encoding="utf-8"))
#: What a fresh clone holds that the tour uses (copied; the virtual environment is linked).
_COPIED = ("seeds", "examples", "ledger", "projections", "run.py", "pyproject.toml",
           "README.md")
_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)


def commands(text: str) -> list[str]:
    """The commands of every ``sh`` block, in order: continuation lines joined, comment
    lines and blank lines left out."""
    out: list[str] = []
    for block in _BLOCK.findall(text):
        pending = ""
        for line in block.splitlines():
            if not pending and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if line.rstrip().endswith("\\"):
                pending += line.rstrip()[:-1] + " "
                continue
            out.append((pending + line).strip())
            pending = ""
    return out


def test_the_readme_has_a_tour_to_run() -> None:
    found = commands(README.read_text(encoding="utf-8"))
    assert found[:2] == ["python3 run.py demo", "python3 run.py test"]
    assert sum(c.startswith(("caledger", "! caledger")) for c in found) > 40


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A copy of the project as a fresh clone has it (this run's environment does the rest)."""
    root = tmp_path / "caledger"
    root.mkdir()
    for name in _COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, root / name)
    return root


def test_the_docs_pages_with_commands_are_found() -> None:
    assert {"serving.md", "trust.md"} <= {p.name for p in PAGES}


_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _anchor(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to -."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)
    return {_anchor(h) for h in re.findall(r"^#+ (.+)$", text, flags=re.M)}


@pytest.mark.parametrize("page", [README, *sorted((ROOT / "docs").glob("*.md"))],
                         ids=lambda p: p.name)
def test_every_relative_link_leads_somewhere(page: Path) -> None:
    broken = []
    for target in _LINK.findall(page.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        where = (page.parent / path).resolve() if path else page
        if not where.exists():
            broken.append(target)
        elif anchor and where.suffix == ".md" and anchor not in _anchors(where):
            broken.append(target)
    assert not broken, f"{page.name}: links to nothing: {broken}"


def test_every_readme_command_runs_from_the_project_root(clone: Path) -> None:
    ran = run_all(commands(README.read_text(encoding="utf-8")), clone)
    assert ran > 40


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_docs_page_command_runs_on_a_fresh_ledger(page: Path, clone: Path) -> None:
    assert run_all(commands(page.read_text(encoding="utf-8")), clone) > 0


def run_all(found: list[str], clone: Path) -> int:
    """Run the commands in order in ``clone``; the number run (skipping the test when some
    could not run here, after running all the others)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CALEDGER_", "PYTHON"))}
    env["PATH"] = f"{Path(sys.prefix) / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    schema = f"readme_{uuid.uuid4().hex[:12]}"
    skipped: list[str] = []
    ran = 0
    for command in found:
        if command == "python3 run.py test":
            continue  # the command that runs this very test
        if command == "python3 run.py demo":
            # run.py's demo itself, on this run's environment: its set-up step installs into
            # ./.venv, which here is this run's own (CI runs the set-up on a fresh clone)
            command = (f"{sys.executable} -c 'import sys, run; run.BIN = __import__(\"pathlib\")"
                       f".Path(sys.executable).parent; sys.exit(run.demo())'")
        if "postgresql://" in command or "$CALEDGER_DB" in command:
            if not POSTGRES_URL:
                skipped.append(f"{command} (no PostgreSQL: set CALEDGER_TEST_POSTGRES_URL)")
                continue
            command = re.sub(r"postgresql://[^'\" ]+",
                             f"{POSTGRES_URL}{'&' if '?' in POSTGRES_URL else '?'}"
                             f"schema={schema}", command)
        tools = {word for word in re.findall(r"(?:^|&& |\| |; |! )([a-z][a-z-]+)", command)}
        missing = [t for t in tools if t in ("hledger", "bean-check") and not shutil.which(
            t, path=env["PATH"])]
        if missing:
            skipped.append(f"{command} ({', '.join(missing)} not installed)")
            continue
        done = subprocess.run(["bash", "-c", command], cwd=clone, env=env, capture_output=True,
                              text=True, timeout=300, check=False, stdin=subprocess.DEVNULL)
        ran += 1
        assert "Traceback" not in done.stdout + done.stderr, (command, done.stderr)
        assert done.returncode == 0, f"command failed: {command}\n{done.stdout}\n" \
                                     f"{done.stderr}"
        if command.startswith("export CALEDGER_DB="):
            env["CALEDGER_DB"] = command.split("=", 1)[1].strip("'\"")
        elif command == "unset CALEDGER_DB":
            env.pop("CALEDGER_DB", None)
    if POSTGRES_URL:
        _drop_schema(schema)
    if skipped:
        pytest.skip(f"{len(skipped)} command(s) not run here: " + "; ".join(skipped))
    return ran


def _drop_schema(schema: str) -> None:
    import psycopg

    assert POSTGRES_URL is not None
    with psycopg.connect(POSTGRES_URL.split("?")[0], autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
