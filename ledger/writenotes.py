"""Remarks on what a write stores: nothing refused, but what looks typed wrong said where it
is typed (on stderr, and under its own key in the write's ``--json`` report).

- ``possible_duplicates``: a record with the same company, type, effective period, figures
  (every field of its type: amounts, target, metric, ...) and a cited document and line in
  common with a record stored under another id, or with another record of the same write
  (the same disclosure recorded twice is counted twice);
- ``overlapping_flows``: a record of a type that adds up (a bitcoin flow, shares issued or
  bought back) whose period overlaps, without being the same, the period of a record of the
  same company and type citing the same document, stored or in the same write (a month's
  production and the quarter to date that contains it: both count the month);
- ``future_dated``: a record whose effective period starts after today (UTC), or after its
  own ``disclosed`` date (a document can't report what had not begun when it was published);
- ``check_units``: a figure whose size suggests the wrong unit: a ``btc_yield`` above 10
  (1,000%: a yield is a ratio, "0.25" for 25%) or below -1, and a close more than
  ``PRICE_FACTOR`` times above or below every close beside it (the two before and the two
  after it among this write's and the stored closes of that asset; with nothing beside it,
  nothing to say).

Cheap by construction: the records' own content, and the read model's rows of only the
companies, periods and assets the write touches (indexed look-ups, as it was before the
write). A write of more than ``LIMIT`` records is not checked (each key None: run
``caledger reconcile``), so a large import keeps its speed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

#: A write of more records than this is not checked (its notes' keys are None).
LIMIT = 2_000
#: A close this many times above or below each of its neighbours is remarked on.
PRICE_FACTOR = Decimal(5)
#: A BTC yield (a ratio) above this, or below -1, is remarked on.
YIELD_MAX = Decimal(10)
#: At most this many of each kind are named on stderr; the JSON lists them all.
SHOWN = 12
KEYS = ("possible_duplicates", "future_dated", "check_units", "overlapping_flows")

#: Fields that don't make two records of one disclosure different.
_NOT_FIGURES = frozenset({"id", "note", "disclosed", "sources"})

_CURRENT = ("SELECT v.record_id, l.content FROM rm_versions v "
            "JOIN rm_log l ON l.position = v.position WHERE v.company = :c "
            "AND v.category = :k AND v.position <= :p "
            "AND (v.valid_to IS NULL OR v.valid_to > :p) ")


def none() -> dict[str, Any]:
    """Nothing checked (a write past ``LIMIT``, or one the read model can't answer)."""
    return dict.fromkeys(KEYS)


def empty() -> dict[str, Any]:
    return {key: [] for key in KEYS}


def records_of(contents: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records a write stores: each original, and each correction's replacement (with
    the corrected record's id); retractions have none."""
    out = []
    for content in contents:
        kind = content.get("type")
        if kind == "correction":
            out.append(content["event"])
        elif kind != "retraction":
            out.append(content)
    return out


def check(readmodel: Any, contents: Iterable[dict[str, Any]], position: int | None,
          today: date | None = None) -> dict[str, Any]:
    """The notes on ``contents`` (canonical contents of a write's records), against the
    read model as it was at ``position`` (None: as it is). Never raises: a remark never
    fails the write it follows (everything None when it can't be made)."""
    try:
        records = []
        for content in contents:
            records.append(content)
            if len(records) > LIMIT:
                return none()
        records = records_of(records)
        from .days import today as utc_today

        found = empty()
        found["future_dated"] = future_dated(records, today or utc_today())
        yields = [r for r in records if r.get("type") == "kpi_disclosed"]
        found["check_units"] = implausible_yields(yields)
        if readmodel is None:
            found["possible_duplicates"] = duplicates(None, records, 0)
            found["check_units"] += implausible_closes(None, records, 0)
            found["overlapping_flows"] = overlapping(None, records, 0)
            return found
        with readmodel.reading() as cur:
            at = readmodel.position() if position is None else position
            found["possible_duplicates"] = duplicates(cur, records, at)
            found["check_units"] += implausible_closes(cur, records, at)
            found["overlapping_flows"] = overlapping(cur, records, at)
        return found
    except Exception:  # noqa: BLE001 - a remark never fails the write it follows
        return none()


# --- the same disclosure twice --------------------------------------------------------------


def _figures(record: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((k, v) for k, v in record.items()
                        if k not in _NOT_FIGURES and not isinstance(v, (list, dict))))


def _cited(record: dict[str, Any]) -> set[tuple[str, int]]:
    return {(s.get("document"), s.get("line")) for s in record.get("sources") or ()}


def duplicates(cur: Any, records: list[dict[str, Any]], position: int
               ) -> list[dict[str, Any]]:
    """Each record with a twin (``same_as``): stored under another id, or earlier in the
    same write. Looked up by (figures, document, line): one pass, whatever the write."""
    from . import kinds
    from .values import parse_period

    found: list[dict[str, Any]] = []
    seen: dict[tuple[Any, ...], str] = {}  # (figures, document, line) -> id, this write's
    ids = {r["id"] for r in records}
    #: (company, category, period end) -> (figures, document, line) -> id, stored records
    stored: dict[tuple[str, str, str], dict[tuple[Any, ...], str]] = {}
    for record in records:
        figures = _figures(record)
        keys = [(figures, *line) for line in _cited(record)]
        twin = next((seen[k] for k in keys if seen.get(k, record["id"]) != record["id"]),
                    None)
        for k in keys:
            seen.setdefault(k, record["id"])
        if twin is None and cur is not None:
            key = (record["company"], kinds.category(record["type"]),
                   parse_period(record["effective"]).end.isoformat())
            if key not in stored:
                rows: dict[tuple[Any, ...], str] = {}
                for _, content in cur.execute(_CURRENT + "AND v.eff_end = :e", {
                        "c": key[0], "k": key[1], "e": key[2], "p": position}).fetchall():
                    row = _current(content)
                    if row.get("id") in ids:
                        continue
                    row_figures = _figures(row)
                    for line in _cited(row):
                        rows.setdefault((row_figures, *line), row.get("id"))
                stored[key] = rows
            twin = next((stored[key][k] for k in keys if k in stored[key]), None)
        if twin is not None:
            found.append({"id": record["id"], "same_as": twin, "company": record["company"],
                          "type": record["type"], "effective": record["effective"]})
    return found


def _current(content: Any) -> dict[str, Any]:
    from projections.queries import loads

    record = loads(content)
    return record.get("event", record) if isinstance(record, dict) else {}


# --- one document's flows over overlapping periods -------------------------------------------


def _documents(record: dict[str, Any]) -> set[str]:
    return {s.get("document") for s in record.get("sources") or () if s.get("document")}


def _counted() -> frozenset[str]:
    """The types whose figures add up over time: a bitcoin flow, a change to basic shares."""
    from . import kinds

    return frozenset(t for t, k in kinds.KINDS.items() if k.category == "flow" or k.share_effect)


def overlapping(cur: Any, records: list[dict[str, Any]], position: int
                ) -> list[dict[str, Any]]:
    """Each record of a type that adds up whose period overlaps, and is not the same as, the
    period of another record of its company and type citing one of its documents: stored
    (current at ``position``), or elsewhere in the same write (named on the later one)."""
    from . import kinds
    from .values import parse_period

    counted = _counted()
    found: list[tuple[int, dict[str, Any]]] = []
    ids = {r["id"] for r in records}
    #: (company, type, document) -> this write's (start, end, order, record)
    mine: dict[tuple[str, str, str], list[tuple[Any, Any, int, dict[str, Any]]]] = {}

    def note(order: int, record: dict[str, Any], other: str, effective: str,
             document: str) -> None:
        found.append((order, {"id": record["id"], "overlaps": other,
                              "company": record["company"], "type": record["type"],
                              "effective": record["effective"], "other_effective": effective,
                              "document": document}))

    for order, record in enumerate(records):
        kind = record.get("type")
        documents = _documents(record)
        if kind not in counted or not documents:
            continue
        period = parse_period(record["effective"])
        for document in documents:
            mine.setdefault((record["company"], kind, document), []).append(
                (period.start, period.end, order, record))
        if cur is None:
            continue
        for other, content in cur.execute(
                _CURRENT + "AND v.type = :t AND v.eff_end >= :s AND v.eff_start <= :e", {
                    "c": record["company"], "k": kinds.category(kind), "t": kind,
                    "s": period.start.isoformat(), "e": period.end.isoformat(),
                    "p": position}).fetchall():
            if other in ids:
                continue
            row = _current(content)
            common = documents & _documents(row)
            if row.get("type") != kind or not row.get("effective") or not common:
                continue
            theirs = parse_period(row["effective"])
            if (theirs.start, theirs.end) != (period.start, period.end):
                note(order, record, other, row["effective"], sorted(common)[0])
    seen: set[tuple[str, str]] = set()
    for (_, _, document), spans in mine.items():
        spans.sort(key=lambda x: (x[0], x[2]))
        for i, (start, end, order, record) in enumerate(spans):
            for start2, end2, order2, record2 in spans[i + 1:]:
                if start2 > end:
                    break
                if (start, end) == (start2, end2) or record["id"] == record2["id"]:
                    continue
                (o, later), earlier = ((order2, record2), record) if order2 > order \
                    else ((order, record), record2)
                if (later["id"], earlier["id"]) not in seen:
                    seen.add((later["id"], earlier["id"]))
                    note(o, later, earlier["id"], earlier["effective"], document)
    return [entry for _, entry in sorted(found, key=lambda x: x[0])]


# --- dated after today or after its own publication -----------------------------------------


def future_dated(records: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """Each record whose period starts after ``today``, or after its ``disclosed`` date."""
    from .values import parse_period

    found = []
    for record in records:
        start = parse_period(record["effective"]).start
        if start > today:
            found.append({"id": record["id"], "effective": record["effective"],
                          "after": "today", "day": today.isoformat()})
        disclosed = record.get("disclosed")
        if disclosed and start > date.fromisoformat(disclosed):
            found.append({"id": record["id"], "effective": record["effective"],
                          "after": "disclosed", "day": disclosed})
    return found


# --- implausible units -------------------------------------------------------------------------


def implausible_yields(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for record in records:
        if record.get("metric") != "btc_yield":
            continue
        value = Decimal(record["value"])
        if value > YIELD_MAX or value < -1:
            found.append({"id": record["id"], "field": "value", "value": record["value"],
                          "why": f"a BTC yield of {_percent(value)} (a yield is a ratio: "
                                 '"0.25" for 25%)'})
    return found


def _percent(ratio: Decimal) -> str:
    return f"{(ratio * 100).normalize():,f}%"


def implausible_closes(cur: Any, records: list[dict[str, Any]], position: int
                       ) -> list[dict[str, Any]]:
    """Each new close more than ``PRICE_FACTOR`` times above or below every close beside it
    (the two nearest before and after it, among this write's and the stored closes): a
    close next to one typed wrong still has a sound one beside it."""
    new: dict[str, dict[str, dict[str, Any]]] = {}
    for record in records:
        if record.get("type") == "price_observed":
            new.setdefault(record["company"], {})[record["effective"]] = record
    found = []
    for asset, by_day in sorted(new.items()):
        days = sorted(by_day)
        closes = {day: by_day[day]["close"] for day in days}
        if cur is not None:
            ids = {r["id"] for r in by_day.values()}
            for day, close in _stored_beside(cur, asset, days[0], days[-1], position, ids):
                closes.setdefault(day, close)
        ordered = sorted(closes)
        index = {day: i for i, day in enumerate(ordered)}
        for day in days:
            i = index[day]
            beside = ordered[max(0, i - 2):i] + ordered[i + 1:i + 3]
            try:
                close = Decimal(closes[day])
                far = [b for b in beside if _far(close, Decimal(closes[b]))]
            except (InvalidOperation, ZeroDivisionError):
                continue
            if beside and len(far) == len(beside):
                near = min(far, key=lambda b: abs(date.fromisoformat(b)
                                                  - date.fromisoformat(day)))
                found.append({"id": by_day[day]["id"], "field": "close",
                              "value": closes[day],
                              "why": f"{asset} close {_grouped(closes[day])} on {day} is far "
                                     f"from the close beside it ({_grouped(closes[near])} on "
                                     f"{near})"})
    return found


def _far(a: Decimal, b: Decimal) -> bool:
    if a <= 0 or b <= 0:
        return False
    return a > b * PRICE_FACTOR or b > a * PRICE_FACTOR


def _grouped(amount: str) -> str:
    return f"{Decimal(amount):,f}"


def _stored_beside(cur: Any, asset: str, first: str, last: str, position: int,
                   ids: set[str]) -> list[tuple[str, str]]:
    """The stored closes of ``asset`` from ``first`` to ``last``, and the nearest one
    before and after them (as of ``position``; not this write's own ``ids``)."""
    params = {"c": asset, "k": "price", "p": position, "s": first, "e": last}
    rows = list(cur.execute(_CURRENT + "AND v.eff_end >= :s AND v.eff_end <= :e", params))
    rows += list(cur.execute(_CURRENT + "AND v.eff_end < :s ORDER BY v.eff_end DESC LIMIT 2",
                             params))
    rows += list(cur.execute(_CURRENT + "AND v.eff_end > :e ORDER BY v.eff_end LIMIT 2",
                             params))
    out = []
    for record_id, content in rows:
        if record_id in ids:
            continue
        record = _current(content)
        if "close" in record:
            out.append((record["effective"], record["close"]))
    return out


# --- on stderr ---------------------------------------------------------------------------------


def lines(found: dict[str, Any], dry_run: bool = False) -> list[str]:
    """A note per remark (at most ``SHOWN`` of each kind, then how many more)."""
    out: list[str] = []
    would = "would be" if dry_run else "is"
    for d in found.get("possible_duplicates") or ():
        out.append(f'note: record "{d["id"]}" {would} the same {d["type"]} as record '
                   f'"{d["same_as"]}" ({d["company"]}, {d["effective"]}, the same figures and '
                   "source line): recorded twice? Both count; retract one if so")
    for d in found.get("overlapping_flows") or ():
        overlaps = "would overlap" if dry_run else "overlaps"
        out.append(f'note: record "{d["id"]}" ({d["type"]} {d["effective"]}) {overlaps} '
                   f'record "{d["overlaps"]}" ({d["other_effective"]}), '
                   f'{d["company"]}, both citing {d["document"]}: importing both counts the '
                   "overlap twice; keep one (retract or correct the other)")
    for d in found.get("future_dated") or ():
        if d["after"] == "today":
            out.append(f'note: record "{d["id"]}" is effective {d["effective"]}, after today '
                       f'({d["day"]}): check the date')
        else:
            out.append(f'note: record "{d["id"]}" is effective {d["effective"]}, after it was '
                       f'disclosed ({d["day"]}): check both dates')
    for d in found.get("check_units") or ():
        out.append(f'note: record "{d["id"]}" field {d["field"]}: {d["why"]}: check the unit')
    if len(out) > SHOWN * len(KEYS):
        more = len(out) - SHOWN * len(KEYS)
        out = out[:SHOWN * len(KEYS)] + [f"note: ... {more} more (--json lists them all)"]
    return out
