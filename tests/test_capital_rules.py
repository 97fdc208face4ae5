"""Capital records that can't be right are refused when written, and what the ledger can't
know about notes and dilution is "not known", with why: a user's review of XCO, a company
with 1,000 BTC, 50,000,000 shares, 1,000,000 options and $100,000,000 of convertible notes
(25 shares per $1,000, due 2030-03-01). On both stores, through the real CLI; an import's
refusals are the same on its one-process and two-process paths, and in a dry run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ledger import api, fastcheck, pipeline
from ledger.errors import RejectedInput

from .conftest import amendments_unchecked, fingerprint, rec, the_one_error_line


def xco(id: str, type: str, effective: str, **fields: Any) -> dict[str, Any]:
    return rec(id, type, effective, company="XCO", **fields)


BASE = [
    xco("x-bal", "btc_balance_disclosed", "2024-12-31", btc="1000"),
    xco("x-sh", "shares_outstanding_disclosed", "2024-12-31", shares="50000000"),
    xco("x-dil", "dilutive_securities_disclosed", "2024-12-31", options="1000000"),
    xco("x-notes", "notes_issued", "2025-03-01", principal_usd="100000000", convertible=True,
        conversion_rate="25", maturity="2030-03-01"),
]


def run_json(caledger, *args: str) -> Any:
    result = caledger(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def xco_db(load, db: str) -> str:
    load(*BASE)
    return db


def append(caledger, db: str, *args: str):
    return caledger("append", *args, "--source", "a.txt:5", "--db", db)


def retire(caledger, db: str, effective: str, notes_id: str, principal: str = "10000000",
           *extra: str):
    return append(caledger, db, "notes_retired", "--company", "XCO", "--effective", effective,
                  "--how", "repaid", "--notes-id", notes_id, "--principal-usd", principal,
                  *extra)


# --- notes retired: what they name, and when -----------------------------------------------------


def test_retiring_notes_before_they_were_issued_is_refused_and_nothing_is_stored(
        caledger, xco_db):
    before = fingerprint(xco_db)
    for extra in ((), ("--dry-run",)):
        line = the_one_error_line(retire(caledger, xco_db, "2024-06-01", "x-notes", "10000000",
                                         *extra))
        assert line.startswith('error: record "xco-notes_retired-') and line.endswith(
            'field effective: retires notes "x-notes" in 2024-06-01, before they were issued '
            "(2025-03-01); check the date and notes_id")
    assert fingerprint(xco_db) == before
    # so shares and capital can't come to disagree about it: both count $100,000,000
    capital = run_json(caledger, "capital", "XCO", "--as-of", "2025-06-30", "--db", xco_db)
    shares = run_json(caledger, "shares", "XCO", "--as-of", "2025-06-30", "--db", xco_db)
    assert capital["notes"]["outstanding_usd"] == "100000000"
    assert capital["notes"]["unattributed_retirements"] == []
    assert shares["shares"]["notes_as_converted"] == "2500000"


def test_retiring_notes_no_issue_was_recorded_for_is_refused(caledger, load, xco_db):
    before = fingerprint(xco_db)
    line = the_one_error_line(retire(caledger, xco_db, "2025-06-01", "x-notez"))
    assert line.endswith(
        'field notes_id: names notes "x-notez", but no notes_issued of XCO is recorded under '
        "that id before it; check the id (caledger history XCO --type notes_issued lists "
        "them), record the issue first, or leave notes_id out if the source does not say "
        "which notes")
    # a record that is not notes, and another company's notes, are named for what they are
    line = the_one_error_line(retire(caledger, xco_db, "2025-06-01", "x-bal"))
    assert 'no notes_issued of XCO is recorded under that id before it ("x-bal" is a ' \
           'btc_balance_disclosed)' in line
    load(rec("y-notes", "notes_issued", "2025-01-01", company="YCO", principal_usd="500",
             convertible=False))
    before = fingerprint(xco_db)
    line = the_one_error_line(retire(caledger, xco_db, "2025-06-01", "y-notes", "100"))
    assert '("y-notes" is notes of YCO)' in line
    assert fingerprint(xco_db) == before
    # a retirement that names no issue (the source does not say which) is still taken,
    # and listed as not attributed; one naming the issue is counted against it. Before the
    # issue, $5,000,000 retired of no recorded notes: notes the ledger has no record of were
    # outstanding, so the total is not known, then and after (never a floor of $0).
    assert append(caledger, xco_db, "notes_retired", "--company", "XCO", "--effective",
                  "2025-06-01", "--how", "repurchased", "--principal-usd",
                  "5000000").exit_code == 0
    assert retire(caledger, xco_db, "2025-06-01", "x-notes").exit_code == 0
    capital = run_json(caledger, "capital", "XCO", "--as-of", "2025-06-30", "--db", xco_db)
    [issue] = capital["notes"]["issues"]
    assert issue["outstanding_usd"] == "90000000"
    assert capital["notes"]["outstanding_usd"] == "85000000"
    assert [r["principal_usd"] for r in capital["notes"]["unattributed_retirements"]] == [
        "5000000"]
    shares = run_json(caledger, "shares", "XCO", "--as-of", "2025-06-30", "--db", xco_db)
    assert shares["shares"]["notes_as_converted"] == "2250000"  # $90,000,000 x 25 / 1,000
    load(xco("old-notes", "notes_retired", "2025-01-15", how="repaid",
             principal_usd="2000000"))
    for day in ("2025-01-31", "2025-06-30"):
        capital = run_json(caledger, "capital", "XCO", "--as-of", day, "--db", xco_db)
        assert capital["notes"]["outstanding_usd"] is None
        assert capital["values"]["notes.outstanding"]["reason"] == (
            "old-notes retires $2,000,000 not attributed to a recorded issue, more than the $0 "
            "recorded outstanding: notes not recorded were outstanding, and what is left of "
            "them is not known")
    assert capital["notes"]["issues"][0]["outstanding_usd"] == "90000000"


def test_an_import_refuses_the_same_retirements_one_way_or_the_other(
        xco_db, tmp_path: Path, monkeypatch):
    """The one-process import, the two-process one, a dry run and the full validation path
    in place of the fast one: the same lines, and nothing stored; in one file, an issue
    before its retirement is fine, after it is not."""
    path = tmp_path / "more.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [
        xco("early", "notes_retired", "2024-06-01", how="repaid", notes_id="x-notes",
            principal_usd="1"),
        xco("typo", "notes_retired", "2025-06-01", how="repaid", notes_id="x-notez",
            principal_usd="1"),
        xco("later-issue", "notes_issued", "2025-05-01", principal_usd="1000",
            convertible=False),
        xco("fine", "notes_retired", "2025-06-01", how="repaid", notes_id="later-issue",
            principal_usd="1000"),
        xco("ahead", "notes_retired", "2025-06-01", how="repaid", notes_id="not-yet",
            principal_usd="1"),
        xco("not-yet", "notes_issued", "2025-05-01", principal_usd="1000", convertible=False),
        xco("minus", "stake_disposed", "2025-07-01", target="Frost AB", percent="5"),
    ]))
    before = fingerprint(xco_db)
    answers = []
    for min_bytes, dry_run in ((10**18, False), (0, False), (10**18, True)):
        monkeypatch.setattr(pipeline, "MIN_BYTES", min_bytes)
        with pytest.raises(RejectedInput) as refused:
            api.import_files(xco_db, [str(path)], dry_run=dry_run)
        answers.append(refused.value.problems)
        assert fingerprint(xco_db) == before
    # and with every record through the full model rather than the fast validation path
    monkeypatch.setattr(pipeline, "MIN_BYTES", 10**18)
    for name in ("content", "line_content", "amendment"):
        monkeypatch.setattr(fastcheck, name, lambda *_: None)
    with pytest.raises(RejectedInput) as refused:
        api.import_files(xco_db, [str(path)])
    answers.append(refused.value.problems)
    assert fingerprint(xco_db) == before
    assert answers[0] == answers[1] == answers[2] == answers[3]
    assert [(p.split(": ", 2)[0], p.split(": ", 2)[1]) for p in answers[0]] == [
        (f"{path}:1", 'record "early" field effective'),
        (f"{path}:2", 'record "typo" field notes_id'),
        (f"{path}:5", 'record "ahead" field notes_id'),
        (f"{path}:7", 'record "minus" field percent')]


def test_a_retirement_within_its_issues_period_counts_from_the_issues_end_everywhere(
        caledger, load, db):
    """Notes the source dates only by the year, retired in June of that year: capital and
    shares both count them from 2025-12-31, and agree before and after."""
    load(*BASE[:3],
         xco("n25", "notes_issued", "2025", principal_usd="1000000", convertible=True,
             conversion_rate="10"),
         xco("june", "notes_retired", "2025-06", how="repurchased", notes_id="n25",
             principal_usd="400000"))
    mid = run_json(caledger, "capital", "XCO", "--as-of", "2025-09-30", "--db", db)
    assert mid["notes"]["issues"] == [] and mid["notes"]["unattributed_retirements"] == []
    assert [r["id"] for r in mid["in_progress"]] == ["n25", "june"]
    assert run_json(caledger, "shares", "XCO", "--as-of", "2025-09-30",
                    "--db", db)["shares"]["notes_as_converted"] == "0"
    end = run_json(caledger, "capital", "XCO", "--as-of", "2025-12-31", "--db", db)
    assert end["notes"]["outstanding_usd"] == "600000"
    assert run_json(caledger, "shares", "XCO", "--as-of", "2025-12-31",
                    "--db", db)["shares"]["notes_as_converted"] == "6000"


# --- amendments are held to the same rules: every write path ------------------------------------


def amended_everywhere(caledger, db: str, tmp_path: Path, monkeypatch, target: str,
                       current: dict[str, Any], fields: dict[str, str], *,
                       new_type: str | None = None, retract: bool = False) -> list[str]:
    """Amend ``target`` (its ``current`` record) with ``fields`` (or retract it) on every write
    path: the CLI (and its dry run), the Python API (and its dry run), an import (its
    one-process and two-process paths and dry run) and the web API (and its dry run). Each
    must refuse it, storing nothing; returns each path's one problem, "field F: what",
    so that the caller can hold them to one wording."""
    from fastapi.testclient import TestClient

    from ledger.web import tokens
    from ledger.web.app import create_app
    from ledger.web.config import ServeConfig

    before = fingerprint(db)
    said: list[str] = []

    def tail(line: str) -> str:
        return line[line.index(" field ") + 1:]

    args = ["retract", target] if retract else [
        "correct", target, *(["--type", new_type] if new_type else []),
        *(a for k, v in fields.items() for a in (f"--{k.replace('_', '-')}", v))]
    for extra in ((), ("--dry-run",)):
        said.append(tail(the_one_error_line(caledger(*args, "--reason", "restated", "--db", db,
                                                     *extra))))
    for dry_run in (False, True):
        with pytest.raises(RejectedInput) as refused:
            if retract:
                api.retract(db, target, reason="restated", dry_run=dry_run)
            else:
                api.correct(db, target, reason="restated", fields=fields, new_type=new_type,
                            dry_run=dry_run)
        [problem] = refused.value.problems
        said.append(tail(problem))
    event = {k: v for k, v in current.items() if k != "id"}
    if new_type:
        from ledger import kinds
        event = {k: v for k, v in event.items()
                 if k in {*kinds.COMMON_FIELDS, *kinds.FIELDS[new_type]}}
        event["type"] = new_type
    amendment = ({"id": "amend", "type": "retraction", "retracts": target, "reason": "restated"}
                 if retract else {"id": "amend", "type": "correction", "corrects": target,
                                  "reason": "restated", "event": {**event, **fields}})
    path = tmp_path / "amend.jsonl"
    path.write_text(json.dumps(amendment) + "\n")
    for min_bytes, dry_run in ((10**18, False), (0, False), (10**18, True)):
        monkeypatch.setattr(pipeline, "MIN_BYTES", min_bytes)
        with pytest.raises(RejectedInput) as refused:
            api.import_files(db, [str(path)], dry_run=dry_run)
        [problem] = refused.value.problems
        assert problem.startswith(f'{path}:1: record "amend" field ')
        said.append(tail(problem))
    names = tmp_path / "tokens"
    names.unlink(missing_ok=True)
    auth = {"Authorization": f"Bearer {tokens.add(names, 'carol', 'write')}"}
    body = {"record": target, "reason": "restated"} if retract else {
        "record": target, "reason": "restated", **fields, **({"type": new_type} if new_type
                                                              else {})}
    with TestClient(create_app(ServeConfig(db=db, allow_writes=True, tokens=names))) as c:
        for query in ("", "?dry_run=true"):
            answer = c.post(f"/api/v1/{'retract' if retract else 'correct'}{query}",
                            json=body, headers=auth)
            assert answer.status_code == 422, answer.text
            [error] = answer.json()["errors"]
            said.append(tail(error["detail"]))
    assert fingerprint(db) == before
    assert len(set(said)) == 1, said
    return said


RETIRED = xco("r1", "notes_retired", "2025-06-01", how="repaid", notes_id="x-notes",
              principal_usd="60000000")


def test_a_correction_or_retraction_of_notes_is_held_to_the_rules_of_their_retirements(
        caledger, load, xco_db, tmp_path: Path, monkeypatch):
    """$100,000,000 of notes issued on 2025-03-01, $60,000,000 of them repaid on 2025-06-01
    ("r1"): a correction of the issue that dates it after r1, lowers it below $60,000,000
    or makes it no longer notes, and its retraction, would leave r1 retiring notes before
    they were issued, more than were issued, or notes not recorded. Each is refused with one
    line on every write path, nothing stored, as r1 would have been refused were it written
    after such an issue."""
    load(RETIRED)
    notes = BASE[3]
    said = amended_everywhere(caledger, xco_db, tmp_path, monkeypatch, "x-notes", notes,
                              {"effective": "2025-09-01"})
    assert said[0] == (
        'field effective: dates notes "x-notes" 2025-09-01, after "r1" retires them '
        "(2025-06-01): notes can't be retired before they were issued; check the date, or "
        'correct or retract "r1" first')
    said = amended_everywhere(caledger, xco_db, tmp_path, monkeypatch, "x-notes", notes,
                              {"principal_usd": "50000000"})
    assert said[0] == (
        'field principal_usd: lowers notes "x-notes" to $50,000,000, less than the '
        '$60,000,000 recorded as retired of them ("r1"); check the amount, or correct or '
        "retract that retirement first")
    said = amended_everywhere(caledger, xco_db, tmp_path, monkeypatch, "x-notes", notes,
                              {"usd": "100000000"}, new_type="equity_issued")
    assert said[0] == (
        'field type: changes the type of notes "x-notes" to equity_issued, but "r1" retires '
        "them (notes_id) and would then retire notes not recorded; retract it or correct its "
        "notes_id first")
    said = amended_everywhere(caledger, xco_db, tmp_path, monkeypatch, "x-notes", notes, {},
                              retract=True)
    assert said[0] == (
        'field retracts: retracts notes "x-notes", but "r1" retires them (notes_id) and would '
        "then retire notes not recorded; retract it or correct its notes_id first")
    # what stays within the rules is taken: the issue dated on r1's own day, or lowered to
    # exactly what r1 retired; capital and shares agree on what is left
    for fix in (("--effective", "2025-06-01"), ("--principal-usd", "60000000")):
        assert caledger("correct", "x-notes", *fix, "--reason", "restated",
                        "--db", xco_db).exit_code == 0
    capital = run_json(caledger, "capital", "XCO", "--as-of", "2025-06-30", "--db", xco_db)
    assert capital["notes"]["outstanding_usd"] == "0"
    # a retirement corrected in the same import before the issue is lowered below it: the
    # store judges each record in order, the retirement first
    path = tmp_path / "both.jsonl"
    lowered = {**{k: v for k, v in notes.items() if k != "id"}, "effective": "2025-06-01",
               "principal_usd": "40000000"}
    fewer = {**{k: v for k, v in RETIRED.items() if k != "id"}, "principal_usd": "40000000"}
    both = [{"id": "fix-r1", "type": "correction", "corrects": "r1", "reason": "restated",
             "event": fewer},
            {"id": "fix-notes", "type": "correction", "corrects": "x-notes",
             "reason": "restated", "event": lowered}]
    path.write_text("".join(json.dumps(r) + "\n" for r in reversed(both)))
    with pytest.raises(RejectedInput) as refused:
        api.import_files(xco_db, [str(path)])
    assert [p.split(": ")[1] for p in refused.value.problems] == [
        'record "fix-notes" field principal_usd']
    path.write_text("".join(json.dumps(r) + "\n" for r in both))
    api.import_files(xco_db, [str(path)])
    # an issue corrected earlier in the same import still has its stored retirements: a
    # retirement of more than is left after them is refused
    path.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "fix-coupon", "type": "correction", "corrects": "x-notes", "reason": "restated",
         "event": {**lowered, "coupon_percent": "1"}},
        xco("r2", "notes_retired", "2025-07-01", how="repaid", notes_id="x-notes",
            principal_usd="1")]))
    with pytest.raises(RejectedInput) as refused:
        api.import_files(xco_db, [str(path)])
    assert refused.value.problems == [
        f'{path}:2: record "r2" field principal_usd: retires $1 of notes "x-notes", which have '
        "$0 outstanding as recorded ($40,000,000 issued, $40,000,000 already retired); check "
        "the amount and notes_id, or correct the earlier records first"]
    # and retracting both, the retirement first, in one import or one after the other
    before = fingerprint(xco_db)
    path.write_text("".join(json.dumps({"id": f"undo-{t}", "type": "retraction",
                                        "retracts": t, "reason": "denied"}) + "\n"
                            for t in ("x-notes", "r1")))
    with pytest.raises(RejectedInput) as refused:
        api.import_files(xco_db, [str(path)])
    assert [p.split(": ")[1] for p in refused.value.problems] == [
        'record "undo-x-notes" field retracts']
    assert fingerprint(xco_db) == before
    assert caledger("retract", "r1", "--reason", "denied", "--db", xco_db).exit_code == 0
    assert caledger("retract", "x-notes", "--reason", "denied", "--db", xco_db).exit_code == 0
    capital = run_json(caledger, "capital", "XCO", "--as-of", "2025-06-30", "--db", xco_db)
    assert capital["notes"]["issues"] == []


def test_an_amendment_is_refused_only_for_what_it_makes_worse(caledger, load, xco_db):
    """A ledger written before amendments were held to the rules may already hold $150 of
    $100 retired: a correction that makes it no worse (the coupon, or $120 issued) is
    taken; one that makes it worse ($90 issued) is refused."""
    with amendments_unchecked():
        load(xco("n1", "notes_issued", "2025-01", principal_usd="200", coupon_percent="1",
                 convertible=False),
             xco("n1-r", "notes_retired", "2025-02", principal_usd="150", how="repaid",
                 notes_id="n1"),
             {"id": "n1-fix", "type": "correction", "corrects": "n1", "reason": "restated",
              "event": {**{k: v for k, v in xco("n1", "notes_issued", "2025-01",
                                                 principal_usd="100", coupon_percent="1",
                                                 convertible=False).items() if k != "id"}}})
    for fix in (("--coupon-percent", "2"), ("--principal-usd", "120")):
        assert caledger("correct", "n1", *fix, "--reason", "restated",
                        "--db", xco_db).exit_code == 0
    line = the_one_error_line(caledger("correct", "n1", "--principal-usd", "90", "--reason",
                                       "restated", "--db", xco_db))
    assert line.endswith('lowers notes "n1" to $90, less than the $150 recorded as retired of '
                         'them ("n1-r"); check the amount, or correct or retract that '
                         "retirement first")


# --- notes past maturity ------------------------------------------------------------------------


def test_notes_past_maturity_with_nothing_recorded_are_not_known_not_outstanding(
        caledger, load, xco_db):
    reason = ("x-notes matured on 2030-03-01 with $100,000,000 not recorded as retired: "
              "whether it was repaid or converted is not known; record its notes_retired")
    capital = run_json(caledger, "capital", "XCO", "--as-of", "2030-06-30", "--db", xco_db)
    [issue] = capital["notes"]["issues"]
    assert (issue["outstanding_usd"], issue["matured"]) == (None, True)
    assert capital["notes"]["outstanding_usd"] is None
    assert capital["values"]["notes.outstanding"]["reason"] == reason
    shown = caledger("capital", "XCO", "--as-of", "2030-06-30", "--db", xco_db).stdout
    assert f"notes outstanding: not known ({reason})" in shown
    shares = run_json(caledger, "shares", "XCO", "--as-of", "2030-06-30", "--db", xco_db)
    assert shares["shares"] == {"basic": "50000000", "notes_as_converted": None,
                                "other_dilutive": "1000000", "assumed_diluted": None}
    assert shares["reason"]["notes_as_converted"] == (
        "x-notes matured on 2030-03-01 with $100,000,000 not recorded as retired: whether it "
        "was repaid (no shares) or converted (shares) is not known; record its notes_retired")
    explained = run_json(caledger, "explain", "XCO", "shares.notes.x-notes.as_converted",
                         "--as-of", "2030-06-30", "--db", xco_db)
    assert (explained["value"], explained["status"], explained["reason"]) == (
        None, "not known", shares["reason"]["notes_as_converted"])
    kpi = run_json(caledger, "kpi", "XCO", "--as-of", "2030-06-30", "--db", xco_db)
    assert kpi["btc_per_share"]["as_of"] is None
    assert kpi["basic_btc_per_share"]["as_of"] == "0.00002"  # 1,000 / 50,000,000
    # the day before it matures, the notes are outstanding and convert as before
    assert run_json(caledger, "shares", "XCO", "--as-of", "2030-02-28", "--db",
                    xco_db)["shares"]["assumed_diluted"] == "53500000"
    # once the repayment at maturity is recorded, both are known again: nothing outstanding
    load(xco("x-repaid", "notes_retired", "2030-03-01", how="repaid", notes_id="x-notes",
             principal_usd="100000000"))
    capital = run_json(caledger, "capital", "XCO", "--as-of", "2030-06-30", "--db", xco_db)
    assert capital["notes"]["outstanding_usd"] == "0"
    shares = run_json(caledger, "shares", "XCO", "--as-of", "2030-06-30", "--db", xco_db)
    assert (shares["shares"]["notes_as_converted"], shares["shares"]["assumed_diluted"]) == (
        "0", "51000000")


# --- stakes: percent is the change, the stake stays within 0% and 100% --------------------------


def test_a_stake_can_go_neither_below_0_nor_above_100_percent(caledger, load, xco_db):
    def stake(type_: str, effective: str, percent: str, *extra: str):
        return append(caledger, xco_db, type_, "--company", "XCO", "--effective", effective,
                      "--target", "Frost AB", "--percent", percent, *extra)

    before = fingerprint(xco_db)
    line = the_one_error_line(stake("stake_disposed", "2025-07-01", "5"))
    assert line.endswith(
        "field percent: disposes of 5% of Frost AB, which takes XCO's stake in it to -5% on "
        "2025-07-01, outside 0% to 100% (percent is the change in percentage points, not the "
        "stake held after it); check the percent, target and date, or record the acquisition "
        "first")
    assert fingerprint(xco_db) == before
    assert stake("stake_acquired", "2025-07-01", "12.5", "--usd", "1250000").exit_code == 0
    # "raised its stake to 95%" recorded as 95 is caught: 12.5 + 95 = 107.5
    before = fingerprint(xco_db)
    line = the_one_error_line(stake("stake_acquired", "2025-08-01", "95"))
    assert "acquires 95% of Frost AB, which takes XCO's stake in it to 107.5% on 2025-08-01, " \
           "outside 0% to 100%" in line and line.endswith("check the percent, target and date")
    # a disposal dated before the acquisition takes the stake below 0% on its own day
    line = the_one_error_line(stake("stake_disposed", "2025-06-30", "5"))
    assert "to -5% on 2025-06-30" in line
    assert fingerprint(xco_db) == before
    # the change: raised from 12.5% to 95% is 82.5 more, then half of it sold
    assert stake("stake_acquired", "2025-08-01", "82.5", "--usd", "8250000").exit_code == 0
    assert stake("stake_disposed", "2025-09-30", "47.5", "--usd", "6000000").exit_code == 0
    [held] = run_json(caledger, "capital", "XCO", "--as-of", "2025-09-30",
                      "--db", xco_db)["stakes"]
    assert (held["percent"], held["cost_usd"], held["proceeds_usd"]) == (
        "47.5", "4750000", "6000000")
    # a correction that would take it out of range is refused too
    line = the_one_error_line(caledger("correct", held["records"][0], "--percent", "60",
                                       "--reason", "restated", "--db", xco_db))
    assert "which takes XCO's stake in it to 142.5% on 2025-08-01" in line


STAKES = [xco("a1", "stake_acquired", "2025-05", target="Frost AB", percent="30"),
          xco("d1", "stake_disposed", "2025-06", target="Frost AB", percent="10"),
          xco("a2", "stake_acquired", "2025-07", target="Frost AB", percent="75")]


def test_a_correction_or_retraction_leaving_a_stake_out_of_range_is_refused(
        caledger, load, xco_db, tmp_path: Path, monkeypatch):
    """30% of Frost AB acquired in May ("a1"), 10% disposed of in June ("d1"), 75% acquired in
    July ("a2"): 95%. Retracting a1 (or moving it to another target or type, or lowering
    it below 10%) would leave d1 disposing of more than is held; retracting d1 would take
    a2 above 100%. Each is refused on every write path, naming the record left out of
    range, as that record would have been refused had it been written after the amendment.
    Retracting them latest first, or d1 with a1 in one import, is taken."""
    load(*STAKES)
    said = amended_everywhere(caledger, xco_db, tmp_path, monkeypatch, "a1", STAKES[0], {},
                              retract=True)
    assert said[0] == (
        'field retracts: retracting "a1" leaves "d1" disposing of 10% of Frost AB on '
        "2025-06-30, taking XCO's stake in it to -10%, below 0%; retract or correct \"d1\" "
        "first, or record the acquisition it disposed of")
    said = amended_everywhere(caledger, xco_db, tmp_path, monkeypatch, "d1", STAKES[1], {},
                              retract=True)
    assert said[0] == (
        'field retracts: retracting "d1" leaves "a2" acquiring 75% of Frost AB on 2025-07-31, '
        "taking XCO's stake in it to 105%, above 100%; retract or correct \"a2\" first")
    said = amended_everywhere(caledger, xco_db, tmp_path, monkeypatch, "a1", STAKES[0],
                              {"target": "Frost Holding AB"})
    assert said[0] == (
        'field target: correcting "a1" leaves "d1" disposing of 10% of Frost AB on '
        "2025-06-30, taking XCO's stake in it to -10%, below 0%; retract or correct \"d1\" "
        "first, or record the acquisition it disposed of")
    said = amended_everywhere(caledger, xco_db, tmp_path, monkeypatch, "a1", STAKES[0],
                              {"usd": "1"}, new_type="business_acquired")
    assert said[0].startswith('field type: correcting "a1" leaves "d1" disposing of 10%')
    said = amended_everywhere(caledger, xco_db, tmp_path, monkeypatch, "a1", STAKES[0],
                              {"percent": "5"})
    assert said[0] == (
        "field percent: acquires 5% of Frost AB, which takes XCO's stake in it to -5% on "
        '2025-06-30 (where "d1" disposes of 10%), outside 0% to 100% (percent is the change '
        "in percentage points, not the stake held after it); check the percent, target and "
        'date, or correct or retract "d1" first')
    # within the range, a correction is taken: a1 lowered to 10%, then back to 30%
    for percent in ("10", "30"):
        assert caledger("correct", "a1", "--percent", percent, "--reason", "restated",
                        "--db", xco_db).exit_code == 0
    # d1 and a1 retracted in one import, d1 first: taken; a1 first is not
    before = fingerprint(xco_db)
    path = tmp_path / "undo.jsonl"
    undo = [{"id": f"undo-{t}", "type": "retraction", "retracts": t, "reason": "denied"}
            for t in ("a2", "d1", "a1")]
    path.write_text("".join(json.dumps(r) + "\n" for r in reversed(undo)))
    with pytest.raises(RejectedInput) as refused:
        api.import_files(xco_db, [str(path)])
    assert [p.split(": ")[1] for p in refused.value.problems] == [
        'record "undo-a1" field retracts', 'record "undo-d1" field retracts']
    assert fingerprint(xco_db) == before
    path.write_text("".join(json.dumps(r) + "\n" for r in undo))
    api.import_files(xco_db, [str(path)])
    assert run_json(caledger, "capital", "XCO", "--as-of", "2025-12-31",
                    "--db", xco_db)["stakes"] == []


def test_a_stake_already_out_of_range_refuses_only_what_makes_it_worse(
        caledger, load, xco_db):
    """A ledger written before retractions were held to the rules: a1 retracted, d1 left
    disposing of 10% of nothing. Lowering d1 is taken; retracting a2, which makes it no
    worse (the stake is out of range from June either way), is taken; a correction taking
    it further below 0% on that day is refused."""
    with amendments_unchecked():
        load(*STAKES, {"id": "undo-a1", "type": "retraction", "retracts": "a1",
                       "reason": "denied"})
    assert caledger("correct", "d1", "--percent", "8", "--reason", "restated",
                    "--db", xco_db).exit_code == 0
    assert caledger("retract", "a2", "--reason", "denied", "--db", xco_db).exit_code == 0
    line = the_one_error_line(caledger("correct", "d1", "--percent", "12", "--reason",
                                       "restated", "--db", xco_db))
    assert "disposes of 12% of Frost AB, which takes XCO's stake in it to -12% on " \
           "2025-06-30, outside 0% to 100%" in line


def test_a_stake_cost_not_stated_is_not_known_not_0(caledger, load, xco_db):
    load(xco("s1", "stake_acquired", "2025-05", target="Frost AB", percent="30"),
         xco("s2", "stake_disposed", "2025-06", target="Frost AB", percent="10", usd="70"))
    [held] = run_json(caledger, "capital", "XCO", "--as-of", "2025-06-30",
                      "--db", xco_db)["stakes"]
    assert (held["percent"], held["cost_usd"]) == ("20", None)
    shown = caledger("capital", "XCO", "--as-of", "2025-06-30", "--db", xco_db).stdout
    assert "  Frost AB: 20%, cost not known (no price disclosed for s1)" in shown
    rows = caledger("capital", "XCO", "--as-of", "2025-06-30", "--db", xco_db, "--format",
                    "csv").stdout
    [cost] = [line for line in rows.splitlines() if "stakes.Frost AB.cost" in line]
    assert cost.startswith("XCO,2025-06-30,stakes.Frost AB.cost,USD,,") and cost.endswith(
        ",not known,no price disclosed for s1")


# --- dilution: one rule for other dilutive and notes as converted -------------------------------


def test_dilution_is_known_only_from_what_the_company_stated(caledger, load, db):
    load(*BASE[:2])
    day = ("--as-of", "2025-02-15", "--db", db)
    shares = run_json(caledger, "shares", "XCO", *day)
    assert shares["shares"] == {"basic": "50000000", "notes_as_converted": None,
                                "other_dilutive": None, "assumed_diluted": None}
    assert shares["reason"]["notes_as_converted"] == (
        "no convertible notes recorded by 2025-02-15 and no dilutive securities disclosed on "
        "or before 2025-02-15: whether the company has any is not known; record its "
        "convertible notes_issued, or a dilutive_securities_disclosed (with 0 when it states "
        "it has none)")
    explained = run_json(caledger, "explain", "XCO", "shares.notes_as_converted", *day)
    assert (explained["value"], explained["status"], explained["steps"]) == (
        None, "not known", [])
    # its statement of its dilutive securities: options only, the rest none
    load(BASE[2])
    shares = run_json(caledger, "shares", "XCO", *day)
    assert shares["shares"] == {"basic": "50000000", "notes_as_converted": "0",
                                "other_dilutive": "1000000", "assumed_diluted": "51000000"}
    assert shares["reason"]["other_dilutive"] == (
        "disclosed on 2024-12-31 (x-dil); restricted units, warrants and preferred not "
        "stated: none, the statement being taken as the whole of them")
    assert shares["reason"]["notes_as_converted"] == (
        "no convertible notes recorded by 2025-02-15, and the company's statement of its "
        "dilutive securities on 2024-12-31 (x-dil) is taken as the whole of them: none counted")
    # a company with convertible notes recorded has them counted, statement or not
    load(BASE[3])
    assert run_json(caledger, "shares", "XCO", "--as-of", "2025-06-30", "--db", db)[
        "shares"]["assumed_diluted"] == "53500000"


def test_an_average_cost_is_a_division_never_disclosed(caledger, load, db):
    load(xco("c", "btc_balance_disclosed", "2025-01-31", btc="1000", cost_usd="60000000"))
    value = run_json(caledger, "value", "XCO", "--as-of", "2025-01-31", "--db", db)
    figures = value["figures"]
    statuses = {name: figures[name]["status"] for name in ("value.cost_basis",
                                                           "value.average_cost")}
    assert statuses == {"value.cost_basis": "disclosed", "value.average_cost": "derived"}
    assert figures["value.average_cost"]["value"] == "60000"
    assert figures["value.average_cost"]["reason"].startswith(
        "value.cost_basis divided by value.cost_btc, to the cent: cost disclosed on "
        "2025-01-31 (c)")
