"""The commands that write: append, import, correct, retract, rebuild and import-prices."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from .. import api, kinds
from ..errors import Problem, RejectedInput
from ..render import records as render_records
from .group import cli
from .options import command_options, emit, progress_bar, writer_options

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


def _dry_run_option(verb: str) -> Callable[[Callable], Callable]:
    return click.option(
        "--dry-run", is_flag=True,
        help=f"Check everything a real {verb} checks, against the ledger itself (same "
             "messages, same exit code), then store nothing; report what would be stored.")


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
@_dry_run_option("append")
@command_options()
@writer_options
def append(record_type: str, record_id: str | None, company: str | None, effective: str | None,
           disclosed: str | None, sources: tuple[str, ...], note: str | None, dry_run: bool,
           db: str | None, fmt: str, **type_fields: Any) -> None:
    """Record one disclosed action and print its id (with --dry-run: check it, store
    nothing)."""
    fields: dict[str, Any] = {"id": record_id, "company": company, "effective": effective,
                              "disclosed": disclosed, "note": note, **type_fields}
    parsed, bad = _sources_of(sources)
    if parsed:
        fields["sources"] = parsed
    try:  # with a --source it can't read, the record is checked all the same (a dry run)
        report = api.append(db, record_type, fields, dry_run=dry_run or bool(bad))
    except RejectedInput as e:  # every problem at once, as import lists a record's
        raise RejectedInput(*(_required_option("append", p) for p in e.details
                              if not (bad and p.field == "sources")), *bad) from None
    if bad:
        raise RejectedInput(*bad)
    _report_added(report, fmt)
    _note(report.note())
    _notes(report.below_zero_notes())
    _notes(report.notes())


def _sources_of(sources: tuple[str, ...]) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Each --source read (DOC:LINE), and a problem for each that can't be."""
    parsed, bad = [], []
    for text in sources:
        try:
            parsed.append(_parse_source(text))
        except RejectedInput as e:
            bad.extend(e.details)
    return parsed, bad


def _required_option(verb: str, problem: Problem) -> Problem:
    """A field the command line left out, named as its option (``--source is required``);
    any other problem as it is."""
    if problem.where != verb or not problem.field or problem.message != "is required":
        return problem
    name = problem.field.split(".")[0]
    who = f'record "{problem.record_id}": ' if problem.record_id else ""
    if name == "sources":
        return Problem.plain(f"{verb}: {who}--source is required: say where it was "
                             "disclosed, as DOC:LINE (repeat it for several)")
    return Problem.plain(f"{verb}: {who}--{name.replace('_', '-')} is required")


def _report_added(report: api.AppendReport, fmt: str) -> None:
    emit(fmt, report.to_json(), render_records.ADDED)
    if fmt != "text":
        return
    if report.dry_run:
        click.echo(f"dry run: {report.id} would be added; nothing was stored" if report.added
                   else f"dry run: {report.id}: already recorded with the same content; "
                   "nothing would be added", err=True)
    elif not report.added:
        click.echo(f"{report.id}: already recorded with the same content; nothing added",
                   err=True)


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, metavar="FILE... | -")
@_dry_run_option("import")
@command_options()
@writer_options
def import_(files: tuple[str, ...], dry_run: bool, db: str | None, fmt: str) -> None:
    """Import records from JSON Lines files or JSON arrays (- reads stdin).

    All or nothing: if any record in any file is invalid, every problem is listed with its
    file and line, and nothing is stored. --dry-run runs the same import against the
    ledger and rolls it back: the same problems, or what would be stored (per company and
    type, the companies that would be new, what is already stored identically).
    """
    with progress_bar() as tick:
        report = api.import_files(db, list(files), progress=tick, dry_run=dry_run)
    emit(fmt, report.to_json(), render_records.IMPORT)
    _note(report.note())
    _notes(report.below_zero_notes())
    _notes(report.notes())


def _note(line: str | None) -> None:
    """A remark beside a write that went through (on stderr: stdout stays the report)."""
    if line:
        from ..safetext import terminal

        click.echo(terminal(line), err=True)


def _notes(lines: list[str]) -> None:
    for line in lines:
        _note(line)


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
@click.option("--disclosed", default=None,
              help="New publication date (of the document the corrected figure comes from).")
@click.option("--source", "sources", multiple=True, metavar="DOC:LINE",
              help="Replace the sources (repeat for several): where the corrected figure "
                   "is stated.")
@click.option("--note", default=None, help="New note.")
@click.option("--unset", multiple=True, metavar="FIELD", help="Drop an optional field.")
@_append_options
@_dry_run_option("correction")
@command_options()
@writer_options
def correct(record_id: str, reason: str | None, new_type: str | None, correction_id: str | None,
            company: str | None, effective: str | None, disclosed: str | None,
            sources: tuple[str, ...], note: str | None, unset: tuple[str, ...], dry_run: bool,
            db: str | None, fmt: str, **type_fields: Any) -> None:
    """Correct a record: its current content with the given fields replaced.

    The record stays in the log; from now on the replacement counts instead, and --known-at
    an earlier moment still sees the original. Prints the correction's id.

    The correction cites what the original cited unless --source and --disclosed say
    otherwise; when it changes the type, an amount or the effective period and keeps that
    citation, a note on stderr names it (and --json adds "cites_original"). A --type that
    turns the figure the other way (a sale made a purchase) is noted too ("flips_sign").
    """
    fields: dict[str, Any] = {"company": company, "effective": effective,
                              "disclosed": disclosed, "note": note, **type_fields}
    if sources:
        fields["sources"] = [_parse_source(s) for s in sources]
    with _in_option_terms("correct"):
        report = api.correct(db, record_id, reason=reason, fields=fields, new_type=new_type,
                             unset=unset, correction_id=correction_id, dry_run=dry_run)
    _report_added(report, fmt)
    _note(report.note())
    _notes(report.below_zero_notes())
    _notes(report.notes())


@cli.command()
@click.argument("record_id", metavar="ID")
@click.option("--reason", default=None, help="Why the record is retracted (required).")
@click.option("--id", "retraction_id", default=None,
              help="The retraction's own idempotency key; derived if omitted.")
@_dry_run_option("retraction")
@command_options()
@writer_options
def retract(record_id: str, reason: str | None, retraction_id: str | None, dry_run: bool,
            db: str | None, fmt: str) -> None:
    """Retract a record: it stays in the log and in history, and stops counting from now on."""
    with _in_option_terms("retract"):
        report = api.retract(db, record_id, reason=reason, retraction_id=retraction_id,
                             dry_run=dry_run)
    _report_added(report, fmt)
    _notes(report.below_zero_notes())


@contextmanager
def _in_option_terms(verb: str) -> Iterator[None]:
    """A refused correction or retraction said in the command line's words: the option at
    fault (``--btc``, ``--source``) rather than the record field."""
    try:
        yield
    except RejectedInput as e:
        raise RejectedInput(*(_option_problem(verb, p) for p in e.details)) from None


def _option_problem(verb: str, problem: Problem) -> Problem:
    if problem.where != verb or not problem.field:
        return problem
    name = problem.field.split(".")[0]
    if name == "reason" and problem.message == "is required":
        return Problem.plain(f"{verb}: --reason is required: say why the record is {verb}ed")
    option = "--source" if name == "sources" else "--" + name.replace("_", "-")
    who = f'record "{problem.record_id}" ' if problem.record_id else ""
    return Problem.plain(f"{verb}: {who}{option}: {problem.message}")


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
    from ..render import value as render_value

    with progress_bar() as tick:
        data = api.import_prices(db, file, asset, source, date_column=date_column,
                                 close_column=close_column, progress=tick)
    emit(fmt, data, render_value.IMPORT_PRICES)
    from ..writenotes import lines

    _notes(lines(data))


