"""The library's commands: what the CLI (or any program) calls, one function per command.

Each function opens the ledger, does one thing and returns plain data or a report object;
errors are ``CaledgerError`` subclasses with one line per problem.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from projections import holdings as holdings_projection
from projections import queries

from .companies import resolve_company
from .errors import BadQuery, RejectedInput, UnknownCompany
from .events import (
    Amendment,
    Correction,
    Disclosure,
    Record,
    RecordInvalid,
    content_id,
    validate_record,
)
from .jsonio import read_records
from .store import Ledger, Pending
from .values import canonical, parse_date

# --- writing -----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    added: list[dict[str, Any]] = field(default_factory=list)     # id, type, company, position
    existing: list[dict[str, Any]] = field(default_factory=list)  # id, type, company
    files: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"added": len(self.added), "already_present": len(self.existing),
                "files": self.files, "records": self.added}


def _problem(where: str, record_id: str | None, field_name: str | None, message: str) -> str:
    who = f'record "{record_id}"' if record_id else "record"
    what = f" field {field_name}:" if field_name else ":"
    return f"{where}: {who}{what} {message}"


def _pending(record: Record) -> Pending:
    if isinstance(record, Correction):
        return Pending("correction", record.id, record.content(), record.canonical_json(),
                       company=record.event["company"], target=record.target)
    if isinstance(record, Amendment):
        return Pending("retraction", record.id, record.content(), record.canonical_json(),
                       target=record.target)
    return Pending("record", record.id, record.content(), record.canonical_json(),
                   company=record.company)


def import_files(db: str | None, paths: list[str], *, stdin_text: str | None = None) -> ImportReport:
    """Validate every record of every file, then store all of them or none.

    ``-`` reads standard input (or ``stdin_text``). Every problem in every file is reported,
    each with its file and line; if there is any, nothing is stored.
    """
    problems: list[str] = []
    records: list[tuple[str, Record]] = []
    if not paths:
        raise RejectedInput("no files given; name one or more JSON Lines files, or - for stdin")
    for path in paths:
        if path == "-":
            text = stdin_text if stdin_text is not None else sys.stdin.read()
            name = "<stdin>"
        else:
            name = path
            try:
                text = Path(path).read_text(encoding="utf-8")
            except FileNotFoundError:
                problems.append(f"{path}: no such file")
                continue
            except (OSError, UnicodeDecodeError) as e:
                problems.append(f"{path}: can't read it: {e}")
                continue
        for raw in read_records(text, name):
            where = f"{raw.source}:{raw.line}"
            if raw.error:
                problems.append(_problem(where, None, None, raw.error))
                continue
            record_id = raw.data.get("id") if isinstance(raw.data, dict) else None
            shown_id = record_id if isinstance(record_id, str) else None
            try:
                records.append((where, validate_record(raw.data)))
            except RecordInvalid as e:
                problems.extend(_problem(where, shown_id, f, m) for f, m in e.problems)

    # The same id twice in one import: fine if identical, an error otherwise.
    first_seen: dict[str, tuple[str, Record]] = {}
    unique: list[Record] = []
    for where, record in records:
        if record.id in first_seen:
            other_where, other = first_seen[record.id]
            if other.canonical_json() != record.canonical_json():
                problems.append(_problem(where, record.id, "id",
                                         f"also used at {other_where} with different content; "
                                         "give each record its own id"))
            continue
        first_seen[record.id] = (where, record)
        unique.append(record)
    if problems:
        raise RejectedInput(*problems)

    with Ledger.open(db, create=True) as ledger:
        try:
            stored = ledger.store([_pending(r) for r in unique])
        except RejectedInput as e:
            where_of = {rid: w for rid, (w, _) in first_seen.items()}
            raise RejectedInput(*(
                f"{where_of.get(_quoted_id(p), '?')}: {p}" for p in e.problems)) from None
    report = ImportReport(files=[p if p != "-" else "<stdin>" for p in paths])
    report.added = [{"id": p.record_id, "type": p.content["type"], "position": pos}
                    for p, pos in stored.added]
    report.existing = [{"id": p.record_id, "type": p.content["type"]} for p in stored.existing]
    return report


def _quoted_id(problem: str) -> str:
    return problem.split('"')[1] if problem.count('"') >= 2 else ""


@dataclass
class AppendReport:
    id: str
    added: bool
    position: int | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "added": self.added, "position": self.position}


def append(db: str | None, record_type: str, fields: dict[str, Any]) -> AppendReport:
    """Validate and store one record. Without an ``id`` one is derived from the content, so
    appending the same action twice records it once."""
    raw = {"type": record_type, **{k: v for k, v in fields.items() if v is not None}}
    generated = "id" not in raw
    if generated:
        raw["id"] = "pending-id"
    try:
        record = validate_record(raw)
    except RecordInvalid as e:
        raise RejectedInput(*(_problem("append", None if generated else raw.get("id"), f, m)
                              for f, m in e.problems)) from None
    if generated:
        record = record.model_copy(update={"id": content_id(record.content())})
    with Ledger.open(db, create=True) as ledger:
        stored = ledger.store([_pending(record)])
    if stored.added:
        return AppendReport(record.id, True, stored.added[0][1])
    return AppendReport(record.id, False, None)


# --- querying ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownAt:
    """A resolved point on the known axis."""

    spec: str | None     # as asked, normalized; None means "everything stored"
    position: int


def _parse_known_at(spec: str) -> str | int:
    """``@N`` → N; an ISO 8601 timestamp or date → normalized UTC text."""
    if spec.startswith("@"):
        digits = spec[1:]
        if not digits.isdigit():
            raise BadQuery(f'--known-at "{spec}": a store position is @ and a whole number, e.g. @42')
        return int(digits)
    try:
        if len(spec) == 10:
            moment = datetime.combine(parse_date(spec), time.max, tzinfo=timezone.utc)
        else:
            moment = datetime.fromisoformat(spec)
    except ValueError:
        raise BadQuery(f'--known-at "{spec}": not an ISO 8601 timestamp or date; write e.g. '
                       '"2025-11-01", "2025-11-01T12:00:00Z" or @42') from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _resolve(ledger: Ledger, known_at: str | None) -> KnownAt:
    ledger.catch_up()
    head = ledger.readmodel.position()
    if known_at is None:
        return KnownAt(None, head)
    parsed = _parse_known_at(known_at)
    if isinstance(parsed, int):
        if parsed > head:
            raise BadQuery(f"--known-at @{parsed}: the ledger's newest record is @{head}")
        return KnownAt(f"@{parsed}", parsed)
    with ledger.readmodel.reading() as cur:
        return KnownAt(parsed, queries.position_known_at(cur, parsed))


def _as_of(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError as e:
        raise BadQuery(f"--as-of: {e}") from None


def _company(cur: Any, name: str, known: KnownAt) -> str:
    try:
        company = resolve_company(name)
    except ValueError as e:
        raise BadQuery(f"company: {e}") from None
    if not queries.company_known(cur, company, known.position):
        listed = ", ".join(c["company"] for c in queries.companies(cur, known.position)) or "none"
        at = f" as known at {known.spec}" if known.spec else ""
        raise UnknownCompany(f"{company}: no records for this company{at}; companies in the "
                             f"ledger: {listed}")
    return company


def holdings(db: str | None, company: str, as_of: str, known_at: str | None = None
             ) -> holdings_projection.Holdings:
    day = _as_of(as_of)
    with Ledger.open(db, create=False) as ledger:
        known = _resolve(ledger, known_at)
        with ledger.readmodel.reading() as cur:
            ticker = _company(cur, company, known)
            result = holdings_projection.compute(cur, ticker, day, known.position)
        result.known_at = known.spec
        return result


def holdings_json(h: holdings_projection.Holdings) -> dict[str, Any]:
    anchor = h.anchor.record() if h.anchor else None
    return {
        "company": h.company,
        "as_of": h.as_of.isoformat(),
        "known_at": h.known_at,
        "position": h.position,
        "btc": {"total": _dec(h.total), "loaned": _dec(h.loaned), "pledged": _dec(h.pledged),
                "unencumbered": _dec(h.unencumbered)},
        "basis": "disclosed balance" if anchor else "no disclosed balance",
        "anchor": anchor,
        "bucket_anchors": {b: (a.record_id if a else None) for b, a in h.anchors.items()},
        "flows_counted": len({s.entry.position for steps in h.steps.values() for s in steps
                              if s.action in ("add", "subtract") and s.entry}),
        "in_progress": [e.record() for e in h.in_progress],
        "straddling_anchor": [e.record_id for e in h.straddling],
    }


def _dec(value: Decimal) -> str:
    return canonical(value)


def history(db: str | None, company: str, known_at: str | None = None) -> list[dict[str, Any]]:
    with Ledger.open(db, create=False) as ledger:
        known = _resolve(ledger, known_at)
        with ledger.readmodel.reading() as cur:
            ticker = _company(cur, company, known)
            return queries.history(cur, ticker, known.position)


def companies(db: str | None, known_at: str | None = None) -> list[dict[str, Any]]:
    with Ledger.open(db, create=False) as ledger:
        known = _resolve(ledger, known_at)
        with ledger.readmodel.reading() as cur:
            return queries.companies(cur, known.position)


@dataclass
class RebuildReport:
    records: int
    position: int

    def to_json(self) -> dict[str, Any]:
        return {"records": self.records, "position": self.position}


def rebuild(db: str | None) -> RebuildReport:
    with Ledger.open(db, create=False) as ledger:
        count = ledger.rebuild()
        return RebuildReport(count, ledger.readmodel.position())
