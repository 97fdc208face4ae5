"""A miner's operating figures as of a day: hashrate (the latest stated), blocks won and
bitcoin produced (for the period ending that day), from its ``operations_reported`` records
(``projections/operations``), each with its status and reason.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from .base import Result, amount


class Operations(Result):
    name = "operations"

    @property
    def figures(self) -> dict[str, Decimal | None]:
        return {name: amount(f["value"]) for name, f in self._json["figures"].items()}


def compute(snap: Any, company: str, day: date, **_: Any) -> Operations:
    from projections import operations

    o = operations.compute(snap.cur, company, day, snap.position)
    return Operations(o, {**operations.to_json(o), **snap.stamp()},
                      lambda figure: o.trails[figure].to_json() if figure in o.trails else None)


def claims(figure: str) -> bool:
    return figure.startswith("ops.")


def explain(snap: Any, company: str, figure: str, day: date, **_: Any) -> dict[str, Any]:
    from ..errors import BadQuery

    result = compute(snap, company, day)
    trail = result.trail(figure)
    if trail is None:
        raise BadQuery(f'figure "{figure}": no such operating figure; use one of '
                       + ", ".join(result.figures))
    return {**trail, "company": company, "as_of": day.isoformat(), "position": snap.position,
            "in_progress": [{"id": r.record_id, "type": r.type, "effective": r.effective}
                            for r in result.data.in_progress]}


def FIGURE_HINT(snap: Any, company: str, day: date) -> list[str]:  # noqa: N802
    return ["ops.* (see caledger operations --json)"]
