"""How reports look: text for people, JSON and CSV for programs. No click, no business rules.

Every query command builds one JSON-shaped value (the dict or list ``--json`` prints) and
hands it to a ``Printer``; text and CSV are derived from that same value, so the three
formats can never disagree. Printers for each family of reports live in their own module
beside this one (``holdings.py``, ``capital.py``, ...).
"""

from __future__ import annotations

from decimal import Decimal
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)

from .. import safetext
from ..valueclass import Value, _set
from ..values import JsonNumber

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any

# csv, json and orjson (which loads dataclasses, uuid and platform) are imported where a CSV
# or JSON form is written, not by every text command's start-up.

#: The formats every query command offers; a printer may add more (e.g. "atom").
FORMATS = ("text", "json", "csv")

Rows = "tuple[Sequence[str], Iterable[Sequence[Any]]]"  # a CSV's header and rows


class Printer(Value):
    """How one kind of report is shown: ``text(data) -> str`` and ``csv(data) -> (header,
    rows)``, both over the JSON-shaped data; ``extra`` maps further format names to
    ``data -> str``. A frozen value (``valueclass``)."""

    FIELDS = ("text", "csv", "extra")
    __slots__ = FIELDS
    text: Callable[[Any], str]
    csv: Callable[[Any], Rows] | None
    extra: dict[str, Callable[[Any], str]]

    def __init__(self, text: Callable[[Any], str], csv: Callable[[Any], Rows] | None = None,
                 extra: dict[str, Callable[[Any], str]] | None = None) -> None:
        _set(self, "text", text)
        _set(self, "csv", csv)
        _set(self, "extra", {} if extra is None else extra)

    @property
    def formats(self) -> tuple[str, ...]:
        return (*(f for f in FORMATS if f != "csv" or self.csv is not None), *self.extra)


def render(fmt: str, data: Any, printer: Printer) -> str:
    """``data`` in format ``fmt`` ("text", "json", "csv" or one of ``printer.extra``)."""
    if fmt == "json":
        return to_json(data)
    if fmt == "csv":
        if printer.csv is None:
            raise ValueError("this report has no CSV form")
        return to_csv(*printer.csv(data))
    if fmt == "text":  # for a terminal: text from records never runs as an escape sequence
        return safetext.terminal(printer.text(data))
    out = printer.extra[fmt](data)
    return safetext.xml(out) if out.startswith("<?xml") else out


def to_json(data: Any) -> str:
    """``data`` as JSON indented by two spaces, non-ASCII kept as is, a ``Decimal`` as its
    string: exactly the text ``json.dumps(data, indent=2, ensure_ascii=False)`` writes.

    orjson writes it, about ten times quicker on a large report, whenever the data holds
    only what the two write byte for byte alike: dicts, lists, tuples, text, whole numbers,
    true/false, null and Decimals. Anything else (a float, which orjson writes as ``1e-5``
    or ``0.00001`` where json writes ``1e-05``, and NaN as null; an enum; a key that is not
    text; a number beyond 64 bits; a lone surrogate; nesting past orjson's limit) is written
    by json itself, as before. ``tests/test_json_output.py`` holds the two equal.
    """
    if _plain(data):
        import orjson
        try:
            return orjson.dumps(data, default=_json_default, option=orjson.OPT_INDENT_2).decode()
        except orjson.JSONEncodeError:
            pass
    import json
    return json.dumps(data, indent=2, ensure_ascii=False, default=_json_default)


#: Values orjson and json write alike (``JsonNumber``: text, as json writes any str).
_SCALARS = frozenset({str, int, bool, type(None), Decimal, JsonNumber})
_CONTAINERS = (dict, list, tuple)
#: orjson's own nesting limit; deeper data (or a cycle) is left to json.
_MAX_DEPTH = 254


def _plain(data: Any) -> bool:
    """Whether ``data`` holds only ``_SCALARS`` in dicts, lists and tuples (one walk)."""
    if type(data) not in _CONTAINERS:
        return type(data) in _SCALARS
    stack = [(data, 0)]
    pop, push, scalars = stack.pop, stack.append, _SCALARS
    while stack:
        value, depth = pop()
        if depth > _MAX_DEPTH:
            return False
        for item in (value.values() if type(value) is dict else value):
            kind = type(item)
            if kind in scalars:
                continue
            if kind is dict or kind is list or kind is tuple:
                push((item, depth + 1))
            else:
                return False
    return True


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """RFC 4180 CSV with a header row; None is an empty cell, everything else its text
    (amounts arrive as decimal strings and stay exact). No cell reaches a spreadsheet as a
    formula (``safetext.csv_cell``)."""
    import csv
    out = _lines()
    # "\r\n" makes the writer quote a cell holding a carriage return as well as a line
    # feed (with "\n" alone, a lone CR went out unquoted and split the row); each row
    # still ends in "\n".
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else safetext.csv_cell(_cell(v)) for v in row])
    return out.getvalue().rstrip("\n")


#: The columns every figure row of a report's CSV carries, by these names: the figure's value,
#: its status and why (the reason JSON gives), then the report's stamp (where its JSON has one).
FIGURE_COLUMNS = ("value", "status", "reason")
STAMP_COLUMNS = ("as_of", "known_at", "position", "head_hash")


def stamp(report: dict[str, Any]) -> dict[str, Any]:
    """A report's stamp for ``with_columns``: the ``STAMP_COLUMNS`` its JSON has, and its
    ``since`` (the start of a period) if it has one."""
    return {name: report[name] for name in (*STAMP_COLUMNS, "since") if name in report}


def with_columns(header: Sequence[str], rows: Iterable[tuple[Sequence[Any], dict[str, Any]]],
                 names: Sequence[str]) -> Rows:
    """A CSV's ``header`` and rows with each column of ``names`` the header lacks added at its
    end, in that order: what a report's CSV had keeps its place (a reader by column name or
    position still works), and every report gains the common columns (``FIGURE_COLUMNS``,
    ``STAMP_COLUMNS``). Each of ``rows`` is ``(cells, more)``: its cells under ``header``, and
    a dict giving the added columns' cells (a missing one is empty)."""
    added = [name for name in names if name not in header]
    return (*header, *added), [(*cells, *(more.get(name) for name in added))
                               for cells, more in rows]


def _lines() -> Any:
    """A ``StringIO`` keeping what ``csv.writer`` writes (one row per call), each row ending
    in "\n" (its class made on first use: ``io`` is not loaded by text output)."""
    global _Lines
    if _Lines is None:
        import io

        class _Lines(io.StringIO):  # type: ignore[no-redef]
            def write(self, row: str) -> int:
                return super().write(row[:-2] + "\n" if row.endswith("\r\n") else row)
    return _Lines()


_Lines: Any = None


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        import json
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def sources_text(record: dict[str, Any]) -> str:
    """``doc:line, doc:line`` for a record's sources."""
    return ", ".join([f"{s['document']}:{s['line']}" for s in record.get("sources", [])])


# --- numbers for people ----------------------------------------------------------------------


def btc(text: str | Decimal) -> str:
    """A BTC (or any exact) figure for people: thousands grouped, exact; a quotient's digits
    beyond a stated amount's 8 places (notes as converted at a conversion price) to 12
    significant ones (``ledger/precision.py``)."""
    if text.__class__ is str:
        # A plain decimal (``-12345.678``: ASCII digits, no leading zero, up to a stated
        # amount's 8 places), as a figure's text and a record's amount are written: what
        # ``shown`` gives it (thousands grouped, its own places kept), without parsing a
        # Decimal (a test holds the two equal on any text). A report lists thousands.
        body = text[1:] if text[:1] == "-" else text
        whole, dot, places = body.partition(".")
        if whole.isdigit() and whole.isascii() and (whole[0] != "0" or whole == "0") and (
                not dot or (places.isdigit() and places.isascii() and len(places) <= 8)):
            return text[:len(text) - len(body)] + f"{int(whole):,}" + dot + places
    from ..precision import shown

    return shown(text)


def figure_lines(figures: Sequence[tuple[str, str | None, str, str, str]]) -> list[str]:
    """``(name, value, unit, status, reason)`` as aligned lines: each value with its status
    and what it rests on, or "not known" and why."""
    shown = [btc(value) if value is not None and status != "not known" else "not known"
             for _, value, _, status, _ in figures]
    name_width = max(len(name) for name, *_ in figures)
    width = max(len(text) for text in shown)
    unit_width = max(len(unit) for _, _, unit, _, _ in figures)
    lines = []
    for (name, _, unit, status, reason), text in zip(figures, shown, strict=True):
        if text == "not known":
            lines.append(f"  {name:<{name_width}}  {text:>{width}} {'':<{unit_width}}  "
                         f"{reason}")
        else:
            lines.append(f"  {name:<{name_width}}  {text:>{width}} {unit:<{unit_width}}  "
                         f"{status}: {reason}")
    return lines


def cell_figure(value: str | None, status: str) -> str:
    """A figure in a table cell: grouped, ``*`` after a flows-only figure, ``not known``."""
    if value is None or status == "not known":
        return "not known"
    return btc(value) + ("*" if status == "flows only" else "")


def usd(text: str | Decimal | None) -> str:
    if text is None:
        return "-"
    from ..precision import shown

    value = Decimal(text)
    return f"{'-' if value < 0 else ''}${shown(abs(value), 'USD')}"


def signed(text: str | Decimal) -> str:
    return f"{Decimal(text):+,f}"


def count(n: int, noun: str, plural: str | None = None) -> str:
    """One wording for counts everywhere: ``1 record``, ``3 records``."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


def record_brief(record: dict[str, Any]) -> str:
    return f"{record['id']} ({record['type']}, {record['effective']}; {sources_text(record)})"


def stamp_line(what: str, as_of: str | None, data: dict[str, Any] | None) -> str:
    """``WHAT as of DAY, as known now (@P)``: where a report was computed."""
    at = f" as of {as_of}" if as_of else ""
    if data is None:
        return f"{what}{at}: no companies"
    known = f"as known at {data['known_at']} (@{data['position']})" if data.get("known_at") \
        else f"as known now (@{data['position']})"
    return f"{what}{at}, {known}"


def table(rows: Iterable[Sequence[Any]], headers: Sequence[str]) -> str:
    """Rows under headers, as tabulate's "simple" format lays them out (numbers not parsed).

    Plain printable ASCII cells are laid out here, exactly as tabulate does (importing it
    costs a command's start-up more than the rest of a query: it reads the installed
    packages' metadata for its version); anything else (wide or control characters, lines
    within a cell, ragged rows) goes to tabulate itself."""
    rows = [list(row) for row in rows]
    headers = list(headers)
    cells = [["" if v is None else f"{v}" for v in row] for row in rows]
    # Every cell printable ASCII iff all of them joined are (one check at C speed).
    joined = "".join(headers) + "".join(["".join(row) for row in cells])
    if all(len(row) == len(headers) for row in cells) and safetext.printable_ascii(joined):
        cells = [[c.strip() for c in row] for row in cells]
        widths = [max(len(h) + 2, *map(len, column)) if cells else len(h) + 2
                  for h, column in zip(headers, zip(*cells) if cells else headers)]
        # Each row through one format of left-justified fields (what ljust does, cell by
        # cell: padded with spaces, never cut).
        line = "  ".join(f"{{:<{w}}}" for w in widths).format
        lines = [line(*headers).rstrip(), "  ".join("-" * w for w in widths)]
        lines += [line(*row).rstrip() for row in cells]
        return "\n".join(lines)
    from tabulate import tabulate

    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)
