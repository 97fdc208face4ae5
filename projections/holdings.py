"""Point-in-time bitcoin holdings, computed and explained by one code path.

The rules are the brief's ("Holdings semantics"). For as-of day D and store position P, over
the versions of records visible at P (latest correction known at P, retracted ones left out):

* the total starts from the latest disclosed balance (anchor) dated on or before D — two on
  one date: the record first stored later — and adds every flow whose period ends after the
  anchor's date and on or before D; with no anchor it sums every flow ended by D;
* ``loaned`` and ``pledged`` do the same from the latest anchor that states that bucket;
* ``unencumbered = total - loaned - pledged``;
* a flow whose period contains D but has not ended is *in progress*: listed, never counted;
* a counted flow whose period starts on or before its anchor's date *straddles* the anchor.

``compute`` records every step it takes, so the explanation is the computation itself.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_right
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any

from ledger.values import canonical, from_sats

from .figures import DERIVED, DISCLOSED, FLOWS_ONLY, NOT_KNOWN, Plain, Status, Trail, combined
from .queries import loads


BUCKETS = ("total", "loaned", "pledged")
_ANCHOR_COLUMN = {"total": "a_total", "loaned": "a_loaned", "pledged": "a_pledged"}
_DELTA_COLUMN = {"total": "d_total", "loaned": "d_loaned", "pledged": "d_pledged"}

_VISIBLE = "v.position <= :p AND (v.valid_to IS NULL OR v.valid_to > :p)"
_COLUMNS = (
    "v.position, v.record_id, v.first_position, v.type, v.effective, v.eff_start, v.eff_end, "
    "v.d_total, v.d_loaned, v.d_pledged, v.a_total, v.a_loaned, v.a_pledged, l.content"
)
_COLUMNS_NO_CONTENT = _COLUMNS.replace("l.content", "NULL")


class Entry(Plain):
    """One visible version of a record, as the computation uses it. ``content`` is loaded
    only for the entries a report shows (see ``_load_content``)."""

    __slots__ = ("position", "record_id", "first_position", "type", "effective", "start", "end",
                 "sats", "content", "_data")
    FIELDS = tuple(f for f in __slots__ if f != "_data")  # not its parsed content, a cache

    def __init__(self, position: int, record_id: str, first_position: int, type: str,
                 effective: str, start: str, end: str, sats: dict[str, int | None],
                 content: str | None, _data: dict[str, Any] | None = None):
        self.position = position
        self.record_id = record_id
        self.first_position = first_position
        self.type = type
        self.effective = effective
        self.start = start
        self.end = end
        self.sats = sats
        self.content = content
        self._data = _data

    @classmethod
    def from_row(cls, row: sqlite3.Row | tuple) -> Entry:
        (position, record_id, first_position, type_, effective, start, end,
         d_total, d_loaned, d_pledged, a_total, a_loaned, a_pledged, content) = row
        return cls(position, record_id, first_position, type_, effective, start, end,
                   {"d_total": d_total, "d_loaned": d_loaned, "d_pledged": d_pledged,
                    "a_total": a_total, "a_loaned": a_loaned, "a_pledged": a_pledged}, content)

    def data(self) -> dict[str, Any]:
        """The record's content (a correction's replacement, with the record's id and
        ``corrected_by``), parsed once and shared: read it, do not mutate it."""
        if self._data is None:
            assert self.content is not None, "content not loaded"
            data = loads(self.content)
            if "event" in data:  # a correction: the replacement is what counts
                data = {**data["event"], "id": self.record_id, "corrected_by": data["id"]}
            self._data = data
        return self._data

    def record(self) -> dict[str, Any]:
        """The record's content with the store position this version was recorded at: a
        copy, its sources too (each answer that lists the record has its own)."""
        record = {**self.data(), "position": self.position}
        if "sources" in record:
            record["sources"] = copied_sources(record["sources"])
        return record

    def brief(self) -> dict[str, Any]:
        """What a trail's step shows of the record (``Trail.move``; its sources are the
        record's own, copied when the trail is written out: ``Trail.to_json``)."""
        data = self.data()
        brief = {k: data[k] for k in ("id", "type", "effective", "sources") if k in data}
        brief["position"] = self.position
        return brief


def copied_sources(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A copy of a record's ``sources`` (each a document, line and url: no deeper)."""
    return [dict(source) for source in sources]


class Counted(Plain):
    """An ended flow counted on top of the basis: what it adds to each bucket it moves, in
    satoshis, and whether its period starts on or before that bucket's anchor date."""

    __slots__ = ("entry", "sats", "straddles")
    FIELDS = __slots__

    def __init__(self, entry: Entry, sats: dict[str, int], straddles: dict[str, bool]):
        self.entry = entry
        self.sats = sats
        self.straddles = straddles


class Holdings(Plain):
    """The holdings of ``company`` as of ``as_of`` over the records visible at ``position``.

    ``counted``: the flows counted on top of the anchors, in the order counted (``compute``;
    a ``roll`` keeps none). ``status``: what each figure rests on ("total", "loaned",
    "pledged", "unencumbered"). Its trails are made when first asked for (``trails``).
    """

    __slots__ = ("company", "as_of", "position", "known_at", "head_hash", "total", "loaned",
                 "pledged", "anchors", "counted", "rolled", "_trails", "in_progress",
                 "straddling", "status")
    FIELDS = tuple(f for f in __slots__ if f != "_trails")  # a cache, as a dataclass's

    def __init__(self, company: str, as_of: date, position: int, known_at: str | None = None,
                 head_hash: str | None = None, total: Decimal = Decimal(0),
                 loaned: Decimal = Decimal(0), pledged: Decimal = Decimal(0),
                 anchors: dict[str, Entry | None] | None = None,
                 counted: list[Counted] | None = None, rolled: bool = False,
                 _trails: dict[str, Trail] | None = None,
                 in_progress: list[Entry] | None = None, straddling: list[Entry] | None = None,
                 status: dict[str, Status] | None = None):
        self.company = company
        self.as_of = as_of
        self.position = position
        self.known_at = known_at
        self.head_hash = head_hash
        self.total = total
        self.loaned = loaned
        self.pledged = pledged
        self.anchors = {} if anchors is None else anchors
        self.counted = [] if counted is None else counted
        self.rolled = rolled
        self._trails = _trails
        self.in_progress = [] if in_progress is None else in_progress
        self.straddling = [] if straddling is None else straddling
        self.status = {} if status is None else status

    @property
    def unencumbered(self) -> Decimal:
        return self.total - self.loaned - self.pledged

    @property
    def anchor(self) -> Entry | None:
        return self.anchors.get("total")

    def raw(self, name: str) -> Decimal:
        """The running sum of a bucket (``total``..``unencumbered``) whatever its status:
        for arithmetic that carries the status alongside, never for printing."""
        return getattr(self, name)

    def value(self, name: str) -> Decimal | None:
        """A figure (``total``, ``loaned``, ``pledged``, ``unencumbered``) as printed: None
        when it is not known."""
        return getattr(self, name) if self.status[name].known else None

    def figure(self, name: str) -> Decimal | None:
        """``value`` by figure name (``btc.total``, ...)."""
        return self.value(name.removeprefix("btc."))

    @property
    def trails(self) -> dict[str, Trail]:
        """Each figure's trail (``btc.total``, ``btc.loaned``, ``btc.pledged``,
        ``btc.unencumbered``): the moves ``compute`` made, as ``explain`` shows them. Made
        when first asked for (a report that prints only the figures never needs them)."""
        if self._trails is None:
            if self.rolled:
                raise ValueError("a rolled holding keeps no steps; compute() the day to "
                                 "explain it")
            self._trails = _trails(self)
        return self._trails


#: How each bucket's bitcoin is named in a reason.
_WHAT = {"total": "balance", "loaned": "balance stating loaned bitcoin",
         "pledged": "balance stating pledged bitcoin"}
_STATED = {"total": "balance", "loaned": "loaned bitcoin", "pledged": "pledged bitcoin"}
_NO_FLOW = {"total": "no recorded flow ended by then",
            "loaned": "no loan or loan return is recorded",
            "pledged": "no pledge or pledge release is recorded"}


def _counted(entry: Entry, bucket: str, anchor: Entry | None) -> int:
    """What an ended flow adds to a bucket, in satoshis: its delta, unless the bucket's anchor
    is dated on or after the flow's end (the anchor already includes it) — 0 then, and for a
    flow that doesn't move the bucket. The one rule ``compute`` and ``roll`` both apply."""
    delta = entry.sats[_DELTA_COLUMN[bucket]] or 0
    return 0 if anchor is not None and entry.end <= anchor.end else delta


def _straddles(entry: Entry, anchor: Entry | None) -> bool:
    """A counted flow whose period starts on or before its anchor's date."""
    return anchor is not None and entry.start <= anchor.end


def _status(result: Holdings, bucket: str, sats: int, max_anchor_age: int | None = None
            ) -> Status:
    """What a bucket's figure (``sats``) rests on: its anchor and the flows counted after
    it."""
    flows = sum(1 for c in result.counted if c.sats[bucket])
    return _bucket_status(result.company, result.as_of, bucket, result.anchors[bucket], flows,
                          sats, [c.entry.record_id for c in result.counted if c.straddles[bucket]],
                          max_anchor_age)


#: What a bucket's flows are, and what a flows-only sum below zero shows the company had.
_FLOWS = {"total": "recorded flows", "loaned": "recorded loans and loan returns",
          "pledged": "recorded pledges and pledge releases"}
_BEFORE = {"total": "held bitcoin before its first recorded flow",
           "loaned": "had bitcoin loaned before its first recorded loan",
           "pledged": "had bitcoin pledged before its first recorded pledge"}


def _below_zero(sats: int) -> str:
    """The words a derived figure below zero adds to its reason (its arithmetic is shown,
    not hidden: the anchor is the company's own, and ``reconcile`` lists the day)."""
    return (f", which comes to {canonical(from_sats(sats))} BTC: below zero, which no "
            "holding can be, so a recorded flow is missing or wrong (reconcile lists it)")


def straddle_text(straddling: list[str]) -> str:
    """The flag a rolled-forward figure carries for the counted flows whose period starts on
    or before its anchor's date (counted after it, and flagged); "" for none."""
    if not straddling:
        return ""
    one = len(straddling) == 1
    return (f"{'the period of' if one else 'the periods of'} "
            f"{', '.join(straddling)} {'starts' if one else 'start'} on or before the anchor's "
            f"date, so part of {'it' if one else 'them'} may already be in the anchor")


def _straddle_note(straddling: list[str]) -> str:
    """The words a rolled-forward figure's reason adds for its straddling flows."""
    text = straddle_text(straddling)
    return f"; flagged: {text}" if text else ""


def straddle_flags(figure: str, straddling: list[str]) -> tuple[str, ...]:
    """``Status.flags`` of ``figure`` for its straddling flows (none: ``()``)."""
    text = straddle_text(straddling)
    return (f"{figure}: {text}",) if text else ()


def anchor_age(anchor: Any, as_of: date) -> int | None:
    """How many days before ``as_of`` an anchor (anything with an ISO ``end``) is dated
    (None: no anchor)."""
    if anchor is None:
        return None
    return as_of.toordinal() - date.fromisoformat(anchor.end).toordinal()


def days_before(age: int, as_of: date) -> str:
    """An anchor's age as a reason gives it: ``626 days before 2024-11-15``."""
    return f"{age} day{'' if age == 1 else 's'} before {as_of.isoformat()}"


def too_old(what: str, anchor: Any, as_of: date, max_anchor_age: int) -> str:
    """The reason of a figure not known because its anchor is older than ``max_anchor_age``
    days (``--max-anchor-age``)."""
    age = anchor_age(anchor, as_of)
    return (f"the {what} disclosed on {anchor.end} ({anchor.record_id}) is "
            f"{days_before(age, as_of)}, older than the {max_anchor_age} "  # type: ignore[arg-type]
            f"day{'' if max_anchor_age == 1 else 's'} allowed (max anchor age), so it is not "
            f"carried forward to {as_of.isoformat()}")


def _derived_parts(bucket: str, anchor: Entry, flows: int, sats: int,
                   straddling: list[str]) -> tuple[str, str, tuple[str, ...]]:
    """A rolled-forward bucket's reason but for its anchor's age (which names the day), as
    (before the age, after it, flags): made once for many days by ``roll``."""
    counted = f"{flows} recorded flow{'' if flows == 1 else 's'}"
    return (f"{_STATED[bucket]} disclosed on {anchor.end} ({anchor.record_id})",
            f"rolled forward by {counted}" + (_below_zero(sats) if sats < 0 else "")
            + _straddle_note(straddling), straddle_flags(f"btc.{bucket}", straddling))


def _aged(parts: tuple[str, str, tuple[str, ...]], age: int, as_of: date) -> Status:
    """A rolled-forward bucket's status from ``_derived_parts`` and its anchor's age."""
    head, tail, flags = parts
    return Status(DERIVED, f"{head}, {days_before(age, as_of)}, {tail}", flags)


def _bucket_status(company: str, as_of: date, bucket: str, anchor: Entry | None, flows: int,
                   sats: int = 0, straddling: list[str] | None = None,
                   max_anchor_age: int | None = None) -> Status:
    """A bucket's status from its anchor, the number of flows counted after it and its
    running figure in satoshis (``sats``). A sum of flows alone is the holding only if the
    company held none before the first of them: when that sum is below zero it cannot be,
    so the figure is not known. A derived figure below zero keeps its anchor's arithmetic
    and says it is below zero. A derived figure's reason gives its anchor's age; with
    ``max_anchor_age`` (days), one whose anchor is older is not known."""
    day = as_of.isoformat()
    if anchor is not None:
        if anchor.end == day:
            return Status(DISCLOSED, f"{_STATED[bucket]} disclosed on {day} "
                          f"({anchor.record_id})")
        age = anchor_age(anchor, as_of)
        if max_anchor_age is not None and age > max_anchor_age:  # type: ignore[operator]
            return Status(NOT_KNOWN, too_old(_STATED[bucket], anchor, as_of, max_anchor_age))
        return _aged(_derived_parts(bucket, anchor, flows, sats, straddling or []),
                     age, as_of)  # type: ignore[arg-type]
    status, before, after = _unanchored(company, bucket, flows, sats)
    return Status(status, before + day + after)


def _unanchored(company: str, bucket: str, flows: int, sats: int) -> tuple[str, str, str]:
    """``_bucket_status`` of a bucket with no anchor: its status, and its reason's words
    before and after the day it names (they do not depend on the day: a walk over many days
    makes them once, ``walked_status``)."""
    if flows:
        counted = f"{flows} recorded flow{'' if flows == 1 else 's'}"
        if sats < 0:
            return (NOT_KNOWN, f"{_FLOWS[bucket]} sum to {canonical(from_sats(sats))} BTC by ",
                    f": {company} {_BEFORE[bucket]}; record a disclosed {_WHAT[bucket]}")
        return (FLOWS_ONLY, f"no disclosed {_WHAT[bucket]} on or before ",
                f": the sum of {counted}, which is the holding only if {company} held none "
                "before the first of them")
    return NOT_KNOWN, f"no disclosed {_WHAT[bucket]} on or before ", f", and {_NO_FLOW[bucket]}"


_FREE = "btc.unencumbered (total - loaned - pledged)"


def _free_status(company: str, statuses: dict[str, Status], sats: int,
                 total_sats: int = 0) -> Status:
    """The status of ``btc.unencumbered`` from its buckets' (``statuses``, by bucket) and its
    figure in satoshis: the weakest of them (``combined``). Below zero, one that rests on
    flows only is not known (those sums are the holding only if the company held none
    before its first recorded flow, and no holding is below zero); a derived one says so.
    The reason says what made it so (``total_sats``: the total's figure): a total summed
    from flows only, a disclosed balance rolled forward below zero by recorded flows, or
    loans and pledges summed from flows only coming to more than the total."""
    status = combined({f"btc.{b}": statuses[b] for b in BUCKETS}, _FREE)
    if sats >= 0 or not status.known:
        return status
    if status.status == FLOWS_ONLY:
        partial = [f"btc.{b}" for b in BUCKETS if statuses[b].status == FLOWS_ONLY]
        head = (f"{_FREE} comes to {canonical(from_sats(sats))} BTC with "
                f"{', '.join(partial)} summed from recorded flows only")
        if statuses["total"].status == FLOWS_ONLY:
            return Status(NOT_KNOWN, f"{head}: {company} held bitcoin before its first "
                          "recorded flow; record a disclosed balance")
        if total_sats < 0:
            return Status(NOT_KNOWN, f"{head}, and btc.total below zero: "
                          f"{statuses['total'].reason}")
        return Status(NOT_KNOWN, f"{head}, more than btc.total leaves: a recorded loan or "
                      "pledge is missing or wrong, or some were made before the first "
                      "recorded; record a disclosed balance stating them")
    return Status(status.status, status.reason + _below_zero(sats), status.flags)


class Window:
    """Which of a company's visible versions a step of the computation reads: those whose
    period ends after ``after`` (None: no lower bound) and by ``until``; with ``started``,
    whose period starts by that day too; with ``moves`` (a delta column, ``d_total``...),
    those that move that bucket. One filter, given both as SQL (``where``: the store's
    queries) and applied to entries already read (``take``: a ``Journal``), so the two
    paths cannot part. The order is the same for both: period end, then first stored."""

    __slots__ = ("after", "until", "started", "moves")

    def __init__(self, after: str | None, until: str, started: str | None = None,
                 moves: str | None = None):
        self.after, self.until, self.started, self.moves = after, until, started, moves

    def where(self) -> tuple[str, dict[str, str]]:
        """The SQL condition on ``rm_versions v`` and its parameters (named ``w_...``)."""
        parts, params = [], {"w_until": self.until}
        if self.after is not None:
            parts.append("v.eff_end > :w_after")
            params["w_after"] = self.after
        parts.append("v.eff_end <= :w_until")
        if self.started is not None:
            parts.append("v.eff_start <= :w_started")
            params["w_started"] = self.started
        if self.moves is not None:
            parts.append(f"v.{_MOVES[self.moves]} != 0")
        return " AND ".join(parts), params

    def bounds(self, ends: list[str]) -> tuple[int, int]:
        """Where the window's period ends lie in ``ends`` (ascending): a slice's bounds."""
        low = 0 if self.after is None else bisect_right(ends, self.after)
        return low, bisect_right(ends, self.until)

    def take(self, entries: list[Entry], ends: list[str]) -> list[Entry]:
        """The entries this window keeps, of ``entries`` in (period end, first stored) order
        (``ends``: their period ends), in that order."""
        kept = entries[slice(*self.bounds(ends))]
        if self.started is not None:
            kept = [e for e in kept if e.start <= self.started]
        if self.moves is not None:
            column = _MOVES[self.moves]
            kept = [e for e in kept if e.sats[column]]
        return kept


#: The delta columns a window may ask about (never a name from outside in the SQL).
_MOVES = {column: column for column in _DELTA_COLUMN.values()}


def anchors_window(day: str) -> Window:
    """The anchors ``compute`` reads for ``day``: those dated by it (newest first)."""
    return Window(None, day)


def flows_window(after: str, as_of: date, span: int) -> Window:
    """The flows ``compute`` reads: ending after ``after`` and started by ``as_of``. Those
    ending by then are counted, the rest are in progress; an in-progress flow ends no later
    than as_of plus the company's longest period (``span``), which bounds the scan."""
    return Window(after, _until(as_of, span), started=as_of.isoformat())


def _anchors(cur: sqlite3.Cursor, company: str, day: str, position: int):
    """The company's anchors dated by ``day``, newest first (a store may answer with anchors
    and flows at once: ``compute``)."""
    where, params = anchors_window(day).where()
    return cur.execute(
        f"SELECT {_COLUMNS} FROM rm_versions v JOIN rm_log l ON l.position = v.position "
        f"WHERE v.company = :c AND v.category = 'anchor' AND {where} AND {_VISIBLE} "
        "ORDER BY v.eff_end DESC, v.first_position DESC",
        {"c": company, "p": position, **params})

#: A flow ended by the day counts in a bucket it moves when that bucket has no anchor or the
#: anchor is older (e.at, e.al, e.ap: the buckets' anchor dates, "" for none); one not yet
#: ended is in progress. Others change no figure and are not read. (For a store's own
#: statement answering anchors and flows at once: ``ledger/adapters/postgres_read.py``.)
_COUNTED = ("(v.eff_end > :d OR (v.eff_end > e.at AND v.d_total <> 0) "
            "OR (v.eff_end > e.al AND v.d_loaned <> 0) OR (v.eff_end > e.ap AND v.d_pledged <> 0))")


def _flows(cur: sqlite3.Cursor, company: str, after: str, as_of: date, position: int):
    """The flows of ``flows_window``, in order."""
    where, params = flows_window(after, as_of, _max_span(cur, company)).where()
    return cur.execute(
        f"SELECT {_COLUMNS_NO_CONTENT} FROM rm_versions v WHERE v.company = :c "
        f"AND v.category = 'flow' AND {where} AND {_VISIBLE} ORDER BY v.eff_end, v.first_position",
        {"c": company, "p": position, **params},
    )


def _max_span(cur: sqlite3.Cursor, company: str) -> int:
    """The company's longest record period, in days (0: none known)."""
    row = cur.execute("SELECT max_span FROM rm_companies WHERE company = ?",
                      (company,)).fetchone()
    return row[0] if row and row[0] else 0


def _until(as_of: date, span: int) -> str:
    """The latest period end of a flow in progress on ``as_of``: as_of plus the company's
    longest period (a record stored by a version that accepted any year may end near the
    calendar's end)."""
    return (as_of + timedelta(days=span) if span < (date.max - as_of).days
            else date.max).isoformat()


class Journal:
    """A company's visible versions at a store position, read once with their content (the
    report page computes the holdings on every disclosed date): ``compute`` on any day takes
    its anchors and flows from here, by the same rules and in the same order as its queries
    give them, instead of querying the store for each day. ``every``: each visible version
    with its category, in (period end, first stored) order, as ``audit._every_visible``
    reads them."""

    __slots__ = ("company", "position", "every", "anchors", "flows", "_anchor_ends",
                 "flow_ends", "span")

    def __init__(self, cur: sqlite3.Cursor, company: str, position: int,
                 every: list[tuple[str, Entry]]):
        self.company, self.position, self.every = company, position, every
        self.anchors = [e for category, e in every if category == "anchor"]
        self.flows = [e for category, e in every if category == "flow"]
        self._anchor_ends = [e.end for e in self.anchors]
        self.flow_ends = [e.end for e in self.flows]
        self.span = _max_span(cur, company)

    def check(self, company: str, position: int) -> None:
        """Refuse to answer for another company or store position than the one read."""
        if (company, position) != (self.company, self.position):
            raise ValueError(f"the records read are {self.company}'s at @{self.position}, "
                             f"not {company}'s at @{position}")

    def anchors_newest_first(self, day: str) -> Iterator[Entry]:
        """``_anchors``: those of ``anchors_window``, newest first."""
        return reversed(anchors_window(day).take(self.anchors, self._anchor_ends))

    def flows_between(self, after: str, as_of: date) -> list[Entry]:
        """``_flows``: those of ``flows_window``, in order."""
        return flows_window(after, as_of, self.span).take(self.flows, self.flow_ends)

    def entries(self, until: str | None = None) -> list[Entry]:
        """``entries``: the flows and anchors whose periods end by ``until`` (None: all),
        in order."""
        return [e for category, e in self.every if category in ("flow", "anchor")
                and (until is None or e.end <= until)]


def _load_content(cur: sqlite3.Cursor, entries: list[Entry]) -> None:
    missing = {e.position: e for e in entries if e.content is None}
    positions = list(missing)
    for i in range(0, len(positions), 500):
        chunk = positions[i:i + 500]
        for position, content in cur.execute(
                f"SELECT position, content FROM rm_log WHERE position IN "
                f"({','.join('?' * len(chunk))})", chunk):
            missing[position].content = content


def compute(cur: sqlite3.Cursor, company: str, as_of: date, position: int,
            journal: Journal | None = None, max_anchor_age: int | None = None) -> Holdings:
    """Holdings of ``company`` as of ``as_of``, over the records visible at ``position``
    (``journal``: those records already read, the company's at that position;
    ``max_anchor_age``: the most days a figure may be carried forward from its anchor, None
    for no limit: an older one is not known)."""
    if journal is not None:
        journal.check(company, position)
    day = as_of.isoformat()
    result = Holdings(company=company, as_of=as_of, position=position)

    # The latest anchor for each bucket: walk anchors newest first until all are found (a
    # store with a statement of its own for it, where each query is a round trip, answers
    # with at most three, and the flows; elsewhere flows are read after them).
    flow_rows = flow_entries = None
    side = getattr(cur, "side", None)  # a bare sqlite3 cursor has none
    at_once = (side.query("holdings.anchors_and_flows")
               if side is not None and journal is None else None)
    if journal is not None:
        anchor_entries = journal.anchors_newest_first(day)
    else:
        if at_once is not None:
            rows = cur.execute(at_once, {"c": company, "d": day, "p": position}).fetchall()
            anchor_rows = [row[1:] for row in reversed(rows) if row[0] == 0]
            flow_rows = [row[1:] for row in rows if row[0] == 1]
        else:
            anchor_rows = _anchors(cur, company, day, position)
        anchor_entries = (Entry.from_row(row) for row in anchor_rows)
    anchors: dict[str, Entry | None] = {bucket: None for bucket in BUCKETS}
    for entry in anchor_entries:
        for bucket in BUCKETS:
            if anchors[bucket] is None and entry.sats[_ANCHOR_COLUMN[bucket]] is not None:
                anchors[bucket] = entry
        if all(anchors.values()):
            break
    result.anchors = anchors

    if flow_rows is None:
        dates = [a.end for a in anchors.values() if a is not None]
        lower = min(dates) if len(dates) == len(BUCKETS) else ""
        if journal is not None:
            flow_entries = journal.flows_between(lower, as_of)
        else:
            flow_rows = _flows(cur, company, lower, as_of, position)
    if flow_entries is None:
        flow_entries = (Entry.from_row(row) for row in flow_rows)
    for entry in flow_entries:
        if entry.end > day:
            result.in_progress.append(entry)
            continue
        sats = {bucket: _counted(entry, bucket, anchors[bucket]) for bucket in BUCKETS}
        if any(sats.values()):
            result.counted.append(Counted(entry, sats, {
                bucket: bool(sats[bucket]) and _straddles(entry, anchors[bucket])
                for bucket in BUCKETS}))
    result.straddling = [c.entry for c in result.counted if any(c.straddles.values())]
    _load_content(cur, [*result.in_progress, *(a for a in anchors.values() if a is not None),
                        *(c.entry for c in result.counted)])

    running = {bucket: (0 if anchors[bucket] is None else
                        anchors[bucket].sats[_ANCHOR_COLUMN[bucket]] or 0)  # type: ignore[union-attr]
               + sum(c.sats[bucket] for c in result.counted) for bucket in BUCKETS}
    result.total = from_sats(running["total"])
    result.loaned = from_sats(running["loaned"])
    result.pledged = from_sats(running["pledged"])
    for bucket in BUCKETS:
        result.status[bucket] = _status(result, bucket, running[bucket], max_anchor_age)
    result.status["unencumbered"] = _free_status(
        company, result.status, running["total"] - running["loaned"] - running["pledged"],
        running["total"])
    return result


def _trails(result: Holdings) -> dict[str, Trail]:
    """Each bucket's trail, from its anchor (or from nothing) by each counted flow in turn;
    then btc.unencumbered: each bucket's steps, then how they combine."""
    trails: dict[str, Trail] = {}
    for bucket in BUCKETS:
        anchor = result.anchors[bucket]
        trail = trails[f"btc.{bucket}"] = Trail(f"btc.{bucket}", "BTC",
                                                status=result.status[bucket], bucket=bucket)
        if anchor is None:
            trail.move("start", Decimal(0), None)
        else:
            trail.move("anchor", from_sats(anchor.sats[_ANCHOR_COLUMN[bucket]] or 0), anchor)
        for c in result.counted:
            delta = c.sats[bucket]
            if delta:
                trail.move("add" if delta > 0 else "subtract", from_sats(abs(delta)), c.entry,
                           straddles=c.straddles[bucket])
    unencumbered = trails["btc.unencumbered"] = Trail(
        "btc.unencumbered", "BTC", status=result.status["unencumbered"], bucket="unencumbered",
        parts=[trails[f"btc.{b}"] for b in BUCKETS])
    unencumbered.move("combine", result.unencumbered, None, formula="total - loaned - pledged")
    return trails


# --- the same figures on many days, the journal read once ----------------------------------------


def entries(cur: sqlite3.Cursor, company: str, until: date | None, position: int, *,
            content: bool = False, since: str | None = None) -> list[Entry]:
    """The flows and disclosed balances of ``company`` visible at ``position`` whose periods
    end by ``until`` (None: all), and on or after ``since`` (ISO; None: all), in the order
    ``roll`` takes them."""
    bound = "AND v.eff_end <= :d " if until is not None else ""
    if since is not None:
        bound += "AND v.eff_end >= :s "
    if content:
        source = f"SELECT {_COLUMNS} FROM rm_versions v JOIN rm_log l ON l.position = v.position"
    else:
        source = f"SELECT {_COLUMNS_NO_CONTENT} FROM rm_versions v"
    return [Entry.from_row(row) for row in cur.execute(
        f"{source} WHERE v.company = :c AND v.category IN ('flow', 'anchor') {bound}"
        f"AND {_VISIBLE} ORDER BY v.eff_end, v.first_position",
        {"c": company, "d": until.isoformat() if until else None, "p": position,
         "s": since})]


class _Walk:
    """Where a roll stands after the journal's entries ended by a day: each bucket's anchor,
    its running figure in satoshis, how many flows it has counted since its anchor, and the
    counted flows that straddle it (``changed``: the straddling flows changed since a
    reader last cleared it)."""

    __slots__ = ("anchors", "running", "counted", "straddling", "changed")

    def __init__(self) -> None:
        self.anchors: dict[str, Entry | None] = {b: None for b in BUCKETS}
        self.running = dict.fromkeys(BUCKETS, 0)
        self.counted = dict.fromkeys(BUCKETS, 0)
        self.straddling: dict[str, dict[int, Entry]] = {b: {} for b in BUCKETS}
        self.changed = True


def _walk(journal: list[Entry], days: list[str], *, straddling: bool = True
          ) -> Iterator[tuple[str, _Walk]]:
    """The journal (as ``roll`` takes it) applied up to each of ``days`` (ISO, ascending),
    by the holdings rules: a flow counts in a bucket once its period has ended, unless that
    bucket's anchor is dated on or after its end (``_counted``); a later anchor starts the
    bucket again from its stated figure. Yields each day with the walk's state (the same
    object, updated in place; ``straddling=False``: the straddling flows not kept). ``roll``
    and ``negatives`` both read it."""
    from ledger.kinds import category

    walk = _Walk()
    anchors, running, counted, straddles = (walk.anchors, walk.running, walk.counted,
                                            walk.straddling)
    i, n = 0, len(journal)
    previous = None
    for day in days:
        if previous is not None and day < previous:
            raise ValueError("roll: days must be in ascending order")
        previous = day
        while i < n and journal[i].end <= day:
            entry = journal[i]
            i += 1
            if category(entry.type) == "anchor":
                for bucket in BUCKETS:
                    sats = entry.sats[_ANCHOR_COLUMN[bucket]]
                    if sats is not None:
                        anchors[bucket] = entry
                        running[bucket] = sats
                        counted[bucket] = 0
                        if straddles[bucket]:
                            straddles[bucket] = {}
                            walk.changed = True
                continue
            sats = entry.sats
            for bucket in BUCKETS:
                if not sats[_DELTA_COLUMN[bucket]]:
                    continue  # a flow that does not move the bucket adds nothing to it
                anchor = anchors[bucket]
                delta = _counted(entry, bucket, anchor)
                if not delta:
                    continue
                running[bucket] += delta
                counted[bucket] += 1
                if straddling and _straddles(entry, anchor):
                    straddles[bucket][entry.position] = entry
                    walk.changed = True
        yield day, walk


def negatives(journal: list[Entry], company: str, position: int,
              days: list[str] | None = None, *,
              unsummed: dict[str, tuple[str, ...]] | None = None
              ) -> list[tuple[str, str, int, Status]]:
    """Each (day, figure, satoshis, status) where a figure's running sum in ``roll`` for ``company``
    at ``position`` is below zero, on every day an entry of ``journal`` ends (``total``,
    ``loaned``, ``pledged``, ``unencumbered``, in that order on each day): from the same
    walk as ``roll``, without building each day's holdings. A bucket is summed once it has
    an anchor or a counted flow: ``roll`` shows it then, derived (saying it is below zero)
    or, from flows alone, not known (a sum of flows below zero shows bitcoin held before the
    first of them: ``_bucket_status``); either way reconcile lists it. ``unencumbered`` is
    checked whenever the total is summed, a bucket not summed counting as nothing (which is
    what it holds then: no anchor and no counted flow leave it at zero): a bucket not known
    holds no less than nothing, so total less the summed buckets is the most that can be
    unencumbered. ``status``: the figure's status on that day as ``compute`` gives it (a
    figure ``holdings`` calls not known is not known here either, with the same reason).
    ``days``: the days to look at (ISO, ascending) instead of the journal's own.
    ``unsummed``: if given, filled with each day whose ``unencumbered`` is listed and the
    buckets (``loaned``, ``pledged``) it counted as nothing there, not being summed."""
    out: list[tuple[str, str, int, Status]] = []
    for day, walk in _walk(journal, sorted({e.end for e in journal}) if days is None else days):
        running, counted, anchors = walk.running, walk.counted, walk.anchors
        total = running["total"]
        total_known = anchors["total"] is not None or counted["total"] > 0
        found = []
        if total < 0 and total_known:
            found.append(("total", total))
        for bucket in ("loaned", "pledged"):
            if running[bucket] < 0 and (anchors[bucket] is not None or counted[bucket] > 0):
                found.append((bucket, running[bucket]))
        free = total - running["loaned"] - running["pledged"]
        if total_known and free < 0:
            found.append(("unencumbered", free))
            if unsummed is not None:
                unsummed[day] = tuple(b for b in ("loaned", "pledged")
                                      if anchors[b] is None and not counted[b])
        if not found:
            continue
        as_of = date.fromisoformat(day)
        statuses = {bucket: _bucket_status(
            company, as_of, bucket, anchors[bucket], counted[bucket], running[bucket],
            [e.record_id for e in walk.straddling[bucket].values()]) for bucket in BUCKETS}
        statuses["unencumbered"] = _free_status(company, statuses, free, total)
        out.extend((day, name, sats, statuses[name]) for name, sats in found)
    return out


def walked_status(derived: dict[Any, Any], company: str, as_of: date, day: str, bucket: str,
                  anchor: Entry | None, counted: int, sats: int,
                  straddling: dict[int, Entry], max_anchor_age: int | None = None) -> Status:
    """``_bucket_status`` on a day of a walk (``roll``, ``changes.rolled``): a figure rolled
    forward from an earlier anchor has the words of its reason but for the anchor's age made
    once for each anchor, count of flows, figure below zero and straddling flows (kept in
    ``derived``, the walk's own), and the age, which names the day, added on each day; one
    with no anchor, the words around the day once for each count of flows and figure below
    zero (``_unanchored``)."""
    if anchor is not None and anchor.end != day:
        ordinal = derived.get(anchor.end)
        if ordinal is None:
            ordinal = derived[anchor.end] = date.fromisoformat(anchor.end).toordinal()
        age = as_of.toordinal() - ordinal
        if max_anchor_age is None or age <= max_anchor_age:
            key = (bucket, anchor.position, counted, min(sats, 0), tuple(straddling))
            parts = derived.get(key)
            if parts is None:
                parts = derived[key] = _derived_parts(
                    bucket, anchor, counted, sats, [e.record_id for e in straddling.values()])
            return _aged(parts, age, as_of)
    elif anchor is None:  # its reason names the day, between words made once
        key = (bucket, counted, min(sats, 0))
        words = derived.get(key)
        if words is None:
            words = derived[key] = _unanchored(company, bucket, counted, sats)
        return Status(words[0], words[1] + day + words[2])
    return _bucket_status(company, as_of, bucket, anchor, counted, sats,
                          [e.record_id for e in straddling.values()], max_anchor_age)


def free_key(statuses: dict[str, Status], free: int, total: int) -> tuple[Any, ...]:
    """What ``_free_status`` rests on, as a key for the statuses a walk has made: the
    buckets' statuses and flags, not their reasons (which name the day), and the figure
    when it is below zero (with the total's status when that is below zero too)."""
    return (statuses["total"].status, statuses["loaned"].status, statuses["pledged"].status,
            min(free, 0), statuses["total"] if free < 0 and total < 0 else None,
            statuses["total"].flags, statuses["loaned"].flags, statuses["pledged"].flags)


def roll(journal: list[Entry], company: str, days: list[date], position: int, *,
         in_progress: bool = False, max_anchor_age: int | None = None) -> list[Holdings]:
    """``compute`` on each of ``days`` (ascending), from one pass over ``journal`` (the
    company's visible flows and disclosed balances in (period end, first stored) order, as
    ``entries`` reads them): the same figures, anchors, statuses with their reasons and
    straddling flows, in time linear in the journal plus the days (``_walk``).

    What a roll does not give: the steps of each figure (``explain`` shows them, from
    ``compute``), and unless ``in_progress`` is asked for (the journal must then hold the
    flows ending after the last day too), the flows in progress on each day; their content
    is not loaded (``_load_content``).
    """
    from ledger.kinds import category

    out: list[Holdings] = []
    unencumbered: dict[tuple[Any, ...], Status] = {}
    derived: dict[Any, Any] = {}
    crossed: list[Entry] = []  # the straddling flows sorted, while unchanged
    if in_progress:
        from bisect import bisect_right

        ends = [e.end for e in journal]
        longest = max((date.fromisoformat(e.end).toordinal()
                       - date.fromisoformat(e.start).toordinal() for e in journal), default=0)
    for as_of, (day, walk) in zip(days, _walk(journal, [d.isoformat() for d in days]),
                                  strict=True):
        running, counted, anchors = walk.running, walk.counted, walk.anchors
        result = Holdings(company=company, as_of=as_of, position=position,
                          total=from_sats(running["total"]), loaned=from_sats(running["loaned"]),
                          pledged=from_sats(running["pledged"]), anchors=dict(anchors),
                          rolled=True)
        if walk.changed:  # sorted again only when a flow joined or an anchor reset them
            walk.changed = False
            crossing = {p: e for b in BUCKETS for p, e in walk.straddling[b].items()}
            crossed = sorted(crossing.values(), key=lambda e: (e.end, e.first_position))
        result.straddling = list(crossed)
        if in_progress:
            # Flows started by the day and ending after it: none ends later than the day
            # plus the longest period in the journal.
            last = date.fromordinal(min(as_of.toordinal() + longest, date.max.toordinal()))
            result.in_progress = [
                e for e in journal[bisect_right(ends, day):bisect_right(ends, last.isoformat())]
                if e.start <= day and category(e.type) == "flow"]
        for bucket in BUCKETS:
            anchor = anchors[bucket]
            sats = running[bucket]
            result.status[bucket] = walked_status(
                derived, company, as_of, day, bucket, anchor, counted[bucket], sats,
                walk.straddling[bucket], max_anchor_age)
        # The combined status rests on the buckets' statuses and flags, not their reasons,
        # and on the figure when it is below zero: one (frozen) Status for each combination met.
        free = running["total"] - running["loaned"] - running["pledged"]
        kinds_of = free_key(result.status, free, running["total"])
        status = unencumbered.get(kinds_of)
        if status is None:
            status = unencumbered[kinds_of] = _free_status(company, result.status, free,
                                                           running["total"])
        result.status["unencumbered"] = status
        out.append(result)
    return out
