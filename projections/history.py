"""A company's history made readable and filterable.

``queries.history`` lists every record as it was stored. ``annotate`` walks that list in store
order and adds what a reader needs: a corrected record's ``current`` content (its latest
correction in the list; the original stays in the record's own fields and in ``show``), and
each correction's ``changes`` (field -> from, to) against the version it replaced. ``select``
then keeps the records a reader asked for, judged by their current content; an amendment
row goes with the record it amends.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ledger.values import parse_period
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any

#: What a history row carries besides the record's own content.
_BOOKKEEPING = ("position", "recorded_at", "recorded_by", "via", "status", "current",
                "changes")
AMENDMENT_TYPES = ("correction", "retraction")

#: A history row's ``status``, the same word in text, JSON and CSV (and ``changes``): whether
#: the version the row holds is the one that counts now, and if not, what ended it.
#: ``current``: it counts (a record never amended, or the latest correction of a record not
#: retracted); ``corrected``: a record a correction replaced (its row shows the content that
#: counts, the latest correction's); ``superseded``: a correction a later correction
#: replaced; ``retracted``: a retracted record, the correction in force when it was
#: retracted, and the retraction itself. So ``status == "current"`` picks, for each record
#: that counts, the one row holding the version that counts.
STATUSES = ("current", "corrected", "superseded", "retracted")


def statuses(amendments: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Each amended record's status and each amendment's, by id, from ``(id, kind,
    target)`` of the amendments in store order (kind ``correction`` or ``retraction``);
    an id not in the answer is ``current``."""
    out: dict[str, str] = {}
    in_force: dict[str, str] = {}  # a record's latest correction, by the record's id
    for amendment_id, kind, target in amendments:
        if out.get(target) == "retracted":  # nothing amends a retracted record (an older
            out[amendment_id] = "retracted"  # ledger's would still not count)
            continue
        replaced = in_force.pop(target, None)
        if kind == "retraction":
            out[target] = out[amendment_id] = "retracted"
            if replaced is not None:
                out[replaced] = "retracted"
        else:
            out[target] = "corrected"
            in_force[target] = amendment_id
            if replaced is not None:
                out[replaced] = "superseded"
    return out


def _content(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in _BOOKKEEPING}


def field_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Field -> {"from", "to"} for every field a new version changed (``id`` aside)."""
    names = [k for k in (*before, *(k for k in after if k not in before)) if k != "id"]
    return {name: {"from": before.get(name), "to": after.get(name)} for name in names
            if _differ(before.get(name), after.get(name))}


#: Values whose JSON is different exactly when they are (``!=``): no float (NaN), no list.
_PLAIN = frozenset({str, int, bool, type(None)})


def _differ(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` are written as different JSON (keys sorted), for values read
    from JSON: compared as they are where that gives the same answer (text, whole numbers,
    booleans and null; a different one of these types is different JSON; lists item by
    item; objects with text keys key by key), else as their JSON. The ``json`` module is
    then loaded only for a float or anything unusual."""
    kind = type(a)
    if kind is type(b):
        if kind in _PLAIN:
            return a != b  # type: ignore[no-any-return]
        if kind is list:
            return len(a) != len(b) or any(_differ(x, y) for x, y in zip(a, b, strict=True))
        if kind is dict and all(type(k) is str for k in a) and all(type(k) is str for k in b):
            return a.keys() != b.keys() or any(_differ(a[k], b[k]) for k in a)
    elif kind in _PLAIN and type(b) in _PLAIN:
        return True  # "1", 1, true and null are each other's JSON never
    import json  # here: a float, or a value not read from JSON

    return json.dumps(a, sort_keys=True) != json.dumps(b, sort_keys=True)


def annotate(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with ``current`` on corrected records and ``changes`` on corrections."""
    # Each record's latest version: a correction's content, or the record's own row (its
    # content taken from the row only when a correction or ``current`` needs it; nothing
    # changes the row's own fields before then).
    current: dict[str, tuple[bool, dict[str, Any]]] = {}

    def content(found: tuple[bool, dict[str, Any]]) -> dict[str, Any]:
        return found[1] if found[0] else _content(found[1])

    out = []
    for row in rows:
        row = dict(row)
        if row["type"] == "correction":
            target = row["corrects"]
            found = current.get(target)
            before = {} if found is None else content(found)
            after = {"id": target, **row["event"]}
            row["changes"] = _own(field_changes(before, after))
            current[target] = (True, after)
        elif row["type"] != "retraction":
            current[row["id"]] = (False, row)
        out.append(row)
    for row in out:
        if row["status"] == "corrected" and row["type"] not in AMENDMENT_TYPES:
            row["current"] = _own(content(current[row["id"]]))
    return out


def _own(value: Any) -> Any:
    """``value`` with lists and dicts of its own: a corrected record's ``current`` and a
    correction's ``changes`` are built from other rows' values (the correction's ``event``,
    the record's ``sources``), and a caller editing one answer must not edit another. The
    values are parsed JSON: dicts, lists and values nothing edits in place."""
    if isinstance(value, dict):
        return {k: _own(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_own(v) for v in value]
    return value


def shown(row: dict[str, Any]) -> dict[str, Any]:
    """What a reader sees of a row: a corrected record's current content, else its own."""
    return row.get("current") or row


def target(row: dict[str, Any]) -> str | None:
    return row.get("corrects") or row.get("retracts")


def _cites(record: dict[str, Any], source: str) -> bool:
    document, sep, line = source.rpartition(":")
    if not (sep and line.isdigit()):
        document, line = source, ""
    return any(s["document"] == document and (not line or s["line"] == int(line))
               for s in record.get("sources", []))


def select(rows: list[dict[str, Any]], *, types: Iterable[str] = (),
           start: date | None = None, end: date | None = None,
           source: str | None = None) -> list[dict[str, Any]]:
    """The rows of records whose current content has one of ``types``, an effective period
    overlapping ``start``..``end`` and cites ``source`` (a document, or DOCUMENT:LINE), with
    the amendments of those records. ``types`` may name ``correction`` or ``retraction``:
    then amendments of that kind are kept whatever the type of the record they amend."""
    wanted = set(types)
    if not wanted and start is None and end is None and source is None:
        # Nothing asked for: every record, and every amendment of a record listed (an
        # amendment listed with another company's record, one that moved it here, is not).
        ids = {row["id"] for row in rows if row["type"] not in AMENDMENT_TYPES}
        return [row for row in rows if row["type"] not in AMENDMENT_TYPES
                or target(row) in ids]
    record_types = wanted - set(AMENDMENT_TYPES)

    def matches(record: dict[str, Any]) -> bool:
        if start is not None or end is not None:
            period = parse_period(record["effective"])
            if (start is not None and period.end < start) or \
                    (end is not None and period.start > end):
                return False
        return source is None or _cites(record, source)

    records = {row["id"]: shown(row) for row in rows if row["type"] not in AMENDMENT_TYPES}
    matching = {i for i, record in records.items() if matches(record)}

    def keep(row: dict[str, Any]) -> bool:
        if row["type"] not in AMENDMENT_TYPES:
            return row["id"] in matching and (not wanted or shown(row)["type"] in record_types)
        amended = target(row)
        return amended in matching and (not wanted or row["type"] in wanted
                                        or records[amended]["type"] in record_types)

    return [row for row in rows if keep(row)]
