"""Every record of a company in the order the ledger recorded them: a corrected record with
its ``current`` content, each correction with what it changed and why; optionally only those
of some types, with an effective period overlapping ``start``..``end``, citing ``source``, or
recorded by ``by`` (``projections/history``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..errors import BadQuery
from .base import Result


class History(Result):
    name = "history"

    @property
    def records(self) -> list[dict[str, Any]]:
        return list(self._json)


def prepare(day: Any, *, types: tuple[str, ...] | list[str] = (), start: Any = None,
            end: Any = None, **opts: Any) -> tuple[Any, dict[str, Any]]:
    """``--type``, ``--from`` and ``--to`` checked, before the ledger is read (no as-of day:
    every record stored by the snapshot's position)."""
    return day, {**filters(types, start, end), **opts}


def filters(types: tuple[str, ...] | list[str], start: Any, end: Any) -> dict[str, Any]:
    from projections import history as history_rows

    from ..kinds import TYPES
    from .series import _day

    if isinstance(types, str):
        raise BadQuery(f'--type: types="{types}" is one text, not a list of record types; '
                       f'give a list, e.g. types=["{types}"]')
    for t in types:
        if t not in TYPES and t not in history_rows.AMENDMENT_TYPES:
            raise BadQuery(f'--type "{t}": not a record type; use one of '
                           + ", ".join((*TYPES, *history_rows.AMENDMENT_TYPES)))
    first = _day("--from", start, last=False)
    last = _day("--to", end, last=True)
    if first and last and last < first:
        raise BadQuery(f"--to {end} is before --from {start}; put the earlier one in --from")
    return {"types": tuple(types), "start": first, "end": last}


def compute(snap: Any, company: str, day: date | None = None, *,
            types: tuple[str, ...] | list[str] = (), start: date | None = None,
            end: date | None = None, source: str | None = None, by: str | None = None,
            **_: Any) -> History:
    from projections import history as history_rows
    from projections import queries

    from .. import provenance

    listed = queries.history(snap.cur, company, snap.position)
    provenance.add_who(snap.cur, listed)
    rows = history_rows.annotate(listed)
    selected = history_rows.select(rows, source=source, types=tuple(types), start=start,
                                   end=end)
    if by is not None:
        selected = [r for r in selected if r.get("recorded_by") == by]
    return History(None, selected, stamp=snap.stamp())
