"""Value types of the ledger: exact amounts, calendar dates and effective periods.

Every parser here takes the text a person wrote and either returns an exact value or raises
``ValueError`` with a message that says what is wrong and how to write it instead. Nothing
here ever produces or accepts a float.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from .valueclass import Ordered, _set


class JsonNumber(str):
    """A JSON number kept as the exact text written, e.g. ``14574`` or ``0.5`` (what
    ``jsonio`` reads numbers as)."""


BTC_PLACES = 8
USD_PLACES = 2
SATS_PER_BTC = 10**BTC_PLACES
#: No company can own, sell or lend more bitcoin than will ever exist.
BTC_SUPPLY_CAP = Decimal(21_000_000)

_PLAIN_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_QUARTER = re.compile(r"([0-9]{4})-Q([0-9])", re.IGNORECASE)
_YEAR = re.compile(r"[0-9]{4}")
#: What each side of a range starts as when it is meant as a date (then its own message).
_RANGE_END = re.compile(r"[0-9]{4}-")

#: The calendar a ledger accepts: effective periods, dates, --as-of and --known-at fall in
#: these years. Far enough either way for any disclosure, and far from the edges of Python's
#: calendar (years 1 and 9999), where date arithmetic and time-zone offsets overflow.
FIRST_YEAR = 1900
LAST_YEAR = 2999
FIRST_DAY = date(FIRST_YEAR, 1, 1)
LAST_DAY = date(LAST_YEAR, 12, 31)


def describe(value: object) -> str:
    """What kind of JSON value ``value`` is, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float, Decimal, JsonNumber)):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def is_text(value: object) -> bool:
    """A JSON string: not a number kept as its text (``JsonNumber``)."""
    return isinstance(value, str) and not isinstance(value, JsonNumber)


def check_in_range(day: date, what: str) -> date:
    """Refuse a day outside the years the ledger accepts (``FIRST_YEAR``..``LAST_YEAR``)."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f'{what} {day.isoformat()} is outside the years the ledger accepts '
                         f"({FIRST_YEAR} to {LAST_YEAR}); check the year")
    return day


def parse_decimal(value: object, *, places: int, unit: str) -> Decimal:
    """Parse a plain decimal written as text (``"14574"``, ``"0.5"``, ``"-20880"``).

    Thousands separators, decimal commas, exponents, spaces and floats are refused: a ledger
    must never guess what ``12,5`` or ``1e3`` was meant to be.
    """
    if isinstance(value, bool):
        raise ValueError('must be written as a decimal string such as "12.5", not '
                         f'{"true" if value else "false"}')
    if isinstance(value, float):
        # Only a Python caller passes one (every JSON reader keeps a number's digits as text,
        # ``JsonNumber``): its digits are already those of a binary fraction.
        raise ValueError(f'must be written as a decimal string such as "12.5", not the '
                         f'binary float {value}: write amounts as decimal text, e.g. "0.1" '
                         "(or a decimal.Decimal)")
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, Decimal):
        value = format(value, "f")
    if not isinstance(value, str):
        raise ValueError(f'must be a decimal string such as "12.5", got {describe(value)}')
    if not _PLAIN_DECIMAL.fullmatch(value):
        raise ValueError(
            f'"{value}" is not a plain decimal; write digits with an optional "." '
            f'and no separators or exponent, e.g. "1000" or "12.5"'
        )
    amount = Decimal(value)
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)
    if -exponent > places:
        raise ValueError(
            f'"{value}" has more than {places} decimal places; {unit} is counted to '
            f"{'the satoshi (8 places)' if unit == 'BTC' else 'the cent (2 places)' if unit == 'USD' else f'{places} places'}"
        )
    return amount


def canonical(amount: Decimal) -> str:
    """The one text form of an amount: no exponent, no trailing zeros (``14574.0`` → ``14574``)."""
    if amount == 0:
        return "0"
    text = format(amount.normalize(), "f")
    return text


def to_sats(btc: Decimal) -> int:
    """Exact integer satoshis for a BTC amount of at most 8 places."""
    sats = btc * SATS_PER_BTC
    if sats != sats.to_integral_value():
        raise ValueError(f"{btc} BTC is not a whole number of satoshis")
    return int(sats)


def _plain(amount: Decimal) -> Decimal:
    """Normalized, but never in exponent form: ``str()`` gives ``52850``, not ``5.285E+4``."""
    amount = amount.normalize()
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)
    return amount.quantize(Decimal(1)) if exponent > 0 else amount


def from_sats(sats: int) -> Decimal:
    if not sats:
        return Decimal(0)
    if -_EXACT_SATS < sats < _EXACT_SATS:
        # ``_plain(Decimal(sats) / SATS_PER_BTC)``, the same digits and exponent, three
        # times quicker (every figure goes through here): whole bitcoins as an integer,
        # else the satoshis scaled and their trailing zeros dropped.
        if sats % SATS_PER_BTC == 0:
            return Decimal(sats // SATS_PER_BTC)
        return Decimal(sats).scaleb(-BTC_PLACES).normalize()
    return _plain(Decimal(sats) / SATS_PER_BTC)


#: Below this many satoshis (in magnitude) the scaling above is exact in Decimal's default
#: 28 digits.
_EXACT_SATS = 10**27


def parse_date(value: object) -> date:
    """Parse an ISO calendar date ``YYYY-MM-DD`` and nothing else."""
    if isinstance(value, date):
        return value
    if not is_text(value):
        raise ValueError(f'must be a date written as text "YYYY-MM-DD", got {describe(value)}')
    m = _DATE.fullmatch(value)
    if not m:
        raise ValueError(f'"{value}" is not a date; write it as YYYY-MM-DD, e.g. "2025-09-30"')
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValueError(f'"{value}" is not a real calendar date') from None


class Period(Ordered):
    """When a disclosed action happened, only as precisely as the disclosure says.

    ``start`` and ``end`` are inclusive calendar days. ``text`` is the canonical way it is
    written (``2025-09-30``, ``2025-08``, ``2024-Q4``, ``2025`` or ``2025-01-01/2025-09-30``).
    A frozen value ordered by (start, end, text), as ``@dataclass(frozen=True, order=True)``
    made it (``valueclass``).
    """

    FIELDS = ("start", "end", "text")
    __slots__ = FIELDS
    start: date
    end: date
    text: str

    def __init__(self, start: date, end: date, text: str) -> None:
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "text", text)

    def _values(self) -> tuple[date, date, str]:
        return (self.start, self.end, self.text)

    @property
    def is_single_date(self) -> bool:
        return self.start == self.end and _DATE.fullmatch(self.text) is not None

    def __str__(self) -> str:
        return self.text


def _month_end(year: int, month: int) -> date:
    """The month's last day (not through the calendar module: its import, with locale's,
    is a measurable part of every command's start-up)."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def parse_period(value: object) -> Period:
    """Parse an effective period: a date, a month, a quarter, a year or an ISO range."""
    if isinstance(value, Period):
        return value
    if not is_text(value):
        raise ValueError(
            'must be a date, month, quarter, year or range written as text, e.g. "2024-Q4", '
            f"got {describe(value)}"
        )
    return _parse_period_text(value)


def parse_date_in_range(value: object) -> date:
    """``parse_date``, within the years the ledger accepts: for records and queries."""
    day = parse_date(value)
    return check_in_range(day, f'"{value}": the date' if isinstance(value, str) else "the date")


def parse_effective(value: object) -> Period:
    """``parse_period``, within the years the ledger accepts: the door for new records.
    (Stored records are read with ``parse_period``, so one stored by an older version that
    accepted any year still reads.)"""
    period = parse_period(value)
    if period.start == period.end:
        check_in_range(period.start, f'"{period}": the date')
    elif not (FIRST_DAY <= period.start and period.end <= LAST_DAY):
        edge = (f"starts on {period.start}" if not FIRST_DAY <= period.start <= LAST_DAY
                else f"ends on {period.end}")
        raise ValueError(f'"{period}" {edge}, outside the years the ledger accepts '
                         f"({FIRST_YEAR} to {LAST_YEAR}); check the year")
    return period


@lru_cache(maxsize=65536)
def _parse_period_text(value: str) -> Period:
    hint = (
        'write a date "2025-09-30", a month "2025-08", a quarter "2024-Q4", a year "2025" '
        'or a range "2025-01-01/2025-09-30"'
    )
    if "/" in value:
        left, _, right = value.partition("/")
        if not (_RANGE_END.match(left) and _RANGE_END.match(right)):
            # not two ISO dates: "03/15/2025" (month or day first), "2025/03", ...
            raise ValueError(f'"{value}" is not a period; dates are written year first, '
                             f"YYYY-MM-DD: {hint}")
        try:
            start, end = parse_date(left), parse_date(right)
        except ValueError as e:
            raise ValueError(f'range "{value}": {e}') from None
        if end < start:
            raise ValueError(f'range "{value}" ends before it starts; put the earlier date first')
        if start == end:
            return Period(start, end, start.isoformat())
        return Period(start, end, f"{start.isoformat()}/{end.isoformat()}")
    if m := _DATE.fullmatch(value):
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise ValueError(f'"{value}" is not a real calendar date; {hint}') from None
        return Period(day, day, value)
    if m := _MONTH.fullmatch(value):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise ValueError(f'"{value}" has no month {month:02d}; months run 01 to 12')
        return Period(date(year, month, 1), _month_end(year, month), value)
    if m := _QUARTER.fullmatch(value):
        year, quarter = int(m[1]), int(m[2])
        if not 1 <= quarter <= 4:
            raise ValueError(f'"{value}" has no quarter Q{quarter}; quarters run Q1 to Q4')
        first = 3 * quarter - 2
        return Period(date(year, first, 1), _month_end(year, first + 2), f"{year}-Q{quarter}")
    if _YEAR.fullmatch(value):
        year = int(value)
        return Period(date(year, 1, 1), date(year, 12, 31), value)
    raise ValueError(f'"{value}" is not an effective period; {hint}')
