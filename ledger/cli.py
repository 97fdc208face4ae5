"""The ``caledger`` command: parse arguments, call one library function, format the answer.

No business rule lives here. Errors from the library arrive as ``CaledgerError`` with one
line per problem; they go to stderr with a non-zero exit and never a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import click

from . import api, kinds, render
from .errors import BadQuery, CaledgerError, RejectedInput

# --- shared options -------------------------------------------------------------------------


def db_option(f: Callable) -> Callable:
    return click.option(
        "--db", envvar="CALEDGER_DB", default=None, metavar="PATH",
        help="The ledger: a SQLite file path [env CALEDGER_DB; default ./caledger.db].",
    )(f)


def json_option(f: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True,
                        help="Machine-readable JSON; amounts are decimal strings.")(f)


def known_at_option(f: Callable) -> Callable:
    return click.option(
        "--known-at", default=None, metavar="WHEN",
        help="Answer as the ledger knew it then: an ISO 8601 timestamp (UTC if no offset; a "
             "bare date means the end of that day) or @N, the store position N.",
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
            for problem in e.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(e.exit_code)
    return wrapper


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def btc(text: str | Decimal) -> str:
    """A BTC figure for people: thousands grouped, exact."""
    return f"{Decimal(text):,f}"


class CaledgerGroup(click.Group):
    """Reports click's own usage errors as one ``error:`` line, like every other error."""

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


def _parse_source(text: str) -> dict[str, Any]:
    document, sep, line = text.rpartition(":")
    if not sep or not document or not line.isdigit():
        raise RejectedInput(f'append: --source "{text}": write it as DOCUMENT:LINE, '
                            'e.g. 003_c65e9beb0fefa6f0.txt:13')
    return {"document": document, "line": int(line)}


@cli.command()
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
@db_option
@json_option
@reports_errors
def append(record_type: str, record_id: str | None, company: str | None, effective: str | None,
           disclosed: str | None, sources: tuple[str, ...], note: str | None, db: str | None,
           as_json: bool, **type_fields: Any) -> None:
    """Record one disclosed action and print its id."""
    fields: dict[str, Any] = {"id": record_id, "company": company, "effective": effective,
                              "disclosed": disclosed, "note": note, **type_fields}
    if sources:
        fields["sources"] = [_parse_source(s) for s in sources]
    report = api.append(db, record_type, fields)
    if as_json:
        emit_json(report.to_json())
    else:
        click.echo(report.id)
        if not report.added:
            click.echo(f"{report.id}: already recorded with the same content; nothing added",
                       err=True)


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, metavar="FILE... | -")
@db_option
@json_option
@reports_errors
def import_(files: tuple[str, ...], db: str | None, as_json: bool) -> None:
    """Import records from JSON Lines files or JSON arrays (- reads stdin).

    All or nothing: if any record in any file is invalid, every problem is listed with its
    file and line, and nothing is stored.
    """
    with progress_bar() as tick:
        report = api.import_files(db, list(files), progress=tick)
    if as_json:
        emit_json(report.to_json())
        return
    detail = ", ".join(f"{n} {t}" for t, n in sorted(report.added_by_type.items()))
    click.echo(f"added {report.added_count} record(s)" + (f" ({detail})" if detail else ""))
    click.echo(f"already present: {report.existing_count} record(s), unchanged")


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


def _record_brief(record: dict[str, Any]) -> str:
    sources = ", ".join(f"{s['document']}:{s['line']}" for s in record.get("sources", []))
    return f"{record['id']} ({record['type']}, {record['effective']}; {sources})"


def companies_argument(f: Callable) -> Callable:
    f = click.option("--all", "every", is_flag=True, help="Every company in the ledger.")(f)
    return click.argument("companies", nargs=-1, metavar="COMPANY...")(f)


def _which(companies: tuple[str, ...], every: bool) -> None:
    if not companies and not every:
        raise BadQuery("name a company (e.g. MARA), several, or --all")
    if companies and every:
        raise BadQuery("name companies or give --all, not both")


@cli.command()
@companies_argument
@click.option("--as-of", required=True, metavar="DATE", help="The effective date, YYYY-MM-DD.")
@known_at_option
@db_option
@json_option
@reports_errors
def holdings(companies: tuple[str, ...], every: bool, as_of: str, known_at: str | None,
             db: str | None, as_json: bool) -> None:
    """Bitcoin a company held as of a date: total, loaned, pledged, unencumbered.

    Several companies, or --all, give one comparison table (a JSON list with --json).
    """
    def table(rows: list[dict[str, Any]]) -> tuple[list[tuple], tuple[str, ...]]:
        return ([(r["company"], btc(r["btc"]["total"]), btc(r["btc"]["loaned"]),
                  btc(r["btc"]["pledged"]), btc(r["btc"]["unencumbered"]),
                  r["anchor"]["effective"] if r["anchor"] else "none", len(r["in_progress"]))
                 for r in rows],
                ("company", "total", "loaned", "pledged", "unencumbered", "anchor",
                 "in progress"))

    _one_or_many("holdings", companies, every, as_of, known_at, db, as_json,
                 lambda c: api.holdings_json(api.holdings(db, c, as_of, known_at)),
                 _print_holdings, "bitcoin holdings", table)


def _one_or_many(what: str, companies: tuple[str, ...], every: bool, as_of: str,
                 known_at: str | None, db: str | None, as_json: bool,
                 one: Callable[[str], dict[str, Any]], show: Callable[[dict[str, Any]], None],
                 title: str, table: Callable[[list[dict[str, Any]]], tuple[list, tuple]]
                 ) -> None:
    """One company: its full report. Several, or --all: one comparison table (JSON list)."""
    _which(companies, every)
    if len(companies) == 1 and not every:
        data = one(companies[0])
        if as_json:
            emit_json(data)
        else:
            show(data)
        return
    rows = api.compare(db, what, list(companies), as_of, known_at, every=every)
    if as_json:
        emit_json(rows)
        return
    from tabulate import tabulate

    body, headers = table(rows)
    click.echo(_stamp_line(title, as_of, rows[0] if rows else None))
    click.echo(tabulate(body, headers=headers, tablefmt="simple", disable_numparse=True))


def _stamp_line(what: str, as_of: str, data: dict[str, Any] | None) -> str:
    if data is None:
        return f"{what} as of {as_of}: no companies"
    known = f"as known at {data['known_at']} (@{data['position']})" if data["known_at"] else \
        f"as known now (@{data['position']})"
    return f"{what} as of {as_of}, {known}"


def _print_holdings(data: dict[str, Any]) -> None:
    click.echo(_stamp_line(f"{data['company']} bitcoin holdings", data["as_of"], data))
    rows = [("total", data["btc"]["total"]), ("loaned", data["btc"]["loaned"]),
            ("pledged", data["btc"]["pledged"]), ("unencumbered", data["btc"]["unencumbered"])]
    width = max(len(btc(v)) for _, v in rows)
    for name, value in rows:
        click.echo(f"  {name:<13} {btc(value):>{width}} BTC")
    anchor = data["anchor"]
    if anchor:
        click.echo(f"basis: disclosed balance {btc(anchor['btc'])} BTC, {_record_brief(anchor)}")
    else:
        click.echo("basis: no disclosed balance; the sum of every recorded flow")
    click.echo(f"flows counted after the basis: {data['flows_counted']}")
    if data["straddling_anchor"]:
        click.echo("flagged: period straddles the anchor's date, part may already be in it: "
                   + ", ".join(data["straddling_anchor"]))
    if data["in_progress"]:
        click.echo(f"in progress on {data['as_of']} (not counted until the period ends):")
        for record in data["in_progress"]:
            click.echo(f"  {record['type']} {btc(record['btc'])} BTC  {_record_brief(record)}")


@cli.command()
@companies_argument
@click.option("--as-of", required=True, metavar="DATE", help="The effective date, YYYY-MM-DD.")
@known_at_option
@db_option
@json_option
@reports_errors
def capital(companies: tuple[str, ...], every: bool, as_of: str, known_at: str | None,
            db: str | None, as_json: bool) -> None:
    """Capital structure as of a date: notes outstanding, equity raised, stakes held,
    acquisitions, workforce changes and the latest reported results.

    Several companies, or --all, give one comparison table (a JSON list with --json).
    """
    def table(rows: list[dict[str, Any]]) -> tuple[list[tuple], tuple[str, ...]]:
        return ([(r["company"], usd(r["notes"]["outstanding_usd"]),
                  usd(r["equity"]["raised_usd"]),
                  ", ".join(f"{s['target']} {s['percent']}%" for s in r["stakes"]) or "-",
                  usd(r["acquisitions_usd"]), (r["results"] or {}).get("period") or "-",
                  len(r["in_progress"])) for r in rows],
                ("company", "notes outstanding", "equity raised", "stakes", "acquisitions",
                 "latest results", "in progress"))

    _one_or_many("capital", companies, every, as_of, known_at, db, as_json,
                 lambda c: api.capital_json(api.capital(db, c, as_of, known_at)),
                 _print_capital, "capital structure", table)


def usd(text: str | None) -> str:
    if text is None:
        return "-"
    value = Decimal(text)
    return f"{'-' if value < 0 else ''}${abs(value):,f}"


def _print_capital(data: dict[str, Any]) -> None:
    click.echo(_stamp_line(f"{data['company']} capital structure", data["as_of"], data))
    notes = data["notes"]
    click.echo(f"notes outstanding: {usd(notes['outstanding_usd'])}")
    for issue in notes["issues"]:
        kind = "convertible" if issue["convertible"] else "non-convertible"
        terms = []
        if issue["conversion_price_usd"]:
            terms.append(f"conversion price {usd(issue['conversion_price_usd'])}")
        if issue["conversion_rate"]:
            terms.append(f"{issue['conversion_rate']} shares per $1,000")
        click.echo(f"  {issue['id']} ({issue['effective']}): {usd(issue['outstanding_usd'])} of "
                   f"{usd(issue['principal_usd'])}, {issue['coupon_percent']}% coupon, {kind}"
                   + (f", matures {issue['maturity']}" if issue["maturity"] else "")
                   + (" [matured]" if issue["matured"] else "")
                   + (f", {', '.join(terms)}" if terms else ""))
        for retired in issue["retired"]:
            click.echo(f"    - {usd(retired['principal_usd'])} {retired['how']} "
                       f"({retired['effective']}, {retired['id']})")
    for retired in notes["unattributed_retirements"]:
        click.echo(f"  - {usd(retired['principal_usd'])} {retired['how']} ({retired['id']}), "
                   "not attributed to a recorded issue")
    equity = data["equity"]
    click.echo(f"equity raised: {usd(equity['raised_usd'])}"
               + (f", {Decimal(equity['shares']):,f} shares" if equity["shares"] else ""))
    for program in equity["by_program"]:
        click.echo(f"  {program['program']}: {usd(program['raised_usd'])} in "
                   f"{program['issues']} issue(s)"
                   + (f", {Decimal(program['shares']):,f} shares" if program["shares"] else ""))
    if data["stakes"]:
        click.echo("stakes held:")
        for stake in data["stakes"]:
            click.echo(f"  {stake['target']}: {stake['percent']}%, cost "
                       f"{usd(stake['cost_usd']) if stake['cost_usd'] else 'not disclosed'}")
    if data["acquisitions"]:
        click.echo(f"businesses acquired: {usd(data['acquisitions_usd'])}")
        for a in data["acquisitions"]:
            click.echo(f"  {a['target']}: {usd(a['usd'])} ({a['effective']}, {a['id']})")
    for w in data["workforce"]:
        size = " and ".join(x for x in (f"{w['percent']}%" if w["percent"] else "",
                                         f"{w['headcount']} people" if w["headcount"] else "")
                            if x)
        click.echo(f"workforce reduced by {size} ({w['effective']}, {w['id']})")
    if data.get("shares"):
        _print_capital_shares(data["shares"])
    results = data["results"]
    if results:
        figures = ", ".join(f"{name.replace('_usd', '').replace('_', ' ')} {usd(results[name])}"
                            for name in ("revenue_usd", "net_income_usd", "adjusted_ebitda_usd")
                            if results.get(name) is not None)
        click.echo(f"latest results ({results['period']}): {figures}")
    if data["in_progress"]:
        click.echo(f"in progress on {data['as_of']} (not counted until the period ends):")
        for record in data["in_progress"]:
            click.echo(f"  {_record_brief(record)}")


_AMOUNT_FIELDS = ("btc", "usd", "principal_usd", "percent", "revenue_usd", "net_income_usd")


@cli.command()
@click.argument("company")
@known_at_option
@db_option
@json_option
@reports_errors
def history(company: str, known_at: str | None, db: str | None, as_json: bool) -> None:
    """Every record of a company in the order the ledger recorded them."""
    records = api.history(db, company, known_at)
    if as_json:
        emit_json(records)
        return
    from tabulate import tabulate

    rows = []
    for r in records:
        amount = next((f"{f}={r[f]}" for f in _AMOUNT_FIELDS if f in r), "")
        sources = ", ".join(f"{s['document']}:{s['line']}" for s in r.get("sources", []))
        rows.append((f"@{r['position']}", r["id"], r["type"], r.get("effective", ""), amount,
                     r["status"], sources))
    click.echo(tabulate(rows, headers=("pos", "id", "type", "effective", "amount", "status",
                                       "sources"), tablefmt="simple"))


@cli.command()
@known_at_option
@db_option
@json_option
@reports_errors
def companies(known_at: str | None, db: str | None, as_json: bool) -> None:
    """The companies in the ledger and how many records each has."""
    rows = api.companies(db, known_at)
    if as_json:
        emit_json(rows)
        return
    from tabulate import tabulate

    click.echo(tabulate([(r["company"], r["records"], f"@{r['first_position']}",
                          f"@{r['last_position']}") for r in rows],
                        headers=("company", "records", "first", "last"), tablefmt="simple"))


@cli.command()
@db_option
@json_option
@reports_errors
def rebuild(db: str | None, as_json: bool) -> None:
    """Drop the read model and replay the whole event log into it."""
    with progress_bar() as tick:
        report = api.rebuild(db, tick)
    if as_json:
        emit_json(report.to_json())
    else:
        click.echo(f"rebuilt the read model from {report.records} record(s), "
                   f"up to position @{report.position}")


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
@db_option
@json_option
@reports_errors
def correct(record_id: str, reason: str | None, new_type: str | None, correction_id: str | None,
            company: str | None, effective: str | None, disclosed: str | None,
            sources: tuple[str, ...], note: str | None, unset: tuple[str, ...], db: str | None,
            as_json: bool, **type_fields: Any) -> None:
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
    _report_amendment(report, as_json)


@cli.command()
@click.argument("record_id", metavar="ID")
@click.option("--reason", default=None, help="Why the record is retracted (required).")
@click.option("--id", "retraction_id", default=None,
              help="The retraction's own idempotency key; derived if omitted.")
@db_option
@json_option
@reports_errors
def retract(record_id: str, reason: str | None, retraction_id: str | None, db: str | None,
            as_json: bool) -> None:
    """Retract a record: it stays in the log and in history, and stops counting from now on."""
    report = api.retract(db, record_id, reason=reason, retraction_id=retraction_id)
    _report_amendment(report, as_json)


def _report_amendment(report: api.AppendReport, as_json: bool) -> None:
    if as_json:
        emit_json(report.to_json())
        return
    click.echo(report.id)
    if not report.added:
        click.echo(f"{report.id}: already recorded with the same content; nothing added",
                   err=True)


@cli.command()
@click.argument("record_id", metavar="ID")
@known_at_option
@db_option
@json_option
@reports_errors
def show(record_id: str, known_at: str | None, db: str | None, as_json: bool) -> None:
    """A record with its whole amendment history."""
    data = api.show(db, record_id, known_at)
    if as_json:
        emit_json(data)
        return
    if "amendment" in data:
        click.echo(f"{record_id}: a {data['kind']} of {data['amends']}, recorded at "
                   f"@{data['record_position']} ({data['recorded_at']})")
        click.echo(json.dumps(data["amendment"], indent=2, ensure_ascii=False))
        return
    click.echo(f"{record_id}: {data['status']}; recorded at @{data['record_position']} "
               f"({data['recorded_at']})")
    click.echo("original:")
    click.echo(_indent(json.dumps(data["original"], indent=2, ensure_ascii=False)))
    for amendment in data["amendments"]:
        click.echo(f"{amendment['type']} {amendment['id']} at @{amendment['position']} "
                   f"({amendment['recorded_at']}): {amendment['reason']}")
        if "event" in amendment:
            click.echo(_indent(json.dumps(amendment["event"], indent=2, ensure_ascii=False)))


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


# --- auditing -------------------------------------------------------------------------------------


@cli.command()
@click.argument("company")
@click.argument("figure", default="btc.total")
@click.option("--as-of", required=True, metavar="DATE", help="The effective date, YYYY-MM-DD.")
@click.option("--since", default=None, metavar="DATE",
              help="For kpi.btc_yield, kpi.btc_gain and kpi.*.since: the period's start.")
@known_at_option
@db_option
@json_option
@reports_errors
def explain(company: str, figure: str, as_of: str, since: str | None, known_at: str | None,
            db: str | None, as_json: bool) -> None:
    """How a figure was derived, step by step, ending in exactly what holdings (or capital)
    prints.

    FIGURE is btc.total (default), btc.loaned, btc.pledged, btc.unencumbered, or a capital
    figure such as notes.outstanding, equity.raised or stakes.Exaion.percent (capital --json
    lists them under "figures"), or a share or per-share figure: shares.basic,
    shares.assumed_diluted, kpi.btc_per_share, kpi.btc_yield (with --since), ...
    """
    data = api.explain(db, company, figure, as_of, known_at, since)
    if as_json:
        emit_json(data)
        return
    click.echo(f"{data['company']} {data['figure']} as of {data['as_of']} "
               f"(@{data['position']}, head {data['head_hash'][:12]}) = {btc(data['value'])}")
    for step in data["steps"]:
        record = step.get("record")
        where = _record_brief(record) if record else ""
        if "bucket" not in step:  # a capital figure
            note = f"  [{step['note']}]" if step.get("note") else ""
            click.echo(f"  {step['action']} {step['amount']} -> {step['running']}  {where}{note}")
        elif step["action"] == "start":
            click.echo(f"  {step['bucket']}: start at 0 (no disclosed balance)")
        elif step["action"] == "anchor":
            click.echo(f"  {step['bucket']}: disclosed balance {btc(step['amount'])}  {where}")
        elif step["action"] == "combine":
            click.echo(f"  = {step['formula']} = {btc(step['running'])}")
        else:
            sign = "+" if step["action"] == "add" else "-"
            flag = "  [straddles the anchor date]" if step.get("straddles_anchor") else ""
            click.echo(f"  {step['bucket']}: {sign} {btc(step['amount'])} -> "
                       f"{btc(step['running'])}  {where}{flag}")
    if data.get("left_out"):
        click.echo("left out:")
        for item in data["left_out"]:
            click.echo(f"  {_record_brief(item['record'])}: {item['why']}")


@cli.command()
@click.argument("company")
@known_at_option
@click.option("--strict", is_flag=True,
              help="Exit non-zero when anything is unexplained (to gate a pipeline).")
@db_option
@json_option
@reports_errors
def reconcile(company: str, known_at: str | None, strict: bool, db: str | None,
              as_json: bool) -> None:
    """Check the company's own figures: balances rolled forward, stated changes, negative
    buckets, and actions that look reported twice."""
    data = api.reconcile(db, company, known_at)
    if as_json:
        emit_json(data)
    else:
        _print_reconciliation(data)
    if strict and data["issues"]:
        click.echo(f"error: {data['company']}: {data['issues']} unexplained item(s)", err=True)
        sys.exit(1)


def _print_reconciliation(data: dict[str, Any]) -> None:
    click.echo(f"{data['company']} reconciliation (@{data['position']}, head "
               f"{data['head_hash'][:12]}): {data['issues']} issue(s)")
    for b in data["balances"]:
        status = "ok" if b["unexplained"] == "0" else f"UNEXPLAINED {_signed(b['unexplained'])}"
        click.echo(f"  {b['bucket']} {b['opening']['date']} {btc(b['opening']['btc'])} "
                   f"+ flows {_signed(b['itemized'])} = {btc(b['expected'])}; disclosed "
                   f"{b['closing']['date']} {btc(b['closing']['btc'])}: {status}")
    for c in data["changes"]:
        status = "ok" if c["unexplained"] == "0" else f"UNEXPLAINED {_signed(c['unexplained'])}"
        click.echo(f"  stated change {c['effective']} {_signed(c['stated'])} vs itemized "
                   f"{_signed(c['itemized'])} ({len(c['flows'])} flow(s)): {status}")
    for n in data["negative"]:
        click.echo(f"  NEGATIVE {n['bucket']} on {n['date']}: {btc(n['btc'])}")
    for d in data["duplicates"]:
        click.echo(f"  POSSIBLE DUPLICATE {d['type']}: {' and '.join(d['records'])} "
                   f"({', '.join(d['effective'])})")
    for c in data["capital"]:
        click.echo(f"  CAPITAL {c['problem']}: {c['figure']} = {c['value']} on {c['date']} "
                   f"({', '.join(c['records'])})")
    _print_share_reconciliation(data)


def _signed(text: str) -> str:
    value = Decimal(text)
    return f"{value:+,f}"


@cli.command()
@click.option("--expect-head", default=None, metavar="HASH@POSITION",
              help="Also check the log still extends a head recorded earlier (the head_hash "
                   "and position of any --json report): nothing cut off, nothing rewritten.")
@click.option("--checkpoint", "checkpoint_file", default=None, metavar="FILE",
              help="Also check against a checkpoint written by caledger checkpoint.")
@click.option("--read-model", is_flag=True,
              help="Also compare the read model with a fresh projection of the log.")
@db_option
@json_option
@reports_errors
def verify(db: str | None, as_json: bool, expect_head: str | None,
           checkpoint_file: str | None, read_model: bool) -> None:
    """Recompute the hash chain over every stored event; name the first that doesn't match."""
    report = api.verify(db, expect_head=expect_head, checkpoint=checkpoint_file,
                        read_model=read_model)
    if as_json:
        emit_json(report.to_json())
    elif report.ok:
        click.echo(f"ok: {report.records} stored event(s), head @{report.position} "
                   f"{report.head_hash}")
        if report.expected_head:
            click.echo(f"ok: the log extends the expected head {report.expected_head}")
        if report.read_model_checked:
            click.echo("ok: the read model matches a fresh projection of the log")
    for problem in report.problems():
        click.echo(f"error: {problem}", err=True)
    if not report.ok:
        sys.exit(1)


# === issue 9: shares, dilution and per-share figures ========================
# (Commands for issue 9 go below this line, above the next issue's header.)


@cli.command()
@click.argument("company")
@click.option("--as-of", required=True, metavar="DATE", help="The effective date, YYYY-MM-DD.")
@known_at_option
@db_option
@output_options()
@reports_errors
def shares(company: str, as_of: str, known_at: str | None, db: str | None, fmt: str) -> None:
    """Shares outstanding as of a date: basic, convertible notes as converted, other dilutive
    securities, and assumed diluted (their sum)."""
    from .render import shares as render_shares

    emit(fmt, api.shares(db, company, as_of, known_at), render_shares.SHARES)


@cli.command()
@click.argument("company")
@click.option("--as-of", required=True, metavar="DATE", help="The effective date, YYYY-MM-DD.")
@click.option("--since", default=None, metavar="DATE",
              help="The start of the period for BTC yield and gain, YYYY-MM-DD.")
@known_at_option
@db_option
@output_options()
@reports_errors
def kpi(company: str, as_of: str, since: str | None, known_at: str | None, db: str | None,
        fmt: str) -> None:
    """BTC and sats per share as of a date; with --since, BTC yield and BTC gain over the
    period (both share counts on the later date's split basis)."""
    from .render import shares as render_shares

    emit(fmt, api.kpi(db, company, as_of, since, known_at), render_shares.KPI)


def _print_capital_shares(shares: dict[str, Any]) -> None:
    click.echo(f"shares: {btc(shares['basic'])} basic, {btc(shares['assumed_diluted'])} assumed "
               f"diluted ({btc(shares['notes_as_converted'])} from convertible notes, "
               f"{btc(shares['other_dilutive'])} other dilutive); basis: {shares['basis']}"
               + (f" {shares['anchor']}" if shares["anchor"] else ""))


def _print_share_reconciliation(data: dict[str, Any]) -> None:
    for s in data.get("shares", []):
        status = "ok" if s["unexplained"] == "0" else f"UNEXPLAINED {_signed(s['unexplained'])}"
        click.echo(f"  shares {s['opening']['date']} {btc(s['opening']['shares'])} rolled "
                   f"forward = {btc(s['expected'])}; disclosed {s['closing']['date']} "
                   f"{btc(s['closing']['shares'])}: {status}")
    for k in data.get("kpis", []):
        period = f" since {k['since']}" if k["since"] else ""
        if k["computed"] is None:
            status = f"MISMATCH: {k['why']}"
        else:
            status = "ok" if k["consistent"] else "MISMATCH"
            status += (f" (computed {k['computed']}, difference {k['difference']}, relative "
                       f"{k['relative_difference']})")
        click.echo(f"  stated {k['metric']} {k['date']}{period} {k['stated']} ({k['id']}): "
                   f"{status}")


# === issue 10: hardening: verification and checkpoints =======================
# (Commands for issue 10 go below this line, above the next issue's header.)


@cli.command()
@click.option("--output", "-o", default=None, metavar="FILE",
              help="Also write the checkpoint (JSON) to FILE.")
@db_option
@output_options()
@reports_errors
def checkpoint(output: str | None, db: str | None, fmt: str) -> None:
    """Verify the ledger and record its head, to keep or publish elsewhere; check it later
    with caledger verify --checkpoint FILE."""
    from .render import integrity as render_integrity

    emit(fmt, api.checkpoint(db, output), render_integrity.CHECKPOINT)


# === issue 11: series, charts and the report page ============================
# (Commands for issue 11 go below this line, above the next issue's header.)


# === issue 12: change feed and exports =======================================
# (Commands for issue 12 go below this line, above the next issue's header.)


@cli.command()
@click.argument("company", required=False)
@click.option("--since", required=True, metavar="WHEN",
              help="From just after this moment: an ISO 8601 timestamp or @N (as --known-at).")
@click.option("--until", "--known-at", "until", default=None, metavar="WHEN",
              help="Up to and including this moment, as --known-at takes it (default: now); "
                   "--known-at is a synonym.")
@db_option
@output_options("atom")
@reports_errors
def changes(company: str | None, since: str, until: str | None, db: str | None,
            fmt: str) -> None:
    """Every record, correction and retraction stored after --since up to --until, and the
    holdings they moved (before: as known at --since; after: as known at --until)."""
    from .render import changes as render_changes
    emit(fmt, api.changes(db, company, since, until), render_changes.CHANGES)


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
    @db_option
    @output_options()
    @reports_errors
    def command(companies: tuple[str, ...], as_of: str | None, known_at: str | None, out: str,
                db: str | None, fmt: str) -> None:
        from .render import changes as render_changes
        data = api.export(db, journal, list(companies), None if out == "-" else out, as_of,
                          known_at)
        if out == "-":
            click.echo(data["journal"], nl=False)
            return
        emit(fmt, data, render_changes.EXPORT)


_export_command("beancount", "bean-check")
_export_command("hledger", "hledger check")


# === issue 13: getting data in: XBRL and drafts ==============================
# (Commands for issue 13 go below this line, above the next issue's header.)


@cli.command(name="import-xbrl")
@click.argument("file", required=False, metavar="FILE.json")
@click.option("--company", required=True, help="Ticker the records are about, e.g. MARA.")
@click.option("--dry-run", is_flag=True,
              help="Print the records it would import (import format); store nothing.")
@click.option("--fetch", "fetch_cik", default=None, metavar="CIK",
              help="Download the company facts of CIK first (to FILE, default "
                   "CIK##########.json); needs --user-agent.")
@click.option("--user-agent", envvar="CALEDGER_SEC_USER_AGENT", default=None,
              help="For --fetch: who is asking, with an e-mail, as the SEC requires "
                   "[env CALEDGER_SEC_USER_AGENT].")
@db_option
@output_options()
@reports_errors
def import_xbrl(file: str | None, company: str, dry_run: bool, fetch_cik: str | None,
                user_agent: str | None, db: str | None, fmt: str) -> None:
    """Import bitcoin held and shares outstanding from SEC XBRL company facts.

    Reads the JSON EDGAR serves per company (data.sec.gov/api/xbrl/companyfacts/). Each
    record cites its filing; a restated figure becomes a correction of the one first on
    file; re-importing a newer file adds only what is new. All or nothing.
    """
    from .render import ingest

    if fetch_cik is not None:
        file = api.fetch_xbrl(fetch_cik, file, user_agent)
    elif file is None:
        raise BadQuery("name the company-facts file (FILE.json), or give --fetch CIK")
    emit(fmt, api.import_xbrl(db, file, company, dry_run=dry_run), ingest.IMPORT_XBRL)


@cli.command(name="draft")
@click.argument("doc", metavar="DOC")
@click.option("--company", required=True, help="Ticker the document is about, e.g. MARA.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None,
              help="The document's language (how its numbers are written); detected if "
                   "omitted.")
@click.option("--out", default=None, metavar="FILE",
              help="Also write the drafts to FILE (JSON Lines) for editing and import.")
@output_options()
@reports_errors
def draft_(doc: str, company: str, lang: str | None, out: str | None, fmt: str) -> None:
    """Propose records from a text document, for review: never stored.

    Prints import-format records (JSON Lines), each citing DOC's file name and the line of
    its figure, with a note quoting the figure and saying what is uncertain. Edit them, then
    caledger import them.
    """
    from .render import ingest

    emit(fmt, api.draft(doc, company, lang=lang, out=out), ingest.DRAFT)


# === issue 14: speed at scale ================================================
# (Commands for issue 14 go below this line, above the next issue's header.)


# === end of the issue sections ===


def main() -> None:
    cli(prog_name="caledger")


if __name__ == "__main__":
    main()
