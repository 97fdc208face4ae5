"""What a figure rests on: its status, and why.

Every figure the ledger prints carries one of four statuses, so "not disclosed" is never
turned into 0:

* ``disclosed`` — the company stated it for that date (an anchor dated on the as-of day);
* ``derived`` — an anchor the company stated earlier, rolled forward by recorded records (or
  arithmetic over figures that are all disclosed or derived);
* ``flows only`` — no anchor on or before the day: the sum of the recorded flows, which is the
  figure only if the company held none before its first recorded flow;
* ``not known`` — nothing recorded gives it: its value is ``None`` (JSON ``null``, text "not
  known", an empty CSV cell), with the reason.

A figure computed from others is no better than the weakest of them, and never "disclosed"
(the company stated its inputs, not it).
"""

from __future__ import annotations

from dataclasses import dataclass

DISCLOSED = "disclosed"
DERIVED = "derived"
FLOWS_ONLY = "flows only"
NOT_KNOWN = "not known"
#: Weakest first.
STATUSES = (NOT_KNOWN, FLOWS_ONLY, DERIVED, DISCLOSED)


@dataclass(frozen=True)
class Status:
    """A figure's status and the one-line reason for it (what it rests on)."""

    status: str
    reason: str

    @property
    def known(self) -> bool:
        return self.status != NOT_KNOWN

    def to_json(self) -> dict[str, str]:
        return {"status": self.status, "reason": self.reason}


def combined(parts: dict[str, Status], what: str) -> Status:
    """The status of a figure computed from ``parts`` (name → status): the weakest of them,
    at best derived; the reason names the parts that make it so."""
    worst = min((p.status for p in parts.values()), key=STATUSES.index)
    if worst == NOT_KNOWN:
        missing = [name for name, p in parts.items() if not p.known]
        return Status(NOT_KNOWN, f"{what} needs {' and '.join(missing)}, "
                      f"{'which is' if len(missing) == 1 else 'which are'} not known")
    if worst == FLOWS_ONLY:
        partial = [name for name, p in parts.items() if p.status == FLOWS_ONLY]
        return Status(FLOWS_ONLY, f"{what} from {', '.join(partial)} summed from recorded "
                      "flows only (no disclosed starting point)")
    return Status(DERIVED, f"{what} computed from " + ", ".join(
        f"{name} ({p.status})" for name, p in parts.items()))

