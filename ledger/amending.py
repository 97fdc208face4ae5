"""What an amendment may amend: the rules in one pure function.

A correction or retraction names a record. ``refusal`` says why it can't amend it, or None
when it can: there is no such record; it names an amendment rather than an original record;
the record was retracted (nothing amends a retracted record: a correction would bring it
back, a second retraction would say nothing); or a correction moves the record to another
company. The store's import plan and the ``correct``/``retract`` commands both ask it, each
saying the refusal in its own words; neither reads anything here, so the rules are tested
without a ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["correction", "retraction"]
Rule = Literal["missing", "amendment", "retracted", "company"]


@dataclass(frozen=True)
class Target:
    """What the ledger knows of the record an amendment names."""

    #: record, or the kind of amendment it itself is (correction, retraction).
    kind: str = "record"
    #: When it is itself an amendment: the record it amends, if known.
    amends: str | None = None
    company: str | None = None
    #: The retraction that retracted it, if one did.
    retracted_by: str | None = None


@dataclass(frozen=True)
class Refusal:
    rule: Rule
    target: Target | None


def refusal(kind: Kind, target: Target | None, company: str | None = None) -> Refusal | None:
    """Why an amendment of ``kind`` (a correction's replacement filed under ``company``)
    can't amend ``target`` (None: no such record), or None when it can."""
    if target is None:
        return Refusal("missing", None)
    if target.kind != "record":
        return Refusal("amendment", target)
    if target.retracted_by is not None:
        return Refusal("retracted", target)
    if kind == "correction" and company is not None and target.company is not None \
            and company != target.company:
        return Refusal("company", target)
    return None
