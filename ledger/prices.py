"""Daily price files: the common layouts of free daily-price downloads, read into
``price_observed`` records.

A file is CSV (comma, semicolon or tab separated) with a header row. The date column and the
close column are found by name, case and spaces ignored (or named with ``date_column`` and
``close_column``):

* date: ``Date``, ``Day``, ``Time``, ``Timestamp``, ``snapped_at`` (CoinGecko), ``timeClose``
  or ``timeOpen`` (CoinMarketCap), ``observation_date`` (FRED), ``Datetime``;
* close: ``Close``, ``Close/Last`` (Nasdaq), ``Price`` (Investing.com, CoinGecko), ``Adj
  Close`` only when there is no ``Close``, ``CBBTCUSD`` (FRED's Coinbase bitcoin series);
* optional ``Open``, ``High``, ``Low``.

Dates are ``YYYY-MM-DD`` with an optional time (``2025-02-26 00:00:00 UTC``,
``2025-02-26T00:00:00.000Z``: the day is the date written), or ``MM/DD/YYYY`` as US
download sites write them (a first number over 12 is refused, never read as a day). Amounts
are plain decimals, optionally with a leading ``$`` or thousands grouped by commas
(``"97,123.45"``, as Investing.com quotes them); anything else is refused. A line whose close
is empty, ``null``, ``.`` or ``-`` (a day without trading) is skipped and counted.

Every problem is one line naming the file, line and column; ``read`` returns the records or
raises ``RejectedInput`` with all of them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import RejectedInput, read_text_file

_DATE_NAMES = ("date", "day", "time", "timestamp", "snapped_at", "timeclose", "timeopen",
               "observation_date", "datetime")
_CLOSE_NAMES = ("close", "close/last", "price", "closeprice", "cbbtcusd", "adjclose")
_OTHER = {"open": ("open",), "high": ("high",), "low": ("low",)}
_MISSING = {"", "null", ".", "-", "n/a", "na"}
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T][0-9:.]+(?:Z| ?UTC|[+-][0-9:]+)?)?")
_US = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_PLAIN = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class PriceFile:
    """What a price file gave: one record per day, and what was skipped."""

    path: str
    asset: str
    source: str
    records: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)


def _fold(name: str) -> str:
    return "".join(name.lower().split()).lstrip("\ufeff")


def _find(header: list[str], names: tuple[str, ...], given: str | None) -> int | None:
    folded = [_fold(h) for h in header]
    if given is not None:
        return folded.index(_fold(given)) if _fold(given) in folded else None
    for name in names:
        if name in folded:
            return folded.index(name)
    return None


def _day(text: str) -> date:
    text = text.strip().strip('"')
    if m := _ISO.fullmatch(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := _US.fullmatch(text):
        if int(m[1]) > 12:
            raise ValueError(f'"{text}" is not a date as MM/DD/YYYY (month {m[1]}); write '
                             "dates as YYYY-MM-DD")
        return date(int(m[3]), int(m[1]), int(m[2]))
    raise ValueError(f'"{text}" is not a date; write YYYY-MM-DD (a time after it is '
                     "ignored) or MM/DD/YYYY")


def _amount(text: str) -> str:
    value = text.strip().removeprefix("$").strip()
    if _PLAIN.fullmatch(value):
        return value
    if _GROUPED.fullmatch(value):
        return value.replace(",", "")
    raise ValueError(f'"{text}" is not a price; write a plain decimal such as "97123.45" '
                     '(a leading $ and thousands grouped by commas are accepted)')


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-") or "x"


def record_id(asset: str, day: str, source: str) -> str:
    """A price's id: one close per asset, day and source, so importing a file twice (or
    another file of the same source) records each day once."""
    return f"price-{slug(asset)}-{day}-{slug(source)}"


def read(path: str, asset: str, source: str, *, date_column: str | None = None,
         close_column: str | None = None,
         progress: Callable[[str, int], None] | None = None) -> PriceFile:
    """The ``price_observed`` records (``(where, record)`` pairs) of a daily price file;
    raises ``RejectedInput`` listing every problem by line and column."""
    text = read_text_file(path, "save the price file as UTF-8 CSV")
    name = Path(path).name
    out = PriceFile(path, asset, source)
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise RejectedInput(f"{path}: line 1: no header row; the first line names the columns, "
                            "e.g. Date,Open,High,Low,Close")
    at_date = _find(header, _DATE_NAMES, date_column)
    at_close = _find(header, _CLOSE_NAMES, close_column)
    problems = []
    if at_date is None:
        problems.append(f"{path}: line 1: no date column " + (
            f'named "{date_column}"' if date_column else
            "(Date, Time, Timestamp, snapped_at, timeClose or observation_date)")
            + f" among {', '.join(header)}; name it with --date-column")
    if at_close is None:
        problems.append(f"{path}: line 1: no close column " + (
            f'named "{close_column}"' if close_column else
            "(Close, Close/Last, Price or Adj Close)") + f" among {', '.join(header)}; name "
            "it with --close-column")
    if problems:
        raise RejectedInput(*problems)
    assert at_date is not None and at_close is not None
    out.columns = {"date": header[at_date], "close": header[at_close]}
    others = {}
    for key, names in _OTHER.items():
        i = _find(header, names, None)
        if i is not None:
            others[key] = i
            out.columns[key] = header[i]
    seen: dict[str, int] = {}
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path}: line {number}"
        if len(row) != len(header):
            problems.append(f"{where}: {len(row)} columns where the header has {len(header)}")
            continue
        try:
            day = _day(row[at_date]).isoformat()
        except ValueError as e:
            problems.append(f"{where}: column {header[at_date]}: {e}")
            continue
        if row[at_close].strip().lower() in _MISSING:
            out.skipped.append(number)
            continue
        record: dict[str, Any] = {
            "id": record_id(asset, day, source), "type": "price_observed", "company": asset,
            "asset": asset, "currency": "USD", "effective": day,
            "sources": [{"document": name, "line": number}],
            "note": f"daily close from {source}"}
        bad = False
        for key, i in (("close", at_close), *others.items()):
            cell = row[i]
            if key != "close" and cell.strip().lower() in _MISSING:
                continue
            try:
                record[key] = _amount(cell)
            except ValueError as e:
                problems.append(f"{where}: column {header[i]}: {e}")
                bad = True
        if bad:
            continue
        if day in seen:
            problems.append(f"{where}: column {header[at_date]}: {day} is also on line "
                            f"{seen[day]}; a file gives one close per day")
            continue
        seen[day] = number
        out.records.append((f"{path}:{number}", record))
        if progress is not None and len(out.records) % 1000 == 0:
            progress("reading", 1000)
    if problems:
        raise RejectedInput(*problems)
    if not out.records:
        raise RejectedInput(f"{path}: no prices: every line after the header is empty or has "
                            "no close")
    return out
