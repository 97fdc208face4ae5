"""Every record, correction and retraction stored after ``since`` and up to the snapshot's
position, and the holdings they moved (``projections/changes``). The company is optional
(None: every company); with ``by``, only what that writer recorded.
"""

from __future__ import annotations

from datetime import date

from ..errors import BadQuery
from .base import Result
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any


class Changes(Result):
    name = "changes"

    @property
    def records(self) -> list[dict[str, Any]]:
        return list(self._json["records"])


def prepare(day: Any, **opts: Any) -> tuple[Any, dict[str, Any]]:
    return day, opts  # between two moments of the known axis: no as-of day


def compute(snap: Any, company: str | None, day: date | None = None, *,
            since: str | None = None, until: str | None = None, by: str | None = None,
            **_: Any) -> Changes:
    from projections import changes as changes_projection

    from .. import provenance

    start = snap.points.get("--since") or snap.resolve(since, "--since")
    end = snap.known
    if until is not None and snap.resolve(until, "--until").position != end.position:
        # a snapshot answers as known at its own moment: an other end would be ignored
        raise BadQuery(f"--until {until}: this snapshot is as known at @{end.position}; open "
                       f"one as known then (snapshot(known_at={until!r})) for changes up to it")
    if start.position > end.position:
        raise BadQuery(f"--since {since} (@{start.position}) is after --until "
                       f"{until or 'now'} (@{end.position}); give the earlier moment first")
    contents: dict[int, str] = {}  # each listed event's record, as the read model has it
    report = changes_projection.changes(snap.cur, company, start.position, end.position,
                                        contents)
    provenance.add_who(snap.cur, report["records"], contents=contents)
    if by is not None:
        mine = [r for r in report["records"] if r.get("recorded_by") == by]
        touched = {r.get("company") for r in mine}
        report = {**report, "records": mine,
                  "companies": [c for c in report["companies"] if c["company"] in touched]}
    position, first_hash = snap.chain_head(1)
    return Changes(report, {
        "company": company, "ledger": first_hash[:16] if position else "empty",
        "since": {"known_at": start.spec, "position": start.position,
                  "recorded_at": _recorded_at(snap.cur, start.position)},
        "until": {"known_at": end.spec, "position": end.position,
                  "recorded_at": _recorded_at(snap.cur, end.position)},
        **report, "position": end.position, "head_hash": snap.head_hash})


def _recorded_at(cur: Any, position: int) -> str | None:
    row = cur.execute("SELECT known_from FROM rm_log WHERE position <= ? "
                      "ORDER BY position DESC LIMIT 1", (position,)).fetchone()
    return row[0] if row else None
