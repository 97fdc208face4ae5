"""Shares outstanding as of a day: basic, convertible notes as converted, other dilutive
securities and assumed diluted (``projections/shares``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ..errors import BadQuery
from .base import Result, amount


class Shares(Result):
    name = "shares"

    @property
    def figures(self) -> dict[str, Decimal | None]:
        return {f"shares.{n}": amount(v) for n, v in self._json["shares"].items()}


def compute(snap: Any, company: str, day: date, **_: Any) -> Shares:
    from projections import shares as shares_projection

    s = snap.stamped(shares_projection.compute(snap.cur, company, day, snap.position))
    return Shares(s, shares_projection.to_json(s),
                  lambda figure: _trail(snap, company, figure, day, None))


def _trail(snap: Any, company: str, figure: str, day: date, since: date | None,
           max_anchor_age: int | None = None) -> dict[str, Any]:
    from projections import shares as shares_projection

    report = shares_projection.explain(snap.cur, company, figure, day, since, snap.position,
                                       max_anchor_age)
    if isinstance(report, str):
        raise BadQuery(f'figure "{figure}": {report}')
    return report


def claims(figure: str) -> bool:
    return figure.startswith("shares.")


def explain(snap: Any, company: str, figure: str, day: date, *, since: date | None = None,
            **_: Any) -> dict[str, Any]:
    return _trail(snap, company, figure, day, since)


def FIGURE_HINT(snap: Any, company: str, day: date) -> list[str]:  # noqa: N802
    return ["shares.*, kpi.* (see caledger shares --json)"]
