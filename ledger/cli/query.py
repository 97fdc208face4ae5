"""The query commands: what a company held, owed, issued and recorded, as of a date and as the
ledger knew it at a moment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from projections.readmodel_names import SERIES_FIGURES

from .. import api
from ..errors import BadQuery
from .group import cli
from .options import (
    as_of_option,
    command_options,
    emit_report,
    known_at_option,
    span_options,
)

# --- querying ---------------------------------------------------------------------------------


def companies_argument(f: Callable) -> Callable:
    f = click.option("--all", "every", is_flag=True, help="Every company in the ledger.")(f)
    return click.argument("companies", nargs=-1, metavar="COMPANY...")(f)


def _which(companies: tuple[str, ...], every: bool) -> None:
    if not companies and not every:
        raise BadQuery("name a company (e.g. MARA), several, or --all")
    if companies and every:
        raise BadQuery("name companies or give --all, not both")


def report_command(name: str, companies: tuple[str, ...], every: bool, as_of: str | None,
                   known_at: str | None, db: str | None, fmt: str, **opts: Any) -> None:
    """What a report's command does: compute report ``name`` for one company, several or
    ``--all`` (``api.report``), and print it with its printer."""
    _which(companies, every)
    emit_report(fmt, name, api.report(db, name, None if every else list(companies), as_of,
                                      known_at, **opts))


def _one_or_many(what: str, companies: tuple[str, ...], every: bool, as_of: str | None,
                 known_at: str | None, db: str | None,
                 one: Callable[[str], dict[str, Any]]) -> dict[str, Any] | list[dict[str, Any]]:
    """One company: its full report (a dict). Several, or --all: a list of them."""
    _which(companies, every)
    if len(companies) == 1 and not every:
        return one(companies[0])
    return api.compare(db, what, list(companies), as_of, known_at, every=every)


@cli.command()
@companies_argument
@as_of_option
@known_at_option
@command_options()
def holdings(companies: tuple[str, ...], every: bool, as_of: str | None, known_at: str | None,
             db: str | None, fmt: str) -> None:
    """Bitcoin a company held as of a date: total, loaned, pledged, unencumbered, and the
    flows counted on top of the disclosed balance it starts from.

    Several companies, or --all, give one comparison table (a JSON list with --json).
    """
    data = _one_or_many("holdings", companies, every, as_of, known_at, db,
                        lambda c: api.holdings_json(api.holdings(db, c, as_of, known_at)))
    emit_report(fmt, "holdings", data)


@cli.command()
@companies_argument
@as_of_option
@known_at_option
@command_options()
def capital(companies: tuple[str, ...], every: bool, as_of: str | None, known_at: str | None,
            db: str | None, fmt: str) -> None:
    """Capital structure as of a date: notes outstanding, equity raised, stakes held,
    acquisitions, workforce changes and the latest reported results.

    Several companies, or --all, give one comparison table (a JSON list with --json).
    """
    data = _one_or_many("capital", companies, every, as_of, known_at, db,
                        lambda c: api.capital_json(api.capital(db, c, as_of, known_at)))
    emit_report(fmt, "capital", data)


@cli.command()
@click.argument("company")
@click.option("--type", "types", multiple=True, metavar="TYPE",
              help="Only records of this type (as they stand now), with their corrections and "
                   "retractions; 'correction' or 'retraction' for only those. Repeatable.")
@click.option("--from", "start", default=None, metavar="WHEN",
              help="Only records whose effective period reaches this date, month, quarter or "
                   "year (its first day) or later.")
@click.option("--to", "end", default=None, metavar="WHEN",
              help="Only records whose effective period starts by this date, month, quarter "
                   "or year (its last day).")
@click.option("--source", default=None, metavar="DOC[:LINE]",
              help="Only records citing this document (or this line of it).")
@click.option("--by", default=None, metavar="NAME",
              help="Only rows recorded by NAME (a PostgreSQL role, or the name a SQLite "
                   "writer gave); 'not recorded' for those stored before the ledger kept it.")
@known_at_option
@command_options()
def history(company: str, types: tuple[str, ...], start: str | None, end: str | None,
            source: str | None, by: str | None, known_at: str | None, db: str | None,
            fmt: str) -> None:
    """Every record of a company in the order the ledger recorded them.

    A corrected record shows its current values (its original is in 'caledger show ID');
    each correction shows what it changed and why.
    """
    emit_report(fmt, "history", api.history(db, company, known_at, types=types, start=start,
                                            end=end, source=source, by=by))


@cli.command()
@known_at_option
@command_options()
def companies(known_at: str | None, db: str | None, fmt: str) -> None:
    """The companies in the ledger and how many records each has."""
    emit_report(fmt, "companies", api.companies(db, known_at))


@cli.command()
@click.argument("record_id", metavar="ID")
@known_at_option
@command_options()
def show(record_id: str, known_at: str | None, db: str | None, fmt: str) -> None:
    """A record with its whole amendment history."""
    emit_report(fmt, "show", api.show(db, record_id, known_at))


# --- shares, dilution and per-share figures --------------------------------------------------


@cli.command()
@click.argument("company")
@as_of_option
@known_at_option
@command_options()
def shares(company: str, as_of: str | None, known_at: str | None, db: str | None, fmt: str) -> None:
    """Shares outstanding as of a date: basic, convertible notes as converted, other dilutive
    securities, and assumed diluted (their sum)."""
    emit_report(fmt, "shares", api.shares(db, company, as_of, known_at))


@cli.command()
@click.argument("company")
@as_of_option
@click.option("--since", default=None, metavar="DATE",
              help="The start of the period for BTC yield and gain: a date, or a month, "
                   "quarter or year (its last day), e.g. 2025-12-31 or 2025-Q4.")
@known_at_option
@click.option("--max-price-age", type=int, default=None, metavar="DAYS",
              help="For the BTC $ Gain: the oldest BTC close it may use, in days (default 7).")
@command_options()
def kpi(company: str, as_of: str | None, since: str | None, known_at: str | None,
        max_price_age: int | None, db: str | None, fmt: str) -> None:
    """BTC and sats per share as of a date; with --since, BTC yield and BTC gain over the
    period (both share counts on the later date's split basis), and the BTC $ Gain (the BTC
    gain at the as-of day's BTC close)."""
    emit_report(fmt, "kpi", api.kpi(db, company, as_of, since, known_at, max_price_age))


@cli.command()
@companies_argument
@as_of_option
@click.option("--since", default=None, metavar="DATE",
              help="The start of the period for the realized gain and BTC $ Gain.")
@click.option("--max-price-age", type=int, default=None, metavar="DAYS",
              help="The oldest close a figure may use, in days before --as-of (default 7); "
                   "with none that recent, the figure is not known.")
@known_at_option
@command_options()
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


@cli.command()
@companies_argument
@as_of_option
@known_at_option
@command_options()
def operations(companies: tuple[str, ...], every: bool, as_of: str | None,
               known_at: str | None, db: str | None, fmt: str) -> None:
    """A miner's operating figures as of a date: hashrate (the latest stated), blocks won
    and bitcoin produced (for the period ending that day), from its operations_reported
    records; explain ops.hashrate_ehs says what each rests on."""
    report_command("operations", companies, every, as_of, known_at, db, fmt)


@cli.command()
@click.argument("company")
@span_options
@click.option("--every", type=click.Choice(["month", "quarter", "year"]), default="quarter",
              show_default=True, help="One row per month, quarter or year.")
@click.option("--figure", "figures", multiple=True, metavar="FIGURE",
              help="One of " + ", ".join(SERIES_FIGURES) + " (default btc.total); repeat "
                   "for several.")
@known_at_option
@command_options()
def series(company: str, start: str, end: str | None, every: str, figures: tuple[str, ...],
           known_at: str | None, db: str | None, fmt: str) -> None:
    """A figure at the end of each month, quarter or year, with each period's change split
    into what recorded flows explain and what disclosed balances moved.

    Each value is exactly what 'holdings --as-of' prints for that day.
    """
    data = api.series(db, company, start, end, every, list(figures) or ["btc.total"], known_at)
    emit_report(fmt, "series", data)


# --- change feed and exports -----------------------------------------------------------------


@cli.command()
@click.argument("company", required=False)
@click.option("--since", required=True, metavar="WHEN",
              help="From just after this moment: an ISO 8601 timestamp or @N (as --known-at).")
@click.option("--until", "--known-at", "until", default=None, metavar="WHEN",
              help="Up to and including this moment, as --known-at takes it (default: now); "
                   "--known-at is a synonym.")
@click.option("--by", default=None, metavar="NAME",
              help="Only what NAME recorded (a PostgreSQL role, or the name a SQLite writer "
                   "gave), with the holdings of the companies it touched; 'not recorded' for "
                   "events stored before the ledger kept it.")
@command_options("atom")
def changes(company: str | None, since: str, until: str | None, by: str | None,
            db: str | None, fmt: str) -> None:
    """Every record, correction and retraction stored after --since up to --until, and the
    holdings they moved (before: as known at --since; after: as known at --until)."""
    emit_report(fmt, "changes", api.changes(db, company, since, until, by=by))


