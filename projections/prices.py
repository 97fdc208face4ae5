"""Prices as the ledger knows them: the latest close of an asset on or before a day, no older
than a maximum age, over the ``price_observed`` records visible at a store position (filed
under the asset: bitcoin's under ``BTC``, a company's share price under its ticker)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .capital import Row
from .figures import DISCLOSED, NOT_KNOWN, Status

#: How old a close may be, by default, and still stand for a day's price.
MAX_AGE_DAYS = 7

_COLUMNS = ("SELECT v.position, v.record_id, v.first_position, v.type, v.effective, v.eff_start, "
            "v.eff_end, l.content FROM rm_versions v JOIN rm_log l ON l.position = v.position "
            "WHERE v.company = :a AND v.category = 'price' AND v.position <= :p "
            "AND (v.valid_to IS NULL OR v.valid_to > :p) ")


def _row(found: tuple) -> Row:
    pos, record_id, first, type_, effective, start, end, content = found
    record = json.loads(content)
    return Row(pos, record_id, first, type_, effective, start, end, record.get("event", record))


@dataclass(frozen=True)
class Close:
    """The close a figure uses for ``asset`` on ``day``: its record, or None with why."""

    asset: str
    day: date
    row: Row | None
    status: Status

    @property
    def value(self) -> Decimal | None:
        return Decimal(self.row.record["close"]) if self.row is not None else None

    @property
    def date(self) -> str | None:
        return self.row.end if self.row is not None else None

    def to_json(self) -> dict[str, Any]:
        return {"asset": self.asset, "close": None if self.row is None else self.row.record["close"],
                "date": self.date, "record": None if self.row is None else self.row.record_id,
                **self.status.to_json()}


def close(cur: sqlite3.Cursor, asset: str, day: date, position: int,
          max_age_days: int = MAX_AGE_DAYS) -> Close:
    """The latest close of ``asset`` dated on or before ``day`` (two on one date: the record
    first stored later), if it is no more than ``max_age_days`` older than ``day``."""
    found = cur.execute(_COLUMNS + "AND v.eff_end <= :d ORDER BY v.eff_end DESC, "
                        "v.first_position DESC LIMIT 1",
                        {"a": asset, "p": position, "d": day.isoformat()}).fetchone()
    if found is None:
        return Close(asset, day, None, Status(NOT_KNOWN, f"no {asset} price recorded on or "
                                              f"before {day}"))
    row = _row(found)
    age = (day - date.fromisoformat(row.end)).days
    if age > max_age_days:
        return Close(asset, day, None, Status(
            NOT_KNOWN, f"no {asset} price within {max_age_days} days of {day} (the latest, "
            f"{row.record['close']} on {row.end} ({row.record_id}), is {age} days older)"))
    when = "that day" if age == 0 else f"{row.end}, {age} day{'' if age == 1 else 's'} before"
    return Close(asset, day, row, Status(DISCLOSED, f"{asset} close {row.record['close']} on "
                                         f"{when} ({row.record_id})"))


def closes_between(cur: sqlite3.Cursor, asset: str, start: date, end: date, position: int
                   ) -> list[Row]:
    """Every visible close of ``asset`` dated from ``start`` to ``end``, oldest first (two on
    one date: both)."""
    return [_row(r) for r in cur.execute(
        _COLUMNS + "AND v.eff_end >= :s AND v.eff_end <= :d ORDER BY v.eff_end, v.first_position",
        {"a": asset, "p": position, "s": start.isoformat(), "d": end.isoformat()})]
