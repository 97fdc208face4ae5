"""Point-in-time bitcoin holdings, computed and explained by one code path.

The rules are the brief's ("Holdings semantics"). For as-of day D and store position P, over
the versions of records visible at P (latest correction known at P, retracted ones left out):

* the total starts from the latest disclosed balance (anchor) dated on or before D — two on
  one date: the record first stored later — and adds every flow whose period ends after the
  anchor's date and on or before D; with no anchor it sums every flow ended by D;
* ``loaned`` and ``pledged`` do the same from the latest anchor that states that bucket;
* ``unencumbered = total - loaned - pledged``;
* a flow whose period contains D but has not ended is *in progress*: listed, never counted;
* a counted flow whose period starts on or before its anchor's date *straddles* the anchor.

``compute`` records every step it takes, so the explanation is the computation itself.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ledger.values import canonical, from_sats

BUCKETS = ("total", "loaned", "pledged")
_ANCHOR_COLUMN = {"total": "a_total", "loaned": "a_loaned", "pledged": "a_pledged"}
_DELTA_COLUMN = {"total": "d_total", "loaned": "d_loaned", "pledged": "d_pledged"}

_VISIBLE = "v.position <= :p AND (v.valid_to IS NULL OR v.valid_to > :p)"
_COLUMNS = (
    "v.position, v.record_id, v.first_position, v.type, v.effective, v.eff_start, v.eff_end, "
    "v.d_total, v.d_loaned, v.d_pledged, v.a_total, v.a_loaned, v.a_pledged, l.content"
)
_COLUMNS_NO_CONTENT = _COLUMNS.replace("l.content", "NULL")


@dataclass
class Entry:
    """One visible version of a record, as the computation uses it."""

    position: int
    record_id: str
    first_position: int
    type: str
    effective: str
    start: str
    end: str
    sats: dict[str, int | None]
    content: str | None  # loaded only for the entries a report shows (see _load_content)

    @classmethod
    def from_row(cls, row: sqlite3.Row | tuple) -> Entry:
        (position, record_id, first_position, type_, effective, start, end,
         d_total, d_loaned, d_pledged, a_total, a_loaned, a_pledged, content) = row
        return cls(position, record_id, first_position, type_, effective, start, end,
                   {"d_total": d_total, "d_loaned": d_loaned, "d_pledged": d_pledged,
                    "a_total": a_total, "a_loaned": a_loaned, "a_pledged": a_pledged}, content)

    def record(self) -> dict[str, Any]:
        """The record's content with the store position this version was recorded at."""
        assert self.content is not None, "content not loaded"
        data = json.loads(self.content)
        if "event" in data:  # a correction: the replacement is what counts
            data = {**data["event"], "id": self.record_id, "corrected_by": data["id"]}
        return {**data, "position": self.position}


@dataclass(frozen=True)
class Step:
    """One move of a running figure: where it started, or a flow added or subtracted."""

    bucket: str
    action: str          # "anchor" | "start" | "add" | "subtract"
    amount: Decimal
    running: Decimal
    entry: Entry | None  # None for a start from zero with no anchor
    straddles: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"bucket": self.bucket, "action": self.action,
                               "amount": canonical(self.amount), "running": canonical(self.running)}
        if self.entry is not None:
            record = self.entry.record()
            out["record"] = {k: record[k] for k in ("id", "type", "effective", "sources", "position")
                             if k in record}
        if self.straddles:
            out["straddles_anchor"] = True
        return out


@dataclass
class Holdings:
    company: str
    as_of: date
    position: int
    known_at: str | None = None
    head_hash: str | None = None
    total: Decimal = Decimal(0)
    loaned: Decimal = Decimal(0)
    pledged: Decimal = Decimal(0)
    anchors: dict[str, Entry | None] = field(default_factory=dict)
    steps: dict[str, list[Step]] = field(default_factory=dict)
    in_progress: list[Entry] = field(default_factory=list)
    straddling: list[Entry] = field(default_factory=list)

    @property
    def unencumbered(self) -> Decimal:
        return self.total - self.loaned - self.pledged

    @property
    def anchor(self) -> Entry | None:
        return self.anchors.get("total")

    def figure(self, name: str) -> Decimal:
        return {"btc.total": self.total, "btc.loaned": self.loaned, "btc.pledged": self.pledged,
                "btc.unencumbered": self.unencumbered}[name]


def _anchors(cur: sqlite3.Cursor, company: str, as_of: str, position: int):
    return cur.execute(
        f"SELECT {_COLUMNS} FROM rm_versions v JOIN rm_log l ON l.position = v.position "
        f"WHERE v.company = :c AND v.category = 'anchor' AND v.eff_end <= :d AND {_VISIBLE} "
        "ORDER BY v.eff_end DESC, v.first_position DESC",
        {"c": company, "d": as_of, "p": position},
    )


#: On PostgreSQL, where each query is a network round trip, the flows come in one statement
#: with their content and with the company's longest period looked up inside it.
_FLOWS_PG = (
    f"SELECT {_COLUMNS} FROM rm_versions v JOIN rm_log l ON l.position = v.position "
    "WHERE v.company = :c AND v.category = 'flow' AND v.eff_end > :a "
    # clamped to the last day a stored period can name (text order is date order up to it)
    "AND v.eff_end <= to_char(LEAST(CAST(CAST(:d AS TEXT) AS DATE) + COALESCE((SELECT "
    "max_span FROM rm_companies WHERE company = :c), 0)::integer, DATE '9999-12-31'), "
    "'YYYY-MM-DD') "
    "AND v.eff_start <= :d AND v.position <= :p AND (v.valid_to IS NULL OR v.valid_to > :p) "
    "ORDER BY v.eff_end, v.first_position"
)


def _flows(cur: sqlite3.Cursor, company: str, after: str, as_of: date, position: int):
    """Flows ending after ``after`` that have started by ``as_of``: those ending by then are
    counted, the rest are in progress; an in-progress flow ends no later than as_of plus the
    company's longest period, which bounds the scan."""
    if getattr(cur, "dialect", "sqlite") == "postgresql":
        return cur.execute(_FLOWS_PG, {"c": company, "a": after, "d": as_of.isoformat(),
                                       "p": position})
    row = cur.execute("SELECT max_span FROM rm_companies WHERE company = ?",
                      (company,)).fetchone()
    span = row[0] if row and row[0] else 0
    # A record stored by a version that accepted any year may end near the calendar's end.
    until = (as_of + timedelta(days=span) if span < (date.max - as_of).days
             else date.max).isoformat()
    return cur.execute(
        f"SELECT {_COLUMNS_NO_CONTENT} FROM rm_versions v WHERE v.company = :c "
        "AND v.category = 'flow' AND v.eff_end > :a AND v.eff_end <= :u "
        f"AND v.eff_start <= :d AND {_VISIBLE} ORDER BY v.eff_end, v.first_position",
        {"c": company, "a": after, "u": until, "d": as_of.isoformat(), "p": position},
    )


def _load_content(cur: sqlite3.Cursor, entries: list[Entry]) -> None:
    missing = {e.position: e for e in entries if e.content is None}
    positions = list(missing)
    for i in range(0, len(positions), 500):
        chunk = positions[i:i + 500]
        for position, content in cur.execute(
                f"SELECT position, content FROM rm_log WHERE position IN "
                f"({','.join('?' * len(chunk))})", chunk):
            missing[position].content = content


def compute(cur: sqlite3.Cursor, company: str, as_of: date, position: int) -> Holdings:
    """Holdings of ``company`` as of ``as_of``, over the records visible at ``position``."""
    day = as_of.isoformat()
    result = Holdings(company=company, as_of=as_of, position=position)

    # The latest anchor for each bucket: walk anchors newest first until all are found.
    anchors: dict[str, Entry | None] = {bucket: None for bucket in BUCKETS}
    for row in _anchors(cur, company, day, position):
        entry = Entry.from_row(row)
        for bucket in BUCKETS:
            if anchors[bucket] is None and entry.sats[_ANCHOR_COLUMN[bucket]] is not None:
                anchors[bucket] = entry
        if all(anchors.values()):
            break
    result.anchors = anchors

    running: dict[str, int] = {}
    for bucket in BUCKETS:
        anchor = anchors[bucket]
        if anchor is None:
            running[bucket] = 0
            result.steps[bucket] = [Step(bucket, "start", Decimal(0), Decimal(0), None)]
        else:
            sats = anchor.sats[_ANCHOR_COLUMN[bucket]] or 0
            running[bucket] = sats
            result.steps[bucket] = [Step(bucket, "anchor", from_sats(sats), from_sats(sats), anchor)]

    dates = [a.end for a in anchors.values() if a is not None]
    lower = min(dates) if len(dates) == len(BUCKETS) else ""
    straddling: dict[int, Entry] = {}
    for row in _flows(cur, company, lower, as_of, position):
        entry = Entry.from_row(row)
        if entry.end > day:
            result.in_progress.append(entry)
            continue
        for bucket in BUCKETS:
            delta = entry.sats[_DELTA_COLUMN[bucket]]
            anchor = anchors[bucket]
            if not delta or (anchor is not None and entry.end <= anchor.end):
                continue
            straddles = anchor is not None and entry.start <= anchor.end
            if straddles:
                straddling[entry.position] = entry
            running[bucket] += delta
            result.steps[bucket].append(Step(
                bucket, "add" if delta > 0 else "subtract", from_sats(abs(delta)),
                from_sats(running[bucket]), entry, straddles))
    result.straddling = list(straddling.values())
    _load_content(cur, [*result.in_progress, *(s.entry for steps in result.steps.values()
                                                for s in steps if s.entry is not None)])
    result.total = from_sats(running["total"])
    result.loaned = from_sats(running["loaned"])
    result.pledged = from_sats(running["pledged"])
    return result
