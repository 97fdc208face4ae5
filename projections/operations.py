"""A miner's operating figures as of a day D, from its ``operations_reported`` records:

* ``ops.hashrate_ehs`` — a level: the hashrate (energized or installed, which the reason says)
  of the latest report stating one whose period has ended by D (on one end date, the record
  first stored later), as of that period's end: ``disclosed`` on that day, ``derived`` after
  it (carried forward, not stated again: the reason says for which day it was stated and
  how many days it was carried);
* ``ops.blocks_won`` and ``ops.btc_produced`` — counts over a period: those of the report
  whose period ends on D (the longest such period, if several do), naming that period; on
  any other day, or for a period nobody reported, they are not known (never the count of
  another period, never 0). A series row takes the count over its own month, quarter or
  year (``over``): never a longer period's count put in one of its parts.

Each is a ``capital.Trail`` with its status: ``disclosed`` (the reason names the record and its
period), ``derived`` (a hashrate carried forward) or ``not known`` with why."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ledger import kinds

from .capital import Trail
from .versions import Row
from .figures import DERIVED, DISCLOSED, NOT_KNOWN, Status

#: The type of a miner's operating figures (the type table's one ``operations`` type).
(TYPE,) = (t for t in kinds.TYPES if kinds.category(t) == "operations")
#: The figures, their units and what they are (``ops.NAME`` in series).
FIGURES = {"ops.hashrate_ehs": ("EH/s", "hashrate"),
           "ops.blocks_won": ("blocks", "blocks won"),
           "ops.btc_produced": ("BTC", "bitcoin produced")}


@dataclass
class Operations:
    company: str
    as_of: date
    position: int
    trails: dict[str, Trail] = field(default_factory=dict)
    in_progress: list[Row] = field(default_factory=list)

    def value(self, figure: str) -> Decimal | None:
        return self.trails[figure].known_value()

    def status(self, figure: str) -> Status:
        return self.trails[figure].status  # type: ignore[return-value]


def _reports(cur: sqlite3.Cursor, company: str, day: str, position: int) -> list[Row]:
    """The operations reports visible at ``position`` whose periods start on or before
    ``day``, the latest ending first (on one end date, the one first stored later)."""
    rows = []
    for (pos, record_id, first, type_, effective, start, end, content) in cur.execute(
            "SELECT v.position, v.record_id, v.first_position, v.type, v.effective, "
            "v.eff_start, v.eff_end, l.content FROM rm_versions v "
            "JOIN rm_log l ON l.position = v.position WHERE v.company = :c "
            "AND v.category = 'operations' AND v.eff_start <= :d AND v.position <= :p "
            "AND (v.valid_to IS NULL OR v.valid_to > :p) ORDER BY v.eff_end DESC, "
            "v.first_position DESC", {"c": company, "d": day, "p": position}):
        record = json.loads(content)
        rows.append(Row(pos, record_id, first, type_, effective, start, end,
                        record.get("event", record)))
    return rows


def compute(cur: sqlite3.Cursor, company: str, as_of: date, position: int) -> Operations:
    return _compute(company, as_of, position, _reports(cur, company, as_of.isoformat(), position))


def _compute(company: str, as_of: date, position: int, rows: list[Row]) -> Operations:
    """``compute`` on the reports ``_reports`` read for ``as_of``."""
    day = as_of.isoformat()
    result = Operations(company, as_of, position)
    result.in_progress = [r for r in rows if r.end > day]
    ended = [r for r in rows if r.end <= day]
    for figure, (unit, what) in FIGURES.items():
        name = figure.removeprefix("ops.")
        stating = [r for r in ended if name in r.record]
        trail = result.trails[figure] = Trail(figure, unit)
        if name == "hashrate_ehs":
            row = stating[0] if stating else None
        else:  # a count: only for the period ending on the day
            on_day = [r for r in stating if r.end == day]
            row = min(on_day, key=lambda r: r.start) if on_day else None
        if row is None:
            latest = (f" (the latest, for {stating[0].effective}, ended {stating[0].end})"
                      if stating else "")
            trail.status = Status(NOT_KNOWN, (
                f"no report stating {what} for a period ended by {day}" if name ==
                "hashrate_ehs" else f"no report of {what} for a period ending on {day}{latest}"))
            continue
        kind = f" ({row.record['hashrate_kind']})" if name == "hashrate_ehs" else ""
        trail.move("set", Decimal(row.record[name]), row, f"{what}{kind} for {row.effective}")
        if row.end == day:
            trail.status = Status(DISCLOSED, f"{what}{kind} stated for {row.effective} "
                                  f"({row.record_id})")
        else:  # a level stated for an earlier day, carried forward: not stated for this one
            age = (as_of - date.fromisoformat(row.end)).days
            trail.status = Status(DERIVED, f"{what}{kind} stated for {row.end} "
                                  f"({row.effective}, {row.record_id}), carried forward "
                                  f"{age} day{'' if age == 1 else 's'} to {day}: the latest "
                                  "reported by then")
    return result


def to_json(o: Operations) -> dict[str, Any]:
    return {"company": o.company, "as_of": o.as_of.isoformat(), "position": o.position,
            "figures": {name: {"value": None if not t.known else str(t.value), "unit": t.unit,
                               **t.status.to_json()}  # type: ignore[union-attr]
                        for name, t in o.trails.items()},
            "in_progress": [{"id": r.record_id, "effective": r.effective}
                            for r in o.in_progress]}


#: The figures counted over a period (not levels): a series row gives the count of its own
#: period only (``over``).
COUNTS = ("ops.blocks_won", "ops.btc_produced")


def over(cur: sqlite3.Cursor, company: str, start: date, end: date, position: int,
         label: str) -> Operations:
    """The counts (``COUNTS``) over exactly ``start``..``end`` (a series row, ``label``: its
    month, quarter or year), and the hashrate as ``compute`` gives it on ``end``.

    A report of that very period gives its count (``disclosed``); reports whose periods
    follow one another with no gap and together make up the period exactly (three months of
    a quarter) give their sum (``derived``); otherwise the count is not known, saying why:
    a report of a longer period (a quarter's count in a month's row) is never put in one of
    its parts, nor a shorter one's count given as the whole period's, so rows can be summed."""
    first, last = start.isoformat(), end.isoformat()
    rows = _reports(cur, company, last, position)  # read once: for the hashrate and the counts
    result = _compute(company, end, position, rows)
    ended = [r for r in rows if r.end <= last]
    span = f"{label} ({first} to {last})"
    for figure in COUNTS:
        unit, what = FIGURES[figure]
        name = figure.removeprefix("ops.")
        stating = [r for r in ended if name in r.record]
        trail = result.trails[figure] = Trail(figure, unit)
        exact = next((r for r in stating if r.start == first and r.end == last), None)
        if exact is not None:
            trail.move("set", Decimal(exact.record[name]), exact, f"{what} for {exact.effective}")
            trail.status = Status(DISCLOSED, f"{what} stated for {exact.effective} "
                                  f"({exact.record_id})")
            continue
        inside = [r for r in stating if r.start >= first]
        chain = _tiling(inside, first, last)
        if chain:
            for n, r in enumerate(chain):
                trail.move("set" if n == 0 else "add", Decimal(r.record[name]), r,
                           f"{what} for {r.effective}")
            trail.status = Status(DERIVED, f"the sum of {len(chain)} reports of {what} that "
                                  f"make up {span}: " + ", ".join(
                                      f"{r.effective} ({r.record_id})" for r in chain))
            continue
        wider = [r for r in stating if r.start <= first and r.end >= last]
        if wider:
            r = wider[0]
            why = (f"{what} is stated only for {r.effective} as a whole ({r.record[name]} "
                   f"{unit}, {r.record_id}), a longer period than {span}: its part in "
                   f"{label} is not known")
        elif inside:
            why = (f"the reports of {what} within {span}, " + ", ".join(
                f"{r.effective} ({r.record_id})" for r in inside[::-1])
                + f", do not make up the whole of it: the count for {label} is not known")
        else:
            why = f"no report of {what} for {span}"
            across = [r for r in stating if r.end >= first]  # begun before it, ended inside
            if across:
                why += f": {across[0].effective} ({across[0].record_id}) runs across its start"
            elif stating:
                why += f": the latest, for {stating[0].effective}, ended {stating[0].end}"
        trail.status = Status(NOT_KNOWN, why)
    return result


def _tiling(reports: list[Row], first: str, last: str) -> list[Row]:
    """Reports whose periods follow one another with no gap or overlap from ``first`` to
    ``last``, earliest first (the longest period first where several start on one day, and
    of those the one stored later); [] when none do."""
    by_start: dict[str, list[Row]] = {}
    for r in reports:  # latest end first, then stored later first (``_reports``' order)
        by_start.setdefault(r.start, []).append(r)

    def walk(day: str) -> list[Row] | None:
        for r in by_start.get(day, []):
            if r.end == last:
                return [r]
            rest = walk((date.fromisoformat(r.end) + timedelta(days=1)).isoformat())
            if rest is not None:
                return [r, *rest]
        return None

    return walk(first) or []
