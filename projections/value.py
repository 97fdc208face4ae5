"""What the bitcoin is worth to a shareholder, computed and explained by one code path.

For as-of day D, store position P and a maximum price age (``--max-price-age``, 7 days by
default), with every input from its own computation (holdings, shares, cost basis, prices):

* ``value.btc_price`` — the latest BTC close on or before D, no older than the maximum age;
  ``value.share_price`` — the company's latest share close, the same way;
* ``value.market_value`` = ``btc.total`` × ``value.btc_price`` (USD, to the cent);
* ``value.cost_basis``, ``value.average_cost`` — the average-cost basis (``cost.py``);
* ``value.unrealized_gain`` = ``value.market_value`` − ``value.cost_basis``;
* ``value.nav_per_share_basic`` = ``value.market_value`` ÷ ``shares.basic``, and
  ``value.nav_per_share_diluted`` ÷ ``shares.assumed_diluted`` (BTC NAV per share, USD);
* ``value.market_cap_basic`` = ``shares.basic`` × ``value.share_price``, and
  ``value.market_cap_diluted`` = ``shares.assumed_diluted`` × ``value.share_price``;
* ``value.mnav_basic`` = ``value.market_cap_basic`` ÷ ``value.market_value``, and
  ``value.mnav_diluted`` = ``value.market_cap_diluted`` ÷ ``value.market_value``;
* over (S, D] with ``--since`` S: ``value.realized_gain`` (``cost.py``) and
  ``value.btc_dollar_gain`` = ``kpi.btc_gain`` × ``value.btc_price`` at D (BTC $ Gain, as
  Strategy defines it).

A figure is **not known** (null, with the reason) when any input is: no price within the
maximum age, no share count, a flow without USD, a holding not known or below zero (a
disclosed balance rolled forward below zero by recorded flows: its arithmetic is shown as
``value.btc``, as holdings shows it, but nothing is worth it), or a division by zero.
Otherwise it is at best ``derived`` ("flows only" when an input is). USD aggregates are
rounded to the cent, per-share figures to 1/10,000 of a dollar and mNAV to 4 places, half
even; the last step of each trail says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ledger.values import canonical

from . import cost, holdings, prices, shares
from .capital import Trail
from .figures import DERIVED, FLOWS_ONLY, NOT_KNOWN, Status, carried_flags, flag_note
from .readmodel_names import VALUE_UNITS

BTC = "BTC"
_PLACES = {"USD": Decimal("0.01"), "USD per share": Decimal("0.0001"),
           "ratio": Decimal("0.0001")}
#: Every figure ``value`` reports, in the order it prints them; the last two need --since.
FIGURES = ("value.btc", "value.btc_price", "value.market_value", "value.cost_basis",
           "value.average_cost", "value.unrealized_gain", "value.share_price",
           "value.shares_basic", "value.shares_diluted", "value.nav_per_share_basic",
           "value.nav_per_share_diluted", "value.market_cap_basic", "value.market_cap_diluted",
           "value.mnav_basic", "value.mnav_diluted", "value.realized_gain",
           "value.btc_dollar_gain")
PERIOD_FIGURES = ("value.realized_gain", "value.btc_dollar_gain")
#: What each figure is built from (its inputs, by figure name).
INPUTS = {
    "value.market_value": ("value.btc", "value.btc_price"),
    "value.unrealized_gain": ("value.market_value", "value.cost_basis"),
    "value.nav_per_share_basic": ("value.market_value", "value.shares_basic"),
    "value.nav_per_share_diluted": ("value.market_value", "value.shares_diluted"),
    "value.market_cap_basic": ("value.shares_basic", "value.share_price"),
    "value.market_cap_diluted": ("value.shares_diluted", "value.share_price"),
    "value.mnav_basic": ("value.market_cap_basic", "value.market_value"),
    "value.mnav_diluted": ("value.market_cap_diluted", "value.market_value"),
    "value.average_cost": ("value.cost_basis",),
    "value.btc_dollar_gain": ("kpi.btc_gain", "value.btc_price"),
}


@dataclass
class Value:
    company: str
    as_of: date
    since: date | None
    position: int
    max_price_age: int
    known_at: str | None = None
    head_hash: str | None = None
    trails: dict[str, Trail] = field(default_factory=dict)
    btc_close: prices.Close | None = None
    share_close: prices.Close | None = None
    held: holdings.Holdings | None = None
    share_count: shares.Shares | None = None
    basis: cost.CostBasis | None = None
    sales: list[cost.Sale] = field(default_factory=list)
    kpi: shares.Kpi | None = None

    def status(self, figure: str) -> Status:
        trail = self.trails[figure]
        return trail.status or Status(DERIVED, "from the records shown")

    def value(self, figure: str) -> Decimal | None:
        trail = self.trails.get(figure)
        return None if trail is None else trail.known_value()


def _input(name: str, unit: str, value: Decimal, status: Status, note: str,
           record: Any = None) -> Trail:
    t = Trail(name, unit, status=status)
    if status.known:
        t.move("set", value, record, note)
    return t


def _weakest(v: Value, figure: str, names: tuple[str, ...]) -> Status | None:
    """The status of ``figure`` from its inputs, or None (the figure set not known, naming
    the first input that is not known and why) when any of them is not known."""
    for name in names:
        status = v.status(name)
        if not status.known:
            v.trails[figure] = Trail(figure, UNITS[figure], status=Status(
                NOT_KNOWN, f"{name} is not known: {status.reason}"))
            return None
        if name == "value.btc" and v.trails[name].value < 0:
            # A holding below zero is arithmetic, not bitcoin anyone has: nothing is worth it.
            v.trails[figure] = Trail(figure, UNITS[figure], status=Status(
                NOT_KNOWN, f"btc.total is below zero on {v.as_of}: {status.reason}"))
            return None
    flags = carried_flags([(n, v.status(n)) for n in names])
    flows = [n for n in names if v.status(n).status == FLOWS_ONLY]
    if flows:
        return Status(FLOWS_ONLY, f"{', '.join(flows)} summed from recorded flows only "
                      "(no disclosed starting point)" + flag_note(flags), flags)
    return Status(DERIVED, "computed from " + ", ".join(
        f"{n} ({v.status(n).status})" for n in names) + flag_note(flags), flags)


def _rounded(t: Trail) -> None:
    places = _PLACES.get(t.unit)
    if places is not None:
        t.round_to(places)


def _product(v: Value, figure: str, a: str, b: str) -> None:
    status = _weakest(v, figure, (a, b))
    if status is None:
        return
    if a.startswith("value.shares_") and v.trails[a].value == 0:
        # A listed company (it has a share price) with no shares is a count gone wrong: a
        # capitalisation of 0, and an mNAV of 0 on it, would be figures no one knows.
        v.trails[figure] = Trail(figure, UNITS[figure], status=Status(
            NOT_KNOWN, f"{a} is 0 on {v.as_of}: a company with a share price has shares, "
                       "so a recorded repurchase is wrong or an issuance is missing "
                       "(reconcile lists it)"))
        return
    t = v.trails[figure] = Trail(figure, UNITS[figure], status=status)
    t.move("set", v.trails[a].value, None, a)
    t.move("multiply", v.trails[b].value, None, b)
    _rounded(t)


def _quotient(v: Value, figure: str, a: str, b: str) -> None:
    status = _weakest(v, figure, (a, b))
    if status is None:
        return
    if v.trails[b].value == 0:
        v.trails[figure] = Trail(figure, UNITS[figure], status=Status(
            NOT_KNOWN, f"{b} is 0 on {v.as_of}: nothing to divide by"))
        return
    t = v.trails[figure] = Trail(figure, UNITS[figure], status=status)
    t.move("set", v.trails[a].value, None, a)
    t.move("divide", v.trails[b].value, None, b)
    _rounded(t)


#: The unit of each figure.
UNITS = VALUE_UNITS


def _price_trail(name: str, found: prices.Close) -> Trail:
    t = Trail(name, UNITS[name], status=found.status)
    if found.row is not None:
        t.move("set", Decimal(found.row.record["close"]), found.row,
               f"{found.asset} close on {found.row.end}")
    return t


def compute(cur: Any, company: str, as_of: date, position: int, since: date | None = None,
            max_price_age: int = prices.MAX_AGE_DAYS, journal: holdings.Journal | None = None,
            max_anchor_age: int | None = None) -> Value:
    """Every value figure of ``company`` as of ``as_of`` (and over (since, as_of] with
    ``since``), over the records visible at ``position`` (``journal``: the company's
    records at ``position`` already read, for the holdings and the cost basis; another
    company's or position's is refused)."""
    if journal is not None:
        journal.check(company, position)
    with shares.exact():
        v = Value(company, as_of, since, position, max_price_age)
        v.held = holdings.compute(cur, company, as_of, position, journal, max_anchor_age)
        v.share_count = shares.compute(cur, company, as_of, position)
        v.basis = cost.compute(cur, company, as_of, position, all_rows=None if journal is None
                               else cost.rows_from(journal.entries(as_of.isoformat())))
        v.btc_close = prices.close(cur, BTC, as_of, position, max_price_age)
        v.share_close = prices.close(cur, company, as_of, position, max_price_age)
        day = as_of.isoformat()

        v.trails["value.btc"] = _input("value.btc", "BTC", v.held.total, v.held.status["total"],
                                       f"btc.total as of {day} (explain btc.total for its "
                                       "steps)")
        v.trails["value.btc_price"] = _price_trail("value.btc_price", v.btc_close)
        v.trails["value.share_price"] = _price_trail("value.share_price", v.share_close)
        for name, figure in (("value.shares_basic", "shares.basic"),
                             ("value.shares_diluted", "shares.assumed_diluted")):
            source = v.share_count.trails[figure]
            v.trails[name] = _input(name, "shares", source.value, v.share_count.status(figure),
                                    f"{figure} as of {day} (explain {figure} for its steps)")
        for name in ("value.cost_basis", "value.average_cost"):
            v.trails[name] = v.basis.trails[name]

        _product(v, "value.market_value", "value.btc", "value.btc_price")
        status = _weakest(v, "value.unrealized_gain", ("value.market_value", "value.cost_basis"))
        if status is not None:
            covered = v.basis.trails["value.cost_btc"].value
            if covered != v.held.total:
                v.trails["value.unrealized_gain"] = Trail(
                    "value.unrealized_gain", "USD", status=Status(
                        NOT_KNOWN, f"the cost basis covers {canonical(covered)} BTC but "
                        f"btc.total is {canonical(v.held.total)} BTC"))
            else:
                t = v.trails["value.unrealized_gain"] = Trail("value.unrealized_gain", "USD",
                                                              status=status)
                t.move("set", v.trails["value.market_value"].value, None, "value.market_value")
                t.move("subtract", v.trails["value.cost_basis"].value, None, "value.cost_basis")
        _quotient(v, "value.nav_per_share_basic", "value.market_value", "value.shares_basic")
        _quotient(v, "value.nav_per_share_diluted", "value.market_value", "value.shares_diluted")
        _product(v, "value.market_cap_basic", "value.shares_basic", "value.share_price")
        _product(v, "value.market_cap_diluted", "value.shares_diluted", "value.share_price")
        _quotient(v, "value.mnav_basic", "value.market_cap_basic", "value.market_value")
        _quotient(v, "value.mnav_diluted", "value.market_cap_diluted", "value.market_value")

        if since is not None:
            v.trails["value.realized_gain"], v.sales = cost.realized(cur, company, since, as_of,
                                                                     position)
            v.kpi = shares.compute_kpi(cur, company, as_of, since, position, max_anchor_age)
            gain = v.kpi.trails.get("kpi.btc_gain")
            v.trails["kpi.btc_gain"] = (
                _input("kpi.btc_gain", "BTC", gain.value, v.kpi.status("kpi.btc_gain"),
                       f"kpi.btc_gain over {since} to {day} (explain kpi.btc_gain for its "
                       "steps)") if gain is not None and gain.known else
                Trail("kpi.btc_gain", "BTC", status=v.kpi.status("kpi.btc_gain")))
            _product(v, "value.btc_dollar_gain", "kpi.btc_gain", "value.btc_price")
    return v


def to_json(v: Value) -> dict[str, Any]:
    with shares.exact():
        figures = {}
        for name in FIGURES:
            if name not in v.trails:
                continue
            status = v.status(name)
            figures[name] = {"value": None if not status.known else canonical(
                v.trails[name].value), "unit": UNITS[name], **status.to_json()}
        data: dict[str, Any] = {
            "company": v.company, "as_of": v.as_of.isoformat(),
            "since": v.since.isoformat() if v.since else None, "known_at": v.known_at,
            "position": v.position, "head_hash": v.head_hash,
            "max_price_age_days": v.max_price_age,
            "prices": {"btc": v.btc_close.to_json() if v.btc_close else None,
                       "share": v.share_close.to_json() if v.share_close else None},
            "figures": figures,
        }
        if v.since is not None:
            data["sales"] = [s.to_json() for s in v.sales]
    return data


def explain(v: Value, figure: str) -> dict[str, Any] | str:
    """The trail of a value figure, with the trails of everything it rests on (their own
    steps; holdings and share counts say which figure to explain for theirs)."""
    if figure not in v.trails:
        if figure in PERIOD_FIGURES:
            return f"{figure} covers a period: give --since, the date it is measured from"
        return (f'no figure "{figure}"; use one of ' + ", ".join(
            f for f in FIGURES if f in v.trails or f in PERIOD_FIGURES))
    with shares.exact():
        trail = v.trails[figure]
        report = trail.to_json()
        if trail.status is None:
            report.update(Status(DERIVED, "from the records shown").to_json())
        inputs: dict[str, Any] = {}

        def walk(name: str) -> None:
            for part in INPUTS.get(name, ()):
                if part in inputs or part not in v.trails:
                    continue
                inputs[part] = v.trails[part].to_json()
                walk(part)

        walk(figure)
        # The holdings and share counts with their own trails: every record the figure
        # rests on.
        if "value.btc" in inputs and v.held is not None and v.held.status["total"].known:
            total = v.held.trails["btc.total"].to_json()
            inputs["btc.total"] = {
                "figure": "btc.total", "unit": "BTC", "value": total["value"],
                **v.held.status["total"].to_json(), "steps": total["steps"]}
        for name, source in (("value.shares_basic", "shares.basic"),
                             ("value.shares_diluted", "shares.assumed_diluted")):
            if name in inputs and v.share_count is not None:
                inputs[source] = v.share_count.trails[source].to_json()
        if figure in ("value.cost_basis", "value.average_cost", "value.unrealized_gain"):
            inputs["value.cost_btc"] = v.basis.trails["value.cost_btc"].to_json()  # type: ignore[union-attr]
        report.update({"inputs": inputs, "company": v.company, "as_of": v.as_of.isoformat(),
                       "position": v.position, "max_price_age_days": v.max_price_age,
                       "in_progress": [{"id": e.record_id, "type": e.type,
                                        "effective": e.effective}
                                       for e in (v.held.in_progress if v.held else [])]})
        if v.since is not None:
            report["since"] = v.since.isoformat()
    return report
