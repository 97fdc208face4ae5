"""The versions of a company's records visible at a position, with their content, as the
figures roll them (``visible_rows``): what capital, shares, cost and prices read. Apart from
``capital.py`` so that a check that reads them (``reconcile``'s cost and price checks) does
not load the capital computation.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ledger import kinds
from ledger.valueclass import _set

from .figures import Frozen
from .queries import loads


class Row(Frozen):
    """One visible version of a record, with its content (a correction's: the replacement
    event)."""

    __slots__ = ("position", "record_id", "first_position", "type", "effective", "start", "end",
                 "record")
    FIELDS = __slots__

    def __init__(self, position: int, record_id: str, first_position: int, type: str,
                 effective: str, start: str, end: str, record: dict[str, Any]):
        _set(self, "position", position)
        _set(self, "record_id", record_id)
        _set(self, "first_position", first_position)
        _set(self, "type", type)
        _set(self, "effective", effective)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "record", record)

    def brief(self) -> dict[str, Any]:
        return {"id": self.record_id, "type": self.type, "effective": self.effective,
                "sources": self.record.get("sources", []), "position": self.position}


def visible_rows(cur: sqlite3.Cursor, company: str, position: int, *,
                 types: tuple[str, ...] | None = None, category: str | None = None,
                 started_by: str | None = None, ended_by: str | None = None) -> list[Row]:
    """The versions of ``company``'s records visible at ``position`` (each record in its
    latest correction known then; retracted ones left out) of ``types`` or ``category``,
    whose period started by ``started_by`` / ended by ``ended_by``, in the order figures
    roll them (period end, then store order), with their content."""
    where = ["v.company = ?"]
    params: list[Any] = [company]
    if types is not None:
        where.append(f"v.type IN ({','.join('?' * len(types))})")
        params += types
        if category is None:
            # The same rows: each type has one category. Named, the company's index narrows
            # to them instead of walking every row of the company.
            categories = sorted({kinds.category(t) for t in types})
            where.append(f"v.category IN ({','.join('?' * len(categories))})")
            params += categories
    if category is not None:
        where.append("v.category = ?")
        params.append(category)
    if started_by is not None:
        where.append("v.eff_start <= ?")
        params.append(started_by)
    if ended_by is not None:
        where.append("v.eff_end <= ?")
        params.append(ended_by)
    rows = []
    for (pos, record_id, first, type_, effective, start, end, content) in cur.execute(
            "SELECT v.position, v.record_id, v.first_position, v.type, v.effective, "
            "v.eff_start, v.eff_end, l.content FROM rm_versions v "
            "JOIN rm_log l ON l.position = v.position WHERE " + " AND ".join(where)
            + " AND v.position <= ? AND (v.valid_to IS NULL OR v.valid_to > ?) "
            "ORDER BY v.eff_end, v.first_position", (*params, position, position)):
        record = loads(content)
        record = record.get("event", record)  # a correction: its replacement counts
        rows.append(Row(pos, record_id, first, type_, effective, start, end, record))
    return rows
