"""The least time a SQLite rebuild of a ledger's read model can take on this machine.

    .venv/bin/python benchmarks/floor.py LEDGER.db [--narrow]

A rebuild writes every row of ``rm_log`` and ``rm_versions``, builds their indexes and
commits (the commit runs the WAL checkpoint). This does only that, with none of the rest:
the rows LEDGER.db's read model already holds are copied into a fresh database file by
``INSERT INTO ... SELECT *`` between tables of the same definition, which SQLite carries out
by copying each row's stored bytes (its transfer optimisation): no event read, no JSON
parsed, no row built or bound in Python. Then the same secondary indexes are built (those a
rebuild keeps during its load, ``KEPT``, are kept during the copy), and the
transaction commits, with the settings a rebuild uses: WAL, synchronous FULL (the default),
the rebuild's page cache. LEDGER.db is only read.

If this floor is above a target, no change to the rebuild's code reaches the target with
these tables on this machine: only writing less does. ``--narrow`` measures the same
without ``rm_log.content`` (each record's canonical text, a second copy of what the event
holds), to show what a read model without it would start from; the narrow source table is
staged untimed.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from ledger.adapters.sqlite_read import SQLiteBulk  # noqa: E402
from projections import bulk, schema  # noqa: E402

#: The indexes a rebuild keeps while it loads the rows (the rest are built afterwards).
KEPT = bulk.RISING | SQLiteBulk.kept

TABLES = ("rm_log", "rm_versions")


def measure(ledger: str, fresh: str, *, narrow: bool = False) -> dict[str, float]:
    """Seconds per step of copying ``ledger``'s read model into the new file ``fresh``, and
    ``events``: how many events the read model holds (its last position's worth of rows)."""
    conn = sqlite3.connect(f"file:{ledger}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("ATTACH DATABASE ? AS fresh", (fresh,))
        conn.execute("PRAGMA fresh.journal_mode = WAL")
        conn.execute(f"PRAGMA cache_size = -{SQLiteBulk.CACHE_KIB}")
        conn.execute(f"PRAGMA fresh.cache_size = -{SQLiteBulk.CACHE_KIB}")
        events = conn.execute("SELECT COUNT(*) FROM rm_log").fetchone()[0]
        source = {table: f"main.{table}" for table in TABLES}
        drop = "content" if narrow else None
        if narrow:  # the narrow rows, staged untimed in a scratch file of their own
            conn.execute("ATTACH DATABASE ? AS staged", (fresh + ".staged",))
            conn.execute("PRAGMA staged.journal_mode = OFF")
            conn.execute(_create("staged", schema.RM_LOG, drop))
            columns = ", ".join(c for c, _ in schema.RM_LOG.columns if c != drop)
            conn.execute(f"INSERT INTO staged.rm_log SELECT {columns} FROM main.rm_log")
            for cols, unique in schema.RM_LOG.indexes:  # the copy needs the kept one's twin
                if schema.index_name("rm_log", cols) in KEPT:
                    conn.execute(_index("staged", "rm_log", cols, unique))
            source["rm_log"] = "staged.rm_log"
        steps: dict[str, float] = {}

        def step(label: str, statement: str) -> None:
            start = time.perf_counter()
            conn.execute(statement)
            steps[label] = time.perf_counter() - start

        tables = {t.name: t for t in schema.TABLE_DEFS}
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for name in TABLES:
            conn.execute(_create("fresh", tables[name], drop if name == "rm_log" else None))
        for cols, unique in tables["rm_log"].indexes:  # kept during the load, as a rebuild does
            if schema.index_name("rm_log", cols) in KEPT:
                conn.execute(_index("fresh", "rm_log", cols, unique))
        for name in TABLES:
            step(f"copy {name}", f"INSERT INTO fresh.{name} SELECT * FROM {source[name]}")
        for name in TABLES:
            for cols, unique in tables[name].indexes:
                if schema.index_name(name, cols) not in KEPT and drop not in cols:
                    step(f"index {name} ({', '.join(cols)})", _index("fresh", name, cols, unique))
        step("commit (with its WAL checkpoint)", "COMMIT")
        steps["total"] = time.perf_counter() - start
        steps["events"] = events
        return steps
    finally:
        conn.close()


def _create(database: str, table: schema.Table, drop: str | None) -> str:
    """The table as ``schema`` declares it (the column types sqlite-utils gives it)."""
    columns = ", ".join(f'"{name}" {"INTEGER" if kind is int else "TEXT"}'
                        + (" PRIMARY KEY" if name == table.pk else "")
                        for name, kind in table.columns if name != drop)
    return f'CREATE TABLE {database}."{table.name}" ({columns})'


def _index(database: str, table: str, cols: tuple[str, ...], unique: bool) -> str:
    return (f'CREATE {"UNIQUE " if unique else ""}INDEX {database}."'
            f'{schema.index_name(table, cols)}" ON "{table}" ({", ".join(cols)})')


def floor(ledger: str, *, narrow: bool = False) -> dict[str, float]:
    """``measure`` into a scratch directory beside ``ledger`` (the same disk)."""
    with tempfile.TemporaryDirectory(dir=Path(ledger).resolve().parent,
                                     prefix="caledger-floor-") as tmp:
        return measure(ledger, str(Path(tmp) / "fresh.db"), narrow=narrow)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ledger")
    parser.add_argument("--narrow", action="store_true",
                        help="also measure the read model without rm_log.content")
    args = parser.parse_args()
    for narrow in (False, True) if args.narrow else (False,):
        steps = floor(args.ledger, narrow=narrow)
        events = int(steps.pop("events"))
        total = steps.pop("total")
        print(f"{'without rm_log.content' if narrow else 'this read model'}: "
              f"{events:,} events")
        for label, seconds in steps.items():
            print(f"  {label:<62} {seconds:6.2f} s")
        print(f"  {'total':<62} {total:6.2f} s  = {events / total:,.0f} events/s at best")


if __name__ == "__main__":
    main()
