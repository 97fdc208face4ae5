"""Capital structure at a point in time, computed and explained by one code path.

Over the capital records visible at store position P whose period has ended by day D (those
still in progress are listed, not counted, as for holdings):

* notes outstanding, per issue: principal less what was retired with ``notes_id`` naming the
  issue; retirements that name no visible issue reduce only the total and are listed;
* equity raised: gross proceeds and shares where disclosed, by program, cumulative to D;
* stakes in other companies: percent held (acquired less disposed) and cost (acquisition
  prices, less the proportional cost of what was disposed);
* businesses acquired and their price, workforce reductions, the latest reported results.

Every figure carries a status (``_set_statuses``): ``disclosed`` when it is one record's
amount stated for that very date, ``derived`` when it is carried from a statement for an
earlier date or computed from several records, ``not known`` when nothing recorded gives it
(a total nothing contributes to, a stake's cost when a price was not disclosed).

Every figure is a ``Trail``: its value and the steps that produced it. ``capital`` prints the
values and ``explain`` prints the steps of the same trails, so they cannot disagree.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from ledger import kinds
from ledger.values import canonical

from .figures import DERIVED, DISCLOSED, NOT_KNOWN, Defaults, Status, Trail
from .versions import Row, visible_rows  # noqa: F401 - capital.Row, capital.visible_rows

_CENT = Decimal("0.01")


class Figures(Defaults):
    """One company's figures as of a day, as the ledger knew them at a position: each one a
    ``Trail`` of the steps that produced it (capital here, shares in ``shares.py``). Built
    as the ``@dataclass`` it was (``figures.Defaults``)."""

    FIELDS: tuple[str, ...] = ("company", "as_of", "position", "known_at", "head_hash",
                               "trails")
    DEFAULTS: dict[str, Any] = {"known_at": None, "head_hash": None, "trails": dict}
    company: str
    as_of: date
    position: int
    known_at: str | None
    head_hash: str | None
    trails: dict[str, Trail]


    def trail(self, figure: str, unit: str) -> Trail:
        """The figure's trail, begun (at zero) if it has none yet."""
        if figure not in self.trails:
            self.trails[figure] = Trail(figure, unit)
        return self.trails[figure]


class Capital(Figures):
    FIELDS = (*Figures.FIELDS, "notes", "unattributed_retirements", "programs", "stakes",
              "acquisitions", "workforce", "results", "in_progress", "shares", "over_retired",
              "without_share_count")
    DEFAULTS = {**Figures.DEFAULTS, "notes": list, "unattributed_retirements": list,
                "programs": list, "stakes": list, "acquisitions": list, "workforce": list,
                "results": None, "in_progress": list, "shares": None, "over_retired": dict,
                "without_share_count": dict}
    notes: list[dict[str, Any]]
    unattributed_retirements: list[dict[str, Any]]
    programs: list[dict[str, Any]]
    stakes: list[dict[str, Any]]
    acquisitions: list[dict[str, Any]]
    workforce: list[dict[str, Any]]
    results: dict[str, Any] | None
    in_progress: list[Row]
    #: The share count as of the same date (projections/shares.py).
    shares: Any
    #: Outstanding figures that retirements went beyond, and by how much (never counted).
    over_retired: dict[str, Decimal]
    #: The equity issues that state no share count, by program (not in the share totals).
    without_share_count: dict[str, list[str]]

    def value(self, figure: str) -> str | None:
        """A figure as JSON carries it: a decimal string, None when it is not known."""
        value = self.trails[figure].known_value()
        return None if value is None else canonical(value)


def _rows(cur: sqlite3.Cursor, company: str, as_of: str, position: int) -> list[Row]:
    return visible_rows(cur, company, position, category="capital", started_by=as_of)


def compute(cur: sqlite3.Cursor, company: str, as_of: date, position: int) -> Capital:
    day = as_of.isoformat()
    result = Capital(company=company, as_of=as_of, position=position)
    counted = _counting_order(_rows(cur, company, day, position))
    result.in_progress = [r for end, r in counted if end > day]
    ended = [r for end, r in counted if end <= day]

    state = _Replay(result)
    for row in ended:
        state.apply(row)
    issues, stakes, programs = state.issues, state.stakes, state.programs
    _matured(state)
    _stake_statuses(result, stakes, day)

    # A total nothing recorded contributes to is not known, not $0: the ledger can't tell
    # "none" from "not disclosed". Figures in another currency have their own totals
    # (``notes.outstanding.SEK``), never converted into or summed with the USD ones.
    for name, what in (("notes.outstanding", "notes issued or retired"),
                       ("equity.raised", "equity issued"),
                       ("acquisitions.usd", "business acquired")):
        if not result.trails[name].steps and result.trails[name].status is None:
            others = sorted(_currencies(result, name))
            result.trails[name].status = Status(NOT_KNOWN, (
                f"no {what} in USD recorded by {day}; recorded only in "
                f"{', '.join(others)} (see {', '.join(f'{name}.{c}' for c in others)}; never "
                "converted)") if others else f"no {what} recorded by {day}")

    from . import shares

    result.shares = shares.compute(cur, company, as_of, position)
    for issue in issues.values():
        outstanding = result.value(f"notes.{issue['id']}.outstanding")
        if "currency" in issue:  # in its own currency, never converted
            issue["outstanding_usd"], issue["outstanding"] = None, outstanding
        else:
            issue["outstanding_usd"] = outstanding
    result.notes = list(issues.values())
    for name, program in programs.items():
        program["raised_usd"] = (result.value(f"equity.{name}.raised")
                                 if f"equity.{name}.raised" in result.trails else None)
        program["raised_by_currency"] = {
            c: result.value(f"equity.{name}.raised.{c}")
            for c in sorted(_currencies(result, f"equity.{name}.raised"))}
        program["shares"] = (result.value(f"equity.{name}.shares")
                             if f"equity.{name}.shares" in result.trails else None)
    result.programs = list(programs.values())
    for target, stake in stakes.items():
        result.stakes.append({
            "target": target, "percent": result.value(f"stakes.{target}.percent"),
            "cost_usd": result.value(f"stakes.{target}.cost") if stake["cost_known"] else None,
            "proceeds_usd": canonical(stake["proceeds"]), "records": stake["records"]})
    if result.results is not None:
        row = result.results.pop("_row")
        del result.results["_end"], result.results["_first"]
        for name in ("revenue_usd", "net_income_usd", "adjusted_ebitda_usd"):
            if result.results.get(name) is not None:
                result.trail(f"results.{name}", "USD").move(
                    "set", Decimal(result.results[name]), row, "latest reported period")
    _set_statuses(result, ended, stakes, day)
    return result


def _stake_statuses(result: Capital, stakes: dict[str, dict[str, Any]], day: str) -> None:
    """A stake's figures that are not known: a cost no price gives, and a stake whose
    records add up to below 0% or over 100% (and its cost)."""
    for target, stake in stakes.items():
        percent = result.trails[f"stakes.{target}.percent"]
        if percent.value < 0 or percent.value > 100:
            # Records that can't all be right (refused when written since, and so are
            # amendments leaving them; an older ledger can still hold them): never a stake
            # below 0% or over 100%, nor a cost on it.
            why = (f"the records of this stake add up to {canonical(percent.value)}% by {day}, "
                   f"{'below 0%' if percent.value < 0 else 'over 100%'}: they can't all be "
                   "right (reconcile flags it); correct or retract the one that is wrong")
            percent.status = Status(NOT_KNOWN, why)
            stake["cost_known"] = False
            stake["cost_why"].append(why)
        if not stake["cost_known"]:
            reasons = list(stake["cost_why"])
            if stake["unpriced"]:
                reasons.insert(0, f"no price disclosed for {', '.join(stake['unpriced'])}")
            result.trails[f"stakes.{target}.cost"].status = Status(NOT_KNOWN,
                                                                   "; ".join(reasons))


def _set_statuses(result: Capital, ended: list[Row], stakes: dict[str, dict[str, Any]],
                  day: str) -> None:
    """What each figure rests on (a status already set, not known, stays)."""
    end_of = {row.record_id: row.end for row in ended}
    for name, trail in result.trails.items():
        if trail.status is not None:
            continue
        ids = list(dict.fromkeys(step["record"]["id"] for step in trail.steps
                                 if "record" in step))
        if len(ids) == 1 and len(trail.steps) == 1 and end_of[ids[0]] == day:
            trail.status = Status(DISCLOSED, f"stated for {day} ({ids[0]})")
        elif len(ids) == 1:
            trail.status = Status(DERIVED, f"stated for {end_of[ids[0]]} ({ids[0]}), "
                                  f"carried to {day}")
        else:
            latest = max(end_of[i] for i in ids)
            trail.status = Status(DERIVED, f"computed from {len(ids)} records ended by {day}, "
                                  f"the latest on {latest}")
        if name == "equity.shares" or (name.startswith("equity.") and name.endswith(".shares")):
            program = name.removeprefix("equity.").removesuffix(".shares")
            missing = ([i for ids_ in result.without_share_count.values() for i in ids_]
                       if name == "equity.shares" else
                       result.without_share_count.get(program, []))
            if missing:
                # a sum over some of the issues: never the company's own statement
                trail.status = Status(DERIVED, trail.status.reason + (
                    f"; only the issues that state a share count: {', '.join(missing)} "
                    f"state{'s' if len(missing) == 1 else ''} none"))


def _currencies(result: Capital, figure: str) -> set[str]:
    """The other currencies ``figure`` has a total in (``figure.SEK``...)."""
    return {name.removeprefix(figure + ".") for name, trail in result.trails.items()
            if name.startswith(figure + ".") and trail.unit == name.removeprefix(figure + ".")}


def _not_known(trail: Trail, reason: str) -> None:
    """The figure is not known (a record it needs does not state it), with every reason."""
    if trail.status is not None and not trail.status.known:
        if reason not in trail.status.reason:
            trail.status = Status(NOT_KNOWN, f"{trail.status.reason}; {reason}")
    else:
        trail.status = Status(NOT_KNOWN, reason)


def _money(r: dict[str, Any], usd_field: str, field: str) -> tuple[str | None, Decimal | None]:
    """A record's figure as stated: (currency, amount), USD from ``usd_field``, another
    currency from ``field`` and ``currency``; the amount None when neither is stated (the
    currency then the record's ``currency``, if any)."""
    if usd_field in r:
        return "USD", Decimal(r[usd_field])
    if field in r:
        return r["currency"], Decimal(r[field])
    return r.get("currency"), None


class _Replay:
    """The capital records of a company applied one at a time, in (period end, first
    stored) order: ``compute`` applies those ended by its day; ``replay`` reads the figures
    after each of many days without starting again."""

    def __init__(self, result: Capital):
        self.result = result
        self.day = result.as_of.isoformat()
        self.total = result.trail("notes.outstanding", "USD")
        self.equity = result.trail("equity.raised", "USD")
        self.acquired = result.trail("acquisitions.usd", "USD")
        self.issues: dict[str, dict[str, Any]] = {}
        self.stakes: dict[str, dict[str, Any]] = {}
        self.programs: dict[str, dict[str, Any]] = {}

        #: Retirements that state neither principal nor currency (unattributed): every
        #: notes total, in any currency, is not known.
        self.unstated_retirements: list[str] = []

    def apply(self, row: Row) -> None:
        RULES[kinds.CAPITAL_EFFECT[row.type]](self, row, row.record)

    def notes_total(self, currency: str) -> Trail:
        """The notes outstanding in ``currency``: ``notes.outstanding`` in USD."""
        if currency == "USD":
            return self.total
        fresh = f"notes.outstanding.{currency}" not in self.result.trails
        trail = self.result.trail(f"notes.outstanding.{currency}", currency)
        if fresh:
            for record_id in self.unstated_retirements:
                _not_known(trail, _UNSTATED.format(record_id))
        return trail

    def equity_total(self, currency: str, program: str | None = None) -> Trail:
        figure = "equity.raised" if program is None else f"equity.{program}.raised"
        if currency == "USD":
            return self.equity if program is None else self.result.trail(figure, "USD")
        return self.result.trail(f"{figure}.{currency}", currency)


_UNSTATED = "{} retires notes without stating the principal or its currency"


# --- the rules: one per capital effect the type table names (kinds.CAPITAL_EFFECTS) -------------


def _notes_issued(state: _Replay, row: Row, r: dict[str, Any]) -> None:
    currency, principal = _money(r, "principal_usd", "principal")
    assert currency is not None and principal is not None  # the model requires one
    state.notes_total(currency).move("add", principal, row)
    issue = state.result.trail(f"notes.{row.record_id}.outstanding", currency)
    issue.move("add", principal, row)
    state.issues[row.record_id] = {
        "id": row.record_id, "effective": row.effective,
        "principal_usd": r.get("principal_usd"), "coupon_percent": r.get("coupon_percent"),
        "maturity": r.get("maturity"), "convertible": r["convertible"],
        "conversion_price_usd": r.get("conversion_price_usd"),
        "conversion_rate": r.get("conversion_rate"), "retired": [],
        "matured": bool(r.get("maturity") and r["maturity"] <= state.day),
        "sources": r.get("sources", []),
        **({} if currency == "USD" else {"currency": currency, "principal": r["principal"],
                                         "conversion_price": r.get("conversion_price")})}


def _notes_retired(state: _Replay, row: Row, r: dict[str, Any]) -> None:
    result = state.result
    currency, principal = _money(r, "principal_usd", "principal")
    line = {"id": row.record_id, "effective": row.effective, "how": r["how"],
            "principal_usd": r.get("principal_usd"), "usd": r.get("usd"),
            **{name: r[name] for name in ("principal", "amount", "currency", "shares")
               if name in r}}
    target = r.get("notes_id")
    if target in state.issues:
        issue = result.trails[f"notes.{target}.outstanding"]
        total = state.notes_total(issue.unit)
        if principal is None or currency != issue.unit:
            # What is left of the issue can't be known: never a guess, never a conversion.
            reason = (f"{row.record_id} retires notes of {target} without stating the "
                      f"principal" if principal is None else
                      f"{row.record_id} retires {currency} {canonical(principal)} of {target}, "
                      f"whose principal is in {issue.unit} (never converted)")
            _not_known(issue, reason)
            _not_known(total, reason)
            issue.move("subtract", Decimal(0), row, f"{r['how']}; principal not known")
        else:
            counted = _retire(result, issue, principal, row, r["how"])
            total.move("subtract", counted, row, f"{r['how']}")
        state.issues[target]["retired"].append(line)
    else:
        if principal is not None:
            total = state.notes_total(str(currency))
            held = total.value
            if _retire(result, total, principal, row, r["how"]) < principal:
                # More retired than any recorded issue left: notes the ledger has no record
                # of were outstanding, and what is left of them is not known (never 0).
                _not_known(total, f"{row.record_id} retires {_amount(currency, principal)} "
                           "not attributed to a recorded issue, more than the "
                           f"{_amount(currency, max(held, Decimal(0)))} recorded outstanding: "
                           "notes not recorded were outstanding, and what is left of them is "
                           "not known")
        elif currency is not None:
            _not_known(state.notes_total(currency), f"{row.record_id} retires notes without "
                                                    f"stating the principal in {currency}")
        else:
            state.unstated_retirements.append(row.record_id)
            for name in [n for n, t in result.trails.items()
                         if n == "notes.outstanding" or (n.startswith("notes.outstanding.")
                                                         and t.unit == n.rsplit(".", 1)[1])]:
                _not_known(result.trails[name], _UNSTATED.format(row.record_id))
        line["notes_id"] = target
        result.unattributed_retirements.append(line)


def _amount(currency: str | None, amount: Decimal) -> str:
    return f"${amount:,f}" if currency == "USD" else f"{currency} {amount:,f}"


def _equity_issued(state: _Replay, row: Row, r: dict[str, Any]) -> None:
    result = state.result
    currency, amount = _money(r, "usd", "amount")
    name = r.get("program") or "unspecified"
    program = state.programs.setdefault(name, {"program": name, "issues": 0,
                                               "shares_disclosed_for": 0})
    program["issues"] += 1
    if amount is not None:
        assert currency is not None
        state.equity_total(currency).move("add", amount, row)
        state.equity_total(currency, name).move("add", amount, row)
    else:
        # Shares issued, proceeds not stated: what was raised is not known (never 0).
        reason = f"{row.record_id} states the shares issued but not the proceeds"
        _not_known(state.equity_total("USD"), reason)
        _not_known(state.equity_total("USD", name), reason)
    if "shares" in r:
        result.trail("equity.shares", "shares").move("add", Decimal(r["shares"]), row)
        result.trail(f"equity.{name}.shares", "shares").move(
            "add", Decimal(r["shares"]), row)
        program["shares_disclosed_for"] += 1
    else:
        result.without_share_count.setdefault(name, []).append(row.record_id)


def _stake(state: _Replay, row: Row, r: dict[str, Any]) -> tuple[dict[str, Any], Trail, Trail]:
    target = r["target"]
    stake = state.stakes.setdefault(target, {"target": target, "records": [],
                                             "cost_known": True, "proceeds": Decimal(0),
                                             "unpriced": [], "cost_why": []})
    stake["records"].append(row.record_id)
    return (stake, state.result.trail(f"stakes.{target}.percent", "percent"),
            state.result.trail(f"stakes.{target}.cost", "USD"))


def _stake_acquired(state: _Replay, row: Row, r: dict[str, Any]) -> None:
    stake, percent, cost = _stake(state, row, r)
    percent.move("add", Decimal(r["percent"]), row)
    if "usd" in r:
        cost.move("add", Decimal(r["usd"]), row)
    else:
        stake["cost_known"] = False
        stake["unpriced"].append(row.record_id)
        cost.move("add", Decimal(0), row, "price not disclosed")


def _stake_disposed(state: _Replay, row: Row, r: dict[str, Any]) -> None:
    stake, percent, cost = _stake(state, row, r)
    amount = Decimal(r["percent"])
    held = percent.value
    if held < amount:
        # More disposed than is held as recorded: what is left cost what is not known.
        stake["cost_known"] = False
        stake["cost_why"].append(f"{row.record_id} disposes of {canonical(amount)}% while "
                                 f"{canonical(held)}% is held as recorded")
    share = cost.value * amount / held if held > 0 else cost.value
    share = min(share, cost.value).quantize(_CENT, ROUND_HALF_EVEN)
    percent.move("subtract", amount, row)
    cost.move("subtract", share, row,
              f"proportional cost of {canonical(amount)}% of {canonical(held)}% held")
    if "usd" in r:
        stake["proceeds"] += Decimal(r["usd"])


def _business_acquired(state: _Replay, row: Row, r: dict[str, Any]) -> None:
    state.acquired.move("add", Decimal(r["usd"]), row)
    state.result.acquisitions.append({"id": row.record_id, "target": r["target"],
                                      "usd": r["usd"], "effective": row.effective,
                                      "sources": r.get("sources", [])})


def _workforce_reduced(state: _Replay, row: Row, r: dict[str, Any]) -> None:
    state.result.workforce.append({"id": row.record_id, "effective": row.effective,
                                   "percent": r.get("percent"), "headcount": r.get("headcount"),
                                   "sources": r.get("sources", [])})


def _results_reported(state: _Replay, row: Row, r: dict[str, Any]) -> None:
    # Latest period wins; on one period end, the record first stored later.
    result = state.result
    if result.results is None or (row.end, row.first_position) >= (
            result.results["_end"], result.results["_first"]):
        result.results = {"id": row.record_id, "period": row.effective,
                          "revenue_usd": r.get("revenue_usd"),
                          "net_income_usd": r.get("net_income_usd"),
                          "adjusted_ebitda_usd": r.get("adjusted_ebitda_usd"),
                          "sources": r.get("sources", []),
                          "_end": row.end, "_first": row.first_position, "_row": row}


#: How each capital effect (``kinds.CAPITAL_EFFECT``, by type) changes the figures.
RULES: dict[str, Callable[[_Replay, Row, dict[str, Any]], None]] = {
    "notes.issue": _notes_issued, "notes.retire": _notes_retired,
    "equity.issue": _equity_issued, "stake.acquire": _stake_acquired,
    "stake.dispose": _stake_disposed, "business.acquire": _business_acquired,
    "workforce.reduce": _workforce_reduced, "results.report": _results_reported,
}
if set(RULES) != set(kinds.CAPITAL_EFFECTS):  # a capital effect with no rule, or a stray rule
    raise kinds.IncompleteTypeTable(
        "projections/capital.py: RULES covers " + ", ".join(sorted(RULES))
        + "; kinds.CAPITAL_EFFECTS names " + ", ".join(kinds.CAPITAL_EFFECTS))


def replay(cur: sqlite3.Cursor, company: str, days: list[str], position: int
           ) -> Iterator[tuple[str, Capital]]:
    """After each of ``days`` (ascending ISO dates), the capital figures (trails, over-retired
    notes) ``compute`` gives on it, from one read of the company's capital records; the
    same object is updated and yielded each time. Only the figures built from the records
    themselves: no shares, notes summaries, programs, stakes lists or latest results."""
    rows = _counting_order(_rows(cur, company, "9999-12-31", position))
    result = Capital(company=company, as_of=date.fromisoformat(days[0]) if days else date.min,
                     position=position)
    state = _Replay(result)
    i = 0
    for day in days:
        state.day = day
        result.as_of = date.fromisoformat(day)
        while i < len(rows) and rows[i][0] <= day:
            state.apply(rows[i][1])
            i += 1
        yield day, result


def _counting_order(rows: list[Row]) -> list[tuple[str, Row]]:
    """The rows in the order they count, each with the day it counts from: its period's end,
    but for a retirement naming a visible issue whose period ends later, that issue's end
    (notes are retired only once issued: until then the retirement is in progress with its
    issue, as shares counts it)."""
    issue_end = {r.record_id: r.end for r in rows if r.type == kinds.NOTES_ISSUE}
    out = []
    for row in rows:
        end = row.end
        if kinds.CAPITAL_EFFECT.get(row.type) == "notes.retire":
            end = max(end, issue_end.get(row.record.get("notes_id") or "", end))
        out.append((end, row))
    out.sort(key=lambda pair: (pair[0], pair[1].first_position))
    return out


def _matured(state: _Replay) -> None:
    """An issue past its maturity with principal not recorded as retired: what is still
    outstanding is not known (it was repaid, converted or extended, and no record says
    which), and neither is the total it is part of."""
    result = state.result
    for issue in state.issues.values():
        trail = result.trails[f"notes.{issue['id']}.outstanding"]
        if not issue["matured"] or not trail.known or trail.value <= 0:
            continue
        amount = (f"${trail.value:,f}" if trail.unit == "USD"
                  else f"{trail.unit} {trail.value:,f}")
        reason = (f"{issue['id']} matured on {issue['maturity']} with {amount} not recorded "
                  "as retired: whether it was repaid or converted is not known; record its "
                  "notes_retired")
        _not_known(trail, reason)
        _not_known(state.notes_total(trail.unit), reason)


def _retire(result: Capital, trail: Trail, principal: Decimal, row: Row, how: str) -> Decimal:
    """Subtract a retirement from an outstanding figure, never below zero: more retired than
    is outstanding (records that disagree; refused at write time since, but older ledgers
    may hold them) counts only what was outstanding, and ``over_retired`` keeps how far
    beyond it went for reconcile. Returns what was counted."""
    counted = min(principal, max(trail.value, Decimal(0)))
    if counted < principal:
        beyond = principal - counted
        result.over_retired[trail.figure] = result.over_retired.get(trail.figure,
                                                                    Decimal(0)) + beyond
        trail.move("subtract", counted, row, f"{how}; {canonical(principal)} retired but only "
                   f"{canonical(counted)} outstanding: {canonical(beyond)} beyond it not counted"
                   " (reconcile flags it)")
    else:
        trail.move("subtract", counted, row, how)
    return counted


def to_json(c: Capital) -> dict[str, Any]:
    return {
        "company": c.company, "as_of": c.as_of.isoformat(), "known_at": c.known_at,
        "position": c.position, "head_hash": c.head_hash,
        "notes": {"outstanding_usd": c.value("notes.outstanding"),
                  "outstanding_by_currency": {
                      cur: c.value(f"notes.outstanding.{cur}")
                      for cur in sorted(_currencies(c, "notes.outstanding"))},
                  "issues": c.notes,
                  "unattributed_retirements": c.unattributed_retirements},
        "equity": {"raised_usd": c.value("equity.raised"),
                   "raised_by_currency": {
                       cur: c.value(f"equity.raised.{cur}")
                       for cur in sorted(_currencies(c, "equity.raised"))},
                   "shares": c.value("equity.shares") if "equity.shares" in c.trails else None,
                   "by_program": c.programs},
        "stakes": c.stakes,
        "acquisitions": c.acquisitions,
        "acquisitions_usd": c.value("acquisitions.usd"),
        "workforce": c.workforce,
        "results": c.results,
        "in_progress": [{**r.record, "id": r.record_id, "position": r.position}
                        for r in c.in_progress],
        "figures": sorted(c.trails),
        **({"shares": _shares_summary(c.shares)} if c.shares is not None else {}),
    }


def _shares_summary(s: Any) -> dict[str, Any]:
    from . import shares

    return shares.summary(s)
