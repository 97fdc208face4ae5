"""Prices as the ledger knows them: the latest close of an asset on or before a day, no older
than a maximum age, over the ``price_observed`` records visible at a store position (filed
under the asset: bitcoin's under ``BTC``, a company's share price under its ticker)."""

from __future__ import annotations

import sqlite3
from bisect import bisect_left, bisect_right
from datetime import date
from decimal import Decimal
from typing import Any

from ledger import kinds
from ledger.valueclass import _set

from .figures import DERIVED, DISCLOSED, NOT_KNOWN, Frozen, Status
from .queries import loads
from .versions import Row

#: How old a close may be, by default, and still stand for a day's price.
MAX_AGE_DAYS = 7

_COLUMNS = ("SELECT v.position, v.record_id, v.first_position, v.type, v.effective, v.eff_start, "
            "v.eff_end, l.content FROM rm_versions v JOIN rm_log l ON l.position = v.position "
            "WHERE v.company = :a AND v.category = 'price' AND v.position <= :p "
            "AND (v.valid_to IS NULL OR v.valid_to > :p) ")


def _row(found: tuple) -> Row:
    pos, record_id, first, type_, effective, start, end, content = found
    record = loads(content)
    return Row(pos, record_id, first, type_, effective, start, end, record.get("event", record))


class Close(Frozen):
    """The close a figure uses for ``asset`` on ``day``: its record, or None with why."""

    __slots__ = ("asset", "day", "row", "status")
    FIELDS = __slots__

    def __init__(self, asset: str, day: date, row: Row | None, status: Status):
        _set(self, "asset", asset)
        _set(self, "day", day)
        _set(self, "row", row)
        _set(self, "status", status)

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


def _grouped(amount: str) -> str:
    """An amount in a reason, grouped as the text outputs show figures (``90,266.33``)."""
    return f"{Decimal(amount):,f}"


def close(cur: sqlite3.Cursor, asset: str, day: date, position: int,
          max_age_days: int = MAX_AGE_DAYS) -> Close:
    """The latest close of ``asset`` dated on or before ``day`` (two on one date: the record
    first stored later), if it is no more than ``max_age_days`` older than ``day``."""
    # The latest few: the ones of the same date as the latest, for ``_conflict``.
    latest = cur.execute(_COLUMNS + "AND v.eff_end <= :d ORDER BY v.eff_end DESC, "
                         f"v.first_position DESC LIMIT {_SAME_DAY}",
                         {"a": asset, "p": position, "d": day.isoformat()}).fetchall()
    if not latest:
        return Close(asset, day, None, Status(NOT_KNOWN, f"no {asset} price recorded on or "
                                              f"before {day}"))
    row = _row(latest[0])
    conflict = _conflict(row, [_row(r) for r in latest[1:] if r[6] == row.end])
    age = (day - date.fromisoformat(row.end)).days
    if age > max_age_days:
        return Close(asset, day, None, Status(
            NOT_KNOWN, f"no {asset} price within {max_age_days} days of {day} (the latest, "
            f"{_grouped(row.record['close'])} on {row.end} ({row.record_id}), is {age} days "
            "older)"))
    if age == 0:
        return Close(asset, day, row, Status(
            DISCLOSED, f"{asset} close {_grouped(row.record['close'])} on that day "
                       f"({row.record_id}){conflict}"))
    # A close of an earlier day, carried forward to this one: not stated for it.
    return Close(asset, day, row, Status(
        DERIVED, f"{asset} close {_grouped(row.record['close'])} on {row.end}, {age} "
                 f"day{'' if age == 1 else 's'} before ({row.record_id}), carried forward to {day}"
                 f"{conflict}"))


#: How many closes of one date ``close`` reads to name those that disagree with the one used.
_SAME_DAY = 8


def _conflict(used: Row, others: list[Row]) -> str:
    """The words a close's reason adds when other closes of its asset and date, stored
    earlier, differ from it: the one stored later is used (as of two disclosed balances of
    one date), and each other is named, so no figure silently rests on a choice between
    sources; ``reconcile`` lists the conflict (``conflicts``)."""
    value = Decimal(used.record["close"])
    differ = sorted((r for r in others if Decimal(r.record["close"]) != value),
                    key=lambda r: r.first_position)
    if not differ:
        return ""
    named = ", ".join(f"{_grouped(r.record['close'])} ({r.record_id})" for r in differ)
    return (f"; conflicting close{'s' if len(differ) > 1 else ''} of that date stored earlier: "
            f"{named}; the close stored later is used (reconcile lists the conflict; retract "
            "the wrong one)")


def conflicts(cur: sqlite3.Cursor, assets: tuple[str, ...], position: int
              ) -> list[dict[str, Any]]:
    """Each date on which the visible closes of one of ``assets`` disagree: the asset, the
    date, the close used (the one stored later) and each close of that date, with its
    record and sources (``reconcile``'s ``price_conflicts``)."""
    out = []
    for asset in assets:
        days = [r[0] for r in cur.execute(
            "SELECT v.eff_end FROM rm_versions v WHERE v.company = :a AND v.category = 'price' "
            "AND v.position <= :p AND (v.valid_to IS NULL OR v.valid_to > :p) "
            "GROUP BY v.eff_end HAVING COUNT(*) > 1 ORDER BY v.eff_end",
            {"a": asset, "p": position})]
        for day in days:
            rows = [_row(r) for r in cur.execute(
                _COLUMNS + "AND v.eff_end = :d ORDER BY v.first_position",
                {"a": asset, "p": position, "d": day})]
            if len({Decimal(r.record["close"]) for r in rows}) < 2:
                continue  # two sources agreeing
            out.append({"asset": asset, "date": day, "used": rows[-1].record_id,
                        "closes": [{"id": r.record_id, "close": r.record["close"],
                                    "sources": r.record.get("sources", [])} for r in rows]})
    return out


def closes_between(cur: sqlite3.Cursor, asset: str, start: date, end: date, position: int
                   ) -> list[Row]:
    """Every visible close of ``asset`` dated from ``start`` to ``end``, oldest first (two on
    one date: both)."""
    return [_row(r) for r in cur.execute(
        _COLUMNS + "AND v.eff_end >= :s AND v.eff_end <= :d ORDER BY v.eff_end, v.first_position",
        {"a": asset, "p": position, "s": start.isoformat(), "d": end.isoformat()})]


class _Closes:
    """``closes_between`` for each row's period: the BTC closes over all the rows' periods
    read once and sliced by bisection when they are few beside the rows (none at all in a
    ledger without prices), else one query per row."""

    def __init__(self, cur: sqlite3.Cursor, rows: list[Any], position: int):
        self.cur, self.position, self.closes = cur, position, None
        if rows:
            span = {"a": "BTC", "p": position, "s": min(r.start for r in rows),
                    "d": max(r.end for r in rows)}
            (count,) = cur.execute(
                "SELECT COUNT(*) FROM rm_versions v WHERE v.company = :a "
                "AND v.category = 'price' AND v.position <= :p "
                "AND (v.valid_to IS NULL OR v.valid_to > :p) "
                "AND v.eff_end >= :s AND v.eff_end <= :d", span).fetchone()
            if count <= 4 * len(rows):
                self.closes = closes_between(cur, "BTC", date.fromisoformat(span["s"]),
                                             date.fromisoformat(span["d"]), position)
                self.ends = [c.end for c in self.closes]

    def __call__(self, row: Any) -> list[Row]:
        if self.closes is None:
            return closes_between(self.cur, "BTC", date.fromisoformat(row.start),
                                  date.fromisoformat(row.end), self.position)
        return self.closes[bisect_left(self.ends, row.start):bisect_right(self.ends, row.end)]


#: How far outside the period's low and high an implied price may be before reconcile flags it.
TOLERANCE = Decimal("0.2")


def reconcile_implied(cur: sqlite3.Cursor, company: str, position: int, *,
                      already: list[Any] | None = None) -> list[dict[str, Any]]:
    """Each purchase's and sale's implied price per BTC (``usd`` ÷ ``btc``) against the BTC
    closes recorded over its effective period: flagged when below the period's low or above
    its high by more than ``TOLERANCE`` (a wrong digit in a stated amount). A record without
    ``usd``, or whose period has no recorded close, can't be checked and says so."""
    from ledger.values import canonical

    from . import cost

    checked = kinds.checked_by("prices")
    rows = [row for row in (cost.rows(cur, company, position) if already is None else already)
            if row.type in checked and "usd" in row.record]
    closes_of = _Closes(cur, rows, position)
    out = []
    for row in rows:
        btc, usd = Decimal(row.record["btc"]), Decimal(row.record["usd"])
        implied = (usd / btc).quantize(Decimal("0.01"))
        closes = closes_of(row)
        line: dict[str, Any] = {
            "id": row.record_id, "type": row.type, "effective": row.effective,
            "sources": row.record.get("sources", []), "btc": row.record["btc"],
            "usd": row.record["usd"], "implied_price": canonical(implied),
            "closes": len(closes)}
        if not closes:
            line.update(low=None, high=None, within=None,
                        why=f"no BTC close recorded from {row.start} to {row.end}")
            out.append(line)
            continue
        low = min(Decimal(c.record.get("low", c.record["close"])) for c in closes)
        high = max(Decimal(c.record.get("high", c.record["close"])) for c in closes)
        floor, ceiling = low * (1 - TOLERANCE), high * (1 + TOLERANCE)
        within = floor <= implied <= ceiling
        line.update(low=canonical(low), high=canonical(high), within=within)
        if not within:
            side = "below the low" if implied < floor else "above the high"
            edge = low if implied < floor else high
            line["why"] = (f"{canonical(implied)} USD per BTC is {side} of {canonical(edge)} "
                           f"by {canonical(((implied - edge) / edge * 100).quantize(Decimal('0.1')))}"
                           f"%; check the usd and btc amounts")
        out.append(line)
    return out
