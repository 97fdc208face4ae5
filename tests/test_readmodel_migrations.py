"""Read-model migrations (projections/schema.py): a ledger made by an earlier version is
brought up to date when it is next opened, and answers exactly as before.

Migration 0002 puts every text column of the read model in byte order on PostgreSQL
(collation "C", as SQLite's BINARY compares); on SQLite it changes nothing."""

from __future__ import annotations

from pathlib import Path

from ledger import api
from ledger.store import Ledger
from projections import schema
from projections.readmodel_names import MIGRATION_NAMES

from .conftest import answers_every_query, is_postgres, raw, read_only_ledger


def read_model_rows(db: str) -> dict[str, list[tuple]]:
    with raw(db) as conn:
        return {table: [tuple(r) for r in conn.execute(
                    f'SELECT * FROM "{table}" ORDER BY 1').fetchall()]
                for table in schema.TABLES}


def text_collations(db: str) -> dict[tuple[str, str], str | None]:
    """(table, column) -> collation of every text column of the read model; on SQLite the
    collation its declaration names (None: BINARY, byte order)."""
    found: dict[tuple[str, str], str | None] = {}
    with raw(db) as conn:
        if is_postgres(db):
            for table, column, collation in conn.conn.execute(
                    "SELECT table_name, column_name, collation_name "
                    "FROM information_schema.columns WHERE table_schema = current_schema() "
                    "AND data_type = 'text' AND table_name LIKE 'rm\\_%'"):
                found[table, column] = collation
        else:
            for table in schema.TABLES:
                for _, column, kind, *_ in conn.execute(f'PRAGMA table_info("{table}")'):
                    if kind == "TEXT":
                        found[table, column] = None
            declared = " ".join(r[0] for r in conn.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name LIKE 'rm\\_%' ESCAPE '\\' "
                "AND sql IS NOT NULL"))
            assert "COLLATE" not in declared.upper()
    return found


def as_before_migration_0002(db: str) -> None:
    """Put the read model back as migration 0001 alone left it: text in the database's
    default collation on PostgreSQL, and 0002 not recorded."""
    with raw(db) as conn:
        if is_postgres(db):
            for table in schema.TABLE_DEFS:
                columns = [name for name, kind in table.columns
                           if kind is str and name not in table.ordered_text]
                conn.conn.execute(f'ALTER TABLE "{table.name}" ' + ", ".join(
                    f'ALTER COLUMN "{c}" TYPE TEXT COLLATE "default"' for c in columns))
        conn.execute(f"DELETE FROM {schema.MIGRATIONS_TABLE} WHERE name = ?",
                     ("0002_text_in_byte_order",))


def applied(db: str) -> list[str]:
    with raw(db) as conn:
        return sorted(r[0] for r in conn.execute(
            f"SELECT name FROM {schema.MIGRATIONS_TABLE}").fetchall())


def test_every_text_column_of_a_new_read_model_is_in_byte_order(seeded):
    collations = text_collations(seeded)
    assert ("rm_log", "record_id") in collations and ("rm_companies", "company") in collations
    expected = "C" if is_postgres(seeded) else None
    assert set(collations.values()) == {expected}
    assert applied(seeded) == sorted(MIGRATION_NAMES)


def test_a_read_model_made_before_migration_0002_is_migrated_when_opened_and_answers_as_before(
        seeded):
    holdings = api.holdings_json(api.holdings(seeded, "MARA", as_of=None))
    rows = read_model_rows(seeded)
    as_before_migration_0002(seeded)
    if is_postgres(seeded):
        assert "C" not in {c for (_, name), c in text_collations(seeded).items()
                           if name == "record_id"}
    assert "0002_text_in_byte_order" not in applied(seeded)
    file_before = None if is_postgres(seeded) else Path(seeded).read_bytes()

    assert api.holdings_json(api.holdings(seeded, "MARA", as_of=None)) == holdings
    if not is_postgres(seeded):
        # 0002 changes nothing here, so it is not needed: neither the query nor opening the
        # ledger writes anything (a read-only ledger made before it still answers every
        # command); a rebuild, which migrates afresh, records it
        Ledger.open(seeded, create=False).close()
        assert Path(seeded).read_bytes() == file_before
        assert "0002_text_in_byte_order" not in applied(seeded)
        with Ledger.open(seeded, create=False) as ledger:
            ledger.rebuild()

    assert applied(seeded) == sorted(MIGRATION_NAMES)
    assert set(text_collations(seeded).values()) == {"C" if is_postgres(seeded) else None}
    assert read_model_rows(seeded) == rows


def test_a_rebuild_keeps_the_read_model_in_byte_order_and_its_indexes(seeded):
    def indexes() -> list[tuple[str, str]]:
        with raw(seeded) as conn:
            if is_postgres(seeded):
                return sorted(conn.conn.execute(
                    "SELECT indexname, indexdef FROM pg_indexes "
                    "WHERE schemaname = current_schema() AND tablename LIKE 'rm\\_%'"))
            return sorted(conn.execute("SELECT name, sql FROM sqlite_master "
                                       "WHERE type = 'index' AND tbl_name LIKE 'rm\\_%' "
                                       "ESCAPE '\\'").fetchall())

    before, rows = indexes(), read_model_rows(seeded)
    assert len(before) >= 6  # the 6 secondary indexes, and primary keys
    with Ledger.open(seeded, create=False) as ledger:
        assert ledger.rebuild() == len(rows["rm_log"])
    assert indexes() == before
    assert set(text_collations(seeded).values()) == {"C" if is_postgres(seeded) else None}
    assert read_model_rows(seeded) == rows


def test_a_read_only_sqlite_ledger_made_before_migration_0002_answers_every_command(caledger):
    with read_only_ledger(caledger, as_before_migration_0002) as (db, cli):
        before = Path(db).read_bytes()
        answers_every_query(cli)
        assert Path(db).read_bytes() == before


def test_a_read_only_ledger_whose_read_model_needs_a_migration_says_so_in_one_line(caledger):
    def without_read_model(db: str) -> None:
        with raw(db) as conn:
            for table in (*schema.TABLES, schema.MIGRATIONS_TABLE):
                conn.execute(f'DROP TABLE "{table}"')

    with read_only_ledger(caledger, without_read_model) as (db, cli):
        before = Path(db).read_bytes()
        for args in (("holdings", "MARA"), ("verify",)):
            done = cli(*args)
            assert done.returncode != 0 and done.stdout == "" and "Traceback" not in done.stderr
            (line,) = done.stderr.splitlines()
            assert line.startswith("error: ") and "can't bring the read model up to date" in line
            assert "read-only" in line, line
        assert Path(db).read_bytes() == before
