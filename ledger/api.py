"""The library's commands: what the CLI (or any program) calls, one function per command.

Each function opens the ledger, does one thing and returns plain data or a report object;
errors are ``CaledgerError`` subclasses with one line per problem.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)

from projections import queries

from . import kinds, reports
from . import snapshot as snapshots
from .companies import resolve_company
from .errors import (
    BadQuery,
    LogAltered,
    Problem,
    RejectedInput,
    UnknownCompany,
    one_line,
)
from .kinds import TYPES
from .reader import open_reader
from .render import count
from .valueclass import Record
from .values import parse_date

if TYPE_CHECKING:  # the pydantic models and the store load only where they are needed
    from collections.abc import Callable, Iterator, Sequence
    from typing import Any

    from projections import capital as capital_projection
    from projections import holdings as holdings_projection

    from .importer import ImportReport

    from .store import Ledger

# --- writing -----------------------------------------------------------------------------------


class AppendReport(Record):
    FIELDS = ("id", "added", "position", "new_companies", "companies_before", "dry_run",
              "creates_ledger", "below_zero", "what")
    id: str
    added: bool
    position: int | None
    #: The company the record began (none of its records was stored before), if it did;
    #: None: not known.
    new_companies: list[str] | None
    #: The companies the ledger had before, when the record began one (for ``note``).
    companies_before: list[str]
    #: Checked in full against the store, then rolled back: nothing was stored; ``added``
    #: says whether it would have been (``position`` is then None).
    dry_run: bool
    #: A dry run into a ledger not there yet: the append would create it.
    creates_ledger: bool
    #: Each figure the record takes below zero: company, day, figure, btc (a decimal
    #: string) (``ledger/belowzero.py``); None: not checked.
    below_zero: list[dict[str, Any]] | None
    #: What the notes call the record ("sale", "correction").
    what: str
    #: Remarks on the record (``ledger/writenotes.py``): possible_duplicates, future_dated,
    #: check_units, each a list (None: not checked); in the JSON, and on stderr (``notes``).
    #: Not one of ``FIELDS``: remarks, not what the write did.
    write_notes: dict[str, Any]

    def __init__(self, id: str, added: bool, position: int | None,
                 new_companies: Sequence[str] | None = (),
                 companies_before: list[str] | None = None, dry_run: bool = False,
                 creates_ledger: bool = False,
                 below_zero: Sequence[dict[str, Any]] | None = (), what: str = "record",
                 write_notes: dict[str, Any] | None = None) -> None:
        self.id = id
        self.added = added
        self.position = position
        self.new_companies = None if new_companies is None else list(new_companies)
        self.companies_before = companies_before or []
        self.dry_run = dry_run
        self.creates_ledger = creates_ledger
        self.below_zero = None if below_zero is None else list(below_zero)
        self.what = what
        self.write_notes = write_notes or {"possible_duplicates": [], "future_dated": [],
                                           "check_units": [], "overlapping_flows": []}

    @classmethod
    def of(cls, record_id: str, stored: Any, what: str, **more: Any) -> AppendReport:
        """The report of a store call (``store.Stored``) of one record."""
        return cls(record_id, bool(stored.added),
                   stored.added[0][1] if stored.added and not stored.dry_run else None,
                   stored.new_companies, stored.companies_before, stored.dry_run,
                   stored.creates_ledger, stored.below_zero, what,
                   write_notes=stored.write_notes, **more)

    def to_json(self) -> dict[str, Any]:
        data = {"id": self.id, "added": self.added, "position": self.position,
                "new_companies": self.new_companies, "below_zero": self.below_zero,
                **self.write_notes,
                "dry_run": self.dry_run}
        if self.dry_run:
            data["creates_ledger"] = self.creates_ledger
        return data

    def below_zero_notes(self) -> list[str]:
        """A line for each figure the record takes below zero (``below_zero``), for stderr."""
        from .belowzero import notes

        return notes(self.below_zero, f"this {self.what}", self.dry_run)

    def notes(self) -> list[str]:
        """The write's remarks (``write_notes``) as lines for stderr."""
        from .writenotes import lines

        return lines(self.write_notes, self.dry_run)

    def note(self) -> str | None:
        """The remark on the company the record began (``importer.companies_note``)."""
        from .importer import companies_note

        return companies_note(self.new_companies, self.companies_before, self.dry_run)


class CorrectionReport(AppendReport):
    """What ``correct`` stored, and, when the correction changes the type, an amount or the
    effective period yet cites what the original cited (no new sources, no new disclosed
    day), that citation: ``cites_original`` (the JSON report's key, present only then); when
    a change of type turns the record's figures the other way (a sale made a purchase),
    ``flips_sign`` (present only then)."""

    FIELDS = (*AppendReport.FIELDS, "cites_original", "flips_sign")
    cites_original: dict[str, Any] | None
    flips_sign: dict[str, Any] | None

    def __init__(self, id: str, added: bool, position: int | None,
                 new_companies: Sequence[str] | None = (),
                 companies_before: list[str] | None = None, dry_run: bool = False,
                 creates_ledger: bool = False,
                 below_zero: Sequence[dict[str, Any]] | None = (), what: str = "correction",
                 cites_original: dict[str, Any] | None = None,
                 write_notes: dict[str, Any] | None = None,
                 flips_sign: dict[str, Any] | None = None) -> None:
        super().__init__(id, added, position, new_companies, companies_before, dry_run,
                         creates_ledger, below_zero, what, write_notes)
        self.cites_original = cites_original
        self.flips_sign = flips_sign

    def to_json(self) -> dict[str, Any]:
        data = super().to_json()
        if self.cites_original is not None:
            data["cites_original"] = self.cites_original
        if self.flips_sign is not None:
            data["flips_sign"] = self.flips_sign
        return data

    def notes(self) -> list[str]:
        """The write's remarks, the sign a change of type flips first."""
        flipped = self.flips_sign
        if flipped is None:
            return super().notes()
        turns, count = ("would turn", "would count") if self.dry_run else ("turns", "count")
        moved = ", ".join(f"{f['figure']} {_grouped(f['from'])} before, {_grouped(f['to'])} "
                          "after" for f in flipped["figures"])
        return [f"note: {self.id} {turns} a {flipped['from']} into a {flipped['to']}: its "
                f"figures {count} the other way ({moved}); check the type",
                *super().notes()]

    def note(self) -> str | None:
        """The one line a write prints beside the report (stderr), or None."""
        kept = self.cites_original
        if kept is None:
            return None
        cited = ", ".join(f"{s.get('document')}:{s.get('line')}" for s in kept["sources"])
        day = f" (disclosed {kept['disclosed']})" if kept.get("disclosed") else ""
        return (f"note: {self.id} changes {', '.join(kept['changed'])} but keeps citing "
                f"{cited}{day}; give --source DOC:LINE and --disclosed DAY if the corrected "
                "figure comes from another document")


def _kept_citation(current: dict[str, Any], event: dict[str, Any]) -> dict[str, Any] | None:
    """The original's citation, when a correction changes an amount or the effective period
    and neither its sources nor its disclosed day: the corrected figure would otherwise cite
    a line that states the figure it replaced, without a word."""
    from .jsonio import canonical_json

    changed = [k for k in ("type", "effective", *kinds.AMOUNT_FIELDS)
               if canonical_json(current.get(k)) != canonical_json(event.get(k))]
    if not changed or canonical_json(current.get("sources")) != canonical_json(
            event.get("sources")) or current.get("disclosed") != event.get("disclosed"):
        return None
    return {"changed": changed, "sources": event.get("sources") or [],
            "disclosed": event.get("disclosed")}


def _grouped(amount: str) -> str:
    from decimal import Decimal

    return f"{Decimal(amount):+,f}"


#: The figures a record's sign moves: bitcoin buckets (``Kind.btc_effect``), basic shares.
_SIGNED = (("btc.total", "btc", 0), ("btc.loaned", "btc", 1), ("btc.pledged", "btc", 2))


def _flipped_sign(current: dict[str, Any], event: dict[str, Any]) -> dict[str, Any] | None:
    """What a correction that changes the type does to a figure it moved the other way (a
    sale corrected into a purchase: the total it lowered, it now raises), or None."""
    old, new = kinds.KINDS.get(current.get("type", "")), kinds.KINDS.get(event.get("type", ""))
    if old is None or new is None or current.get("type") == event.get("type"):
        return None
    moves = []
    for figure, field, bucket in _SIGNED:
        before = old.btc_effect[bucket] if old.btc_effect else 0
        after = new.btc_effect[bucket] if new.btc_effect else 0
        moves.append((figure, field, before, after))
    moves.append(("shares.basic", "shares", old.share_effect, new.share_effect))
    figures = []
    for figure, field, before, after in moves:
        if before * after < 0 and current.get(field) is not None \
                and event.get(field) is not None:
            figures.append({"figure": figure, "from": str(before * _decimal(current[field])),
                            "to": str(after * _decimal(event[field]))})
    if not figures:
        return None
    return {"from": current["type"], "to": event["type"], "figures": figures}


def _decimal(amount: Any) -> Any:
    from decimal import Decimal

    return Decimal(str(amount))


def append(db: str | None, record_type: str, fields: dict[str, Any], *, via: str = "append",
           dry_run: bool = False) -> AppendReport:
    """Validate and store one record. Without an ``id`` one is derived from the content, so
    appending the same action twice records it once. ``dry_run``: the very same write
    (every check against the store), rolled back: nothing is stored, and the report says
    whether the record would have been."""
    from .fieldrules import content_id
    from .importer import pending_of_content

    raw = {"type": record_type, **{k: v for k, v in fields.items() if v is not None}}
    generated = "id" not in raw
    if generated:
        raw["id"] = "pending-id"
    content = _validated(raw, "append", None if generated else raw.get("id"))
    if generated:
        content["id"] = content_id(content)
    from .store import Ledger

    with Ledger.to_write(db, dry_run=dry_run) as ledger:
        stored = ledger.store([pending_of_content(content)], via=via, dry_run=dry_run)
    from .belowzero import noun

    return AppendReport.of(content["id"], stored, noun(content["type"]))


def _validated(raw: dict[str, Any], verb: str, shown: str | None) -> dict[str, Any]:
    """The record's canonical content, or its problems refused one line each. A plain valid
    record is checked by the fast path, without pydantic (``fastcheck``); any other goes
    through the full model, which accepts or refuses it with its own messages."""
    from . import fastcheck
    amends = raw.get("type") in ("correction", "retraction")
    content = fastcheck.amendment(raw) if amends else fastcheck.content(raw)
    if content is not None:
        return content
    from .events import RecordInvalid, validate_record
    try:
        return validate_record(raw).content()
    except RecordInvalid as e:
        raise RejectedInput(*e.at(verb, shown)) from None


# --- querying ---------------------------------------------------------------------------------


# The snapshot (``ledger/snapshot.py``) resolves --known-at, the as-of day and the company
# once per command.
_as_of = snapshots.as_of_day
snapshot = snapshots.snapshot


def _computed(db: str | None, companies: list[str] | None, as_of: str | None, known_at: str | None,
              name: str, **opts: Any) -> list[Any]:
    """Report ``name`` (``ledger/reports``) for each company (None: every company), over one
    snapshot; each result carries the snapshot's stamp."""
    day, opts = reports.prepare(name, as_of, **opts)
    with snapshot(db, known_at) as snap:
        return [snap.compute(name, ticker, day, **opts) for ticker in snap.tickers(companies)]


def report(db: str | None, name: str, companies: list[str] | None, as_of: str | None = None,
           known_at: str | None = None, **opts: Any) -> dict[str, Any] | list[dict[str, Any]]:
    """Any registered report (``ledger/reports``) as its command prints it with --json: one
    company's (a dict), or several (None: every company) as a list, from one snapshot."""
    return report_of(db, name, companies, as_of, known_at, **opts).to_json()  # type: ignore[no-any-return]


def report_of(db: str | None, name: str, companies: list[str] | None,
              as_of: str | None = None, known_at: str | None = None, **opts: Any) -> Any:
    """``report`` as a result: one company's, or several's (``reports.base.Many``: a list,
    stamped by the snapshot even when empty)."""
    from .reports.base import Many

    day, opts = reports.prepare(name, as_of, **opts)
    with snapshot(db, known_at) as snap:
        found = [snap.compute(name, ticker, day, **opts) for ticker in snap.tickers(companies)]
        if companies is not None and len(companies) == 1:
            return found[0]
        return Many(name, found, snap.stamp())


def holdings(db: str | None, company: str, as_of: str | None, known_at: str | None = None,
             max_anchor_age: int | None = None) -> holdings_projection.Holdings:
    return _computed(db, [company], as_of, known_at, "holdings",
                     max_anchor_age=max_anchor_age)[0].data


def holdings_json(h: holdings_projection.Holdings, max_anchor_age: int | None = None
                  ) -> dict[str, Any]:
    from .reports import holdings as holdings_report

    return holdings_report.to_json(h, max_anchor_age)


def history(db: str | None, company: str, known_at: str | None = None, *,
            types: tuple[str, ...] | list[str] = (), start: str | None = None,
            end: str | None = None, source: str | None = None,
            by: str | None = None) -> list[dict[str, Any]]:
    """Every record of ``company`` in store order (a corrected record with its ``current``
    content, each correction with its ``changes``); optionally only those of ``types``,
    with an effective period overlapping ``start``..``end``, citing ``source``, or (rows)
    recorded by ``by``: the ``history`` report (``ledger/reports/history.py``)."""
    return one(db, "history", company, None, known_at, types=types, start=start, end=end,
               source=source, by=by).json_view()  # the result is dropped: no copy needed


def companies(db: str | None, known_at: str | None = None) -> list[dict[str, Any]]:
    """The companies and how many records each has: the ``companies`` report."""
    return one(db, "companies", None, None, known_at).to_json()


def one(db: str | None, name: str, subject: str | None, as_of: str | date | None = None,
        known_at: str | None = None, **opts: Any) -> Any:
    """Report ``name`` of one subject (a company, a record's id, or None: the whole ledger)
    computed in one snapshot: the result, its stamp the snapshot's."""
    day, opts = reports.prepare(name, as_of, **opts)
    with snapshot(db, known_at) as snap:
        return snap.compute(name, subject, day, **opts)


def written(db: str | None, name: str, subject: str | None, as_of: str | date | None = None,
            known_at: str | None = None, *, force: bool = False, **opts: Any) -> Any:
    """A report that writes a file (``reports.WRITERS``: chart, export): computed in one
    snapshot, then written (``write``) once the snapshot is closed; the result."""
    day, opts = reports.prepare(name, as_of, ledger=db, force=force, **opts)
    with snapshot(db, known_at) as snap:
        result = snap.compute(name, subject, day, **opts)
    reports.get(name).module().write(result, ledger=db, force=force)
    return result


class RebuildReport(Record):
    FIELDS = ("records", "position")
    records: int
    position: int

    def __init__(self, records: int, position: int) -> None:
        self.records = records
        self.position = position

    def to_json(self) -> dict[str, Any]:
        return {"records": self.records, "position": self.position}


def rebuild(db: str | None, progress: Callable[[str, int], None] | None = None
            ) -> RebuildReport:
    from .store import Ledger

    with Ledger.open(db, create=False, repair=True) as ledger:
        count = ledger.rebuild(progress)
        return RebuildReport(count, ledger.readmodel.position())


# --- amending -----------------------------------------------------------------------------------


def _amendment_id(prefix: str, target: str, body: dict[str, Any]) -> str:
    import hashlib  # here: OpenSSL's bindings are a query's start-up cost otherwise

    from .jsonio import canonical_json
    digest = hashlib.sha256(canonical_json(body).encode()).hexdigest()[:10]
    return f"{target[:100]}-{prefix}-{digest}"


_CHANGES_NOTHING = "the correction changes nothing: give a field to change, e.g. --btc 14575"


def _amendment_validated(raw: dict[str, Any], verb: str, target: str) -> dict[str, Any]:
    """``_validated`` for a correction or retraction of ``target``: its problems name that
    record (the amendment's own id is derived, unknown to whoever asked) and the field of
    the record as given (``btc``, not ``event.btc``)."""
    try:
        return _validated(raw, verb, target)
    except RejectedInput as e:
        raise RejectedInput(*(p._replace(field=p.field.removeprefix("event."))
                              if p.field else p for p in e.details)) from None


def _current(ledger: Ledger, record_id: str, verb: str, *, retracted_ok: bool = False
             ) -> dict[str, Any]:
    """The record as stored now: ``current`` content (None if retracted), ``amendments``."""
    from .amending import Target, refusal
    from .integrity import record_from_log

    # From the log itself, each event checked against its chain link: never from the read
    # model, a disposable copy that anyone with the file could have edited.
    found = record_from_log(ledger, record_id)
    target = None
    if found is not None and "amendment" in found:
        target = Target(found["kind"], found["amends"])
    elif found is not None:
        retracted = found["current"] is None and not retracted_ok
        target = Target(retracted_by=found["amendments"][-1]["id"] if retracted else None)
    refused = refusal("correction" if verb == "correct" else "retraction", target)
    if refused is None:
        assert found is not None
        return found
    if refused.rule == "missing":
        raise RejectedInput(f'{verb}: no record "{record_id}" in the ledger; see caledger '
                            "history COMPANY for the ids")
    assert refused.target is not None
    if refused.rule == "amendment":
        raise RejectedInput(f'{verb}: "{record_id}" is itself a {refused.target.kind} of '
                            f'"{refused.target.amends}"; {verb} the original record instead')
    raise RejectedInput(f'{verb}: "{record_id}" was retracted by '
                        f'"{refused.target.retracted_by}"; a retracted record can\'t be amended')


def correct(db: str | None, record_id: str, *, reason: str | None, fields: dict[str, Any],
            new_type: str | None = None, unset: tuple[str, ...] = (),
            correction_id: str | None = None, via: str = "correct",
            dry_run: bool = False) -> CorrectionReport:
    """Record a correction of ``record_id``: its current content with ``fields`` replaced
    (``new_type`` changes the type, keeping the fields both types share; ``unset`` drops
    optional fields). The replacement is validated as a whole record. ``dry_run``: the very
    same write, rolled back (``append``)."""
    from .importer import pending_of_content
    from .store import Ledger

    with Ledger.open(db, create=False) as ledger:
        found = _current(ledger, record_id, "correct")
        current = found["current"]
        event = {k: v for k, v in current.items() if k != "id"}
        if new_type is not None and new_type != event["type"]:
            if new_type not in TYPES:
                raise RejectedInput(f'correct: --type "{new_type}" is not a record type; use '
                                    "one of " + ", ".join(TYPES))
            keep = {*kinds.COMMON_FIELDS, *kinds.FIELDS[new_type]}
            event = {k: v for k, v in event.items() if k in keep}
            event["type"] = new_type
        if new_type is None and not unset and all(v is None for v in fields.values()):
            # Nothing asked to change: refused whatever the record's history (not taken for
            # an earlier correction whose content it would repeat).
            raise RejectedInput(Problem("correct", record_id, None, _CHANGES_NOTHING))
        for name in unset:
            event.pop(name, None)
        event.update({k: v for k, v in fields.items() if v is not None})
        body = {"type": "correction", "corrects": record_id, "reason": reason, "event": event}
        # A derived id names the version it replaces too, so correcting back to an earlier
        # value is a new correction, while re-running the same command is not.
        replaced = found["amendments"][-1]["position"] if found["amendments"] \
            else found["record_position"]
        raw = {"id": correction_id or _amendment_id("corrected", record_id,
                                                    {**body, "replaces": replaced}), **body}
        if reason is None:
            raw.pop("reason")
        correction = _amendment_validated(raw, "correct", record_id)
        from .jsonio import canonical_json
        if correction_id is None and canonical_json(correction["event"]) == canonical_json(current):
            last = found["amendments"][-1] if found["amendments"] else None
            if last is not None and last.get("type") == "correction" \
                    and last.get("reason") == correction.get("reason"):
                # the same correction again (the same command re-run): nothing to add
                return CorrectionReport(last["id"], False, None, dry_run=dry_run)
            raise RejectedInput(Problem("correct", record_id, None, _CHANGES_NOTHING))
        stored = ledger.store([pending_of_content(correction)], via=via, dry_run=dry_run)
    return CorrectionReport.of(  # type: ignore[return-value]
        correction["id"], stored, "correction",
        cites_original=_kept_citation(current, correction["event"]) if stored.added else None,
        flips_sign=_flipped_sign(current, correction["event"]) if stored.added else None)


def retract(db: str | None, record_id: str, *, reason: str | None,
            retraction_id: str | None = None, via: str = "retract",
            dry_run: bool = False) -> AppendReport:
    """Record the retraction of ``record_id``: it stops counting from now on. ``dry_run``:
    the very same write, rolled back (``append``)."""
    from .importer import pending_of_content
    from .store import Ledger

    with Ledger.open(db, create=False) as ledger:
        # A retracted record is left to the store: the same retraction again is a no-op,
        # another one is refused there.
        _current(ledger, record_id, "retract", retracted_ok=True)
        body = {"type": "retraction", "retracts": record_id, "reason": reason}
        raw = {"id": retraction_id or _amendment_id("retracted", record_id, body), **body}
        if reason is None:
            raw.pop("reason")
        retraction = _amendment_validated(raw, "retract", record_id)
        stored = ledger.store([pending_of_content(retraction)], via=via, dry_run=dry_run)
    return AppendReport.of(retraction["id"], stored, "retraction")


def show(db: str | None, record_id: str, known_at: str | None = None) -> dict[str, Any]:
    """One record (original or amendment) with its whole amendment history as known at K:
    the ``show`` report."""
    return one(db, "show", record_id, None, known_at).to_json()  # type: ignore[no-any-return]


# --- verifying ----------------------------------------------------------------------------------


class VerifyReport(Record):
    FIELDS = ("records", "position", "head_hash", "broken", "expected_head", "head_problem",
              "read_model_checked", "read_model_difference", "read_model_problem",
              "signature_checked", "keyring")
    records: int
    position: int
    head_hash: str
    broken: dict[str, Any] | None
    expected_head: str | None = None
    head_problem: str | None = None
    read_model_checked: bool = False
    read_model_difference: dict[str, Any] | None = None
    #: The read model can't be used (the log was verified all the same): say so, and what
    #: to do, without failing the log's own check.
    read_model_problem: str | None = None
    #: A checkpoint's signature checked against a trusted key: its file, the key's id, and
    #: why it failed (None: it verifies).
    signature_checked: dict[str, Any] | None = None
    #: ``--keyring``: every stored event's signature against the ring (``events_signed``).
    keyring: dict[str, Any] | None = None

    def __init__(self, records: int, position: int, head_hash: str,
                 broken: dict[str, Any] | None, expected_head: str | None = None,
                 head_problem: str | None = None, read_model_checked: bool = False,
                 read_model_difference: dict[str, Any] | None = None,
                 read_model_problem: str | None = None,
                 signature_checked: dict[str, Any] | None = None,
                 keyring: dict[str, Any] | None = None) -> None:
        self.records = records
        self.position = position
        self.head_hash = head_hash
        self.broken = broken
        self.expected_head = expected_head
        self.head_problem = head_problem
        self.read_model_checked = read_model_checked
        self.read_model_difference = read_model_difference
        self.read_model_problem = read_model_problem
        self.signature_checked = signature_checked
        self.keyring = keyring

    def warnings(self) -> list[str]:
        if self.read_model_problem is None or self.read_model_checked:
            return []
        return [f"the event log verifies, but the read model is unusable "
                f"({self.read_model_problem}); run caledger rebuild"]

    @property
    def ok(self) -> bool:
        return self.broken is None and self.head_problem is None \
            and self.read_model_difference is None \
            and (self.signature_checked is None or self.signature_checked["problem"] is None) \
            and (self.keyring is None or self.keyring["ok"])

    def problems(self) -> list[str]:
        """One line per thing found wrong."""
        out = []
        if self.signature_checked is not None and self.signature_checked["problem"]:
            s = self.signature_checked
            out.append(f"checkpoint {s['checkpoint']}: signature: {s['problem']}; the head it "
                       "records was not checked")
        if self.keyring is not None:
            for e in self.keyring["problems"]:
                out.append(f"position @{e['position']} (record {e['record_id']!r}): "
                           f"{_SIGNATURE_PROBLEMS[e['status']].format(key=e['key'])}")
        if self.broken is not None:
            b = self.broken
            out.append(f"position @{b.get('position')} (record {b.get('record_id')!r}): "
                       f"{b.get('problem')}; the log was changed after it was written")
        if self.head_problem is not None:
            out.append(f"expected head {self.expected_head}: {self.head_problem}")
        if self.read_model_difference is not None and self.read_model_difference.get(
                "table") == "tracking" and self.read_model_difference.get("record_id") is None:
            out.append(f"the read model: {self.read_model_difference['problem']}")
        elif self.read_model_difference is not None:
            d = self.read_model_difference
            key = next((f"{k} {v}" for k, v in d.items()
                        if k not in ("table", "record_id", "problem")), "")
            out.append(f"the read model does not match the log: {d['table']} {key} (record "
                       f"{d['record_id']!r}) {d['problem']}; run caledger rebuild")
        return out

    def to_json(self) -> dict[str, Any]:
        data = {"ok": self.ok, "events_checked": self.records, "position": self.position,
                "head_hash": self.head_hash, "first_broken": self.broken}
        if self.expected_head is not None:
            data["expected_head"] = {"head": self.expected_head,
                                     "ok": self.head_problem is None,
                                     "problem": self.head_problem}
        if self.read_model_checked:
            data["read_model"] = {"ok": self.read_model_difference is None,
                                  "first_difference": self.read_model_difference}
        if self.read_model_problem is not None:
            data["read_model_problem"] = self.read_model_problem
        if self.signature_checked is not None:
            data["checkpoint_signature"] = {**self.signature_checked,
                                            "ok": self.signature_checked["problem"] is None}
        if self.keyring is not None:
            data["signatures"] = self.keyring
        return data


_SIGNATURE_PROBLEMS = {
    "unsigned": "not signed by any key (written without --sign or CALEDGER_SIGNING_KEY)",
    "unknown key": "signed by key {key}, which is not in the keyring",
    "bad signature": "its signature (key {key}) does not verify: the event was changed or "
                     "forged after it was signed",
}


def verify(db: str | None, *, expect_head: str | None = None, checkpoint: str | None = None,
           read_model: bool = False, trusted_key: str | None = None,
           keyring: str | None = None) -> VerifyReport:
    """Recompute the hash chain over every stored event; name the first that doesn't match.
    With ``expect_head`` (HASH@POSITION) or a ``checkpoint`` file, also check the log still
    extends that head (nothing cut off its end, nothing rewritten up to it); with
    ``read_model``, compare the read model with a fresh projection of the log. With
    ``trusted_key`` (a public key file), the checkpoint's signature is checked with that key
    first: a checkpoint it did not sign vouches for nothing, and its head is not checked.
    With ``keyring`` (a folder of public keys), every stored event's signature is checked:
    each one unsigned, signed by a key not in the ring, or whose signature fails is named."""
    heads = []
    signature = None
    if trusted_key is not None and checkpoint is None:
        raise BadQuery("--trusted-key checks a signed checkpoint's signature: give "
                       "--checkpoint FILE too")
    ring = None
    if keyring is not None:
        from . import signing

        ring = signing.load_keyring(keyring)
    if expect_head is not None or checkpoint is not None:
        from . import integrity
    if expect_head is not None:
        heads.append(integrity.parse_head(expect_head))
    if checkpoint is not None:
        head, data = integrity.load_checkpoint(checkpoint)
        if trusted_key is not None:
            from . import signing

            key = signing.load_public_key(trusted_key)
            signature = {"checkpoint": checkpoint, "trusted_key": key.id,
                         "problem": signing.check_checkpoint_signature(data, key)}
        if signature is None or signature["problem"] is None:
            heads.append(head)
    if ring is None and not read_model:
        whole = _verify_direct(db, heads, signature)
        if whole is not None:
            return whole
    from . import integrity
    from .store import Ledger

    with Ledger.open(db, create=False, repair=True) as ledger:
        from . import chain

        # The chain's two halves on two cores (``chain.verify_on_cores``): the same answer.
        count, last, head_hash, broken = chain.verify_on_cores(
            ledger.events, lambda: Ledger.open(db, create=False, repair=True))
        detail = None
        if broken is not None:
            detail = {"position": broken.position, "problem": broken.problem,
                      "record_id": _record_id_at(ledger, broken.position)}
        projected = 0
        if ledger.readmodel_problem is None:
            try:
                projected = ledger.readmodel.position()
            except Exception as e:  # noqa: BLE001 - the read model, not the log, is broken
                ledger.readmodel_problem = f"can't read its position: {one_line(str(e))}"
        if detail is None and projected > last:  # the end of the log was cut off
            detail = {"position": projected, "record_id": ledger.record_id_at(projected),
                      "problem": f"stored and projected, but the log now ends at @{last}: "
                                 "events were removed from its end"}
        report = VerifyReport(count, last, head_hash, detail,
                              read_model_problem=ledger.readmodel_problem,
                              signature_checked=signature)
        if ring is not None:
            report.keyring = _check_signatures(ledger, ring, last)
        for head in heads:
            problem = "can't be checked: the chain itself is broken (see above)" \
                if broken is not None else integrity.check_head(ledger.events, last, head)
            report.expected_head = str(head)
            if problem is not None:
                report.head_problem = problem
                break
        if read_model and ledger.readmodel_problem:
            report.read_model_checked = True
            report.read_model_difference = {"table": "tracking", "record_id": None,
                                            "problem": ledger.readmodel_problem
                                            + "; run caledger rebuild"}
        elif read_model:
            report.read_model_checked = True
            try:
                report.read_model_difference = integrity.compare_read_model(ledger)
            except LogAltered as e:
                report.read_model_difference = {"table": "tracking", "record_id": None,
                                                "problem": e.problems[0]}
        return report


def _check_signatures(ledger: Any, ring: dict[str, Any], last: int) -> dict[str, Any]:
    """Every stored event up to ``last`` against the keyring ``ring``: counts by status, and
    the events not signed by a key of the ring (the first 1,000 named)."""
    from . import signing

    counts = {"signed": 0, "unsigned": 0, "unknown key": 0, "bad signature": 0}
    problems: list[dict[str, Any]] = []
    start = 1
    while True:
        batch = ledger.events.select_notifications(start=start, limit=5000, stop=last)
        for n in batch:
            try:
                status, key = signing.check_event(bytes(n.state), ring)
            except (ValueError, TypeError):
                status, key = "bad signature", None
            counts[status] += 1
            if status != "signed" and len(problems) < 1000:
                problems.append({"position": n.id, "record_id": _record_id_at(ledger, n.id),
                                 "status": status, "key": key})
        if not batch:
            break
        start = batch[-1].id + 1
    return {"ok": counts["signed"] == sum(counts.values()), "keys": sorted(ring),
            "counts": counts, "problems": problems}


def _verify_direct(db: str | None, heads: list[Any], signature: dict[str, Any] | None
                   ) -> VerifyReport | None:
    """``verify``'s report on a whole chain, read without opening the store where the store
    allows it (a SQLite ledger whose read model is current: ``chain_reader``), or None: then
    ``verify`` opens the ledger and finds (and names) whatever is wrong its own way."""
    from . import chain
    from .adapters import adapter_for
    from .location import Location

    try:
        location = Location.parse(db)
        reader = adapter_for(location).chain_reader(location)
    except Exception:  # noqa: BLE001 - opening the ledger reports it
        return None
    if reader is None:
        return None
    try:
        count, last, head_hash, broken = chain.verify_on_cores(reader, reader.reopen)
        if broken is not None or last != reader.head:
            return None
        report = VerifyReport(count, last, head_hash, None, signature_checked=signature)
        for head in heads:
            from . import integrity

            report.expected_head = str(head)
            problem = integrity.check_head(reader, last, head)
            if problem is not None:
                report.head_problem = problem
                break
        return report
    except Exception:  # noqa: BLE001 - the ledger, opened, answers instead
        return None
    finally:
        reader.close()


def _record_id_at(ledger: Any, position: int) -> str | None:
    """``ledger.record_id_at``, or None when the read model can't say and the event can't
    be read (the read model may be the thing that is broken)."""
    try:
        return ledger.record_id_at(position)
    except Exception:  # noqa: BLE001 - a name for the message only; the check stands
        return None


# --- auditing -----------------------------------------------------------------------------------


def explain(db: str | None, company: str, figure: str, as_of: str | None,
            known_at: str | None = None, since: str | None = None,
            max_price_age: int | None = None, max_anchor_age: int | None = None
            ) -> dict[str, Any]:
    """How ``figure`` was derived, step by step: from the trails of whichever report holds
    it (``ledger/reports``: holdings for btc.*, shares, kpi, value, else capital)."""
    day = _as_of(as_of)
    start = _since(since, day)
    with snapshot(db, known_at) as snap:
        return reports.explain(snap, snap.company(company), figure, day, since=start,
                               max_price_age=max_price_age, max_anchor_age=max_anchor_age)


def reconcile(db: str | None, company: str, known_at: str | None = None) -> dict[str, Any]:
    """Do the company's own figures add up? See ``projections/audit.py``."""
    # The result is dropped here, so its own JSON is the caller's without a copy.
    return _computed(db, [company], None, known_at, "reconcile")[0].json_view()


def reconcile_all(db: str | None, known_at: str | None = None) -> Iterator[dict[str, Any]]:
    """``reconcile`` of every company at one position, one report at a time (so a large
    ledger's reports are never all held at once), on both cores (``every.py``): each
    company's journal is read and rolled once, so the whole costs what its companies'
    reconciliations cost one by one. The one-company reports, in the companies' order."""
    from . import every
    with snapshot(db, known_at) as snap:
        tickers, position, stamp = snap.tickers(None), snap.position, snap.stamp()
    return every.reconcile_all(db, tickers, position, stamp)


# --- capital structure ------------------------------------------------------------------------


def capital(db: str | None, company: str, as_of: str | None, known_at: str | None = None
            ) -> capital_projection.Capital:
    return _computed(db, [company], as_of, known_at, "capital")[0].data


def capital_json(c: capital_projection.Capital) -> dict[str, Any]:
    from .reports import capital as capital_report

    return capital_report.to_json(c)


# --- several companies --------------------------------------------------------------------------


def compare(db: str | None, what: str, companies: list[str], as_of: str | None,
            known_at: str | None = None, *, every: bool = False, **opts: Any
            ) -> list[dict[str, Any]]:
    """Report ``what`` (``holdings``, ``capital``, ...) for several companies (or every one)
    at once, as JSON (``opts``: the report's keywords, e.g. ``max_anchor_age``)."""
    return [r.to_json() for r in _computed(db, None if every else companies, as_of, known_at,
                                           what, **opts)]


# --- shares, dilution and per-share figures --------------------------------------------------


_since = snapshots.since_day


def shares(db: str | None, company: str, as_of: str, known_at: str | None = None
           ) -> dict[str, Any]:
    """The share count as of a date: basic, convertible notes as converted, other dilutive
    securities and assumed diluted (``projections/shares.py``), as JSON."""
    return _computed(db, [company], as_of, known_at, "shares")[0].to_json()


def kpi(db: str | None, company: str, as_of: str, since: str | None = None,
        known_at: str | None = None, max_price_age: int | None = None,
        max_anchor_age: int | None = None) -> dict[str, Any]:
    """BTC and sats per share as of a date; with ``since``, BTC yield and gain over the
    period (``projections/shares.py``) and the BTC $ Gain beside them (the gain at the BTC
    close on the as-of day, ``projections/value.py``), as JSON."""
    return _computed(db, [company], as_of, known_at, "kpi", since=since,
                     max_price_age=max_price_age, max_anchor_age=max_anchor_age)[0].to_json()


# --- who may write (PostgreSQL roles) ----------------------------------------------------------


def grant(db: str | None, role: str, level: str, *, apply: bool = True) -> dict[str, Any]:
    """Make the existing database role ``role`` a reader, writer or owner of the ledger at
    ``db``, where its store has roles (PostgreSQL: ``ledger/adapters/pg_roles.py`` says what
    each may do); with ``apply`` False, only return the SQL for a DBA to run."""
    from .adapters import adapter_for
    from .location import Location

    location = Location.parse(db)
    return adapter_for(location).grant(location, role, level, apply=apply)


# --- checkpoints -------------------------------------------------------------------------------


def checkpoint(db: str | None, output: str | None = None, *, force: bool = False,
               sign: str | None = None) -> dict[str, Any]:
    """Verify the whole chain, then return (and with ``output``, write to that file) a
    checkpoint of its head: keep or publish it elsewhere, and ``verify --checkpoint FILE``
    later proves the log still extends it (nothing cut off, nothing rewritten). ``output``
    is never the ledger itself, nor (without ``force``) a file that is not a checkpoint.
    With ``sign`` (a private key file from ``keygen``), the checkpoint is signed with it, so
    ``verify --checkpoint FILE --trusted-key KEY.pub`` can check who vouched for the head."""
    from . import outputs
    from .integrity import checkpoint_json

    key = None
    if sign is not None:  # a bad key is refused before the work
        from . import signing

        key = signing.load_signing_key(sign)
    if output is not None:  # refused before the work, and checked again when written
        outputs.check_target(output, option="--output", kind=outputs.CHECKPOINT, ledger=db,
                             force=force)
    report = verify(db)
    if not report.ok:
        raise LogAltered(*report.problems(), "no checkpoint written: a checkpoint must only "
                         "vouch for a log that verifies")
    data = checkpoint_json(report.position, report.head_hash, report.records)
    if key is not None:
        from . import signing

        data = signing.sign_checkpoint(data, key)
    if output is not None:
        import json
        outputs.write_output(output, json.dumps(data, indent=2) + "\n", option="--output",
                             kind=outputs.CHECKPOINT, ledger=db, force=force)
        data = {**data, "written_to": output}
    return data


# --- series, charts and the report page ------------------------------------------------------


#: More periods than this in one series is refused (a typo in --from, most likely).
MAX_PERIODS = 1200  # the series report's (ledger/reports/series.py)


def series(db: str | None, company: str, start: str | None, end: str | None = None,
           every: str = "quarter", figures: list[str] | tuple[str, ...] = ("btc.total",),
           known_at: str | None = None, max_anchor_age: int | None = None) -> dict[str, Any]:
    """Figures at the end of each month, quarter or year from ``start`` to ``end``, with each
    period's change split into recorded flows and disclosed balances (``projections/series``):
    the same computation as ``holdings`` at each period end."""
    return _computed(db, [company], end, known_at, "series", start=start, every=every,
                     figures=figures, max_anchor_age=max_anchor_age)[0].to_json()


def chart_data(db: str | None, company: str, start: str | None, end: str | None = None,
               known_at: str | None = None) -> dict[str, Any]:
    """What a holdings chart draws, as JSON-shaped data: the step line's corners
    (``points``), the disclosed balances in range with the variance ``reconcile`` finds at
    each (``balances``), and the flows in progress on the last day (``in_progress``): the
    ``chart`` report's data (``ledger/reports/chart.py``)."""
    return one(db, "chart", company, end, known_at, start=start).data  # type: ignore[no-any-return]


def chart(db: str | None, company: str, start: str | None, end: str | None, out: str,
          known_at: str | None = None, *, force: bool = False) -> dict[str, Any]:
    """Draw the chart of ``chart_data`` to ``out`` (.svg or .png); what ``chart --json``
    prints: the data and where it was written."""
    return written(db, "chart", company, end, known_at, force=force, start=start,  # type: ignore[no-any-return]
                   out=out).to_json()


def report_data(db: str | None, company: str, as_of: str | None = None,
                known_at: str | None = None) -> dict[str, Any]:
    """Everything the company report page shows, from one snapshot of the ledger: holdings
    at each disclosed date with the trail of each figure, the reconciliation, the capital
    structure on ``as_of`` (default today) with each figure's trail, the chart's data and
    every record (``history``). All computed by the code behind the matching commands."""
    from projections import audit
    from projections import history as history_rows

    from . import provenance

    from .reports import chart as chart_report
    from .values import parse_period
    day = _as_of(as_of)
    with snapshot(db, known_at) as snap:  # one snapshot for every section of the page
        cur, p = snap.cur, snap.position
        ticker = snap.company(company)
        listed = queries.history(cur, ticker, p)
        provenance.add_who(cur, listed)
        records = history_rows.annotate(listed)
        standing = [history_rows.shown(r) for r in records
                    if r["type"] not in history_rows.AMENDMENT_TYPES
                    and r["status"] != "retracted"]
        disclosed = sorted({r["effective"] for r in standing
                            if kinds.category(r["type"]) == "anchor"})
        holdings_at = []
        # Each disclosed date, then the report's own as-of date (``current``) unless it is
        # one of them: what the company holds now, as the page's other sections do.
        dates = [parse_date(text) for text in disclosed]
        dates = [d for d in dates if d <= day] + ([day] if day not in dates else []) \
            + [d for d in dates if d > day]
        # Each date's trails list what they leave out since the date before it on the page
        # (and count the earlier flows): the page stays linear in the history.
        # The company's records read once, for every date's holdings and explanations, the
        # reconciliation and the chart (``audit.Journal``): no query per date.
        journal = audit.Journal(cur, ticker, p)
        shown = sorted(dates)
        before = dict(zip(shown[1:], shown))
        from projections import holdings as holdings_projection

        for when in dates:
            # The holdings computation the ``holdings`` report runs (``reports/holdings.py``),
            # stamped as it stamps it; the company is already checked, and the page builds its
            # JSON once (below), not the report's copy too.
            held = snap.stamped(holdings_projection.compute(cur, ticker, when, p, journal))
            since = before.get(when)
            holdings_at.append({
                **holdings_json(held),
                **({"current": True} if when == day and when.isoformat() not in disclosed
                   else {}),
                "explain": audit.explained_all(cur, held, since=since,
                                               earlier=journal.earlier, journal=journal)})
        reconciliation = audit.reconcile(cur, ticker, p, journal.every).to_json()
        cap = snap.compute("capital", ticker, day)
        capital = {**cap.to_json(),
                   "trails": {name: trail.to_json()
                              for name, trail in sorted(cap.data.trails.items())}}
        from projections import operations
        from projections import value as value_projection

        worth = snap.compute("value", ticker, day, journal=journal)
        value = {**worth.to_json(),
                 "trails": {name: worth.data.trails[name].to_json()
                            for name in value_projection.FIGURES if name in worth.data.trails}}
        ops = operations.to_json(operations.compute(cur, ticker, day, p))
        btc_starts = [parse_period(r["effective"]).start for r in standing
                      if kinds.category(r["type"]) in ("flow", "anchor")]
        chart = None
        if btc_starts and min(btc_starts) <= day:
            # stamped as ``chart --known-at @P`` stamps it, from this same snapshot
            chart = {**chart_report.chart_data(snap, ticker, min(btc_starts), day, journal),
                     "known_at": f"@{snap.position}"}
        stamp = snap.stamp()
    return {"company": ticker, "as_of": day.isoformat(), **stamp,
            "holdings": holdings_at, "reconciliation": reconciliation, "capital": capital,
            "value": value, "operations": ops, "chart": chart, "records": records}


# --- change feed and exports -----------------------------------------------------------------


def changes(db: str | None, company: str | None, since: str, until: str | None = None, *,
            by: str | None = None) -> dict[str, Any]:
    """Every record, correction and retraction stored after ``since`` and up to ``until``
    (default: now), and the holdings they moved (``projections/changes.py``). With ``by``,
    only what that writer recorded, and the holdings of the companies it touched."""
    with snapshot(db, until, option="--until", earlier=(("--since", since),)) as snap:
        return snap.compute("changes", company, None, since=since, until=until,
                            by=by).json_view()  # the result is dropped: no copy needed


def export(db: str | None, fmt: str, companies: list[str], out: str | None,
           as_of: str | None = None, known_at: str | None = None, *, force: bool = False
           ) -> dict[str, Any]:
    """Write the ledger's bitcoin holdings as a Beancount or hledger journal (``fmt``) to
    ``out`` (None: return it as ``journal``), rolled forward by the holdings computation
    itself (``projections/exports.py``): the ``export`` report; returns its summary."""
    return written(db, "export", None, as_of, known_at, force=force, journal=fmt,  # type: ignore[no-any-return]
                   companies=companies, out=out).to_json()


# --- getting data in: XBRL and drafts --------------------------------------------------------


def import_xbrl(db: str | None, path: str, company: str, *, dry_run: bool = False,
                accession: str | None = None, filed: str | None = None,
                form: str | None = None) -> dict[str, Any]:
    """Records from an SEC company-facts file or from a filing (inline XBRL ``.htm``, XBRL
    instance ``.xml`` or the filing's ``.zip``; see ``ledger/xbrl/``), imported all or nothing
    through the same validation and store as ``import_files``; with ``dry_run``, the very
    same import rolled back (``import_files``). Returns JSON-shaped data: the records in
    import format, the facts skipped and why, and the import's report (a dry run's says
    what would have been stored)."""
    from . import xbrl

    if xbrl.is_filing(path):
        return _import_filing(db, path, company, dry_run=dry_run, accession=accession,
                              filed=filed, form=form)
    if accession is not None or filed is not None or form is not None:
        raise BadQuery("--accession, --filed and --form are for a filing (.htm, .xml, .zip); "
                       "company facts name each fact's filing themselves")
    data = xbrl.read_company_facts(path)
    conversion = xbrl.convert(data, company, source=path)
    rows = _xbrl_rows(db, conversion.company)
    from .xbrl.facts import check_filer, ciks_cited
    check_filer(data, conversion.company, conversion.cik, conversion.entity, path,
                ciks_cited(rows))
    if not conversion.records:
        who = f"{conversion.company} (CIK {conversion.cik}" + (
            f", {conversion.entity})" if conversion.entity else ")")
        if not conversion.facts_read:
            raise RejectedInput(
                f"{path}: no facts to import for {who}: the file has no "
                + " or ".join(c.qualified for c in xbrl.CONCEPTS) + " facts; nothing was stored")
        reasons = list(dict.fromkeys(s["reason"] for s in conversion.skipped))
        raise RejectedInput(
            f"{path}: no facts to import for {who}: {count(conversion.facts_read, 'fact')} found, "
            f"none usable ({'; '.join(reasons[:3])}); nothing was stored")
    records, from_filings = _not_from_filings(rows, conversion.records)
    from .xbrl import filing as xfiling
    records, on_file = xfiling.facts_against_file(
        records, xfiling.on_file(rows, conversion.company), conversion.skipped)
    from_filings += on_file
    items = [(f"{path} ({(r.get('sources') or r['event']['sources'])[0]['document']})", r)
             for r in records]
    report = _import_generated(db, items, path, dry_run=dry_run,
                               via=f"import-xbrl {path}") if items else _nothing_added(dry_run)
    return {"file": path, "company": conversion.company, "cik": conversion.cik,
            "entity": conversion.entity, "dry_run": dry_run,
            "facts_read": conversion.facts_read, "repeated": conversion.repeated,
            "generated": conversion.counts(), "records": records,
            "skipped": conversion.skipped, "on_file_from_filings": from_filings,
            "import": report.to_json()}


def _nothing_added(dry_run: bool = False) -> ImportReport:
    """The report of an import that had nothing new to store (the ledger is not touched)."""
    from .importer import ImportReport

    return ImportReport(dry_run=dry_run)


def _xbrl_rows(db: str | None, ticker: str) -> list[dict[str, Any]]:
    """The company's records as ``history`` gives them; none if the ledger or the company
    is not there yet (nothing is created)."""
    from .errors import LedgerNotFound
    try:
        return history(db, ticker)
    except (LedgerNotFound, UnknownCompany):
        return []


def _not_from_filings(rows: list[dict[str, Any]], records: list[dict[str, Any]]
                      ) -> tuple[list[dict[str, Any]], int]:
    """Company-facts records less those whose id a filing's import already stored with its
    own content (cost, fair value, element ids): the same fact of the same filing, on file.
    ``rows``: the company's records in the ledger (``history``)."""
    from .xbrl.filing import from_filing

    stored = {r["id"] for r in rows if from_filing(r.get("event") or r)}
    if not stored:
        return records, 0
    kept = [r for r in records if r["id"] not in stored]
    return kept, len(records) - len(kept)


@contextmanager
def _ledger_rows(db: str | None) -> Iterator[Callable[[str], list[dict[str, Any]]]]:
    """A company's records as stored (``ticker -> rows``), from one read of the ledger; no
    rows if the ledger is not there (nothing is created)."""
    from .errors import LedgerNotFound

    try:
        with open_reader(db) as reader:
            position = reader.position()
            with reader.reading() as cur:
                def rows(ticker: str) -> list[dict[str, Any]]:
                    if not queries.company_known(cur, ticker, position):
                        return []
                    return queries.history(cur, ticker, position)

                yield rows
                return
    except LedgerNotFound:
        pass
    yield lambda ticker: []


def _import_filing(db: str | None, path: str, company: str, *, dry_run: bool,
                   accession: str | None, filed: str | None, form: str | None
                   ) -> dict[str, Any]:
    from .xbrl import filing as xfiling

    parsed = xfiling.read_filing(path, accession=accession, filed=filed, form=form)
    try:
        ticker = resolve_company(company)
    except ValueError as e:
        raise RejectedInput(f"--company: {e}") from None
    on_file = xfiling.on_file(_xbrl_rows(db, ticker), ticker)
    conversion = xfiling.convert_filing(parsed, company, on_file)
    who = f"{conversion.company} (CIK {parsed.cik}" + (
        f", {parsed.entity})" if parsed.entity else ")")
    if not conversion.records and not conversion.repeated:
        reasons = list(dict.fromkeys(s["reason"] for s in conversion.skipped))
        raise RejectedInput(
            f"{path}: no facts to import for {who}: "
            + (f"{count(len(parsed.facts), 'fact')} found, none usable "
               f"({'; '.join(reasons[:3])})" if parsed.facts else
               "the filing has no " + " or ".join(r.qualified for r in xbrl_rules())
               + " facts") + "; nothing was stored")
    items = [(f"{path} ({parsed.accession} {parsed.form})", r) for r in conversion.records]
    report = _import_generated(db, items, path, dry_run=dry_run,
                               via=f"import-xbrl {path}") if items else _nothing_added(dry_run)
    return {"file": path, "company": conversion.company, "cik": parsed.cik,
            "entity": parsed.entity, "dry_run": dry_run, "kind": parsed.kind,
            "document": parsed.document, "accession": parsed.accession, "form": parsed.form,
            "filed": parsed.filed, "facts_read": len(parsed.facts),
            "repeated": conversion.repeated, "generated": conversion.counts(),
            "records": conversion.records, "skipped": conversion.skipped,
            "import": report.to_json()}


def import_xbrl_bulk(db: str | None, path: str, *, tickers: str | None = None,
                     only_crypto: bool = False, keep_going: bool = False,
                     dry_run: bool = False,
                     progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Every filer of EDGAR's bulk company-facts archive at ``path`` with bitcoin or share
    facts (with ``only_crypto``: with bitcoin facts), read member by member (see
    ``ledger/xbrl/bulk.py``), validated and stored all or nothing. A filer that can't be read
    refuses the whole import, one line per problem, unless ``keep_going``: then it is left out
    and named in the report. ``progress(done, members)`` is called per member."""
    from .importer import Spool, store_validated
    from .xbrl import bulk

    mapping = bulk.read_tickers(tickers) if tickers is not None else {}
    summary = bulk.Summary(file=path)
    by_type: dict[str, int] = {}
    imported = 0
    problems: list[str | Problem] = []
    from_filings = 0
    with Spool("") as spool:
        with _ledger_rows(db) as stored_rows:  # closed before the store writes
            for filer in bulk.filers(path, mapping, summary, only_crypto=only_crypto,
                                     progress=progress):
                if isinstance(filer, tuple):
                    member, cik, lines = filer
                    if not keep_going:
                        problems.extend(lines)
                        continue
                    summary.failed.append({"member": member, "cik": cik, "problem": lines[0],
                                           "problems": len(lines)})
                    continue
                pending, bad, dropped = _filer_pending(path, filer, stored_rows(filer.ticker))
                from_filings += dropped
                if bad:
                    if not keep_going:
                        problems.extend(bad)
                    else:
                        summary.failed.append({"member": filer.member, "cik": filer.cik,
                                               "problem": bad[0].line(), "problems": len(bad)})
                    continue
                for where, p in pending:
                    spool.add(where, p)
                    kind = "correction" if p.kind == "correction" else p.record_type
                    by_type[kind] = by_type.get(kind, 0) + 1
                imported += 1
        spool.flush()
        problems.extend(spool.duplicates)
        if problems:
            raise RejectedInput(*problems)
        if not imported:
            raise RejectedInput(
                f"{path}: no filer to import: {summary.members} members, "
                f"{summary.no_ticker} without a ticker, {summary.no_facts} without bitcoin or "
                f"share facts" + (f", {summary.not_crypto} without bitcoin facts"
                                  if only_crypto else "")
                + (f", {len(summary.failed)} unreadable" if summary.failed else "")
                + "; nothing was stored")
        report = store_validated(db, spool, [path], via=f"import-xbrl --bulk {path}",
                                 dry_run=dry_run)
    return {"file": path, "dry_run": dry_run, "only_crypto": only_crypto,
            "filers_imported": imported, "records_by_type": dict(sorted(by_type.items())),
            "on_file_from_filings": from_filings,
            **summary.to_json(), "import": report.to_json()}


def _filer_pending(path: str, filer: Any, rows: list[dict[str, Any]]
                   ) -> tuple[list[tuple[str, Any]], list[Problem], int]:
    """One bulk filer's records validated: (where, pending) pairs, problems, and how
    many records were left out as on file from the filings themselves."""
    from . import fastcheck
    from .events import RecordInvalid, validate_record
    from .importer import pending_of
    from .store import Pending
    from .jsonio import canonical_json

    records, dropped = _not_from_filings(rows, filer.records)
    where = f"{path}: {filer.member} ({filer.ticker})"
    pending: list[tuple[str, Any]] = []
    bad: list[Problem] = []
    for raw in records:
        content = fastcheck.content(raw)  # the plain records; None: the full model
        if content is not None:
            pending.append((where, Pending.of("record", content, canonical_json(content),
                                              company=content["company"])))
            continue
        try:
            pending.append((where, pending_of(validate_record(raw))))
        except RecordInvalid as e:
            bad.extend(e.at(where, raw.get("id")))
    return pending, bad, dropped


def xbrl_rules() -> tuple[Any, ...]:
    from .xbrl.rules import RULES
    return RULES


def fetch_xbrl(cik: str, path: str | None, user_agent: str | None, *,
               db: str | None = None, force: bool = False) -> str:
    """Download the company facts of ``cik`` (to ``path``, default ``CIK##########.json``)
    and return the path; the SEC requires a User-Agent with a contact e-mail. ``path`` is
    never the ledger (``db``), nor an existing file that is not company facts."""
    from . import outputs, xbrl

    if not cik.isdigit() or not 0 < int(cik) < 10**10:
        raise BadQuery(f'--fetch "{cik}": a CIK is a number of up to 10 digits, e.g. 1507605')
    target = path or f"CIK{int(cik):010d}.json"
    outputs.check_target(target, option="--fetch: FILE", kind=outputs.COMPANY_FACTS, ledger=db,
                         force=force)
    xbrl.fetch(int(cik), target, user_agent or "")
    return target


def draft(path: str, company: str, *, lang: str | None = None, out: str | None = None,
          force: bool = False, disclosed: str | None = None) -> dict[str, Any]:
    """Records proposed from the text document at ``path`` (see ``ledger/draft/``), in
    import format, each citing the document's file name and line; never stored. With ``out``,
    also written there as JSON Lines. Drafts the text leaves incomplete (no date, no BTC
    amount) are listed with what validation would say, so the analyst knows what to add."""
    from . import draft as drafting
    from . import outputs
    from .events import RecordInvalid, validate_record

    try:
        ticker = resolve_company(company)
    except ValueError as e:
        raise BadQuery(f"--company: {e}") from None
    if disclosed is not None:
        from .values import parse_date_in_range
        try:
            disclosed = parse_date_in_range(disclosed).isoformat()
        except ValueError as e:
            raise BadQuery(f"--disclosed: {e}") from None
    text = read_document(path).text
    language = lang or drafting.detect_language(text)
    import json
    from pathlib import Path
    noticed: list[Any] = []
    drafts = drafting.draft(text, Path(path).name, ticker, language, disclosed, noticed)
    incomplete = []
    for d in drafts:
        try:  # what else import would say once the review field is gone
            validate_record({k: v for k, v in d.record.items() if k != drafting.REVIEW})
        except RecordInvalid as e:
            incomplete.append({"id": d.record["id"],
                               "problems": [f"{f}: {m}" if f else m for f, m in e.problems]})
    records = [d.record for d in drafts]
    if out is not None:
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        outputs.write_output(out, body, option="--out", kind=outputs.DRAFTS,
                             reads_ledger=False, force=force)
    return {"document": Path(path).name, "company": ticker, "lang": language,
            "records": records, "evidence": {d.record["id"]: d.evidence for d in drafts},
            "incomplete": incomplete, "out": out,
            # what was read and not drafted, with why: for the reviewer, never a record
            "noticed": [n.to_json() for n in noticed]}


def read_document(path: str) -> Any:
    """A text, HTML or PDF document as the drafter reads it (``ledger/draft/documents.py``)."""
    from .draft.documents import read_document as read

    return read(path)


def document_text(path: str) -> dict[str, Any]:
    """The numbered lines ``draft`` reads from the document (what its sources cite)."""
    doc = read_document(path)
    return {"document": doc.name, "kind": doc.kind, "lines": doc.lines}


def import_reviewed(db: str | None, review: Any, notes: list[str] | None = None
                    ) -> dict[str, Any]:
    """Import the records accepted in a ``ledger.review.Review``, all or none, as ``import``
    would (each refused record named by its place in the drafts file). ``notes``, when
    given, receives the import's remarks as lines for stderr, as ``import`` prints them."""
    from . import review as reviewing

    items = [(i.where, i.record) for i in review.items if i.status == "accepted"]
    if not items:
        return reviewing.summary(review, imported=0)
    report = _import_generated(db, items, review.path, via=f"review {review.path}")
    assert report is not None
    if notes is not None:
        notes.extend([*report.below_zero_notes(), *report.notes()])
    return reviewing.summary(review, imported=len(report.added))


def _import_generated(db: str | None, items: list[tuple[str, dict[str, Any]]], name: str, *,
                      dry_run: bool = False,
                      progress: Callable[[str, int], None] | None = None,
                      via: str | None = None) -> ImportReport:
    """Validate generated records (``(where, record)`` pairs) and store all or none, as
    ``import_files`` does for a file; ``dry_run``: the same import rolled back."""
    from .events import RecordInvalid, validate_record
    from .importer import Spool, pending_of, store_validated

    with Spool("") as spool:
        problems: list[Problem] = []
        for where, raw in items:
            try:
                spool.add(where, pending_of(validate_record(raw)))
            except RecordInvalid as e:
                problems.extend(e.at(where, raw.get("id")))
        spool.flush()
        problems.extend(spool.duplicates)
        if problems:
            raise RejectedInput(*problems)
        return store_validated(db, spool, [name], progress=progress, via=via, dry_run=dry_run)


# --- prices ------------------------------------------------------------------------------------


def import_prices(db: str | None, path: str, asset: str, source: str, *,
                  date_column: str | None = None, close_column: str | None = None,
                  progress: Callable[[str, int], None] | None = None) -> dict[str, Any]:
    """A daily price file (``ledger/prices.py``) as ``price_observed`` records of ``asset``,
    imported all or nothing and idempotently (one record per asset, day and source)."""
    from . import prices

    try:
        ticker = resolve_company(asset)
    except ValueError as e:
        raise BadQuery(f"--asset: {e}") from None
    if not source.strip():
        raise BadQuery("--source: name where the prices come from, e.g. CoinGecko")
    read = prices.read(path, ticker, source, date_column=date_column,
                       close_column=close_column, progress=progress)
    report = _import_generated(db, read.records, path, progress=progress,
                               via=f"import-prices {path}")
    assert report is not None
    days = [r["effective"] for _, r in read.records]
    return {"file": path, "asset": ticker, "source": source, "columns": read.columns,
            "prices": len(read.records), "first": min(days), "last": max(days),
            "skipped_lines": read.skipped, **report.to_json()}


def _max_price_age(days: int | None) -> int:
    from .reports import value as value_report

    return value_report.price_age(days)


def value(db: str | None, company: str, as_of: str | None, known_at: str | None = None, *,
          since: str | None = None, max_price_age: int | None = None) -> dict[str, Any]:
    """What the bitcoin is worth: market value, cost basis, unrealized and realized gain, BTC
    NAV per share, market capitalisation, mNAV and BTC $ Gain (``projections/value.py``),
    each with its status and reason, as JSON."""
    return values(db, [company], as_of, known_at, since=since,
                  max_price_age=max_price_age)[0]


def values(db: str | None, companies: list[str] | None, as_of: str | None,
           known_at: str | None = None, *, since: str | None = None,
           max_price_age: int | None = None) -> list[dict[str, Any]]:
    """``value`` for several companies (None: every company) over one snapshot."""
    return [r.to_json() for r in _computed(db, companies, as_of, known_at, "value", since=since,
                                           max_price_age=max_price_age)]


def __getattr__(name: str) -> Any:
    # The library's import command, as api.import_files: loaded with the importer when asked
    # for, so a query's start-up skips the importer.
    if name == "import_files":
        from .importer import import_files

        return import_files
    raise AttributeError(f"module 'ledger.api' has no attribute {name!r}")
