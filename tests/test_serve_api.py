"""`caledger serve`'s JSON API (issue 30): the CLI's answers over HTTP, on both stores.

Each query command's route answers exactly what the command prints with ``--format json``
(and ``csv``), byte for byte, on the seeds; every answer matches the OpenAPI description the
server publishes; a URL without ``known_at`` is pinned to the head and keeps its answer after
later writes; writes need ``--allow-writes`` and a write token and are recorded as its name;
bad parameters are named in a problem, never a traceback or a 500.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import Result
from fastapi.testclient import TestClient

from .conftest import SEEDS, fingerprint, is_postgres
from ledger.web.app import CSP, create_app
from ledger.web.config import ServeConfig

HEAD = 15  # the seeds are 15 records: @15 is their head

#: (the CLI's arguments, the route, its query parameters): the same question both ways.
CASES: list[tuple[list[str], str, dict[str, Any]]] = [
    (["companies"], "companies", {}),
    (["operations", "MARA", "--as-of", "2024-12-31"], "operations",
     {"company": "MARA", "as_of": "2024-12-31"}),
    (["operations", "--all", "--as-of", "2024-12-31"], "operations",
     {"all": "true", "as_of": "2024-12-31"}),
    (["holdings", "MARA", "--as-of", "2026-03-31"], "holdings",
     {"company": "MARA", "as_of": "2026-03-31"}),
    (["holdings", "--all", "--as-of", "2024-12-31"], "holdings",
     {"all": "true", "as_of": "2024-12-31"}),
    (["capital", "MARA", "--as-of", "2026-03-31"], "capital",
     {"company": "MARA", "as_of": "2026-03-31"}),
    (["value", "MARA", "--as-of", "2025-02-26"], "value",
     {"company": "MARA", "as_of": "2025-02-26"}),
    (["shares", "MARA", "--as-of", "2026-03-31"], "shares",
     {"company": "MARA", "as_of": "2026-03-31"}),
    (["kpi", "MARA", "--as-of", "2026-03-31", "--since", "2025-12-31"], "kpi",
     {"company": "MARA", "as_of": "2026-03-31", "since": "2025-12-31"}),
    (["explain", "MARA", "btc.total", "--as-of", "2026-03-31"], "explain",
     {"company": "MARA", "figure": "btc.total", "as_of": "2026-03-31"}),
    (["explain", "MARA", "equity.raised", "--as-of", "2026-03-31"], "explain",
     {"company": "MARA", "figure": "equity.raised", "as_of": "2026-03-31"}),
    (["reconcile", "MARA"], "reconcile", {"company": "MARA"}),
    (["history", "MARA", "--type", "btc_purchased", "--type", "btc_sold"], "history",
     {"company": "MARA", "type": ["btc_purchased", "btc_sold"]}),
    (["history", "MARA", "--from", "2025", "--to", "2025-Q4"], "history",
     {"company": "MARA", "from": "2025", "to": "2025-Q4"}),
    (["series", "MARA", "--from", "2024-Q4", "--to", "2026-Q1", "--every", "quarter"],
     "series", {"company": "MARA", "from": "2024-Q4", "to": "2026-Q1", "every": "quarter"}),
    (["changes", "MARA", "--since", "@5"], "changes", {"company": "MARA", "since": "@5"}),
    (["show", "mara-2024q4-purchase"], "show", {"id": "mara-2024q4-purchase"}),
    (["verify"], "verify", {}),
]


@pytest.fixture
def client(seeded: str) -> Iterator[TestClient]:
    with TestClient(create_app(ServeConfig(db=seeded))) as c:
        yield c


@pytest.fixture
def openapi(client: TestClient) -> dict[str, Any]:
    answer = client.get("/openapi.json")
    assert answer.status_code == 200
    return answer.json()


def conforms(spec: dict[str, Any], route: str, status: int, answer: Any) -> None:
    """``answer`` matches what /openapi.json says ``route`` answers with ``status``."""
    operation = next(iter(spec["paths"][route].values()))
    content = operation["responses"][str(status)]["content"]
    schema = next(iter(content.values()))["schema"]
    jsonschema.validate(answer, {**schema, "components": spec.get("components", {})})


def problem_of(answer: Any, status: int) -> dict[str, Any]:
    assert answer.status_code == status, (answer.status_code, answer.text)
    assert answer.headers["content-type"] == "application/problem+json"
    body = answer.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert "Traceback" not in answer.text
    return body


def test_every_registered_report_has_a_route_and_a_case_here() -> None:
    from ledger import reports
    from ledger.web.api import QUERIES

    routes = {q.name for q in QUERIES}
    assert set(reports.REPORTS) <= routes, set(reports.REPORTS) - routes
    assert routes <= {route for _, route, _ in CASES}


def test_every_query_and_the_companies_page_open_one_snapshot_stamp_included(
        seeded: str, client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """A payload whose JSON has no room for the stamp (history, companies: lists; an empty
    comparison) is a report's result stamped by its own snapshot: no second one is opened
    for the X-Caledger headers."""
    from ledger import snapshot

    opened: list[str | None] = []
    real = snapshot.open_reader

    def counting(url: str | None) -> Any:
        opened.append(url)
        return real(url)

    monkeypatch.setattr(snapshot, "open_reader", counting)
    pinned = {"known_at": f"@{HEAD}"}
    for _, route, params in CASES:
        if route == "verify":  # the store now, not a snapshot
            continue
        opened.clear()
        answer = client.get(f"/api/v1/{route}", params={**params, **pinned},
                            follow_redirects=False)
        assert answer.status_code == 200, (route, answer.text)
        assert answer.headers["x-caledger-position"] == str(HEAD), route
        assert len(opened) == 1, (route, params, len(opened))
    opened.clear()
    empty = client.get("/api/v1/holdings", params={"all": "true", "known_at": "@0"},
                       follow_redirects=False)
    assert empty.status_code == 200 and empty.json() == [], empty.text
    assert empty.headers["x-caledger-position"] == "0" and len(opened) == 1
    opened.clear()
    page = client.get("/", params={"as_of": "2025-12-31", "known_at": f"@{HEAD}"},
                      follow_redirects=False)
    assert page.status_code == 200 and f"@{HEAD}" in page.text and len(opened) == 1


def test_every_query_answers_exactly_what_the_cli_prints_and_what_openapi_says(
        seeded: str, client: TestClient, openapi: dict[str, Any],
        caledger: Callable[..., Result]) -> None:
    documented = {path for path in openapi["paths"] if path.startswith("/api/v1/")}
    assert {f"/api/v1/{route}" for _, route, _ in CASES} <= documented
    for args, route, params in CASES:
        pinned = route != "verify"
        cli_args = [*args, *(["--known-at", f"@{HEAD}"] if pinned else []), "--db", seeded]
        query = {**params, **({"known_at": f"@{HEAD}"} if pinned else {})}
        answer = client.get(f"/api/v1/{route}", params=query, follow_redirects=False)
        assert answer.status_code == 200, (route, answer.text)
        printed = caledger(*cli_args, "--format", "json")
        assert printed.exit_code == 0, printed.stderr
        assert answer.text == printed.stdout, args
        assert answer.headers["content-type"] == "application/json"
        data = answer.json()
        conforms(openapi, f"/api/v1/{route}", 200, data)
        # every answer says where it was computed, in the payload's stamp or beside it
        assert answer.headers["x-caledger-position"] == str(HEAD)
        stamped = data if isinstance(data, dict) else None
        if stamped is not None:
            assert stamped["head_hash"] == answer.headers["x-caledger-head-hash"]
        csv = client.get(f"/api/v1/{route}", params={**query, "format": "csv"})
        assert csv.status_code == 200
        assert csv.headers["content-type"].startswith("text/csv")
        assert csv.text == caledger(*cli_args, "--format", "csv").stdout, args
    # the figures themselves, as the seeds have them
    held = client.get("/api/v1/holdings", params={"company": "MARA", "as_of": "2026-03-31",
                                                  "known_at": f"@{HEAD}"}).json()
    assert held["btc"]["total"] == "31970" and held["position"] == HEAD
    every = client.get("/api/v1/holdings", params={"all": "true", "as_of": "2024-12-31",
                                                   "known_at": "@12"}).json()
    assert [(h["company"], h["btc"]["total"], h["position"]) for h in every] == [
        ("MARA", "44893", 12)]


def test_a_link_without_known_at_is_pinned_to_the_head_and_keeps_its_answer(
        seeded: str, tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    secret = _token(tokens, "alice", "write")
    with TestClient(create_app(ServeConfig(db=seeded, allow_writes=True, tokens=tokens))) as c:
        first = c.get("/api/v1/holdings?company=MARA&as_of=2026-06-30", follow_redirects=False)
        assert first.status_code in (303, 307)
        link = first.headers["location"]
        assert link == f"/api/v1/holdings?company=MARA&as_of=2026-06-30&known_at=@{HEAD}"
        before = c.get(link)
        assert before.json()["btc"]["total"] == "31970"
        # a later write moves the head, not the pinned answer
        bought = c.post("/api/v1/records", headers={"Authorization": f"Bearer {secret}"},
                        json={"type": "btc_purchased", "company": "MARA", "effective": "2026-04",
                              "btc": "100", "sources": [{"document": "memo.txt", "line": 3}]})
        assert bought.status_code == 201, bought.text
        assert bought.json()["position"] == HEAD + 1
        assert c.get(link).text == before.text
        now = c.get("/api/v1/holdings?company=MARA&as_of=2026-06-30")
        assert str(now.url).endswith(f"known_at=@{HEAD + 1}")
        assert now.json()["btc"]["total"] == "32070"
        # a route whose as-of defaults to today is pinned to today as well
        today = c.get("/api/v1/holdings?company=MARA", follow_redirects=False)
        from ledger.days import today as utc_today

        assert today.headers["location"] == (f"/api/v1/holdings?company=MARA&known_at=@"
                                             f"{HEAD + 1}&as_of={utc_today().isoformat()}")
        # what is not a figure is never redirected
        for path in ("/healthz", "/openapi.json", "/api/v1/verify"):
            assert c.get(path, follow_redirects=False).status_code == 200, path


def _token(path: Path, name: str, role: str) -> str:
    from ledger.web import tokens

    return tokens.add(path, name, role)


def test_writes_need_the_flag_and_a_write_token_and_are_recorded_as_its_name(
        seeded: str, tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    writer, reader = _token(tokens, "alice", "write"), _token(tokens, "bob", "read")
    assert writer not in tokens.read_text() and "alice write " in tokens.read_text()
    record = {"type": "btc_sold", "company": "MARA", "effective": "2026-05", "btc": "70",
              "sources": [{"document": "memo.txt", "line": 9}]}
    untouched = fingerprint(seeded)
    with TestClient(create_app(ServeConfig(db=seeded, tokens=tokens))) as off:
        refused = off.post("/api/v1/records", json=record,
                           headers={"Authorization": f"Bearer {writer}"})
        assert "--allow-writes" in problem_of(refused, 403)["detail"]
    with TestClient(create_app(ServeConfig(db=seeded, allow_writes=True, tokens=tokens))) as c:
        nobody = c.post("/api/v1/records", json=record)
        problem_of(nobody, 401)
        assert nobody.headers["www-authenticate"].startswith("Bearer")
        problem_of(c.post("/api/v1/records", json=record,
                          headers={"Authorization": "Bearer not-a-token"}), 401)
        problem_of(c.post("/api/v1/records", json=record,
                          headers={"Authorization": f"Bearer {reader}"}), 403)
        problem_of(c.post("/api/v1/retract", json={"record": "mara-2024q4-purchase",
                                                   "reason": "x"},
                          headers={"Authorization": f"Bearer {reader}"}), 403)
        assert fingerprint(seeded) == untouched
        assert not c.cookies
        sold = c.post("/api/v1/records", json=record,
                      headers={"Authorization": f"Bearer {writer}"})
        assert sold.status_code == 201 and "set-cookie" not in sold.headers
        added = sold.json()
        assert added["added"] is True and added["position"] == HEAD + 1
        again = c.post("/api/v1/records", json=record,
                       headers={"Authorization": f"Bearer {writer}"})
        assert again.status_code == 200 and again.json() == {**added, "added": False,
                                                             "position": None}
        shown = c.get("/api/v1/show", params={"id": added["id"]}).json()
        assert "token alice" in shown["via"]
        if not is_postgres(seeded):
            assert shown["recorded_by"] == "alice"
        held = c.get("/api/v1/holdings?company=MARA&as_of=2026-06-30").json()
        assert held["btc"]["total"] == "31900"


def test_a_json_lines_body_is_imported_all_or_nothing_then_corrected_and_retracted(
        seeded: str, tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    auth = {"Authorization": f"Bearer {_token(tokens, 'carol', 'write')}"}
    lines = [{"id": "api-1", "type": "btc_purchased", "company": "MARA", "effective": "2026-04",
              "btc": "500", "sources": [{"document": "memo.txt", "line": 1}]},
             {"id": "api-2", "type": "btc_purchased", "company": "MARA", "effective": "2026-05",
              "btc": "-3", "sources": [{"document": "memo.txt", "line": 2}]}]
    body = "\n".join(json.dumps(r) for r in lines)
    untouched = fingerprint(seeded)
    ndjson = {**auth, "Content-Type": "application/x-ndjson"}
    with TestClient(create_app(ServeConfig(db=seeded, allow_writes=True, tokens=tokens))) as c:
        refused = problem_of(c.post("/api/v1/records", content=body, headers=ndjson), 422)
        assert any(e["detail"].startswith('body line 2: record "api-2" field btc')
                   for e in refused["errors"]), refused
        assert fingerprint(seeded) == untouched
        lines[1]["btc"] = "300"
        body = "\n".join(json.dumps(r) for r in lines)
        imported = c.post("/api/v1/records", content=body, headers=ndjson)
        assert imported.status_code == 201, imported.text
        assert imported.json()["added"] == 2
        spec = c.get("/openapi.json").json()
        conforms(spec, "/api/v1/records", 201, imported.json())
        # the same records again as a JSON array: nothing new, as import says
        again = c.post("/api/v1/records", json=lines, headers=auth)
        assert again.status_code == 200 and again.json()["already_present"] == 2
        view = "/api/v1/holdings?company=MARA&as_of=2026-06-30"
        assert c.get(view).json()["btc"]["total"] == "32770"
        corrected = c.post("/api/v1/correct", headers=auth,
                           json={"record": "api-1", "reason": "restated", "btc": "400"})
        assert corrected.status_code == 201, corrected.text
        conforms(spec, "/api/v1/correct", 201, corrected.json())
        # a new amount with no new source still cites memo.txt:1, and the answer says so
        assert corrected.json()["cites_original"] == {
            "changed": ["btc"], "sources": [{"document": "memo.txt", "line": 1}],
            "disclosed": None}
        assert c.get(view).json()["btc"]["total"] == "32670"
        # a change of type that turns the figure the other way says so (review finding 10)
        flipped = c.post("/api/v1/correct", headers=auth, params={"dry_run": "true"},
                         json={"record": "api-1", "reason": "x", "type": "btc_sold"})
        assert flipped.status_code == 200, flipped.text
        conforms(spec, "/api/v1/correct", 200, flipped.json())
        assert flipped.json()["flips_sign"]["figures"] == [
            {"figure": "btc.total", "from": "400", "to": "-400"}]
        retracted = c.post("/api/v1/retract", headers=auth,
                           json={"record": "api-2", "reason": "never happened"})
        assert retracted.status_code == 201, retracted.text
        assert c.get(view).json()["btc"]["total"] == "32370"
        shown = c.get("/api/v1/show", params={"id": "api-1"}).json()
        assert [a["type"] for a in shown["amendments"]] == ["correction"]
        assert shown["current"]["btc"] == "400"
        problem_of(c.post("/api/v1/retract", headers=auth,
                          json={"record": "no-such-record", "reason": "x"}), 422)
        problem_of(c.post("/api/v1/correct", headers=auth,
                          json={"record": "api-1", "reason": "x", "colour": "red"}), 400)


def test_a_posted_amount_written_as_a_json_number_is_read_from_its_digits_as_import_reads_it(
        seeded: str, tmp_path: Path) -> None:
    """Review finding 18: one record posted as a JSON object was read through a binary
    float (and then refused, quoting Python's repr) where import reads the digits."""
    tokens = tmp_path / "tokens"
    auth = {"Authorization": f"Bearer {_token(tokens, 'dan', 'write')}",
            "Content-Type": "application/json"}
    body = ('{"id": "api-num", "type": "btc_purchased", "company": "MARA", '
            '"effective": "2026-04", "btc": 0.1, "usd": 123456789012345678.91, '
            '"sources": [{"document": "memo.txt", "line": 4}]}')
    with TestClient(create_app(ServeConfig(db=seeded, allow_writes=True, tokens=tokens))) as c:
        stored = c.post("/api/v1/records", content=body, headers=auth)
        assert stored.status_code == 201, stored.text
        shown = c.get("/api/v1/show", params={"id": "api-num"}).json()["current"]
        assert (shown["btc"], shown["usd"]) == ("0.1", "123456789012345678.91")
        twice = problem_of(c.post("/api/v1/records", headers=auth,
                                  content=body[:-1] + ', "btc": 0.2}'), 400)
        assert 'the key "btc" appears twice in one object' in twice["detail"]
        flag = problem_of(c.post("/api/v1/records", headers=auth,
                                 content=body.replace("0.1", "true").replace("api-num", "n2")),
                          422)
        assert "not true" in json.dumps(flag) and "True" not in json.dumps(flag)
        named = problem_of(c.post("/api/v1/correct", headers=auth,
                                  content='{"record": 12, "reason": "x"}'), 400)
        assert named["detail"].startswith("record: give the id of the record to correct")


def test_bad_parameters_are_named_in_a_problem_and_unknown_names_are_404(
        client: TestClient, openapi: dict[str, Any]) -> None:
    pin = f"known_at=@{HEAD}"
    named = {
        f"/api/v1/holdings?company=MARA&as_of=2026-13-01&{pin}": "as_of",
        "/api/v1/holdings?company=MARA&as_of=2026-03-31&known_at=@999": "known_at",
        "/api/v1/holdings?company=MARA&as_of=2026-03-31&known_at=yesterday": "known_at",
        "/api/v1/holdings?company=MARA&as_of=2026-03-31&known_at=2030-01-01": "known_at",
        "/api/v1/kpi?company=MARA&as_of=2026-03-31&known_at=2999-01-01T00:00:00Z": "known_at",
        f"/api/v1/holdings?as_of=2026-03-31&{pin}": "company",
        f"/api/v1/kpi?company=MARA&max_price_age=soon&{pin}": "max_price_age",
        f"/api/v1/kpi?company=MARA&as_of=2026-03-31&since=2026-06-30&{pin}": "since",
        f"/api/v1/holdings?company=MARA&as_of=2026-03-31&format=xml&{pin}": "format",
        f"/api/v1/holdings?company=MARA&as_of=2026-03-31&asof=2026&{pin}": "asof",
        f"/api/v1/series?company=MARA&{pin}": "from",
        f"/api/v1/series?company=MARA&from=2025&every=week&{pin}": "every",
        f"/api/v1/history?company=MARA&type=gift&{pin}": "type",
        f"/api/v1/explain?company=MARA&figure=btc.colour&as_of=2026-03-31&{pin}": "figure",
        "/api/v1/changes?since=@9&until=@3": "since",
        "/api/v1/changes?since=@3&until=@4&known_at=@5": "until",
    }
    for url, parameter in named.items():
        body = problem_of(client.get(url, follow_redirects=False), 400)
        assert body["parameter"] == parameter, (url, body)
        # the API's names, not the CLI's options
        assert not re.search(r"--(as-of|known-at|since|from|to|every|type|max-price-age|until)"
                             r"\b", body["detail"]), body["detail"]
        conforms(openapi, url.split("?")[0], 400, body)
    for url in (f"/api/v1/holdings?company=ZZZZ&as_of=2026-03-31&{pin}",
                f"/api/v1/history?company=ZZZZ&{pin}",
                f"/api/v1/show?id=no-such-record&{pin}",
                "/api/v1/nothing-here", "/no/such/page"):
        body = problem_of(client.get(url, follow_redirects=False), 404)
        if "/api/v1/" in url and "nothing" not in url:
            conforms(openapi, url.split("?")[0], 404, body)


def test_security_headers_on_every_answer_and_huge_bodies_refused(
        seeded: str, tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    auth = {"Authorization": f"Bearer {_token(tokens, 'dave', 'write')}",
            "Content-Type": "application/x-ndjson"}
    app = create_app(ServeConfig(db=seeded, allow_writes=True, tokens=tokens, max_body=4096))
    with TestClient(app) as c:
        answers = [c.get("/healthz"), c.get("/openapi.json"),
                   c.get("/api/v1/companies", follow_redirects=False),
                   c.get(f"/api/v1/companies?known_at=@{HEAD}"),
                   c.get("/api/v1/holdings?company=ZZZZ&known_at=@1"),
                   c.get("/nope"), c.post("/api/v1/records", json={})]
        # a body over the limit: by its Content-Length, and streamed without one
        record = json.dumps({"id": "x", "type": "btc_mined", "company": "MARA",
                             "effective": "2026-04", "btc": "1",
                             "sources": [{"document": "a.txt", "line": 1}]}) + "\n"
        before = fingerprint(seeded)
        big = c.post("/api/v1/records", content=record * 200, headers=auth)
        problem_of(big, 413)

        def chunks() -> Iterator[bytes]:
            for _ in range(200):
                yield record.encode()

        streamed = c.post("/api/v1/records", content=chunks(), headers=auth)
        assert "content-length" not in streamed.request.headers
        problem_of(streamed, 413)
        assert fingerprint(seeded) == before
        answers += [big, streamed]
    for answer in answers:
        assert answer.headers["content-security-policy"] == CSP, answer.request.url
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.status_code < 500
    assert "default-src 'none'" in CSP and "frame-ancestors 'none'" in CSP


def test_token_add_prints_a_token_once_and_keeps_only_its_hash(
        tmp_path: Path, caledger: Callable[..., Result]) -> None:
    path = tmp_path / "tokens"
    made = caledger("token", "add", "erin", "--tokens", str(path), "--json")
    assert made.exit_code == 0, made.stderr
    data = json.loads(made.stdout)
    assert data["name"] == "erin" and data["role"] == "write" and len(data["token"]) >= 40
    import hashlib

    assert path.read_text() == f"erin write {hashlib.sha256(data['token'].encode()).hexdigest()}\n"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    again = caledger("token", "add", "erin", "--tokens", str(path))
    assert again.exit_code != 0 and "already has a token" in again.stderr
    reader = caledger("token", "add", "frank", "--role", "read", "--tokens", str(path))
    assert reader.exit_code == 0 and reader.stdout.strip() != data["token"]
    assert path.read_text().splitlines()[1].startswith("frank read ")


# --- the real server ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("location") or e.read().decode()


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_listens_on_localhost_logs_each_request_and_stops_on_ctrl_c(
        tmp_path: Path, workers: int) -> None:
    db = str(tmp_path / "served.db")
    done = subprocess.run([sys.executable, "-m", "ledger", "import", *map(str, SEEDS),
                           "--db", db], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALEDGER_")}
    server = subprocess.Popen([sys.executable, "-m", "ledger", "serve", "--db", db, "--port",
                               str(port), "--workers", str(workers)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, server.stderr
            time.sleep(0.2)
        status, location = _get(f"{base}/api/v1/holdings?company=MARA&as_of=2026-03-31")
        assert status == 307 and location.endswith(f"known_at=@{HEAD}")
        status, body = _get(base + location)
        assert status == 200 and json.loads(body)["btc"]["total"] == "31970"
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "Traceback" not in err
    assert f"http://127.0.0.1:{port}/" in err
    logged = [line for line in err.splitlines() if '"GET /api/v1/holdings' in line]
    assert len(logged) == 2 and " 307 " in logged[0] and " 200 " in logged[1], err


def test_no_query_command_loads_the_web_framework(tmp_path: Path) -> None:
    from .test_startup import run as probe

    db = str(tmp_path / "seed.db")
    assert subprocess.run([sys.executable, "-m", "ledger", "import", *map(str, SEEDS), "--db",
                           db], capture_output=True).returncode == 0
    for args in (["holdings", "MARA", "--as-of", "2026-03-31"], ["history", "MARA"],
                 ["companies", "--json"]):
        loaded = probe(tmp_path, *args, "--db", db)
        assert {"fastapi", "uvicorn", "jinja2", "starlette"}.isdisjoint(loaded["packages"])
    made = probe(tmp_path, "token", "add", "gina", "--tokens", str(tmp_path / "t"))
    assert {"fastapi", "uvicorn", "starlette"}.isdisjoint(made["packages"])


@pytest.mark.parametrize("adapter", ["sqlite", "postgres"])
def test_threads_opening_their_first_ledger_at_once_share_one_recorder_class(
        adapter: str) -> None:
    # A server's first requests open ledgers from several threads at once: each store's
    # recorder class must be defined once (the event library refuses a second one under the
    # same topic, which failed PostgreSQL requests under load). A fresh interpreter, so the
    # class is not defined yet.
    adapter_class = {"sqlite": "SQLiteAdapter", "postgres": "PostgresAdapter"}[adapter]
    probe = (f"from concurrent.futures import ThreadPoolExecutor\n"
             f"from ledger.adapters.{adapter} import {adapter_class} as a\n"
             f"with ThreadPoolExecutor(16) as pool:\n"
             f"    found = set(pool.map(lambda _: id(a.recorder_class()), range(64)))\n"
             f"assert len(found) == 1, found\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_every_write_takes_dry_run_and_stores_nothing(seeded: str, tmp_path: Path) -> None:
    """dry_run=true on each write route: the very write, rolled back (200, "dry_run": true,
    no position), its problems as the real write's; then the same writes for real (201)."""
    tokens = tmp_path / "tokens"
    auth = {"Authorization": f"Bearer {_token(tokens, 'dora', 'write')}"}
    ndjson = {**auth, "Content-Type": "application/x-ndjson"}
    sale = {"id": "api-sale", "type": "btc_sold", "company": "MARA", "effective": "2026-05",
            "btc": "70", "sources": [{"document": "memo.txt", "line": 9}]}
    untouched = fingerprint(seeded)
    with TestClient(create_app(ServeConfig(db=seeded, allow_writes=True, tokens=tokens))) as c:
        spec = c.get("/openapi.json").json()
        for route in ("records", "correct", "retract"):
            names = [p["name"] for p in spec["paths"][f"/api/v1/{route}"]["post"]["parameters"]]
            assert names == ["dry_run"], route
        would = c.post("/api/v1/records?dry_run=true", json=sale, headers=auth)
        assert would.status_code == 200, would.text
        assert would.json() == {"id": "api-sale", "added": True, "position": None,
                                "new_companies": [], "below_zero": [],
                                "possible_duplicates": [], "future_dated": [],
                                "check_units": [], "overlapping_flows": [], "dry_run": True, "creates_ledger": False}
        conforms(spec, "/api/v1/records", 200, would.json())
        # MARA holds 31,970 BTC after its Q1 2026 sale: a sale of 40,000 is said to take
        # its holdings below zero (the answer's below_zero), and not stored either
        big = c.post("/api/v1/records?dry_run=true", headers=auth,
                     json={**sale, "id": "api-big", "btc": "40000"})
        assert big.json()["below_zero"] == [{"company": "MARA", "day": "2026-05-31",
                                             "figure": "btc.total", "btc": "-8030"}]
        conforms(spec, "/api/v1/records", 200, big.json())
        lines = c.post("/api/v1/records?dry_run=1", headers=ndjson,
                       content=json.dumps({**sale, "id": "api-sale-2", "company": "NEWX"}))
        assert lines.status_code == 200, lines.text
        assert (lines.json()["added"], lines.json()["new_companies"],
                lines.json()["dry_run"]) == (1, ["NEWX"], True)
        conforms(spec, "/api/v1/records", 200, lines.json())
        # checked against the ledger: an amendment of a record not there is refused
        problem_of(c.post("/api/v1/retract?dry_run=true", headers=auth,
                          json={"record": "api-sale", "reason": "x"}), 422)
        # a retraction that leaves MARA's Q1 2026 sale more than it had: said, not stored
        retract = c.post("/api/v1/retract?dry_run=true", headers=auth,
                         json={"record": "mara-2025-09-30-balance", "reason": "x"})
        assert retract.status_code == 200 and retract.json()["dry_run"] is True, retract.text
        conforms(spec, "/api/v1/retract", 200, retract.json())
        fixed = c.post("/api/v1/correct?dry_run=true", headers=auth,
                       json={"record": "mara-2024q4-purchase", "reason": "x", "btc": "14575"})
        assert fixed.status_code == 200 and fixed.json()["position"] is None, fixed.text
        conforms(spec, "/api/v1/correct", 200, fixed.json())
        problem_of(c.post("/api/v1/records?dry_run=maybe", json=sale, headers=auth), 400)
        assert fingerprint(seeded) == untouched
        done = c.post("/api/v1/records", json=sale, headers=auth)
        assert done.status_code == 201, done.text
        stored = done.json()
        assert (stored["dry_run"], stored["position"]) == (False, HEAD + 1)
        assert "creates_ledger" not in stored
        conforms(spec, "/api/v1/records", 201, stored)


def test_a_write_taking_a_share_count_below_zero_answers_as_its_schema_says(
        seeded: str, tmp_path: Path) -> None:
    """below_zero names a share count (``shares``, not ``btc``) too: the OpenAPI schema of
    the write answers allows either."""
    tokens = tmp_path / "tokens"
    auth = {"Authorization": f"Bearer {_token(tokens, 'dora', 'write')}"}
    count = {"id": "api-count", "type": "shares_outstanding_disclosed", "company": "MARA",
             "effective": "2026-03-31", "shares": "1000",
             "sources": [{"document": "memo.txt", "line": 1}]}
    buyback = {"id": "api-buyback", "type": "shares_repurchased", "company": "MARA",
               "effective": "2026-05", "shares": "1500",
               "sources": [{"document": "memo.txt", "line": 2}]}
    with TestClient(create_app(ServeConfig(db=seeded, allow_writes=True, tokens=tokens))) as c:
        spec = c.get("/openapi.json").json()
        assert c.post("/api/v1/records", json=count, headers=auth).status_code == 201
        would = c.post("/api/v1/records?dry_run=true", json=buyback, headers=auth)
        assert would.status_code == 200, would.text
        assert would.json()["below_zero"] == [{"company": "MARA", "day": "2026-05-31",
                                               "figure": "shares.basic", "shares": "-500"}]
        conforms(spec, "/api/v1/records", 200, would.json())
