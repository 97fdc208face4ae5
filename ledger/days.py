"""Days a reader names on the command line: a date, or a month, quarter or year taken as its
first or last day (``--as-of 2025-Q3`` is 2025-09-30, ``--from 2025`` is 2025-01-01)."""

from __future__ import annotations

from datetime import date, datetime, timezone

from .values import parse_effective

_HINT = 'write a date "2025-09-30", a month "2025-09", a quarter "2025-Q3" or a year "2025"'


def parse_day(text: str, *, last: bool = True) -> date:
    """The day ``text`` names: a date itself; a month, quarter or year's last day (or its
    first, with ``last=False``). Raises ``ValueError`` saying how to write it."""
    if "/" in text:
        raise ValueError(f'"{text}" is a range, not a day; {_HINT}')
    try:
        period = parse_effective(text)  # within the years the ledger accepts
    except ValueError as e:
        if "is not an effective period" in str(e):
            raise ValueError(f'"{text}" is not a day; {_HINT}') from None
        raise
    return period.end if last else period.start


def today() -> date:
    """Today in UTC, the default as-of day."""
    return datetime.now(timezone.utc).date()
