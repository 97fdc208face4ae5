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

#: ``load(notes_id, company)`` → (principal of the issue as stored now, or None; every current
#: retirement naming it as ``{record_id: principal}``).
Loader = Callable[[str, str], tuple[Decimal | None, dict[str, Decimal]]]

#: The record types whose content the rule reads; of any other record it reads only the type.
TYPES = frozenset({"notes_issued", "notes_retired"})


class NotesCheck:
    def __init__(self, load: Loader):
        self._load = load
        self._loaded: set[str] = set()
        self.principal: dict[str, Decimal] = {}
        #: record id → (notes id, principal retired)
        self.retirements: dict[str, tuple[str, Decimal]] = {}

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
            self.principal[the_id] = Decimal(body["principal_usd"])
            self._loaded.add(the_id)  # what this call says of it is the latest
            return None
        if body.get("type") != "notes_retired" or not body.get("notes_id"):
            self.retirements.pop(the_id, None)  # a correction may have changed its type
            return None
        notes_id = body["notes_id"]
        self._ensure(notes_id, body["company"])
        amount = Decimal(body["principal_usd"])
        principal = self.principal.get(notes_id)
        if principal is None:
            return None
        retired = sum((a for rid, (nid, a) in self.retirements.items()
                       if nid == notes_id and rid != the_id), Decimal(0))
        outstanding = principal - retired
        if amount > outstanding:
            return Problem(None, record_id, "principal_usd",
                           f'retires ${amount:,f} of notes "{notes_id}", which '
                           f"have ${max(outstanding, Decimal(0)):,f} outstanding as recorded "
                           f"(${principal:,f} issued, ${retired:,f} already retired); check "
                           "the amount and notes_id, or correct the earlier records first")
        self.retirements[the_id] = (notes_id, amount)
        return None
