"""A company's bitcoin holdings as a chart (SVG or PNG), drawn from ``api.chart_data``.

A step line of total holdings (and loaned/pledged where they are ever non-zero), drawn only
where the figure is known: none before the first disclosed balance or recorded flow, and a
dotted grey line, labelled, where it rests on recorded flows only (no disclosed balance); each
disclosed balance a marked point labelled with the document and line it comes from; where a
balance disagrees with the one before it rolled forward, the unexplained variance is drawn
as a red gap between the rolled-forward figure and the disclosed one; flows still in
progress on the last day are shaded over their periods.

Rendered without a display (matplotlib's Agg/SVG canvases, no pyplot), with every setting
that could vary between machines or runs fixed: the same ledger gives a byte-identical SVG.
Amounts reach matplotlib as ``Decimal``; it turns them into pixel positions, nothing more,
and every label prints the exact decimal text.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

#: Fixed drawing settings: fonts shipped with matplotlib itself, text as paths, a fixed salt
#: for the ids the SVG writer generates. Nothing depends on the machine's fonts or the clock.
RC = {
    "svg.hashsalt": "caledger",
    "svg.fonttype": "path",
    "svg.image_inline": True,
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 11,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "path.simplify": False,
    "axes.formatter.useoffset": False,
    "date.converter": "concise",
    # Text from records (document names, types) is never markup: a "$" is a dollar sign,
    # never matplotlib mathtext (which a document name could make crash or run for long).
    "text.parse_math": False,
    "text.usetex": False,
}
FORMATS = ("svg", "png")

_TOTAL, _LOANED, _PLEDGED = "#1f4e79", "#b8860b", "#6a3d9a"
_GAP, _PROGRESS = "#c0392b", "#f4b183"
_FLOWS_ONLY = "#7f8c8d"


def _gid(name: str, drawn: set[str], kind: str) -> str:
    """A segment's id: ``name`` for the first of its kind, then ``name-2``, ``name-3``..."""
    count = sum(1 for d in drawn if d == kind or d.startswith(f"{kind}#"))
    drawn.add(f"{kind}#{count + 1}")
    return name if count == 0 else f"{name}-{count + 1}"


def _runs(points: list[dict[str, Any]], bucket: str) -> list[tuple[str, int, int]]:
    """Consecutive points on which a bucket is known the same way: ``(kind, start, stop)``
    with kind "known" or "flows only"; points where it is not known start no run, so no line
    is drawn there."""
    runs: list[tuple[str, int, int]] = []
    for i, point in enumerate(points):
        status = point.get("status", {}).get(bucket, "derived")
        if point[bucket] is None or status == "not known":
            continue
        kind = "flows only" if status == "flows only" else "known"
        if runs and runs[-1][0] == kind and runs[-1][2] == i:
            runs[-1] = (kind, runs[-1][1], i + 1)
        else:
            runs.append((kind, i, i + 1))
    return runs


def _btc(text: str | Decimal) -> str:
    return f"{Decimal(text):,f}"


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _sources(record: dict[str, Any]) -> str:
    """The record's sources as a label: text only (mathtext is off, see ``RC``), every
    character an SVG can hold (a control character is shown escaped)."""
    from .safetext import xml

    return xml(", ".join(f"{s['document']}:{s['line']}" for s in record.get("sources", [])))


def render(data: dict[str, Any], fmt: str = "svg") -> bytes:
    """The chart of ``data`` (``api.chart_data``) as SVG or PNG bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"chart format {fmt!r}: use svg or png")
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(10, 5.6))
        ax = fig.add_subplot()
        _draw(ax, data)
        fig.subplots_adjust(left=0.1, right=0.97, top=0.88, bottom=0.2)
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(out, format=fmt, metadata=metadata)
    if fmt == "svg":  # well-formed XML whatever text reached it
        from .safetext import xml

        return xml(out.getvalue().decode("utf-8")).encode("utf-8")
    return out.getvalue()


def write(data: dict[str, Any], path: str | Path, *, ledger: str | None = None,
          force: bool = False) -> str:
    """Write the chart to ``path``; its suffix (.svg or .png) picks the format. Never over
    the ledger, nor over a file of another kind without ``force`` (``ledger/outputs.py``)."""
    from . import outputs

    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f'--out "{path}": name a .svg or .png file')
    kind = outputs.SVG if fmt == "svg" else outputs.PNG
    outputs.check_target(str(path), option="--out", kind=kind, ledger=ledger, force=force)
    content = render(data, fmt)
    outputs.write_output(str(path), content, option="--out", kind=kind, ledger=ledger,
                         force=force)
    return fmt


def _draw(ax: Any, data: dict[str, Any]) -> None:
    first, last = _day(data["from"]), _day(data["to"])
    points = data["points"]
    drawn: set[str] = set()
    days = [_day(p["date"]) for p in points] + [last + timedelta(days=1)]

    for kind, start, stop in _runs(points, "total"):
        values = [Decimal(p["total"]) for p in points[start:stop]]
        flows_only = kind == "flows only"
        ax.step(days[start:stop + 1], values + values[-1:], where="post",
                color=_FLOWS_ONLY if flows_only else _TOTAL, linewidth=2,
                linestyle=":" if flows_only else "-",
                label=("flows only: no disclosed balance yet" if flows_only
                       else "total holdings") if kind not in drawn else None,
                gid=_gid("holdings-total-flows-only" if flows_only else "holdings-total", drawn,
                         kind))
        drawn.add(kind)
    for bucket, colour in (("loaned", _LOANED), ("pledged", _PLEDGED)):
        if not any(p[bucket] is not None and Decimal(p[bucket]) != 0 for p in points):
            continue
        for kind, start, stop in _runs(points, bucket):
            values = [Decimal(p[bucket]) for p in points[start:stop]]
            ax.step(days[start:stop + 1], values + values[-1:], where="post", color=colour,
                    linewidth=1.5, linestyle=":" if kind == "flows only" else "--",
                    label=bucket if bucket not in drawn else None,
                    gid=_gid(f"holdings-{bucket}", drawn, f"{bucket}-{kind}"))
            drawn.add(bucket)
            drawn.add(f"{bucket}-{kind}")
    unknown = [p["date"] for p in points if p["total"] is None]
    if unknown:
        ax.annotate("holdings not known before the first disclosed balance or recorded flow",
                    xy=(0.01, 0.97), xycoords="axes fraction", fontsize=7.5, va="top",
                    color="#555555")

    for i, progress in enumerate(data["in_progress"], 1):
        start = max(_day(progress["start"]), first)
        ax.axvspan(start, last + timedelta(days=1), color=_PROGRESS, alpha=0.35, linewidth=0,
                   gid=f"in-progress-{i}",
                   label="in progress on the last day" if i == 1 else None)
        amount = f" {_btc(progress['btc'])} BTC" if progress.get("btc") else ""
        ax.annotate(f"in progress: {progress['type']}{amount} ({progress['effective']})",
                    xy=(last + timedelta(days=1), 0.0), xycoords=("data", "axes fraction"),
                    xytext=(-4, 4 + 11 * (i - 1)), textcoords="offset points", ha="right",
                    fontsize=7.5, color="#8a4b08")

    gaps = 0
    for i, balance in enumerate(data["balances"], 1):
        day, disclosed = _day(balance["date"]), Decimal(balance["btc"])
        unexplained = Decimal(balance["unexplained"] or 0)
        if unexplained != 0:
            expected = Decimal(balance["expected"])
            gaps += 1
            ax.plot([day, day], [expected, disclosed], color=_GAP, linewidth=5, alpha=0.55,
                    solid_capstyle="butt", gid=f"unexplained-{i}",
                    label="unexplained variance" if gaps == 1 else None)
            ax.plot([day], [expected], marker="o", markersize=6, markerfacecolor="white",
                    markeredgecolor=_GAP, linestyle="none", gid=f"rolled-forward-{i}")
            ax.annotate(f"unexplained {unexplained:+,f}", xy=(day, (expected + disclosed) / 2),
                        xytext=(8, 0), textcoords="offset points", fontsize=8, color=_GAP,
                        va="center")
        ax.plot([day], [disclosed], marker="D", markersize=7, color="black", linestyle="none",
                gid=f"disclosed-balance-{i}",
                label="disclosed balance" if i == 1 else None)
        ax.annotate(f"{_btc(disclosed)} BTC\n{_sources(balance)}", xy=(day, disclosed),
                    xytext=(-6, 10), textcoords="offset points", ha="right", fontsize=7.5)

    ax.set_xlim(first, last + timedelta(days=1))
    values = [Decimal(p["total"]) for p in points if p["total"] is not None] + [
        Decimal(b["btc"]) for b in data["balances"]]
    low, high = min(Decimal(0), *values), max(Decimal(0), *values)
    ax.set_ylim(low, high + (high - low) * Decimal("0.2") or 1)
    ax.yaxis.set_major_formatter(_grouped)
    ax.set_ylabel("BTC")
    ax.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_title(f"{data['company']} bitcoin holdings, {data['from']} to {data['to']}")
    known = f"as known at {data['known_at']}" if data.get("known_at") else "as known now"
    ax.figure.text(0.1, 0.02, f"caledger: {known}, store position @{data['position']}, head "
                   f"{data['head_hash'][:16]}", fontsize=7.5, color="#555555")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=5, frameon=False,
              fontsize=8)


def _grouped(value: Any, _pos: Any) -> str:
    return f"{Decimal(str(value)).normalize():,f}"
