"""The audit: how a figure was derived, and whether the company's own figures add up.

``explain`` runs the holdings computation itself and returns the steps it took, so its final
figure is the one ``holdings`` prints by construction; it then lists what was left out and
why. ``reconcile`` checks each disclosed balance against the one before it rolled forward,
each disclosed change against the flows itemized inside its period, looks for dates where a
bucket goes negative, and for actions that look reported twice; then each disclosed share
count against the one before it rolled forward, each figure the company states
(``kpi_disclosed``) against the one computed (``projections/shares.py``), and each disclosed
cost basis against the one rolled forward (``projections/cost.py``), and each purchase's and
sale's implied price per BTC against the BTC closes over its period (``projections/prices.py``).
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left, bisect_right
from datetime import date
from decimal import Decimal, localcontext
from typing import Any

from ledger import kinds
from ledger.precision import significant
from ledger.values import canonical, to_sats

from . import holdings as h
from .figures import Plain
from .queries import loads


FIGURES = ("btc.total", "btc.loaned", "btc.pledged", "btc.unencumbered")
_BUCKET_OF = {"btc.total": "total", "btc.loaned": "loaned", "btc.pledged": "pledged"}


_BRIEF = ("id", "type", "effective", "btc", "sources", "position")


def _brief(record: dict[str, Any]) -> dict[str, Any]:
    return {k: record[k] for k in _BRIEF if k in record}


def _entry_brief(entry: h.Entry) -> dict[str, Any]:
    """``_brief(entry.record())`` without copying the record first: its sources are the
    record's own, copied where a line is made of it (``_copied_line``, ``_Lines``)."""
    data = entry.data()
    brief = {k: data[k] for k in _BRIEF[:-1] if k in data}
    brief["position"] = entry.position
    return brief


# --- explain -------------------------------------------------------------------------------------


def explain(cur: sqlite3.Cursor, company: str, figure: str, as_of: date, position: int,
            *, since: date | None = None, earlier: EarlierFlows | None = None,
            computed: h.Holdings | None = None) -> dict[str, Any]:
    """How ``figure`` was derived on ``as_of``. With ``since`` (the report page, which
    explains every disclosed date), "left out" lists only what ended after ``since``, and
    ``left_out_earlier`` says how many flows before the anchor it leaves unlisted (counted
    by ``earlier``, read once per page): the page grows with the history, not its square.
    ``computed``: the holdings computation on ``as_of`` at ``position``, if already run."""
    result = computed if computed is not None else h.compute(cur, company, as_of, position)
    return explained(cur, result, figure, since=since, earlier=earlier)


def explained(cur: sqlite3.Cursor, result: h.Holdings, figure: str, *,
              since: date | None = None, earlier: EarlierFlows | None = None
              ) -> dict[str, Any]:
    """``explain`` of a holdings figure already computed: its trail (``result.trails``), the
    records left out and why (with ``since``, as ``explain`` says)."""
    buckets = _buckets(figure)
    return _explained(cur, result, figure, since, earlier,
                      [_before_anchor_of(cur, result, b, since) for b in buckets],
                      _no_longer_counted(cur, result.company, result.as_of, result.position,
                                         since))


def explained_all(cur: sqlite3.Cursor, result: h.Holdings, *, since: date | None = None,
                  earlier: EarlierFlows | None = None, journal: Journal | None = None
                  ) -> dict[str, dict[str, Any]]:
    """``explained`` of each of ``FIGURES`` (the report page), reading each bucket's records
    before its anchor and the records no longer counted once for the four figures, not once
    per figure: the same explanations, from the same computation. ``journal``: the
    company's records already read (``Journal``), so nothing is read again."""
    if journal is not None:
        journal.check(result.company, result.position)
        anchored = {b: journal.before_anchor_of(result, b, since) for b in h.BUCKETS}
        gone = journal.no_longer_counted(result.as_of, since)
    else:
        anchored = {b: _before_anchor_of(cur, result, b, since) for b in h.BUCKETS}
        gone = _no_longer_counted(cur, result.company, result.as_of, result.position, since)
    return {f: _explained(cur, result, f, since, earlier, [anchored[b] for b in _buckets(f)],
                          gone)
            for f in FIGURES}


class Journal(h.Journal):
    """``holdings.Journal`` with what the explanations of many days need besides: the
    versions no longer visible at the position (retracted or superseded by then), read once,
    and the counts of ``EarlierFlows``. Each day's explanation is then made from memory, by
    the windows ``_before_anchor_of`` and ``_no_longer_counted`` query
    (``before_anchor_window``, ``gone_window``): the same lines in the same order."""

    __slots__ = ("gone", "gone_ends", "earlier")

    def __init__(self, cur: sqlite3.Cursor, company: str, position: int) -> None:
        super().__init__(cur, company, position, _every_visible(cur, company, position))
        # In period-end order (store order within one end), so that a day's window is a
        # slice (the page's days take disjoint windows: each version is looked at once).
        self.gone = sorted(((h.Entry.from_row(row[:14]), *row[14:]) for row in cur.execute(
            f"SELECT {h._COLUMNS}, v.valid_to, a.kind, a.record_id FROM rm_versions v "
            "JOIN rm_log l ON l.position = v.position JOIN rm_log a ON a.position = v.valid_to "
            "WHERE v.company = :c AND v.category IN ('flow', 'anchor') AND v.valid_to <= :p "
            "ORDER BY v.position", {"c": company, "p": position})), key=lambda g: g[0].end)
        self.gone_ends = [g[0].end for g in self.gone]
        self.earlier = EarlierFlows.of(self.entries())

    def before_anchor_of(self, result: h.Holdings, bucket: str, since: date | None
                         ) -> list[dict[str, Any]]:
        """``_before_anchor_of``, from memory."""
        anchor = result.anchors[bucket]
        if anchor is None:
            return []
        why = _before_anchor_why(anchor)
        return [{"why": why, "record": _entry_brief(e)} for e in
                before_anchor_window(anchor, bucket, since).take(self.flows, self.flow_ends)]

    def no_longer_counted(self, as_of: date, since: date | None) -> list[dict[str, Any]]:
        """``_no_longer_counted``, from memory: the window's slice, back in store order."""
        low, high = gone_window(as_of, since).bounds(self.gone_ends)
        return _gone_lines(sorted(self.gone[low:high], key=lambda g: g[0].position))


def before_anchor_window(anchor: h.Entry, bucket: str, since: date | None) -> h.Window:
    """The flows moving ``bucket`` whose period ended by its anchor (and after ``since``)."""
    return h.Window(None if since is None else since.isoformat(), anchor.end,
                    moves=h._DELTA_COLUMN[bucket])


def _before_anchor_why(anchor: h.Entry) -> str:
    """Why a flow before its bucket's anchor is left out."""
    return (f"before the anchor: its period ended by {anchor.end}, so the balance "
            f"{anchor.record_id} already includes it")


def gone_window(as_of: date, since: date | None) -> h.Window:
    """The versions ``_no_longer_counted`` looks at: ended by the as-of date (and after
    ``since``)."""
    return h.Window(None if since is None else since.isoformat(), as_of.isoformat())


def _buckets(figure: str) -> list[str]:
    return list(h.BUCKETS) if figure == "btc.unencumbered" else [_BUCKET_OF[figure]]


def _explained(cur: sqlite3.Cursor, result: h.Holdings, figure: str, since: date | None,
               earlier: EarlierFlows | None, anchored: list[list[dict[str, Any]]],
               gone: list[dict[str, Any]]) -> dict[str, Any]:
    """``explained`` given each of the figure's buckets' records before its anchor
    (``_before_anchor_of``) and the records no longer counted (``_no_longer_counted``); each
    item is copied before it is amended, so the lists can serve several figures."""
    company, as_of, position = result.company, result.as_of, result.position
    trail = result.trails[figure].to_json()
    buckets = _buckets(figure)
    # With ``since``, a flow in progress that began by then was in progress on that date
    # too: the page lists it there (at the first date it was in progress), and counts it here.
    progress = result.in_progress if since is None else [
        e for e in result.in_progress if e.start > since.isoformat()]
    left_out = [{"why": "in progress: its period has not ended by the as-of date",
                 "record": _brief(e.record())} for e in progress]
    seen: set[int] = set()  # a record before two buckets' anchors is listed for the first
    for items in anchored:
        for item in items:
            if item["record"]["position"] not in seen:
                seen.add(item["record"]["position"])
                left_out.append(_copied_line(item))
    # A record with earlier versions is listed once: what became of them joins its line.
    listed = {item["record"]["id"]: item for item in left_out}
    for item in gone:
        item = _copied_line(item)
        same = listed.get(item["record"]["id"])
        if same is not None:
            many = len(item["superseded"]) > 1
            same["why"] += f"; its earlier version{'s' if many else ''} " \
                           + item["why"].removeprefix("earlier versions ")
            same["superseded"] = item["superseded"]
        else:
            left_out.append(item)
            listed[item["record"]["id"]] = item
    return {"figure": figure, "value": trail["value"],
            "status": trail["status"], "reason": trail["reason"], "company": company,
            "as_of": as_of.isoformat(), "position": position,
            "anchor": _brief(result.anchor.record()) if result.anchor else None,
            "steps": trail["steps"], "left_out": left_out,
            "straddling_anchor": [e.record_id for e in result.straddling],
            **({} if since is None else {
                "left_out_since": since.isoformat(),
                "in_progress_earlier": len(result.in_progress) - len(progress),
                "left_out_earlier": (earlier or EarlierFlows(cur, company, position)).count(
                    {b: min(since.isoformat(), result.anchors[b].end) for b in buckets
                     if result.anchors[b] is not None})})}


def _copied_line(item: dict[str, Any]) -> dict[str, Any]:
    """A copy of a "left out" line (``_before_anchor_of``, ``_no_longer_counted``): its
    record's brief and sources, and what superseded it, copied too; the lists can then serve
    several figures, each explanation with its own lines."""
    line = dict(item)
    record = line["record"] = dict(line["record"])
    if "sources" in record:
        record["sources"] = h.copied_sources(record["sources"])
    if "superseded" in line:
        line["superseded"] = [dict(s) for s in line["superseded"]]
    return line


class EarlierFlows:
    """The company's visible flows (period end and which buckets each moves), read once,
    to count those a windowed ``explain`` leaves unlisted before its anchor."""

    def __init__(self, cur: sqlite3.Cursor | None, company: str, position: int,
                 entries: list[h.Entry] | None = None):
        self.ends: dict[tuple[bool, ...], list[str]] = {}
        for entry in h.entries(cur, company, None, position) if entries is None else entries:
            if kinds.category(entry.type) != "flow":
                continue
            moves = tuple(bool(entry.sats[h._DELTA_COLUMN[b]]) for b in h.BUCKETS)
            if any(moves):
                self.ends.setdefault(moves, []).append(entry.end)  # in period-end order

    @classmethod
    def of(cls, entries: list[h.Entry]) -> EarlierFlows:
        """From the flows and anchors already read (``holdings.entries``' order)."""
        return cls(None, "", 0, entries)

    def count(self, cutoffs: dict[str, str]) -> int:
        """How many flows move a bucket of ``cutoffs`` and ended by that bucket's cutoff
        (each flow once, however many of the buckets it moves)."""
        total = 0
        for moves, ends in self.ends.items():
            cut = max((cutoffs[b] for b, moved in zip(h.BUCKETS, moves)
                       if moved and b in cutoffs), default=None)
            if cut is not None:
                total += bisect_right(ends, cut)
        return total


def _before_anchor_of(cur: sqlite3.Cursor, result: h.Holdings, bucket: str,
                      since: date | None = None) -> list[dict[str, Any]]:
    """The flows of ``before_anchor_window``, each with why it is left out."""
    anchor = result.anchors[bucket]
    if anchor is None:
        return []
    where, params = before_anchor_window(anchor, bucket, since).where()
    why = _before_anchor_why(anchor)
    return [{"why": why, "record": _entry_brief(h.Entry.from_row(row))} for row in cur.execute(
            f"SELECT {h._COLUMNS} FROM rm_versions v JOIN rm_log l ON l.position = v.position "
            f"WHERE v.company = :c AND v.category = 'flow' AND {where} "
            f"AND {h._VISIBLE} ORDER BY v.eff_end, v.first_position",
            {"c": result.company, "p": result.position, **params})]


def _no_longer_counted(cur: sqlite3.Cursor, company: str, as_of: date, position: int,
                       since: date | None = None) -> list[dict[str, Any]]:
    """Bitcoin records whose versions are in ``gone_window`` but were retracted or
    superseded by a correction at or before ``position``: one line per record, naming what
    became of each version in turn."""
    where, params = gone_window(as_of, since).where()
    return _gone_lines((h.Entry.from_row(row[:14]), *row[14:]) for row in cur.execute(
            f"SELECT {h._COLUMNS}, v.valid_to, a.kind, a.record_id FROM rm_versions v "
            "JOIN rm_log l ON l.position = v.position JOIN rm_log a ON a.position = v.valid_to "
            f"WHERE v.company = :c AND v.category IN ('flow', 'anchor') AND {where} "
            "AND v.valid_to <= :p ORDER BY v.position",
            {"c": company, "p": position, **params}))


def _gone_lines(versions: Any) -> list[dict[str, Any]]:
    """``_no_longer_counted``'s lines from its versions (each with the position that ended
    it, that amendment's kind and its record id), in store order."""
    out: dict[str, dict[str, Any]] = {}
    for entry, valid_to, kind, by in versions:
        record = _entry_brief(entry)
        item = out.setdefault(entry.record_id, {"why": "", "record": record, "superseded": []})
        item["superseded"].append({"position": entry.position, "btc": record.get("btc"),
                                   "by": by, "at": valid_to, "kind": kind})
        if kind == "retraction":
            item["record"] = record  # the version that was current until the retraction
    for item in out.values():
        steps = [(f"{s['btc']} BTC " if s["btc"] is not None else "")
                 + (f"retracted by {s['by']} at @{s['at']}" if s["kind"] == "retraction"
                    else f"superseded by correction {s['by']} at @{s['at']}")
                 for s in item["superseded"]]
        item["why"] = ("earlier versions " if len(steps) > 1 else "") + ", then ".join(steps)
    return list(out.values())


# --- reconcile -----------------------------------------------------------------------------------


class Reconciliation(Plain):
    """What ``reconcile`` found. ``costs``: each disclosed cost basis against the one rolled
    forward (``projections/cost.py``); ``prices``: each purchase's and sale's implied price
    per BTC against the closes over its period; ``straddling``: each flow counted after an
    anchor whose period starts on or before the anchor's date (flagged, as holdings flags
    it: part of it may already be in the anchor; not an issue in itself); ``overlaps``:
    flows of one type, other amounts, overlapping periods, one document (``_overlaps``)."""

    __slots__ = ("company", "position", "balances", "changes", "negative", "duplicates",
                 "capital", "shares", "kpis", "costs", "prices", "straddling", "overlaps",
                 "price_conflicts")
    FIELDS = __slots__

    def __init__(self, company: str, position: int) -> None:
        self.company = company
        self.position = position
        self.balances: list[dict[str, Any]] = []
        self.changes: list[dict[str, Any]] = []
        self.negative: list[dict[str, Any]] = []
        self.duplicates: list[dict[str, Any]] = []
        self.capital: list[dict[str, Any]] = []
        self.shares: list[dict[str, Any]] = []
        self.kpis: list[dict[str, Any]] = []
        self.costs: list[dict[str, Any]] = []
        self.prices: list[dict[str, Any]] = []
        self.straddling: list[dict[str, Any]] = []
        self.overlaps: list[dict[str, Any]] = []
        #: Dates on which the BTC closes, or the company's own, disagree.
        self.price_conflicts: list[dict[str, Any]] = []

    @property
    def issues(self) -> int:
        return (sum(1 for b in self.balances if b["unexplained"] != "0")
                + sum(1 for c in self.changes if c["unexplained"] != "0")
                + len(self.negative) + len(self.duplicates) + len(self.overlaps)
                + len(self.capital)
                + sum(1 for s in self.shares if s["unexplained"] != "0")
                + sum(1 for k in self.kpis if k["consistent"] is False)
                + sum(1 for c in self.costs if c["consistent"] is False)
                + sum(1 for p in self.prices if p["within"] is False)
                + len(self.price_conflicts))

    def to_json(self) -> dict[str, Any]:
        return {"company": self.company, "position": self.position, "issues": self.issues,
                "balances": self.balances, "changes": self.changes,
                "negative": self.negative, "duplicates": self.duplicates,
                "capital": self.capital, "shares": self.shares, "kpis": self.kpis,
                "costs": self.costs, "prices": self.prices, "straddling": self.straddling,
                "overlaps": self.overlaps, "price_conflicts": self.price_conflicts}


#: A relative difference is a ratio of exact figures whose division seldom ends: kept to
#: this many places (an exact decimal string, no longer than anyone reads).
RATIO_PLACES = Decimal("1e-12")


def _short_ratio(line: dict[str, Any]) -> dict[str, Any]:
    """A stated figure's check as reported: the computed figure to ``RATIO_DIGITS``
    significant digits (a stated figure has far fewer; whether it is consistent was judged
    on every digit) and the difference from it, stated - computed as shown, exactly; the
    relative difference to ``RATIO_PLACES``."""
    if line.get("computed") is None:
        return line
    with localcontext() as context:
        context.prec = 80  # room for a large ratio's whole part besides the places kept
        computed = significant(Decimal(line["computed"]))
        short = {"computed": canonical(computed),
                 "difference": canonical(Decimal(line["stated"]) - computed)}
        ratio = line.get("relative_difference")
        if ratio is not None:
            short["relative_difference"] = canonical(Decimal(ratio).quantize(RATIO_PLACES))
    return {**line, **short}


def _visible(cur: sqlite3.Cursor, company: str, position: int, categories: tuple[str, ...],
             content: bool = True) -> list[h.Entry]:
    marks = ",".join("?" * len(categories))
    source = (f"{h._COLUMNS} FROM rm_versions v JOIN rm_log l ON l.position = v.position"
              if content else f"{h._COLUMNS_NO_CONTENT} FROM rm_versions v")
    return [h.Entry.from_row(row) for row in cur.execute(
        f"SELECT {source} "
        f"WHERE v.company = ? AND v.category IN ({marks}) AND v.position <= ? "
        "AND (v.valid_to IS NULL OR v.valid_to > ?) ORDER BY v.eff_end, v.first_position",
        (company, *categories, position, position))]


class _Lines:
    """Each flow's brief, read from its content once however many lines list it."""

    def __init__(self) -> None:
        self.briefs: dict[int, dict[str, Any]] = {}
        self.amounts: dict[int, str] = {}  # satoshis → their text, each amount formatted once

    def __call__(self, entry: h.Entry, bucket: str) -> dict[str, Any]:
        brief = self.briefs.get(entry.position)
        if brief is None:
            brief = self.briefs[entry.position] = _entry_brief(entry)
        delta = entry.sats[h._DELTA_COLUMN[bucket]] or 0
        text = self.amounts.get(delta)
        if text is None:
            text = self.amounts[delta] = sats_text(delta)
        line = {**brief, "delta": text}
        if "sources" in line:  # a flow listed on several lines: each its own sources
            line["sources"] = h.copied_sources(line["sources"])
        return line


class _Ids:
    """A flow's line as its id and amount only (``balance_checks(..., briefs=False)``)."""

    def __call__(self, entry: h.Entry, bucket: str) -> dict[str, Any]:
        delta = entry.sats[h._DELTA_COLUMN[bucket]] or 0
        return {"id": entry.record_id, "delta": sats_text(delta)}


def balance_checks(cur: sqlite3.Cursor, company: str, position: int,
                   buckets: tuple[str, ...] = h.BUCKETS, *, briefs: bool = True,
                   journal: h.Journal | None = None) -> list[dict[str, Any]]:
    """``reconcile``'s check of consecutive disclosed balances, alone (the chart's gaps).
    ``briefs=False``: each flow listed by id and amount only, its content never read (the
    chart draws the figures, not the flows). ``journal``: the company's records already
    read at ``position``."""
    if journal is not None:
        journal.check(company, position)
        anchors, flows, ends = journal.anchors, journal.flows, journal.flow_ends
    else:
        anchors = _visible(cur, company, position, ("anchor",))
        flows = _visible(cur, company, position, ("flow",), content=briefs)
        ends = [f.end for f in flows]
    return _balances(anchors, flows, ends, buckets,
                     _Lines() if briefs else _Ids())  # type: ignore[arg-type]


def _balances(anchors: list[h.Entry], flows: list[h.Entry], ends: list[str],
              buckets: tuple[str, ...], line: _Lines) -> list[dict[str, Any]]:
    """Each disclosed balance against the one before it (stating the same bucket) rolled
    forward over the flows between them; ``ends``: the flows' period ends, in order."""
    out: list[dict[str, Any]] = []

    def ending(after: str, until: str) -> list[h.Entry]:
        """Flows whose period ends in (after, until], in order."""
        return flows[bisect_right(ends, after):bisect_right(ends, until)]

    for bucket in buckets:
        column = h._ANCHOR_COLUMN[bucket]
        stated = [a for a in anchors if a.sats[column] is not None]
        for opening, closing in zip(stated, stated[1:], strict=False):
            between = [f for f in ending(opening.end, closing.end)
                       if f.sats[h._DELTA_COLUMN[bucket]]]
            itemized = sum(f.sats[h._DELTA_COLUMN[bucket]] or 0 for f in between)
            expected = (opening.sats[column] or 0) + itemized
            actual = closing.sats[column] or 0
            out.append({
                "bucket": bucket,
                "opening": {"id": opening.record_id, "date": opening.end,
                            "btc": sats_text(opening.sats[column] or 0)},
                "closing": {"id": closing.record_id, "date": closing.end,
                            "btc": sats_text(actual)},
                "flows": [line(f, bucket) for f in between],
                "itemized": sats_text(itemized),
                "expected": sats_text(expected),
                "unexplained": sats_text(actual - expected),
                "straddling": [f.record_id for f in between if f.start <= opening.end],
            })
    return out


def _straddling(anchors: list[h.Entry], flows: list[h.Entry], ends: list[str]
                ) -> list[dict[str, Any]]:
    """Each flow counted after an anchor (per bucket: the anchors stating it) whose period
    starts on or before that anchor's date: flagged, since part of it may already be in the
    anchor. Counted after it by holdings (a flow ending before the next anchor's date), or
    by the check of the anchor against the next one (``_balances``: a flow ending on or
    before the next anchor's date; one ending on it, holdings counts in that anchor as of
    its date, but the check still rests on it: its ``straddling`` names it, and so does
    this list)."""
    out: list[dict[str, Any]] = []
    for bucket in h.BUCKETS:
        column, delta = h._ANCHOR_COLUMN[bucket], h._DELTA_COLUMN[bucket]
        stated = [a for a in anchors if a.sats[column] is not None]
        for i, anchor in enumerate(stated):
            upto = (bisect_right(ends, stated[i + 1].end) if i + 1 < len(stated)
                    else len(flows))
            for flow in flows[bisect_right(ends, anchor.end):upto]:
                if flow.sats[delta] and flow.start <= anchor.end:
                    out.append({"id": flow.record_id, "type": flow.type,
                                "effective": flow.effective, "bucket": bucket,
                                "anchor": {"id": anchor.record_id, "date": anchor.end}})
    return out


def _every_visible(cur: sqlite3.Cursor, company: str, position: int) -> list[tuple[str, h.Entry]]:
    """Every visible version of the company's records, each with its category, in (period
    end, first stored) order: read once, for every check that needs them."""
    return [(row[-1], h.Entry.from_row(row[:-1])) for row in cur.execute(
        f"SELECT {h._COLUMNS}, v.category FROM rm_versions v "
        "JOIN rm_log l ON l.position = v.position WHERE v.company = ? AND v.position <= ? "
        "AND (v.valid_to IS NULL OR v.valid_to > ?) ORDER BY v.eff_end, v.first_position",
        (company, position, position))]


def reconcile(cur: sqlite3.Cursor, company: str, position: int,
              every: list[tuple[str, h.Entry]] | None = None) -> Reconciliation:
    """What the company's own figures say against each other (``every``: the company's
    visible versions at ``position`` as ``_every_visible`` reads them, if already read)."""
    report = Reconciliation(company, position)
    # The company's records read once: the balances, flows and changes (as ``_visible``
    # reads each) and every record for the duplicates.
    if every is None:
        every = _every_visible(cur, company, position)
    anchors = [e for category, e in every if category == "anchor"]
    flows = [e for category, e in every if category == "flow"]
    _flow_line = _Lines()

    # Flows are in period-end order: those ending in a span are one slice, found by bisection.
    ends = [f.end for f in flows]
    # Consecutive disclosed balances: opening rolled forward over the flows between them.
    report.balances = _balances(anchors, flows, ends, h.BUCKETS, _flow_line)
    report.straddling = _straddling(anchors, flows, ends)

    # Disclosed net changes: stated vs the flows whose periods lie inside the change's. A flow
    # that touches a change's period ends on or after its start, and no later than its end
    # plus the longest flow period: only that slice is looked at.
    ordinals: dict[str, int] = {}  # each day's ordinal, computed once (flows share days)

    def days(day: str) -> int:
        found = ordinals.get(day)
        if found is None:
            found = ordinals[day] = _days(day)
        return found

    longest = max((days(f.end) - days(f.start) for f in flows), default=0)
    for change in (e for category, e in every if category == "change"):
        record = change.record()
        stated = to_sats(Decimal(record["btc"]))
        near = flows[bisect_left(ends, change.start):bisect_right(
            ends, _day_after(change.end, longest))]
        inside = [f for f in near if change.start <= f.start and f.end <= change.end
                  and f.sats["d_total"]]
        counted = {f.position for f in inside}
        partly = [f.record_id for f in near if f.sats["d_total"] and f.position not in counted
                  and f.start <= change.end and f.end >= change.start]
        itemized = sum(f.sats["d_total"] or 0 for f in inside)
        report.changes.append({
            "id": change.record_id, "effective": change.effective,
            "sources": record.get("sources", []),
            "stated": sats_text(stated), "flows": [_flow_line(f, "total") for f in inside],
            "itemized": sats_text(itemized),
            "unexplained": sats_text(stated - itemized),
            "partly_inside": partly,
        })

    # Dates where a bucket goes negative, by the holdings rules themselves: the figures
    # ``h.roll`` gives on every date a balance or flow ends, from one walk over the journal
    # (``h.negatives``), without building each date's holdings.
    journal = sorted([*anchors, *flows], key=lambda e: (e.end, e.first_position))
    unsummed: dict[str, tuple[str, ...]] = {}
    found = h.negatives(journal, company, position, unsummed=unsummed)
    report.negative = _negative(found, unsummed)

    stored = sorted((e for _, e in every), key=lambda e: e.first_position)
    report.duplicates = _duplicates(cur, company, position, stored)
    report.overlaps = _overlaps([e for e in stored if kinds.category(e.type) == "flow"])
    report.capital = _capital_problems(cur, company, position)
    # The share count and kpi checks look at the company's share counts and stated figures:
    # with none visible there is nothing to check, and the share computation is not loaded
    # (explain and reconcile of a bitcoin-only company need neither).
    present = {e.type for _, e in every}
    if kinds.SHARE_ANCHOR in present or not present.isdisjoint(kinds.checked_by("kpis")):
        from . import shares

        report.shares = shares.reconcile_counts(cur, company, position)
        # A share count rolled forward to zero or below (nothing is valued on it).
        report.capital += shares.negatives(
            shares._rows(cur, company, position, kinds.SHARE_TYPES))
        report.kpis = [_short_ratio(k) for k in shares.reconcile_kpis(cur, company, position)]
    from . import cost, prices

    # The purchases, sales and disclosed costs, for both checks: the rows ``cost.rows``
    # reads, taken from the versions already read (the same order: period end, then store),
    # each record's content as parsed once for the duplicates (a correction's: parsed again,
    # as the replacement event alone).
    rows = cost.rows_from(e for _, e in every)
    report.costs = cost.reconcile_costs(cur, company, position, already=rows)
    report.prices = prices.reconcile_implied(cur, company, position, already=rows)
    # Two different closes of one date, for bitcoin or the company's shares: the figures use
    # the one stored later (``prices.close`` names the other), and the conflict is listed.
    report.price_conflicts = prices.conflicts(cur, ("BTC", company), position)
    return report


def _negative(found: list[tuple[str, str, int, Any]],
              unsummed: dict[str, tuple[str, ...]]) -> list[dict[str, Any]]:
    """``reconcile``'s ``negative``: each figure below zero (``holdings.negatives``), one
    problem once. A figure holdings calls not known is not known here either ("btc": null,
    with its reason); "sum" is the arithmetic that goes below zero. Unencumbered below zero
    on a day the total is (total - loaned - pledged goes below zero with it) is that same
    problem, not listed again. One whose loaned or pledged is not known (``unsummed``: no
    balance states it and no flow moves it) has no sum ("sum": null): the total less the
    buckets summed is the most it can be ("at_most"), below zero whatever they hold."""
    below_total = {day for day, name, _, _ in found if name == "total"}
    out = []
    for day, name, sats, status in found:
        line = {"date": day, "bucket": name, "btc": sats_text(sats) if status.known else None,
                "sum": sats_text(sats), **status.to_json()}
        if name == "unencumbered":
            if day in below_total:
                continue
            if unsummed.get(day):
                line["sum"], line["at_most"] = None, sats_text(sats)
        out.append(line)
    return out


def sats_text(sats: int) -> str:
    """``canonical(from_sats(sats))`` from the integer alone: whole bitcoins, then the
    satoshis as eight places with their trailing zeros dropped (no exponent, "0" for none)."""
    if not sats % 100_000_000:  # whole bitcoins (the floor division of a multiple is exact)
        return str(sats // 100_000_000)
    whole, part = divmod(-sats if sats < 0 else sats, 100_000_000)
    return f"{'-' if sats < 0 else ''}{whole}.{part:08d}".rstrip("0")


def _days(day: str) -> int:
    return date.fromisoformat(day).toordinal()


def _day_after(day: str, days: int) -> str:
    """``day`` plus ``days`` as ISO text (the calendar's last day at most)."""
    ordinal = min(_days(day) + days, date.max.toordinal())
    return date.fromordinal(ordinal).isoformat()


def _capital_problems(cur: sqlite3.Cursor, company: str, position: int) -> list[dict[str, Any]]:
    """Notes retired beyond what was issued, stakes over 100% or disposed beyond what was
    held: checked by the capital computation itself at every date a capital record ends
    (``capital.replay``: the records applied once, in ``compute``'s order), each problem
    reported from the first date it appears."""
    checked = kinds.checked_by("capital")
    ends = [row[0] for row in cur.execute(
        "SELECT DISTINCT v.eff_end FROM rm_versions v WHERE v.company = ? "
        f"AND v.category = 'capital' AND v.type IN ({','.join('?' * len(checked))}) "
        "AND v.position <= ? AND (v.valid_to IS NULL OR v.valid_to > ?) ORDER BY v.eff_end",
        (company, *checked, position, position))]
    if not ends:  # nothing to check: the capital computation is not loaded
        return []
    seen: set[str] = set()
    out = []
    # The capital computation's figures on every such date, its records applied once.
    from . import capital

    for day, result in capital.replay(cur, company, ends, position):
        for figure, trail in result.trails.items():
            problem = None
            value = trail.value
            if figure.startswith("notes.") and figure in result.over_retired:
                problem = "notes retired beyond what was issued"
                value = -result.over_retired[figure]  # what was retired beyond zero
            elif figure.startswith("stakes.") and figure.endswith(".percent"):
                if trail.value > 100:
                    problem = "stake over 100%"
                elif trail.value < 0:
                    problem = "stake disposed beyond what was held"
            if problem and figure not in seen:
                seen.add(figure)
                out.append({"date": day, "figure": figure, "value": canonical(value),
                            "problem": problem,
                            "records": [s["record"]["id"] for s in trail.steps if "record" in s]})
    return out


def _duplicates(cur: sqlite3.Cursor, company: str, position: int,
                every: list[h.Entry] | None = None) -> list[dict[str, Any]]:
    """Visible records of one type with the same amounts whose periods overlap (``every``:
    the company's visible versions in first-stored order, when already read). Each pair is
    named first-stored first, the groups in the order their first record was stored, each
    group's pairs by their first then second record's place in it; the pairs of a group are
    found by a sweep over its periods (``overlapping_pairs``), not by comparing every two."""
    groups: dict[tuple, list[tuple[str, str, str, dict[str, Any]]]] = {}
    if every is None:
        every = [h.Entry.from_row(row) for row in cur.execute(
            f"SELECT {h._COLUMNS} FROM rm_versions v "
            "JOIN rm_log l ON l.position = v.position WHERE v.company = ? AND v.position <= ? "
            "AND (v.valid_to IS NULL OR v.valid_to > ?) ORDER BY v.first_position",
            (company, position, position))]
    for e in every:
        # The content as parsed once for every check (a correction's replacement: its
        # defining amounts and effective date are the event's).
        record, type_ = e.data(), e.type
        fields = _defining(type_, record)
        key = (type_, *[(f, record.get(f)) for f in fields])
        groups.setdefault(key, []).append((e.record_id, e.start, e.end, record))
    out = []
    for (type_, *_), members in groups.items():
        if len(members) < 2:
            continue
        for i, j in overlapping_pairs([(m[1], m[2]) for m in members]):
            (a_id, _, _, a), (b_id, _, _, b) = members[i], members[j]
            out.append({"type": type_, "records": [a_id, b_id],
                        "effective": [a["effective"], b["effective"]],
                        "amounts": {f: a[f] for f in _defining(type_, a) if f in a}})
    return out


def overlapping_pairs(spans: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Every pair (i, j), i < j, of ``spans`` (ISO (start, end) days, start <= end) that
    share a day, in (i, j) order: a sweep in start order keeping the spans not yet ended
    (a heap by end), each span paired with those still open where it starts. O(n log n)
    plus the pairs found, where comparing every two is O(n²) (a company's daily records of
    one repeated amount, none overlapping, were millions of comparisons)."""
    from heapq import heappop, heappush

    out: list[tuple[int, int]] = []
    open_: list[tuple[str, int]] = []  # (end, index) of the spans started and not yet ended
    for j in sorted(range(len(spans)), key=lambda i: (spans[i][0], i)):
        start, end = spans[j]
        while open_ and open_[0][0] < start:
            heappop(open_)
        out.extend((i, j) if i < j else (j, i) for _, i in open_)
        heappush(open_, (end, j))
    out.sort()
    return out


def _overlaps(flows: list[h.Entry]) -> list[dict[str, Any]]:
    """Bitcoin flows of one type, amounts not the same (those are possible duplicates),
    whose periods overlap and which cite the same document (``flows``: in first-stored
    order): one may contain the other, as a month's production and the quarter to date
    that a release gives side by side, and both count it. Each pair first-stored first,
    the types in the order their first flow was stored; found by the duplicates' sweep over
    the flows of each type and document (so flows of other documents are never compared)."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, e in enumerate(flows):
        for document in dict.fromkeys(s.get("document") for s in e.data().get("sources", [])):
            if document is not None:
                groups.setdefault((e.type, document), []).append(i)
    shared: dict[tuple[int, int], list[str]] = {}
    for (_, document), members in groups.items():
        if len(members) < 2:
            continue
        for i, j in overlapping_pairs([(flows[m].start, flows[m].end) for m in members]):
            a, b = members[i], members[j]  # a < b: members are in first-stored order
            if flows[a].data().get("btc") != flows[b].data().get("btc"):
                shared.setdefault((a, b), []).append(document)
    first_of_type: dict[str, int] = {}
    for i, e in enumerate(flows):
        first_of_type.setdefault(e.type, i)
    out = []
    for a, b in sorted(shared, key=lambda p: (first_of_type[flows[p[0]].type], p)):
        x, y = flows[a], flows[b]
        # whose period contains the other's (the same period: the first stored's)
        contains = (x.record_id if x.start <= y.start and y.end <= x.end else
                    y.record_id if y.start <= x.start and x.end <= y.end else None)
        out.append({"type": x.type, "records": [x.record_id, y.record_id],
                    "effective": [x.effective, y.effective],
                    "btc": [x.data().get("btc"), y.data().get("btc")],
                    "documents": sorted(shared[(a, b)]), "contains": contains})
    return out


def _defining(type_: str, record: dict[str, Any]) -> tuple[str, ...]:
    """The fields that make two records of a type the same action: its defining ones, or,
    when it states none of their amounts (shares issued with no proceeds stated, a conversion
    stating only the shares), every figure it has: records stating no amount the same
    action are not alike."""
    defining = kinds.DEFINING[type_]
    if any(record.get(f) is not None for f in defining if f in kinds.AMOUNT_FIELDS):
        return defining
    return kinds.FIELDS[type_]
