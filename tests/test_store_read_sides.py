"""Each store in one place, and the read model's rows and migrations as declared.

- A store's read side (``projections/side.py``: table DDL, bulk load, placeholders, query
  overrides) is given by its adapter: no module of ``projections/`` branches on a store's
  name, and every call into the event store library's private API is in one module per
  store (``ledger/adapters/*_es.py``).
- The rows both projection paths insert are built by one builder (``projections/rows.py``)
  in the column order the tables declare, readable by name (``Table.Row``).
- A migration is a named function that may alter tables: an old read model (here: one
  made before a migration that adds a column, back-fills it and indexes it) is migrated in
  place, has the new shape, and answers exactly as before; a new read model made with the
  same migrations has the same shape.
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from pathlib import Path
from unittest import mock

from ledger import api
from ledger.adapters.base import adapter_types
from ledger.adapters.sqlite_read import NEEDED_MIGRATIONS
from ledger.store import Ledger
from projections import rows, schema
from projections.readmodel_names import MIGRATION_NAMES
from projections.side import named

from .conftest import import_records, is_postgres, raw, seed_record

ROOT = Path(__file__).resolve().parent.parent


# --- each store in one place ------------------------------------------------------------------


def test_no_projection_module_branches_on_a_stores_name():
    names = {adapter.dialect for adapter in adapter_types()}
    for path in sorted((ROOT / "projections").glob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                for operand in (node.left, *node.comparators):
                    assert not (isinstance(operand, ast.Constant) and operand.value in names), \
                        f"{path.name}:{node.lineno} compares with a store's name"
                    assert not (isinstance(operand, ast.Attribute)
                                and operand.attr == "dialect"), \
                        f"{path.name}:{node.lineno} branches on a dialect"


#: The modules of ledger/adapters that belong to one store.
_STORE_MODULES = {path.stem for path in (ROOT / "ledger" / "adapters").glob("*.py")} - {
    "__init__", "base"}


def _outside_the_adapters() -> list[Path]:
    return [path for folder in ("ledger", "projections")
            for path in sorted((ROOT / folder).rglob("*.py"))
            if "adapters" not in path.relative_to(ROOT).parts]


def test_no_module_outside_the_adapters_names_a_stores_driver_or_asks_which_store():
    # What differs by store is asked of the store's adapter (``StoreAdapter``): its files,
    # its driver's errors, whether it records who writes; no generic module imports a
    # store's driver, looks one up by name, or branches on which store a ledger is in.
    names = {adapter.dialect for adapter in adapter_types()}
    for path in _outside_the_adapters():
        shown = path.relative_to(ROOT)
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            modules = ([a.name for a in node.names] if isinstance(node, ast.Import)
                       else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(m.split(".")[0] == "psycopg" for m in modules), \
                f"{shown}:{node.lineno} imports psycopg"
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("adapters"):
                modules += [a.name for a in node.names]
            # One exception: the old name projections.readmodel.SQLiteReadModel, which
            # ledger/integrity.py still imports.
            assert str(shown) == "projections/readmodel.py" or not any(
                m.split(".")[-1] in _STORE_MODULES for m in modules), \
                f"{shown}:{node.lineno} imports one store's module: ask its adapter"
            assert not (isinstance(node, ast.Constant) and node.value == "psycopg"), \
                f"{shown}:{node.lineno} names psycopg"
            assert not (isinstance(node, ast.Attribute) and node.attr in ("is_postgres",
                                                                            "dialect")), \
                f"{shown}:{node.lineno} asks which store a ledger is in"
            if isinstance(node, ast.Compare):
                for operand in (node.left, *node.comparators):
                    assert not (isinstance(operand, ast.Constant) and operand.value in names), \
                        f"{shown}:{node.lineno} compares with a store's name"


def _library_private_names() -> set[str]:
    """The underscore methods of the event store library's recorders and tracking
    recorders (which a new version of the library may change)."""
    import eventsourcing.postgres
    import eventsourcing.sqlite

    found = set()
    for module in (eventsourcing.sqlite, eventsourcing.postgres):
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__ \
                    and "Recorder" in value.__name__:
                found |= {name for cls in value.__mro__
                          if cls.__module__.startswith("eventsourcing") for name in vars(cls)
                          if name.startswith("_") and not name.startswith("__")}
    return found


def test_the_event_store_librarys_private_api_is_used_in_one_module_per_store():
    private = _library_private_names()
    assert {"_insert_events", "_lock_table", "_insert_tracking", "_max_tracking_id"} <= private
    pattern = re.compile(r"(?:\.|def )(" + "|".join(sorted(private)) + r")\b")
    users: dict[str, set[str]] = {}
    for folder in ("ledger", "projections"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            used = set(pattern.findall(path.read_text()))
            if used:
                users[str(path.relative_to(ROOT))] = used
    assert set(users) == {"ledger/adapters/sqlite_es.py", "ledger/adapters/postgres_es.py"}, \
        users


def test_each_store_gives_its_read_side_and_needs_the_migrations_that_change_it():
    for adapter in adapter_types():
        side = adapter.read_side()
        assert side.name == adapter.dialect and named(adapter.dialect) is side
        assert side.bulk.position == side.position
    assert tuple(m.name for m in schema.MIGRATIONS) == MIGRATION_NAMES
    assert tuple(m.name for m in schema.MIGRATIONS
                 if m.changes(named("sqlite"))) == NEEDED_MIGRATIONS
    assert all(m.changes(named("postgresql")) for m in schema.MIGRATIONS)


# --- rows -------------------------------------------------------------------------------------


def test_one_builder_writes_every_row_in_its_tables_declared_columns():
    build = rows.Rows({"s": [3]}, "", None)
    flow = {"id": "f1", "type": "btc_purchased", "company": "TEST", "effective": "2024-Q1",
            "btc": "1.5"}
    anchor = {"id": "a1", "type": "btc_balance_disclosed", "company": "TEST",
              "effective": "2024-03-31", "btc": "10", "loaned": "2"}
    correction = {"id": "c1", "corrects": "f1", "event": {**flow, "btc": "2"}}

    def state(kind: str, record: dict) -> bytes:
        import orjson

        return orjson.dumps({"kind": kind, "record": record,
                             "recorded_at": "2024-04-01T00:00:00Z", "v": 1},
                            option=orjson.OPT_SORT_KEYS)

    log_rows, version_rows = build([(1, "s", state("record", flow)),
                                    (2, "t", state("record", anchor)),
                                    (3, "s", state("correction", correction))])
    log = [schema.RM_LOG.Row._make(r) for r in log_rows]
    versions = [schema.RM_VERSIONS.Row._make(r) for r in version_rows]
    assert [(r.position, r.kind, r.record_id, r.target, r.company) for r in log] == [
        (1, "record", "f1", None, "TEST"), (2, "record", "a1", None, "TEST"),
        (3, "correction", "c1", "f1", "TEST")]
    first, stated, second = versions
    assert (first.category, first.valid_to, first.d_total, first.a_total) == \
        ("flow", 3, 150_000_000, None)
    assert (first.eff_start, first.eff_end) == ("2024-01-01", "2024-03-31")
    assert (stated.category, stated.a_total, stated.a_loaned, stated.a_pledged) == \
        ("anchor", 1_000_000_000, 200_000_000, None)
    assert (second.record_id, second.first_position, second.valid_to, second.d_total) == \
        ("f1", 1, None, 200_000_000)
    (company,) = [schema.RM_COMPANIES.Row._make(r) for r in build.company_rows()]
    assert (company.records, company.first_position, company.last_position,
            company.max_span) == (3, 1, 3, 90)


# --- migrations that alter tables ---------------------------------------------------------------

_ADDS = "0003_companies_amendments"
#: rm_companies as a later version would declare it: one column more, and an index on it.
_COMPANIES = replace(schema.RM_COMPANIES,
                     columns=(*schema.RM_COMPANIES.columns, ("amendments", int)),
                     indexes=((("amendments",), False),),
                     added_by=(("amendments", _ADDS),))


def companies_amendments(m: schema.Migrator) -> None:
    """0003 (in this test only): how many corrections and retractions each company has."""
    m.add_column(_COMPANIES, "amendments")
    m.execute("UPDATE rm_companies SET amendments = (SELECT COUNT(*) FROM rm_log l "
              "WHERE l.company = rm_companies.company AND l.kind <> 'record')")
    m.add_index(_COMPANIES, ("amendments",))


_MIGRATIONS = [*schema.MIGRATIONS, schema.Migration(_ADDS, companies_amendments)]


def _shape(db: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(column, type) of rm_companies, in order, and the names of its indexes."""
    with raw(db) as conn:
        if is_postgres(db):
            columns = [tuple(r) for r in conn.conn.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE "
                "table_schema = current_schema() AND table_name = 'rm_companies' "
                "ORDER BY ordinal_position")]
            indexes = [r[0] for r in conn.conn.execute(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = 'rm_companies' AND indexname LIKE 'idx%' ORDER BY 1")]
        else:
            columns = [(r[1], r[2]) for r in conn.execute("PRAGMA table_info(rm_companies)")]
            indexes = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'rm_companies' AND name LIKE 'idx%' ORDER BY 1")]
    return columns, indexes


def _answers(db: str) -> list:
    return [api.holdings_json(api.holdings(db, "MARA", as_of=as_of))
            for as_of in (None, "2024-12-31", "2025-06-30")]


def test_an_old_read_model_is_altered_in_place_by_a_named_migration_and_answers_as_before(
        seeded):
    purchase = seed_record("mara-2024q4-purchase")
    import_records(seeded, [{"id": "purchase-fix", "type": "correction",
                             "corrects": purchase["id"], "reason": "restated",
                             "event": {**purchase, "btc": "14575"}}])
    answers = _answers(seeded)
    old_columns, old_indexes = _shape(seeded)
    assert [c for c, _ in old_columns] == list(schema.RM_COMPANIES.names) and old_indexes == []
    with raw(seeded) as conn:
        before = {r[0]: tuple(r) for r in conn.execute("SELECT * FROM rm_companies")}
        expected = {company: count for company, count in conn.execute(
            "SELECT company, COUNT(*) FROM rm_log WHERE kind <> 'record' AND company IS NOT NULL "
            "GROUP BY company")}

    with Ledger.open(seeded, create=False) as ledger:
        assert _MIGRATIONS[-1].changes(ledger.adapter.read_side())
        with ledger.readmodel.writing() as (_, cur):
            assert schema.migrate(cur, _MIGRATIONS) == [_ADDS]
        with ledger.readmodel.writing() as (_, cur):
            assert schema.migrate(cur, _MIGRATIONS) == []  # recorded: never applied twice

    columns, indexes = _shape(seeded)
    assert columns[:-1] == old_columns
    assert columns[-1][0] == "amendments" and columns[-1][1].lower() in ("integer", "bigint")
    assert indexes == [schema.index_name("rm_companies", ("amendments",))]
    with raw(seeded) as conn:
        after = {r[0]: tuple(r) for r in conn.execute("SELECT * FROM rm_companies")}
    assert {company: row[:-1] for company, row in after.items()} == before
    assert {company: row[-1] for company, row in after.items()} == \
        {company: expected.get(company, 0) for company in before}
    assert _answers(seeded) == answers

    # A read model made afresh by the same migrations has the same shape, and its rows are
    # loaded by the same inserts (which name their columns).
    with mock.patch.object(schema, "MIGRATIONS", _MIGRATIONS), \
            Ledger.open(seeded, create=False) as ledger:
        ledger.rebuild()
    assert _shape(seeded) == (columns, indexes)
    assert _answers(seeded) == answers


def test_sqlite_read_model_tables_are_made_as_sqlite_utils_makes_them():
    """The SQLite side writes its tables' statements itself (``SQLiteSide.create_table``):
    the same schema, to the character, as sqlite-utils makes from the same declarations."""
    import sqlite3

    import sqlite_utils

    from ledger.adapters.sqlite_read import SIDE
    from projections.sql import Sql

    def schema_of(make) -> list[tuple]:  # noqa: ANN001
        conn = sqlite3.connect(":memory:")
        for table in schema.TABLE_DEFS:
            make(conn, table)
        return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                            "ORDER BY name").fetchall()

    def by_sqlite_utils(conn, table) -> None:  # noqa: ANN001
        db = sqlite_utils.Database(conn, recursive_triggers=False)
        db[table.name].create(dict(table.columns), pk=table.pk)
        for cols, unique in table.indexes:
            db[table.name].create_index(list(cols), index_name=schema.index_name(table.name,
                                                                                 cols),
                                        unique=unique)

    ours = schema_of(lambda conn, table: SIDE.create_table(Sql(conn.cursor(), SIDE), table,
                                                           table.names))
    assert ours == schema_of(by_sqlite_utils)
    assert [row[1] for row in ours if row[0] == "index" and row[3]]  # indexes were compared


def test_an_imports_read_model_rows_many_a_statement_are_the_rows_one_a_statement_gives(
        tmp_path):
    """A first import's rows go into SQLite many a statement (``SQLiteBulk.WRITE_ROWS``) as
    ``INSERT OR ROLLBACK``, each nullable column's stand-in for NULL turned back by a
    ``CASE`` rather than ``NULLIF`` (a function: SQLite would keep a statement journal for
    it): the same rows, NULLs and all, as the one-a-statement insert; and a refused row
    (a position taken) ends the whole write transaction, nothing of it kept."""
    import sqlite3

    from ledger.adapters.sqlite_read import SQLiteSide
    from projections.sql import Sql

    side = SQLiteSide()
    bulk, null = side.bulk, side.bulk.null
    table = schema.RM_VERSIONS
    rows = [(p, f"r-{p}", p, null if p % 3 else p + 7, f"C{p % 5:04d}", "btc_mined",
             "holding", "2024-01-31", "2024-01-31", "2024-01-31", p * 100,
             null, null if p % 2 else -p, p * 100, null, 0, null)
            for p in range(1, 2 * bulk.WRITE_ROWS + 12)]  # two whole statements and a rest
    tables = []
    for name, insert in (("one", bulk.insert), ("many", bulk.insert_in_one_write)):
        db = sqlite3.connect(tmp_path / f"{name}.db", isolation_level=None)
        cur = Sql(db.cursor(), side)
        side.create_table(cur, table, table.names)
        cur.execute("BEGIN")
        insert(cur, table, rows)
        cur.execute("COMMIT")
        tables.append(list(db.execute(f"SELECT * FROM {table.name} ORDER BY position")))
        # A row at a position already taken: the whole transaction is rolled back.
        cur.execute("BEGIN")
        cur.execute(f"DELETE FROM {table.name} WHERE position > 3")
        more = [(p, *row[1:]) for p, row in zip(range(5, 200), rows, strict=False)]
        more[bulk.WRITE_ROWS + 2] = rows[1]  # position 2, kept from the first write
        try:
            insert(cur, table, more)
        except sqlite3.IntegrityError:
            pass
        if name == "many":
            assert not db.in_transaction  # ended by the refused row itself
            assert db.execute(f"SELECT COUNT(*) FROM {table.name}").fetchone() == (len(rows),)
        else:
            db.execute("ROLLBACK")
        db.close()
    one, many = tables
    assert many == one and len(many) == 2 * bulk.WRITE_ROWS + 11
    assert many[0] == (1, "r-1", 1, None, "C0001", "btc_mined", "holding", "2024-01-31",
                       "2024-01-31", "2024-01-31", 100, None, None, 100, None, 0, None)
    assert many[2][3] == 10 and many[1][12] == -2


def test_an_imports_log_rows_with_the_recording_time_bound_once_are_the_rows_in_full(
        tmp_path):
    """``SQLiteBulk.insert_in_one_write`` with ``shared`` columns (an import's recording
    time, the same in every row's ``recorded_at`` and ``known_from``): each row given
    without them, the value bound once a statement; the same rows, NULLs and all, as the
    one-a-statement insert of the rows in full, whole statements and the rest alike."""
    import sqlite3

    from ledger.adapters.sqlite_read import SQLiteSide
    from projections.sql import Sql

    side = SQLiteSide()
    bulk, null = side.bulk, side.bulk.null
    table = schema.RM_LOG
    at = "2026-12-08T00:00:00.000001+00:00"
    rows = [(p, null if p % 4 == 0 else f"r-{p}", "claim" if p % 4 == 0 else "record",
             null if p % 4 == 0 else "btc_mined", null if p % 4 == 0 else f"C{p % 5:04d}",
             f"r-{p - 1}" if p % 4 == 0 else null, at, at, f'{{"id":"r-{p}"}}')
            for p in range(1, 2 * bulk.WRITE_ROWS + 7)]
    tables = []
    for name in ("one", "shared"):
        db = sqlite3.connect(tmp_path / f"{name}.db", isolation_level=None)
        cur = Sql(db.cursor(), side)
        side.create_table(cur, table, table.names)
        cur.execute("BEGIN")
        if name == "one":
            bulk.insert(cur, table, rows)
        else:
            bulk.insert_in_one_write(cur, table, [(*row[:6], row[8]) for row in rows],
                                     {"recorded_at": at, "known_from": at})
        cur.execute("COMMIT")
        tables.append(list(db.execute(f"SELECT * FROM {table.name} ORDER BY position")))
        db.close()
    one, shared = tables
    assert shared == one and len(shared) == 2 * bulk.WRITE_ROWS + 6
    assert shared[3] == (4, None, "claim", None, None, "r-3", at, at, '{"id":"r-4"}')
    assert shared[0] == (1, "r-1", "record", "btc_mined", "C0001", None, at, at,
                         '{"id":"r-1"}')
