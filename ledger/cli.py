"""The ``caledger`` command: parse arguments, call one library function, format the answer.

No business rule lives here. Errors from the library arrive as ``CaledgerError`` carrying
its ``Problem``s; each goes to stderr as its one line, with a non-zero exit and never a
traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from projections.readmodel_names import SERIES_FIGURES

from . import api, kinds, render, reports
from .errors import BadQuery, CaledgerError, RejectedInput
from .render import audit as render_audit
from .render import records as render_records

# --- shared options -------------------------------------------------------------------------


def db_option(f: Callable) -> Callable:
    return click.option(
        "--db", envvar="CALEDGER_DB", default=None, metavar="PATH",
        help="The ledger: a SQLite file path or a postgresql:// URL [env CALEDGER_DB; default ./caledger.db].",
    )(f)


def known_at_option(f: Callable) -> Callable:
    return click.option(
        "--known-at", default=None, metavar="WHEN",
        help="Answer as the ledger knew it then: an ISO 8601 timestamp (UTC if no offset; a "
             "bare date means the end of that day) or @N, the store position N.",
    )(f)


def as_of_option(f: Callable) -> Callable:
    return click.option(
        "--as-of", default=None, metavar="DAY",
        help="The effective date: YYYY-MM-DD, or a month (2025-09), quarter (2025-Q3) or "
             "year (2025), meaning its last day [default: today, UTC].",
    )(f)


def output_options(*extra: str) -> Callable[[Callable], Callable]:
    """``--format text|json|csv`` (plus ``extra`` formats) and ``--json``, its synonym.

    The command receives one ``fmt`` argument; pass it to ``emit`` with the report's data
    and its ``render.Printer``.
    """
    formats = (*render.FORMATS, *extra)

    def decorate(f: Callable) -> Callable:
        @functools.wraps(f)
        def wrapper(*args: Any, as_json: bool, fmt: str | None, **kwargs: Any) -> Any:
            if as_json and fmt not in (None, "json"):
                raise click.UsageError(f"--json and --format {fmt} disagree; give one of them")
            return f(*args, fmt="json" if as_json else (fmt or "text"), **kwargs)

        wrapper = click.option("--json", "as_json", is_flag=True,
                               help="Same as --format json.")(wrapper)
        return click.option("--format", "fmt", type=click.Choice(formats), default=None,
                            help="text (default), json (amounts are decimal strings)"
                                 + (", csv (a header row, then one row per figure or record)"
                                    if "csv" in formats else "")
                                 + "".join(f", {x}" for x in extra) + ".")(wrapper)
    return decorate


def report_command(name: str, companies: tuple[str, ...], every: bool, as_of: str | None,
                   known_at: str | None, db: str | None, fmt: str, **opts: Any) -> None:
    """What a report's command does: compute report ``name`` for one company, several or
    ``--all`` (``api.report``), and print it with its printer."""
    _which(companies, every)
    emit_report(fmt, name, api.report(db, name, None if every else list(companies), as_of,
                                      known_at, **opts))


def emit_report(fmt: str, name: str, data: Any) -> None:
    """Print report ``name``'s data with its printer, looked up in the registry."""
    from . import reports

    emit(fmt, data, reports.printer(name))


def emit(fmt: str, data: Any, printer: render.Printer) -> None:
    """Print a report's data in the chosen format."""
    if fmt not in printer.formats:
        raise BadQuery(f"--format {fmt}: this command offers " + ", ".join(printer.formats))
    click.echo(render.render(fmt, data, printer))


def reports_errors(f: Callable) -> Callable:
    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except CaledgerError as e:
            for problem in e.details:  # each a ledger.errors.Problem, as its one line
                click.echo(f"error: {problem.line()}", err=True)
            sys.exit(e.exit_code)
    return wrapper


def command_options(*extra: str) -> Callable[[Callable], Callable]:
    """What every command that opens a ledger takes: ``--db``, the output options
    (``output_options(*extra)``), and its errors reported as one line each."""
    def decorate(f: Callable) -> Callable:
        return db_option(output_options(*extra)(reports_errors(f)))
    return decorate


def writer_options(f: Callable) -> Callable:
    """``--as NAME`` and ``--sign KEY``: who the events a write stores are recorded by (on
    SQLite; on PostgreSQL always the session's database role) and the key that signs them."""
    @functools.wraps(f)
    def wrapper(*args: Any, as_user: str | None, sign: str | None, **kwargs: Any) -> Any:
        from .provenance import acting

        with acting(as_user, sign):
            return f(*args, **kwargs)

    wrapper = click.option(
        "--sign", default=None, metavar="KEY",
        help="Sign every stored event with this private key (caledger keygen) [env "
             "CALEDGER_SIGNING_KEY]; verify --keyring DIR checks the signatures.")(wrapper)
    return click.option(
        "--as", "as_user", default=None, metavar="NAME",
        help="Who records it, on SQLite [env CALEDGER_USER; default: the operating-system "
             "user]; on PostgreSQL it is always the session's database role.")(wrapper)


class CaledgerGroup(click.Group):
    """Reports click's own usage errors as one ``error:`` line, like every other error;
    with no command at all, prints the help and exits 0."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            click.echo(ctx.get_help(), color=ctx.color)
            ctx.exit(0)
        return super().parse_args(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as e:
            hint = f" (see '{e.ctx.command_path} --help')" if e.ctx else ""
            click.echo(f"error: {e.format_message()}{hint}", err=True)
            sys.exit(e.exit_code)
        except click.ClickException as e:
            click.echo(f"error: {e.format_message()}", err=True)
            sys.exit(e.exit_code)
        except click.Abort:
            click.echo("error: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=CaledgerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="caledger")
def cli() -> None:
    """caledger: an event-sourced ledger of disclosed corporate actions.

    Record each disclosed action once, citing where it was disclosed; ask what a company held
    on any date, as the ledger knew it at any moment.
    """


def force_option(f: Callable) -> Callable:
    return click.option(
        "--force", is_flag=True,
        help="Replace an existing output file even if it is not one this command writes "
             "(never the ledger itself, nor any SQLite database).")(f)


# --- writing ----------------------------------------------------------------------------------

_TYPE_FIELDS = sorted({name for fields in kinds.FIELDS.values() for name in fields})
_FLAGS = set(kinds.FLAGS)


def _append_options(f: Callable) -> Callable:
    for name in reversed(_TYPE_FIELDS):
        option = "--" + name.replace("_", "-")
        if name in _FLAGS:
            f = click.option(f"{option}/--not-{name}", name, default=None,
                             help=f"{name} (for the types that have it).")(f)
        else:
            f = click.option(option, name, default=None, metavar="VALUE",
                             help=f"{name} (for the types that have it).")(f)
    return f


def _types_epilog() -> str:
    """The record types and their own options, for ``append --help``."""
    width = max(map(len, kinds.TYPES))
    lines = [f"  {t:<{width}}  " + " ".join("--" + n.replace("_", "-")
                                              for n in kinds.FIELDS[t])
             for t in kinds.TYPES]
    return ("TYPE is one of these, each with its own options (besides --company, --effective, "
            "--disclosed, --source and --note; see the README for which are optional):\n\n"
            "\b\n" + "\n".join(lines))


def _parse_source(text: str) -> dict[str, Any]:
    document, sep, line = text.rpartition(":")
    if not sep or not document or not line.isdigit():
        raise RejectedInput(f'append: --source "{text}": write it as DOCUMENT:LINE, '
                            'e.g. 003_c65e9beb0fefa6f0.txt:13')
    return {"document": document, "line": int(line)}


@cli.command(epilog=_types_epilog())
@click.argument("record_type", metavar="TYPE", type=click.Choice(list(kinds.TYPES)))
@click.option("--id", "record_id", default=None,
              help="Idempotency key; derived from the content when omitted.")
@click.option("--company", default=None, help="Ticker, e.g. MARA (known names resolve to it).")
@click.option("--effective", default=None,
              help="When it happened: 2025-09-30, 2025-08, 2024-Q4, 2025 or START/END.")
@click.option("--disclosed", default=None, help="Publication date, YYYY-MM-DD.")
@click.option("--source", "sources", multiple=True, metavar="DOC:LINE",
              help="Where it was disclosed; repeat for several sources.")
@click.option("--note", default=None, help="Free text, e.g. what the source leaves vague.")
@_append_options
@command_options()
@writer_options
def append(record_type: str, record_id: str | None, company: str | None, effective: str | None,
           disclosed: str | None, sources: tuple[str, ...], note: str | None, db: str | None,
           fmt: str, **type_fields: Any) -> None:
    """Record one disclosed action and print its id."""
    fields: dict[str, Any] = {"id": record_id, "company": company, "effective": effective,
                              "disclosed": disclosed, "note": note, **type_fields}
    if sources:
        fields["sources"] = [_parse_source(s) for s in sources]
    _report_added(api.append(db, record_type, fields), fmt)


def _report_added(report: api.AppendReport, fmt: str) -> None:
    emit(fmt, report.to_json(), render_records.ADDED)
    if not report.added and fmt == "text":
        click.echo(f"{report.id}: already recorded with the same content; nothing added",
                   err=True)


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, metavar="FILE... | -")
@command_options()
@writer_options
def import_(files: tuple[str, ...], db: str | None, fmt: str) -> None:
    """Import records from JSON Lines files or JSON arrays (- reads stdin).

    All or nothing: if any record in any file is invalid, every problem is listed with its
    file and line, and nothing is stored.
    """
    with progress_bar() as tick:
        report = api.import_files(db, list(files), progress=tick)
    emit(fmt, report.to_json(), render_records.IMPORT)


@contextmanager
def progress_bar() -> Iterator[Callable[[str, int], None] | None]:
    """A live count per phase on stderr when it is a terminal; nothing otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    import time

    state: dict[str, Any] = {"phase": None, "count": 0, "start": 0.0, "shown": 0.0}

    def show(end: str = "") -> None:
        elapsed = time.monotonic() - state["start"]
        rate = f" ({state['count'] / elapsed:,.0f}/s)" if elapsed > 0.5 else ""
        sys.stderr.write(f"\r{state['phase']:<11} {state['count']:>12,} records{rate}\033[K{end}")
        sys.stderr.flush()

    def update(phase: str, n: int) -> None:
        now = time.monotonic()
        if phase != state["phase"]:
            if state["phase"] is not None:
                show("\n")
            state.update(phase=phase, count=0, start=now, shown=0.0)
        state["count"] += n
        if now - state["shown"] >= 0.1:
            state["shown"] = now
            show()

    try:
        yield update
    finally:
        if state["phase"] is not None:
            show("\n")


# --- querying ---------------------------------------------------------------------------------


def companies_argument(f: Callable) -> Callable:
    f = click.option("--all", "every", is_flag=True, help="Every company in the ledger.")(f)
    return click.argument("companies", nargs=-1, metavar="COMPANY...")(f)


def _which(companies: tuple[str, ...], every: bool) -> None:
    if not companies and not every:
        raise BadQuery("name a company (e.g. MARA), several, or --all")
    if companies and every:
        raise BadQuery("name companies or give --all, not both")


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
@command_options()
def rebuild(db: str | None, fmt: str) -> None:
    """Drop the read model and replay the whole event log into it."""
    with progress_bar() as tick:
        report = api.rebuild(db, tick)
    emit(fmt, report.to_json(), render_records.REBUILD)


# --- amending ------------------------------------------------------------------------------------


@cli.command()
@click.argument("record_id", metavar="ID")
@click.option("--reason", default=None, help="Why the record is corrected (required).")
@click.option("--type", "new_type", default=None, type=click.Choice(list(kinds.TYPES)),
              help="Change the type (e.g. a purchase that was really mined).")
@click.option("--id", "correction_id", default=None,
              help="The correction's own idempotency key; derived from the content if omitted.")
@click.option("--company", default=None, hidden=True)
@click.option("--effective", default=None, help="New effective period.")
@click.option("--disclosed", default=None, help="New publication date.")
@click.option("--source", "sources", multiple=True, metavar="DOC:LINE",
              help="Replace the sources (repeat for several).")
@click.option("--note", default=None, help="New note.")
@click.option("--unset", multiple=True, metavar="FIELD", help="Drop an optional field.")
@_append_options
@command_options()
@writer_options
def correct(record_id: str, reason: str | None, new_type: str | None, correction_id: str | None,
            company: str | None, effective: str | None, disclosed: str | None,
            sources: tuple[str, ...], note: str | None, unset: tuple[str, ...], db: str | None,
            fmt: str, **type_fields: Any) -> None:
    """Correct a record: its current content with the given fields replaced.

    The record stays in the log; from now on the replacement counts instead, and --known-at
    an earlier moment still sees the original. Prints the correction's id.
    """
    fields: dict[str, Any] = {"company": company, "effective": effective,
                              "disclosed": disclosed, "note": note, **type_fields}
    if sources:
        fields["sources"] = [_parse_source(s) for s in sources]
    report = api.correct(db, record_id, reason=reason, fields=fields, new_type=new_type,
                         unset=unset, correction_id=correction_id)
    _report_added(report, fmt)


@cli.command()
@click.argument("record_id", metavar="ID")
@click.option("--reason", default=None, help="Why the record is retracted (required).")
@click.option("--id", "retraction_id", default=None,
              help="The retraction's own idempotency key; derived if omitted.")
@command_options()
@writer_options
def retract(record_id: str, reason: str | None, retraction_id: str | None, db: str | None,
            fmt: str) -> None:
    """Retract a record: it stays in the log and in history, and stops counting from now on."""
    report = api.retract(db, record_id, reason=reason, retraction_id=retraction_id)
    _report_added(report, fmt)


@cli.command()
@click.argument("record_id", metavar="ID")
@known_at_option
@command_options()
def show(record_id: str, known_at: str | None, db: str | None, fmt: str) -> None:
    """A record with its whole amendment history."""
    emit_report(fmt, "show", api.show(db, record_id, known_at))


# --- auditing -------------------------------------------------------------------------------------


EXPLAIN_HELP = ("How a figure was derived, step by step, ending in exactly what its report "
                "(holdings, capital, ...) prints.\n\n" + reports.explain_help())


@cli.command(help=EXPLAIN_HELP)
@click.argument("company")
@click.argument("figure", default="btc.total")
@as_of_option
@click.option("--since", default=None, metavar="DATE",
              help="For kpi.btc_yield, kpi.btc_gain and kpi.*.since: the period's start.")
@known_at_option
@click.option("--max-price-age", type=int, default=None, metavar="DAYS",
              help="For value.*: the oldest close a figure may use, in days (default 7).")
@command_options()
def explain(company: str, figure: str, as_of: str | None, since: str | None,
            known_at: str | None, max_price_age: int | None, db: str | None, fmt: str) -> None:
    # The help: EXPLAIN_HELP, which lists the figures each report explains (the registry).
    emit(fmt, api.explain(db, company, figure, as_of, known_at, since, max_price_age),
         render_audit.EXPLAIN)


@cli.command()
@click.argument("company", required=False)
@click.option("--all", "every", is_flag=True,
              help="Every company in the ledger (a JSON list of the one-company reports).")
@known_at_option
@click.option("--strict", is_flag=True,
              help="Exit non-zero when anything is unexplained (to gate a pipeline).")
@command_options()
def reconcile(company: str | None, every: bool, known_at: str | None, strict: bool,
              db: str | None, fmt: str) -> None:
    """Check the company's own figures: balances rolled forward, stated changes, negative
    buckets, and actions that look reported twice."""
    if (company is None) == (not every):
        raise BadQuery("name a company (e.g. MARA) or give --all, not both"
                       if every else "name a company (e.g. MARA), or --all")
    if every:  # printed company by company as each is done
        reports: list[dict[str, Any]] = []
        for chunk in render_audit.reconcile_all(fmt, api.reconcile_all(db, known_at), reports):
            click.echo(chunk, nl=False)
    else:
        reports = [api.reconcile(db, company, known_at)]  # type: ignore[arg-type]
        emit_report(fmt, "reconcile", reports[0])
    unexplained = [data for data in reports if data["issues"]]
    if strict and unexplained:
        for data in unexplained:
            click.echo(f"error: {data['company']}: "
                       f"{render.count(data['issues'], 'unexplained item')}", err=True)
        sys.exit(1)


@cli.command()
@click.option("--expect-head", default=None, metavar="HASH@POSITION",
              help="Also check the log still extends a head recorded earlier (the head_hash "
                   "and position of any --json report): nothing cut off, nothing rewritten.")
@click.option("--checkpoint", "checkpoint_file", default=None, metavar="FILE",
              help="Also check against a checkpoint written by caledger checkpoint.")
@click.option("--read-model", is_flag=True,
              help="Also compare the read model with a fresh projection of the log.")
@click.option("--trusted-key", default=None, metavar="KEY.pub",
              help="Check first that the --checkpoint is signed by this public key "
                   "(caledger keygen); a checkpoint it did not sign vouches for nothing.")
@click.option("--keyring", default=None, metavar="DIR",
              help="Also check every stored event's signature against the public keys "
                   "(*.pub) in DIR; name each one unsigned, signed by an unknown key, or "
                   "whose signature fails.")
@command_options()
def verify(db: str | None, fmt: str, expect_head: str | None,
           checkpoint_file: str | None, read_model: bool, trusted_key: str | None,
           keyring: str | None) -> None:
    """Recompute the hash chain over every stored event; name the first that doesn't match."""
    from .render import integrity as render_integrity

    report = api.verify(db, expect_head=expect_head, checkpoint=checkpoint_file,
                        read_model=read_model, trusted_key=trusted_key, keyring=keyring)
    data = report.to_json()
    if fmt != "text" or report.ok:
        emit(fmt, data, render_integrity.VERIFY)
    for problem in report.problems():
        click.echo(f"error: {problem}", err=True)
    for warning in report.warnings():
        click.echo(f"warning: {warning}", err=True)
    if not report.ok:
        sys.exit(1)


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


# --- prices and value ------------------------------------------------------------------------


@cli.command(name="import-prices")
@click.argument("file", metavar="FILE.csv")
@click.option("--asset", required=True, metavar="ASSET",
              help="What the prices are of: BTC, or a company's ticker (e.g. MARA).")
@click.option("--source", required=True, metavar="NAME",
              help="Where the prices come from, e.g. CoinGecko; part of each record's id.")
@click.option("--date-column", default=None, metavar="NAME",
              help="The date column's name, when it is none of the usual ones.")
@click.option("--close-column", default=None, metavar="NAME",
              help="The close column's name, when it is none of the usual ones.")
@command_options()
def import_prices(file: str, asset: str, source: str, date_column: str | None,
                  close_column: str | None, db: str | None, fmt: str) -> None:
    """Import a daily price file (CSV with a header: a date and a close column, as free
    daily-price downloads have them) as price_observed records. All or nothing: a bad line
    is named with its line and column and nothing is stored; importing it again adds
    nothing."""
    from .render import value as render_value

    with progress_bar() as tick:
        data = api.import_prices(db, file, asset, source, date_column=date_column,
                                 close_column=close_column, progress=tick)
    emit(fmt, data, render_value.IMPORT_PRICES)


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


# --- who may write ----------------------------------------------------------------------------


@cli.command()
@click.argument("role")
@click.option("--reader", "level", flag_value="reader",
              help="Every query, verify and checkpoint; no writes.")
@click.option("--writer", "level", flag_value="writer",
              help="A reader that may also append, import, correct and retract.")
@click.option("--owner", "level", flag_value="owner",
              help="Owns the schema: rebuild and schema changes; may change the log.")
@click.option("--sql", "sql_only", is_flag=True,
              help="Print the SQL for a DBA to run instead of running it.")
@command_options()
def grant(role: str, level: str | None, sql_only: bool, db: str | None, fmt: str) -> None:
    """Make an existing PostgreSQL ROLE a reader, writer or owner of the ledger (run as the
    ledger's owner or a superuser). The log refuses UPDATE, DELETE and TRUNCATE to all but
    its owner, and records each event's writer as its session's role."""
    from .render import integrity as render_integrity

    if level is None:
        raise BadQuery("give one of --reader, --writer or --owner")
    emit(fmt, api.grant(db, role, level, apply=not sql_only), render_integrity.GRANT)


# --- checkpoints -------------------------------------------------------------------------------


@cli.command()
@click.option("--output", "-o", default=None, metavar="FILE",
              help="Also write the checkpoint (JSON) to FILE.")
@click.option("--sign", default=None, metavar="KEY",
              help="Sign the checkpoint with this private key (caledger keygen), so anyone "
                   "with KEY.pub can check who vouched for the head.")
@force_option
@command_options()
def checkpoint(output: str | None, sign: str | None, force: bool, db: str | None,
               fmt: str) -> None:
    """Verify the ledger and record its head, to keep or publish elsewhere; check it later
    with caledger verify --checkpoint FILE [--trusted-key KEY.pub]."""
    from .render import integrity as render_integrity

    emit(fmt, api.checkpoint(db, output, force=force, sign=sign), render_integrity.CHECKPOINT)


@cli.command()
@click.argument("key", metavar="KEY")
@click.option("--force", is_flag=True, help="Replace KEY and KEY.pub if they exist.")
@output_options()
@reports_errors
def keygen(key: str, force: bool, fmt: str) -> None:
    """Write a new Ed25519 key pair: the private key to KEY (readable by you only), the
    public key to KEY.pub (give it to whoever checks your checkpoints and events)."""
    from . import signing
    from .render import integrity as render_integrity

    emit(fmt, signing.keygen(key, force=force), render_integrity.KEYGEN)


# --- series, charts and the report page ------------------------------------------------------


def _span_options(f: Callable) -> Callable:
    f = click.option("--to", "end", default=None, metavar="WHEN",
                     help="The last day: a date, or a month, quarter or year (its last day) "
                          "[default: today, UTC].")(f)
    return click.option("--from", "start", required=True, metavar="WHEN",
                        help="The first day: a date, or a month, quarter or year (its first "
                             "day).")(f)


@cli.command()
@click.argument("company")
@_span_options
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


@cli.command()
@click.argument("company")
@_span_options
@click.option("--out", required=True, metavar="FILE.svg|FILE.png",
              help="Where to write the chart; the suffix picks SVG or PNG.")
@force_option
@known_at_option
@command_options()
def chart(company: str, start: str, end: str | None, out: str, force: bool,
          known_at: str | None, db: str | None, fmt: str) -> None:
    """Chart a company's bitcoin holdings: a step line of the total (and loaned/pledged),
    each disclosed balance marked with its source, unexplained variance as a red gap, flows
    in progress on the last day shaded.

    The same ledger always gives the same SVG, byte for byte. Prints what was drawn (the
    step line's corners with --format csv, everything with --json).
    """
    emit_report(fmt, "chart", api.chart(db, company, start, end, out, known_at, force=force))


@cli.command()
@click.argument("company")
@click.option("--out", "out_dir", required=True, metavar="DIR",
              help="The folder to write COMPANY.html into (created if missing).")
@as_of_option
@click.option("--sources", default=None, metavar="DIR",
              help="The folder holding the cited documents, to link each one from the page.")
@force_option
@known_at_option
@command_options()
def report(company: str, out_dir: str, as_of: str | None, sources: str | None, force: bool,
           known_at: str | None, db: str | None, fmt: str) -> None:
    """Write a self-contained HTML page about a company: the chart, holdings at each
    disclosed date, the reconciliation, the capital structure (as of --as-of), each figure
    linked to its explanation and each record to its source, stamped with the store position
    and head hash. It needs nothing from the internet to open.
    """
    from . import report_page
    from .render import report as render_report

    data = api.report_data(db, company, as_of, known_at)
    try:
        path, missing = report_page.write(data, out_dir, sources=sources, ledger=db,
                                          force=force)
    except OSError as e:
        raise BadQuery(f'--out "{out_dir}": can\'t write the page there: '
                       f"{e.strerror or e}") from None
    for document in missing:
        click.echo(f'warning: --sources "{sources}": no document "{document}" there; the page '
                   "names it without a link", err=True)
    emit(fmt, render_report.summary(data, str(path)), render_report.REPORT)


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


@cli.group()
def export() -> None:
    """Write the ledger's bitcoin holdings as a journal another tool checks."""


def _export_command(journal: str, checked_by: str) -> None:
    @export.command(name=journal, help=f"A {journal} journal ({checked_by} accepts it): one account per "
                    "company and bucket, each flow a transaction at its period end, each "
                    "disclosed balance an assertion, each unexplained gap an explicit "
                    "adjustment. Flows in progress at --as-of are listed, not moved.")
    @click.argument("companies", nargs=-1, metavar="[COMPANY]...")
    @click.option("--as-of", default=None, metavar="DATE",
                  help="Only periods ended by this date (default: every period).")
    @known_at_option
    @click.option("--out", required=True, metavar="FILE",
                  help="The journal to write (- for stdout).")
    @force_option
    @command_options()
    def command(companies: tuple[str, ...], as_of: str | None, known_at: str | None, out: str,
                force: bool, db: str | None, fmt: str) -> None:
        data = api.export(db, journal, list(companies), None if out == "-" else out, as_of,
                          known_at, force=force)
        if out == "-":
            click.echo(data["journal"], nl=False)
            return
        emit_report(fmt, "export", data)


_export_command("beancount", "bean-check")
_export_command("hledger", "hledger check")


# --- getting data in: XBRL and drafts --------------------------------------------------------


@cli.command(name="import-xbrl")
@click.argument("file", required=False, metavar="[FILE]")
@click.option("--company", default=None,
              help="Ticker the records are about, e.g. MARA (not with --bulk).")
@click.option("--dry-run", is_flag=True,
              help="Print the records it would import (import format); store nothing.")
@click.option("--accession", default=None, metavar="ACCN",
              help="For a filing: its accession number, e.g. 0001999001-25-000020 (else read "
                   "from an EDGAR header in its zip or from its file name).")
@click.option("--filed", default=None, metavar="DATE",
              help="For a filing: its filing date, YYYY-MM-DD (else read from an EDGAR header "
                   "in its zip).")
@click.option("--form", default=None, metavar="FORM",
              help="For a filing without dei:DocumentType: its form, e.g. 10-Q.")
@click.option("--bulk", "bulk", default=None, metavar="ZIP",
              help="EDGAR's bulk company-facts archive (companyfacts.zip): every filer with "
                   "bitcoin or share facts, all or nothing.")
@click.option("--tickers", default=None, metavar="FILE.csv",
              help="For --bulk: CIK,TICKER lines (else each filer's own trading symbol).")
@click.option("--only-crypto", is_flag=True,
              help="For --bulk: only filers with bitcoin facts.")
@click.option("--keep-going", is_flag=True,
              help="For --bulk: leave out a filer that can't be read (named in the summary) "
                   "instead of refusing the import.")
@click.option("--fetch", "fetch_cik", default=None, metavar="CIK",
              help="Download the company facts of CIK first (to FILE, default "
                   "CIK##########.json); needs --user-agent.")
@click.option("--user-agent", envvar="CALEDGER_SEC_USER_AGENT", default=None,
              help="For --fetch: who is asking, with an e-mail, as the SEC requires "
                   "[env CALEDGER_SEC_USER_AGENT].")
@force_option
@command_options()
@writer_options
def import_xbrl(file: str | None, company: str | None, dry_run: bool, accession: str | None,
                filed: str | None, form: str | None, bulk: str | None, tickers: str | None,
                only_crypto: bool, keep_going: bool, fetch_cik: str | None,
                user_agent: str | None, force: bool, db: str | None, fmt: str) -> None:
    """Import bitcoin held and shares outstanding from SEC XBRL.

    FILE is the company-facts JSON EDGAR serves per company
    (data.sec.gov/api/xbrl/companyfacts/), or a filing itself: its inline XBRL document
    (.htm), an XBRL instance (.xml) or the filing's .zip, whose per-asset and per-class facts
    company facts leave out. With --bulk, EDGAR's whole company-facts archive. Each record
    cites its filing; a restated figure becomes a correction of the one first on file;
    importing the same facts again adds nothing. All or nothing.
    """
    from .render import ingest

    if bulk is not None:
        if file is not None or company is not None or fetch_cik is not None:
            raise BadQuery("--bulk reads every filer of the archive: give no FILE, --company "
                           "or --fetch with it")
        emit(fmt, api.import_xbrl_bulk(db, bulk, tickers=tickers, only_crypto=only_crypto,
                                       keep_going=keep_going, dry_run=dry_run,
                                       progress=_bulk_progress()), ingest.IMPORT_XBRL_BULK)
        return
    if tickers is not None or only_crypto or keep_going:
        raise BadQuery("--tickers, --only-crypto and --keep-going are for --bulk ZIP")
    if company is None:
        raise BadQuery("give --company TICKER: the company the file is about")
    if fetch_cik is not None:
        file = api.fetch_xbrl(fetch_cik, file, user_agent, db=db, force=force)
    elif file is None:
        raise BadQuery("name the file (company-facts .json, or a filing's .htm, .xml or .zip), "
                       "give --fetch CIK, or --bulk companyfacts.zip")
    emit(fmt, api.import_xbrl(db, file, company, dry_run=dry_run, accession=accession,
                              filed=filed, form=form), ingest.IMPORT_XBRL)


def _bulk_progress() -> Callable[[int, int], None] | None:
    """A progress line on stderr, rewritten in place, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    step = {"last": -1}

    def show(done: int, total: int) -> None:
        percent = done * 100 // total
        if percent != step["last"] or done == total:
            step["last"] = percent
            click.echo(f"\rreading filers: {done:,}/{total:,} ({percent}%)", err=True,
                       nl=done == total)

    return show


@cli.command(name="draft")
@click.argument("doc", metavar="DOC")
@click.option("--company", required=True, help="Ticker the document is about, e.g. MARA.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None,
              help="The document's language (how its numbers are written); detected if "
                   "omitted.")
@click.option("--out", default=None, metavar="FILE",
              help="Also write the drafts to FILE (JSON Lines) for editing and import.")
@force_option
@click.option("--disclosed", default=None, metavar="DATE",
              help="When the document was published (YYYY-MM-DD): a flow it dates only by "
                   "the announcement gets that month, a balance it states as 'now' that day; "
                   "also the drafts' disclosed.")
@click.option("--show-text", is_flag=True,
              help="Print the numbered lines read from DOC (what drafts cite) instead.")
@output_options()
@reports_errors
def draft_(doc: str, company: str, lang: str | None, out: str | None, force: bool,
           disclosed: str | None, show_text: bool, fmt: str) -> None:
    """Propose records from a document (text, HTML or PDF), for review: never stored.

    Prints import-format records (JSON Lines), each citing DOC's file name and the line of
    its figure (a line of the text --show-text prints), with a note quoting the figure and a
    review field saying what to check. caledger review them, then import.
    """
    from .render import ingest

    if show_text:
        emit(fmt, api.document_text(doc), ingest.DOCUMENT_TEXT)
        return
    emit(fmt, api.draft(doc, company, lang=lang, out=out, force=force, disclosed=disclosed),
         ingest.DRAFT)


@cli.command(name="review")
@click.argument("drafts", metavar="DRAFTS.jsonl")
@click.option("--out", default=None, metavar="FILE",
              help="Write the accepted records to FILE (JSON Lines, ready to import).")
@click.option("--import", "do_import", is_flag=True,
              help="Import the accepted records into the ledger, all or none.")
@click.option("--docs", default=None, metavar="DIR",
              help="Where the source documents are (default: beside DRAFTS, then here).")
@force_option
@command_options()
@writer_options
def review_(drafts: str, out: str | None, do_import: bool, docs: str | None, force: bool,
            db: str | None, fmt: str) -> None:
    """Walk drafts one by one: accept, edit (in $EDITOR) or skip each.

    Shows each draft with the source lines it cites, the figures it used marked »like this«,
    and what to check. Accepted records lose their review field; an edited one is checked
    again. Only accepted records are written (--out), imported (--import, all or none) or
    printed. q stops and keeps what was accepted so far.
    """
    from . import review as reviewing
    from .render import ingest

    if out is not None and do_import:
        raise BadQuery("give --out FILE or --import, not both")
    session = reviewing.load(drafts, docs)
    total, quit_ = len(session.items), False
    for n, item in enumerate(session.items, start=1):
        if quit_:
            break
        _show_draft(session, item, n, total)
        while item.status == "pending":
            choice = click.prompt("accept, edit, skip or quit?",
                                  type=click.Choice(["a", "e", "s", "q"]), default="a",
                                  show_choices=True, err=True)
            if choice == "q":
                quit_ = True
                break
            if choice == "s":
                item.status = "skipped"
            elif choice == "a":
                problems = reviewing.accept(item)
                for problem in problems:
                    click.echo(f"  not accepted: {problem}", err=True)
            else:
                edited = click.edit(reviewing.editable(item), extension=".json")
                if edited is None:
                    click.echo("  unchanged (the editor saved nothing)", err=True)
                    continue
                for problem in reviewing.edit(item, edited):
                    click.echo(f"  not accepted: {problem}", err=True)
    if do_import:
        data = api.import_reviewed(db, session)
    elif out is not None:
        data = reviewing.write(session, out, ledger=db, force=force)
    else:
        data = reviewing.summary(session)
    emit(fmt, {**data, "out": out, "import": do_import}, ingest.REVIEW)


def _show_draft(session: Any, item: Any, n: int, total: int) -> None:
    from . import review as reviewing

    r = item.record
    amounts = "  ".join(f"{k} {v}" for k, v in r.items()
                        if k not in ("id", "type", "company", "effective", "disclosed",
                                     "sources", "note", "review"))
    click.echo(f"[{n}/{total}] {r.get('id')}  {r.get('type')}  effective "
               f"{r.get('effective', '(none)')}  {amounts}", err=True)
    lines = reviewing.source_lines(session, r)
    if isinstance(lines, str):
        click.echo(f"  ({lines})", err=True)
    else:
        for document, number, segments in lines:
            text = "".join(click.style(f"»{t}«", bold=True, reverse=True) if figure else t
                           for t, figure in segments)
            click.echo(f"  {document}:{number}  {text}", err=True)
    for check in r.get("review") or []:
        click.echo(f"  - {check}", err=True)


# --- serving ----------------------------------------------------------------------------------


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; this machine only unless told otherwise "
                   "(0.0.0.0: every interface; put TLS in a reverse proxy in front).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to listen on.")
@click.option("--sources", default=None, metavar="DIR",
              help="The folder of the cited documents, served at /sources/ (nothing outside "
                   "it).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (on PostgreSQL, several answer at once).")
@click.option("--allow-writes", is_flag=True,
              help="Accept writes (POST /api/v1/records, correct, retract) from holders of a "
                   "write token in the tokens file; without it the server only answers "
                   "queries.")
@click.option("--tokens", envvar="CALEDGER_TOKENS", default=None, metavar="FILE",
              help="The tokens file (caledger token add) [env CALEDGER_TOKENS; default "
                   "./caledger.tokens].")
@reports_errors
def serve(db: str | None, host: str, port: int, sources: str | None, workers: int,
          allow_writes: bool, tokens: str | None) -> None:
    """Serve the ledger over HTTP until Ctrl-C: pages for a browser, and /api/v1/..., one
    route per query command answering exactly its --format json (OpenAPI at /openapi.json).

    Every GET without known_at is redirected to the same URL pinned to the store's head, so a
    copied link shows the same figures later. Read-only unless --allow-writes."""
    import gc

    from .web import serving

    # A server runs for days: it keeps Python's default cyclic collection (``main`` tunes
    # it down for one short command).
    gc.set_threshold(700, 10, 10)
    serving.serve(db, host=host, port=port, sources=sources, workers=workers,
                  allow_writes=allow_writes, tokens=tokens)


@cli.group()
def token() -> None:
    """Bearer tokens for the server's writes (caledger serve --allow-writes)."""


@token.command(name="add")
@click.argument("name")
@click.option("--role", type=click.Choice(["write", "read"]), default="write",
              show_default=True, help="write: may record, correct and retract; read: may not.")
@click.option("--tokens", envvar="CALEDGER_TOKENS", default=None, metavar="FILE",
              help="The tokens file to add it to [env CALEDGER_TOKENS; default "
                   "./caledger.tokens].")
@output_options()
@reports_errors
def token_add(name: str, role: str, tokens: str | None, fmt: str) -> None:
    """Make a new random token for NAME and print it, once: only its SHA-256 is kept (in the
    tokens file), so it can't be shown again. Each write made with it is recorded as NAME."""
    from .web import tokens as tokens_file

    path = tokens_file.tokens_file(tokens)
    secret = tokens_file.add(path, name, role)
    emit(fmt, {"name": name, "role": role, "token": secret, "tokens_file": str(path)},
         tokens_file.ADDED)
    if fmt == "text":
        click.echo(f"token for {name} ({role}) added to {path}; it is shown only this once",
                   err=True)


def main() -> None:
    # The record models are caledger's own: a pydantic plugin installed beside it (an
    # observability hook) has nothing to watch, and looking for one reads every installed
    # package's metadata when a write builds its first schema. A user's own setting wins.
    import os

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # One command is one short process whose objects mostly live until it ends: the cyclic
    # collector's repeated passes over them cost a large company's reconcile about 15% of
    # its time. Young cycles are still collected, older generations rarely.
    import gc

    gc.set_threshold(100_000, 1000, 1000)
    cli(prog_name="caledger")


if __name__ == "__main__":
    main()
