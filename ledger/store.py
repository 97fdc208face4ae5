"""The ledger's store: the eventsourcing library's recorders, one short stream per record.

An original record is version 1 of the stream ``uuid5(record id)``; a correction or
retraction is the next version of its target's stream, plus a claim event, version 1 of the
stream ``uuid5(its own id)``. The store's unique constraint on (stream, version) is therefore
the idempotency key: a record id is stored once, whatever the number of concurrent writers,
and two amendments of one record can't both take the same version. Nothing ever updates or
deletes a stored event.

The store's notification id is the ledger's *position*: the exact "known" axis.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

import orjson

from projections import queries
from projections.readmodel import LogEntry, ReadModel

from . import kinds
from .adapters import StoreAdapter, Writer, adapter_for
from .amending import Refusal, Target, refusal
from .belowzero import Watch
from .envelope import TOPICS, Provenance, decode, encode, encoder, stream_hex
from .errors import (LedgerNotFound, LogAltered, NotPermitted, Problem, RejectedInput,
                     StoreBusy, StoreUnavailable)
from .jsonio import canonical_json
from .location import Location
from .notes_rules import TYPES as NOTES_TYPES, NotesCheck
from .writenotes import LIMIT as NOTES_LIMIT

#: Told (phase, records done since the last call) as long operations go.
Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class Pending:
    """A record ready to store: its kind, id, type, canonical content and, for an amendment,
    the record it amends. ``company`` is the record's (a correction's: its replacement's);
    ``stream``, when known, the hex id of the stream it is appended to (its own for an
    original record, its target's for an amendment)."""

    kind: str
    record_id: str
    record_type: str
    canonical: str
    company: str | None = None
    target: str | None = None
    seq: int = 0  # order within one store call
    stream: str = ""
    #: An original record's (a correction's: its replacement's) ``rm_versions`` row from
    #: its company on, and the days its period spans (-1: not a flow), for a first import
    #: that projects itself as it stores (``ledger/projecting.py``): a validating process
    #: builds it and sends it in its ``Received`` row (``pipeline``); None here, where
    #: ``Projecting`` builds the rows.
    version: tuple | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, kind: str, content: dict[str, Any], canonical: str, *,
           company: str | None = None, target: str | None = None) -> Pending:
        """A pending record whose content is already parsed (kept, not parsed again): the
        same object as ``Pending(...)``, its fields set without the frozen class's
        per-field ``__setattr__`` detour (an import makes one per record)."""
        pending = _new(cls)
        _setattr(pending, "__dict__", {
            "kind": kind, "record_id": content["id"], "record_type": content["type"],
            "canonical": canonical, "company": company, "target": target, "seq": 0,
            "stream": "", "version": None, "content": content})
        return pending

    @functools.cached_property
    def content(self) -> dict[str, Any]:
        return orjson.loads(self.canonical)


_new, _setattr = object.__new__, object.__setattr__


class Received(NamedTuple):
    """A record as an import's validating process sends it (``ledger/pipeline.py``):
    ``Pending``'s fields as one tuple, in the order the validator lays them out. The storing
    process reads it as it reads a ``Pending`` (the same attributes), without making an
    object of each of the many records it receives: the tuple the batch holds becomes
    one, in C (``received``). ``seq``: its order in the import (only compared)."""

    record_id: str
    kind: str
    record_type: str
    target: str | None
    company: str | None
    canonical: str
    stream: str
    version: tuple | None
    seq: int

    @property
    def content(self) -> dict[str, Any]:
        return orjson.loads(self.canonical)


#: ``Received(*row)`` of a row already laid out as ``Received`` is, without its Python
#: ``__new__`` (C only: once per record an import receives).
received = functools.partial(tuple.__new__, Received)


@dataclass
class Stored:
    """What a store call did: records added (with positions) and already present. Large
    imports list only the first few of each; the counts are always complete."""

    added: list[tuple[Pending, int]]
    existing: list[Pending]
    added_count: int = 0
    existing_count: int = 0
    added_by_type: dict[str, int] = field(default_factory=dict)
    #: company -> type -> records added (an amendment: under its record's company).
    added_by_company: dict[str, dict[str, int]] = field(default_factory=dict)
    #: The companies this write began: no record of theirs (prices aside) was stored
    #: before it, sorted; None: not known (the read model could not be read).
    new_companies: list[str] | None = field(default_factory=list)
    #: Every company the ledger had before this write, sorted: read only when it began
    #: some (``new_companies``), for the note naming them (``companies_note``).
    companies_before: list[str] = field(default_factory=list)
    #: Nothing was stored: the write was checked in full, then rolled back (``dry_run``).
    dry_run: bool = False
    #: A dry run's ledger is not there yet: a real write would create it (``to_write``).
    creates_ledger: bool = False
    #: Each figure the write takes below zero (``ledger/belowzero.py``); None: not checked.
    below_zero: list[dict[str, Any]] | None = field(default_factory=list)
    #: The remarks on the records it added (``ledger/writenotes.py``): possible_duplicates,
    #: future_dated, check_units, each a list (None: not checked).
    write_notes: dict[str, Any] = field(default_factory=lambda: {
        "possible_duplicates": [], "future_dated": [], "check_units": [],
        "overlapping_flows": []})

    def count_added(self, added: list[tuple[Pending, int]], keep: int,
                    positions: Sequence[int] | None = None,
                    companies: dict[str, str | None] | None = None) -> None:
        """Count ``added`` (records with their positions; or, given ``positions``, with
        the index of each one's position in it) and list the first of them. ``companies``:
        the company of each amendment, by id (a retraction names none itself)."""
        self.added_count += len(added)
        by_type, by_company = self.added_by_type, self.added_by_company
        # (company, type) of each record counted in C; then those with no company of their
        # own (a retraction) counted again under the company ``companies`` gives them.
        records = list(map(_FIRST, added))
        counts = Counter(zip(map(_COMPANY, records), map(_TYPE, records)))
        if companies and any(not company for company, _ in counts):
            for key in [key for key in counts if not key[0]]:
                del counts[key]
            of = companies.get
            counts.update([(of(p.record_id), p.record_type) for p in records if not p.company])
        for (company, kind), n in counts.items():
            by_type[kind] = by_type.get(kind, 0) + n
            types = by_company.setdefault(company or "", {})
            types[kind] = types.get(kind, 0) + n
        listed = added[:max(0, keep - len(self.added))]
        self.added.extend(listed if positions is None else
                          [(p, positions[i]) for p, i in listed])

    def begun(self) -> list[str]:
        """The companies with an original record (not a price) among those added: the
        companies this write may begin."""
        return sorted(company for company, types in self.added_by_company.items()
                      if company and any(t not in _NOT_BEGINNING for t in types))

    def count_existing(self, existing: list[Pending], keep: int) -> None:
        self.existing_count += len(existing)
        self.existing.extend(existing[:max(0, keep - len(self.existing))])


#: The types of record that never begin a company: prices (filed under an asset) and
#: amendments (of a record of a company already there).
_NOT_BEGINNING = frozenset({*(t for t in kinds.TYPES if kinds.category(t) == "price"),
                            "correction", "retraction"})


class _Moved(Exception):
    """The store moved between catching up and taking the write lock."""


class _DryRun(Exception):
    """Every check passed in a dry run: roll the write transaction back."""


class _State:
    """What one store call has decided so far, across its chunks. ``earlier(ids)`` finds
    records met earlier in the call."""

    def __init__(self, earlier: Callable[[list[str]], dict[str, Pending]],
                 ledger_had_records: bool, notes: NotesCheck):
        self.earlier = earlier
        self.ledger_had_records = ledger_had_records
        self.retracted_by: dict[str, str] = {}
        self.amendments: dict[str, int] = {}
        self.notes = notes


class Ledger:
    """An open ledger: the event store and its read model."""

    def __init__(self, factory: Any, location: Location,
                 readmodel_class: type[ReadModel], adapter: StoreAdapter, *,
                 repair: bool = False):
        self.location = location
        self.adapter = adapter
        #: An empty ledger standing in, in a dry run, for one not created yet (``to_write``).
        self.stand_in = False
        self._factory = factory
        self.events: Any = factory.application_recorder()
        self.readmodel: ReadModel = factory.tracking_recorder(readmodel_class)  # type: ignore[arg-type]
        #: Why the read model can't be used, when it was opened anyway (``repair``).
        self.readmodel_problem: str | None = None
        if not factory.env_create_table():  # type: ignore[attr-defined]
            try:
                self.readmodel.ensure_migrated()
            except self._store_errors() as e:
                problem = f"can't bring the read model up to date: {_first_line(e)}"
                if repair and not _read_only_hint(e):
                    # The log does not depend on the read model: verify still checks it,
                    # rebuild replaces the read model whatever state it is in.
                    self.readmodel_problem = problem
                    return
                factory.close()
                raise StoreUnavailable(f"{location.describe()}: {problem}; nothing was "
                                       "changed" + (_read_only_hint(e) or "; the event log is "
                                       "not affected: run caledger verify, then caledger "
                                       "rebuild")) from None

    def _store_errors(self) -> tuple[type[BaseException], ...]:
        """The errors a store call may raise: the event library's, and the store driver's
        own that reach here unwrapped (``sqlite3.Error``; ``psycopg.Error``), as the adapter
        names them."""
        return (*_library_errors("PersistenceError"), *self.adapter.error_types())

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, db: str | None = None, *, create: bool, repair: bool = False) -> Ledger:
        """The ledger at ``db``. With ``repair`` (for verify and rebuild), a read model that
        can't be brought up to date doesn't stop it opening: ``readmodel_problem`` says why."""
        location = Location.parse(db)
        adapter = adapter_for(location)
        factory, readmodel_class = adapter.open(location, create=create, repair=repair)
        return cls(factory, location, readmodel_class, adapter, repair=repair)

    @classmethod
    @contextmanager
    def to_write(cls, db: str | None = None, *, dry_run: bool = False) -> Iterator[Ledger]:
        """The ledger at ``db`` opened to write, created if it is not there yet; for a dry
        run never created: a ledger that is not there yet (where one could be created) is
        stood in for by an empty one in a temporary folder, removed afterwards (``stand_in``).
        """
        if not dry_run:
            with cls.open(db, create=True) as ledger:
                yield ledger
            return
        try:
            ledger = cls.open(db, create=False)
        except LedgerNotFound:
            location = Location.parse(db)
            problem = adapter_for(location).creation_problem(location)
            if problem:
                raise StoreUnavailable(f"{location.describe()}: can't create the ledger: "
                                       f"{problem}") from None
            import os
            import tempfile

            with tempfile.TemporaryDirectory(prefix="caledger-dry-run-") as folder, \
                    cls.open(os.path.join(folder, "ledger.db"), create=True) as ledger:
                ledger.stand_in = True
                yield ledger
            return
        with ledger:
            yield ledger

    def close(self) -> None:
        self._factory.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ----------------------------------------------------------------------------

    def store(self, pending: Sequence[Pending], *, attempts: int = 10,
              via: str = "library", dry_run: bool = False) -> Stored:
        """Store every record not already stored, all in one transaction, or none."""
        records = [replace(p, seq=i) for i, p in enumerate(pending)]
        by_id = {p.record_id: p for p in records}
        return self.store_chunks(lambda: iter([records]), by_id.get, attempts=attempts,
                                 via=via, dry_run=dry_run)

    def store_chunks(self, chunks: Callable[[], Iterator[list[Pending]]],
                     earlier: Callable[[str], Pending | None] | None, *, attempts: int = 10,
                     keep: int = 1000, progress: Progress | None = None,
                     via: str = "library", importing: bool = False,
                     dry_run: bool = False) -> Stored:
        """Store the records ``chunks()`` yields, in order, in ONE transaction: all or none.

        A record whose id is already stored with the same canonical content is left as it
        is; the same id with different content is refused. An original record is version 1
        of its own stream; an amendment is the next version of its target's stream (so two
        writers amending one record can't both succeed unseen) plus an id claim, version 1 of
        its own id's stream (so no two records ever share an id). ``earlier(id)`` finds a
        record met earlier in this same call (an amendment's target may be one); None: the
        store finds it among the events this call has inserted. The checks
        run against the read model, caught up and then held still by the write lock; if
        another writer got in between, everything is checked again. Every problem in every
        chunk is reported, and then nothing is stored. Only the first ``keep`` added and
        existing records are listed in the result; all are counted. Every stored event says
        who recorded it and ``via`` which way in (``ledger/provenance.py``), signed when the
        writer gave a key. ``importing``: an import's records (the store may write a new
        ledger's first transaction its own way: the adapter's ``import_writer``).
        ``dry_run``: the very same write, every check and every insert, rolled back at the
        end instead of committed (the store's positions given back too: ``Writer``), so
        nothing is stored; the result says what would have been (its positions: where the
        records would have gone, had nothing else been stored meanwhile).

        The result names the companies the write began (``Stored.new_companies``), from the
        read model as it was before the write: records at positions up to the old head.
        """
        from . import provenance

        signer = provenance.signer()  # a bad key is refused before anything is written
        self.require("write")
        try:
            role = self.adapter.session_role(self.events)
        except Exception as e:  # noqa: BLE001 - psycopg's errors, without loading psycopg
            raise StoreUnavailable(f"{self.location.describe()}: can't read the session's "
                                   f"role, nothing was stored: {_first_line(e)}") from None
        who = Provenance(provenance.recorded_by(role), via, signer)
        for _ in range(attempts):
            self.catch_up()
            expected = self.readmodel.position()
            result = Stored(added=[], existing=[], dry_run=dry_run,
                            creates_ledger=self.stand_in)
            watch = Watch()  # what the write takes below zero, from its own records
            noted: list[Pending] = []  # the first records added, for ``_write_notes``
            problems: list[Problem] = []
            head = 0
            projected = False  # the write's events projected in its own transaction
            try:
                # A dry run writes as any write does, but for a new ledger's first import's
                # own ways (its rollback journal, its projection), which change nothing it
                # checks and would touch the file however the transaction ends.
                with self._writer(importing and not dry_run) as writer:
                    head = writer.head()
                    if head < expected:
                        raise LogAltered(_truncated(head, expected))
                    if head != expected and self.adapter.catches_up_under_lock:
                        # Another writer stored records between the catch-up and the lock.
                        # Nothing can be stored while the lock is held: catch up now, rather
                        # than queue behind every other writer again (each round of which
                        # only one queued writer would win).
                        self.catch_up()
                        expected = self.readmodel.position()
                    if head != expected:
                        raise _Moved
                    # The amendments' originals ``_inserted`` found in the chunk's plan, by
                    # stream, for its projection; forgotten after each chunk.
                    originals: dict[str, tuple[int, str, str]] = {}
                    state = _State(functools.partial(_inserted, writer, originals=originals)
                                   if earlier is None else functools.partial(_each, earlier),
                                   head > 0, NotesCheck(self.readmodel.notes_state,
                                                            self.readmodel.stake_state,
                                                            self.readmodel.amended_capital))
                    recorded_at = datetime.now(timezone.utc).isoformat(timespec="microseconds")
                    projecting = None
                    # A small write's events as inserted (position and ``chain.Event``'s
                    # columns), to project in its own transaction (``_project_in``); None:
                    # too many.
                    written: list[tuple[int, str, int, str, bytes]] | None = []
                    for chunk in chunks():
                        plan = self._plan(chunk, state, recorded_at, writer, who)
                        problems.extend(plan.problems)
                        result.count_existing(plan.existing, keep)
                        if problems or not plan.events:
                            continue  # keep checking, to report every problem
                        if head == 0 and result.added_count == 0 and not dry_run:
                            # the first chunk
                            projecting = self._projecting(writer, len(plan.events),
                                                          recorded_at)
                        positions = writer.insert(plan.events)
                        result.count_added(plan.added, keep, positions, plan.companies)
                        watch.add(plan.added, positions, plan.companies)
                        if len(noted) <= NOTES_LIMIT:
                            noted.extend(p for p, _ in plan.added[:NOTES_LIMIT + 1 - len(noted)])
                        if written is not None and projecting is None and not dry_run:
                            written.extend(zip(positions, *zip(*plan.events)))
                            if len(written) > _PROJECT_IN_WRITE:
                                written = None
                        if projecting is not None:
                            projecting.add(positions, plan.events, plan.added, originals)
                        originals.clear()
                        if progress is not None:
                            progress("storing", len(chunk))
                    if problems:
                        raise RejectedInput(*problems)
                    if projecting is not None:
                        projecting.finish()
                    if dry_run:
                        raise _DryRun  # rolls the transaction back, with the writer's help
                    projected = bool(written) and projecting is None and \
                        self._project_in(writer, head, written)
            except _DryRun:
                pass
            except (_Moved, *_library_errors("IntegrityError"), *_driver_integrity_errors()):
                continue  # another writer stored records meanwhile: check again
            except self._store_errors() as e:
                if _lock_timed_out(e):
                    continue  # other writers held the lock all along (a busy machine): again
                raise StoreUnavailable(f"{self.location.describe()}: write failed, nothing "
                                       f"was stored: {e}{_read_only_hint(e)}") from None
            if not dry_run and not projected:
                self.catch_up(progress)
            elif projected and progress is not None:
                progress("projecting", len(written or ()))
            self._companies_begun(result, head)
            result.below_zero = self._below_zero(watch, head)
            result.write_notes = self._write_notes(noted, head)
            return result
        raise StoreBusy("the store kept changing under concurrent writers; nothing was stored, "
                        "try again")

    def _project_in(self, writer: Writer, head: int,
                    written: list[tuple[int, str, int, str, bytes]]) -> bool:
        """Project the events this write transaction inserted (``written``: position,
        stream, version, topic, stored bytes, in store order) in the same transaction, where the
        read model can be written in it (SQLite: ``Writer.read_model_in``) and it had
        projected every event up to ``head`` (the write's checks made sure of it; a read
        model set back or ahead is left to ``catch_up``); whether it did. The rows are the
        ones catching up after the commit would write (``ReadModel._apply``, on the same
        stored bytes), and they commit with the events or not at all: one commit and one
        sync of the log where there were two, and no second transaction reading the new
        events back."""
        inside = writer.read_model_in(self.readmodel)
        if inside is None:
            return False
        c, cur = inside
        if self.readmodel.tracked_in(c) != head or (cur.execute(
                "SELECT MAX(position) FROM rm_log").fetchone()[0] or 0) > head:
            return False
        self.readmodel._apply(cur, [_Written(*event) for event in written])
        self.readmodel.track(c, written[-1][0])
        return True

    def _companies_begun(self, result: Stored, head: int) -> None:
        """Fill in ``result.new_companies`` (and ``companies_before`` when there are any):
        the companies of its original records with no record in the log up to ``head``,
        the position the write began after, as the read model has them (positions up to
        ``head`` are what they were, whatever was stored since)."""
        touched = result.begun()
        if not touched or head == 0:
            result.new_companies = touched
            return
        try:
            with self.readmodel.reading() as cur:
                result.new_companies = queries.new_after(cur, touched, head)
                if result.new_companies:
                    result.companies_before = [r["company"] for r in queries.companies(cur, head)]
        except Exception:  # noqa: BLE001 - a remark on a write never fails it
            result.new_companies, result.companies_before = None, []

    def _below_zero(self, watch: Watch, head: int) -> list[dict[str, Any]] | None:
        """What the write (its records in ``watch``) takes below zero, from the read model
        as it was at ``head``, where the write began (``ledger/belowzero.py``)."""
        try:
            return watch.report(self.readmodel, head)
        except Exception:  # noqa: BLE001 - a remark on a write never fails it
            return None

    def _write_notes(self, noted: list[Pending], head: int) -> dict[str, Any]:
        """The remarks on the records a write added (``noted``: the first
        ``writenotes.LIMIT`` + 1 of them), against the read model as it was at ``head``,
        where the write began; not made (None) past ``writenotes.LIMIT`` records."""
        from . import writenotes

        if not noted:
            return writenotes.empty()
        if len(noted) > NOTES_LIMIT:
            return writenotes.none()
        return writenotes.check(None if self.stand_in else self.readmodel,
                                [p.content for p in noted], head)

    def _projecting(self, writer: Writer, events: int, recorded_at: str) -> Any:
        """A large first import's projection in its own transaction (``ledger/projecting``),
        or None: the read model then catches up after the commit."""
        from .projecting import Projecting

        return Projecting.start(self.readmodel, writer, events, recorded_at)

    def _writer(self, importing: bool = False) -> AbstractContextManager[Writer]:
        """One write transaction holding the store's write lock from its first statement."""
        import_writer = getattr(self.adapter, "import_writer", None) if importing else None
        return (import_writer or self.adapter.writer)(self.events)

    def _plan(self, pending: Sequence[Pending], state: _State, recorded_at: str,
              writer: Writer, origin: Provenance) -> _Plan:
        targets = [p.target for p in pending if p.target]
        known: dict[str, Any] = {}
        retracted_by: dict[str, str] = {}
        amendments: dict[str, int] = {}
        if state.ledger_had_records:  # else the log has nothing to say
            # The read model (fast, indexed) only narrows down which records to look up;
            # what is stored, its company, its amendments: all of it is read from the log
            # itself, so a read model edited behind the ledger's back can't steer a write.
            # On the write transaction's own connection where the read model is in its
            # database (SQLite): no second connection to open, sync and close.
            inside = writer.read_model_in(self.readmodel)
            claimed = self.readmodel.log_entries([p.record_id for p in pending],
                                                 None if inside is None else inside[1])
            try:
                known, retracted_by, amendments = _from_log(writer, list(claimed), targets)
            except (ValueError, KeyError, TypeError, AttributeError) as e:
                raise LogAltered(_unreadable(e)) from None
        for target, by in retracted_by.items():
            state.retracted_by.setdefault(target, by)
        for target, count in amendments.items():
            state.amendments.setdefault(target, count)
        plan = _Plan(origin, recorded_at)
        in_chunk = dict(zip(map(_RECORD_ID, pending), pending))
        found = state.earlier([t for t in targets if t not in in_chunk])
        events, added, encode = plan.events, plan.added, plan.encode
        for p in pending:
            if p.record_id in known:
                if known[p.record_id].content != p.canonical:
                    differs = _differing_fields(json.loads(known[p.record_id].content), p.content)
                    plan.problems.append(Problem(
                        None, p.record_id, "id", f"already recorded with different content "
                        f"(differs in: {differs}); choose a new id, or record a correction of "
                        "the recorded one"))
                else:
                    plan.existing.append(p)
                continue
            if p.target is None:  # ``plan.add``, written out: once per original record
                added.append((p, len(events)))
                events.append((p.stream or stream_hex(p.record_id), 1, TOPICS[p.kind],
                               encode(p.kind, p.canonical)))
                continue
            target, field = p.target, "corrects" if p.kind == "correction" else "retracts"
            earlier = in_chunk.get(target) or found.get(target)
            if earlier is not None and earlier.seq >= p.seq:
                plan.problems.append(Problem(
                    None, p.record_id, field, f'"{target}" comes later in this import; put the '
                    "original record before its amendments"))
                continue
            found_target = None
            if target in known:
                entry = known[target]
                found_target = Target(entry.kind, entry.target, entry.company)
            elif earlier is not None:
                # An amendment earlier in this import: what it amends, as a stored one says.
                found_target = Target("record" if earlier.target is None else earlier.kind,
                                      earlier.target, earlier.company)
            if found_target is not None:
                found_target = replace(found_target,
                                       retracted_by=state.retracted_by.get(target))
            refused = refusal(p.kind, found_target, p.company)  # type: ignore[arg-type]
            if refused is not None:
                plan.problems.append(_refused(p, field, target, refused))
                continue
            assert found_target is not None
            state.amendments[target] = state.amendments.get(target, 0) + 1
            if p.kind == "retraction":
                state.retracted_by[target] = p.record_id
            plan.add(p, p.stream or stream_hex(target), 1 + state.amendments[target])
            plan.companies[p.record_id] = found_target.company
            plan.claim(p, recorded_at)
        check, retirements = state.notes.check, state.notes.retirements
        if state.ledger_had_records:  # what the amendments leave behind is checked too
            state.notes.prepare([p.target for p, _ in plan.added if p.target])
        for p, _ in plan.added:  # rules about what the records add up to, in order
            if p.kind == "record" and p.record_type not in NOTES_TYPES:
                # An original record of any other type: all the rule does with it is forget
                # a retirement recorded under its id (``NotesCheck.check``), if any.
                if retirements:
                    retirements.pop(p.record_id, None)
                continue
            problem = check(p.kind, p.record_id, p.target, p.content)
            if problem:
                plan.problems.append(problem)
        return plan

    def require(self, action: str) -> None:
        """Refuse with one line (``NotPermitted``, exit 2) when the session's database role
        may not ``action`` ("write" or "rebuild") this ledger."""
        try:
            problem = self.adapter.permission_problem(self.events, action)
        except Exception:  # noqa: BLE001 - the action itself reports what is wrong with the store
            return
        if problem is not None:
            raise NotPermitted(problem)

    # --- the read model ---------------------------------------------------------------------

    def catch_up(self, progress: Progress | None = None) -> int:
        """Bring the read model up to date with the log (nothing is written if it is)."""
        from projections.readmodel import ReadModelAhead

        for attempt in range(3):
            try:
                return self.readmodel.catch_up(self.events, progress=progress)
            except ReadModelAhead as e:
                raise LogAltered(_truncated(e.head, e.tracked)) from None
            except (ValueError, KeyError, TypeError) as e:
                raise LogAltered(_unreadable(e)) from None
            except self._store_errors() as e:
                if _lock_timed_out(e) and attempt < 2:
                    continue  # other processes held the lock all along (a busy machine)
                raise StoreUnavailable(f"{self.location.describe()}: can't bring the read "
                                       f"model up to date: {_first_line(e)}"
                                       + (_read_only_hint(e) or "; if the read model was "
                                          "damaged or altered, the event log is not affected:"
                                          " run caledger verify, then caledger rebuild")
                                       ) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def rebuild(self, progress: Progress | None = None) -> int:
        """Replace the read model with a projection of the whole log, whatever state the
        read model is in (tables missing, altered, migrations unrecorded)."""
        self.require("rebuild")
        try:
            # The event store library's tracking table, if it went missing; the read model's
            # own tables are dropped and created again by the rebuild itself.
            try:
                self.readmodel.position()
            except self._store_errors():
                super(ReadModel, self.readmodel).create_table()  # type: ignore[misc]
            return self.readmodel.rebuild(self.events, progress=progress)
        except (ValueError, KeyError, TypeError) as e:
            raise LogAltered(self._unreadable_where(e)) from None
        except self._store_errors() as e:
            raise StoreUnavailable(f"{self.location.describe()}: can't rebuild the read model, "
                                   f"nothing was changed: {_first_line(e)}"
                                   f"{_read_only_hint(e)}") from None

    def _unreadable_where(self, e: BaseException) -> str:
        """Why a replay of the log stopped, naming the first altered record as ``verify``
        does (the chain checked only now, on this failure path), else ``_unreadable``."""
        from . import chain

        try:
            broken = chain.verify(self.events)[3]
            if broken is None:
                return _unreadable(e)
            try:
                name = self.record_id_at(broken.position)
            except Exception:  # noqa: BLE001 - a name for the message only
                name = None
        except Exception:  # noqa: BLE001 - the log can't even be checked: say what we know
            return _unreadable(e)
        where = f"position @{broken.position}" + (f" (record {name!r})" if name else "")
        # caledger's own reading of an event says what is wrong with it (a ValueError);
        # Python's messages (a TypeError: "startswith first arg must be str ...") do not.
        detail = f" ({_first_line(e)})" if type(e) is not TypeError and \
            isinstance(e, ValueError) else ""
        return (f"a stored event can't be read: {where}: {broken.problem}{detail}; the log was "
                "altered after it was written. Nothing was changed; run caledger verify, and "
                "restore the ledger from a backup")

    def record_id_at(self, position: int) -> str | None:
        """The record id at ``position``: as the read model knows it (the event itself may be
        the damaged one), else as the stored event says."""
        with self.readmodel.reading() as cur:
            row = cur.execute("SELECT record_id, kind, content FROM rm_log WHERE position = ?",
                              (position,)).fetchone()
        if row is not None:
            record_id, kind, content = row
            if kind == "claim":
                return f"claim for {json.loads(content).get('id')}"
            return record_id
        found = self.events.select_notifications(start=position, limit=1)
        if not found or found[0].id != position:
            return None
        try:
            return decode(found[0].state).record_id
        except (ValueError, KeyError, TypeError):
            return None


_RECORD_ID = attrgetter("record_id")
_COMPANY, _TYPE = attrgetter("company"), attrgetter("record_type")
_FIRST = itemgetter(0)


def _library_errors(name: str) -> tuple[type[BaseException], ...]:
    """The event library's error class ``name`` ("PersistenceError", "IntegrityError") if
    the library is loaded, else none: a ledger opened without it (``sqlite_direct``) raises
    its driver's own errors (``StoreAdapter.error_types``), and nothing loads the library
    to catch errors it can't have raised."""
    import sys

    persistence = sys.modules.get("eventsourcing.persistence")
    return (getattr(persistence, name),) if persistence is not None else ()


def _driver_integrity_errors() -> tuple[type[BaseException], ...]:
    """SQLite's ``IntegrityError``, as a ledger opened without the event library raises it
    (``sqlite_direct``) where the library would raise its own: a stream's version taken
    first by another writer, which the store checks again for."""
    import sys

    driver = sys.modules.get("sqlite3")
    return (driver.IntegrityError,) if driver is not None else ()

#: The most events a write projects in its own transaction (``Ledger._project_in``): a
#: batch of the read model's catch-up (``projections.readmodel.BATCH``); a larger import
#: is projected after its commit, as it was.
_PROJECT_IN_WRITE = 5000


class _Written(NamedTuple):
    """An event a write just inserted, as ``ReadModel._apply`` reads a notification."""

    id: int
    originator_id: str
    originator_version: int
    topic: str
    state: bytes

#: How a stored original record's event starts (``encode_canonical``, and ``encode``'s sorted
#: keys): its canonical content follows, up to ``,"recorded_at":``.
_RECORD_EVENT = b'{"kind":"record","record":'


def _from_log(writer: Writer, ids: list[str], targets: list[str]
              ) -> tuple[dict[str, LogEntry], dict[str, str], dict[str, int]]:
    """What the event log itself (as the write transaction sees it) holds of ``ids``: each
    one stored, as a ``LogEntry`` (its company only for an original record among
    ``targets``); and for each of ``targets``, the retraction that retracted it and how many
    amendments it has."""
    wanted = set(targets)
    known: dict[str, LogEntry] = {}
    claims: dict[str, str] = {}
    # Records that are only checked for being stored already: their first event is enough,
    # its canonical content read straight from the stored bytes.
    plain = [i for i in dict.fromkeys(ids) if i not in wanted]
    firsts = writer.first_events([stream_hex(i) for i in plain])
    for record_id in plain:
        state = firsts.get(stream_hex(record_id))
        if state is None:
            continue
        end = state.rfind(b',"recorded_at":')
        if state.startswith(_RECORD_EVENT) and end > 0:
            known[record_id] = LogEntry(record_id, "record", "", None,
                                        state[len(_RECORD_EVENT):end].decode())
            continue
        first = decode(state)
        if first.kind == "claim":  # an amendment's id: its content is in its target's stream
            claims[record_id] = first.record["amends"]
        else:
            known[record_id] = LogEntry(record_id, first.kind, first.record["company"], None,
                                        canonical_json(first.record))
    streams = writer.streams([stream_hex(t) for t in [*wanted, *claims.values()]])
    for target in wanted:  # records amended by this write: all of their stream
        events = streams.get(stream_hex(target))
        if not events:
            continue
        first = decode(events[0][1].state)
        if first.kind == "claim":
            claims[target] = first.record["amends"]
        else:
            known[target] = LogEntry(target, first.kind, first.record["company"], None,
                                     canonical_json(first.record))
    missing = [stream_hex(t) for t in claims.values() if stream_hex(t) not in streams]
    if missing:
        streams.update(writer.streams(missing))
    for record_id, target in claims.items():
        original = streams.get(stream_hex(target), [])
        company = decode(original[0][1].state).record["company"] if original else ""
        for _, event in original[1:]:
            amendment = decode(event.state)
            if amendment.record_id == record_id:
                known[record_id] = LogEntry(record_id, amendment.kind, company, target,
                                            canonical_json(amendment.record))
    retracted_by: dict[str, str] = {}
    amendments: dict[str, int] = {}
    for target in dict.fromkeys(targets):
        for _, event in streams.get(stream_hex(target), [])[1:]:
            amendment = decode(event.state)
            amendments[target] = amendments.get(target, 0) + 1
            if amendment.kind == "retraction":
                retracted_by.setdefault(target, amendment.record_id)
    return known, retracted_by, amendments


def _each(earlier: Callable[[str], Pending | None], ids: list[str]) -> dict[str, Pending]:
    return {i: p for i in ids if (p := earlier(i)) is not None}


def _inserted(writer: Writer, ids: list[str],
              originals: dict[str, tuple[int, str, str]] | None = None) -> dict[str, Pending]:
    """Those of ``ids`` this write transaction has inserted (as ``earlier`` in
    ``store_chunks``: anything stored before is known to the read model). Where the writer
    gives the positions too (SQLite's ``first_rows``), each original record found is kept
    in ``originals`` as (position, id, company) by its stream: an import projecting itself
    needs them for the rows of the amendments it is checking (``Projecting.add``)."""
    if not ids:
        return {}
    streams = {stream_hex(i): i for i in ids}
    first_rows = getattr(writer, "first_rows", None)
    rows = first_rows(list(streams)) if first_rows is not None else \
        {stream: (None, state) for stream, state in writer.first_events(list(streams)).items()}
    found: dict[str, Any] = {}
    for stream, (position, state) in rows.items():
        record_id, first = streams[stream], decode(state)
        if first.kind == "record":
            company = first.record["company"]
            # As a ``Pending`` reads (one per amendment: a tuple, not a frozen dataclass).
            found[record_id] = received((record_id, "record", first.record["type"], None,
                                         company, "", "", None, -1))
            if originals is not None and position is not None:
                originals[stream] = (position, record_id, company)
            continue
        amends = first.record["amends"]  # an amendment's id claim: find the amendment
        for _, event in writer.stream(stream_hex(amends)):
            amendment = decode(event.state)
            if amendment.record_id == record_id:
                found[record_id] = Pending(amendment.kind, record_id,
                                           amendment.record["type"], "", target=amends,
                                           seq=-1)
    return found


def _differing_fields(old: dict[str, Any], new: dict[str, Any]) -> str:
    return ", ".join(sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k)))


class _Plan:
    """The stored events one chunk will insert, which record each one is, and problems."""

    def __init__(self, who: Provenance, recorded_at: str) -> None:
        self.who = who
        self.encode = encoder(recorded_at, who)
        #: Each as ``chain.Event``'s columns (stream, version, topic, state): a plain tuple.
        self.events: list[tuple[str, int, str, bytes]] = []
        self.added: list[tuple[Pending, int]] = []  # (record, index of its event)
        self.existing: list[Pending] = []
        self.problems: list[Problem] = []
        #: The company of each amendment added, by its id (a retraction names none).
        self.companies: dict[str, str | None] = {}

    def add(self, p: Pending, stream: str, version: int) -> None:
        self.added.append((p, len(self.events)))
        self.events.append((stream, version, TOPICS[p.kind], self.encode(p.kind, p.canonical)))

    def claim(self, p: Pending, recorded_at: str) -> None:
        claim = {"id": p.record_id, "amends": p.target}
        self.events.append((stream_hex(p.record_id), 1, TOPICS["claim"],
                            encode("claim", claim, recorded_at, self.who)))


def _truncated(head: int, tracked: int) -> str:
    return (f"the event log ends at @{head} but records up to @{tracked} were stored and "
            "projected: events were removed from the log after they were recorded. "
            "Restore the ledger from a backup and check it with caledger verify "
            "--checkpoint (or --expect-head) against a head you kept")


def _lock_timed_out(e: BaseException) -> bool:
    text = str(e)
    return "database is locked" in text or "lock timeout" in text


def _unreadable(e: BaseException) -> str:
    return (f"a stored event can't be read ({_first_line(e)}): the log was altered after it "
            "was written; nothing was changed. Run caledger verify to find the record, and "
            "restore the ledger from a backup")


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _read_only_hint(e: BaseException) -> str:
    if "readonly" in str(e) or "read-only" in str(e) or "read only" in str(e):
        return ("; the ledger (or its folder) is read-only: run this where it can be written, "
                "or ask for write access")
    return ""


def _refused(p: Pending, field: str, target: str, refused: Refusal) -> Problem:
    """An import's problem with the amendment ``p`` of ``target`` (named in its ``field``)
    that ``amending.refusal`` refused."""
    t = refused.target
    if refused.rule == "missing" or t is None:
        return Problem(None, p.record_id, field, f'no record "{target}" in the ledger; '
                       "check the id, or import the original first")
    if refused.rule == "amendment":
        return Problem(None, p.record_id, field, f'"{target}" is itself a {t.kind}'
                       + (f' of "{t.amends}"' if t.amends else "")
                       + "; amend the original record instead")
    if refused.rule == "retracted":
        return Problem(None, p.record_id, field, f'"{target}" was retracted by '
                       f'"{t.retracted_by}"; '
                       + ("a retracted record can't be corrected; record a new one instead"
                          if p.kind == "correction" else "it can't be retracted twice"))
    return Problem(None, p.record_id, "event.company", f"a correction keeps the company "
                   f"({t.company}), not {p.company}; retract the record and record a new one "
                   "for the other company")
