"""BTC and sats per share as of a day; with ``since``, BTC yield and gain over the period
(``projections/shares``) and the BTC $ Gain beside them (``projections/value``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ..values import canonical
from .base import Result, amount


class Kpi(Result):
    name = "kpi"

    @property
    def figures(self) -> dict[str, Decimal | None]:
        j = self._json
        out: dict[str, Decimal | None] = {}
        for name, pair in j.items():
            if isinstance(pair, dict) and set(pair) <= {"since", "as_of"} and pair:
                out[f"kpi.{name}"] = amount(pair["as_of"])
                if "since" in pair:
                    out[f"kpi.{name}.since"] = amount(pair["since"])
        for name in ("btc_yield", "btc_gain"):
            if name in j:
                out[f"kpi.{name}"] = amount(j[name])
        if "btc_dollar_gain" in j:
            out["value.btc_dollar_gain"] = amount(j["btc_dollar_gain"])
        return out


def prepare(day: Any, *, since: Any = None, max_price_age: int | None = None,
            max_anchor_age: int | None = None, **opts: Any) -> tuple[date, dict[str, Any]]:
    from ..snapshot import as_of_day, since_day
    from . import value
    from .holdings import anchor_age

    as_of = as_of_day(day)
    start = since_day(since, as_of)
    # the price age matters (and is checked) only for the BTC $ Gain, over a period
    return as_of, {"since": start, "max_price_age": max_price_age if start is None
                   else value.price_age(max_price_age),
                   "max_anchor_age": anchor_age(max_anchor_age), **opts}


def compute(snap: Any, company: str, day: date, *, since: date | None = None,
            max_price_age: int | None = None, max_anchor_age: int | None = None,
            **_: Any) -> Kpi:
    from projections import shares as shares_projection

    from . import shares as shares_report

    def trail(figure: str) -> dict[str, Any]:
        return shares_report._trail(snap, company, figure, day, since, max_anchor_age)

    if since is None:
        k = snap.stamped(shares_projection.compute_kpi(snap.cur, company, day, None,
                                                       snap.position, max_anchor_age))
        data = shares_projection.kpi_json(k)
        data["max_anchor_age_days"] = max_anchor_age
        return Kpi(k, data, trail)
    from projections import value as value_projection

    from .value import price_age
    v = snap.stamped(value_projection.compute(snap.cur, company, day, snap.position, since,
                                              price_age(max_price_age),
                                              max_anchor_age=max_anchor_age))
    snap.stamped(v.kpi)
    data = shares_projection.kpi_json(v.kpi)
    name = "value.btc_dollar_gain"
    status = v.status(name)
    data["btc_dollar_gain"] = None if v.value(name) is None else canonical(v.value(name))
    data["btc_close"] = v.btc_close.to_json() if v.btc_close else None
    data["status"][name], data["reason"][name] = status.status, status.reason
    if not status.known:
        data["undefined"][name] = status.reason
    data["max_anchor_age_days"] = max_anchor_age
    return Kpi(v.kpi, data, trail)


def claims(figure: str) -> bool:
    return figure.startswith("kpi.")


def explain(snap: Any, company: str, figure: str, day: date, *, since: date | None = None,
            max_anchor_age: int | None = None, **_: Any) -> dict[str, Any]:
    from . import shares as shares_report
    from .holdings import anchor_age

    return shares_report._trail(snap, company, figure, day, since, anchor_age(max_anchor_age))
