"""Importing records: validate every record of every file, then store all of them or none.

Records stream through an on-disk ``Spool`` (validated, in order, each id once), so memory
stays flat however large the input; ``store_validated`` stores them in one transaction. A
large input is validated on every core instead (``pipeline``), with the same answers.
"""

from __future__ import annotations

import gc
import io
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .errors import CaledgerError, Problem, RejectedInput
from .jsonio import canonical_json, iter_records
from .render import count

if TYPE_CHECKING:  # the pydantic models and the store load only where they are needed
    from .events import Record
    from .store import Pending


@dataclass
class ImportReport:
    added: list[dict[str, Any]] = field(default_factory=list)     # the first few: id, type, position
    existing: list[dict[str, Any]] = field(default_factory=list)  # the first few: id, type
    files: list[str] = field(default_factory=list)
    added_count: int = 0
    existing_count: int = 0
    added_by_type: dict[str, int] = field(default_factory=dict)
    #: company -> type -> records added (an amendment: under its record's company).
    added_by_company: dict[str, dict[str, int]] = field(default_factory=dict)
    #: The companies the import began (none of their records was stored before), sorted;
    #: None: not known.
    new_companies: list[str] | None = field(default_factory=list)
    #: The companies the ledger had before, when the import began some (for ``note``).
    companies_before: list[str] = field(default_factory=list)
    #: Checked in full against the store, then rolled back: nothing was stored; ``added``
    #: is what would have been (without positions).
    dry_run: bool = False
    #: A dry run into a ledger not there yet: the import would create it.
    creates_ledger: bool = False
    #: Each figure the import takes below zero: company, day, figure, btc
    #: (``ledger/belowzero.py``); None: not checked (more than ``belowzero.LIMIT`` records).
    below_zero: list[dict[str, Any]] | None = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = {"added": self.added_count, "already_present": self.existing_count,
                "added_by_type": dict(sorted(self.added_by_type.items())),
                "added_by_company": {c: dict(sorted(t.items()))
                                     for c, t in sorted(self.added_by_company.items())},
                "new_companies": self.new_companies,
                "files": self.files, "records": self.added,
                "records_listed": len(self.added),
                "already_present_records": self.existing,
                "below_zero": self.below_zero, **self.write_notes,
                "dry_run": self.dry_run}
        if self.dry_run:
            data["creates_ledger"] = self.creates_ledger
        return data

    def note(self) -> str | None:
        """The remark on the companies the import began (``companies_note``), or None."""
        return companies_note(self.new_companies, self.companies_before, self.dry_run)

    def below_zero_notes(self) -> list[str]:
        """A line for each figure the import takes below zero (``below_zero``), for stderr."""
        from .belowzero import notes

        return notes(self.below_zero, "this import", self.dry_run)

    #: Remarks on the records (``ledger/writenotes.py``): possible_duplicates,
    #: future_dated, check_units (each None: not checked, past ``writenotes.LIMIT``).
    write_notes: dict[str, Any] = field(default_factory=lambda: {
        "possible_duplicates": [], "future_dated": [], "check_units": [],
        "overlapping_flows": []})

    def notes(self) -> list[str]:
        from .writenotes import lines

        return lines(self.write_notes, self.dry_run)

    @classmethod
    def of(cls, stored: Any, files: list[str]) -> ImportReport:
        """The report of a store call (``store.Stored``) that imported ``files``."""
        report = cls(files=files)
        report.added = [{"id": p.record_id, "type": p.record_type,
                         "position": None if stored.dry_run else pos}
                        for p, pos in stored.added]
        report.existing = [{"id": p.record_id, "type": p.record_type} for p in stored.existing]
        report.added_count, report.existing_count = stored.added_count, stored.existing_count
        report.added_by_type = stored.added_by_type
        report.added_by_company = stored.added_by_company
        report.new_companies = stored.new_companies
        report.companies_before = stored.companies_before
        report.dry_run, report.creates_ledger = stored.dry_run, stored.creates_ledger
        report.below_zero = stored.below_zero
        report.write_notes = stored.write_notes
        return report


#: At most this many companies are named in the note ``companies_note`` makes.
COMPANIES_SHOWN = 12


def companies_note(new: list[str] | None, before: list[str], dry_run: bool = False
                   ) -> str | None:
    """A note when a write began companies (``new``) the ledger had no record of while it
    had others (``before``): a mistyped ticker creates a company without complaint, so say
    so, naming the companies it had and, for a new name close to one of them (``MRAA``,
    ``MARA``), asking whether that one was meant. None otherwise."""
    if not new or not before:
        return None
    from difflib import get_close_matches

    close = [(name, match[0]) for name in new[:COMPANIES_SHOWN]
             if (match := get_close_matches(name, before, n=1, cutoff=0.7))]
    hint = ("" if not close else f"; did you mean {close[0][1]}?" if len(new) == 1 else
            "; did you mean " + ", ".join(f"{known} for {name}" for name, known in close) + "?")

    def listed(names: list[str]) -> str:
        return ", ".join(names[:COMPANIES_SHOWN]) + (
            f", ... {len(names) - COMPANIES_SHOWN} more" if len(names) > COMPANIES_SHOWN else "")

    if dry_run:
        what = f"{listed(new)} would be " + ("a new company" if len(new) == 1 else
                                             "new companies")
    else:
        what = (f"{new[0]} is a new company" if len(new) == 1 else
                f"{listed(new)} are new companies")
    return f"note: {what} in this ledger (companies: {listed(before)}){hint}"


def pending_of(record: Record) -> Pending:
    return pending_of_content(record.content())


def pending_of_content(content: dict[str, Any]) -> Pending:
    """A validated record's canonical content (a model's ``content()``, or the fast path's)
    ready to store."""
    from .store import Pending
    record_type = content["type"]
    if record_type == "correction":
        return Pending.of("correction", content, canonical_json(content),
                          company=content["event"]["company"], target=content["corrects"])
    if record_type == "retraction":
        return Pending.of("retraction", content, canonical_json(content),
                          target=content["retracts"])
    return Pending.of("record", content, canonical_json(content), company=content["company"])


#: Problems listed in full; past this many, the rest are counted (the store is unchanged).
MAX_PROBLEMS = 10_000
CHUNK = 5000


def import_files(db: str | None, paths: list[str], *, stdin_text: str | None = None,
                 progress: Callable[[str, int], None] | None = None,
                 dry_run: bool = False) -> ImportReport:
    """Validate every record of every file, then store all of them or none.

    ``-`` reads standard input (or ``stdin_text``). Every problem in every file is reported,
    each with its file and line; if there is any, nothing is stored. Records stream through
    an on-disk spool, so memory stays flat however large the files are. A path that is not
    a file to read (a folder, a device, missing, unreadable) is one such problem.

    ``dry_run``: the very same import, every check against the store included, its write
    transaction rolled back instead of committed: nothing is stored (a ledger not there yet
    is not created), and the report says what would have been (``ImportReport.dry_run``).
    """
    if not paths:
        raise RejectedInput("no files given; name one or more JSON Lines files, or - for stdin")
    # Millions of short-lived, acyclic objects: collect cycles less often while importing.
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        return _import_files(db, paths, stdin_text, progress, dry_run)
    finally:
        gc.set_threshold(*thresholds)


def _import_files(db: str | None, paths: list[str], stdin_text: str | None,
                  progress: Callable[[str, int], None] | None,
                  dry_run: bool = False) -> ImportReport:
    from . import (
        pipeline,  # issue 14: large files validate in a second process meanwhile
    )

    report = pipeline.try_import(db, paths, progress, dry_run=dry_run) \
        if stdin_text is None else None
    if report is not None:
        return report
    # SQLite's own temporary database: a file it unlinks as soon as it opens it, so an import
    # killed at any point leaves no spool behind.
    with Spool("") as spool:
        problems: list[Problem] = []
        extra = 0
        unread: list[str] = []  # the files with format problems
        for path in paths:
            found = len(problems) + extra
            for problem in validate_into(spool, path, stdin_text, progress,
                                         lines=_line_path_pays(paths, stdin_text)):
                if len(problems) < MAX_PROBLEMS:
                    problems.append(problem)
                else:
                    extra += 1
            if len(problems) + extra > found:
                unread.append("<stdin>" if path == "-" else path)
        spool.flush()
        problems.extend(spool.duplicates)
        names = [p if p != "-" else "<stdin>" for p in paths]
        if problems:
            if not extra:
                problems.extend(_ledger_problems(db, spool, names, unread))
            if extra:
                problems.append(Problem.plain(f"... and {count(extra, 'more problem')}; "
                                              "nothing was stored"))
            raise RejectedInput(*problems)
        return store_validated(db, spool, names, progress, dry_run=dry_run)


def _ledger_problems(db: str | None, spool: Spool, files: list[str], unread: list[str]
                     ) -> list[Problem]:
    """An import refused for its format problems still lists what the ledger would refuse
    (an id stored with other content, an amendment of a record not there, ...) in the files
    without one: their records are stored as a dry run, rolled back. The files with format
    problems are not checked against the ledger (a record may rest on one not read), and a
    last line of an import of several files says which were."""
    clean = [f for f in files if f not in unread]
    found: list[Problem] = []
    if clean:
        try:
            store_validated(db, _Only(spool, clean), files, dry_run=True)
        except RejectedInput as e:
            found.extend(e.details)
        except CaledgerError:  # the ledger can't be read: the format problems alone
            return []
    # one file's format problems say why on their own, and so does a path not read at all
    unread = [f for f in unread if f == "<stdin>" or path_problem(f) is None]
    if unread and len(files) > 1:
        checks = "the ledger's checks (ids stored with other content, amendments of records " \
                 "not there)"
        found.append(Problem.plain(
            f"nothing was stored; {checks} ran on {', '.join(clean)} only: "
            f"{', '.join(unread)} {'has' if len(unread) == 1 else 'have'} format problems"
            if clean else f"nothing was stored; {checks} were not run: every file has format "
                          "problems"))
    return found


class _Only:
    """A spool's records read from ``files`` only (``Validated``)."""

    def __init__(self, spool: Spool, files: list[str]):
        self.spool = spool
        self.files = files

    def _kept(self, place: str | None) -> bool:
        return place is not None and any(place.startswith(f + ":") or place == f
                                         for f in self.files)

    def chunks(self, size: int) -> Iterator[list[Pending]]:
        last = 0
        while True:
            rows = self.spool.db.execute(f"SELECT {_PENDING_COLUMNS}, place FROM spool "
                                         "WHERE seq > ? ORDER BY seq LIMIT ?",
                                         (last, size)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            kept = [self.spool._pending(row[:-1]) for row in rows if self._kept(row[-1])]
            if kept:
                yield kept

    def find(self, record_id: str) -> Pending | None:
        if not self._kept(self.spool.where(record_id)):
            return None
        return self.spool.find(record_id)

    def where(self, record_id: str) -> str | None:
        return self.spool.where(record_id)


class Validated(Protocol):
    """Validated records ready to store, in order: a ``Spool``, or ``pipeline``'s stream of
    them from the validating process."""

    #: A record met earlier in this import, by id; None: the store finds it among the
    #: events it inserted.
    find: Callable[[str], Pending | None] | None

    def chunks(self, size: int) -> Iterator[list[Pending]]: ...
    def where(self, record_id: str) -> str | None: ...


def store_validated(db: str | None, spool: Validated, files: list[str],
                    progress: Callable[[str, int], None] | None = None, *,
                    via: str | None = None, dry_run: bool = False) -> ImportReport:
    """Store every validated record of ``spool`` in one transaction, or none of them; a
    refusal names where the record was read. ``via``: the way in the events record
    (default ``import FILE...``); ``dry_run``: roll it back (``Ledger.store_chunks``)."""
    from .store import Ledger

    with Ledger.to_write(db, dry_run=dry_run) as ledger:
        try:
            stored = ledger.store_chunks(lambda: spool.chunks(CHUNK), spool.find,
                                         progress=progress, importing=True,
                                         via=via or " ".join(["import", *files]),
                                         dry_run=dry_run)
        except RejectedInput as e:
            fallback = files[0] if len(files) == 1 else "?"
            raise RejectedInput(*(p.at((spool.where(p.record_id) if p.record_id else None)
                                       or fallback) for p in e.details)) from None
    return ImportReport.of(stored, files)


class Collects(Protocol):
    """Where validated records go: a ``Spool``, or a validating process's batch."""

    def add(self, where: str, p: Pending) -> None: ...


#: Inputs from this size on are read through msgspec's line path (``fastcheck.line_content``):
#: about 4 us a line quicker, after loading msgspec, which costs a command's start-up some
#: 17 ms (a few thousand lines' worth); a smaller input is read the ordinary way (the same
#: records, the same content: ``tests/test_fastcheck.py``).
LINE_PATH_BYTES = 1_000_000


def _line_path_pays(paths: list[str], stdin_text: str | None) -> bool:
    if stdin_text is not None:
        return len(stdin_text) >= LINE_PATH_BYTES
    try:
        return "-" in paths or sum(os.path.getsize(p) for p in paths) >= LINE_PATH_BYTES
    except OSError:
        return False  # the file is named as missing or unreadable below


def validate_into(spool: Collects, path: str, stdin_text: str | None,
                   progress: Callable[[str, int], None] | None,
                   take: Callable[[int], bool] | None = None, *, lines: bool = True
                   ) -> Iterator[Problem]:
    """Validate one file's records into the spool (``add(where, pending)``); yield its
    problems, each saying where (``FILE:LINE``). ``take``: only the lines it takes
    (``iter_records``); ``lines``: read plain lines through msgspec (``LINE_PATH_BYTES``).
    A collector with ``add_content`` (a validating process's batch) is given the content of
    each plain line the line path read straight (where no progress is told): it needs no
    place and no ``Pending``."""
    from . import fastcheck
    from .store import Pending
    fast, amendment = fastcheck.content, fastcheck.amendment
    if path == "-":
        stream: Any = io.StringIO(stdin_text) if stdin_text is not None else sys.stdin
        name = "<stdin>"
    else:
        name = path
        problem = path_problem(path)
        if problem is not None:
            yield Problem.plain(f"{path}: {problem}")
            return
        try:
            stream = open(path, encoding="utf-8")  # noqa: SIM115 (closed below)
        except OSError as e:
            yield Problem.plain(f"{path}: {_cannot_read(e)}")
            return
    try:
        plain = getattr(spool, "add_content", None) if progress is None else None
        for raw in iter_records(stream, name, take=take,
                                fast=fastcheck.line_content if lines else None,
                                plain=plain if lines else None):
            if progress is not None:
                progress("validating", 1)
            where = f"{raw.source}:{raw.line}"
            if raw.error:
                yield Problem(where, None, None, raw.error)
                continue
            # The common plain records: from the line itself, or the parsed data; None: the
            # full model.
            content = raw.content if raw.content is not None else fast(raw.data)
            if content is not None:
                spool.add(where, Pending.of("record", content, canonical_json(content),
                                            company=content["company"]))
                continue
            # A plain correction or retraction: the same fast path (``fastcheck.amendment``).
            content = amendment(raw.data)
            if content is not None:
                spool.add(where, pending_of_content(content))
                continue
            record_id = raw.data.get("id") if isinstance(raw.data, dict) else None
            from .events import RecordInvalid, validate_record  # pydantic: here only
            try:
                spool.add(where, pending_of(validate_record(raw.data)))
            except RecordInvalid as e:
                yield from e.at(where, record_id if isinstance(record_id, str) else None)
    except UnicodeDecodeError as e:
        yield Problem.plain(f"{name}: can't read it as UTF-8: {e}")
    finally:
        if stream is not sys.stdin:
            stream.close()


def path_problem(path: str) -> str | None:
    """Why ``path`` is not a file an import can read, as the rest of its one line (after
    ``PATH: ``), or None: a file, or a pipe (``<(gunzip -c x.gz)``, a named pipe), which is
    read as it comes."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as e:
        return _cannot_read(e)
    if stat.S_ISDIR(mode):
        return "is a folder; give a .jsonl file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file; give a .jsonl file (or - to read stdin)"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file; give a .jsonl file (or - to read stdin)"
    if stat.S_ISREG(mode) and not os.access(path, os.R_OK):
        return "can't read it: permission denied"
    return None


def _cannot_read(e: OSError) -> str:
    """An ``OSError`` opening or reading a file, in words (no errno, no repeated path)."""
    if isinstance(e, FileNotFoundError):
        return "no such file"
    if isinstance(e, PermissionError):
        return "can't read it: permission denied"
    if isinstance(e, IsADirectoryError):
        return "is a folder; give a .jsonl file"
    return f"can't read it: {e.strerror or e}".rstrip()


_PENDING_COLUMNS = "seq, record_id, kind, type, target, company, canonical"


class Spool:
    """Validated records of one import, on disk, in order, each id once.

    The same id twice with the same content is kept once; with different content it is a
    problem reported with both places.
    """

    def __init__(self, path: Path | str = ""):
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("CREATE TABLE spool (seq INTEGER PRIMARY KEY, record_id TEXT UNIQUE, "
                        "place TEXT, kind TEXT, type TEXT, target TEXT, company TEXT, "
                        "canonical TEXT)")
        self.db.execute("BEGIN")
        self.pending: dict[str, tuple[str, Pending]] = {}
        self.seq = 0
        #: An id used twice with different content, at the second place.
        self.duplicates: list[Problem] = []

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    def add(self, where: str, p: Pending) -> None:
        if p.record_id in self.pending:
            self._same(where, p, *self.pending[p.record_id])
            return
        self.pending[p.record_id] = (where, p)
        if len(self.pending) >= CHUNK:
            self.flush()

    def _same(self, where: str, p: Pending, other_where: str, other: Pending | str) -> None:
        canonical = other if isinstance(other, str) else other.canonical
        if canonical != p.canonical:
            self.duplicates.append(Problem(where, p.record_id, "id",
                                           f"also used at {other_where} with different "
                                           "content; give each record its own id"))

    def flush(self) -> list[tuple[Any, ...]]:
        """Spool the records added since the last flush; return the rows spooled (each id's
        first occurrence, in order)."""
        if not self.pending:
            return []
        rows = [(self.seq + n, record_id, where, p.kind, p.record_type, p.target, p.company,
                 p.canonical)
                for n, (record_id, (where, p)) in enumerate(self.pending.items(), start=1)]
        # An id spooled by an earlier flush is skipped by the insert (the rare case): then
        # those rows are found, compared with the earlier record and left out.
        before = self.db.total_changes
        self.db.executemany("INSERT INTO spool VALUES (?,?,?,?,?,?,?,?) "
                            "ON CONFLICT (record_id) DO NOTHING", rows)
        if self.db.total_changes - before != len(rows):
            rows = self._without_earlier(rows)
        self.seq += len(self.pending)
        self.pending.clear()
        return rows

    def _without_earlier(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        ids = [row[1] for row in rows]
        earlier: dict[str, tuple[str, str]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            earlier.update({row[0]: (row[1], row[2]) for row in self.db.execute(
                f"SELECT record_id, place, canonical FROM spool WHERE record_id IN "
                f"({','.join('?' * len(chunk))}) AND seq <= ?", [*chunk, self.seq])})
        kept = []
        for row in rows:
            if row[1] in earlier:
                self._same(*self.pending[row[1]], *earlier[row[1]])
            else:
                kept.append(row)
        return kept

    def chunks(self, size: int) -> Iterator[list[Pending]]:
        last = 0
        while True:
            rows = self.db.execute(f"SELECT {_PENDING_COLUMNS} "
                                   "FROM spool WHERE seq > ? ORDER BY seq LIMIT ?",
                                   (last, size)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [self._pending(row) for row in rows]

    @staticmethod
    def _pending(row: tuple) -> Pending:
        from .store import Pending

        seq, record_id, kind, record_type, target, company, canonical = row
        return Pending(kind, record_id, record_type, canonical, company=company, target=target,
                       seq=seq)

    def find(self, record_id: str) -> Pending | None:
        row = self.db.execute(f"SELECT {_PENDING_COLUMNS} FROM spool WHERE record_id = ?",
                              (record_id,)).fetchone()
        return self._pending(row) if row else None

    def where(self, record_id: str) -> str | None:
        row = self.db.execute("SELECT place FROM spool WHERE record_id = ?",
                              (record_id,)).fetchone()
        return row[0] if row else None
