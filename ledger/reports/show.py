"""A record (original or amendment) with its whole amendment history as known at the
snapshot's position, and who recorded each version (``projections/queries``). Its subject is
a record's id, not a company.
"""

from __future__ import annotations

from typing import Any

from ..errors import UnknownRecord
from .base import Result


class Show(Result):
    name = "show"


#: compute's second argument is a record id (``snap.show("mara-2025-09-30-balance")``).
SUBJECT = "record"


def prepare(day: Any, **opts: Any) -> tuple[Any, dict[str, Any]]:
    return day, opts  # no as-of day


def compute(snap: Any, record_id: str, day: Any = None, **_: Any) -> Show:
    from projections import queries

    from .. import provenance

    found = queries.record_with_amendments(snap.cur, record_id, snap.position)
    if found is None:
        at = f" as known at {snap.known_at}" if snap.known_at else ""
        raise UnknownRecord(f'"{record_id}": no such record{at}; see caledger history '
                            "COMPANY for the ids")
    who = provenance.who_recorded(snap.cur, [found["record_position"], *(
        a["position"] for a in found.get("amendments", []))])
    for a in found.get("amendments", []):
        a.update({k: who.get(a["position"], {}).get(k) for k in ("recorded_by", "via")})
    first = who.get(found["record_position"], {})
    return Show(None, {**found, "recorded_by": first.get("recorded_by"),
                       "via": first.get("via"), **snap.stamp()})
