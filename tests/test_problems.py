"""Problems as values: what validation and the store refuse, carried as ``Problem``s.

A refused import raises ``RejectedInput`` whose ``details`` are ``Problem(where, record_id,
field, message)`` values, one per problem, and whose ``problems`` are the lines the CLI
prints, each made by ``Problem.line`` from its value (never a value parsed back out of a
line). The web API's problem details carry the same structure beside the text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from .conftest import fingerprint, rec
from ledger import api
from ledger.errors import Problem, RejectedInput
from ledger.web.app import create_app
from ledger.web.config import ServeConfig


def purchase(record_id: str, **changes: Any) -> dict[str, Any]:
    record = {"id": record_id, "type": "btc_purchased", "company": "MARA",
              "effective": "2025-Q1", "btc": "100",
              "sources": [{"document": "memo.txt", "line": 1}], **changes}
    return {k: v for k, v in record.items() if v is not None}


def write_jsonl(path: Path, *records: dict[str, Any] | str) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n"
                            for r in records), encoding="utf-8")
    return path


def refused(db: str, *paths: Path) -> RejectedInput:
    with pytest.raises(RejectedInput) as e:
        api.import_files(db, [str(p) for p in paths])
    return e.value


def structure(e: RejectedInput) -> list[tuple[str | None, str | None, str | None]]:
    return [(p.where, p.record_id, p.field) for p in e.details]


# --- the value and its one line -----------------------------------------------------------------


@pytest.mark.parametrize(("problem", "line"), [
    (Problem("a.jsonl:3", "r1", "btc", "must be more than 0"),
     'a.jsonl:3: record "r1" field btc: must be more than 0'),
    (Problem("a.jsonl:4", None, None, "malformed JSON"), "a.jsonl:4: record: malformed JSON"),
    (Problem("append", None, "type", "is required"), "append: record field type: is required"),
    (Problem(None, "r1", "id", "already recorded"), 'record "r1" field id: already recorded'),
    (Problem("correct", "r1", None, "the correction changes nothing"),
     'correct: record "r1": the correction changes nothing'),
    (Problem.plain("a.jsonl: no such file"), "a.jsonl: no such file"),
    # a quoted value with a line break stays on its line, shown escaped
    (Problem("a.jsonl:1", "r\n1", "btc", "bad"), 'a.jsonl:1: record "r\\n1" field btc: bad'),
])
def test_a_problem_is_formatted_once_as_one_line(problem: Problem, line: str) -> None:
    assert problem.line() == line == str(problem)
    assert RejectedInput(problem).problems == [line]
    assert RejectedInput(problem).details == [problem]


def test_a_problem_placed_by_the_importer_keeps_its_structure() -> None:
    from_store = Problem(None, "r1", "corrects", 'no record "x" in the ledger')
    assert from_store.at("a.jsonl:7") == Problem("a.jsonl:7", "r1", "corrects",
                                                 'no record "x" in the ledger')
    # a line that is not about one record is placed by its text
    assert Problem.plain("the store refused it").at("a.jsonl").line() == \
        "a.jsonl: the store refused it"


def test_text_problems_become_plain_problems() -> None:
    from ledger.errors import FLAGS, spelled_as

    with spelled_as(FLAGS):  # as the command line makes them: its options as written
        e = RejectedInput("--as-of 2026-13-01: not a date")
    assert e.details == [Problem(None, None, None, "--as-of 2026-13-01: not a date")]
    assert e.problems == ["--as-of 2026-13-01: not a date"]
    # made for a Python caller (the default), an option is named by its keyword
    e = RejectedInput("--as-of 2026-13-01: not a date; see --db-path and --from")
    assert e.problems == ["as_of 2026-13-01: not a date; see --db-path and start"]


# --- from validation: three bad records, three problems ------------------------------------------


def test_three_bad_records_are_three_problems_naming_record_and_field(
        db: str, tmp_path: Path, caledger: Any) -> None:
    path = write_jsonl(tmp_path / "in.jsonl",
                       purchase("ok-1"),
                       purchase("bad-btc", btc="-3"),
                       purchase("no-date", effective=None),
                       purchase("ok-1", btc="7"))  # the same id, other content

    e = refused(db, path)

    assert structure(e) == [(f"{path}:2", "bad-btc", "btc"),
                            (f"{path}:3", "no-date", "effective"),
                            (f"{path}:4", "ok-1", "id")]
    assert "is required" in e.details[1].message
    assert e.details[2].message.startswith(f"also used at {path}:1 with different content")
    # the CLI prints exactly those, one per line
    result = caledger("import", "--db", db, str(path))
    assert result.exit_code != 0 and result.stdout == ""
    assert result.stderr.splitlines() == [f"error: {p.line()}" for p in e.details]


def test_a_line_that_is_not_a_record_is_a_problem_without_id_or_field(
        db: str, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", purchase("ok-1"), "{not json", [1, 2])

    e = refused(db, path)

    assert structure(e) == [(f"{path}:2", None, None), (f"{path}:3", None, None)]
    assert e.problems[0].startswith(f"{path}:2: record: ")


def test_append_and_correct_say_which_command_and_record(seeded: str) -> None:
    with pytest.raises(RejectedInput) as e:
        api.append(seeded, "btc_purchased", {"id": "new-1", "company": "MARA",
                                             "effective": "2026-01", "btc": "-1"})
    assert [(p.where, p.record_id) for p in e.value.details] == [("append", "new-1")] * 2
    assert {p.field for p in e.value.details} == {"btc", "sources"}
    with pytest.raises(RejectedInput) as e:
        api.correct(seeded, "mara-2024q4-purchase", reason="x", fields={})
    assert structure(e.value) == [("correct", "mara-2024q4-purchase", None)]


# --- from the store: refusals placed by the record's id, not by parsing the line ------------------


def test_the_stores_refusals_are_problems_placed_at_the_record_line(
        db: str, tmp_path: Path, caledger: Any) -> None:
    first = write_jsonl(tmp_path / "first.jsonl",
                        rec("n1", "notes_issued", "2025-01-15", principal_usd="1000",
                            coupon_percent="2.5", convertible=False),
                        rec("kept", "notes_retired", "2025-02", principal_usd="100",
                            how="repurchased", notes_id="n1"))
    api.import_files(db, [str(first)])
    before = fingerprint(db)
    second = write_jsonl(tmp_path / "second.jsonl",
                         rec("fine", "notes_retired", "2025-03", principal_usd="100",
                             how="repurchased", notes_id="n1"),
                         rec("kept", "notes_retired", "2025-02", principal_usd="200",
                             how="repurchased", notes_id="n1"),
                         {"id": "fix-1", "type": "correction", "corrects": "nowhere",
                          "reason": "typo", "event": rec("nowhere", "notes_retired", "2025-04",
                                                         principal_usd="1", how="repurchased")},
                         rec("too-much", "notes_retired", "2025-05", principal_usd="900",
                             how="repurchased", notes_id="n1"))

    other = write_jsonl(tmp_path / "other.jsonl", purchase("new-1"))

    e = refused(db, other, second)

    assert sorted(structure(e)) == [(f"{second}:2", "kept", "id"),
                                    (f"{second}:3", "fix-1", "corrects"),
                                    (f"{second}:4", "too-much", "principal_usd")]
    assert fingerprint(db) == before
    result = caledger("import", "--db", db, str(other), str(second))
    assert result.exit_code != 0
    assert result.stderr.splitlines() == [f"error: {p.line()}" for p in e.details]


def test_an_amendment_of_an_amendment_names_the_amendments_field(db: str, tmp_path: Path
                                                                   ) -> None:
    path = write_jsonl(tmp_path / "in.jsonl",
                       purchase("p1"),
                       {"id": "r1", "type": "retraction", "retracts": "p1", "reason": "dup"},
                       {"id": "r2", "type": "retraction", "retracts": "r1", "reason": "oops"})

    e = refused(db, path)

    assert structure(e) == [(f"{path}:3", "r2", "retracts")]
    assert e.details[0].message == ('"r1" is itself a retraction of "p1"; amend the original '
                                    "record instead")


# --- in the web API's problem details -----------------------------------------------------------


def test_the_web_api_answers_each_problem_with_its_record_and_field(
        seeded: str, tmp_path: Path) -> None:
    from ledger.web import tokens

    path = tmp_path / "tokens"
    headers = {"Authorization": f"Bearer {tokens.add(path, 'carol', 'write')}",
               "Content-Type": "application/x-ndjson"}
    body = "\n".join(json.dumps(r) for r in (purchase("api-1"), purchase("api-2", btc="-3"),
                                             purchase("api-3", effective=None)))
    with TestClient(create_app(ServeConfig(db=seeded, allow_writes=True, tokens=path))) as c:
        answer = c.post("/api/v1/records", content=body, headers=headers)
        assert answer.status_code == 422, answer.text
        errors = answer.json()["errors"]
        assert [(e["where"], e["record_id"], e["field"]) for e in errors[:2]] == [
            ("body line 2", "api-2", "btc"), ("body line 3", "api-3", "effective")]
        assert errors[0]["detail"].startswith('body line 2: record "api-2" field btc: ')
        assert errors[-1] == {"detail": "nothing was stored", "parameter": None}
        # a refusal of the store is placed on the body's line too
        fix = {"id": "fix-1", "type": "correction", "corrects": "nowhere", "reason": "x",
               "event": purchase("nowhere")}
        answer = c.post("/api/v1/records", content=json.dumps(fix), headers=headers)
        assert answer.status_code == 422, answer.text
        first = answer.json()["errors"][0]
        assert (first["where"], first["record_id"], first["field"]) == \
            ("body line 1", "fix-1", "corrects")
        assert first["detail"].startswith('body line 1: record "fix-1" field corrects: no record')


def test_a_draft_under_review_says_what_import_would_refuse_as_problems() -> None:
    from ledger import review

    item = review.Item("drafts.jsonl:4", purchase("d-1", btc="-3", review={"status": "x"}))
    problems = review.accept(item)
    assert [(p.where, p.record_id, p.field) for p in problems] == [("drafts.jsonl:4", "d-1",
                                                                     "btc")]
    assert item.status != "accepted"
    assert [p.line() for p in review.edit(item, "[1]")] == [
        "drafts.jsonl:4: the edited record must be one JSON object"]
