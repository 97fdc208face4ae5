"""Figures over time: a figure at the end of each month, quarter or year, like ``hledger
balance -M --historical``, with each period's change split into what recorded flows explain
and what the company's own disclosed balances (anchors) moved.

Every value is the point-in-time computation itself (``holdings.compute`` for the bitcoin
figures) run at each period end, so a series row is by construction what ``holdings --as-of``
that day prints. Figures are looked up in a registry, ``FIGURES``: a name, its unit, the
point-in-time computation it reads (``SOURCES``) and how to read it; more figures (shares,
per-share) are added with ``register`` without touching the series logic.

How a change is explained: between two days P < E with no anchor of a bucket dated in
(P, E], the bucket rolls forward from the same anchor, so its change is exactly the sum of
the flows whose periods end in (P, E]. When an anchor is dated in (P, E], the change is those
flows plus what the anchor adds beyond the balance rolled forward to its date (the
unexplained variance ``reconcile`` reports). So ``change = flows + anchors`` always, and
``anchors`` is zero in every period without a disclosed balance.

Share counts and per-share figures are on each date's own basis (as ``shares`` and ``kpi``
print them), so a stock split alone moves them: each row of such a figure lists the splits
dated in its (P, E] (``splits``: id, ratio, effective), so a change on two bases says so.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ledger import kinds
from ledger.valueclass import _set
from ledger.values import canonical, from_sats

from . import holdings as h
from .figures import Frozen, Status, exact
from .readmodel_names import SERIES_FIGURES, VALUE_UNITS

EVERY = ("month", "quarter", "year")


class Figure(Frozen):
    """A figure a series can follow.

    ``value`` reads it from the result of its ``source`` computation (None when it is not
    known) and ``status`` what it rests on. ``flow_sats`` (bitcoin
    figures only) gives a flow's change to it from the read model's per-bucket satoshi
    deltas, and ``anchor_columns`` the anchor columns that rebase it; a figure without them
    is followed without the flows/anchors split. ``on_share_basis``: a stock split changes
    it (a share count, a per-share figure), so each row says which splits its change spans.
    ``per_period``: a count over a period (blocks won), not a level: each row's value is
    computed over that row's own period (``PERIOD_SOURCES``), never a day's.
    """

    __slots__ = ("name", "unit", "source", "value", "status", "flow_sats", "anchor_columns",
                 "on_share_basis", "per_period")
    FIELDS = __slots__

    def __init__(self, name: str, unit: str, source: str, value: Callable[[Any], Decimal | None],
                 status: Callable[[Any], Status],
                 flow_sats: Callable[[dict[str, int | None]], int] | None = None,
                 anchor_columns: tuple[str, ...] = (), on_share_basis: bool = False,
                 per_period: bool = False):
        _set(self, "name", name)
        _set(self, "unit", unit)
        _set(self, "source", source)
        _set(self, "value", value)
        _set(self, "status", status)
        _set(self, "flow_sats", flow_sats)
        _set(self, "anchor_columns", anchor_columns)
        _set(self, "on_share_basis", on_share_basis)
        _set(self, "per_period", per_period)


#: Point-in-time computations, each ``compute(cursor, company, day, position)``.
SOURCES: dict[str, Callable[[Any, str, date, int], Any]] = {"holdings": h.compute}
#: Computations over a period, for ``per_period`` figures: ``compute(cursor, company, start,
#: end, position, label)``, keyed by the figure's ``source``.
PERIOD_SOURCES: dict[str, Callable[[Any, str, date, date, int, str], Any]] = {}
FIGURES: dict[str, Figure] = {}


def register(figure: Figure, source: Callable[[Any, str, date, int], Any] | None = None
             ) -> Figure:
    """Add a figure (and, if new, the computation it reads) to what ``series`` can follow."""
    if source is not None:
        SOURCES.setdefault(figure.source, source)
    if figure.source not in SOURCES:
        raise ValueError(f"figure {figure.name}: no computation named {figure.source}")
    FIGURES[figure.name] = figure
    return figure


def _sats(column: str) -> Callable[[dict[str, int | None]], int]:
    return lambda sats: sats[column] or 0


for _bucket in h.BUCKETS:
    register(Figure(f"btc.{_bucket}", "BTC", "holdings",
                    value=lambda r, b=_bucket: r.value(b),
                    status=lambda r, b=_bucket: r.status[b],
                    flow_sats=_sats(h._DELTA_COLUMN[_bucket]),
                    anchor_columns=(h._ANCHOR_COLUMN[_bucket],)))
register(Figure("btc.unencumbered", "BTC", "holdings", value=lambda r: r.value("unencumbered"),
                status=lambda r: r.status["unencumbered"],
                flow_sats=lambda s: (s["d_total"] or 0) - (s["d_loaned"] or 0)
                - (s["d_pledged"] or 0),
                anchor_columns=tuple(h._ANCHOR_COLUMN.values())))


def _shares(cur: Any, company: str, day: date, position: int) -> Any:
    from . import shares  # here: a bitcoin series never loads the share computation

    return shares.compute(cur, company, day, position)


def _kpi(cur: Any, company: str, day: date, position: int) -> Any:
    from . import shares

    return shares.compute_kpi(cur, company, day, None, position)


for _name in ("shares.basic", "shares.notes_as_converted", "shares.other_dilutive",
              "shares.assumed_diluted"):
    register(Figure(_name, "shares", "shares", value=lambda r, n=_name: r.known_value(n),
                    status=lambda r, n=_name: r.status(n), on_share_basis=True),
             _shares)
for _name, _unit in (("kpi.btc_per_share", "BTC per share"),
                     ("kpi.sats_per_share", "sats per share")):
    # Undefined (no shares to divide by) on a day: None, as ``kpi`` reports it.
    register(Figure(_name, _unit, "kpi",
                    value=lambda r, n=_name: r.trails[n].known_value() if n in r.trails else None,
                    status=lambda r, n=_name: r.status(n), on_share_basis=True),
             _kpi)

#: What the bitcoin is worth (``projections/value.py``), at each period end with closes no
#: older than the default maximum age; figures over a period (--since) are not followed.
VALUE_SERIES = ("value.btc_price", "value.market_value", "value.cost_basis",
                "value.average_cost", "value.unrealized_gain", "value.share_price",
                "value.nav_per_share_basic", "value.nav_per_share_diluted",
                "value.market_cap_basic", "value.market_cap_diluted", "value.mnav_basic",
                "value.mnav_diluted")


def _value(cur: Any, company: str, day: date, position: int) -> Any:
    from . import value

    return value.compute(cur, company, day, position)


#: The value figures a split changes (a market cap or mNAV is the same on either basis).
_PER_SHARE_VALUES = ("value.share_price", "value.nav_per_share_basic",
                     "value.nav_per_share_diluted")
for _name in VALUE_SERIES:  # the value computation itself is imported when one is asked for
    register(Figure(_name, VALUE_UNITS[_name], "value", value=lambda r, n=_name: r.value(n),
                    status=lambda r, n=_name: r.status(n),
                    on_share_basis=_name in _PER_SHARE_VALUES),
             _value)


def _operations(cur: Any, company: str, day: date, position: int) -> Any:
    from . import operations

    return operations.compute(cur, company, day, position)


def _operations_over(cur: Any, company: str, start: date, end: date, position: int,
                     label: str) -> Any:
    from . import operations

    return operations.over(cur, company, start, end, position, label)


PERIOD_SOURCES["operations"] = _operations_over
for _name, _unit in (("ops.hashrate_ehs", "EH/s"), ("ops.blocks_won", "blocks"),
                     ("ops.btc_produced", "BTC")):
    # Blocks won and bitcoin produced are counts over a period: each row's own period's.
    register(Figure(_name, _unit, "operations", value=lambda r, n=_name: r.value(n),
                    status=lambda r, n=_name: r.status(n),
                    per_period=_name != "ops.hashrate_ehs"),
             _operations)

if tuple(FIGURES) != SERIES_FIGURES:  # the CLI's help lists these names
    raise AssertionError("projections/readmodel_names.py SERIES_FIGURES must list the "
                         f"registered figures: {tuple(FIGURES)}")


# --- periods -----------------------------------------------------------------------------------


class Period(Frozen):
    """One month, quarter or year of a series (clipped to the series' first and last day)."""

    __slots__ = ("label", "start", "end")
    FIELDS = __slots__

    def __init__(self, label: str, start: date, end: date):
        _set(self, "label", label)
        _set(self, "start", start)
        _set(self, "end", end)


def _natural(day: date, every: str) -> Period:
    """The whole month, quarter or year holding ``day``, up to ``day`` (a series' opening:
    the period before its first row, on the same resolution)."""
    (whole,) = periods(day, day, every)
    first_month = {"month": day.month, "quarter": 3 * ((day.month - 1) // 3) + 1,
                   "year": 1}[every]
    return Period(whole.label, date(day.year, first_month, 1), day)


def _month_end(year: int, month: int) -> date:
    # The day before the next month's first (``calendar.monthrange``, which loads the
    # locale machinery, is not needed for that).
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def periods(start: date, end: date, every: str) -> list[Period]:
    """The months, quarters or years that overlap ``start``..``end``, clipped to it."""
    if every not in EVERY:
        raise ValueError(f"every: {every!r} is not one of {', '.join(EVERY)}")
    out = []
    year, month = start.year, start.month
    if every == "quarter":
        month = 3 * ((month - 1) // 3) + 1
    elif every == "year":
        month = 1
    step = {"month": 1, "quarter": 3, "year": 12}[every]
    while date(year, month, 1) <= end:
        last_month = month + step - 1
        p_end = _month_end(year, last_month)
        label = (f"{year}-{month:02d}" if every == "month" else
                 f"{year}-Q{(month + 2) // 3}" if every == "quarter" else f"{year}")
        out.append(Period(label, max(start, date(year, month, 1)), min(end, p_end)))
        month += step
        if month > 12:
            year, month = year + 1, month - 12
    return out


# --- the series ---------------------------------------------------------------------------------


def _flows_and_anchors(cur: Any, company: str, after: date, until: date, position: int
                       ) -> tuple[list[h.Entry], list[h.Entry]]:
    """Flows and anchors visible at ``position`` whose periods end in (after, until]."""
    rows = cur.execute(
        f"SELECT {h._COLUMNS_NO_CONTENT}, v.category FROM rm_versions v WHERE v.company = :c "
        "AND v.category IN ('flow', 'anchor') AND v.eff_end > :a AND v.eff_end <= :u "
        f"AND {h._VISIBLE} ORDER BY v.eff_end, v.first_position",
        {"c": company, "a": after.isoformat(), "u": until.isoformat(), "p": position})
    flows, anchors = [], []
    for row in rows:
        (flows if row[-1] == "flow" else anchors).append(h.Entry.from_row(row[:-1]))
    return flows, anchors


def _split(journal: list[h.Entry], after: date, until: date
           ) -> tuple[list[h.Entry], list[h.Entry]]:
    """``_flows_and_anchors`` taken from the journal ``h.entries`` read (every flow and
    disclosed balance visible, in the same order)."""
    low, high = after.isoformat(), until.isoformat()
    ends = [e.end for e in journal]
    flows, anchors = [], []
    for e in journal[bisect_right(ends, low):bisect_right(ends, high)]:
        (flows if kinds.category(e.type) == "flow" else anchors).append(e)
    return flows, anchors


def compute(cur: Any, company: str, start: date, end: date, every: str, figures: list[str],
            position: int, max_anchor_age: int | None = None) -> dict[str, Any]:
    """Each figure at the end of each period overlapping ``start``..``end`` (and on the day
    before ``start``, the opening), with its change over the period split into flows and
    anchors. JSON-shaped; amounts are decimal strings, per-share figures with every digit
    (in the precision ``projections/shares.py`` computes them in). ``max_anchor_age``: the
    holdings' (and so the kpi and value figures'), None for no limit."""
    with exact():
        return _compute(cur, company, start, end, every, figures, position, max_anchor_age)


def _anchored(source: str, max_anchor_age: int) -> Callable[[Any, str, date, int], Any]:
    """The computation of ``source`` with holdings carried forward at most
    ``max_anchor_age`` days from their anchors (a source that reads no holdings: as is)."""
    from . import shares, value

    if source == "holdings":
        return lambda cur, company, day, position: h.compute(
            cur, company, day, position, max_anchor_age=max_anchor_age)
    if source == "kpi":
        return lambda cur, company, day, position: shares.compute_kpi(
            cur, company, day, None, position, max_anchor_age)
    if source == "value":
        return lambda cur, company, day, position: value.compute(
            cur, company, day, position, max_anchor_age=max_anchor_age)
    return SOURCES[source]


def _compute(cur: Any, company: str, start: date, end: date, every: str, figures: list[str],
             position: int, max_anchor_age: int | None = None) -> dict[str, Any]:
    chosen = [FIGURES[name] for name in figures]
    spans = periods(start, end, every)
    opening = start - timedelta(days=1)
    cache: dict[tuple[str, date], Any] = {}

    def computed(figure: Figure, day: date, span: Period | None = None) -> Any:
        if figure.per_period:  # a count: over the row's own period, never a day's
            span = span or _natural(day, every)
            key = (f"{figure.source} over", span.start, day)
            if key not in cache:
                cache[key] = PERIOD_SOURCES[figure.source](cur, company, span.start, day,
                                                           position, span.label)
            return cache[key]
        key = (figure.source, day)
        if key not in cache:
            source = (SOURCES[figure.source] if max_anchor_age is None
                      else _anchored(figure.source, max_anchor_age))
            cache[key] = source(cur, company, day, position)
        return cache[key]

    def at(figure: Figure, day: date, span: Period | None = None) -> Decimal | None:
        return figure.value(computed(figure, day, span))

    def status(figure: Figure, day: date, span: Period | None = None) -> dict[str, str]:
        return figure.status(computed(figure, day, span)).to_json()

    journal = None
    if any(figure.source == "holdings" for figure in chosen):
        # Holdings on the opening day and every period end, the journal rolled forward once.
        days = [opening, *(span.end for span in spans)]
        journal = h.entries(cur, company, None, position)
        for day, result in zip(days, h.roll(journal, company, days, position,
                                            in_progress=True, max_anchor_age=max_anchor_age),
                               strict=True):
            cache[("holdings", day)] = result
    if journal is None:
        flows, anchors = _flows_and_anchors(cur, company, opening, end, position)
    else:  # the same entries, already read in the same order: no second query
        flows, anchors = _split(journal, opening, end)
    flow_ends, anchor_ends = [f.end for f in flows], [a.end for a in anchors]
    splits = _splits(cur, company, opening, end, position) \
        if any(f.on_share_basis for f in chosen) else []
    split_ends = [row.end for row in splits]
    rows = []
    for figure in chosen:
        before = at(figure, opening)
        previous_day = opening
        for span in spans:
            value = at(figure, span.end, span)
            row: dict[str, Any] = {
                "period": span.label, "start": span.start.isoformat(),
                "end": span.end.isoformat(), "figure": figure.name, "unit": figure.unit,
                "value": _text(value), **status(figure, span.end, span),
                "change": None if value is None or before is None else canonical(value - before)}
            if figure.flow_sats is not None:
                after, until = previous_day.isoformat(), span.end.isoformat()
                inside = [f for f in flows[bisect_right(flow_ends, after):
                                           bisect_right(flow_ends, until)]
                          if figure.flow_sats(f.sats)]
                by_flows = from_sats(sum(figure.flow_sats(f.sats) for f in inside))
                rebased = [a for a in anchors[bisect_right(anchor_ends, after):
                                              bisect_right(anchor_ends, until)]
                           if any(a.sats[c] is not None for c in figure.anchor_columns)]
                row.update({
                    "flows": canonical(by_flows),
                    # What disclosed balances moved: not known unless both ends are.
                    "anchors": (None if value is None or before is None
                                else canonical(value - before - by_flows)),
                    "flow_records": [f.record_id for f in inside],
                    "anchor_records": [a.record_id for a in rebased]})
            if figure.on_share_basis:
                # A split takes effect at the start of its date: one dated in (P, E] is part
                # of the change from P to E, which is on two bases.
                row["splits"] = [
                    {"id": r.record_id, "ratio": canonical(Decimal(r.record["ratio"])),
                     "effective": r.end}
                    for r in splits[bisect_right(split_ends, previous_day.isoformat()):
                                    bisect_right(split_ends, span.end.isoformat())]]
            result = computed(figure, span.end, span)
            row["in_progress"] = [e.record_id for e in getattr(result, "in_progress", [])]
            rows.append(row)
            before, previous_day = value, span.end
    return {"company": company, "from": start.isoformat(), "to": end.isoformat(),
            "every": every, "figures": [f.name for f in chosen],
            "opening": [{"figure": f.name, "date": opening.isoformat(),
                         "value": _text(at(f, opening)), **status(f, opening)}
                        for f in chosen],
            "position": position, "rows": rows}


def _splits(cur: Any, company: str, after: date, until: date, position: int) -> list[Any]:
    """The stock splits visible at ``position`` dated in (after, until], by date."""
    from .versions import visible_rows

    low, high = after.isoformat(), until.isoformat()
    return [r for r in visible_rows(cur, company, position, types=(kinds.SPLIT,))
            if low < r.end <= high]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else canonical(value)


# --- the timeline a chart draws -----------------------------------------------------------------


def timeline(cur: Any, company: str, start: date, end: date, position: int,
             read: h.Journal | None = None) -> tuple[list[dict[str, Any]], list[h.Entry]]:
    """Holdings on ``start`` and on every day in (start, end] on which a flow or a disclosed
    balance ends (the only days holdings can change): the corners of a step line. Also the
    disclosed balances dated in ``start``..``end``, their content loaded. ``read``: the
    company's records at ``position``, if already read (``holdings.Journal``)."""
    from ledger import kinds

    # The journal read once: it gives the corner days (and the balances) too.
    journal = (h.entries(cur, company, end, position) if read is None
               else read.entries(end.isoformat()))
    after = (start - timedelta(days=1)).isoformat()
    inside = [e for e in journal if e.end > after]
    anchors = [e for e in inside if kinds.category(e.type) == "anchor"]
    days = sorted({start, *(date.fromisoformat(end_) for end_ in {e.end for e in inside})})
    points = []
    # The holdings computation on every corner day, the journal rolled forward once.
    for day, r in zip(days, h.roll(journal, company, days, position), strict=True):
        points.append({"date": day.isoformat(),
                       **{b: _text(r.value(b)) for b in (*h.BUCKETS, "unencumbered")},
                       "status": {b: r.status[b].status for b in (*h.BUCKETS, "unencumbered")}})
    h._load_content(cur, anchors)
    return points, anchors
