"""Errors in the caller's words (review finding 14b).

- A message names what was asked as its caller wrote it: the command line its option
  (``--as-of``), the server its query parameter (``as_of``), a Python caller its keyword
  (``as_of``), from the one check that found the problem.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ledger
from ledger.errors import BadQuery, CaledgerError, RejectedInput, UnknownCompany


def _json_error(result: Any) -> dict[str, Any]:
    """A refusal with JSON asked for: nothing on stdout, one line of JSON on stderr."""
    assert result.exit_code != 0 and result.stdout == ""
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    return json.loads(line)


def _text_lines(result: Any) -> list[str]:
    assert all(line.startswith("error: ") for line in result.stderr.splitlines())
    return [line.removeprefix("error: ") for line in result.stderr.splitlines()]


@pytest.fixture
def client(seeded: str) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from ledger.web.app import create_app
    from ledger.web.config import ServeConfig

    with TestClient(create_app(ServeConfig(db=seeded))) as c:
        yield c


def test_the_python_api_names_its_keywords_the_cli_its_options(caledger, seeded: str) -> None:
    lg = ledger.open(seeded)
    with pytest.raises(BadQuery) as refused, lg.snapshot() as s:
        s.holdings("MARA", as_of="2026-13")
    assert refused.value.problems == ['as_of: "2026-13" has no month 13; months run 01 to 12']
    with pytest.raises(BadQuery) as refused, lg.snapshot() as s:
        s.history("MARA", start="2026", end="2025")
    assert refused.value.problems == ["end 2025 is before start 2026; put the earlier one in "
                                      "start"]
    with pytest.raises(BadQuery) as refused, lg.snapshot() as s:
        s.kpi("MARA", as_of="2025-09-30", since="2025-12-31")
    assert refused.value.problems[0].startswith("since 2025-12-31: must be before as_of ")
    with pytest.raises(BadQuery) as refused, lg.snapshot() as s:
        s.changes("MARA", since="soon")
    assert refused.value.problems[0].startswith('since "soon": not an ISO 8601 timestamp')
    with pytest.raises(BadQuery) as refused, lg.snapshot(known_at="soon"):
        pass
    assert refused.value.problems[0].startswith('known_at "soon": not an ISO 8601')
    with pytest.raises(BadQuery) as refused:
        ledger.api.holdings(seeded, "MARA", "2026-13", None)
    assert refused.value.problems[0].startswith("as_of: ")
    # the command line, run in the same process between them, keeps its options' names ...
    line = caledger("holdings", "MARA", "--as-of", "2026-13", "--db", seeded).stderr
    assert line == 'error: --as-of: "2026-13" has no month 13; months run 01 to 12\n'
    # ... and a Python call after it its keywords
    with pytest.raises(CaledgerError) as refused, lg.snapshot() as s:
        s.holdings("MARA", as_of="2026-13")
    assert refused.value.problems[0].startswith("as_of: ")
    with pytest.raises(UnknownCompany), lg.snapshot() as s:
        s.holdings("NOPE")
    with pytest.raises(RejectedInput):
        ledger.api.import_files(seeded, ["-"], stdin_text='{"id": "z"}')


def test_the_server_names_its_query_parameters(client: Any) -> None:
    answer = client.get("/api/v1/history", params={"company": "MARA", "from": "2026",
                                                   "to": "2025", "known_at": "@15"})
    assert answer.status_code == 400
    problem = answer.json()
    assert problem["parameter"] == "to"
    assert problem["detail"] == "to 2025 is before from 2026; put the earlier one in from"
    answer = client.get("/api/v1/holdings", params={"company": "MARA", "as_of": "2026-13",
                                                    "known_at": "@15"})
    assert answer.json()["detail"] == 'as_of: "2026-13" has no month 13; months run 01 to 12'
