"""The set-based projection (projections/bulk.py) gives exactly the incremental one's rows.

On random ledgers of every kind of record, with corrections (some changing the type) and
retractions imported in several batches, the read model kept incrementally, batch by batch,
is compared table by table and row by row with

* the read model ``rebuild`` makes, set-based, from the whole log, and
* the read model a catch-up of an empty read model makes, set-based (the path a large first
  import takes).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from decimal import Decimal
from typing import Any
from unittest import mock

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import api, kinds
from ledger.envelope import encode, encode_canonical
from ledger.errors import LogAltered, StoreUnavailable
from ledger.adapters.sqlite_read import SIDE, SQLiteBulk, SQLiteReader
from ledger.jsonio import canonical_json
from ledger.store import Ledger
from projections import bulk, readmodel
from projections.readmodel_names import TRACKING_NAME

from .conftest import import_records, is_postgres, raw, tamper
from .strategies import START, amended_ledgers, periods
from .test_properties import records

TABLES = {"rm_log": "position", "rm_versions": "position", "rm_companies": "company"}


#: One valid body of every record type beyond its id, company, effective and sources.
BODIES: dict[str, dict[str, Any]] = {
    "btc_mined": {"btc": "1.5", "usd": "90000.25"},
    "btc_purchased": {"btc": "0.00000001", "usd": "1"},
    "btc_sold": {"btc": "20880"},
    "btc_loaned": {"btc": "100", "counterparty": "Galaxy"},
    "btc_loan_returned": {"btc": "40.5"},
    "btc_pledged": {"btc": "7"},
    "btc_pledge_released": {"btc": "3.25"},
    "btc_balance_disclosed": {"btc": "52850", "loaned": "7377", "pledged": "0.1"},
    "btc_change_disclosed": {"btc": "-0.5"},
    "stake_acquired": {"target": "Exaion", "percent": "64", "usd": "168000000"},
    "stake_disposed": {"target": "Exaion", "percent": "10"},
    "notes_issued": {"principal_usd": "1000000000", "coupon_percent": "0",
                     "maturity": "2031-03-01", "convertible": True,
                     "conversion_price_usd": "25.91"},
    "notes_retired": {"principal_usd": "50000000", "how": "converted", "shares": "1000000"},
    "equity_issued": {"usd": "500000000", "shares": "20000000", "program": "ATM"},
    "business_acquired": {"target": "Two Rivers", "usd": "1000000"},
    "workforce_reduced": {"headcount": "12"},
    "results_reported": {"revenue_usd": "252400000", "net_income_usd": "-533400000.5"},
    "shares_outstanding_disclosed": {"shares": "351927631"},
    "shares_repurchased": {"shares": "1000", "usd": "15000"},
    "stock_split": {"ratio": "10"},
    "dilutive_securities_disclosed": {"options": "100", "warrants": "5"},
    "kpi_disclosed": {"metric": "btc_yield", "value": "12.5", "since": "2023-12-31"},
    # filed under the asset it prices: the asset is set to the record's company
    "price_observed": {"close": "97123.45678901", "high": "98000", "low": "95000.5"},
    "operations_reported": {"hashrate_ehs": "53.2", "hashrate_kind": "energized",
                            "blocks_won": "703"},
}
#: Types stated as of one date.
ONE_DATE = {"btc_balance_disclosed", "shares_outstanding_disclosed", "stock_split",
            "dilutive_securities_disclosed", "kpi_disclosed", "price_observed"}
#: Text the stored envelope and the read model's content must carry byte for byte:
#: non-ASCII, quotes, backslashes, control characters, a line separator, astral characters.
AWKWARD = ["restated — see p. 4", 'the "Q3" letter', "C:\\filings\\q3.txt", "bell \x07 and \x7f",
           "a\u2028b", "Zürich ß 東京 𝄞 😀", '\\"}{,"recorded_at":"x', "tab\tand\nnewline"]


@st.composite
def other_records(draw: st.DrawFn, index: int, company: str) -> dict[str, Any]:
    """Records of any type, some with awkward text in a note or a free-text field."""
    source = [{"document": "synthetic.txt", "line": index + 1}]
    record_type = draw(st.sampled_from(sorted(BODIES)))
    effective = draw(periods())
    if record_type in ONE_DATE:
        effective = (START + timedelta(days=draw(st.integers(0, 730)))).isoformat()
    body: dict[str, Any] = {"type": record_type, "effective": effective,
                            **BODIES[record_type]}
    if record_type == "price_observed":
        body["asset"] = company
    if draw(st.booleans()):
        body["note"] = draw(st.sampled_from(AWKWARD) | st.text(
            st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=12
        ).filter(str.strip))
    if "target" in body and draw(st.booleans()):
        body["target"] = draw(st.sampled_from(AWKWARD))
    return {"id": f"r{index}", "company": company, "sources": source, **body}


@st.composite
def any_record(draw: st.DrawFn, index: int) -> dict[str, Any]:
    record = draw(records(index))
    if draw(st.integers(0, 3)) == 0:
        record = draw(other_records(index, record["company"]))
    return record


def tables(db: str) -> dict[str, list[tuple]]:
    """Every read-model row, table by table, in key order."""
    with raw(db) as conn:
        return {table: [tuple(row) for row in conn.execute(
                    f"SELECT * FROM {table} ORDER BY {key}").fetchall()]
                for table, key in TABLES.items()}


def empty_read_model(db: str) -> None:
    with Ledger.open(db, create=False) as ledger, ledger.readmodel.writing() as (_, cur):
        cur.execute(f"DELETE FROM {ledger.readmodel._tracking_table()} "
                    "WHERE application_name = ?", (TRACKING_NAME,))
        for table in TABLES:
            cur.execute(f"DELETE FROM {table}")


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(batches=amended_ledgers(any_record, most_batches=4, most_per_batch=12))
def test_set_based_read_model_equals_the_incremental_one_row_by_row(
        make_db, batches: list[list[dict[str, Any]]]) -> None:
    db = make_db()
    for batch in batches:
        import_records(db, batch)
    incremental = tables(db)
    assert len(incremental["rm_log"]) >= sum(len(b) for b in batches)

    count = api.rebuild(db).records
    assert count == len(incremental["rm_log"])  # every stored event, claims included
    assert tables(db) == incremental

    empty_read_model(db)
    assert tables(db)["rm_log"] == []
    with mock.patch.object(readmodel, "BATCH", 2), Ledger.open(db, create=False) as ledger, \
            rows_built_by_a_second_process(len(incremental["rm_log"]) >= 2):
        ledger.catch_up()  # two or more events behind on an empty read model: set-based
        assert ledger.readmodel.position() == incremental["rm_log"][-1][0]
    assert tables(db) == incremental

    if not is_postgres(db):  # again, SQLite's statements of many rows each a few rows long
        # and the log's last part built by this process (``bulk._Shared``), cut at
        # different places
        for rows, share in ((2, 0.5), (3, 0.3)):
            with mock.patch.object(SQLiteBulk, "ROWS", rows), \
                    mock.patch.object(bulk, "FIRST_BATCH", 5), \
                    mock.patch.object(bulk, "SHARE", share), \
                    mock.patch.object(bulk, "SHARE_BATCH", rows), \
                    rows_built_by_a_second_process(len(incremental["rm_log"]) >= 1):
                api.rebuild(db)
            assert tables(db) == incremental


@contextmanager
def rows_built_by_a_second_process(expected: bool = True) -> Iterator[None]:
    """However short the log, a set-based projection inside has its rows built by a second
    process (``bulk._BuiltElsewhere``), as a long one has; and (if ``expected``) one did."""
    ready: list[bool] = []
    connected = bulk._BuiltElsewhere.connected

    def answered(self: bulk._BuiltElsewhere) -> bool:
        ready.append(connected(self))
        return ready[-1]

    with mock.patch.object(bulk, "PARALLEL_MIN", 0), \
            mock.patch.object(bulk, "_parallel", return_value=True), \
            mock.patch.object(bulk._BuiltElsewhere, "connected", answered):
        yield
    assert ready.count(True) == (1 if expected else 0)


_TEXTS = st.sampled_from(["record", "claim", "flow", "2024-01-02", "2024-Q1", "C1", "", "0"])


@st.composite
def table_rows(draw: st.DrawFn, table: Any) -> list[tuple]:
    """Rows of ``table`` whose texts repeat often, a nullable column sometimes NULL."""
    rows = []
    for position in range(1, draw(st.integers(0, 40)) + 1):
        rows.append((position, *(
            None if column in table.nullable and draw(st.booleans())
            else draw(st.integers(-3, 3)) if kind is int else draw(_TEXTS)
            for column, kind in table.columns[1:])))
    return rows


@settings(max_examples=60, deadline=None)
@given(data=st.data(), per_statement=st.integers(1, 6))
def test_rows_packed_for_sqlite_are_inserted_as_they_were_built(data: st.DataObject,
                                                                 per_statement: int) -> None:
    """A text packed as ``SQLiteBulk.SAME`` (the statement's first row's, or its row's
    other column's) is put back by the statement: each row reads back as it was built,
    NULLs and the integer 0 included, however many rows a statement holds."""
    from projections import schema
    from projections.sql import Sql

    conn = sqlite3.connect(":memory:", isolation_level=None)
    cur = Sql(conn.cursor(), SIDE)
    schema.migrate(cur)
    for table in ("rm_log", "rm_versions"):  # dropped during a load, as ``bulk.project`` does
        for name, _ in SIDE.bulk.secondary_indexes(cur, table):
            conn.execute(f'DROP INDEX "{name}"')
    with mock.patch.object(SQLiteBulk, "ROWS", per_statement):
        for table in (schema.RM_LOG, schema.RM_VERSIONS):
            rows = data.draw(table_rows(table))
            null = SIDE.bulk.null
            built = [tuple(null if value is None else value for value in row) for row in rows]
            SIDE.bulk.insert_packed(cur, table, SIDE.bulk.pack(table, built))
            assert conn.execute(f"SELECT * FROM {table.name} ORDER BY position").fetchall() \
                == rows


def test_texts_repeated_in_a_statement_are_sent_as_a_small_integer() -> None:
    from projections.schema import RM_LOG, RM_VERSIONS

    at = "2026-12-07T18:58:49.904497+00:00"
    log = [(1, "r-0", "record", "btc_mined", "C0000", None, at, at, "{}"),
           (2, "r-1", "record", "btc_sold", "C0001", None, at, at, "{}")]
    versions = [(1, "r-0", 1, None, "C0000", "btc_mined", "flow", "2023-04-20", "2023-04-20",
                 "2023-04-20", 5, 0, 0, None, None, None, None)]
    with mock.patch.object(SQLiteBulk, "ROWS", 2):
        assert SIDE.bulk.pack(RM_LOG, log)[9:] == [2, "r-1", 0, "btc_sold", "C0001", None, 0,
                                                   0, "{}"]
        assert SIDE.bulk.pack(RM_VERSIONS, versions)[7:10] == ["2023-04-20", 0, 0]


def test_every_record_type_has_a_body_here():
    assert set(BODIES) == set(kinds.TYPES)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**15, 10**15)
    | st.text(st.characters(blacklist_categories=("Cs",))),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(st.characters(blacklist_categories=("Cs",)), max_size=6), inner,
                      max_size=4),
    max_leaves=12)


@given(record=st.dictionaries(st.text(st.characters(blacklist_categories=("Cs",)), max_size=8),
                              json_values, max_size=6),
       kind=st.sampled_from(["record", "correction", "retraction", "claim"]),
       recorded_at=st.sampled_from(["2026-11-22T06:00:00.000001+00:00",
                                    "2026-11-22T06:00:00+00:00"]),
       who=st.one_of(st.none(), st.tuples(
           st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12),
           st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
           st.booleans())))
def test_the_content_sliced_from_a_stored_event_is_its_records_canonical_json(
        record, kind, recorded_at, who):
    """Whatever the record holds (escapes, non-ASCII, nested objects, numbers), the text
    between the envelope's keys is exactly the canonical JSON the incremental projection
    writes, for both ways the store encodes an event: version 1 (no ``who``) and version 2,
    whoever recorded it, by whatever way in, signed or not; and the stored bytes are those
    of the whole envelope written with sorted keys (what a signature is checked over)."""
    from ledger.envelope import Provenance

    provenance = None if who is None else Provenance(who[0], who[1],
                                                     _SIGNER if who[2] else None)
    for state in (encode(kind, record, recorded_at, provenance),
                  encode_canonical(kind, canonical_json(record), recorded_at, provenance)):
        body = orjson.loads(state)
        assert bulk._content(state, body) == canonical_json(record)
        assert orjson.dumps(body, option=orjson.OPT_SORT_KEYS) == state
        if who is not None:
            assert (body["v"], body["recorded_by"], body["via"]) == (2, who[0], who[1])
            assert ("sig" in body) == who[2]


def _signer():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from ledger.signing import SigningKey

    return SigningKey("0123456789abcdef", "test-key", Ed25519PrivateKey.generate())


_SIGNER = _signer()


def test_an_envelope_laid_out_otherwise_gives_the_canonical_json_too():
    record = {"id": "r1", "note": "café"}
    spaced = b'{"v": 1, "kind": "record", "record": {"note": "caf\\u00e9", "id": "r1"}, ' \
        b'"recorded_at": "2026-11-22T06:00:00+00:00"}'
    assert bulk._content(spaced, orjson.loads(spaced)) == canonical_json(record)


def _tamper_state(db: str, position: int, change) -> None:
    with raw(db) as conn:
        (state,) = conn.execute("SELECT state FROM stored_events WHERE rowid = ?",
                                (position,)).fetchone()
    tamper(db, "UPDATE stored_events SET state = ? WHERE rowid = ?",
           change(bytes(state)), position)


def _mined(btc: str = "1") -> dict[str, Any]:
    return {"type": "btc_mined", "company": "AAA", "effective": "2025-Q1", "btc": btc,
            "sources": [{"document": "f.txt", "line": 1}]}


def test_a_stored_event_of_another_schema_version_stops_the_rebuild_and_changes_nothing(db):
    import_records(db, [{"id": "m1", **_mined()}, {"id": "m2", **_mined()}])
    before = tables(db)
    _tamper_state(db, 2, lambda state: state.replace(b'"v":2,', b'"v":3,'))
    with pytest.raises(LogAltered, match="schema version 3, expected 1 or 2"):
        api.rebuild(db)
    assert tables(db) == before


def test_a_log_read_by_a_second_process_is_refused_with_the_same_message(db):
    import_records(db, [{"id": "m1", **_mined()}, {"id": "m2", **_mined()}])
    before = tables(db)
    _tamper_state(db, 2, lambda state: state.replace(b'"v":2,', b'"v":3,'))
    with pytest.raises(LogAltered, match="schema version 3, expected 1 or 2"), \
            rows_built_by_a_second_process():
        api.rebuild(db)
    assert tables(db) == before


def test_a_second_process_reader_refuses_a_sqlite_ledger_not_in_wal_mode(tmp_path):
    """In rollback-journal mode a reader would wait for the writer it reads for."""
    path = tmp_path / "journal.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    with pytest.raises(sqlite3.OperationalError, match="journal mode is delete, not wal"):
        SQLiteReader(str(path))()


#: Second processes that never get ready: one that can't start, one that can't connect
#: (it says so before it is ready).
_NEVER_READY = {
    "cant_start": "import os; os._exit(3)",
    "cant_connect": (
        "import marshal, sys\n"
        "data = marshal.dumps(('failed', 'OperationalError: no connection'))\n"
        "sys.stdout.buffer.write(len(data).to_bytes(8, 'little') + b'm' + data)\n"),
}


@pytest.mark.parametrize("child", sorted(_NEVER_READY))
def test_a_second_process_that_never_gets_ready_leaves_the_rows_to_this_one(db, child):
    import_records(db, [{"id": "m1", **_mined()}, {"id": "m2", **_mined()}])
    before = tables(db)
    with mock.patch.object(bulk, "_CHILD", _NEVER_READY[child]), \
            rows_built_by_a_second_process(expected=False):
        assert api.rebuild(db).records == 2
    assert tables(db) == before


#: A second process that connects, sends one empty batch and dies.
_DIES_AFTER_A_BATCH = (
    "import marshal, sys\n"
    "for message in (('ready',), ([], [], 0, 0)):\n"
    "    data = marshal.dumps(message)\n"
    "    sys.stdout.buffer.write(len(data).to_bytes(8, 'little') + b'm' + data)\n"
    "sys.stdout.flush(); sys.exit(3)\n")


def test_a_second_process_that_dies_leaves_the_read_model_as_it_was(db):
    import_records(db, [{"id": "m1", **_mined()}, {"id": "m2", **_mined()}])
    before = tables(db)
    with mock.patch.object(bulk, "_CHILD", _DIES_AFTER_A_BATCH), \
            rows_built_by_a_second_process(), \
            pytest.raises(StoreUnavailable, match="nothing was changed: the process reading "
                                                  r"the log ended unexpectedly \(exit status 3"):
        api.rebuild(db)
    assert tables(db) == before
    assert api.rebuild(db).records == 2  # and the next rebuild works


def test_a_sqlite_rebuild_copies_the_versions_built_in_a_scratch_file_whole(db, tmp_path,
                                                                          monkeypatch):
    """On SQLite the second process builds rm_versions in a scratch file, indexes included,
    which the rebuild copies in by SQLite's transfer optimisation (each row's and each
    index entry's stored bytes, no record made again); the file is gone afterwards,
    whether the rebuild ended well or not."""
    if is_postgres(db):
        pytest.skip("PostgreSQL's rebuild has no scratch file")
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    import_records(db, [{"id": "m1", **_mined()}, {"id": "m2", **_mined("2.5")},
                        {"id": "fix", "type": "correction", "corrects": "m1",
                         "reason": "restated", "event": _mined("2")}])
    incremental = tables(db)
    copies: list[set[str]] = []

    def copy_in(self: SQLiteBulk, cur: Any, table: Any) -> None:
        assert list((tmp_path / "temporary").iterdir())  # the scratch file's folder
        copies.append({row[1] for row in cur.execute(
            f"EXPLAIN {self.copy_statement(table)}")})
        copy(self, cur, table)

    copy = SQLiteBulk.copy_in
    with mock.patch.object(SQLiteBulk, "copy_in", copy_in), rows_built_by_a_second_process():
        assert api.rebuild(db).records == 4
    assert tables(db) == incremental
    (opcodes,) = copies
    assert {"RowData", "IdxInsert"} <= opcodes and "MakeRecord" not in opcodes
    assert list((tmp_path / "temporary").iterdir()) == []

    _tamper_state(db, 2, lambda state: state.replace(b'"v":2,', b'"v":3,'))
    with pytest.raises(LogAltered, match="schema version 3"), \
            rows_built_by_a_second_process():
        api.rebuild(db)
    assert tables(db) == incremental
    assert list((tmp_path / "temporary").iterdir()) == []


@contextmanager
def shared(share: float) -> Iterator[list[int]]:
    """A SQLite rebuild inside has the log's last ``share`` built by the process inserting
    the rows (``bulk._Shared``), a batch an event, the rest by a second process; yields
    the sizes of the batches this process built, once it has run."""
    mine: list[int] = []
    iterate = bulk._Batches.__iter__

    def counted(self: bulk._Batches) -> Iterator[Any]:
        for batch in iterate(self):
            if self.after:  # the later part's (the second process's has none)
                mine.append(batch[2])
            yield batch

    with mock.patch.object(bulk, "SHARE", share), mock.patch.object(bulk, "SHARE_BATCH", 1), \
            mock.patch.object(bulk._Batches, "__iter__", counted), \
            rows_built_by_a_second_process():
        yield mine


def _amended_across(db: str) -> None:
    """Three writes: originals of three companies, then amendments of two of them and new
    records, in a log cut anywhere by ``shared``."""
    import_records(db, [{"id": "m1", **_mined()}, {"id": "m2", **_mined("2"), "company": "BBB"}])
    import_records(db, [{"id": "fix", "type": "correction", "corrects": "m1",
                         "reason": "restated", "event": _mined("3")},
                        {"id": "m3", **_mined("4"), "company": "CCC"}])
    import_records(db, [{"id": "gone", "type": "retraction", "retracts": "m2",
                         "reason": "withdrawn"},
                        {"id": "m4", **_mined("0.5"), "effective": "2025-02-03"}])


@pytest.mark.parametrize("share", [0.2, 0.3, 0.5, 0.7, 0.85])
def test_a_sqlite_rebuild_shared_between_two_processes_gives_the_rows_of_one_pass(db, share):
    """The log's last part built by this process, the rest by the second one, wherever it
    is cut: amendments of originals in the other part, companies in both parts, the
    running time, as one pass gives them."""
    if is_postgres(db):
        pytest.skip("PostgreSQL's rebuild has no scratch file")
    _amended_across(db)
    incremental = tables(db)
    with shared(share) as mine:
        assert api.rebuild(db).records == len(incremental["rm_log"])
    assert tables(db) == incremental
    assert 0 < sum(mine) < len(incremental["rm_log"]), mine


@pytest.mark.parametrize("share", [0.3, 0.7])
def test_a_later_part_recorded_before_the_earlier_ones_end_is_known_from_that_end(db, share):
    """``known_from`` is the running maximum of the recording times in store order: events
    of the later part recorded earlier (a writer's clock set back) are known from the
    earlier part's latest time, as one pass has them."""
    if is_postgres(db):
        pytest.skip("PostgreSQL's rebuild has no scratch file")
    _amended_across(db)
    last = len(tables(db)["rm_log"])
    for position in (last - 1, last):
        _tamper_state(db, position, lambda state: re.sub(
            rb'"recorded_at":"[^"]*"', b'"recorded_at":"2001-02-03T04:05:06+00:00"', state))
    api.rebuild(db)  # one pass, in this process
    one_pass = tables(db)
    assert one_pass["rm_log"][-1][6] == "2001-02-03T04:05:06+00:00"
    assert one_pass["rm_log"][-1][7] == one_pass["rm_log"][-3][7] > "2001"
    with shared(share) as mine:
        api.rebuild(db)
    assert tables(db) == one_pass
    assert 0 < sum(mine) < last, mine


def test_the_earlier_parts_error_comes_first_in_a_shared_rebuild(db):
    """Each part's pass stops at its first unreadable event; the earlier part's error is
    the one reported, as one pass would, and the read model is left as it was."""
    if is_postgres(db):
        pytest.skip("PostgreSQL's rebuild has no scratch file")
    _amended_across(db)
    before = tables(db)
    last = len(before["rm_log"])
    retraction = next(row[0] for row in before["rm_log"] if row[2] == "retraction")
    _tamper_state(db, retraction, lambda state: state.replace(b'"retracts":"m2"',
                                                              b'"retracts":"m9"'))
    with pytest.raises(LogAltered, match="stored retraction gone amends unknown m9"), \
            shared(0.4):
        api.rebuild(db)
    assert tables(db) == before
    _tamper_state(db, 1, lambda state: state.replace(b'"v":2,', b'"v":3,'))
    with pytest.raises(LogAltered, match="schema version 3, expected 1 or 2"), \
            shared(0.4):
        api.rebuild(db)
    assert tables(db) == before
    assert retraction > last - int(last * 0.4)  # in the later part


#: A second process that sends one empty batch, then stops at an unreadable event.
_UNREADABLE_AFTER_A_BATCH = (
    "import marshal, sys\n"
    "for message in (('ready',), ([], [], 0, 0), ('unreadable', 'ValueError', (\n"
    "        'stored record has schema version 3, expected 1 or 2',))):\n"
    "    data = marshal.dumps(message)\n"
    "    sys.stdout.buffer.write(len(data).to_bytes(8, 'little') + b'm' + data)\n"
    "sys.stdout.flush()\n")


def test_an_error_in_this_process_part_waits_for_the_earlier_parts_end(db):
    """This process builds its part while the second one is still at the earlier one: an
    error it meets is raised only once the other part is through, which may have met one
    first (here: after its first batch, this process having built its part meanwhile)."""
    if is_postgres(db):
        pytest.skip("PostgreSQL's rebuild has no scratch file")
    _amended_across(db)
    before = tables(db)
    retraction = next(row[0] for row in before["rm_log"] if row[2] == "retraction")
    _tamper_state(db, retraction, lambda state: state.replace(b'"retracts":"m2"',
                                                              b'"retracts":"m9"'))
    with mock.patch.object(bulk, "_CHILD", _UNREADABLE_AFTER_A_BATCH), \
            mock.patch.object(bulk._BuiltElsewhere, "waiting", return_value=False), \
            shared(0.4), \
            pytest.raises(LogAltered, match="schema version 3, expected 1 or 2"):
        api.rebuild(db)  # not "stored retraction gone amends unknown m9"
    assert tables(db) == before


def test_events_stored_after_the_projection_started_are_left_to_the_incremental_one(db):
    """The set-based pass stops at the newest event when it started (on PostgreSQL other
    writers may append meanwhile): an amendment stored after it is not looked for, and the
    version it amends is still current as of that event."""
    import_records(db, [{"id": "m1", **_mined()},
                        {"id": "fix", "type": "correction", "corrects": "m1",
                         "reason": "restated", "event": _mined("2")}])
    with Ledger.open(db, create=False) as ledger, ledger.readmodel.reading() as cur:
        upto_m1 = bulk._Batches(cur, ledger.events.events_table_name, 1, "")
        (log_rows, version_rows, events, last), = list(upto_m1)
        everything = bulk._Batches(cur, ledger.events.events_table_name, 3, "")
        batches = list(everything)
    assert (events, last) == (1, 1)
    assert [row[1] for row in log_rows] == ["m1"]
    null = cur.side.bulk.null
    assert version_rows[0][:4] == (1, "m1", 1, null)  # valid_to: none yet, as of @1
    assert upto_m1.companies == [("AAA", 1, 1, 1, 89)]  # 2025-Q1: 89 days first to last
    assert batches[0][1][0][:4] == (1, "m1", 1, 2)      # superseded at @2
    assert everything.companies == [("AAA", 2, 1, 2, 89)]  # the claim @3 has no company


def test_a_stored_amendment_of_an_unknown_record_stops_the_rebuild_and_changes_nothing(db):
    import_records(db, [{"id": "m1", **_mined()},
                        {"id": "fix", "type": "correction", "corrects": "m1",
                         "reason": "restated", "event": _mined("2")}])
    before = tables(db)
    correction = next(row[0] for row in before["rm_log"] if row[2] == "correction")
    _tamper_state(db, correction, lambda state: state.replace(b'"corrects":"m1"',
                                                              b'"corrects":"m9"'))
    with pytest.raises(LogAltered, match="stored correction fix amends unknown m9"):
        api.rebuild(db)
    assert tables(db) == before


def test_satoshis_of_stored_amounts_without_decimal():
    for text in ("0", "1", "14574", "0.5", "0.00000001", "-20880", "-0.1", "20999999.99999999"):
        assert bulk.sats(text) == int(Decimal(text) * 10**8)
    assert bulk.sats(None) is None


def test_a_large_first_import_is_projected_set_based_and_answers_as_before(db, tmp_path):
    """A first import longer than one projection batch takes the set-based path: on SQLite
    in the import's own transaction, as it stores (``ledger/projecting.py``), elsewhere
    once it has stored."""
    from ledger.projecting import Projecting

    day = START
    rows = []
    for n in range(readmodel.BATCH + 10):
        rows.append({"id": f"m{n}", "type": "btc_mined", "company": "AAA",
                     "effective": (day + timedelta(days=n % 700)).isoformat(), "btc": "0.5",
                     "sources": [{"document": "bulk.txt", "line": n + 1}]})
    rows.append({"id": "fix", "type": "correction", "corrects": "m0", "reason": "restated",
                 "event": {**rows[0], "btc": "2.5"}})
    rows[-1]["event"].pop("id")
    with mock.patch.object(bulk, "project", wraps=bulk.project) as projected, \
            mock.patch.object(Projecting, "finish", autospec=True,
                              side_effect=Projecting.finish) as as_stored:
        import_records(db, rows)
    assert (projected.call_count, as_stored.call_count) == ((1, 0) if is_postgres(db) else (0, 1))
    held = api.holdings_json(api.holdings(db, "AAA", "2026-12-31"))
    assert Decimal(held["btc"]["total"]) == Decimal("0.5") * (readmodel.BATCH + 9) + Decimal("2.5")
    before = tables(db)
    api.rebuild(db)
    assert tables(db) == before


def test_stored_bytes_from_canonical_text_are_the_encoders_bytes():
    """The import builds a stored event's bytes from the record's canonical text; they must
    be exactly what ``encode`` gives (the hash chain covers them)."""
    from ledger.envelope import encode, encode_canonical
    from ledger.jsonio import canonical_json

    record = {"id": "r-1", "note": 'the "Q3" letter — C:\\filings', "btc": "1.5",
              "sources": [{"line": 3, "document": "f.txt"}], "type": "btc_mined"}
    at = "2026-11-22T06:00:00.000001+00:00"
    from ledger.envelope import Provenance

    who = Provenance('ana "the writer"', "import C:\\filings\\q3.jsonl")
    for kind in ("record", "correction", "retraction"):
        assert encode_canonical(kind, canonical_json(record), at) == encode(kind, record, at)
        assert encode_canonical(kind, canonical_json(record), at, who) == \
            encode(kind, record, at, who)


@settings(max_examples=200, deadline=None)
@given(record_type=st.sampled_from(sorted(t for t, c in
                                          ((t, kinds.category(t)) for t in kinds.BTC_EFFECT)
                                          if c == "flow")),
       btc=st.decimals(min_value=Decimal("0.00000001"), max_value=Decimal("21000000"),
                       places=8).map(lambda d: format(d.normalize(), "f")),
       effective=periods(), recorded_at=st.sampled_from(["2026-11-22T06:00:00+00:00"]))
def test_a_flows_version_row_written_out_in_the_builders_loop_is_version_rows(
        record_type, btc, effective, recorded_at):
    """The row builder writes a flow's version row out in its loop (most of a ledger's
    versions are flows); whatever the amount and the period, it is the row ``version_row``
    gives, and the log row is ``record_log_row``'s."""
    from projections.rows import Rows, record_log_row, version_row

    record = {"id": "f1", "type": record_type, "company": "AAA", "effective": effective,
              "btc": btc, "sources": [{"document": "f.txt", "line": 1}]}
    state = encode("record", record, recorded_at, None)
    builder = Rows({}, "", None)
    # Twice: the second event of one write meets the envelope's frame built by the first.
    for position in (7, 8):
        log_rows, version_rows = builder([(position, "s", state)])
        assert version_rows == [version_row(position, position, None, "f1", record)]
        assert log_rows == [record_log_row(position, "f1", record_type, "AAA", recorded_at,
                                           recorded_at, canonical_json(record), None)]
    assert builder.company_rows()[0][:4] == ("AAA", 2, 7, 8)


#: Ways a stored event may differ from what ``ledger.envelope`` writes (a log written by an
#: older or another writer, or altered): each applied to the parsed envelope, or to its bytes.
ODDITIES: dict[str, Any] = {
    "spaced": lambda body: orjson.loads(state_bytes(body)),  # re-laid out below
    "no id": lambda body: _drop(body, "record", "id"),
    "no company": lambda body: _drop(body, "record", "company"),
    "no type": lambda body: _drop(body, "record", "type"),
    "no effective": lambda body: _drop(body, "record", "effective"),
    "no btc": lambda body: _drop(body, "record", "btc"),
    "btc a number": lambda body: _put(body, "record", "btc", 1.5),
    "loaned null": lambda body: _put(body, "record", "loaned", None),
    "company a number": lambda body: _put(body, "record", "company", 7),
    "effective unreadable": lambda body: _put(body, "record", "effective", "soon"),
    "no corrects": lambda body: _drop(body, "record", "corrects"),
    "event null": lambda body: _put(body, "record", "event", None),
    "event without type": lambda body: _drop(body, "record", "event", "type"),
    "kind unknown": lambda body: {**body, "kind": "memo"},
    "v 3": lambda body: {**body, "v": 3},
    "v text": lambda body: {**body, "v": "2"},
    "v true": lambda body: {**body, "v": True},
    "recorded_by null": lambda body: {**body, "recorded_by": None},
    "no via": lambda body: {k: v for k, v in body.items() if k != "via"},
    "extra key": lambda body: {**body, "note": "x"},
    "not utf-8": lambda body: _put(body, "record", "note", _NOT_UTF8),  # see state_bytes
}
_NOT_UTF8 = "(not UTF-8)"


def state_bytes(body: dict[str, Any]) -> bytes:
    return orjson.dumps(body, option=orjson.OPT_SORT_KEYS).replace(_NOT_UTF8.encode(), b"\xff")


def _drop(body: dict[str, Any], *path: str) -> dict[str, Any]:
    inner = body
    for key in path[:-1]:
        inner = inner.get(key) or {}
    inner.pop(path[-1], None)
    return body


#: The oddities of a record's own fields (the others alter the envelope around it).
RECORD_ODDITIES = {"no id", "no company", "no type", "no effective", "no btc", "btc a number",
                   "loaned null", "company a number", "effective unreadable", "not utf-8"}


def _put(body: dict[str, Any], part: str, key: str, value: Any) -> dict[str, Any]:
    body[part][key] = value
    return body


@st.composite
def stored_logs(draw: st.DrawFn) -> list[tuple[int, str, bytes]]:
    """(position, stream, state) of a log of records of every type, amendments and claims,
    written version 1, 2 or signed, a few of them laid out otherwise or altered."""
    from ledger.envelope import Provenance

    events: list[tuple[int, str, bytes]] = []
    originals: list[tuple[str, str]] = []  # (stream, record id)
    for position in range(1, draw(st.integers(1, 25)) + 1):
        recorded_at = draw(st.sampled_from(["2026-11-22T06:00:00+00:00",
                                            "2026-11-21T06:00:00+00:00"]))
        who = draw(st.sampled_from([None, ("ann", "import a.jsonl", False),
                                    ("ann", "import a.jsonl", True), ("bob", "append", False)]))
        provenance = None if who is None else Provenance(who[0], who[1],
                                                         _SIGNER if who[2] else None)
        action = draw(st.sampled_from(["record", "record", "correct", "retract", "claim"]))
        if action == "record" or (action in ("correct", "retract") and not originals):
            record = draw(draw(st.sampled_from([records, any_record_of_any_type]))(position))
            kind, stream = "record", f"s{position}"
            if draw(st.integers(0, 5)) == 0 and originals:  # a stream stored twice
                stream = draw(st.sampled_from(originals))[0]
            originals.append((stream, record["id"]))
        elif action == "claim":
            kind, stream, record = "claim", f"c{position}", {"id": f"claimed{position}"}
        else:
            stream, target = draw(st.sampled_from(originals))
            if draw(st.integers(0, 6)) == 0:
                target = "nobody"  # amends an unknown record
            kind = "correction" if action == "correct" else "retraction"
            record = {"id": f"fix{position}", "type": kind, "reason": "restated",
                      "corrects" if kind == "correction" else "retracts": target}
            if kind == "correction":
                record["event"] = {**draw(any_record_of_any_type(position)), "id": target}
        state = encode(kind, record, recorded_at, provenance)
        oddity = draw(st.sampled_from([None] * 8 + sorted(ODDITIES)))
        if oddity == "spaced":
            state = json.dumps(orjson.loads(state)).encode()
        elif oddity is not None:
            state = state_bytes(ODDITIES[oddity](orjson.loads(state)))
        events.append((position, stream, state))
    return events


def any_record_of_any_type(index: int) -> st.SearchStrategy[dict[str, Any]]:
    return st.sampled_from(["AAA", "BBB"]).flatmap(lambda company: other_records(index,
                                                                                company))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=stored_logs(), cuts=st.lists(st.integers(1, 24), max_size=4))
def test_rows_decoded_into_typed_fields_are_the_row_builders_rows(log, cuts):
    """The set-based projection decodes each stored event into the fields its rows read
    (``bulk._Decoded``) instead of parsing it into dictionaries (``Rows``): on every record
    type, amendments, claims and events written otherwise or altered (signed, version 1,
    laid out with spaces, a field missing, null or not text, another schema version), built
    in runs of any length, the rows, the companies and the running known-from time are
    ``Rows``' own after each run, and so is the first refusal, word for word."""
    amended: dict[str, list[int]] = {}
    seen: set[str] = set()
    for position, stream, _ in log:
        if stream in seen:
            amended.setdefault(stream, []).append(position)
        seen.add(stream)
    bounds = [0, *sorted(set(cuts)), len(log)]
    runs = [log[a:b] for a, b in zip(bounds, bounds[1:]) if a < b]

    def build(builder_type: type) -> list[Any]:
        builder = builder_type(amended, "", -1)
        built: list[Any] = []
        for run in runs:
            try:
                rows = builder(run)
            except Exception as e:  # noqa: BLE001 - whatever it is, the same one
                return [*built, (type(e), str(e))]
            built.append((rows, builder.company_rows(), builder.known_from,
                          dict(builder.originals)))
        return built

    assert build(bulk._Decoded) == build(bulk.Rows)


def test_every_record_type_altered_every_way_is_decoded_as_the_row_builder_reads_it():
    """``bulk._Decoded`` against ``Rows`` on a record of every type and a correction to it,
    each altered every way of ``ODDITIES`` in turn (in the record, or in the correction's
    replacement), written version 1, 2 and signed: the same rows or the same refusal."""
    from ledger.envelope import Provenance

    whos = [None, Provenance("ann", "import a.jsonl", None),
            Provenance("ann", "import a.jsonl", _SIGNER)]
    for record_type, body in sorted(BODIES.items()):
        effective = "2025-03-31" if record_type in ONE_DATE else "2025-Q1"
        record = {"id": "r1", "type": record_type, "company": "AAA", "effective": effective,
                  **body, **({"asset": "AAA"} if record_type == "price_observed" else {})}
        fix = {"id": "fix", "type": "correction", "reason": "restated", "corrects": "r1",
               "event": {**record, "effective": "2025-02-28"}}
        for oddity, who in ((o, w) for o in [None, *sorted(ODDITIES)] for w in whos):
            for altered in ("record", "event") if oddity in RECORD_ODDITIES else ("record",):
                states = [encode("record", record, "2026-11-22T06:00:00+00:00", who),
                          encode("correction", fix, "2026-11-22T07:00:00+00:00", who)]
                if oddity is not None:
                    at = 0 if altered == "record" else 1
                    body_of = orjson.loads(states[at])
                    if altered == "event":  # the oddity's record is the replacement
                        inner = {**body_of, "record": body_of["record"]["event"]}
                        body_of["record"]["event"] = ODDITIES[oddity](inner)["record"]
                        states[at] = state_bytes(body_of)
                    elif oddity == "spaced":
                        states[at] = json.dumps(body_of).encode()
                    else:
                        states[at] = state_bytes(ODDITIES[oddity](body_of))
                log = [(1, "s1", states[0]), (2, "s1", states[1])]

                def build(builder_type: type) -> Any:
                    builder = builder_type({"s1": [2]}, "", None)
                    try:
                        return builder(log), builder.company_rows(), builder.known_from
                    except Exception as e:  # noqa: BLE001 - whatever it is, the same one
                        return type(e), str(e)

                assert build(bulk._Decoded) == build(bulk.Rows), (record_type, oddity, altered)
