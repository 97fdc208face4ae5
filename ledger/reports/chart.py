"""What a holdings chart draws, from ``start`` to the day: the step line's corners
(``points``, ``projections/series``), the disclosed balances in range with the variance
``reconcile`` finds at each (``balances``), and the flows in progress on the last day
(``in_progress``). With ``out`` (.svg or .png), ``write`` draws it there (``ledger/chart``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import BadQuery
from .base import Result


class Chart(Result):
    name = "chart"

    @property
    def as_of(self) -> date | None:
        return date.fromisoformat(self._json["to"])

    def write(self, *, ledger: str | None = None, force: bool = False) -> None:
        """Draw the chart to its ``out`` file (``chart --out``)."""
        write(self, ledger=ledger, force=force)


def prepare(day: Any, *, start: Any = None, out: str | None = None, **opts: Any
            ) -> tuple[date, dict[str, Any]]:
    """``day`` is the last day (``--to``, default today), ``start`` the first (``--from``);
    ``out`` must name a .svg or .png file (checked first, before the days)."""
    if out is not None and not out.lower().endswith((".svg", ".png")):
        raise BadQuery(f'--out "{out}": name a .svg or .png file')
    first, last = span(start, day)
    return last, {"start": first, "out": out, **opts}


def span(start: Any, end: Any) -> tuple[date, date]:
    """``--from`` (a day, or a month, quarter or year's first day) and ``--to`` (a day, or a
    period's last day; default today, UTC)."""
    from ..days import today
    from .series import _day

    if start is None:
        raise BadQuery("--from: give the first day, month, quarter or year, e.g. 2024-Q4")
    first = _day("--from", start, last=False)
    last = _day("--to", end, last=True) or today()
    assert first is not None
    if last < first:
        raise BadQuery(f"--to {last} is before --from {first}; put the earlier one in --from")
    return first, last


def compute(snap: Any, company: str, day: date, *, start: date, out: str | None = None,
            **_: Any) -> Chart:
    data = chart_data(snap, company, start, day)
    return Chart(data, {**data, "out": out})


def chart_data(snap: Any, ticker: str, first: date, last: date, journal: Any = None
               ) -> dict[str, Any]:
    """The chart's data in an open snapshot (the report page draws its chart in its own,
    from the company's records it has read already: ``journal``, a ``holdings.Journal``)."""
    from projections import audit
    from projections import holdings as holdings_projection
    from projections import series as series_projection

    cur, p = snap.cur, snap.position
    if journal is not None:
        journal.check(ticker, p)
    points, anchors = series_projection.timeline(cur, ticker, first, last, p, journal)
    checked = {b["closing"]["id"]: b for b in audit.balance_checks(
        cur, ticker, p, ("total",), briefs=False, journal=journal)}
    final = holdings_projection.compute(cur, ticker, last, p, journal)
    balances = []
    for anchor in anchors:
        record = anchor.record()
        check = checked.get(anchor.record_id)
        balances.append({
            "id": anchor.record_id, "date": anchor.end, "btc": record["btc"],
            "loaned": record.get("loaned"), "pledged": record.get("pledged"),
            "sources": record.get("sources", []), "position": anchor.position,
            "expected": check["expected"] if check else None,
            "unexplained": check["unexplained"] if check else None})
    in_progress = [{"id": e.record_id, "type": e.type, "effective": e.effective,
                    "start": e.start, "end": e.end, "btc": e.record().get("btc"),
                    "sources": e.record().get("sources", [])} for e in final.in_progress]
    return {"company": ticker, "from": first.isoformat(), "to": last.isoformat(),
            "points": points, "balances": balances, "in_progress": in_progress,
            **snap.stamp()}


def write(result: Chart, *, ledger: str | None = None, force: bool = False) -> None:
    """Draw ``result`` to its ``out`` file with the drawing code (``ledger/chart.write``)."""
    from .. import chart as drawing

    out = result._json["out"]
    if out is None:
        raise BadQuery("chart: give out= (a .svg or .png file) to draw it")
    try:
        drawing.write(result.data, out, ledger=ledger, force=force)
    except OSError as e:
        raise BadQuery(f'--out "{out}": can\'t write it: {e.strerror or e}') from None
