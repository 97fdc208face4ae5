"""Cost basis of the bitcoin, by the average-cost method, computed and explained by one code
path (on both time axes, like holdings).

For as-of day D and store position P (records visible at P, latest correction known at P,
retracted ones left out):

* the **anchor** is the latest ``btc_balance_disclosed`` dated on or before D that states
  ``cost_usd`` (two on one date: the record first stored later): the cost basis starts at its
  ``cost_usd`` covering its ``btc``. Without one, it starts from nothing and the figures are
  "flows only" (the cost only if the company held no bitcoin before its first recorded flow);
* the flows whose period ends after the anchor's date and on or before D roll it forward, in
  the order of their end (then store order): a purchase adds its ``usd`` and its bitcoin; a
  mined coin adds its ``usd`` (its value at receipt, as miners book it) and its bitcoin; a
  sale removes the average cost of the coins sold — ``cost × sold ÷ held``, rounded to the
  cent, so the average is unchanged but for that cent — and its realized gain is its ``usd``
  (proceeds) less that cost; loans, pledges and their returns move nothing;
* a purchase or mined coin without ``usd``, a sale of more than is held, or a disclosed
  balance without a cost whose bitcoin differs from what the cost covers (coins came or went
  at a cost not known) make the cost basis **not known** from there: the figure is null with
  the reason, never a number. The next disclosed cost (a later anchor) starts it again;
* **average cost** = cost basis ÷ the bitcoin it covers, to the cent; not known with no coin;
* **realized gain** over (S, D] sums each sale's gain over the sales ending in it, each at
  the average cost of the roll that reaches it (across anchors dated in the period); not known
  when any of them is, or when no sale is recorded in it (none recorded is not "none made").

``realized cost + remaining cost = anchor cost + the usd put in`` holds exactly: the cost
removed by a sale is rounded once, and the remaining cost is what is left.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from ledger import kinds
from ledger.values import canonical

from .figures import DERIVED, DISCLOSED, FLOWS_ONLY, NOT_KNOWN, Plain, Status, Trail, exact
from .queries import loads
from .versions import Row, visible_rows

_CENT = Decimal("0.01")
#: The disclosed balance whose cost the roll starts from (the type reconcile's cost check
#: reads), and the bitcoin flows and what they do to the cost basis (the type table's
#: ``cost_effect``: those that add their usd as cost, those that remove cost).
(_ANCHOR,) = kinds.checked_by("costs")
_ADDS = kinds.COST_ADDS
_SOLD = kinds.COST_REMOVES
_TYPES = (_ANCHOR, *_ADDS, *_SOLD)
_END_OF_TIME = "9999-12-31"
#: What ``rows`` reads (for a caller that has the versions already: ``audit.reconcile``).
TYPES, END_OF_TIME = frozenset(_TYPES), _END_OF_TIME


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(_CENT, ROUND_HALF_EVEN)


def rows(cur: sqlite3.Cursor, company: str, position: int, until: str = _END_OF_TIME
         ) -> list[Row]:
    """The visible anchors and ownership flows of ``company`` ending by ``until``, in the
    order they roll (end, then store order)."""
    return visible_rows(cur, company, position, types=_TYPES, ended_by=until)


def rows_from(entries: Any, until: str = _END_OF_TIME) -> list[Row]:
    """``rows`` from the company's visible versions already read (``holdings.Entry``s in
    (period end, first stored) order, as ``audit._every_visible`` reads them): the same
    rows, each record's content as parsed once (a correction's: parsed again, as the
    replacement event alone, as ``visible_rows`` gives it)."""
    return [Row(e.position, e.record_id, e.first_position, e.type, e.effective, e.start, e.end,
                _event(e.content) if "corrected_by" in e.data() else e.data())
            for e in entries if e.type in TYPES and e.end <= until]


def _event(content: str) -> dict[str, Any]:
    """A stored version's content as ``versions.visible_rows`` gives it: a correction's
    replacement event, else the record."""
    record = loads(content)
    return record.get("event", record)


class Sale(Plain):
    """A sale as the roll met it: the cost it removed and its realized gain (None when not
    known: no proceeds stated, or the cost basis was not known when it was sold)."""

    __slots__ = ("row", "btc", "cost", "proceeds", "gain", "why")
    FIELDS = __slots__

    def __init__(self, row: Row, btc: Decimal, cost: Decimal | None, proceeds: Decimal | None,
                 gain: Decimal | None, why: str | None = None):
        self.row = row
        self.btc = btc
        self.cost = cost
        self.proceeds = proceeds
        self.gain = gain
        self.why = why

    def to_json(self) -> dict[str, Any]:
        return {"id": self.row.record_id, "effective": self.row.effective,
                "btc": canonical(self.btc),
                "cost_usd": None if self.cost is None else canonical(self.cost),
                "proceeds_usd": None if self.proceeds is None else canonical(self.proceeds),
                "realized_gain_usd": None if self.gain is None else canonical(self.gain),
                **({"why": self.why} if self.why else {})}


class CostBasis(Plain):
    """The cost basis of ``company``'s bitcoin as of a day: trails ``value.cost_basis`` (aggregate),
    ``value.cost_btc`` (the bitcoin it covers) and ``value.average_cost`` (USD per BTC).
    ``put_in`` and ``removed``: the cost put in after the anchor (purchases and mined coins
    with usd) and removed by sales; ``unknown``: why the cost is not known (the first flow
    or balance that made it so), else None."""

    __slots__ = ("company", "as_of", "position", "anchor", "trails", "sales", "put_in",
                 "removed", "unknown")
    FIELDS = __slots__

    def __init__(self, company: str, as_of: date, position: int, anchor: Row | None = None,
                 trails: dict[str, Trail] | None = None, sales: list[Sale] | None = None,
                 put_in: Decimal = Decimal(0), removed: Decimal = Decimal(0),
                 unknown: str | None = None):
        self.company = company
        self.as_of = as_of
        self.position = position
        self.anchor = anchor
        self.trails = {} if trails is None else trails
        self.sales = [] if sales is None else sales
        self.put_in = put_in
        self.removed = removed
        self.unknown = unknown

    @property
    def status(self) -> Status:
        return self.trails["value.cost_basis"].status  # type: ignore[return-value]

    def value(self, figure: str) -> Decimal | None:
        return self.trails[figure].known_value()


def _latest_cost_anchor(all_rows: list[Row], day: str, before: str | None) -> Row | None:
    found = [r for r in all_rows if r.type == _ANCHOR and "cost_usd" in r.record
             and r.end <= day and (before is None or r.end < before)]
    return max(found, key=lambda r: (r.end, r.first_position)) if found else None


def compute(cur: sqlite3.Cursor, company: str, as_of: date, position: int, *,
            before: str | None = None, all_rows: list[Row] | None = None) -> CostBasis:
    """The cost basis as of ``as_of`` over the records visible at ``position``; with
    ``before``, only anchors dated strictly before it are used (what the ledger would say
    on that date without the balance disclosed then: reconcile's expectation)."""
    day = as_of.isoformat()
    with exact():
        if all_rows is None:
            all_rows = rows(cur, company, position, day)
        result = CostBasis(company, as_of, position)
        usd = result.trails["value.cost_basis"] = Trail("value.cost_basis", "USD")
        btc = result.trails["value.cost_btc"] = Trail("value.cost_btc", "BTC")
        anchor = result.anchor = _latest_cost_anchor(all_rows, day, before)
        if anchor is not None:
            usd.move("set", Decimal(anchor.record["cost_usd"]), anchor,
                     "cost disclosed with the balance")
            btc.move("set", Decimal(anchor.record["btc"]), anchor, "bitcoin the cost covers")
            after = anchor.end
        else:
            usd.move("set", Decimal(0), None, "no disclosed cost: start from nothing")
            btc.move("set", Decimal(0), None, "no disclosed cost: start from nothing")
            after = ""
        flows = 0
        for row in all_rows:
            if not (after < row.end <= day) or row is anchor:
                continue
            r = row.record
            if row.type == _ANCHOR:
                # A balance without a cost (one with a cost dated on or after ``before`` is
                # what the roll is compared with, not part of it).
                if before is not None and row.end >= before:
                    continue
                if result.unknown is None and Decimal(r["btc"]) != btc.value:
                    result.unknown = (
                        f"the balance disclosed on {row.end} ({row.record_id}) is "
                        f"{canonical(Decimal(r['btc']))} BTC, but the cost basis covers "
                        f"{canonical(btc.value)} BTC: the cost of the difference is not known")
                continue
            flows += 1
            amount = Decimal(r["btc"])
            if row.type in _ADDS:
                what = kinds.COST_NOTE[row.type]
                if "usd" not in r:
                    if result.unknown is None:
                        result.unknown = (f"the {what} {row.record_id} ({row.effective}, "
                                          f"{Decimal(canonical(amount)):,f} BTC) states no "
                                          "USD amount")
                    continue
                if result.unknown is None:
                    cost = Decimal(r["usd"])
                    result.put_in += cost
                    usd.move("add", cost, row, f"{what}: its usd")
                    btc.move("add", amount, row, what)
            elif row.type in _SOLD:
                proceeds = Decimal(r["usd"]) if "usd" in r else None
                if result.unknown is not None:
                    result.sales.append(Sale(row, amount, None, proceeds, None,
                                             f"the cost basis is not known: {result.unknown}"))
                    continue
                if amount > btc.value:
                    result.unknown = (f"the sale {row.record_id} ({row.effective}) of "
                                      f"{canonical(amount)} BTC is more than the "
                                      f"{canonical(btc.value)} BTC the cost basis covers")
                    result.sales.append(Sale(row, amount, None, proceeds, None, result.unknown))
                    continue
                removed = cents(usd.value * amount / btc.value)
                result.removed += removed
                usd.move("subtract", removed, row,
                         f"sale: average cost of {canonical(amount)} BTC "
                         f"(cost x sold / held, to the cent)")
                btc.move("subtract", amount, row, "sale")
                gain = None if proceeds is None else proceeds - removed
                result.sales.append(Sale(row, amount, removed, proceeds, gain,
                                         None if proceeds is not None
                                         else "the sale states no proceeds (usd)"))
        _statuses(result, day, flows)
        # A division of two disclosed figures is at best derived: no record states it.
        status = usd.status
        if status is not None and status.status == DISCLOSED:
            status = Status(DERIVED, f"value.cost_basis divided by value.cost_btc, to the cent: "
                            f"{status.reason}")
        average = result.trails["value.average_cost"] = Trail("value.average_cost", "USD per BTC",
                                                        status=status)
        if usd.known and btc.value > 0:
            average.move("set", usd.value, None, "value.cost_basis")
            average.move("divide", btc.value, None, "value.cost_btc")
            average.move("set", cents(average.value), None, "to the cent")
        elif usd.known:
            average.status = Status(NOT_KNOWN, f"the cost basis covers no bitcoin on {day}")
    return result


def _statuses(result: CostBasis, day: str, flows: int) -> None:
    anchor = result.anchor
    counted = f"{flows} recorded flow{'' if flows == 1 else 's'}"
    if result.unknown is not None:
        status = Status(NOT_KNOWN, result.unknown)
    elif anchor is not None:
        status = (Status(DISCLOSED, f"cost disclosed on {day} ({anchor.record_id})")
                  if anchor.end == day and not flows else
                  Status(DERIVED, f"cost disclosed on {anchor.end} ({anchor.record_id}) "
                         f"rolled forward by {counted}"))
    elif flows:
        status = Status(FLOWS_ONLY, f"no disclosed cost on or before {day}: the usd of "
                        f"{counted}, which is the cost only if {result.company} held no "
                        "bitcoin before the first of them")
    else:
        status = Status(NOT_KNOWN, f"no disclosed cost on or before {day}, and no purchase, "
                        "mined bitcoin or sale is recorded by then")
    result.trails["value.cost_basis"].status = status
    result.trails["value.cost_btc"].status = status


def realized(cur: sqlite3.Cursor, company: str, since: date, as_of: date, position: int
             ) -> tuple[Trail, list[Sale]]:
    """Realized gain over (since, as_of]: each sale ending in it, at the average cost of the
    roll that reaches it (the latest cost disclosed before it)."""
    with exact():
        all_rows = rows(cur, company, position, as_of.isoformat())
        s = since.isoformat()
        sales: list[Sale] = []
        day, before = as_of, None
        while True:
            roll = compute(cur, company, day, position, before=before, all_rows=all_rows)
            start = roll.anchor.end if roll.anchor is not None else ""
            sales = [x for x in roll.sales if x.row.end > max(s, start)] + sales
            if roll.anchor is None or roll.anchor.end <= s:
                break
            # Sales ending on the anchor's date or before it are inside that balance: the
            # roll that reaches them is the one before it.
            day, before = date.fromisoformat(roll.anchor.end), roll.anchor.end
        trail = Trail("value.realized_gain", "USD")
        missing = [x for x in sales if x.gain is None]
        if not sales:
            trail.status = Status(NOT_KNOWN, f"no sale recorded ending after {s} and on or "
                                  f"before {as_of}")
        elif missing:
            trail.status = Status(NOT_KNOWN, f"the gain on {missing[0].row.record_id} is not "
                                  f"known: {missing[0].why}")
        else:
            trail.move("set", Decimal(0), None, f"sales ending after {s}")
            for sale in sales:
                assert sale.gain is not None and sale.proceeds is not None
                trail.move("add", sale.gain, sale.row,
                           f"proceeds {canonical(sale.proceeds)} less average cost "
                           f"{canonical(sale.cost)} of {canonical(sale.btc)} BTC")  # type: ignore[arg-type]
            trail.status = Status(DERIVED, f"{len(sales)} recorded sale"
                                  f"{'' if len(sales) == 1 else 's'} at average cost")
    return trail, sales


# --- reconcile -----------------------------------------------------------------------------


def reconcile_costs(cur: sqlite3.Cursor, company: str, position: int, *,
                    already: list[Row] | None = None) -> list[dict[str, Any]]:
    """Each disclosed cost against the cost basis rolled forward to its date from the costs
    disclosed before it: expected, difference, or why no expectation can be formed
    (``already``: what ``rows`` reads, when the caller has read it)."""
    out = []
    with exact():
        all_rows = rows(cur, company, position) if already is None else already
        for row in (r for r in all_rows if r.type == _ANCHOR and "cost_usd" in r.record):
            roll = compute(cur, company, date.fromisoformat(row.end), position,
                           before=row.end, all_rows=[r for r in all_rows if r is not row])
            stated = Decimal(row.record["cost_usd"])
            line: dict[str, Any] = {
                "id": row.record_id, "date": row.end, "sources": row.record.get("sources", []),
                "stated": canonical(stated), "btc": row.record["btc"],
                "opening": roll.anchor.record_id if roll.anchor is not None else None}
            expected = roll.value("value.cost_basis")
            if roll.anchor is None or expected is None:
                line.update(expected=None, difference=None, consistent=None,
                            why=("no earlier disclosed cost to roll forward"
                                 if roll.anchor is None else roll.status.reason))
            else:
                difference = stated - expected
                line.update(expected=canonical(expected), difference=canonical(difference),
                            consistent=difference == 0,
                            covered_btc=canonical(roll.trails["value.cost_btc"].value))
            out.append(line)
    return out
