"""The query commands' options, for click: what a company held, owed, issued and recorded,
as of a date and as the ledger knew it at a moment. Each command's body is the function of
the same name in ``queries.py``; ``fast.GRAMMAR`` is generated from what is declared here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from projections.readmodel_names import SERIES_FIGURES

from .. import reports
from . import queries
from .group import cli
from .options import (
    as_of_option,
    command_options,
    known_at_option,
    span_options,
)


def command(body: Callable[..., None], *decorators: Callable[[Callable], Callable],
            **attrs: Any) -> click.Command:
    """``body`` (a function of ``queries.py``: its name the command's, its docstring the
    help unless ``attrs`` give one) as a command of ``cli``, with ``decorators`` as they
    would be stacked above it."""
    for decorate in reversed(decorators):
        body = decorate(body)
    return cli.command(**attrs)(body)


def companies_argument(f: Callable) -> Callable:
    f = click.option("--all", "every", is_flag=True, help="Every company in the ledger.")(f)
    return click.argument("companies", nargs=-1, metavar="COMPANY...")(f)


holdings = command(
    queries.holdings,
    companies_argument,
    as_of_option,
    known_at_option,
    click.option("--max-anchor-age", type=int, default=None, metavar="DAYS",
                 help="The most days a figure may be carried forward from the disclosed "
                      "balance it starts from (default: no limit); beyond it, not known."),
    command_options(),
)


capital = command(
    queries.capital,
    companies_argument,
    as_of_option,
    known_at_option,
    command_options(),
)


history = command(
    queries.history,
    click.argument("company"),
    click.option("--type", "types", multiple=True, metavar="TYPE",
                 help="Only records of this type (as they stand now), with their corrections and "
                      "retractions; 'correction' or 'retraction' for only those. Repeatable."),
    click.option("--from", "start", default=None, metavar="WHEN",
                 help="Only records whose effective period reaches this date, month, quarter or "
                      "year (its first day) or later."),
    click.option("--to", "end", default=None, metavar="WHEN",
                 help="Only records whose effective period starts by this date, month, quarter "
                      "or year (its last day)."),
    click.option("--source", default=None, metavar="DOC[:LINE]",
                 help="Only records citing this document (or this line of it)."),
    click.option("--by", default=None, metavar="NAME",
                 help="Only rows recorded by NAME (a PostgreSQL role, or the name a SQLite "
                      "writer gave); 'not recorded' for those stored before the ledger kept it."),
    known_at_option,
    command_options(),
)


companies = command(
    queries.companies,
    known_at_option,
    command_options(),
)


show = command(
    queries.show,
    click.argument("record_id", metavar="ID"),
    known_at_option,
    command_options(),
)


shares = command(
    queries.shares,
    click.argument("company"),
    as_of_option,
    known_at_option,
    command_options(),
)


kpi = command(
    queries.kpi,
    click.argument("company"),
    as_of_option,
    click.option("--since", default=None, metavar="DATE",
                 help="The start of the period for BTC yield and gain: a date, or a month, "
                      "quarter or year (its last day), e.g. 2025-12-31 or 2025-Q4."),
    known_at_option,
    click.option("--max-price-age", type=int, default=None, metavar="DAYS",
                 help="For the BTC $ Gain: the oldest BTC close it may use, in days (default 7)."),
    click.option("--max-anchor-age", type=int, default=None, metavar="DAYS",
                 help="The most days a figure may be carried forward from the disclosed "
                      "balance it starts from (default: no limit); beyond it, not known."),
    command_options(),
)


value = command(
    queries.value,
    companies_argument,
    as_of_option,
    click.option("--since", default=None, metavar="DATE",
                 help="The start of the period for the realized gain and BTC $ Gain."),
    click.option("--max-price-age", type=int, default=None, metavar="DAYS",
                 help="The oldest close a figure may use, in days before --as-of (default 7); "
                      "with none that recent, the figure is not known."),
    known_at_option,
    command_options(),
)


operations = command(
    queries.operations,
    companies_argument,
    as_of_option,
    known_at_option,
    command_options(),
)


series = command(
    queries.series,
    click.argument("company"),
    span_options,
    click.option("--every", type=click.Choice(["month", "quarter", "year"]), default="quarter",
                 show_default=True, help="One row per month, quarter or year."),
    click.option("--figure", "figures", multiple=True, metavar="FIGURE",
                 help="One of " + ", ".join(SERIES_FIGURES) + " (default btc.total); repeat "
                      "for several."),
    known_at_option,
    click.option("--max-anchor-age", type=int, default=None, metavar="DAYS",
                 help="The most days a figure may be carried forward from the disclosed "
                      "balance it starts from (default: no limit); beyond it, not known."),
    command_options(),
)


changes = command(
    queries.changes,
    click.argument("company", required=False),
    click.option("--since", required=True, metavar="WHEN",
                 help="From just after this moment: an ISO 8601 timestamp or @N (as --known-at)."),
    click.option("--until", "--known-at", "until", default=None, metavar="WHEN",
                 help="Up to and including this moment, as --known-at takes it (default: now); "
                      "--known-at is a synonym."),
    click.option("--by", default=None, metavar="NAME",
                 help="Only what NAME recorded (a PostgreSQL role, or the name a SQLite writer "
                      "gave), with the holdings of the companies it touched; 'not recorded' for "
                      "events stored before the ledger kept it."),
    command_options("atom"),
)


# --- auditing ---------------------------------------------------------------------------------


EXPLAIN_HELP = ("How a figure was derived, step by step, ending in exactly what its report "
                "(holdings, capital, ...) prints.\n\n" + reports.explain_help())


explain = command(
    queries.explain,
    click.argument("company"),
    click.argument("figure", default="btc.total"),
    as_of_option,
    click.option("--since", default=None, metavar="DATE",
                 help="For kpi.btc_yield, kpi.btc_gain and kpi.*.since: the period's start."),
    known_at_option,
    click.option("--max-price-age", type=int, default=None, metavar="DAYS",
                 help="For value.*: the oldest close a figure may use, in days (default 7)."),
    click.option("--max-anchor-age", type=int, default=None, metavar="DAYS",
                 help="The most days a figure may be carried forward from the disclosed "
                      "balance it starts from (default: no limit); beyond it, not known."),
    command_options(),
    help=EXPLAIN_HELP,
)


reconcile = command(
    queries.reconcile,
    click.argument("company", required=False),
    click.option("--all", "every", is_flag=True,
                 help="Every company in the ledger (a JSON list of the one-company reports)."),
    known_at_option,
    click.option("--strict", is_flag=True,
                 help="Exit non-zero when anything is unexplained (to gate a pipeline)."),
    command_options(),
)
