"""The capital structure as of a day: notes outstanding, equity raised, stakes held,
acquisitions, workforce and the latest reported results (``projections/capital``), each
figure with its trail.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ..errors import BadQuery
from .base import Result, amount

#: Asked last by ``explain``: any figure no other report claims may be one of capital's
#: (their names depend on the records: stakes.Exaion.percent).
FALLBACK = True


class Capital(Result):
    name = "capital"

    @property
    def figures(self) -> dict[str, Decimal | None]:
        return {name: amount(v["value"]) for name, v in self._json["values"].items()}


def compute(snap: Any, company: str, day: date, **_: Any) -> Capital:
    from projections import capital as capital_projection

    c = snap.stamped(capital_projection.compute(snap.cur, company, day, snap.position))
    return Capital(c, to_json(c),
                   lambda figure: c.trails[figure].to_json() if figure in c.trails else None)


def to_json(c: Any) -> dict[str, Any]:
    from projections import capital as capital_projection

    from ..values import canonical
    return {**capital_projection.to_json(c),
            "values": {name: {"value": None if (v := trail.known_value()) is None
                              else canonical(v), "unit": trail.unit,
                              "status": _status(trail).status,
                              "reason": _status(trail).reason}
                       for name, trail in sorted(c.trails.items())}}


def _status(trail: Any) -> Any:
    """A figure's status: every capital figure carries one (``projections/capital``)."""
    from projections.figures import DERIVED, Status

    return trail.status or Status(DERIVED, "from the records shown")


def claims(figure: str) -> bool:
    return True


def explain(snap: Any, company: str, figure: str, day: date, **_: Any) -> dict[str, Any]:
    from .. import reports

    cap = compute(snap, company, day)
    trail = cap.trail(figure)
    if trail is None:
        raise BadQuery(f'figure "{figure}": {company} has no such figure as of {day}; use one '
                       "of " + ", ".join(reports.figure_hints(snap, company, day)))
    return {**trail, "company": company, "as_of": day.isoformat(),
            "position": snap.position,
            "in_progress": [{"id": r.record_id, "type": r.type, "effective": r.effective}
                            for r in cap.data.in_progress]}


def FIGURE_HINT(snap: Any, company: str, day: date) -> list[str]:  # noqa: N802
    from projections import capital as capital_projection

    return sorted(capital_projection.compute(snap.cur, company, day, snap.position).trails)
