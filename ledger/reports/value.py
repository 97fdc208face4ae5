"""What the bitcoin is worth: market value, cost basis, unrealized and realized gain, BTC
NAV per share, market capitalisation, mNAV and BTC $ Gain (``projections/value``), each
with its status and reason.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ..errors import BadQuery
from .base import Result, amount, whole_days


class Value(Result):
    name = "value"

    @property
    def figures(self) -> dict[str, Decimal | None]:
        return {name: amount(f["value"]) for name, f in self._json["figures"].items()}


def price_age(days: int | None) -> int:
    from projections import prices

    return prices.MAX_AGE_DAYS if days is None else whole_days("--max-price-age", days, 7)


def prepare(day: Any, *, since: Any = None, max_price_age: int | None = None,
            **opts: Any) -> tuple[date, dict[str, Any]]:
    from ..snapshot import as_of_day, since_day

    as_of = as_of_day(day)
    return as_of, {"since": since_day(since, as_of), "max_price_age": price_age(max_price_age),
                   **opts}


def _compute(snap: Any, company: str, day: date, since: date | None,
             max_price_age: int | None, journal: Any = None) -> Any:
    from projections import value as value_projection

    return snap.stamped(value_projection.compute(snap.cur, company, day, snap.position, since,
                                                 price_age(max_price_age), journal))


def compute(snap: Any, company: str, day: date, *, since: date | None = None,
            max_price_age: int | None = None, journal: Any = None, **_: Any) -> Value:
    """The value figures; ``journal``: the company's records already read in this snapshot
    (``holdings.Journal``: the report page)."""
    from projections import value as value_projection

    v = _compute(snap, company, day, since, max_price_age, journal)
    return Value(v, value_projection.to_json(v), lambda figure: _trail(v, figure))


def _trail(v: Any, figure: str) -> dict[str, Any]:
    from projections import value as value_projection

    report = value_projection.explain(v, figure)
    if isinstance(report, str):
        raise BadQuery(f'figure "{figure}": {report}')
    return report


def claims(figure: str) -> bool:
    return figure.startswith("value.")


def explain(snap: Any, company: str, figure: str, day: date, *, since: date | None = None,
            max_price_age: int | None = None, **_: Any) -> dict[str, Any]:
    return _trail(_compute(snap, company, day, since, max_price_age), figure)


def FIGURE_HINT(snap: Any, company: str, day: date) -> list[str]:  # noqa: N802
    return ["value.* (see caledger value --json)"]
