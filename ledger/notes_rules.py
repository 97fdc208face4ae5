"""Write-time rules about what capital records add up to: notes and stakes.

``NotesCheck`` is kept by one store call across its chunks. For each record the call adds
(in order) it updates what it knows, and refuses, with one problem naming the record and
field:

* a ``notes_retired`` naming (``notes_id``) a record that is not a current ``notes_issued``
  of the same company, stored before it or earlier in the same call (a typo, or an issue
  not recorded yet: record it first, or leave ``notes_id`` out);
* a ``notes_retired`` whose period ends before the period of the issue it names begins (notes
  can't be retired before they are issued);
* a ``notes_retired`` of more principal than the issue it names has left: principal issued
  less every other retirement of it, stored or earlier in the same call;
* a ``stake_acquired`` or ``stake_disposed`` that takes the company's stake in its target
  below 0% or above 100% on some day: each such record's ``percent`` is the change in
  percentage points, so the stake on a day is what was acquired less what was disposed over
  the records ended by then, in (period end, store order) order, as ``capital`` counts it.

Each rule checks the record it is given (new, or a correction into one); what the ledger
already holds is loaded once per issue, or per company and target, through the loaders.
Older ledgers that already hold an over-retirement or a stake out of range keep it (a record
is refused only for what it adds); ``reconcile`` flags those, and ``capital`` shows such a
stake as not known. Retractions are never refused: retracting an acquisition can leave a
later disposal beyond what is held, which ``capital`` and ``reconcile`` then show.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .errors import Problem
from .values import canonical, parse_effective

#: A principal as stated: (currency, amount), the amount None when the record states none.
Stated = tuple[str | None, Decimal | None]

#: ``load(notes_id, company)`` → (the current record stored under ``notes_id``, if any, as
#: ``{"type", "company", "effective", "principal"}``; every current retirement of
#: ``company`` naming it as ``{record_id: principal}``).
Loader = Callable[[str, str], tuple[dict[str, Any] | None, dict[str, Stated]]]
#: ``load_stakes(company, target)`` → every current stake record of ``company`` in
#: ``target``: ``(record_id, period end as ISO text, signed percent)``.
StakeLoader = Callable[[str, str], list[tuple[str, str, Decimal]]]

STAKE_TYPES = frozenset({"stake_acquired", "stake_disposed"})
#: The record types whose content the rules read; of any other record they read only the type.
TYPES = frozenset({"notes_issued", "notes_retired", *STAKE_TYPES})


def stated_principal(record: dict[str, Any]) -> Stated:
    """A notes record's principal as stated: USD (``principal_usd``) or its own currency
    (``principal`` with ``currency``); never converted."""
    if "principal_usd" in record:
        return "USD", Decimal(record["principal_usd"])
    if "principal" in record:
        return record["currency"], Decimal(record["principal"])
    return record.get("currency"), None


def _period(effective: str) -> tuple[str, str]:
    period = parse_effective(effective)
    return period.start.isoformat(), period.end.isoformat()


def _signed(record: dict[str, Any]) -> Decimal:
    percent = Decimal(record["percent"])
    return percent if record["type"] == "stake_acquired" else -percent


def _pct(amount: Decimal) -> str:
    return f"{canonical(amount)}%"


class NotesCheck:
    def __init__(self, load: Loader, load_stakes: StakeLoader | None = None):
        self._load = load
        self._load_stakes = load_stakes
        self._loaded: set[str] = set()
        #: notes id → the record under it as this call knows it (None: none, or retracted)
        self.records: dict[str, dict[str, Any] | None] = {}
        self.principal: dict[str, Stated] = {}
        #: record id → (notes id, principal retired as stated)
        self.retirements: dict[str, tuple[str, Stated]] = {}
        #: (company, target) → {record id: (period end, signed percent)}
        self.stakes: dict[tuple[str, str], dict[str, tuple[str, Decimal]]] = {}
        #: the records this call has added, corrected or retracted (its word is the latest)
        self._touched: set[str] = set()

    # --- what is known ------------------------------------------------------------------------

    def _ensure(self, notes_id: str, company: str) -> None:
        if notes_id in self._loaded:
            return
        self._loaded.add(notes_id)
        record, retired = self._load(notes_id, company)
        if notes_id not in self.records:
            self.records[notes_id] = record
            if record is not None and record["type"] == "notes_issued":
                self.principal.setdefault(notes_id, record["principal"])
        for record_id, amount in retired.items():
            if record_id not in self._touched:
                self.retirements.setdefault(record_id, (notes_id, amount))

    def _stake_list(self, company: str, target: str) -> dict[str, tuple[str, Decimal]]:
        key = (company, target)
        if key not in self.stakes:
            loaded = self._load_stakes(company, target) if self._load_stakes else []
            self.stakes[key] = {rid: (end, signed) for rid, end, signed in loaded
                                if rid not in self._touched}
        return self.stakes[key]

    def _forget_stake(self, record_id: str) -> None:
        for held in self.stakes.values():
            held.pop(record_id, None)

    # --- the rules ----------------------------------------------------------------------------

    def check(self, kind: str, record_id: str, target: str | None, content: dict[str, Any]
              ) -> Problem | None:
        """Take one record the call adds into account; the problem with it, if any."""
        if kind == "retraction":
            gone = target or ""
            self._touched.add(gone)
            self.retirements.pop(gone, None)
            self._forget_stake(gone)
            self.records[gone] = None
            self._loaded.add(gone)
            return None
        body = content.get("event", content) if kind == "correction" else content
        the_id = target if kind == "correction" else record_id
        assert the_id is not None
        self._touched.add(the_id)
        type_ = body.get("type")
        self.records[the_id] = {"type": type_, "company": body.get("company"),
                                "effective": body.get("effective"),
                                "principal": stated_principal(body)
                                if type_ == "notes_issued" else None}
        self._forget_stake(the_id)
        if type_ == "notes_issued":
            self.principal[the_id] = stated_principal(body)
            self._loaded.add(the_id)  # what this call says of it is the latest
            self.retirements.pop(the_id, None)
            return None
        self.principal.pop(the_id, None)
        if type_ in STAKE_TYPES:
            self.retirements.pop(the_id, None)
            return self._check_stake(the_id, record_id, body)
        if type_ != "notes_retired" or not body.get("notes_id"):
            self.retirements.pop(the_id, None)  # a correction may have changed its type
            return None
        return self._check_retirement(the_id, record_id, body)

    def _check_retirement(self, the_id: str, record_id: str, body: dict[str, Any]
                          ) -> Problem | None:
        notes_id, company = body["notes_id"], body["company"]
        self._ensure(notes_id, company)
        self.retirements.pop(the_id, None)
        issue = self.records.get(notes_id)
        if issue is None or issue["type"] != "notes_issued" or issue["company"] != company:
            what = ("" if issue is None else
                    f' ("{notes_id}" is a {issue["type"]})' if issue["type"] != "notes_issued"
                    else f' ("{notes_id}" is notes of {issue["company"]})')
            return Problem(None, record_id, "notes_id",
                           f'names notes "{notes_id}", but no notes_issued of {company} is '
                           f"recorded under that id before it{what}; check the id (caledger "
                           f"history {company} --type notes_issued lists them), record the "
                           "issue first, or leave notes_id out if the source does not say "
                           "which notes")
        start, end = _period(body["effective"])
        issue_start, _ = _period(issue["effective"])
        if end < issue_start:
            return Problem(None, record_id, "effective",
                           f'retires notes "{notes_id}" in {body["effective"]}, before they '
                           f'were issued ({issue["effective"]}); check the date and notes_id')
        stated = stated_principal(body)
        currency, amount = stated
        issued = self.principal.get(notes_id)
        others = [a for rid, (nid, a) in self.retirements.items() if nid == notes_id]
        self.retirements[the_id] = (notes_id, stated)
        # Only figures in one currency, each stated, are compared: what is outstanding is not
        # known otherwise (capital says so), and nothing is ever converted.
        if issued is None or amount is None or issued[0] != currency or any(
                a is None or c != currency for c, a in others):
            return None
        principal = issued[1]
        assert principal is not None
        retired = sum((a for _, a in others if a is not None), Decimal(0))
        outstanding = principal - retired
        if amount > outstanding:
            del self.retirements[the_id]
            if currency == "USD":
                return Problem(None, record_id, "principal_usd",
                               f'retires ${amount:,f} of notes "{notes_id}", which '
                               f"have ${max(outstanding, Decimal(0)):,f} outstanding as "
                               f"recorded (${principal:,f} issued, ${retired:,f} already "
                               "retired); check the amount and notes_id, or correct the "
                               "earlier records first")
            return Problem(None, record_id, "principal",
                           f'retires {currency} {amount:,f} of notes "{notes_id}", which '
                           f"have {currency} {max(outstanding, Decimal(0)):,f} outstanding as "
                           f"recorded ({currency} {principal:,f} issued, {currency} "
                           f"{retired:,f} already retired); check the amount and notes_id, or "
                           "correct the earlier records first")
        return None

    def _check_stake(self, the_id: str, record_id: str, body: dict[str, Any]
                     ) -> Problem | None:
        company, target = body["company"], body["target"]
        held = self._stake_list(company, target)
        before = _out_of_range(held)
        after = {**held, the_id: (_period(body["effective"])[1], _signed(body))}
        problem = _out_of_range(after)
        if problem is None or (before is not None and not _worse(problem, before)):
            # (a ledger that already holds a stake out of range keeps it: only what a
            # record adds to it is refused)
            held[the_id] = after[the_id]
            return None
        total, day = problem
        doing = "acquires" if body["type"] == "stake_acquired" else "disposes of"
        fix = ("check the percent, target and date, or record the acquisition first"
               if total < 0 else "check the percent, target and date")
        return Problem(None, record_id, "percent",
                       f"{doing} {_pct(Decimal(body['percent']))} of {target}, which takes "
                       f"{company}'s stake in it to {_pct(total)} on {day}, outside 0% to "
                       "100% (percent is the change in percentage points, not the stake "
                       f"held after it); {fix}")

def _out_of_range(held: dict[str, tuple[str, Decimal]]) -> tuple[Decimal, str] | None:
    """The first day the stake is below 0% or above 100% (the stake on a day is what the
    records ended by then add up to, as capital counts it), and the stake then."""
    by_day: dict[str, Decimal] = {}
    for end, signed in held.values():
        by_day[end] = by_day.get(end, Decimal(0)) + signed
    total = Decimal(0)
    for day in sorted(by_day):
        total += by_day[day]
        if total < 0 or total > 100:
            return total, day
    return None


def _worse(problem: tuple[Decimal, str], before: tuple[Decimal, str]) -> bool:
    """Whether a stake out of range is so earlier or further than it already was."""
    def beyond(total: Decimal) -> Decimal:
        return -total if total < 0 else total - 100

    return problem[1] < before[1] or (problem[1] == before[1]
                                      and beyond(problem[0]) > beyond(before[0]))
