"""Read-model tables, created by numbered migrations recorded in the database.

The read side lives beside the event store in the same SQLite file, so a batch of projected
events and the tracked store position commit in one transaction (exactly once).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

import sqlite_utils

MIGRATIONS_TABLE = "readmodel_migrations"

#: Every read-model table, so ``rebuild`` can drop exactly these and nothing else.
TABLES = ("rm_log", "rm_versions", "rm_companies")


def _0001_log_versions_companies(db: sqlite_utils.Database) -> None:
    # One row per stored record (original, correction or retraction), in store order.
    db["rm_log"].create(
        {
            "position": int,       # the store's notification id: the known axis
            "record_id": str,      # the caller's id, unique across the ledger
            "kind": str,           # record | correction | retraction
            "type": str,           # the record type (of the replacement, for corrections)
            "company": str,
            "target": str,         # the amended record, for corrections and retractions
            "recorded_at": str,    # the writer's clock, ISO 8601 UTC
            "known_from": str,     # running max of recorded_at in store order: monotonic
            "content": str,        # the record's canonical JSON
        },
        pk="position",
    )
    db["rm_log"].create_index(["record_id"], unique=True)
    db["rm_log"].create_index(["company", "position"])
    db["rm_log"].create_index(["known_from", "position"])
    db["rm_log"].create_index(["target"])
    # One row per version of a record's content, valid over [position, valid_to) of the
    # known axis. Amounts are integers in the smallest unit (satoshis), summed exactly.
    db["rm_versions"].create(
        {
            "position": int,        # where this content was recorded
            "record_id": str,       # the original record it is a version of
            "first_position": int,  # where the original was recorded (tie-break for anchors)
            "valid_to": int,        # position that superseded or retracted it; NULL if current
            "company": str,
            "type": str,
            "category": str,        # flow | anchor | change | capital
            "effective": str,
            "eff_start": str,
            "eff_end": str,
            "d_total": int,
            "d_loaned": int,
            "d_pledged": int,
            "a_total": int,
            "a_loaned": int,
            "a_pledged": int,
            "change": int,
        },
        pk="position",
    )
    db["rm_versions"].create_index(["company", "category", "eff_end"])
    db["rm_versions"].create_index(["record_id"])
    db["rm_companies"].create(
        {"company": str, "records": int, "first_position": int, "last_position": int},
        pk="company",
    )


MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = [
    ("0001_log_versions_companies", _0001_log_versions_companies),
]


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply every migration not yet recorded; return the names applied."""
    db[MIGRATIONS_TABLE].create({"name": str, "applied_at": str}, pk="name", if_not_exists=True)
    applied = {row["name"] for row in db[MIGRATIONS_TABLE].rows}
    done = []
    for name, step in MIGRATIONS:
        if name in applied:
            continue
        step(db)
        db[MIGRATIONS_TABLE].insert(
            {"name": name, "applied_at": datetime.now(timezone.utc).isoformat()}
        )
        done.append(name)
    return done


def drop(db: sqlite_utils.Database) -> None:
    """Drop every read-model table and the record of their migrations."""
    for table in (*TABLES, MIGRATIONS_TABLE):
        db[table].drop(ignore=True)
