"""The read model's rows, built one way for both projection paths.

``Rows`` turns stored events, in store order, into ``rm_log`` and ``rm_versions`` rows, and
gathers the ``rm_companies`` rows on the way. The incremental projection
(``ReadModel._apply``, a batch at a time) and the set-based one (``projections/bulk.py``, the
whole log) both build their rows here, so they can't build them differently. Each row is
complete when built, in its table's declared column order (``schema.RM_LOG.names``; read by
name with ``Table.Row._make``): what it needs from later events (when a version stops being
valid) is given beforehand, and what it needs from earlier ones (an amendment's company and
its original's first position) was met earlier in the run or is looked up (``original``).

The rows are built from the stored bytes with orjson, not by the database's JSON functions
(measured on 1,000,000 events, SQLite 3.40's ``json_extract`` of every field a row needs
took more CPU than parsing in Python and inserting, and PostgreSQL parses JSON more slowly
than the client). Only the facts of ``ledger.kinds`` (category, BTC effect) are read, so a
new record type needs no change here.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

import orjson

from ledger import kinds
from ledger.values import BTC_PLACES, SATS_PER_BTC, parse_period

_SORT = orjson.OPT_SORT_KEYS
_FLOW, _ANCHOR, _CHANGE = "flow", "anchor", "change"


def sats(text: str | None) -> int | None:
    """Exact satoshis of a stored (validated, canonical) BTC amount, without Decimal (as
    ``ledger.values.to_sats`` gives: tests/test_bulk_projection.py holds it to that). The
    fraction is padded to whole satoshis and read with the whole part, sign and all
    ("-0.1" is "-0" + "10000000")."""
    if text is None:
        return None
    whole, dot, fraction = text.partition(".")
    if not dot:
        return int(whole) * SATS_PER_BTC
    return int(whole + fraction.ljust(BTC_PLACES, "0"))


_periods: dict[str, tuple[str, str, str, int]] = {}
_types: dict[str, tuple[str, tuple[int, int, int] | None]] = {}


def _period(effective: str) -> tuple[str, str, str, int]:
    """(canonical text, first day, last day, days from the first to the last) of an
    effective period, remembered."""
    found = _periods.get(effective)
    if found is None:
        period = parse_period(effective)
        found = (period.text, period.start.isoformat(), period.end.isoformat(),
                 (period.end - period.start).days)
        if len(_periods) < 200_000:
            _periods[effective] = found
    return found


def _type(record_type: str) -> tuple[str, tuple[int, int, int] | None]:
    """(category, BTC effect) of a record type, from ``ledger.kinds``."""
    found = _types.get(record_type)
    if found is None:
        found = _types[record_type] = (kinds.category(record_type),
                                       kinds.BTC_EFFECT.get(record_type))
    return found


def record_log_row(position: int, record_id: str, record_type: str, company: str,
                   recorded_at: str, known_from: str, content: str, null: Any) -> tuple:
    """The ``rm_log`` row of an original record (kind ``record``; no target)."""
    return (position, record_id, "record", record_type, company, null, recorded_at, known_from,
            content)


def version_row(position: int, first_position: Any, valid_to: Any, record_id: str,
                record: dict[str, Any], null: Any = None) -> tuple:
    """The ``rm_versions`` row of one version of a record's content; ``null`` stands for
    SQL NULL (``BulkLoad.null``)."""
    return _version(position, first_position, valid_to, record_id, record, null)[0]


def version_tail(record: dict[str, Any], null: Any) -> tuple:
    """An original record's ``rm_versions`` row without its first four columns (position,
    record id, first position, valid to), then the days its period spans (-1: not a flow):
    what a process can build before the record is stored (``ledger/pipeline.py``);
    ``version_from`` completes it."""
    record_type, effective = record["type"], record["effective"]
    found = _types.get(record_type)
    period = _periods.get(effective)
    btc = record.get("btc")
    if found is None or period is None or found[0] != _FLOW or type(btc) is not str:
        row, span = _version(0, 0, null, "", record, null)
        return (*row[4:], span)
    # A flow, its type and period met before: ``_version``'s row written out (most of an
    # import's records).
    effect, (text, start, end, span) = found[1], period
    whole, dot, fraction = btc.partition(".")
    amount = int(whole + fraction.ljust(BTC_PLACES, "0")) if dot else int(whole) * SATS_PER_BTC
    return (record["company"], record_type, _FLOW, text, start, end, effect[0] * amount,
            effect[1] * amount, effect[2] * amount, null, null, null, null, span)


def version_from(position: int, record_id: str, tail: tuple, null: Any) -> tuple[tuple, int]:
    """(``version_row``, span) of an original record stored at ``position`` whose
    ``version_tail`` is ``tail``, valid until it is amended."""
    return (position, record_id, position, null, *tail[:-1]), tail[-1]


def _version(position: int, first_position: Any, valid_to: Any, record_id: str,
             record: dict[str, Any], null: Any) -> tuple[tuple, int]:
    """(``version_row``, the days its period spans if it is a flow, else -1)."""
    record_type = record["type"]
    category, effect = _type(record_type)
    text, start, end, span = _period(record["effective"])
    if category == _FLOW:
        amount = sats(record["btc"])
        assert effect is not None
        return (position, record_id, first_position, valid_to, record["company"], record_type,
                category, text, start, end, effect[0] * amount, effect[1] * amount,
                effect[2] * amount, null, null, null, null), span
    a_total = a_loaned = a_pledged = change = null
    if category == _ANCHOR:
        a_total = sats(record["btc"])
        if "loaned" in record:
            a_loaned = sats(record["loaned"])
        if "pledged" in record:
            a_pledged = sats(record["pledged"])
    elif category == _CHANGE:
        change = sats(record["btc"])
    return (position, record_id, first_position, valid_to, record["company"], record_type,
            category, text, start, end, null, null, null, a_total, a_loaned, a_pledged,
            change), -1


#: (head, tail) of an envelope laid out as ``ledger.envelope`` writes it, by (kind, recorded
#: at[, recorded by, via]): the bytes around the record's text, alike for every event one
#: write stores (an import's share its time and its writer), so built once for them.
_frames: dict[tuple, tuple[bytes, bytes]] = {}


def _frame(key: tuple) -> tuple[bytes, bytes]:
    """The bytes before and after the record in the envelope of an unsigned event of
    ``key``: ``(kind, recorded_at)`` (version 1) or ``(kind, recorded_at, by, via)``
    (version 2), the keys sorted, compact."""
    found = _frames.get(key)
    if found is None:
        kind, recorded_at, *who = key
        head = b'{"kind":' + orjson.dumps(kind) + b',"record":'
        tail = b',"recorded_at":' + orjson.dumps(recorded_at) + (
            b',"recorded_by":' + orjson.dumps(who[0]) + b',"v":2,"via":' + orjson.dumps(who[1])
            if who else b',"v":1') + b"}"
        if len(_frames) >= 1_000:
            _frames.clear()
        found = _frames[key] = (head, tail)
    return found


def _frame_key(body: dict[str, Any]) -> tuple | None:
    """``_frame``'s key for ``body``, or None: signed, or other keys than those written."""
    version, size = body.get("v"), len(body)
    if version == 2 and size == 6:
        by, via = body["recorded_by"], body["via"]
        if type(by) is str and type(via) is str:
            return body["kind"], body["recorded_at"], by, via
    elif version == 1 and size == 4:
        return body["kind"], body["recorded_at"]
    return None


def _content(state: bytes, body: dict[str, Any]) -> str:
    """The record's canonical text: sliced out of the stored envelope when it is laid out as
    ``ledger.envelope`` writes it (its keys sorted, compact, the record in canonical form),
    written again from the parsed record otherwise."""
    key = _frame_key(body)
    if key is not None and type(key[0]) is str and type(key[1]) is str:
        head, tail = _frame(key)
        if state.startswith(head) and state.endswith(tail):
            return state[len(head):len(state) - len(tail)].decode()
    elif body.get("v") == 2 and len(body) == 7 and "sig" in body:
        # ,"recorded_at":"<at>","recorded_by":<by>,"sig":<sig>,"v":2,"via":<via>}
        head = b'{"kind":' + orjson.dumps(body["kind"]) + b',"record":'
        tail = b',"recorded_at":' + orjson.dumps(body["recorded_at"]) \
            + b',"recorded_by":' + orjson.dumps(body["recorded_by"]) \
            + b',"sig":' + orjson.dumps(body["sig"], option=_SORT) \
            + b',"v":2,"via":' + orjson.dumps(body["via"]) + b"}"
        if state.startswith(head) and state.endswith(tail):
            return state[len(head):len(state) - len(tail)].decode()
    return orjson.dumps(body["record"], option=_SORT).decode()


#: Looks up an amended original stored before the events being built: (position, record
#: id, company) of the original of ``stream``, or None.
Original = Callable[[Any, str], "tuple[int, str, str] | None"]


class Rows:
    """The rows of stored events, built in store order, each complete when built.

    What a row needs from later events is known beforehand: ``amended`` holds, for each
    stream with amendments among the events to build, their positions (the store's rows at
    version 2 and up, read once before). A version is valid until the next of them (NULL:
    none yet); an amendment belongs to its original's company and a replacement keeps the
    original's first position, remembered when the original (always earlier in its stream)
    goes by: one entry per amended record, nothing for the rest. An original stored before
    the events being built is looked up with ``original`` (the incremental projection; the
    set-based one builds the whole log and has none), and its stored current version must
    then be closed at the amendment's position: ``closes`` lists those (position, record
    id). ``companies`` gathers the ``rm_companies`` rows on the way."""

    def __init__(self, amended: dict[Any, list[int]], known_from: str, null: Any,
                 original: Original | None = None):
        self.amended = amended
        self.originals: dict[Any, tuple[int, str, str]] = {}  # stream -> position, id, company
        self.original = original
        self.closes: list[tuple[int, str]] = []
        #: company -> [records, first position, last position, longest flow in days]
        self.companies: dict[str, list[int]] = {}
        self.known_from = known_from
        self.null = null

    def _valid_to(self, stream: Any, position: int) -> Any:
        later = self.amended.get(stream)
        if later is not None:
            i = bisect.bisect_right(later, position)
            if i < len(later):
                return later[i]
        return self.null

    def count(self, company: str, position: int, span: int = -1) -> list[int]:
        """Counts the event at ``position`` in ``company``'s ``rm_companies`` entry (and a
        flow's ``span`` of days); the entry, for the caller to widen its longest flow."""
        entry = self.companies.get(company)
        if entry is None:
            entry = self.companies[company] = [0, position, position, 0]
        entry[0] += 1
        entry[2] = position
        if span > entry[3]:
            entry[3] = span
        return entry

    def company_rows(self) -> list[tuple]:
        """The ``rm_companies`` rows of every event built so far."""
        return [(company, *entry) for company, entry in self.companies.items()]

    def __call__(self, events: list[tuple[int, Any, Any]]) -> tuple[list[tuple], list[tuple]]:
        """rm_log and rm_versions rows of a run of (position, stream, state) events."""
        log_rows: list[tuple] = []
        version_rows: list[tuple] = []
        log_append, version_append = log_rows.append, version_rows.append
        loads, null, amended = orjson.loads, self.null, self.amended
        frames, types, periods, sats_per_btc = _frames, _types, _periods, SATS_PER_BTC
        known_from = self.known_from
        for position, stream, state in events:
            body = loads(state)
            schema_version = body.get("v")
            if schema_version not in (1, 2):  # as ledger.envelope.decode upcasts
                raise ValueError(f"stored record has schema version {schema_version!r}, "
                                 "expected 1 or 2")
            kind, recorded_at, record = body["kind"], body["recorded_at"], body["record"]
            if recorded_at > known_from:
                known_from = recorded_at
            # The record's text as stored (``_content``), its envelope's frame built once
            # for every event of one write.
            frame = None
            if schema_version == 2 and len(body) == 6:
                try:
                    frame = frames.get((kind, recorded_at, body["recorded_by"], body["via"]))
                except TypeError:  # not text: left to _content
                    pass
            if frame is not None and state.startswith(frame[0]) \
                    and state.endswith(frame[1]):
                content = state[len(frame[0]):len(state) - len(frame[1])].decode()
            else:
                content = _content(state, body)
            if kind == "claim":
                # Reserves an amendment's id; logged with no id or company, so only the
                # known axis (time -> position) sees it.
                log_append((position, null, "claim", null, null, null, recorded_at, known_from,
                            content))
                continue
            if kind == "record":
                record_id, company, version = record["id"], record["company"], record
                log_append(record_log_row(position, record_id, record["type"], company,
                                          recorded_at, known_from, content, null))
                first_position, valid_to = position, null
                if stream in amended:
                    self.originals[stream] = (position, record_id, company)
                    valid_to = self._valid_to(stream, position)
            else:
                record_id = record["corrects"] if kind == "correction" else record["retracts"]
                original = self.originals.get(stream)
                if original is None and self.original is not None:
                    original = self.original(stream, record_id)
                    if original is not None:
                        self.originals[stream] = original
                        self.closes.append((position, record_id))
                if original is None or original[1] != record_id:
                    raise ValueError(f"stored {kind} {record['id']} amends unknown {record_id}")
                first_position, _, company = original
                version = record.get("event")
                log_append((position, record["id"], kind,
                            version["type"] if version is not None else null, company,
                            record_id, recorded_at, known_from, content))
                if version is not None:
                    valid_to = self._valid_to(stream, position)
            entry = self.count(company, position)
            if version is None:
                continue
            # ``version_row``, written out here for flows, most of a ledger's versions
            record_type, effective = version["type"], version["effective"]
            found = types.get(record_type)
            period = periods.get(effective)
            btc = version.get("btc")
            if found is None or period is None or found[0] != _FLOW or type(btc) is not str:
                row, span = _version(position, first_position, valid_to, record_id, version,
                                     null)
            else:
                effect, (text, start, end, span) = found[1], period
                whole, dot, fraction = btc.partition(".")
                amount = int(whole + fraction.ljust(BTC_PLACES, "0")) if dot \
                    else int(whole) * sats_per_btc
                row = (position, record_id, first_position, valid_to, version["company"],
                       record_type, _FLOW, text, start, end, effect[0] * amount,
                       effect[1] * amount, effect[2] * amount, null, null, null, null)
            version_append(row)
            if span > entry[3]:  # the longest flow (-1: not a flow)
                entry[3] = span
        self.known_from = known_from
        return log_rows, version_rows
