"""What changed between two positions of the known axis, and which holdings it moved.

``changes(cur, company, since, until)`` lists every record, correction and retraction stored
in ``(since, until]`` — in store order, in the shape ``history`` gives them, each amendment
with the version it replaced and why — and, for each company touched, the holdings at each
disclosed-balance date and at the end of each touched period, before (as known at
``since``) and after (as known at ``until``). Both sides are the holdings computation itself
(the walk ``projections.holdings.roll`` takes, with its rules for statuses, at the two
positions: ``rolled``), never a second implementation.
"""

from __future__ import annotations

from datetime import date

from ledger.values import SATS_PER_BTC, canonical, from_sats

from . import history
from . import holdings as h
from .figures import NOT_KNOWN, Status
from .stored_json import whole
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any

_BTC_CATEGORIES = ("flow", "anchor")


def _amended(rows: list[tuple[Any, ...]]) -> tuple[dict[str, str], dict[str, str]]:
    """For the records among ``rows`` (``records``' rows, in store order): each amended
    one's status at the end of them (the rule ``history`` applies) and the content of its
    latest correction. Every amendment of a record listed is listed too: it is stored
    after the record, up to the same position, and belongs to the record's company
    (``rows.py``), so nothing is asked of the read model again."""
    listed = {row[1] for row in rows if row[2] == "record"}
    corrected: dict[str, str] = {}
    for _, _, kind, _, target, _, content in rows:
        if kind == "correction" and target in listed:
            corrected[target] = content
    # every amendment's own status too (``history.statuses``): a correction a later one in
    # the list replaced is ``superseded``, a retraction ``retracted``
    status = history.statuses((record_id, kind, target)
                              for _, record_id, kind, _, target, _, _ in rows
                              if kind != "record")
    return status, corrected


def _version_content(content: str) -> dict[str, Any]:
    data = whole(content)
    return data.get("event", data) if "corrects" in data else data


def _replaced(cur: Any, target: str, position: int, contents: dict[int, str]
              ) -> dict[str, Any] | None:
    """The version of ``target`` that the amendment stored at ``position`` ended (its
    content from ``contents``, by position, when listed there)."""
    row = cur.execute("SELECT v.position FROM rm_versions v WHERE v.record_id = ? "
                      "AND v.valid_to = ?", (target, position)).fetchone()
    if row is None:
        return None
    content = contents.get(row[0])
    if content is None:
        found = cur.execute("SELECT content FROM rm_log WHERE position = ?", (row[0],)).fetchone()
        if found is None:  # as the join it replaces would find nothing
            return None
        content = found[0]
    return {**_version_content(content), "id": target, "position": row[0]}


def records(cur: Any, company: str | None, since: int, until: int,
            contents: dict[int, str] | None = None) -> list[dict[str, Any]]:
    """Every record and amendment stored in ``(since, until]``, shaped as ``history`` shapes
    them (status as of ``until``), plus ``company`` and, for amendments, ``amends``.
    ``contents`` (if given) gets each one's read-model content, by position."""
    where = "position > ? AND position <= ? AND kind != 'claim'"
    params: tuple[Any, ...] = (since, until)
    if company is not None:
        where += " AND company = ?"
        params += (company,)
    rows = cur.execute(f"SELECT position, record_id, kind, company, target, recorded_at, content "
                       f"FROM rm_log WHERE {where} ORDER BY position", params).fetchall()
    status, corrected = _amended(rows)
    listed = {row[0]: row[6] for row in rows}
    if contents is not None:
        contents.update(listed)
    out = []
    for position, record_id, kind, ticker, target, recorded_at, content in rows:
        record = whole(content)
        if kind == "record":
            # Completed in place (it is this entry's own parse): the keys end in the order
            # ``{**record, "position": ..., "recorded_at": ..., ...}`` gives them.
            record["position"] = position
            record["recorded_at"] = recorded_at
            record["status"] = state = status.get(record_id, "current")
            record["company"] = ticker
            if state == "corrected":  # its latest correction's replacement
                latest = corrected.get(record_id)
                record["current"] = {"id": record_id, **whole(latest)["event"]} \
                    if latest is not None else None
            out.append(record)
            continue
        # An amendment: its content under its own id and kind, and the version it ended.
        record = {"id": record_id, "type": kind,
                  **{k: v for k, v in record.items() if k != "id"}}
        entry = {**record, "position": position, "recorded_at": recorded_at,
                 "status": status.get(record_id, "current"), "company": ticker}
        replaced = _replaced(cur, target, position, listed)
        amends: dict[str, Any] = {"id": target, "replaced": replaced}
        if kind == "correction":
            # The same field-by-field difference history shows on a correction.
            before = {k: v for k, v in (replaced or {}).items() if k != "position"}
            entry["changes"] = history._own(history.field_changes(
                before, {"id": target, **record["event"]}))
            if replaced is not None:
                amends["changed"] = history._own({k: [c["from"], c["to"]]
                                                  for k, c in sorted(entry["changes"].items())})
        entry["amends"] = amends
        out.append(entry)
    return out


#: A bitcoin record's version as ``moved`` reads it: the holdings journal's columns
#: (``h.Entry.from_row``, without content), then when it stopped being current and its
#: category.
_VERSION_COLUMNS = f"{h._COLUMNS_NO_CONTENT}, v.valid_to, v.category"


def _versions(cur: Any, company: str, until: int) -> list[tuple[h.Entry, int | None, str]]:
    """Every version of ``company``'s flows and disclosed balances recorded by ``until``,
    each as ``(entry, valid_to, category)``, in the order ``h.entries`` reads a journal
    (period end, then first stored): one read of the rows the holdings before and after,
    the touched ends and the balance dates all come from (each reading the company's
    versions again cost the command a scattered read of every row per question)."""
    versions = [(h.Entry.from_row(row[:14]), row[14], row[15]) for row in cur.execute(
        f"SELECT {_VERSION_COLUMNS} FROM rm_versions v WHERE v.company = ? "
        "AND v.category IN ('flow', 'anchor') AND v.position <= ?", (company, until))]
    # Sorted here, not by the database: the index gives each category's versions in this
    # order already (two runs for the sort to merge), where SQL sorted them all again.
    versions.sort(key=lambda version: (version[0].end, version[0].first_position))
    return versions


def _visible(entry: h.Entry, valid_to: int | None, position: int) -> bool:
    """Whether a version is the one visible at ``position`` (``h._VISIBLE``)."""
    return entry.position <= position and (valid_to is None or valid_to > position)


def _touched_ends(versions: list[tuple[h.Entry, int | None, str]], since: int, until: int
                  ) -> dict[str, list[str]]:
    """End dates of the bitcoin records' versions recorded or ended in ``(since, until]``,
    each with the records whose period ends there (in the order the versions were stored)."""
    touched = sorted(((e.end, e.position, e.record_id) for e, valid_to, _ in versions
                      if since < e.position <= until
                      or (valid_to is not None and since < valid_to <= until)))
    ends: dict[str, list[str]] = {}
    for end, _, record_id in touched:
        ids = ends.setdefault(end, [])
        if record_id not in ids:
            ids.append(record_id)
    return ends


def _balance_dates(versions: list[tuple[h.Entry, int | None, str]], since: int, until: int
                   ) -> set[str]:
    """Dates of the disclosed balances visible at ``since`` or at ``until``."""
    return {e.end for e, valid_to, category in versions if category == "anchor"
            and (_visible(e, valid_to, since) or _visible(e, valid_to, until))}


_FIGURES = ("total", "loaned", "pledged", "unencumbered")


def figures(held: h.Holdings) -> dict[str, Any]:
    """Holdings as ``changes`` shows them before and after: None where not known (each
    figure's ``held.value(name)``, spelled out: this runs twice for every day listed)."""
    status = held.status
    total, loaned, pledged, free = (status["total"].status, status["loaned"].status,
                                    status["pledged"].status, status["unencumbered"].status)
    anchor = held.anchor
    return {"total": None if total == NOT_KNOWN else canonical(held.total),
            "loaned": None if loaned == NOT_KNOWN else canonical(held.loaned),
            "pledged": None if pledged == NOT_KNOWN else canonical(held.pledged),
            "unencumbered": None if free == NOT_KNOWN else canonical(held.unencumbered),
            "anchor": anchor.record_id if anchor else None,
            "status": {"total": total, "loaned": loaned, "pledged": pledged,
                       "unencumbered": free},
            "reason": {name: status[name].reason for name in _FIGURES}}


def btc_text(sats: int) -> str:
    """``canonical(from_sats(sats))`` in integer arithmetic: the amount without exponent or
    trailing zeros (``52850``, ``-0.5``, ``0``). A test holds the two equal."""
    if not -_EXACT < sats < _EXACT:
        return canonical(from_sats(sats))
    if not sats:
        return "0"
    whole, fraction = divmod(-sats if sats < 0 else sats, SATS_PER_BTC)
    sign = "-" if sats < 0 else ""
    if not fraction:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{fraction:08d}".rstrip("0")


#: Beyond this many satoshis ``from_sats`` divides in the decimal context: ``btc_text``
#: leaves those to it.
_EXACT = 10**26


def rolled(journal: list[h.Entry], company: str, as_of: list[date]) -> list[dict[str, Any]]:
    """``figures(held)`` for each ``held`` of ``h.roll(journal, company, as_of, position)``,
    taken from the walk ``roll`` takes (``h._walk``) without building each day's
    ``Holdings``, as ``h.negatives`` reads it: the same running sums, anchors and counted
    flows give the figures (``btc_text``, made once for each amount met; unencumbered is
    total less loaned less pledged, as ``Holdings.unencumbered`` subtracts them), and each
    status comes from ``roll``'s own rules (``h._bucket_status``, ``h._free_status``), asked
    once for each combination of what a status rests on (``h.free_key``), and its reason (as
    ``holdings`` gives it) as ``roll`` makes it (``h.walked_status``)."""
    out = []
    days = [day.isoformat() for day in as_of]
    derived: dict[Any, Any] = {}
    free_found: dict[tuple[Any, ...], Status] = {}
    texts: dict[int, str] = {}
    walked_status = h.walked_status
    for as_of_day, (day, walk) in zip(as_of, h._walk(journal, days), strict=True):
        running, counted, anchors, straddling = (walk.running, walk.counted, walk.anchors,
                                                 walk.straddling)
        statuses = {}
        for bucket in h.BUCKETS:
            statuses[bucket] = walked_status(derived, company, as_of_day, day, bucket,
                                             anchors[bucket], counted[bucket],
                                             running[bucket], straddling[bucket])
        total, loaned, pledged = running["total"], running["loaned"], running["pledged"]
        free_sats = total - loaned - pledged
        key = h.free_key(statuses, free_sats, total)
        free = free_found.get(key)
        if free is None:
            free = free_found[key] = h._free_status(company, statuses, free_sats, total)
        statuses["unencumbered"] = free
        anchor = anchors["total"]
        out.append({
            "total": None if not statuses["total"].known
            else texts.get(total) or _text(texts, total),
            "loaned": None if not statuses["loaned"].known
            else texts.get(loaned) or _text(texts, loaned),
            "pledged": None if not statuses["pledged"].known
            else texts.get(pledged) or _text(texts, pledged),
            "unencumbered": None if not free.known
            else texts.get(free_sats) or _text(texts, free_sats),
            "anchor": anchor.record_id if anchor else None,
            "status": {name: statuses[name].status for name in _FIGURES},
            "reason": {name: statuses[name].reason for name in _FIGURES}})
    return out


def _text(texts: dict[int, str], sats: int) -> str:
    """``btc_text(sats)``, kept in ``texts``."""
    text = texts[sats] = btc_text(sats)
    return text


def moved(cur: Any, company: str, since: int, until: int) -> list[dict[str, Any]]:
    """Holdings at each disclosed-balance date and each touched period's end, before and
    after: ``compute`` at ``since`` and at ``until``."""
    versions = _versions(cur, company, until)
    touched = _touched_ends(versions, since, until)
    balances = _balance_dates(versions, since, until)
    days = sorted(balances | set(touched))
    if not days:
        return []
    # The holdings computation on every such date at both positions, each journal rolled
    # forward once (``h.roll``: ``compute``'s figures, anchors and statuses on each day);
    # each journal is what ``h.entries`` reads at that position up to the last day.
    as_of = [date.fromisoformat(day) for day in days]
    last = days[-1]
    found = {}
    for position in (since, until):
        journal = [e for e, valid_to, _ in versions
                   if e.end <= last and _visible(e, valid_to, position)]
        found[position] = rolled(journal, company, as_of)  # nothing visible yet: not known
    out = []
    for day, before, after in zip(days, found[since], found[until], strict=True):
        out.append({"date": day, "disclosed_balance": day in balances,
                    "period_end_of": touched.get(day, []),
                    "before": before, "after": after,
                    "moved": any(before[k] != after[k] for k in _FIGURES)})
    return out


def changes(cur: Any, company: str | None, since: int, until: int,
            contents: dict[int, str] | None = None) -> dict[str, Any]:
    """The feed (``records``; ``contents`` as it takes them) and the holdings each company
    it touches had before and after (``moved``)."""
    feed = records(cur, company, since, until, contents)
    touched = [company] if company is not None else \
        sorted({e["company"] for e in feed if e["company"]})
    return {
        "records": feed,
        "companies": [{"company": c, "known_before": bool(cur.execute(
                           "SELECT 1 FROM rm_log WHERE company = ? AND position <= ? LIMIT 1",
                           (c, since)).fetchone()),
                       "figures": moved(cur, c, since, until)} for c in touched],
    }
