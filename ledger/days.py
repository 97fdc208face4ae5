"""Days a reader names on the command line: a date, or a month, quarter or year taken as its
first or last day (``--as-of 2025-Q3`` is 2025-09-30, ``--from 2025`` is 2025-01-01)."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

from .values import FIRST_DAY, FIRST_YEAR, LAST_DAY, LAST_YEAR, parse_period

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}(?:-[0-9]{2}|-Q[0-9])?", re.IGNORECASE)


def _hint(last: bool) -> str:
    edge = "last" if last else "first"
    return ('give a day as YYYY-MM-DD, e.g. "2025-09-30" (a month "2025-09", a quarter '
            f'"2025-Q3" or a year "2025" stands for its {edge} day)')


def given_day(value: object, *, last: bool = True) -> date:
    """The day a caller gave, as text (``parse_day``) or a ``datetime.date``. Any other type
    (an int, a float, a ``datetime``, whose day depends on a time zone) raises
    ``ValueError`` saying what to give instead."""
    if isinstance(value, datetime):
        raise ValueError(f"{value!r} is a moment, not a day; give its day as a datetime.date "
                         "(e.g. its .date()) or as text")
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is {_a(value)}, not a day; give a datetime.date or text, "
                         + _hint(last).removeprefix("give "))
    return parse_day(value, last=last)


def _a(value: object) -> str:
    """``an int``, ``a list``: what a wrongly typed argument is, for an error message."""
    name = type(value).__name__
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


def parse_day(text: str, *, last: bool = True) -> date:
    """The day ``text`` names: a date itself; a month, quarter or year's last day (or its
    first, with ``last=False``). Raises ``ValueError`` saying what is wrong and how to write
    a day (never offering a range: a day option takes none)."""
    if not isinstance(text, str):
        return given_day(text, last=last)
    hint = _hint(last)
    left, slash, right = text.partition("/")
    if slash and _DAY.fullmatch(left) and _DAY.fullmatch(right):
        raise ValueError(f'"{text}" is a range, not one day; {hint}')
    try:
        period = parse_period(text)
    except ValueError as e:
        if "is not a real calendar date" in str(e):
            raise ValueError(f'"{text}" is not a real calendar date; {hint}') from None
        if "has no month" in str(e) or "has no quarter" in str(e):
            raise  # says what is wrong and which values are right
        raise ValueError(f'"{text}" is not a day; {hint}') from None
    if not (FIRST_DAY <= period.start and period.end <= LAST_DAY):
        raise ValueError(f'"{text}" is outside the years the ledger accepts ({FIRST_YEAR} to '
                         f"{LAST_YEAR}); check the year")
    return period.end if last else period.start


def today() -> date:
    """Today in UTC, the default as-of day."""
    return datetime.now(timezone.utc).date()
