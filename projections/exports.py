"""A company's bitcoin as double-entry bookkeeping, rolled forward by the holdings rules.

``plan(cur, company, as_of, position)`` turns the records visible at ``position`` into
dated movements between accounts and the balances that must hold, for a journal writer
(``ledger/exports.py``) to print as Beancount or hledger. It does not re-implement the
holdings rules: the balances are the holdings computation at each date where a figure can
change (each disclosed balance's date and each counted flow's period end), rolled forward
once over the journal (``projections.holdings.roll``, which gives ``compute``'s figures on
every day), and the movements on a date are

* each flow whose period ends that day, as one transaction (its record id, sources and type
  attached; flagged when it straddles its anchor), and
* whatever the computation's figures moved beyond those flows, as one explicit, labelled
  adjustment: where a disclosed balance starts a bucket ("opening") or restates it
  ("unexplained variance", the gap ``reconcile`` reports). Nothing is padded silently.

So the journal's running balances equal ``holdings`` on every date by construction, and a
tool that checks the journal's balance assertions checks the arithmetic independently.

Bitcoin goes to ``Unencumbered`` only on dates where holdings knows the unencumbered figure
(it needs the loaned and pledged buckets), from a disclosed balance: a figure that is
"flows only" (the sum of recorded flows, the holding only if there was none before them) is
no fact to assert, and is treated as not known here (``asserted``). Before that, what the postings would put there
stays in the parent account (``Assets:C:BTC``, the total), each transaction saying why in its
metadata (``unallocated``); on the date the split becomes known one ``allocation``
transaction moves it from the parent into ``Unencumbered``. The total is the same either way.
Flows whose period has not ended by ``as_of`` are not moved: they are listed as in progress.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ledger.kinds import BTC_EFFECT, EXPORT_ACCOUNT
from ledger.values import canonical, from_sats, to_sats

from . import holdings as h
from .figures import FLOWS_ONLY, Status


def asserted(status: Status) -> bool:
    """Whether a journal asserts a figure of this status as a balance: only a known one
    resting on a disclosed balance (disclosed or derived), never "flows only"."""
    return status.known and status.status != FLOWS_ONLY

COMMODITY = "BTC"
BUCKET_ACCOUNTS = ("Unencumbered", "Loaned", "Pledged")

#: Where a flow's bitcoin comes from or goes to (loans and pledges stay in the assets): the
#: type table's export account, by type (``kinds.EXPORT_ACCOUNT``).
_COUNTER = EXPORT_ACCOUNT


def account_component(company: str) -> str:
    """A ticker as an account name component (``BRK.B`` → ``BRK-B``)."""
    return re.sub(r"[^A-Za-z0-9-]", "-", company)


def accounts(company: str) -> dict[str, str]:
    c = account_component(company)
    return {
        "holdings": f"Assets:{c}:BTC",
        "total": f"Assets:{c}:BTC",
        "unencumbered": f"Assets:{c}:BTC:Unencumbered",
        "loaned": f"Assets:{c}:BTC:Loaned",
        "pledged": f"Assets:{c}:BTC:Pledged",
        **{leaf.lower(): f"{root}:{c}:BTC:{leaf}" for root, leaf in _COUNTER.values()},
        "opening": f"Equity:{c}:BTC:Opening",
        "unexplained": f"Equity:{c}:BTC:Unexplained",
        "not_known": f"Equity:{c}:BTC:NotKnown",
    }


@dataclass
class Movement:
    """One balanced transaction: a flow, or an adjustment to a disclosed balance."""

    date: date
    kind: str                        # "flow" | "adjustment"
    narration: str
    postings: list[tuple[str, Decimal]]
    record: dict[str, Any] | None    # the flow or the disclosed balance it comes from
    meta: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "kind": self.kind, "narration": self.narration,
                "postings": [{"account": a, "btc": canonical(n)} for a, n in self.postings],
                "record": self.record["id"] if self.record else None, **self.meta}


@dataclass
class Assertion:
    """``account`` holds ``btc`` at the end of ``date`` (inclusive of sub-accounts)."""

    date: date
    account: str
    btc: Decimal
    record: dict[str, Any] | None  # the disclosed balance, when it is one


@dataclass
class CompanyPlan:
    company: str
    as_of: date | None
    accounts: dict[str, str]
    movements: list[Movement] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)
    in_progress: list[dict[str, Any]] = field(default_factory=list)

    @property
    def opened(self) -> date | None:
        days = [m.date for m in self.movements] + [a.date for a in self.assertions]
        if self.in_progress and self.as_of is not None:
            days.append(self.as_of)
        return min(days) if days else None

    def used_accounts(self) -> list[str]:
        used = {self.accounts["holdings"], *(self.accounts[b.lower()] for b in BUCKET_ACCOUNTS)}
        used |= {a for m in self.movements for a, _ in m.postings}
        return sorted(used)


def _visible(cur: Any, company: str, position: int, as_of: date | None) -> list[h.Entry]:
    """Flows and disclosed balances visible at ``position`` whose period ends by ``as_of``."""
    return h.entries(cur, company, as_of, position, content=True)


def _sources(record: dict[str, Any]) -> dict[str, str]:
    sources = record.get("sources") or []
    meta = {"record": record["id"], "type": record["type"], "effective": record["effective"]}
    if sources:
        meta["document"] = str(sources[0]["document"])
        meta["line"] = str(sources[0]["line"])
        if len(sources) > 1:
            meta["sources"] = "; ".join(f"{s['document']}:{s['line']}" for s in sources)
    return meta


def _bucket_postings(names: dict[str, str], total: int, loaned: int, pledged: int,
                     counter: str | None, free: str) -> list[tuple[str, Decimal]]:
    """Postings that move the buckets by these deltas (satoshis), the total's change
    balanced by ``counter``; what is neither loaned nor pledged goes to ``free``
    (``Unencumbered``, or the parent account while that figure is not known)."""
    postings = [(names["loaned"], loaned), (names["pledged"], pledged),
                (free, total - loaned - pledged)]
    if counter is not None:
        postings.append((counter, -total))
    return [(account, from_sats(sats)) for account, sats in postings if sats]


def plan(cur: Any, company: str, as_of: date | None, position: int) -> CompanyPlan:
    names = accounts(company)
    result = CompanyPlan(company, as_of, names)
    entries = _visible(cur, company, position, as_of)
    flows_on: dict[str, list[h.Entry]] = {}
    for entry in entries:
        if entry.type in BTC_EFFECT:
            flows_on.setdefault(entry.end, []).append(entry)
    days = sorted({e.end for e in entries})
    previous = {"total": 0, "loaned": 0, "pledged": 0}
    previous_anchors: dict[str, h.Entry | None] = {b: None for b in h.BUCKETS}
    # The holdings computation on every day, the journal rolled forward once (``h.roll``
    # gives ``h.compute``'s figures, anchors, statuses and straddling flows on each day).
    on = [date.fromisoformat(day) for day in days]
    rolled = h.roll(entries, company, on, position)
    unallocated = 0  # satoshis held in the parent account while the split is not known
    # Each asset account's balance in satoshis (the movements summed), and what is set
    # aside in ``not_known`` from each while holdings calls the total not known.
    balances: dict[str, int] = {}
    aside: dict[str, int] = {}  # by account: only the parent account is set aside
    summed = 0
    for day, when, held in zip(days, on, rolled, strict=True):
        now = {"total": to_sats(held.total), "loaned": to_sats(held.loaned),
               "pledged": to_sats(held.pledged)}
        split = held.status["unencumbered"]
        split_known = asserted(split)
        free = names["unencumbered"] if split_known else names["holdings"]
        straddling = {e.record_id: e for e in held.straddling}
        moved = dict.fromkeys(h.BUCKETS, 0)
        for flow in flows_on.get(day, []):
            record = flow.record()
            d = {b: flow.sats[h._DELTA_COLUMN[b]] or 0 for b in h.BUCKETS}
            for b in h.BUCKETS:
                moved[b] += d[b]
            # A flow that moves the total balances against its type's account (the type
            # table holds one for every such flow); a loan or a pledge stays in the assets.
            counter = _COUNTER[flow.type] if BTC_EFFECT[flow.type][0] else None
            meta = _sources(record)
            narration = f"{flow.type} {canonical(from_sats(abs(max(d.values(), key=abs))))} " \
                        f"BTC ({flow.effective})"
            if flow.record_id in straddling:
                anchor = held.anchors["total"]
                meta["straddles"] = anchor.record_id if anchor else "its anchor"
                narration += f"; straddles the disclosed balance {meta['straddles']}"
            free_part = d["total"] - d["loaned"] - d["pledged"]
            if not split_known and free_part:
                unallocated += free_part
                meta["unallocated"] = _unallocated_note(names, split.reason)
            result.movements.append(Movement(
                when, "flow", narration,
                _bucket_postings(names, d["total"], d["loaned"], d["pledged"],
                                 names[counter[1].lower()] if counter else None, free),
                record, meta))
        gap = {b: now[b] - previous[b] - moved[b] for b in h.BUCKETS}
        if any(gap.values()):
            adjustment = _adjustment(names, day, held, previous_anchors, gap, free)
            free_part = gap["total"] - gap["loaned"] - gap["pledged"]
            if not split_known and free_part:
                unallocated += free_part
                adjustment.meta["unallocated"] = _unallocated_note(names, split.reason)
            result.movements.append(adjustment)
        if split_known and unallocated:
            result.movements.append(_allocation(names, when, held, unallocated))
            unallocated = 0
        for m in result.movements[summed:]:
            for account, amount in m.postings:
                if account.startswith("Assets:"):
                    balances[account] = balances.get(account, 0) + to_sats(amount)
        summed = len(result.movements)
        set_aside = _not_known(names, when, held, balances, aside)
        if set_aside is not None:
            result.movements.append(set_aside)
            summed = len(result.movements)  # its postings are in ``balances`` already
        anchor = held.anchor if held.anchor is not None and held.anchor.end == day else None
        for bucket, account in (("total", names["holdings"]),
                                ("unencumbered", names["unencumbered"]),
                                ("loaned", names["loaned"]), ("pledged", names["pledged"])):
            if not asserted(held.status[bucket]):
                continue  # not known, or flows only: the journal asserts no balance
            value = held.unencumbered if bucket == "unencumbered" else getattr(held, bucket)
            result.assertions.append(Assertion(
                when, account, value,
                anchor.record() if anchor is not None and bucket == "total" else None))
        previous = now
        previous_anchors = dict(held.anchors)
    if as_of is not None:
        result.in_progress = [e.record() for e in
                              h.compute(cur, company, as_of, position).in_progress]
    _who(cur, result.movements)
    return result


def _who(cur: Any, movements: list[Movement]) -> None:
    """Each transaction's metadata names who recorded its record (``recorded_by``, from the
    event log itself; "not recorded" for events stored before the ledger kept it)."""
    from ledger.provenance import who_recorded

    who = who_recorded(cur, [m.record["position"] for m in movements
                             if m.record is not None and "position" in m.record])
    for m in movements:
        if m.record is not None and m.record.get("position") in who:
            m.meta["recorded_by"] = str(who[m.record["position"]]["recorded_by"])


def _not_known(names: dict[str, str], when: date, held: h.Holdings,
               balances: dict[str, int], aside: dict[str, int]) -> Movement | None:
    """While holdings calls the company's total not known (recorded flows alone summing
    below zero: it held bitcoin before the first of them), its asset accounts hold no
    figure: what the flows left in them (their sum) is moved out of the parent account to
    ``Equity:C:BTC:NotKnown``, with why (``not_known:``), and moved back on the first day
    the total is known again (a disclosed balance, or flows that bring the sum back to zero
    or more), so the postings are all kept, the accounts show nothing the ledger does not know, and the balances where it
    knows them are the holdings figures (REVIEW2 finding 6). ``balances`` and ``aside``
    (satoshis by account) are updated for the movement returned."""
    known = held.status["total"].known
    if known and not any(aside.values()):
        return None
    if not known:
        # The parent account takes what makes the assets sum to nothing (a bucket holdings
        # knows, such as loans summed from flows alone, keeps its own balance).
        moved = {names["holdings"]: -sum(balances.values())}
        narration = (f"{'still not known' if any(aside.values()) else 'not known from'} "
                     f"{when}: the bitcoin recorded flows left in {names['holdings']} set "
                     "aside")
        meta = {"not_known": held.status["total"].reason}
    else:
        moved = {a: sats for a, sats in aside.items() if sats}
        narration = (f"known again from {when}: the bitcoin set aside while the total was not "
                     f"known returned to {names['holdings']}")
        meta = {"known": held.status["total"].reason}
    moved = {a: sats for a, sats in moved.items() if sats}
    if not moved:
        return None
    for account, sats in moved.items():
        balances[account] = balances.get(account, 0) + sats
        aside[account] = aside.get(account, 0) - sats
    postings = [(a, from_sats(sats)) for a, sats in sorted(moved.items())]
    postings.append((names["not_known"], from_sats(-sum(moved.values()))))
    return Movement(when, "not_known", narration,
                    [(a, n) for a, n in postings if n], None, meta)


def _unallocated_note(names: dict[str, str], reason: str) -> str:
    """Why a transaction posts to the parent account instead of ``Unencumbered``."""
    return f"held in {names['holdings']}, not {names['unencumbered']}: {reason}"


def _allocation(names: dict[str, str], when: date, held: h.Holdings, sats: int) -> Movement:
    """The bitcoin held in the parent account while the split was not known, moved into
    ``Unencumbered`` on the date holdings first knows that figure."""
    anchor = held.anchor if held.anchor is not None and held.anchor.end == when.isoformat() \
        else None
    record = anchor.record() if anchor is not None else None
    meta = _sources(record) if record else {}
    meta["allocation"] = f"btc.unencumbered known from {when}: {held.status['unencumbered'].reason}"
    return Movement(when, "allocation",
                    f"allocation: {canonical(from_sats(sats))} BTC held in {names['holdings']} "
                    f"while the split was not known, now unencumbered",
                    [(names["holdings"], from_sats(-sats)),
                     (names["unencumbered"], from_sats(sats))], record, meta)


def _adjustment(names: dict[str, str], day: str, held: h.Holdings,
                previous_anchors: dict[str, h.Entry | None], gap: dict[str, int],
                free: str) -> Movement:
    """What the computation's figures moved on ``day`` beyond the flows ending then: a
    disclosed balance starting a bucket (opening) or restating it (unexplained variance)."""
    labels = []
    anchor_ids = []
    opening = True
    for bucket in h.BUCKETS:
        if not gap[bucket]:
            continue
        labels.append(f"{bucket} {_signed(gap[bucket])}")
        anchor = held.anchors[bucket]
        if anchor is not None and anchor.end == day:
            anchor_ids.append(anchor.record_id)
            if bucket == "total" and previous_anchors[bucket] is not None:
                opening = False
        else:  # the holdings rules never move a figure without a flow or an anchor
            opening = False
            labels[-1] += " (not explained by the holdings rules)"
    anchor_ids = list(dict.fromkeys(anchor_ids))
    anchor = held.anchor if held.anchor is not None and held.anchor.end == day else None
    record = anchor.record() if anchor is not None else None
    kind = "opening" if opening else "unexplained"
    narration = (f"{'opening balance' if opening else 'unexplained variance'} at the disclosed "
                 f"balance {', '.join(anchor_ids) or '?'}: " + ", ".join(labels)
                 + " not explained by recorded flows")
    meta = _sources(record) if record else {}
    meta["adjustment"] = kind
    return Movement(date.fromisoformat(day), "adjustment", narration,
                    _bucket_postings(names, gap["total"], gap["loaned"], gap["pledged"],
                                     names[kind], free), record, meta)


def _signed(sats: int) -> str:
    return f"{from_sats(sats):+,f}"


def summary(plans: list[CompanyPlan]) -> dict[str, Any]:
    """What an export holds, for the command's report."""
    return combined([plan_summary(p) for p in plans])


def plan_summary(plan: CompanyPlan) -> dict[str, Any]:
    """One company's part of ``summary`` (an export keeps these, not the plans)."""
    return {
        "company": plan.company,
        "transactions": len(plan.movements),
        "balance_assertions": len(plan.assertions),
        "adjustments": [{"company": plan.company, **m.to_json()} for m in plan.movements
                        if m.kind == "adjustment"],
        "in_progress": [{"company": plan.company, **{k: r[k] for k in
                         ("id", "type", "effective", "btc") if k in r}}
                        for r in plan.in_progress],
    }


def combined(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """``summary`` from each company's ``plan_summary``, in order."""
    return {
        "companies": [p["company"] for p in parts],
        "transactions": sum(p["transactions"] for p in parts),
        "balance_assertions": sum(p["balance_assertions"] for p in parts),
        "adjustments": [a for p in parts for a in p["adjustments"]],
        "in_progress": [r for p in parts for r in p["in_progress"]],
    }


def describe(record: dict[str, Any]) -> str:
    """A record in one line, for notes and comments."""
    amount = f" {record['btc']} BTC" if "btc" in record else ""
    return f"{record['id']} ({record['type']}{amount}, {record['effective']})"
