"""A company's bitcoin holdings as a chart (SVG or PNG), drawn from ``api.chart_data``.

A step line of total holdings (and loaned/pledged where they are ever non-zero), drawn only
where the figure is known: none before the first disclosed balance or recorded flow (that
stretch is shaded and labelled "not known"), and a dotted grey line, labelled, where it rests
on recorded flows only (no disclosed balance); each disclosed balance a marked point labelled
with the document and line it comes from; where a balance disagrees with the one before it
rolled forward, the unexplained variance is drawn as a red gap between the rolled-forward
figure and the disclosed one; flows still in progress on the last day are shaded over their
periods.

Drawn in two steps, with no plotting library: ``scene`` lays the chart out as a list of
shapes (lines, rectangles, markers, text) in pixels, grouped under the ids the tests and the
pages find them by; ``svg`` writes those shapes as SVG text and ``png`` paints the same
shapes with Pillow (imported only for a PNG). Nothing depends on the machine, the clock or
the locale: the same data gives the same bytes. Amounts stay ``Decimal`` until they become
pixel positions (written with two decimals); every label prints the exact decimal text, and
text from records is escaped for XML (``safetext.xml``, then ``&``, ``<``, ``>``, quotes):
it is never markup, and a ``$`` is a dollar sign.

``render(data, fmt)`` is the drawing entry point (bytes of an SVG or PNG); ``inline_svg``
gives the SVG to put inside an HTML page.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Any, Union

from .valueclass import Record

FORMATS = ("svg", "png")

#: The canvas (px) and the plot area inside it.
WIDTH, HEIGHT = 1000, 560
LEFT, RIGHT, TOP, BOTTOM = 100, 970, 67, 448
#: Text sizes (px) and the fonts asked for (the viewer picks the first it has).
FONT = "DejaVu Sans, Bitstream Vera Sans, Verdana, Arial, sans-serif"
SIZE, SMALL, LABEL, TITLE = Decimal("12.5"), Decimal("10.4"), Decimal("11.1"), Decimal("15.3")

_TOTAL, _LOANED, _PLEDGED = "#1f4e79", "#b8860b", "#6a3d9a"
_GAP, _PROGRESS = "#c0392b", "#f4b183"
_FLOWS_ONLY, _NOT_KNOWN, _GRID, _GREY = "#7f8c8d", "#eeeeee", "#dddddd", "#555555"
_DOTTED, _DASHED = (Decimal("2.8"), Decimal("4.6")), (Decimal("7.7"), Decimal("3.3"))
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

Number = Union[int, Decimal]
Point = tuple[Number, Number]


# --- shapes ----------------------------------------------------------------------------------


# Each shape is a plain mutable record, as the ``@dataclass`` it was (equality over its
# fields, a repr naming them, not hashable: ``valueclass.Record``), written out: building six
# dataclasses cost every chart and report about 2 ms at start-up.


class Line(Record):
    """A polyline (a step line, a tick, a gap, a legend handle)."""

    FIELDS = ("points", "stroke", "width", "dash", "opacity")

    def __init__(self, points: list[Point], stroke: str, width: Number = 1,
                 dash: tuple[Decimal, Decimal] | None = None, opacity: Decimal | None = None):
        self.points = points
        self.stroke = stroke
        self.width = width
        self.dash = dash
        self.opacity = opacity


class Rect(Record):
    FIELDS = ("x", "y", "w", "h", "fill", "stroke", "width", "opacity")

    def __init__(self, x: Number, y: Number, w: Number, h: Number, fill: str | None = None,
                 stroke: str | None = None, width: Number = 1, opacity: Decimal | None = None):
        self.x = x
        self.y = y
        self.w = w
        self.h = h
        self.fill = fill
        self.stroke = stroke
        self.width = width
        self.opacity = opacity


class Polygon(Record):
    FIELDS = ("points", "fill", "stroke")

    def __init__(self, points: list[Point], fill: str, stroke: str | None = None):
        self.points = points
        self.fill = fill
        self.stroke = stroke


class Circle(Record):
    FIELDS = ("x", "y", "r", "fill", "stroke", "width")

    def __init__(self, x: Number, y: Number, r: Number, fill: str, stroke: str,
                 width: Number = 1):
        self.x = x
        self.y = y
        self.r = r
        self.fill = fill
        self.stroke = stroke
        self.width = width


class Text(Record):
    """One line of text at its baseline; ``anchor`` start, middle or end; ``rotate`` -90
    turns it to read upwards. Named in a comment before it, as the text it shows."""

    FIELDS = ("x", "y", "text", "size", "fill", "anchor", "rotate")

    def __init__(self, x: Number, y: Number, text: str, size: Decimal = SIZE,
                 fill: str = "#000000", anchor: str = "start", rotate: int = 0):
        self.x = x
        self.y = y
        self.text = text
        self.size = size
        self.fill = fill
        self.anchor = anchor
        self.rotate = rotate


class Group(Record):
    """Shapes under one id (``holdings-total``, ``disclosed-balance-2``...), with an
    optional tooltip (``title``) naming what it marks."""

    FIELDS = ("id", "items", "title")

    def __init__(self, id: str, items: list[Any] | None = None, title: str | None = None):
        self.id = id
        self.items = [] if items is None else items
        self.title = title


Shape = Union[Line, Rect, Polygon, Circle, Text, Group]


# --- laying the chart out --------------------------------------------------------------------


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _btc(value: str | Decimal) -> str:
    return f"{Decimal(value):,f}"


def _width(text: str, size: Decimal) -> Decimal:
    """About how wide ``text`` is drawn (for laying labels out, not for drawing them)."""
    return len(text) * size * Decimal("0.6")


def _sources(record: dict[str, Any]) -> str:
    return ", ".join(f"{s['document']}:{s['line']}" for s in record.get("sources", []))


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


def _gid(name: str, drawn: dict[str, int], kind: str) -> str:
    """A segment's id: ``name`` for the first of its kind, then ``name-2``, ``name-3``..."""
    drawn[kind] = drawn.get(kind, 0) + 1
    return name if drawn[kind] == 1 else f"{name}-{drawn[kind]}"


def _nice_step(span: Decimal, most: int) -> Decimal:
    """The smallest of 1, 2, 2.5, 5 times a power of ten giving at most ``most`` steps."""
    base = Decimal(1).scaleb((span / most).adjusted())
    for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        if span / (base * m) <= most:
            return base * m
    return base * 10


def _value_ticks(low: Decimal, high: Decimal) -> list[Decimal]:
    step = _nice_step(high - low, 8)
    tick = (low / step).to_integral_value(ROUND_CEILING) * step
    ticks = []
    while tick <= high:
        ticks.append(tick)
        tick += step
    return ticks


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _date_ticks(first: date, end: date) -> list[tuple[date, str]]:
    """Dates to mark between ``first`` and ``end`` (at most about 11), with their labels:
    days, months (the year at each January) or years, whichever fits."""
    days = (end - first).days
    for step in (1, 2, 3, 7, 14):
        if days / step <= 11:
            ticks, day = [], first
            while day <= end:
                label = _MONTHS[day.month - 1] if day.day == 1 else f"{day.day:02d}"
                ticks.append((day, str(day.year) if (day.month, day.day) == (1, 1) else label))
                day += timedelta(days=step)
            return ticks
    months = (end.year - first.year) * 12 + end.month - first.month + 1
    for step in (1, 2, 3, 4, 6, 12, 24, 60, 120, 240, 600, 1200):
        if months / step <= 11:
            break
    ticks, day = [], date(first.year, 1, 1)
    while day <= end:
        keep = (day.month - 1) % step == 0 if step < 12 else (
            day.month == 1 and day.year % (step // 12) == 0)
        if keep and day >= first:
            ticks.append((day, str(day.year) if day.month == 1 else _MONTHS[day.month - 1]))
        day = _add_months(day, 1 if step < 12 else 12)
    return ticks


class _Labels:
    """Where labels already stand, so a label that would overlap one is left out of the
    picture (it stays in its group's tooltip and comment). Only labels drawn are kept, and
    few fit on the plot, so checking each against all of them stays cheap."""

    def __init__(self) -> None:
        self.boxes: list[tuple[Decimal, Decimal, Decimal, Decimal]] = []

    def fits(self, x0: Decimal, y0: Decimal, x1: Decimal, y1: Decimal) -> bool:
        for a0, b0, a1, b1 in self.boxes:
            if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                return False
        self.boxes.append((x0, y0, x1, y1))
        return True


def scene(data: dict[str, Any]) -> list[Shape]:
    """The chart of ``data`` (``api.chart_data``) as shapes in pixels, in drawing order."""
    first, last = _day(data["from"]), _day(data["to"])
    end = last + timedelta(days=1)
    points, balances = data["points"], data["balances"]
    x0, span = first.toordinal(), Decimal(max((end - first).days, 1))
    width, height = Decimal(RIGHT - LEFT), Decimal(BOTTOM - TOP)

    def x(day: date) -> Decimal:
        return LEFT + (day.toordinal() - x0) * width / span

    values = [Decimal(p["total"]) for p in points if p["total"] is not None] + [
        Decimal(b["btc"]) for b in balances]
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    high = high + (high - low) * Decimal("0.2") or Decimal(1)

    def y(value: Decimal) -> Decimal:
        return BOTTOM - (value - low) * height / (high - low)

    days = [_day(p["date"]) for p in points] + [end]
    xs = [x(d) for d in days]
    shapes: list[Shape] = [Rect(0, 0, WIDTH, HEIGHT, fill="#ffffff")]
    legend: list[tuple[str, Shape]] = []

    # The grid and the axes' ticks, under everything drawn from the data.
    axes = Group("chart-axes")
    for tick in _value_ticks(low, high):
        at = y(tick)
        axes.items += [Line([(LEFT, at), (RIGHT, at)], _GRID, Decimal("0.8")),
                       Line([(LEFT - 5, at), (LEFT, at)], "#000000", Decimal("0.8")),
                       Text(LEFT - 8, at + SIZE * Decimal("0.35"), _btc(tick.normalize()),
                            anchor="end")]
    for day, label in _date_ticks(first, end):
        at = x(day)
        axes.items += [Line([(at, TOP), (at, BOTTOM)], _GRID, Decimal("0.8")),
                       Line([(at, BOTTOM), (at, BOTTOM + 5)], "#000000", Decimal("0.8")),
                       Text(at, BOTTOM + 8 + SIZE, label, anchor="middle")]
    axes.items.append(Text(LEFT - 70, (TOP + BOTTOM) / 2, "BTC", anchor="middle", rotate=-90))
    shapes.append(axes)

    # Where holdings are not known: no line, a pale band and a note.
    gaps = 0
    for i, point in enumerate(points):
        if point["total"] is None and (i == 0 or points[i - 1]["total"] is not None):
            stop = next((j for j in range(i, len(points)) if points[j]["total"] is not None),
                        len(points))
            gaps += 1
            shapes.append(Group(f"not-known-{gaps}", [
                Rect(xs[i], TOP, xs[stop] - xs[i], height, fill=_NOT_KNOWN)]))
    if gaps:
        shapes.append(Text(LEFT + 9, TOP + 4 + SMALL,
                           "holdings not known where shaded: nothing recorded gives them, or "
                           "flows alone sum below zero", SMALL, _GREY))

    progress_label = None
    for i, progress in enumerate(data["in_progress"], 1):
        start = x(max(_day(progress["start"]), first))
        amount = f" {_btc(progress['btc'])} BTC" if progress.get("btc") else ""
        group = Group(f"in-progress-{i}", [
            Rect(start, TOP, RIGHT - start, height, fill=_PROGRESS, opacity=Decimal("0.35")),
            Text(RIGHT - 6, BOTTOM - 6 - 15 * (i - 1),
                 f"in progress: {progress['type']}{amount} ({progress['effective']})", SMALL,
                 "#8a4b08", anchor="end")])
        shapes.append(group)
        progress_label = progress_label or Rect(0, -5, 28, 10, fill=_PROGRESS,
                                                opacity=Decimal("0.35"))

    # The step lines: total, then loaned and pledged where ever non-zero.
    drawn: dict[str, int] = {}
    kinds_drawn: list[str] = []

    def step_line(bucket: str, start: int, stop: int) -> list[Point]:
        line: list[Point] = []
        for i in range(start, stop):
            level = y(Decimal(points[i][bucket]))
            line += [(xs[i], level), (xs[i + 1], level)]
        return line

    for kind, start, stop in _runs(points, "total"):
        flows_only = kind == "flows only"
        name = "holdings-total-flows-only" if flows_only else "holdings-total"
        colour = _FLOWS_ONLY if flows_only else _TOTAL
        dash = _DOTTED if flows_only else None
        shapes.append(Group(_gid(name, drawn, kind), [
            Line(step_line("total", start, stop), colour, Decimal("2.8"), dash)]))
        if kind not in kinds_drawn:
            kinds_drawn.append(kind)
            legend.append(("flows only: no disclosed balance yet" if flows_only
                           else "total holdings",
                           Line([(0, 0), (28, 0)], colour, Decimal("2.8"), dash)))
    for bucket, colour in (("loaned", _LOANED), ("pledged", _PLEDGED)):
        if not any(p[bucket] is not None and Decimal(p[bucket]) != 0 for p in points):
            continue
        for kind, start, stop in _runs(points, bucket):
            dash = _DOTTED if kind == "flows only" else _DASHED
            shapes.append(Group(_gid(f"holdings-{bucket}", drawn, f"{bucket}-{kind}"), [
                Line(step_line(bucket, start, stop), colour, Decimal("2.1"), dash)]))
            if bucket not in kinds_drawn:
                kinds_drawn.append(bucket)
                legend.append((bucket, Line([(0, 0), (28, 0)], colour, Decimal("2.1"),
                                            _DASHED)))
    if progress_label is not None:
        legend.append(("in progress on the last day", progress_label))

    # Each disclosed balance: a diamond labelled with its amount and sources; a red gap down
    # (or up) to the figure rolled forward where they disagree.
    labels = _Labels()
    variances = 0
    for i, balance in enumerate(balances, 1):
        at, disclosed = x(_day(balance["date"])), Decimal(balance["btc"])
        level = y(disclosed)
        unexplained = Decimal(balance["unexplained"] or 0)
        if unexplained != 0:
            expected = y(Decimal(balance["expected"]))
            variances += 1
            text = f"unexplained {unexplained:+,f}"
            middle = (expected + level) / 2
            gap = Group(f"unexplained-{i}", [
                Line([(at, expected), (at, level)], _GAP, 7, opacity=Decimal("0.55"))],
                title=text)
            if labels.fits(at + 11, middle - LABEL, at + 11 + _width(text, LABEL),
                           middle + LABEL / 2):
                gap.items.append(Text(at + 11, middle + LABEL * Decimal("0.35"), text, LABEL,
                                      _GAP))
            shapes += [gap, Group(f"rolled-forward-{i}", [
                Circle(at, expected, Decimal("4.2"), "#ffffff", _GAP, Decimal("1.4"))])]
            if variances == 1:
                legend.append(("unexplained variance",
                               Line([(0, 0), (28, 0)], _GAP, 7, opacity=Decimal("0.55"))))
        amount, cited = f"{_btc(disclosed)} BTC", _sources(balance)
        mark = Group(f"disclosed-balance-{i}", [Polygon(
            [(at, level - 6), (at + 6, level), (at, level + 6), (at - 6, level)], "#000000")],
            title=f"{amount}, {balance['date']}: {cited}")
        right, base = at - 8, level - 14
        wide = max(_width(amount, SMALL), _width(cited, SMALL))
        if labels.fits(right - wide, base - 2 * SMALL - 2, right, base + 2):
            mark.items += [Text(right, base - SMALL - 2, amount, SMALL, anchor="end"),
                           Text(right, base, cited, SMALL, anchor="end")]
        shapes.append(mark)
        if i == 1:
            legend.append(("disclosed balance", Polygon(
                [(14, -6), (20, 0), (14, 6), (8, 0)], "#000000")))

    shapes.append(Group("chart-frame", [Rect(LEFT, TOP, width, height, stroke="#000000",
                                              width=Decimal("0.8"))]))
    shapes.append(Text((LEFT + RIGHT) / 2, TOP - 10,
                       f"{data['company']} bitcoin holdings, {data['from']} to {data['to']}",
                       TITLE, anchor="middle"))
    shapes.append(_legend(legend))
    known = f"as known at {data['known_at']}" if data.get("known_at") else "as known now"
    shapes.append(Text(LEFT, HEIGHT - 11, f"caledger: {known}, store position "
                       f"@{data['position']}, head {data['head_hash'][:16]}", SMALL, _GREY))
    return shapes


def _legend(entries: list[tuple[str, Shape]]) -> Group:
    """The legend below the plot: rows of handle and label, centred, at most five a row."""
    group = Group("chart-legend")
    rows: list[list[tuple[str, Shape, Decimal]]] = [[]]
    for label, handle in entries:
        wide = 36 + _width(label, LABEL) + 24
        if len(rows[-1]) == 5 or (rows[-1] and sum(w for *_, w in rows[-1]) + wide > WIDTH):
            rows.append([])
        rows[-1].append((label, handle, wide))
    for r, row in enumerate(rows):
        at = Decimal(WIDTH - sum(w for *_, w in row)) / 2
        middle = BOTTOM + 45 + 20 * r
        for label, handle, wide in row:
            group.items.append(_moved(handle, at, middle))
            group.items.append(Text(at + 36, middle + LABEL * Decimal("0.35"), label, LABEL))
            at += wide
    return group


def _moved(shape: Shape, dx: Decimal, dy: Number) -> Shape:
    if isinstance(shape, (Line, Polygon)):
        moved = [(px + dx, py + dy) for px, py in shape.points]
        return Line(moved, shape.stroke, shape.width, shape.dash, shape.opacity) \
            if isinstance(shape, Line) else Polygon(moved, shape.fill, shape.stroke)
    assert isinstance(shape, Rect)
    return Rect(shape.x + dx, shape.y + dy, shape.w, shape.h, shape.fill, shape.stroke,
                shape.width, shape.opacity)


# --- SVG -------------------------------------------------------------------------------------


def _n(value: Number) -> str:
    """A coordinate: two decimals at most, no trailing zeros (``12``, ``12.5``, ``-3.25``)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(value: str) -> str:
    from .safetext import xml

    return (xml(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _comment(value: str) -> str:
    """``value`` safe inside an XML (and HTML) comment: ``--`` never appears."""
    return _text(value).replace("--", "&#45;&#45;")


def _path(points: list[Point]) -> str:
    """A polyline as path data, horizontal and vertical steps written as H and V."""
    (px, py), *rest = points
    out = [f"M{_n(px)} {_n(py)}"]
    for nx, ny in rest:
        if ny == py and nx != px:
            out.append(f"H{_n(nx)}")
        elif nx == px and ny != py:
            out.append(f"V{_n(ny)}")
        elif (nx, ny) != (px, py):
            out.append(f"L{_n(nx)} {_n(ny)}")
        px, py = nx, ny
    return "".join(out)


def _svg_shape(shape: Shape, out: list[str], comments: bool) -> None:
    if isinstance(shape, Group):
        out.append(f'<g id="{_text(shape.id)}">')
        if shape.title is not None:
            out.append(f"<title>{_text(shape.title)}</title>")
            if comments:
                out.append(f"<!-- {_comment(shape.title)} -->")
        for item in shape.items:
            _svg_shape(item, out, comments)
        out.append("</g>")
    elif isinstance(shape, Line):
        extra = ""
        if shape.dash:
            extra += f' stroke-dasharray="{_n(shape.dash[0])} {_n(shape.dash[1])}"'
        if shape.opacity is not None:
            extra += f' stroke-opacity="{_n(shape.opacity)}"'
        out.append(f'<path d="{_path(shape.points)}" fill="none" stroke="{shape.stroke}" '
                   f'stroke-width="{_n(shape.width)}"{extra}/>')
    elif isinstance(shape, Rect):
        paint = f' fill="{shape.fill}"' if shape.fill else ' fill="none"'
        if shape.stroke:
            paint += f' stroke="{shape.stroke}" stroke-width="{_n(shape.width)}"'
        if shape.opacity is not None:
            paint += f' fill-opacity="{_n(shape.opacity)}"'
        out.append(f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.w)}" '
                   f'height="{_n(shape.h)}"{paint}/>')
    elif isinstance(shape, Polygon):
        corners = " ".join(f"{_n(px)},{_n(py)}" for px, py in shape.points)
        out.append(f'<polygon points="{corners}" fill="{shape.fill}"/>')
    elif isinstance(shape, Circle):
        out.append(f'<circle cx="{_n(shape.x)}" cy="{_n(shape.y)}" r="{_n(shape.r)}" '
                   f'fill="{shape.fill}" stroke="{shape.stroke}" '
                   f'stroke-width="{_n(shape.width)}"/>')
    else:
        if comments:
            out.append(f"<!-- {_comment(shape.text)} -->")
        turn = (f' transform="rotate({shape.rotate} {_n(shape.x)} {_n(shape.y)})"'
                if shape.rotate else "")
        anchor = f' text-anchor="{shape.anchor}"' if shape.anchor != "start" else ""
        size = f' font-size="{_n(shape.size)}"' if shape.size != SIZE else ""
        fill = f' fill="{shape.fill}"' if shape.fill != "#000000" else ""
        out.append(f'<text x="{_n(shape.x)}" y="{_n(shape.y)}"{anchor}{size}{fill}{turn}>'
                   f"{_text(shape.text)}</text>")


def svg(data: dict[str, Any], *, standalone: bool = True) -> str:
    """The chart as SVG text. ``standalone``: a file of its own (the XML declaration, and
    each text named in a comment); otherwise the bare ``<svg>`` element to put inside HTML,
    with no ``<style>`` or ``style`` attribute (a page served under a Content-Security-Policy
    without ``'unsafe-inline'`` keeps every presentation attribute)."""
    out = ['<?xml version="1.0" encoding="utf-8" standalone="no"?>'] if standalone else []
    out.append(f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" '
               f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT}" '
               f'font-size="{_n(SIZE)}">')
    for shape in scene(data):
        _svg_shape(shape, out, standalone)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def inline_svg(data: dict[str, Any]) -> str:
    """The chart as an ``<svg>`` element for an HTML page (``report`` and ``serve``)."""
    return svg(data, standalone=False)


# --- PNG -------------------------------------------------------------------------------------

#: The PNG is painted this many times larger, then scaled down (smooth edges).
_SCALE = 2


def _rgb(colour: str, opacity: Decimal | None = None) -> tuple[int, int, int]:
    """A colour as RGB, blended onto the white canvas when it is translucent (the PNG's
    simplification: a translucent shape is painted as the colour it shows over white)."""
    rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    if opacity is None:
        return rgb  # type: ignore[return-value]
    return tuple(int((c * opacity + 255 * (1 - opacity)).to_integral_value())  # type: ignore[return-value]
                 for c in rgb)


def _px(value: Number) -> int:
    """A length or coordinate on the PNG's canvas (``_SCALE`` times the SVG's), in whole
    device pixels: Pillow paints pixels, and the geometry stays Decimal until here."""
    return int((Decimal(value) * _SCALE).to_integral_value())


def _dashes(points: list[tuple[int, int]], on: int, off: int) -> list[list[tuple[int, int]]]:
    """A polyline cut into its dashes (each a polyline), the pattern running on across
    corners (in device pixels; each cut rounded to a whole pixel)."""
    dashes: list[list[tuple[int, int]]] = []
    drawing, left = True, Decimal(on)
    current: list[tuple[int, int]] = [points[0]]
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        length = Decimal((bx - ax) ** 2 + (by - ay) ** 2).sqrt()
        done = Decimal(0)
        while length - done > left:
            done += left
            t = done / length
            here = (int((ax + (bx - ax) * t).to_integral_value()),
                    int((ay + (by - ay) * t).to_integral_value()))
            if drawing:
                current.append(here)
                dashes.append(current)
            current = [here]
            drawing, left = not drawing, Decimal(off if drawing else on)
        left -= length - done
        if drawing:
            current.append((bx, by))
        else:
            current = [(bx, by)]
    if drawing and len(current) > 1:
        dashes.append(current)
    return dashes


def png(data: dict[str, Any]) -> bytes:
    """The chart as PNG bytes: the same shapes as the SVG, painted by Pillow with its own
    bundled font (nothing read from the machine's fonts), no metadata."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    s = _SCALE
    image = Image.new("RGB", (WIDTH * s, HEIGHT * s), "#ffffff")
    draw = ImageDraw.Draw(image)
    fonts: dict[Decimal, Any] = {}

    def font(size: Decimal) -> Any:
        if size not in fonts:
            fonts[size] = ImageFont.load_default(size=_px(size))
        return fonts[size]

    def xy(points: list[Point]) -> list[tuple[int, int]]:
        return [(_px(px), _px(py)) for px, py in points]

    def paint(shape: Shape) -> None:
        if isinstance(shape, Group):
            for item in shape.items:
                paint(item)
        elif isinstance(shape, Line):
            colour, width = _rgb(shape.stroke, shape.opacity), max(1, round(shape.width * s))
            lines = [xy(shape.points)]
            if shape.dash:
                lines = _dashes(lines[0], _px(shape.dash[0]), _px(shape.dash[1]))
            for line in lines:
                draw.line(line, fill=colour, width=width, joint="curve" if width > 2 else None)
        elif isinstance(shape, Rect):
            box = [_px(shape.x), _px(shape.y), _px(shape.x + shape.w), _px(shape.y + shape.h)]
            draw.rectangle(box, fill=_rgb(shape.fill, shape.opacity) if shape.fill else None,
                           outline=_rgb(shape.stroke) if shape.stroke else None,
                           width=max(1, round(shape.width * s)) if shape.stroke else 0)
        elif isinstance(shape, Polygon):
            draw.polygon(xy(shape.points), fill=_rgb(shape.fill))
        elif isinstance(shape, Circle):
            cx, cy, r = _px(shape.x), _px(shape.y), _px(shape.r)
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_rgb(shape.fill),
                         outline=_rgb(shape.stroke), width=max(1, round(shape.width * s)))
        else:
            from .safetext import xml

            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
            text = xml(shape.text)[:2000]
            if not shape.rotate:
                draw.text((_px(shape.x), _px(shape.y)), text, fill=_rgb(shape.fill),
                          font=font(shape.size), anchor=anchor)
                return
            face = font(shape.size)
            left, top, right, bottom = draw.textbbox((0, 0), text, font=face, anchor="lt")
            label = Image.new("L", (int(right - left) + 2, int(bottom - top) + 2), 0)
            ImageDraw.Draw(label).text((1 - left, 1 - top), text, fill=255, font=face,
                                      anchor="lt")
            label = label.rotate(90, expand=True)
            at = (_px(shape.x) - label.width // 2, _px(shape.y) - label.height // 2)
            image.paste(Image.new("RGB", label.size, _rgb(shape.fill)), at, label)

    for shape in scene(data):
        paint(shape)
    out = io.BytesIO()
    image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS).save(out, format="PNG")
    return out.getvalue()


# --- entry points ----------------------------------------------------------------------------


def render(data: dict[str, Any], fmt: str = "svg") -> bytes:
    """The chart of ``data`` (``api.chart_data``) as SVG or PNG bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"chart format {fmt!r}: use svg or png")
    return svg(data).encode("utf-8") if fmt == "svg" else png(data)


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
