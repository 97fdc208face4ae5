"""A dry run: ``import --dry-run`` and ``append --dry-run`` make the very write a real one
makes, every check against the ledger included, and roll it back. The same problems in the
same words and exit code, or a report of what would be stored (per company and type, the
companies that would be new, what is already stored identically); the store exactly as it
was, positions included (on PostgreSQL its sequence is given back). Also: the companies a
write begins are part of its own report, and a path that is no file to read is one line from
the library itself. Contract tests: both stores."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from ledger import api, pipeline
from ledger.errors import RejectedInput

from .conftest import fingerprint, is_postgres, rec, seed_record


def write(path: Path, *records: dict[str, Any], raw_lines: tuple[str, ...] = ()) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records)
                    + "".join(line + "\n" for line in raw_lines), encoding="utf-8")
    return str(path)


def head(db: str) -> tuple[int, str]:
    report = api.verify(db)
    assert report.ok, report.problems
    return report.position, report.head_hash


def restated(record_id: str, **changes: Any) -> dict[str, Any]:
    """A correction of the seed record ``record_id`` with ``changes``."""
    event = {k: v for k, v in seed_record(record_id).items() if k != "id"}
    return {"id": f"fix-{record_id}", "type": "correction", "corrects": record_id,
            "reason": "restated in a later filing", "event": {**event, **changes}}


#: Two companies the seeded ledger (MARA only, 15 records at @1..@15) has never seen, a
#: seed record exactly as stored, and a correction of another.
def more_records() -> list[dict[str, Any]]:
    return [rec("newb-mined", "btc_mined", "2025-10", company="NEWB", btc="1"),
            rec("newa-mined", "btc_mined", "2025-10", company="NEWA", btc="2"),
            seed_record("mara-2024q4-mined"),
            rec("newa-bought", "btc_purchased", "2025-11-03", company="NEWA", btc="0.5"),
            restated("mara-2024q4-purchase", btc="14575")]


WOULD_ADD = {"added": 4, "already_present": 1,
             "added_by_type": {"btc_mined": 2, "btc_purchased": 1, "correction": 1},
             "added_by_company": {"MARA": {"correction": 1},
                                  "NEWA": {"btc_mined": 1, "btc_purchased": 1},
                                  "NEWB": {"btc_mined": 1}},
             "new_companies": ["NEWA", "NEWB"],
             "already_present_records": [{"id": "mara-2024q4-mined", "type": "btc_mined"}]}


def test_a_dry_run_reports_what_would_be_stored_and_stores_nothing(caledger, seeded, tmp_path):
    path = write(tmp_path / "more.jsonl", *more_records())
    before, position = fingerprint(seeded), head(seeded)
    assert position[0] == 15
    file_bytes = None if is_postgres(seeded) else Path(seeded).read_bytes()

    done = caledger("import", "--db", seeded, "--dry-run", "--json", path)
    assert done.exit_code == 0, done.stderr
    report = json.loads(done.stdout)
    assert {k: report[k] for k in WOULD_ADD} == WOULD_ADD
    assert report["dry_run"] is True and report["creates_ledger"] is False
    assert report["records"] == [{"id": i, "type": t, "position": None} for i, t in (
        ("newb-mined", "btc_mined"), ("newa-mined", "btc_mined"),
        ("newa-bought", "btc_purchased"), ("fix-mara-2024q4-purchase", "correction"))]
    assert done.stderr == ("note: NEWA, NEWB would be new companies in this ledger "
                           "(companies: MARA)\n")
    # Nothing stored: every table as it was, the same head; a SQLite file byte for byte.
    assert fingerprint(seeded) == before and head(seeded) == position
    assert file_bytes is None or Path(seeded).read_bytes() == file_bytes

    text = caledger("import", "--db", seeded, "--dry-run", path)
    assert text.exit_code == 0, text.stderr
    assert text.stdout.splitlines() == [
        "dry run: nothing was stored",
        "would add 4 records (2 btc_mined, 1 btc_purchased, 1 correction)",
        "  MARA: 1 correction",
        "  NEWA: 1 btc_mined, 1 btc_purchased",
        "  NEWB: 1 btc_mined",
        "already present: 1 record, unchanged (would be skipped)",
        "new companies: NEWA, NEWB"]
    assert fingerprint(seeded) == before

    # The real import then takes exactly the positions a dry run never took (on PostgreSQL
    # the dry run's inserts drew them from the events' sequence: given back).
    real = caledger("import", "--db", seeded, "--json", path)
    assert real.exit_code == 0, real.stderr
    stored = json.loads(real.stdout)
    assert [r["position"] for r in stored["records"]] == [16, 17, 18, 19]
    assert head(seeded)[0] == 20  # the correction's id claim: @20
    assert real.stderr == "note: NEWA, NEWB are new companies in this ledger (companies: MARA)\n"


def test_a_dry_run_and_the_import_agree_on_a_new_ledger_too(caledger, db, tmp_path):
    from .conftest import SEEDS

    seeds = list(map(str, SEEDS))
    dry = caledger("import", "--db", db, "--dry-run", "--json", *seeds)
    assert dry.exit_code == 0, dry.stderr
    assert fingerprint(db) == "absent"  # not even created
    if not db.startswith("postgres"):
        assert sorted(os.listdir(Path(db).parent)) == []
    real = caledger("import", "--db", db, "--json", *seeds)
    assert real.exit_code == 0, real.stderr
    would, did = json.loads(dry.stdout), json.loads(real.stdout)
    assert would.pop("dry_run") is True and would.pop("creates_ledger") is True
    assert did.pop("dry_run") is False
    for r in would["records"]:
        assert r.pop("position") is None
    assert [r.pop("position") for r in did["records"]] == list(range(1, 16))
    assert would == did
    assert did["added"] == 15 and did["new_companies"] == ["MARA"]
    # Again, now that they are all stored: all of them would be skipped.
    again = caledger("import", "--db", db, "--dry-run", "--json", *seeds)
    report = json.loads(again.stdout)
    assert (report["added"], report["already_present"], report["new_companies"]) == (0, 15, [])


#: Records refused on their own: each line's problem, before the ledger is asked.
INVALID = (rec("ok-1", "btc_mined", "2025-10", company="MARA", btc="1"),
           rec("bad-btc", "btc_mined", "2025-10", company="MARA", btc="lots"),
           rec("ok-1", "btc_mined", "2025-10", company="MARA", btc="9"))
INVALID_LINES = [
    'error: {path}:2: record "bad-btc" field btc: ',
    'error: {path}:3: record "ok-1" field id: also used at {path}:1 with different content; '
    "give each record its own id"]

#: Records each valid, refused by the ledger: an id stored with other content, amendments of
#: records that are not there.
CLASHING = (rec("mara-2024q4-mined", "btc_mined", "2024-Q4", company="MARA", btc="3"),
            {"id": "fix-nope", "type": "retraction", "retracts": "nope", "reason": "gone"},
            restated("mara-2024q4-purchase", btc="14575"),
            restated("mara-2024q4-purchase", btc="14576") | {"id": "fix-again"})
CLASHING_LINES = [
    'error: {path}:1: record "mara-2024q4-mined" field id: already recorded with different '
    "content (differs in: ",
    'error: {path}:2: record "fix-nope" field retracts: no record "nope" in the ledger; check '
    "the id, or import the original first"]


@pytest.mark.parametrize(("records", "expected"), [(INVALID, INVALID_LINES),
                                                   (CLASHING, CLASHING_LINES)],
                         ids=["invalid", "clashing"])
def test_a_dry_run_of_a_bad_file_lists_the_problems_the_import_lists(caledger, seeded,
                                                                      tmp_path, records,
                                                                      expected):
    path = write(tmp_path / "bad.jsonl", *records)
    before = fingerprint(seeded)
    dry = caledger("import", "--db", seeded, "--dry-run", path)
    real = caledger("import", "--db", seeded, path)
    assert dry.exit_code == real.exit_code == 1
    assert dry.stdout == real.stdout == ""
    assert dry.stderr == real.stderr
    # with --json, the same problems as one line of JSON (problem details)
    as_json = caledger("import", "--db", seeded, "--dry-run", "--json", path)
    assert as_json.exit_code == 1 and as_json.stdout == ""
    assert [e["detail"] for e in json.loads(as_json.stderr)["errors"]] == [
        line.removeprefix("error: ") for line in real.stderr.splitlines()]
    lines = dry.stderr.splitlines()
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start.format(path=path)), line
    assert "Traceback" not in dry.stderr
    assert fingerprint(seeded) == before


def test_a_dry_run_refuses_a_signing_key_the_write_would_refuse(caledger, seeded, tmp_path):
    path = write(tmp_path / "more.jsonl", *more_records())
    before = fingerprint(seeded)
    dry = caledger("import", "--db", seeded, "--dry-run", "--sign", "no-such-key", path)
    real = caledger("import", "--db", seeded, "--sign", "no-such-key", path)
    assert dry.exit_code == real.exit_code != 0
    assert dry.stderr == real.stderr and "no-such-key" in dry.stderr
    assert fingerprint(seeded) == before


def test_an_append_dry_run_checks_it_against_the_ledger_and_stores_nothing(caledger, seeded):
    before, position = fingerprint(seeded), head(seeded)
    args = ("append", "btc_purchased", "--company", "MRAA", "--effective", "2025-10-02",
            "--btc", "5", "--source", "x.txt:1", "--db", seeded)
    dry = caledger(*args, "--dry-run", "--json")
    assert dry.exit_code == 0, dry.stderr
    would = json.loads(dry.stdout)
    assert would == {"id": would["id"], "added": True, "position": None,
                     "new_companies": ["MRAA"], "below_zero": [], "possible_duplicates": [],
                     "future_dated": [], "check_units": [], "overlapping_flows": [], "dry_run": True,
                     "creates_ledger": False}
    assert dry.stderr == ("note: MRAA would be a new company in this ledger (companies: MARA); "
                          "did you mean MARA?\n")
    assert fingerprint(seeded) == before and head(seeded) == position
    real = caledger(*args, "--json")
    assert json.loads(real.stdout) == {"id": would["id"], "added": True, "position": 16,
                                       "new_companies": ["MRAA"], "below_zero": [], "possible_duplicates": [],
                     "future_dated": [], "check_units": [], "overlapping_flows": [],
                                       "dry_run": False}
    # An id the ledger holds with other content: the append's own refusal, word for word.
    clash = ("append", "btc_mined", "--id", "mara-2024q4-mined", "--company", "MARA",
             "--effective", "2024-Q4", "--btc", "3", "--source", "x.txt:1", "--db", seeded)
    dry, real = caledger(*clash, "--dry-run"), caledger(*clash)
    assert dry.exit_code == real.exit_code == 1
    assert dry.stderr == real.stderr
    assert 'record "mara-2024q4-mined" field id: already recorded with different' in dry.stderr


def test_a_large_dry_run_validated_on_two_cores_stores_nothing(seeded, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "MIN_BYTES", 0)
    records = [rec(f"buy-{i}", "btc_purchased", f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                   company="BULK", btc=f"{1 + i % 9}.5") for i in range(6_000)]
    path = write(tmp_path / "bulk.jsonl", *records)
    before = fingerprint(seeded)
    report = pipeline.try_import(seeded, [path], None, processes=2, dry_run=True)
    assert report is not None  # the two-process path ran
    assert (report.added_count, report.added_by_company) == (6_000, {"BULK": {"btc_purchased":
                                                                               6_000}})
    assert report.dry_run and report.new_companies == ["BULK"]
    assert fingerprint(seeded) == before
    assert api.import_files(seeded, [path]).added[0]["position"] == 16


def test_an_import_refused_after_its_first_chunk_was_inserted_leaves_no_gap(seeded, tmp_path):
    # The first 5,000 records are inserted before the clash in the next chunk is found: the
    # transaction rolls back, and on PostgreSQL the positions they drew are given back.
    from ledger.importer import CHUNK

    records = [rec(f"buy-{i}", "btc_purchased", f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                   company="BULK", btc="1.5") for i in range(CHUNK)]
    path = write(tmp_path / "bulk.jsonl", *records, CLASHING[0])
    before = fingerprint(seeded)
    with pytest.raises(RejectedInput) as refused:
        api.import_files(seeded, [path])
    assert [p.line()[:70] for p in refused.value.details] == [
        f'{path}:5001: record "mara-2024q4-mined" field id: already recorded'[:70]]
    assert fingerprint(seeded) == before
    report = api.import_files(seeded, [write(tmp_path / "one.jsonl", *more_records()[:1])])
    assert report.added[0]["position"] == 16


# --- the companies a write begins, in its own report ---------------------------------------


def test_the_companies_a_write_begins_are_in_its_report(seeded, tmp_path, monkeypatch):
    from ledger.store import Ledger

    opened = []
    real_open = Ledger.open.__func__

    def counting(cls: type, *args: Any, **kwargs: Any) -> Ledger:
        opened.append(args)
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Ledger, "open", classmethod(counting))
    report = api.import_files(seeded, [write(tmp_path / "more.jsonl", *more_records())])
    assert opened == [(seeded,)]  # the write's report says it all: no second opening
    assert (report.new_companies, report.companies_before) == (["NEWA", "NEWB"], ["MARA"])
    assert report.note() == ("note: NEWA, NEWB are new companies in this ledger "
                             "(companies: MARA)")
    assert report.to_json()["new_companies"] == ["NEWA", "NEWB"]
    appended = api.append(seeded, "btc_mined", {"company": "NEWC", "effective": "2025-10",
                                                "btc": "1", "sources": [{"document": "x.txt",
                                                                         "line": 1}]})
    assert (appended.new_companies, appended.companies_before) == (["NEWC"],
                                                                   ["MARA", "NEWA", "NEWB"])
    # A company the ledger has: nothing new, no note.
    known = api.append(seeded, "btc_mined", {"company": "NEWA", "effective": "2025-12",
                                             "btc": "1", "sources": [{"document": "x.txt",
                                                                      "line": 2}]})
    assert known.new_companies == [] and known.note() is None


# --- a path that is no file to read: one line, from the library -----------------------------


def test_importing_a_folder_through_the_library_says_it_is_one(db, tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    good = write(tmp_path / "good.jsonl", rec("a", "btc_mined", "2025-10", btc="1"))
    for dry_run in (True, False):
        with pytest.raises(RejectedInput) as refused:
            api.import_files(db, [good, str(folder), str(tmp_path / "missing.jsonl"),
                                  "/dev/zero"], dry_run=dry_run)
        assert [p.line() for p in refused.value.details] == [
            f"{folder}: is a folder; give a .jsonl file",
            f"{tmp_path / 'missing.jsonl'}: no such file",
            "/dev/zero: is a device, not a file; give a .jsonl file (or - to read stdin)"]
    assert fingerprint(db) == "absent"
    # A pipe is read as it comes (process substitution, a named pipe): not refused.
    fifo = tmp_path / "records.fifo"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w", encoding="utf-8") as out:
            out.write(json.dumps(rec("piped", "btc_mined", "2025-10", btc="1")) + "\n")

    feeder = threading.Thread(target=feed)
    feeder.start()
    try:
        report = api.import_files(db, [str(fifo)])
    finally:
        feeder.join(timeout=30)
    assert (report.added_count, report.added[0]["id"]) == (1, "piped")


# --- who may write: a dry run asks the store as the write would (PostgreSQL's roles) -------

from .test_trust import _as, roles  # noqa: E402,F401 - the roles fixture, and a role's URL


def test_a_dry_run_is_refused_to_a_reader_and_runs_for_a_writer_as_the_write_would(
        caledger, run, seeded, roles, tmp_path):
    path = write(tmp_path / "more.jsonl", *more_records())
    run("grant", roles["reader"], "--reader", "--db", seeded)
    run("grant", roles["writer"], "--writer", "--db", seeded)
    before = fingerprint(seeded)
    as_reader = _as(seeded, roles["reader"])
    dry = caledger("import", "--db", as_reader, "--dry-run", path)
    real = caledger("import", "--db", as_reader, path)
    assert dry.exit_code == real.exit_code == 2
    assert dry.stderr == real.stderr == (
        f'error: role "{roles["reader"]}" may read this ledger but not write to it\n')
    as_writer = _as(seeded, roles["writer"])
    done = caledger("import", "--db", as_writer, "--dry-run", "--json", path)
    assert done.exit_code == 0, done.stderr
    assert {k: json.loads(done.stdout)[k] for k in WOULD_ADD} == WOULD_ADD
    assert fingerprint(seeded) == before
    # The writer's dry run gave the sequence back too: its import takes @16 on.
    stored = run("import", "--db", as_writer, "--json", path)
    assert [r["position"] for r in stored["records"]] == [16, 17, 18, 19]
