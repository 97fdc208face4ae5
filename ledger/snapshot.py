"""An open ledger and a snapshot of it: one reader, one knowledge time, one stamp.

``OpenLedger.open(url)`` names a ledger (a SQLite path or a ``postgresql://`` URL; None is
``CALEDGER_DB`` or ``./caledger.db``) without touching it. ``with lg.snapshot(known_at=...)
as snap:`` opens one reader, resolves ``known_at`` once (``@N``, an ISO 8601 timestamp or a
date; None is everything stored), reads the head hash at that position once, and keeps one
read-model cursor (``snap.cur``) for everything computed inside it: every report computed in
the snapshot carries the same stamp (``snap.stamp()``: known_at, position, head_hash).

Reports are computed in a snapshot by name (``snap.report("holdings", "MARA", day)``), or as
methods named after them (``snap.holdings("MARA", as_of=date(2025, 9, 30))``); the registry
in ``ledger/reports`` lists them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timezone
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any

from projections import queries

from .companies import resolve_company
from .errors import BadQuery, UnknownCompany
from .reader import open_reader
from .valueclass import Value, _set
from .values import FIRST_YEAR, LAST_YEAR, parse_date


class KnownAt(Value):
    """A resolved point on the known axis (a frozen value, ``valueclass``)."""

    FIELDS = ("spec", "position")
    __slots__ = FIELDS
    spec: str | None     # as asked, normalized; None means "everything stored"
    position: int

    def __init__(self, spec: str | None, position: int) -> None:
        _set(self, "spec", spec)
        _set(self, "position", position)


def known_at_text(spec: object) -> str:
    """A known-at as text: a ``datetime`` (UTC when naive) or ``date`` (the end of that day)
    as ISO 8601; any type but those and text is refused (``@N`` for a store position).

    ``'@N`` is ``@N``: a CSV writes a position stamp so (``safetext.csv_cell`` puts a ``'``
    before a cell starting with ``@``, which a spreadsheet would run as a formula), and the
    stamp read back from it is taken as written."""
    if isinstance(spec, datetime):
        return spec.isoformat()
    if isinstance(spec, date):
        return spec.isoformat()
    if isinstance(spec, str):
        if spec.startswith("'@") and spec[2:].isdigit() and spec[2:].isascii():
            return spec[1:]
        return spec
    from .days import _a
    position = f'"@{spec}" for store position {spec}, ' if isinstance(spec, int) else ""
    raise BadQuery(f"--known-at: {spec!r} is {_a(spec)}, not a moment; give {position}an ISO "
                   '8601 timestamp or date as text (e.g. "2025-11-01T12:00:00Z"), or a '
                   "datetime.datetime or datetime.date")


def parse_known_at(spec: str) -> str | int:
    """``@N`` → N; an ISO 8601 timestamp or date → normalized UTC text."""
    spec = known_at_text(spec)
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
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:  # also keeps offsets off the calendar's edge
        raise BadQuery(f'--known-at "{spec}": outside the years the ledger accepts '
                       f"({FIRST_YEAR} to {LAST_YEAR}); check the year")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def resolve(reader: Any, known_at: str | None, cur: Any = None) -> KnownAt:
    """``known_at`` as a position of ``reader``'s store (read through ``cur`` when given)."""
    head = reader.position()
    if known_at is None:
        return KnownAt(None, head)
    known_at = known_at_text(known_at)
    parsed = parse_known_at(known_at)
    if isinstance(parsed, int):
        if parsed > head:
            raise BadQuery(f"--known-at @{parsed}: the ledger's newest record is @{head}")
        return KnownAt(f"@{parsed}", parsed)
    now = datetime.now(timezone.utc)
    if datetime.fromisoformat(parsed) > now:
        stamp = f"{now:%Y-%m-%dT%H:%M:%SZ}"
        if len(known_at) == 10:  # a date: the end of that day, today's not yet come
            raise BadQuery(
                f'--known-at "{known_at}": later than now ({stamp}): a date means the end of '
                f"that day ({known_at}T23:59:59Z), and records written until then would "
                f"change the answer; give a time that has passed (now is {stamp}), omit "
                f"--known-at for the ledger as known now, or give @{head} (its newest "
                "record) to pin the answer")
        raise BadQuery(f'--known-at "{known_at}": later than now ({stamp}), and records '
                       "written until then would change the answer; omit --known-at for the "
                       f"ledger as known now, or give @{head} (its newest record) to pin the "
                       "answer")
    if cur is not None:
        return KnownAt(parsed, queries.position_known_at(cur, parsed))
    with reader.reading() as opened:
        return KnownAt(parsed, queries.position_known_at(opened, parsed))


def resolve_as(reader: Any, spec: str | None, option: str, cur: Any = None) -> KnownAt:
    """``resolve`` for an option other than --known-at (its errors name that option)."""
    try:
        return resolve(reader, spec, cur)
    except BadQuery as e:
        from .errors import spelled

        raise BadQuery(*(p.replace(spelled("--known-at"), spelled(option))
                         for p in e.problems)) from None


def as_of_day(text: str | date | None, option: str = "--as-of") -> date:
    """The as-of day: a date, or a month, quarter or year's last day; None is today (UTC)."""
    from .days import given_day, today
    if text is None:
        return today()
    try:
        return given_day(text)
    except ValueError as e:
        raise BadQuery(f"{option}: {e}") from None


def since_day(text: str | date | None, as_of: date) -> date | None:
    """``--since``: a day before ``as_of`` (a yield runs from an earlier date to a later one)."""
    if text is None:
        return None
    from .days import given_day
    try:
        day = given_day(text)
    except ValueError as e:
        raise BadQuery(f"--since: {e}") from None
    if day >= as_of:
        raise BadQuery(f"--since {day}: must be before --as-of {as_of}; a yield runs from an "
                       "earlier date to a later one")
    return day


def check_company(cur: Any, name: str, known: KnownAt) -> str:
    """The ticker ``name`` resolves to, refused unless the ledger knows it at ``known``."""
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


class Snapshot:
    """The ledger as known at one position: one reader, one cursor, one stamp."""

    def __init__(self, reader: Any, known: KnownAt, head_hash: str, url: str | None):
        self.reader = reader
        self.known = known
        self.head_hash = head_hash
        self.url = url
        self.cur: Any = None  # set while the snapshot is open
        self.points: dict[str, KnownAt] = {}  # other moments resolved with it (changes)

    @property
    def position(self) -> int:
        return self.known.position

    @property
    def known_at(self) -> str | None:
        return self.known.spec

    def stamp(self) -> dict[str, Any]:
        """Where everything in this snapshot was computed: reproduce it with --known-at @P."""
        return {"known_at": self.known.spec, "position": self.known.position,
                "head_hash": self.head_hash}

    def stamped(self, result: Any) -> Any:
        """``result`` (a projection's object) with this snapshot's stamp attached."""
        result.known_at, result.head_hash = self.known.spec, self.head_hash
        return result

    def company(self, name: str) -> str:
        """The ticker of ``name``, refused (one line) when the ledger doesn't know it."""
        return check_company(self.cur, name, self.known)

    def tickers(self, names: list[str] | tuple[str, ...] | None = None) -> list[str]:
        """``names`` checked and deduplicated, in order; None: every company, as known."""
        if names is None:
            return [c["company"] for c in queries.companies(self.cur, self.known.position)]
        return list(dict.fromkeys(self.company(n) for n in names))

    def companies(self) -> list[dict[str, Any]]:
        """The companies as ``caledger companies --json`` lists them (the ``companies``
        report's JSON; ``snap.report("companies", None)`` is the report itself)."""
        return self.report("companies", None).to_json()  # type: ignore[no-any-return]

    def history(self, company: str, *, types: tuple[str, ...] | list[str] = (),
                start: str | None = None, end: str | None = None, source: str | None = None,
                by: str | None = None) -> list[dict[str, Any]]:
        """Every record of ``company`` as ``caledger history --json`` lists them (the
        ``history`` report's JSON; ``snap.report("history", company, ...)`` is the report)."""
        return self.report("history", company, types=types, start=start,  # type: ignore[no-any-return]
                           end=end, source=source, by=by).to_json()

    def resolve(self, spec: str | None, option: str = "--known-at") -> KnownAt:
        """Another point on the known axis, in this snapshot's reader (``changes``)."""
        return resolve_as(self.reader, spec, option, self.cur)

    def chain_head(self, position: int | None = None) -> tuple[int, str]:
        return self.reader.chain_head(position)

    # --- reports ------------------------------------------------------------------------------

    def report(self, name: str, company: str, as_of: str | date | None = None,
               **opts: Any) -> Any:
        """Report ``name`` (``ledger/reports``) of ``company`` as of ``as_of`` (a date, a
        day/month/quarter/year text, or None: today, UTC), computed in this snapshot."""
        from . import reports

        day, opts = reports.prepare(name, as_of, **opts)
        return self.compute(name, company, day, **opts)

    def compute(self, name: str, company: str | None, day: Any, **opts: Any) -> Any:
        """``report`` with the day and options already prepared (``reports.prepare``)."""
        from . import reports

        if self.cur is None:
            raise BadQuery(f"{name}: the snapshot is closed; compute reports inside "
                           "'with ledger.open(...).snapshot() as s:'")
        module = reports.get(name).module()
        # A report's subject is a company (resolved and checked here) unless its module says
        # otherwise (``SUBJECT``: None for the whole ledger, "record" for a record's id).
        if getattr(module, "SUBJECT", "company") == "company" and company is not None:
            company = self.company(company)
        return module.compute(self, company, day, **opts)

    def __getattr__(self, name: str) -> Any:
        from . import reports

        if name.startswith("_") or (name not in reports.REPORTS and name not in reports.WRITERS):
            raise AttributeError(name)

        def compute(company: str, as_of: str | date | None = None, **opts: Any) -> Any:
            from .errors import PYTHON, spelled_as, spelling

            if name == "series" and spelling() is PYTHON:
                # a series' last day (--to; api.series' ``end``) is this method's ``as_of``
                with spelled_as({**PYTHON, "--to": "as_of"}):
                    return self.report(name, company, as_of, **opts)
            return self.report(name, company, as_of, **opts)

        compute.__name__ = name
        compute.__doc__ = reports.get(name).doc
        return compute

    def explain(self, company: str, figure: str, as_of: str | date | None = None,
                **opts: Any) -> dict[str, Any]:
        """How ``figure`` was derived, found in whichever report's trails hold it."""
        from . import reports

        day = as_of_day(as_of)
        if "since" in opts:
            opts["since"] = since_day(opts["since"], day)
        return reports.explain(self, self.company(company), figure, day, **opts)


class OpenLedger:
    """A ledger by its location; ``snapshot()`` reads it."""

    def __init__(self, url: str | None = None):
        self.url = None if url is None else str(url)

    @classmethod
    def open(cls, url: str | None = None) -> OpenLedger:
        return cls(url)

    def __repr__(self) -> str:
        return f"OpenLedger({self.url!r})"

    @contextmanager
    def snapshot(self, known_at: str | None = None, *, option: str = "--known-at",
                 earlier: tuple[tuple[str, str | None], ...] = ()) -> Iterator[Snapshot]:
        """One snapshot as known at ``known_at``. ``option`` names it in error messages;
        ``earlier`` are other (option, moment) pairs resolved first (``snap.points``)."""
        with open_reader(self.url) as reader:
            points = {name: resolve_as(reader, spec, name) for name, spec in earlier}
            known = resolve_as(reader, known_at, option)
            _, head_hash = reader.chain_head(known.position)
            snap = Snapshot(reader, known, head_hash, self.url)
            snap.points = points
            with reader.reading() as cur:
                snap.cur = cur
                try:
                    yield snap
                finally:
                    snap.cur = None


@contextmanager
def snapshot(db: str | None, known_at: str | None = None, **kwargs: Any) -> Iterator[Snapshot]:
    """``OpenLedger(db).snapshot(known_at)``: what each library command opens once."""
    with OpenLedger(db).snapshot(known_at, **kwargs) as snap:
        yield snap
