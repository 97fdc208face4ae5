"""Queries over the read model: the known axis, history and the list of companies."""

from __future__ import annotations

import sqlite3
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any
    from collections.abc import Callable

from ledger import kinds


#: Below this many stored contents to read, the standard library's JSON parser is quicker
#: overall: orjson parses a record's content about 3 µs quicker, but importing it (with the
#: dataclasses, json, uuid and platform modules it loads) costs a command about 6 ms.
FEW = 2000


def parser(count: int) -> Callable[[str | bytes], Any]:
    """The JSON parser to read ``count`` stored contents with (see ``FEW``). The read
    model's content is canonical JSON written by orjson (text, whole numbers within 64 bits,
    no lone surrogate, no NaN), which the two parsers read alike."""
    if count < FEW:
        from json import loads
    else:
        from orjson import loads
    return loads


def loads(content: str | bytes) -> Any:
    """One read-model content parsed, where how many a command reads is not known ahead:
    the first ``FEW`` by the standard library's parser, the rest by orjson's (``parser``)."""
    return _loads(content)


def _counting(content: str | bytes) -> Any:
    global _loads, _json, _read
    if _json is None:
        from json import loads as _json
    _read += 1
    if _read >= FEW:
        from orjson import loads as fast
        _loads = fast
    return _json(content)


_loads: Callable[[str | bytes], Any] = _counting
_json: Callable[[str | bytes], Any] | None = None
_read = 0


#: The types filed under an asset rather than a company (prices), as SQL literals.
_PRICES = ", ".join(f"'{t}'" for t in kinds.TYPES if kinds.category(t) == "price")


def position_known_at(cur: sqlite3.Cursor, timestamp: str) -> int:
    """The last position recorded at or before ``timestamp`` (ISO 8601 UTC, microseconds).

    Writers' clocks may disagree, so each record is known from the latest ``recorded_at`` of
    it and everything stored before it: the mapping from time to position is monotonic, so
    the newest entry of the (known_from, position) index at or before ``timestamp`` is the
    answer, found without scanning (a MAX over the range walks every record known by then,
    or every record known after it).
    """
    row = cur.execute("SELECT position FROM rm_log WHERE known_from <= ? "
                      "ORDER BY known_from DESC, position DESC LIMIT 1", (timestamp,)).fetchone()
    return row[0] if row else 0


def company_known(cur: sqlite3.Cursor, company: str, position: int) -> bool:
    return cur.execute("SELECT 1 FROM rm_log WHERE company = ? AND position <= ? LIMIT 1",
                       (company, position)).fetchone() is not None


def history(cur: sqlite3.Cursor, company: str, position: int) -> list[dict[str, Any]]:
    """Every record of ``company`` stored at or before ``position``, in store order.

    Status is as of ``position`` (``history.STATUSES``): a record ``retracted`` or
    ``corrected`` once an amendment stored at or before it says so, a correction
    ``superseded`` or ``retracted`` once a later one ends it, ``current`` otherwise.
    """
    # The company's rows read once: the amendments among them first give each status.
    rows = cur.execute(
        "SELECT position, record_id, kind, recorded_at, content, target FROM rm_log "
        "WHERE company = ? AND position <= ? ORDER BY position", (company, position)).fetchall()
    from .history import statuses

    amended = statuses((record_id, kind, target)
                       for _, record_id, kind, _, _, target in rows if target is not None)
    out = []
    loads = parser(len(rows))
    for pos, record_id, kind, recorded_at, content, _target in rows:
        record = loads(content)
        if kind != "record":
            record = {"id": record_id, "type": kind, **{k: v for k, v in record.items()
                                                        if k != "id"}}
        out.append({**record, "position": pos, "recorded_at": recorded_at,
                    "status": amended.get(record_id, "current")})
    return out


def companies(cur: sqlite3.Cursor, position: int) -> list[dict[str, Any]]:
    """Each company with records stored at or before ``position``: an asset with nothing
    but prices (bitcoin's, filed under ``BTC``) is not a company."""
    return [
        {"company": company, "records": count, "first_position": first, "last_position": last}
        for company, count, first, last in cur.execute(
            "SELECT company, COUNT(*), MIN(position), MAX(position) FROM rm_log "
            "WHERE position <= ? AND company IS NOT NULL GROUP BY company "
            f"HAVING SUM(CASE WHEN type IN ({_PRICES}) THEN 0 ELSE 1 END) > 0 "
            "ORDER BY company", (position,))
    ]


def new_after(cur: sqlite3.Cursor, companies: list[str], position: int) -> list[str]:
    """Those of ``companies`` with no record (prices aside) stored at or before
    ``position``, in the order given: each looked up by rm_log's (company, position) index,
    so a write into a large ledger stays cheap."""
    return [company for company in companies if cur.execute(
        "SELECT 1 FROM rm_log WHERE company = ? AND position <= ? "
        f"AND type NOT IN ({_PRICES}) LIMIT 1", (company, position)).fetchone() is None]


def record_with_amendments(cur: sqlite3.Cursor, record_id: str, position: int
                           ) -> dict[str, Any] | None:
    """A record as known at ``position``, with every amendment stored by then, in order."""
    row = cur.execute("SELECT position, kind, target, recorded_at, content FROM rm_log "
                      "WHERE record_id = ? AND position <= ?", (record_id, position)).fetchone()
    if row is None:
        return None
    first, kind, target, recorded_at, content = row
    loads = parser(1)  # a record and its few amendments
    if kind != "record":
        return {"amendment": loads(content), "kind": kind, "amends": target,
                "record_position": first, "recorded_at": recorded_at}
    original = loads(content)
    current: dict[str, Any] | None = original
    status = "current"
    amendments = []
    for pos, amend_kind, amend_at, amend_content in cur.execute(
            "SELECT position, kind, recorded_at, content FROM rm_log WHERE target = ? "
            "AND position <= ? ORDER BY position", (record_id, position)):
        amendment = loads(amend_content)
        amendments.append({**amendment, "position": pos, "recorded_at": amend_at})
        if amend_kind == "retraction":
            status, current = "retracted", None
        elif current is not None:
            status, current = "corrected", amendment["event"]
    return {"id": record_id, "status": status, "record_position": first,
            "recorded_at": recorded_at,
            "original": original, "current": current, "amendments": amendments}
