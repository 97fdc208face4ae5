"""The query commands' bodies: what each does once its arguments are parsed (one library
call, its answer printed). Plain functions, without click: ``query.py`` declares their
options for click, and the fast path (``fast.py``) calls them directly; a function's name is
its command's, its docstring the command's help.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any

from .. import api, render
from ..errors import BadQuery
from .output import echo, emit, emit_report


def _which(companies: tuple[str, ...], every: bool) -> None:
    if not companies and not every:
        raise BadQuery("name a company (e.g. MARA), several, or --all")
    if companies and every:
        raise BadQuery("name companies or give --all, not both")


def _after_today(as_of: str | None) -> None:
    """A note on stderr when the day --as-of names is after today (UTC): the answer counts
    what is recorded now, not what will have happened by then. A month, quarter or year is
    its last day, as the answer takes it: ``2026-Q4`` during that quarter is remarked on as
    ``2026-12-31`` is. Not refused: a day ahead is a fair question (the notes' schedule,
    what is in progress), unlike --known-at ahead, whose answer would change as records are
    written."""
    if as_of is None:
        return
    from ..days import given_day, today

    try:
        day = given_day(as_of)
    except ValueError:
        return
    if day > today():
        named = as_of if str(day) == as_of else f"{as_of} ({day})"
        echo(f"note: --as-of {named} is after today ({today()}): the figures count what is "
             "recorded now, not what will have happened by then", err=True)


def report_command(name: str, companies: tuple[str, ...], every: bool, as_of: str | None,
                   known_at: str | None, db: str | None, fmt: str, **opts: Any) -> None:
    """What a report's command does: compute report ``name`` for one company, several or
    ``--all`` (``api.report``), and print it with its printer."""
    _which(companies, every)
    emit_report(fmt, name, api.report(db, name, None if every else list(companies), as_of,
                                      known_at, **opts))
    _after_today(as_of)


def _one_or_many(what: str, companies: tuple[str, ...], every: bool, as_of: str | None,
                 known_at: str | None, db: str | None,
                 one: Callable[[str], dict[str, Any]], **opts: Any
                 ) -> dict[str, Any] | list[dict[str, Any]]:
    """One company: its full report (a dict). Several, or --all: a list of them (``opts``:
    the report's keywords)."""
    _which(companies, every)
    if len(companies) == 1 and not every:
        return one(companies[0])
    return api.compare(db, what, list(companies), as_of, known_at, every=every, **opts)


def holdings(companies: tuple[str, ...], every: bool, as_of: str | None, known_at: str | None,
             max_anchor_age: int | None, db: str | None, fmt: str) -> None:
    """Bitcoin a company held as of a date: total, loaned, pledged, unencumbered, and the
    flows counted on top of the disclosed balance it starts from.

    Several companies, or --all, give one comparison table (a JSON list with --json).
    """
    data = _one_or_many("holdings", companies, every, as_of, known_at, db,
                        lambda c: api.holdings_json(api.holdings(db, c, as_of, known_at,
                                                                 max_anchor_age),
                                                    max_anchor_age),
                        max_anchor_age=max_anchor_age)
    emit_report(fmt, "holdings", data)
    _after_today(as_of)


def capital(companies: tuple[str, ...], every: bool, as_of: str | None, known_at: str | None,
            db: str | None, fmt: str) -> None:
    """Capital structure as of a date: notes outstanding, equity raised, stakes held,
    acquisitions, workforce changes and the latest reported results.

    Several companies, or --all, give one comparison table (a JSON list with --json).
    """
    data = _one_or_many("capital", companies, every, as_of, known_at, db,
                        lambda c: api.capital_json(api.capital(db, c, as_of, known_at)))
    emit_report(fmt, "capital", data)
    _after_today(as_of)


def history(company: str, types: tuple[str, ...], start: str | None, end: str | None,
            source: str | None, by: str | None, known_at: str | None, db: str | None,
            fmt: str) -> None:
    """Every record of a company in the order the ledger recorded them.

    A corrected record shows its current values (its original is in 'caledger show ID');
    each correction shows what it changed and why.
    """
    emit_report(fmt, "history", api.history(db, company, known_at, types=types, start=start,
                                            end=end, source=source, by=by))


def companies(known_at: str | None, db: str | None, fmt: str) -> None:
    """The companies in the ledger and how many records each has."""
    emit_report(fmt, "companies", api.companies(db, known_at))


def show(record_id: str, known_at: str | None, db: str | None, fmt: str) -> None:
    """A record with its whole amendment history."""
    emit_report(fmt, "show", api.show(db, record_id, known_at))


# --- shares, dilution and per-share figures --------------------------------------------------


def shares(company: str, as_of: str | None, known_at: str | None, db: str | None, fmt: str) -> None:
    """Shares outstanding as of a date: basic, convertible notes as converted, other dilutive
    securities, and assumed diluted (their sum)."""
    emit_report(fmt, "shares", api.shares(db, company, as_of, known_at))
    _after_today(as_of)


def kpi(company: str, as_of: str | None, since: str | None, known_at: str | None,
        max_price_age: int | None, max_anchor_age: int | None, db: str | None,
        fmt: str) -> None:
    """BTC and sats per share as of a date; with --since, BTC yield and BTC gain over the
    period (both share counts on the later date's split basis), and the BTC $ Gain (the BTC
    gain at the as-of day's BTC close)."""
    emit_report(fmt, "kpi", api.kpi(db, company, as_of, since, known_at, max_price_age,
                                    max_anchor_age))
    _after_today(as_of)


def value(companies: tuple[str, ...], every: bool, as_of: str | None, since: str | None,
          max_price_age: int | None, known_at: str | None, db: str | None, fmt: str) -> None:
    """What the bitcoin is worth: market value, cost basis (aggregate and average),
    unrealized gain, BTC NAV per share, market capitalisation and mNAV (basic and diluted);
    with --since, the realized gain and BTC $ Gain over the period. Each figure says what
    it rests on, and is not known (never 0) when any input is.

    Several companies, or --all, give one comparison table (a JSON list with --json).
    """
    _which(companies, every)
    found = api.values(db, None if every else list(companies), as_of, known_at, since=since,
                       max_price_age=max_price_age)
    emit_report(fmt, "value", found[0] if len(companies) == 1 and not every else found)
    _after_today(as_of)


def operations(companies: tuple[str, ...], every: bool, as_of: str | None,
               known_at: str | None, db: str | None, fmt: str) -> None:
    """A miner's operating figures as of a date: hashrate (the latest stated), blocks won
    and bitcoin produced (for the period ending that day), from its operations_reported
    records; explain ops.hashrate_ehs says what each rests on."""
    report_command("operations", companies, every, as_of, known_at, db, fmt)


def series(company: str, start: str, end: str | None, every: str, figures: tuple[str, ...],
           known_at: str | None, max_anchor_age: int | None, db: str | None, fmt: str) -> None:
    """A figure at the end of each month, quarter or year, with each period's change split
    into what recorded flows explain and what disclosed balances moved.

    Each value is exactly what 'holdings --as-of' prints for that day.
    """
    data = api.series(db, company, start, end, every, list(figures) or ["btc.total"], known_at,
                      max_anchor_age)
    emit_report(fmt, "series", data)


# --- change feed and exports -----------------------------------------------------------------


def changes(company: str | None, since: str, until: str | None, by: str | None,
            db: str | None, fmt: str) -> None:
    """Every record, correction and retraction stored after --since up to --until, and the
    holdings they moved (before: as known at --since; after: as known at --until)."""
    emit_report(fmt, "changes", api.changes(db, company, since, until, by=by))


# --- auditing ---------------------------------------------------------------------------------


def explain(company: str, figure: str, as_of: str | None, since: str | None,
            known_at: str | None, max_price_age: int | None, max_anchor_age: int | None,
            db: str | None, fmt: str) -> None:
    # The help: query.EXPLAIN_HELP, which lists the figures each report explains.
    from ..render import audit as render_audit

    emit(fmt, api.explain(db, company, figure, as_of, known_at, since, max_price_age,
                          max_anchor_age),
         render_audit.EXPLAIN)
    _after_today(as_of)


def reconcile(company: str | None, every: bool, known_at: str | None, strict: bool,
              db: str | None, fmt: str) -> None:
    """Check the company's own figures: balances rolled forward, stated changes, negative
    buckets, and actions that look reported twice."""
    from ..render import audit as render_audit

    if (company is None) == (not every):
        raise BadQuery("name a company (e.g. MARA) or give --all, not both"
                       if every else "name a company (e.g. MARA), or --all")
    if every:  # printed company by company as each is done
        reports: list[dict[str, Any]] = []
        for chunk in render_audit.reconcile_all(fmt, api.reconcile_all(db, known_at), reports):
            echo(chunk, nl=False)
    else:
        reports = [api.reconcile(db, company, known_at)]  # type: ignore[arg-type]
        emit_report(fmt, "reconcile", reports[0])
    unexplained = [data for data in reports if data["issues"]]
    if strict and unexplained:
        for data in unexplained:
            echo(f"error: {data['company']}: "
                 f"{render.count(data['issues'], 'unexplained item')}", err=True)
        sys.exit(1)
