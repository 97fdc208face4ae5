"""Errors in the caller's words (review findings 12 and 14b).

- With JSON output asked for (``--json``, ``--format json``), a command's error is one line
  of JSON on stderr carrying what the server's problem details carry (``title``,
  ``status``, ``detail``, ``parameter``, ``errors``), plus the command's ``exit_code``; the
  exit code and text mode are unchanged.
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


CASES = [  # (command line, status, exit code, parameter on the command line, on the server)
    (["holdings", "MARA", "--as-of", "2026-13"], 400, 2, "--as-of", "as_of"),
    (["holdings", "NOPE", "--as-of", "2025-09-30"], 404, 1, "company", None),
    (["explain", "MARA", "btc.bogus", "--as-of", "2025-09-30"], 400, 2, "figure", "figure"),
    (["kpi", "MARA", "--as-of", "2025-09-30", "--since", "2025-12-31"], 400, 2, "--since",
     "since"),
    (["history", "MARA", "--from", "2026", "--to", "2025"], 400, 2, "--to", "to"),
    (["holdings", "MARA", "--as-of", "2025-09-30", "--known-at", "yesterday"], 400, 2,
     "--known-at", "known_at"),
]


@pytest.mark.parametrize(("args", "status", "code", "flag", "name"), CASES)
def test_a_bad_question_with_json_asked_is_the_servers_problem_details_on_stderr(
        caledger, seeded: str, client: Any, args: list[str], status: int, code: int,
        flag: str, name: str | None) -> None:
    text = caledger(*args, "--db", seeded)
    assert text.exit_code == code and text.stdout == ""
    lines = _text_lines(text)  # text mode as it was: one error: line per problem
    for ask in (["--json"], ["--format", "json"], ["--format=json"]):
        problem = _json_error(caledger(*args, "--db", seeded, *ask))
        assert caledger(*args, "--db", seeded, *ask).exit_code == code
        assert problem["status"] == status and problem["exit_code"] == code
        assert problem["parameter"] == flag
        assert [e["detail"] for e in problem["errors"]] == lines
        assert problem["detail"] == "; ".join(lines)
    # the server's answer to the same question: the same fields, its parameter's name
    command, *rest = args
    query: dict[str, Any] = {"known_at": "@15"}
    positional = [w for w in rest if not w.startswith("--")
                  and rest[rest.index(w) - 1][:2] != "--"]
    query["company"] = positional[0]
    if command == "explain":
        query["figure"] = positional[1]
    for i, word in enumerate(rest):
        if word.startswith("--"):
            query[word[2:].replace("-", "_")] = rest[i + 1]
    answer = client.get(f"/api/v1/{command}", params=query)
    served = answer.json()
    assert answer.status_code == status == served["status"]
    assert set(served) - {"instance"} <= set(problem)
    assert served["title"] == problem["title"] and served["type"] == problem["type"]
    assert served.get("parameter") == name
    assert len(served["errors"]) == len(problem["errors"])


def test_every_problem_of_an_import_is_a_list_entry_with_its_record(
        caledger, db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "x", "type": "btc_sold", "company": "MARA", "effective": "2025-13", '
        '"btc": "-1", "sources": [{"document": "a.txt", "line": 1}]}\n'
        '{"id": "y", "type": "btc_sold", "company": "MARA", "effective": "2025-01", '
        '"btc": "1"}\n', encoding="utf-8")
    text = caledger("import", str(bad), "--db", db)
    lines = _text_lines(text)
    done = caledger("import", str(bad), "--db", db, "--json")
    problem = _json_error(done)
    assert done.exit_code == text.exit_code == 1
    assert problem["status"] == 422 and problem["error"] == "RejectedInput"
    assert [e["detail"] for e in problem["errors"]] == lines and len(lines) == 3
    assert [(e["where"], e["record_id"], e["field"]) for e in problem["errors"]] == [
        (f"{bad}:1", "x", "effective"), (f"{bad}:1", "x", "btc"), (f"{bad}:2", "y", "sources")]
    assert problem["parameter"] is None
    # a usage error click finds is a problem too
    usage = _json_error(caledger("series", "MARA", "--from", "2025", "--every", "week",
                                 "--db", db, "--json"))
    assert usage["status"] == 400 and usage["parameter"] == "--every"
    assert usage["exit_code"] == 2 and "'week'" in usage["detail"]


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
