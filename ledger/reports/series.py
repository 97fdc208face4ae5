"""A figure at the end of each month, quarter or year, with each period's change split into
recorded flows and disclosed balances (``projections/series``): the same computation as
``holdings`` (or shares, kpi, value, operations) at each period end.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ..errors import BadQuery
from .base import Result, amount

#: More periods than this in one series is refused (a typo in --from, most likely).
MAX_PERIODS = 1200


class Series(Result):
    name = "series"

    @property
    def as_of(self) -> date | None:
        return date.fromisoformat(self._json["to"])

    @property
    def figures(self) -> dict[str, Decimal | None]:
        """Each figure at the end of each period, as ``"FIGURE@PERIOD"``."""
        return {f"{r['figure']}@{r['period']}": amount(r["value"]) for r in self._json["rows"]}


def figure_names() -> list[str]:
    """The figures a series can follow (``--figure``)."""
    from projections import series as series_projection

    return list(series_projection.FIGURES)


def prepare(day: Any, *, start: Any = None, every: str = "quarter",
            figures: list[str] | tuple[str, ...] = ("btc.total",),
            max_anchor_age: int | None = None, **opts: Any) -> tuple[date, dict[str, Any]]:
    """``day`` is the last day (``--to``); ``start`` the first (``--from``)."""
    from projections import series as series_projection

    from ..days import today
    first = _day("--from", start, last=False)
    if first is None:
        raise BadQuery("--from: give the first day, month, quarter or year, e.g. 2024-Q4")
    last = _day("--to", day, last=True) or today()
    if last < first:
        raise BadQuery(f"--to {last} is before --from {first}; put the earlier one in --from")
    if every not in series_projection.EVERY:
        raise BadQuery(f'--every "{every}": use one of ' + ", ".join(series_projection.EVERY))
    if isinstance(figures, str):
        raise BadQuery(f'--figure: figures="{figures}" is one text, not a list of figures; '
                       f'give a list, e.g. figures=["{figures}"]')
    figures = list(dict.fromkeys(figures or ("btc.total",)))
    unknown = [f for f in figures if f not in series_projection.FIGURES]
    if unknown:
        raise BadQuery(f'--figure "{unknown[0]}": not a figure a series can follow; use one '
                       "of " + ", ".join(series_projection.FIGURES))
    count = len(series_projection.periods(first, last, every))
    if count > MAX_PERIODS:
        raise BadQuery(f"--from {first} --to {last} --every {every} is {count} periods; at "
                       f"most {MAX_PERIODS} in one series (choose a coarser --every)")
    from .holdings import anchor_age

    return last, {"start": first, "every": every, "figures": figures,
                  "max_anchor_age": anchor_age(max_anchor_age), **opts}


def _day(name: str, text: Any, *, last: bool) -> date | None:
    from ..days import given_day
    if text is None:
        return text
    try:
        return given_day(text, last=last)
    except ValueError as e:
        raise BadQuery(f"{name}: {e}") from None


def compute(snap: Any, company: str, day: date, *, start: date, every: str = "quarter",
            figures: list[str] | tuple[str, ...] = ("btc.total",),
            max_anchor_age: int | None = None, **_: Any) -> Series:
    from projections import series as series_projection

    data = series_projection.compute(snap.cur, company, start, day, every, list(figures),
                                     snap.position, max_anchor_age)
    if max_anchor_age is not None:
        data["max_anchor_age_days"] = max_anchor_age
    return Series(None, {**data, **snap.stamp()})
