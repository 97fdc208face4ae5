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

The same rules hold after an amendment, for the records it leaves behind: a correction or
retraction of a ``notes_issued`` is refused when a current retirement naming it would then
name no issue, end before the issue begins, or retire more than it has (judged by the very
rules a retirement is judged by when written); one of a stake record, when the stake in its
target would then go below 0% or above 100% on some day, naming the record left there.

Each rule checks the record it is given (new, or a correction into one); what the ledger
already holds is loaded once per issue, or per company and target, through the loaders, and
the amended records' current versions once per chunk (``prepare``). Older ledgers that
already hold an over-retirement or a stake out of range keep it (a record is refused only
for what it adds, an amendment only for what it makes worse); ``reconcile`` flags those,
and ``capital`` shows such a stake as not known. A refused record is forgotten: the call's
later records are checked as though it had not been given.
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
#: ``company`` naming it as ``{record_id: (principal as stated, effective)}``).
Loader = Callable[[str, str], tuple[dict[str, Any] | None, dict[str, tuple[Stated, str]]]]
#: ``load_stakes(company, target)`` → every current stake record of ``company`` in
#: ``target``: ``(record_id, period end as ISO text, signed percent)``.
StakeLoader = Callable[[str, str], list[tuple[str, str, Decimal]]]
#: ``load_current(ids)`` → those of ``ids`` whose current stored version is a notes issue or
#: a stake record, each as ``{"type", "company", "effective", "target"}`` (target: a stake's).
CurrentLoader = Callable[[list[str]], dict[str, dict[str, Any]]]

STAKE_TYPES = frozenset({"stake_acquired", "stake_disposed"})
#: The record types whose content the rules read; of any other record they read only the type.
TYPES = frozenset({"notes_issued", "notes_retired", *STAKE_TYPES})
#: The types an amendment of which the rules follow to the records it leaves behind.
AMENDED_TYPES = frozenset({"notes_issued", *STAKE_TYPES})

_MISSING: Any = object()


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


def _money(currency: str | None, amount: Decimal) -> str:
    return f"${amount:,f}" if currency == "USD" else f"{currency} {amount:,f}"


def _named(ids: list[str]) -> str:
    shown = ", ".join(f'"{i}"' for i in ids[:3])
    return shown + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")


# --- the rules for a retirement and the issue it names (one copy, used both ways) ----------------


def _misnamed(issue: dict[str, Any] | None, notes_id: str, company: str) -> str | None:
    """Why ``issue`` (the record under ``notes_id``, None if none) is not notes of
    ``company`` a retirement can name: "" (no such record) or what it is; None: it is."""
    if issue is None:
        return ""
    if issue["type"] != "notes_issued":
        return f' ("{notes_id}" is a {issue["type"]})'
    if issue["company"] != company:
        return f' ("{notes_id}" is notes of {issue["company"]})'
    return None


def _before_issue(issue: dict[str, Any], effective: str) -> bool:
    """Whether a retirement dated ``effective`` ends before ``issue``'s period begins."""
    return _period(effective)[1] < _period(issue["effective"])[0]


def _over(issued: Stated | None, retired: list[Stated]
          ) -> tuple[str | None, Decimal, Decimal] | None:
    """(currency, principal issued, principal retired) when ``retired`` add up to more than
    ``issued``; None otherwise. Only figures in one currency, each stated, are compared: what
    is outstanding is not known otherwise (capital says so), and nothing is ever converted."""
    if issued is None or issued[1] is None:
        return None
    currency, principal = issued
    if any(a is None or c != currency for c, a in retired):
        return None
    total = sum((a for _, a in retired if a is not None), Decimal(0))
    return (currency, principal, total) if total > principal else None


class NotesCheck:
    def __init__(self, load: Loader, load_stakes: StakeLoader | None = None,
                 load_current: CurrentLoader | None = None):
        self._load = load
        self._load_stakes = load_stakes
        self._load_current = load_current
        self._loaded: set[str] = set()
        #: notes id → the record under it as this call knows it (None: none, or retracted)
        self.records: dict[str, dict[str, Any] | None] = {}
        self.principal: dict[str, Stated] = {}
        #: record id → (notes id, principal retired as stated, effective)
        self.retirements: dict[str, tuple[str, Stated, str]] = {}
        #: (company, target) → {record id: (period end, signed percent)}
        self.stakes: dict[tuple[str, str], dict[str, tuple[str, Decimal]]] = {}
        #: the records this call has added, corrected or retracted (its word is the latest)
        self._touched: set[str] = set()
        #: record id → its current stored version, when a notes issue or a stake (``prepare``)
        self._current: dict[str, dict[str, Any]] = {}

    # --- what is known ------------------------------------------------------------------------

    def prepare(self, targets: list[str]) -> None:
        """Read, in one go, the stored version of each record a chunk amends (``targets``)
        that the call has not touched: what an amendment of it leaves behind is checked."""
        wanted = [t for t in dict.fromkeys(targets)
                  if t not in self._touched and t not in self._current]
        if wanted and self._load_current is not None:
            self._current.update(self._load_current(wanted))

    def _ensure(self, notes_id: str, company: str) -> None:
        if notes_id in self._loaded:
            return
        self._loaded.add(notes_id)
        record, retired = self._load(notes_id, company)
        if notes_id not in self.records:
            self.records[notes_id] = record
            if record is not None and record["type"] == "notes_issued":
                self.principal.setdefault(notes_id, record["principal"])
        for record_id, (amount, effective) in retired.items():
            if record_id not in self._touched:
                self.retirements.setdefault(record_id, (notes_id, amount, effective))

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

    def _prior(self, the_id: str) -> dict[str, Any] | None:
        """The version of ``the_id`` an amendment replaces, when it is a notes issue or a
        stake record: as this call left it, else as stored (``prepare``)."""
        found = self.records.get(the_id) if the_id in self._touched else \
            self._current.get(the_id)
        return found if found is not None and found["type"] in AMENDED_TYPES else None

    def _save(self, the_id: str) -> tuple[Any, ...]:
        return (the_id in self._touched, the_id in self._loaded,
                self.records.get(the_id, _MISSING), self.principal.get(the_id, _MISSING),
                self.retirements.get(the_id, _MISSING),
                [(key, held[the_id]) for key, held in self.stakes.items() if the_id in held])

    def _restore(self, the_id: str, saved: tuple[Any, ...]) -> None:
        touched, loaded, record, principal, retirement, stakes = saved
        (self._touched.add if touched else self._touched.discard)(the_id)
        (self._loaded.add if loaded else self._loaded.discard)(the_id)
        for table, value in ((self.records, record), (self.principal, principal),
                             (self.retirements, retirement)):
            if value is _MISSING:
                table.pop(the_id, None)  # type: ignore[attr-defined]
            else:
                table[the_id] = value  # type: ignore[index]
        self._forget_stake(the_id)
        for key, entry in stakes:
            self.stakes[key][the_id] = entry

    # --- the rules ----------------------------------------------------------------------------

    def check(self, kind: str, record_id: str, target: str | None, content: dict[str, Any]
              ) -> Problem | None:
        """Take one record the call adds into account; the problem with it, if any (a
        refused record is not taken into account)."""
        the_id = record_id if kind == "record" else target
        assert the_id is not None
        prior = None if kind == "record" else self._prior(the_id)
        if prior is None and (kind == "retraction" or kind == "correction" and content.get(
                "event", content).get("type") not in TYPES):
            return self._check(kind, record_id, the_id, content)  # nothing here is refused
        before = None if prior is None else self._as_it_was(the_id, prior)
        saved = self._save(the_id)
        problem = self._check(kind, record_id, the_id, content)
        if problem is None and prior is not None:
            problem = self._left_behind(kind, record_id, the_id, content, prior, before)
        if problem is not None:
            self._restore(the_id, saved)
        return problem

    def _check(self, kind: str, record_id: str, the_id: str, content: dict[str, Any]
               ) -> Problem | None:
        if kind == "retraction":
            self._touched.add(the_id)
            self.retirements.pop(the_id, None)
            self._forget_stake(the_id)
            self.records[the_id] = None
            self._loaded.add(the_id)
            return None
        body = content.get("event", content) if kind == "correction" else content
        self._touched.add(the_id)
        type_ = body.get("type")
        self.records[the_id] = {"type": type_, "company": body.get("company"),
                                "effective": body.get("effective"),
                                "principal": stated_principal(body)
                                if type_ == "notes_issued" else None,
                                "target": body.get("target") if type_ in STAKE_TYPES else None}
        if type_ in STAKE_TYPES:
            self.principal.pop(the_id, None)
            self.retirements.pop(the_id, None)
            return self._check_stake(the_id, record_id, body)
        self._forget_stake(the_id)
        if type_ == "notes_issued":
            self.principal[the_id] = stated_principal(body)
            self._loaded.add(the_id)  # what this call says of it is the latest
            self.retirements.pop(the_id, None)
            return None
        self.principal.pop(the_id, None)
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
        what = _misnamed(issue, notes_id, company)
        if what is not None:
            return Problem(None, record_id, "notes_id",
                           f'names notes "{notes_id}", but no notes_issued of {company} is '
                           f"recorded under that id before it{what}; check the id (caledger "
                           f"history {company} --type notes_issued lists them), record the "
                           "issue first, or leave notes_id out if the source does not say "
                           "which notes")
        assert issue is not None
        if _before_issue(issue, body["effective"]):
            return Problem(None, record_id, "effective",
                           f'retires notes "{notes_id}" in {body["effective"]}, before they '
                           f'were issued ({issue["effective"]}); check the date and notes_id')
        stated = stated_principal(body)
        others = [a for nid, a, _ in self.retirements.values() if nid == notes_id]
        over = _over(self.principal.get(notes_id), [*others, stated])
        if over is not None:
            currency, principal, total = over
            amount = stated[1]
            assert amount is not None
            retired = total - amount
            outstanding = max(principal - retired, Decimal(0))
            return Problem(None, record_id, "principal_usd" if currency == "USD" else "principal",
                           f"retires {_money(currency, amount)} of notes \"{notes_id}\", which "
                           f"have {_money(currency, outstanding)} outstanding as recorded "
                           f"({_money(currency, principal)} issued, {_money(currency, retired)}"
                           " already retired); check the amount and notes_id, or correct the "
                           "earlier records first")
        self.retirements[the_id] = (notes_id, stated, body["effective"])
        return None

    def _check_stake(self, the_id: str, record_id: str, body: dict[str, Any]
                     ) -> Problem | None:
        company, target = body["company"], body["target"]
        held = self._stake_list(company, target)
        before = _out_of_range(held)  # with the version a correction replaces, if of this stake
        self._forget_stake(the_id)
        new = (_period(body["effective"])[1], _signed(body))
        after = {**held, the_id: new}
        problem = _out_of_range(after)
        if problem is None or (before is not None and not _worse(problem, before)):
            # (a ledger that already holds a stake out of range keeps it: only what a
            # record adds to it is refused)
            held[the_id] = new
            return None
        total, day = problem
        doing = "acquires" if body["type"] == "stake_acquired" else "disposes of"
        other = None if day == new[0] else _at(after, day, total)
        fix = ("check the percent, target and date, or record the acquisition first"
               if total < 0 else "check the percent, target and date")
        if other is not None and the_id != record_id:  # a correction, leaving another there
            fix = f'check the percent, target and date, or correct or retract "{other}" first'
        where = "" if other is None else \
            f' (where "{other}" {_doing(after[other][1])} {_pct(abs(after[other][1]))})'
        return Problem(None, record_id, "percent",
                       f"{doing} {_pct(Decimal(body['percent']))} of {target}, which takes "
                       f"{company}'s stake in it to {_pct(total)} on {day}{where}, outside 0% "
                       "to 100% (percent is the change in percentage points, not the stake "
                       f"held after it); {fix}")

    # --- what an amendment leaves behind --------------------------------------------------------

    def _as_it_was(self, the_id: str, prior: dict[str, Any]) -> Any:
        """Before an amendment of ``the_id`` (a notes issue or a stake record, ``prior``):
        the issue and its principal; or whether (and where) its stake is out of range.
        What the ledger holds of them is read here, before the amendment touches the id."""
        if prior["type"] == "notes_issued":
            self._ensure(the_id, prior["company"])
            return self.records.get(the_id) or prior, self.principal.get(the_id)
        return _out_of_range(self._stake_list(prior["company"], prior["target"]))

    def _left_behind(self, kind: str, record_id: str, the_id: str, content: dict[str, Any],
                     prior: dict[str, Any], before: Any) -> Problem | None:
        body = None if kind == "retraction" else content.get("event", content)
        if prior["type"] == "notes_issued":
            return self._retirements_left(kind, record_id, the_id, body, prior, *before)
        company, target = prior["company"], prior["target"]
        if body is not None and body.get("type") in STAKE_TYPES \
                and body.get("target") == target:
            return None  # the same stake: ``_check_stake`` judged all of it
        held = self._stake_list(company, target)
        after = _out_of_range(held)
        if after is None or (before is not None and not _worse(after, before)):
            return None
        total, day = after
        other = _at(held, day, total)
        assert other is not None
        signed = held[other][1]
        fix = f'retract or correct "{other}" first' + (
            ", or record the acquisition it disposed of" if total < 0 else "")
        return Problem(None, record_id, "retracts" if body is None else
                       "target" if body.get("type") in STAKE_TYPES else "type",
                       f'{"retracting" if body is None else "correcting"} "{the_id}" leaves '
                       f'"{other}" {_doing(signed, "ing")} {_pct(abs(signed))} of {target} on '
                       f"{day}, taking {company}'s stake in it to {_pct(total)}, "
                       f'{"below 0%" if total < 0 else "above 100%"}; {fix}')

    def _retirements_left(self, kind: str, record_id: str, the_id: str,
                          body: dict[str, Any] | None, prior: dict[str, Any],
                          was: dict[str, Any], was_issued: Stated | None) -> Problem | None:
        """The retirements naming the notes ``the_id`` after an amendment of them, judged
        by the rules a retirement is judged by (``_check_retirement``), against how they
        were judged before it: only what the amendment makes worse is refused."""
        company = prior["company"]
        mine = sorted(((_period(effective)[1], rid, effective, stated)
                       for rid, (nid, stated, effective) in self.retirements.items()
                       if nid == the_id), key=lambda r: (r[0], r[1]))
        if not mine:
            return None
        issue, issued = self.records.get(the_id), self.principal.get(the_id)
        ids = [rid for _, rid, _, _ in mine]
        if _misnamed(issue, the_id, company) is not None:
            one = len(ids) == 1
            doing = (f'retracts notes "{the_id}"' if body is None else
                     f'changes the type of notes "{the_id}" to {body.get("type")}')
            return Problem(None, record_id, "retracts" if body is None else "type",
                           f"{doing}, but {_named(ids)} retire{'s' if one else ''} them "
                           f"(notes_id) and would then retire notes not recorded; retract "
                           f"{'it' if one else 'them'} or correct {'its' if one else 'their'} "
                           "notes_id first")
        assert issue is not None and body is not None
        early = [(rid, effective) for _, rid, effective, _ in mine
                 if _before_issue(issue, effective) and not _before_issue(was, effective)]
        if early:
            rid, effective = early[0]
            return Problem(None, record_id, "effective",
                           f'dates notes "{the_id}" {issue["effective"]}, after "{rid}" retires '
                           f"them ({effective}): notes can't be retired before they were "
                           f'issued; check the date, or correct or retract "{rid}" first')
        retired = [stated for _, _, _, stated in mine]
        over, over_before = _over(issued, retired), _over(was_issued, retired)
        if over is not None and (over_before is None or over_before[0] != over[0]
                                 or over[2] - over[1] > over_before[2] - over_before[1]):
            currency, principal, total = over
            return Problem(None, record_id,
                           "principal_usd" if currency == "USD" else "principal",
                           f'lowers notes "{the_id}" to {_money(currency, principal)}, less '
                           f"than the {_money(currency, total)} recorded as retired of them "
                           f"({_named(ids)}); check the amount, or correct or retract "
                           f"{'that retirement' if len(ids) == 1 else 'those retirements'} "
                           "first")
        return None


def _doing(signed: Decimal, ending: str = "s") -> str:
    """What a stake record of ``signed`` percent does: acquires / disposes of."""
    if ending == "ing":
        return "acquiring" if signed > 0 else "disposing of"
    return "acquires" if signed > 0 else "disposes of"


def _at(held: dict[str, tuple[str, Decimal]], day: str, total: Decimal) -> str | None:
    """The record ending on ``day`` that takes the stake out of range there: a disposal
    when it is below 0%, an acquisition when above 100%."""
    for record_id, (end, signed) in held.items():
        if end == day and (signed < 0) == (total < 0):
            return record_id
    return None


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
