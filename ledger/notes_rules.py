"""A write-time rule about convertible and other notes: a retirement can't retire more of an
issue than is outstanding as known when it is stored.

``NotesCheck`` is kept by one store call across its chunks. For each record the call adds
(in order) it updates what it knows of issues' principal and of retirements naming an issue,
and refuses a retirement (new, or a correction into one) of more principal than the issue it
names has left: principal issued less every other retirement of it, stored or earlier in the
same call. What the ledger already holds is loaded once per issue through ``load``.
Retirements that name no recorded issue are not checked here (capital lists them as
unattributed) and older ledgers that already hold an over-retirement keep it: ``reconcile``
flags those.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .errors import Problem

#: A principal as stated: (currency, amount), the amount None when the record states none.
Stated = tuple[str | None, Decimal | None]

#: ``load(notes_id, company)`` → (principal of the issue as stored now, or None; every current
#: retirement naming it as ``{record_id: principal}``).
Loader = Callable[[str, str], tuple[Stated | None, dict[str, Stated]]]


def stated_principal(record: dict[str, Any]) -> Stated:
    """A notes record's principal as stated: USD (``principal_usd``) or its own currency
    (``principal`` with ``currency``); never converted."""
    if "principal_usd" in record:
        return "USD", Decimal(record["principal_usd"])
    if "principal" in record:
        return record["currency"], Decimal(record["principal"])
    return record.get("currency"), None

#: The record types whose content the rule reads; of any other record it reads only the type.
TYPES = frozenset({"notes_issued", "notes_retired"})


class NotesCheck:
    def __init__(self, load: Loader):
        self._load = load
        self._loaded: set[str] = set()
        self.principal: dict[str, Stated] = {}
        #: record id → (notes id, principal retired as stated)
        self.retirements: dict[str, tuple[str, Stated]] = {}

    def _ensure(self, notes_id: str, company: str) -> None:
        if notes_id in self._loaded:
            return
        self._loaded.add(notes_id)
        principal, retired = self._load(notes_id, company)
        if principal is not None:
            self.principal.setdefault(notes_id, principal)
        for record_id, amount in retired.items():
            self.retirements.setdefault(record_id, (notes_id, amount))

    def check(self, kind: str, record_id: str, target: str | None, content: dict[str, Any]
              ) -> Problem | None:
        """Take one record the call adds into account; the problem with it, if any."""
        if kind == "retraction":
            self.retirements.pop(target or "", None)
            return None
        body = content.get("event", content) if kind == "correction" else content
        the_id = target if kind == "correction" else record_id
        assert the_id is not None
        if body.get("type") == "notes_issued":
            self.principal[the_id] = stated_principal(body)
            self._loaded.add(the_id)  # what this call says of it is the latest
            return None
        if body.get("type") != "notes_retired" or not body.get("notes_id"):
            self.retirements.pop(the_id, None)  # a correction may have changed its type
            return None
        notes_id = body["notes_id"]
        self._ensure(notes_id, body["company"])
        stated = stated_principal(body)
        currency, amount = stated
        issued = self.principal.get(notes_id)
        others = [a for rid, (nid, a) in self.retirements.items()
                  if nid == notes_id and rid != the_id]
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
