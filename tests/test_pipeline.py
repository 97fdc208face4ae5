"""Import on two cores (ledger/pipeline.py): a second process validates while this one
stores. The answer, the stored records and every refusal are exactly the one-process
import's; on any problem nothing is stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ledger import api, pipeline
from ledger.errors import RejectedInput

from .conftest import SEEDS, fingerprint, is_postgres, raw, rec
from .strategies import amended_ledgers
from .test_bulk_projection import any_record


def write(path: Path, *records: dict[str, Any], raw_lines: tuple[str, ...] = ()) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records)
                    + "".join(line + "\n" for line in raw_lines))
    return str(path)


def purchases(n: int, start: int = 0) -> list[dict[str, Any]]:
    return [rec(f"buy-{i}", "btc_purchased", f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                btc=f"{1 + i % 9}.5") for i in range(start, start + n)]


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every import of files, however small, takes the two-process path."""
    monkeypatch.setattr(pipeline, "MIN_BYTES", 0)


def sequential(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MIN_BYTES", 10**18)


def log(db: str) -> list[tuple[Any, ...]]:
    """Every stored record in store order, as the read model has it (without the clock)."""
    with raw(db) as conn:
        return [tuple(row) for row in conn.execute(
            "SELECT position, record_id, kind, content FROM rm_log ORDER BY position")]


def amendments() -> list[dict[str, Any]]:
    """A correction and a retraction of records earlier in the same import."""
    event = {k: v for k, v in purchases(4)[3].items() if k not in ("id", "type")}
    return [{"id": "fix-3", "type": "correction", "corrects": "buy-3", "reason": "restated",
             "event": {"type": "btc_purchased", **event, "btc": "2.25"}},
            {"id": "undo-7", "type": "retraction", "retracts": "buy-7", "reason": "withdrawn"}]


def test_a_two_process_import_stores_what_a_one_process_import_stores(
        two_cores, make_db, tmp_path, monkeypatch):
    # more than one batch; the same record twice in one batch (kept once); amendments of
    # records several batches back
    many = purchases(12_000)
    path = write(tmp_path / "many.jsonl", *many[:11_000], *purchases(5, start=10_990),
                 *many[11_000:], *amendments())
    db = make_db()
    report = pipeline.try_import(db, [path], None)
    assert report is not None  # the two-process path ran
    sequential(monkeypatch)
    again = api.import_files(other := make_db(), [path])
    assert report.to_json() == again.to_json()
    assert (report.added_count, report.existing_count) == (12_002, 0)
    figures = []
    for ledger in (db, other):
        assert api.import_files(ledger, [path]).existing_count == 12_002
        assert api.verify(ledger).ok
        h = api.holdings_json(api.holdings(ledger, "TEST", "2025-12-31"))
        figures.append({k: v for k, v in h.items() if k != "head_hash"})
    assert figures[0] == figures[1]
    assert figures[0]["flows_counted"] == 11_999  # buy-7 retracted


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_any_number_of_validating_processes_gives_the_same_ledger(
        two_cores, make_db, tmp_path, monkeypatch, processes):
    # batches dealt to 1, 2 or 3 processes; two files, the second one's lines continuing
    # the first one's batches; a blank line and a byte order mark
    first = write(tmp_path / "a.jsonl", *purchases(7_003))
    second = tmp_path / "b.jsonl"
    second.write_text("\ufeff" + "".join(json.dumps(r) + "\n\n" for r in purchases(3_000, 7_003))
                      + "".join(json.dumps(r) + "\n" for r in amendments()))
    report = pipeline.try_import(db := make_db(), [first, str(second)], None,
                                 processes=processes)
    assert report is not None
    sequential(monkeypatch)
    again = api.import_files(other := make_db(), [first, str(second)])
    assert report.to_json() == again.to_json()
    assert report.added_count == 10_005
    assert api.verify(db).ok
    assert log(db) == log(other)


def test_a_record_repeated_in_another_batch_falls_back_to_one_process(
        two_cores, make_db, tmp_path, monkeypatch):
    # the same record (same content) 6,000 lines apart: kept once, as ever; the store
    # refuses the second insert, so the one-process import does it
    db = make_db()
    api.import_files(db, [write(tmp_path / "first.jsonl", *purchases(3, start=50_000))])
    before = fingerprint(db)
    path = write(tmp_path / "again.jsonl", *purchases(6_000), *purchases(2))
    assert pipeline.try_import(db, [path], None) is None
    assert fingerprint(db) == before  # nothing was stored
    report = api.import_files(db, [path])
    assert (report.added_count, report.existing_count) == (6_000, 0)


def test_the_seeds_import_the_same_both_ways(two_cores, make_db, monkeypatch):
    first = api.import_files(db := make_db(), [str(p) for p in SEEDS])
    sequential(monkeypatch)
    second = api.import_files(other := make_db(), [str(p) for p in SEEDS])
    assert first.to_json() == second.to_json()
    assert api.verify(db).ok and api.verify(other).ok


@pytest.mark.parametrize("problem", ["bad record at the end", "duplicate id",
                                     "amendment before its original", "changed content"])
def test_every_refusal_is_the_one_process_imports_and_nothing_is_stored(
        two_cores, make_db, tmp_path, monkeypatch, problem):
    db = make_db()
    api.import_files(db, [write(tmp_path / "first.jsonl", *purchases(3))])
    before = fingerprint(db)
    good = purchases(6_000, start=10)
    if problem == "bad record at the end":
        path = write(tmp_path / "in.jsonl", *good, rec("late", "btc_purchased", "2025-13-01"),
                     raw_lines=("{not json",))
    elif problem == "duplicate id":
        path = write(tmp_path / "in.jsonl", *good, {**good[0], "btc": "99"})
    elif problem == "amendment before its original":
        retraction = {"id": "undo", "type": "retraction", "retracts": "buy-5999",
                      "sources": good[0]["sources"]}
        path = write(tmp_path / "in.jsonl", retraction, *good)
    else:
        path = write(tmp_path / "in.jsonl", *good, {**purchases(3)[1], "btc": "42"})
    with pytest.raises(RejectedInput) as two:
        api.import_files(db, [path])
    assert fingerprint(db) == before
    sequential(monkeypatch)
    with pytest.raises(RejectedInput) as one:
        api.import_files(db, [path])
    assert two.value.problems == one.value.problems
    assert all(p.startswith(f"{path}:") for p in one.value.problems), one.value.problems
    assert fingerprint(db) == before


# --- a first import projects itself as it stores (ledger/projecting.py) -------------------------


def projected_at_commit(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Catching up after the import finds nothing to do (the import projected itself); the
    list gets the number of events each catch-up applied."""
    from projections.readmodel import ReadModel

    applied: list[int] = []
    catch_up = ReadModel.catch_up

    def counted(self, *args, **kwargs):
        applied.append(catch_up(self, *args, **kwargs))
        return applied[-1]

    monkeypatch.setattr(ReadModel, "catch_up", counted)
    return applied


@pytest.mark.parametrize("processes", [0, 2])
def test_a_first_import_projects_itself_as_a_rebuild_would_row_by_row(
        make_db, tmp_path, monkeypatch, processes):
    # 12,000 records and amendments of records several chunks back, amendments of one
    # record in two chunks, and a correction later retracted; on two validating processes
    # (which build the originals' version rows) and on one (every row built by the store)
    from .test_bulk_projection import tables

    fix = {k: v for k, v in purchases(10)[9].items() if k not in ("id", "type")}
    path = write(tmp_path / "many.jsonl", *purchases(6_000), *amendments(),
                 *purchases(6_000, start=6_000),
                 {"id": "fix-9", "type": "correction", "corrects": "buy-9", "reason": "r",
                  "event": {"type": "btc_purchased", **fix, "btc": "3"}},
                 {"id": "fix-9b", "type": "correction", "corrects": "buy-9", "reason": "r",
                  "event": {"type": "btc_purchased", **fix, "btc": "4"}},
                 {"id": "undo-9", "type": "retraction", "retracts": "buy-9",
                  "reason": "withdrawn"})
    if processes:
        monkeypatch.setattr(pipeline, "MIN_BYTES", 0)
    else:
        sequential(monkeypatch)
    applied = projected_at_commit(monkeypatch)
    if processes:
        assert pipeline.try_import(db := make_db(), [path], None, processes=2) is not None
    else:
        api.import_files(db := make_db(), [path])
    # nothing left to project after the commit (on PostgreSQL the read model catches up
    # after it, set-based, as for any large write)
    assert set(applied) == ({0, 12_010} if is_postgres(db) else {0})
    projected = tables(db)
    assert len(projected["rm_log"]) == 12_005 + 5  # and a claim per amendment

    assert api.rebuild(db).records == 12_010
    assert tables(db) == projected
    assert api.verify(db).ok


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=amended_ledgers(any_record, most_batches=4, most_per_batch=12),
       processes=st.sampled_from([0, 2]))
def test_any_first_import_projected_as_it_stores_equals_its_rebuild(
        make_db, tmp_path_factory, batches, processes):
    # every record type, awkward text, corrections and retractions in any order, however
    # short the import (the threshold set to nothing)
    from ledger import projecting

    from .test_bulk_projection import tables

    path = write(tmp_path_factory.mktemp("in") / "in.jsonl", *[r for b in batches for r in b])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(projecting, "MIN_EVENTS", 0)
        patch.setattr(pipeline, "MIN_BYTES", 0 if processes else 10**18)
        applied = projected_at_commit(patch)
        api.import_files(db := make_db(), [path])
        assert is_postgres(db) or set(applied) == {0}
    projected = tables(db)
    api.rebuild(db)
    assert tables(db) == projected


@given(record=st.dictionaries(st.sampled_from(["id", "note", "btc", "type", "x"]),
                              st.text(st.characters(blacklist_categories=("Cs",))), max_size=5),
       kind=st.sampled_from(["record", "correction", "retraction"]),
       who=st.one_of(st.none(), st.tuples(
           st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12),
           st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
           st.booleans())))
def test_a_store_calls_encoder_writes_the_bytes_encode_canonical_writes(record, kind, who):
    # the store encodes each event of a call with the parts they share written once: the
    # stored bytes (which the hash chain and any signature cover) must not change
    from ledger.envelope import Provenance, encode_canonical, encoder
    from ledger.jsonio import canonical_json

    from .test_bulk_projection import _SIGNER

    provenance = None if who is None else Provenance(who[0], who[1],
                                                     _SIGNER if who[2] else None)
    at = "2026-12-07T07:00:00.000001+00:00"
    canonical = canonical_json(record)
    assert encoder(at, provenance)(kind, canonical) == \
        encode_canonical(kind, canonical, at, provenance)


def test_a_received_record_reads_as_the_pending_record_its_fields_make():
    import dataclasses

    from ledger.store import Pending, Received, received

    row = ("fix-1", "correction", "correction", "buy-1", "MARA", '{"id":"fix-1"}', "ab" * 16,
           ("MARA", "btc_purchased"), 7)
    made = received(row)
    assert type(made) is Received and made == Received(*row)
    pending = Pending("correction", "fix-1", "correction", '{"id":"fix-1"}', company="MARA",
                      target="buy-1", seq=7, stream="ab" * 16, version=("MARA", "btc_purchased"))
    assert {f.name: getattr(made, f.name) for f in dataclasses.fields(Pending)} == \
        {f.name: getattr(pending, f.name) for f in dataclasses.fields(Pending)}
    assert made.content == pending.content == {"id": "fix-1"}


@pytest.mark.parametrize("processes", [0, 2])
def test_a_first_import_refused_late_leaves_the_empty_ledger_as_it_was(
        make_db, tmp_path, monkeypatch, processes):
    # the store refuses a record in the import's last chunk, after the first chunks' events
    # were inserted and projected (indexes dropped) in the transaction: all of it rolls back
    from ledger.store import Ledger

    db = make_db()
    Ledger.open(db, create=True).close()
    before, schema = fingerprint(db), _schema(db)
    path = write(tmp_path / "in.jsonl", *purchases(12_000),
                 {"id": "undo", "type": "retraction", "retracts": "no-such-record",
                  "reason": "withdrawn"})
    monkeypatch.setattr(pipeline, "MIN_BYTES", 0 if processes else 10**18)
    from ledger.projecting import Projecting

    with mock.patch.object(Projecting, "add", autospec=True,
                           side_effect=Projecting.add) as projected, \
            pytest.raises(RejectedInput) as refused:
        api.import_files(db, [path])
    # the first chunks were inserted and projected before the last one was refused
    assert projected.call_count >= (0 if is_postgres(db) else 2)
    assert refused.value.problems == [f'{path}:12001: record "undo" field retracts: no record '
                                      '"no-such-record" in the ledger; check the id, or import '
                                      "the original first"]
    assert (fingerprint(db), _schema(db)) == (before, schema)
    assert api.import_files(db, [write(tmp_path / "ok.jsonl", *purchases(6_000))]
                            ).added_count == 6_000
    assert api.verify(db).ok


def _schema(db: str) -> list[tuple]:
    """The ledger's tables and indexes as the store declares them (SQLite's own list)."""
    if is_postgres(db):
        return []
    with raw(db) as conn:
        return [tuple(r) for r in conn.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY name")]


def test_a_pending_record_of_content_and_an_event_are_what_their_classes_make():
    """``Pending.of`` sets the frozen dataclass's fields whole, without its per-field
    ``__setattr__``: the same object as the class makes. An ``Event`` reads as the event
    library's ``StoredEvent`` of the same columns, and a tuple of them is chained as it is."""
    import dataclasses

    from eventsourcing.persistence import StoredEvent

    from ledger.chain import Event, links
    from ledger.store import Pending

    content = {"id": "fix-1", "type": "correction", "corrects": "buy-1"}
    made = Pending.of("correction", content, '{"id":"fix-1"}', company="MARA", target="buy-1")
    plain = Pending("correction", "fix-1", "correction", '{"id":"fix-1"}', company="MARA",
                    target="buy-1")
    assert made == plain and hash(made) == hash(plain) and made.content is content
    assert {f.name: getattr(made, f.name) for f in dataclasses.fields(Pending)} == \
        {f.name: getattr(plain, f.name) for f in dataclasses.fields(Pending)}
    columns = [("ab" * 16, 2, "caledger:record@1", b"{}"),
               ("cd" * 16, 1, "caledger:claim@1", b'{"id":"x"}'),
               ("AB" * 16, 3, "caledger:retraction@1", b"")]  # not as the chain spells it
    stored = [StoredEvent(*c) for c in columns]
    assert [vars(s) for s in stored] == [Event._make(c)._asdict() for c in columns]
    # a store call's events, plain tuples of their columns, are chained as the events are
    assert links("0" * 64, [5, 6, 7], columns) == links("0" * 64, [5, 6, 7], stored) == \
        links("0" * 64, [5, 6, 7], [Event._make(c) for c in columns])
    assert links("0" * 64, [5, 6, 7], columns) != links("0" * 64, [5, 6, 8], stored)
    # streams all spelled as the chain spells them (digits only too) take the quicker loop
    spelled = [columns[0], columns[1], ("12" * 16, 1, "caledger:record@1", b"[]")]
    assert links("0" * 64, [5, 6, 7], spelled) == \
        links("0" * 64, [5, 6, 7], [StoredEvent(*c) for c in spelled])


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), rows=st.booleans())
def test_a_plain_lines_row_is_the_row_of_the_record_read_the_ordinary_way(
        data: st.DataObject, rows: bool) -> None:
    """A validating process builds a plain line's row straight from its content
    (``_Batch.add_content``): the row ``add`` builds from the ``Pending`` record the
    ordinary way makes of the same content, with and without the version row."""
    from ledger import fastcheck
    from ledger.importer import validate_into

    records = [data.draw(any_record(n)) for n in range(data.draw(st.integers(1, 6)))]
    text = "".join(json.dumps(record) + "\n" for record in records)
    null = 1 - 2**63 if rows else pipeline._NO_ROWS
    straight, ordinary = pipeline._Batch(0, 1, None, null), pipeline._Batch(0, 1, None, null)
    plain_ids = []
    for line in text.splitlines(keepends=True):
        content = fastcheck.line_content(line)
        if content is not None:
            straight.add_content(content)
            plain_ids.append(content["id"])
    assume(plain_ids)  # the generated records are mostly plain
    # Told progress, validate_into makes a Pending of every record (no plain callback).
    assert not list(validate_into(ordinary, "-", text, lambda *_: None))
    # the same rows but their order in the import (ordinary also holds the other records)
    assert [row[:-1] for row in straight.pending.values()] == \
        [ordinary.pending[i][:-1] for i in plain_ids]
    for batch in (straight, ordinary):
        seqs = [row[-1] for row in batch.pending.values()]
        assert seqs == sorted(set(seqs)) and seqs[0] == 1
