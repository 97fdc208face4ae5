"""How a series looks: one table per figure (text), one row per period and figure (CSV)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..precision import shown
from . import FIGURE_COLUMNS, Printer, Rows, count, stamp_line, table, with_columns


def _amount(text: str | None, unit: str | None, *, sign: bool = False) -> str:
    """A change: signed, and to the figure's own precision (``ledger/precision.py``)."""
    if text is None:
        return "-"
    if sign and Decimal(text) != 0:
        figure = shown(text, unit)
        return figure if figure.startswith("-") else "+" + figure
    return shown(text, unit)


def _value(row: dict[str, Any], unit: str | None) -> str:
    """A series value: "not known" where nothing recorded gives it; a ratio to 12
    significant digits, dollars to the cent (``ledger/precision.py``)."""
    if row["value"] is None:
        return "not known" if row.get("status") == "not known" else "-"
    return shown(row["value"], unit)


#: Beside a change that spans a stock split; a footnote under the table names the split.
SPLIT_MARK = "*"


def _ratio(text: str) -> str:
    ratio = Decimal(text)
    return f"{text}-for-1" if ratio >= 1 else f"reverse, {text} new share per old share"


def _change(row: dict[str, Any], unit: str | None) -> str:
    change = _amount(row["change"], unit, sign=True)
    return f"{change} {SPLIT_MARK}" if row.get("splits") else change


def series_text(data: dict[str, Any]) -> str:
    lines = [stamp_line(f"{data['company']} by {data['every']}, {data['from']} to {data['to']}",
                        None, data)]
    for figure in data["figures"]:
        rows = [r for r in data["rows"] if r["figure"] == figure]
        opening = next(o for o in data["opening"] if o["figure"] == figure)
        split = bool(rows) and "flows" in rows[0]
        unit = rows[0]["unit"] if rows else ""
        body = [("opening", opening["date"], _value(opening, unit), "", *(("", "")
                                                                       if split else ()), "",
                 opening.get("status", ""))]
        for r in rows:
            body.append((r["period"], r["end"], _value(r, unit),
                         _change(r, unit),
                         *((_amount(r["flows"], unit, sign=True),
                            _amount(r["anchors"], unit, sign=True)) if split else ()),
                         len(r["in_progress"]) or "", r.get("status", "")))
        lines += ["", f"{figure} ({unit})" if unit else figure,
                  table(body, ("period", "end", "value", "change",
                               *(("by flows", "by disclosed balances") if split else ()),
                               "in progress", "status"))]
        for r in rows:
            if r.get("splits"):
                named = "; ".join(f"split {s['id']} on {s['effective']} ({_ratio(s['ratio'])})"
                                  for s in r["splits"])
                lines.append(f"  {SPLIT_MARK} {r['period']} spans {named}: values before it "
                             "are on the pre-split basis")
        for status in ("not known", "flows only"):
            marked = [r for r in [opening, *rows] if r.get("status") == status]
            if marked:
                last = marked[-1]
                lines.append(f"  {status} in {count(len(marked), 'row')}; at "
                             f"{last.get('period', 'opening')}: {last['reason']}")
    return "\n".join(lines)


def series_csv(data: dict[str, Any]) -> Rows:
    header = ("company", "figure", "unit", "period", "start", "end", "value", "change",
              "flows", "anchors", "flow_records", "anchor_records", "in_progress", "known_at",
              "position", "head_hash", "status", "splits")
    rows = [((data["company"], r["figure"], r["unit"], r["period"], r["start"], r["end"],
              r["value"], r["change"], r.get("flows"), r.get("anchors"),
              " ".join(r.get("flow_records", [])) or None,
              " ".join(r.get("anchor_records", [])) or None,
              " ".join(r["in_progress"]) or None, data["known_at"], data["position"],
              data["head_hash"], r.get("status"), _splits_cell(r)), {"reason": r.get("reason")})
            for r in data["rows"]]
    # no as_of: each row's day is its ``end`` (the JSON has none either)
    return with_columns(header, rows, FIGURE_COLUMNS)


def _splits_cell(row: dict[str, Any]) -> str | None:
    """The splits a row's change spans, ``ID:RATIO:DAY`` each, space-separated."""
    return " ".join(f"{s['id']}:{s['ratio']}:{s['effective']}"
                    for s in row.get("splits", [])) or None


SERIES = Printer(text=series_text, csv=series_csv)


def _chart_text(data: dict[str, Any]) -> str:
    gaps = sum(1 for b in data["balances"] if b["unexplained"] not in (None, "0"))
    return (f"wrote {data['out']}: {data['company']} {data['from']} to {data['to']}, "
            f"{count(len(data['points']), 'point')} on the step line, "
            f"{count(len(data['balances']), 'disclosed balance')} "
            f"({count(gaps, 'unexplained variance', 'unexplained variances')}), "
            f"{count(len(data['in_progress']), 'flow')} in progress")


def _chart_csv(data: dict[str, Any]) -> Rows:
    """The step line's corners: holdings on each day they can change."""
    return (("company", "date", "total", "loaned", "pledged", "unencumbered", "total_status"),
            [(data["company"], p["date"], p["total"], p["loaned"], p["pledged"],
              p["unencumbered"], p.get("status", {}).get("total")) for p in data["points"]])


#: ``chart``: what was drawn and where.
CHART = Printer(text=_chart_text, csv=_chart_csv)
