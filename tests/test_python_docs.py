"""docs/python.md's examples and the notebook example in docs/ run, as a reader runs them.

Each ```python block of docs/python.md runs in order in one namespace, in a folder whose
``caledger.db`` is the seeds imported; docs/notebook.py runs as a script there.
"""

from __future__ import annotations

import re
import runpy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import SEEDS

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture
def seeds_ledger(caledger: Callable[..., Any], tmp_path: Path) -> Path:
    """./caledger.db made from the seeds (the autouse fixture runs tests in tmp_path)."""
    result = caledger("import", "--db", "caledger.db", *map(str, SEEDS))
    assert result.exit_code == 0, result.output
    return tmp_path / "caledger.db"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.S | re.M)


def test_the_python_docs_have_examples() -> None:
    blocks = python_blocks((DOCS / "python.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 6


def test_every_python_example_in_the_docs_runs_in_order(
        seeds_ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, Any] = {"__name__": "docs_python"}
    for n, block in enumerate(python_blocks((DOCS / "python.md").read_text(encoding="utf-8"))):
        try:
            exec(compile(block, f"docs/python.md block {n + 1}", "exec"), namespace)
        except Exception as e:  # name the block that failed
            raise AssertionError(f"docs/python.md block {n + 1} failed: {e!r}\n{block}") from e
    out = capsys.readouterr().out
    assert "holdings" in out and "MARA: no records" not in out
    assert "NOPE: no records for this company" in out  # the errors example printed its line


def test_the_notebook_example_runs(seeds_ledger: Path, capsys: pytest.CaptureFixture[str]
                                   ) -> None:
    runpy.run_path(str(DOCS / "notebook.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "as known at @" in out and "btc.total =" in out


def test_the_notebook_example_is_in_cells() -> None:
    text = (DOCS / "notebook.py").read_text(encoding="utf-8")
    assert text.count("# %%") >= 6
