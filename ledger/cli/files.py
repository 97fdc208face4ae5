"""The commands that read or write files beside the ledger: chart, report, export, and
getting data in (import-xbrl, draft, review)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from .. import api
from ..errors import BadQuery
from .group import cli
from .options import (
    as_of_option,
    command_options,
    emit,
    emit_report,
    force_option,
    known_at_option,
    output_options,
    reports_errors,
    span_options,
    writer_options,
)

@cli.command()
@click.argument("company")
@span_options
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
    from .. import report_page
    from ..render import report as render_report

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



@cli.group()
def export() -> None:
    """Write the ledger's bitcoin holdings as a journal another tool checks."""


def _export_command(journal: str, checked_by: str) -> None:
    @export.command(name=journal, help=f"A {journal} journal ({checked_by} accepts it): one account per "
                    "company and bucket, each flow a transaction at its period end, each "
                    "disclosed balance an assertion, each unexplained gap an explicit "
                    "adjustment. Flows in progress at --as-of are listed, not moved.")
    @click.argument("companies", nargs=-1, metavar="[COMPANY]...")
    @click.option("--all", "every", is_flag=True,
                  help="Every company in the ledger (the same as naming none).")
    @click.option("--as-of", default=None, metavar="DATE",
                  help="Only periods ended by this date (default: every period).")
    @known_at_option
    @click.option("--out", required=True, metavar="FILE",
                  help="The journal to write (- for stdout).")
    @force_option
    @command_options()
    def command(companies: tuple[str, ...], every: bool, as_of: str | None,
                known_at: str | None, out: str, force: bool, db: str | None, fmt: str) -> None:
        if companies and every:
            raise BadQuery("name companies or give --all, not both")
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
              help="Make the very same import and roll it back: the same problems, or the "
                   "records it would import (import format) and what it would store; "
                   "store nothing.")
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
    from ..render import ingest

    if bulk is not None:
        if file is not None or company is not None or fetch_cik is not None:
            raise BadQuery("--bulk reads every filer of the archive: give no FILE, --company "
                           "or --fetch with it")
        data = api.import_xbrl_bulk(db, bulk, tickers=tickers, only_crypto=only_crypto,
                                    keep_going=keep_going, dry_run=dry_run,
                                    progress=_bulk_progress())
        emit(fmt, data, ingest.IMPORT_XBRL_BULK)
        _below_zero_notes(data["import"])
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
    data = api.import_xbrl(db, file, company, dry_run=dry_run, accession=accession,
                           filed=filed, form=form)
    emit(fmt, data, ingest.IMPORT_XBRL)
    if dry_run and fmt == "text":  # stdout: the records; what the import would do: stderr
        from ..render import records as render_records

        click.echo(render_records.IMPORT.text(data["import"]), err=True)
    _below_zero_notes(data["import"])


def _below_zero_notes(report: dict) -> None:
    """A note on stderr for each figure the import takes below zero (``ledger/belowzero``)."""
    from ..belowzero import notes
    from ..safetext import terminal

    for line in notes(report.get("below_zero"), "this import", report.get("dry_run", False)):
        click.echo(terminal(line), err=True)


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
    review field saying what to check. caledger review them, then import. What it read and
    could not tie with confidence to the company, a stated period and one type is listed as
    noticed, with why (on stderr, after the --out summary, or under "noticed" with --json),
    never as a record.
    """
    from ..render import ingest

    if show_text:
        emit(fmt, api.document_text(doc), ingest.DOCUMENT_TEXT)
        return
    data = api.draft(doc, company, lang=lang, out=out, force=force, disclosed=disclosed)
    emit(fmt, data, ingest.DRAFT)
    if fmt != "json" and out is None:
        # stdout stays the drafts' JSON Lines (or CSV); what was read and not drafted goes beside it
        from ..safetext import terminal

        for item in data["noticed"]:
            click.echo(terminal(f"noticed, not drafted: {ingest.noticed_line(item)}"), err=True)


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
    and what to check. Accepted records lose their review field. An edit starts without the
    drafter's doubts in the note (the review lists them); the edited record is checked again
    and shown again, to be accepted (a), edited again (e) or skipped (s). Only accepted
    records are written (--out), imported (--import, all or none) or printed. q stops and
    keeps what was accepted so far; so does the end of input. There is no default answer: an
    empty one is asked again.
    """
    from .. import review as reviewing
    from ..render import ingest

    if out is not None and do_import:
        raise BadQuery("give --out FILE or --import, not both")
    session = reviewing.load(drafts, docs)
    total, quit_ = len(session.items), False
    for n, item in enumerate(session.items, start=1):
        if quit_:
            break
        _show_draft(session, item, n, total)
        while item.status == "pending":
            choice = _answer()
            if choice is None or choice == "q":
                quit_ = True
                break
            if choice == "s":
                item.status = "skipped"
            elif choice == "a":
                problems = reviewing.accept(item)
                for problem in problems:
                    click.echo(f"  not accepted: {problem}", err=True)
            else:
                doubts = reviewing.drafters_doubts(item.record)
                edited = click.edit(reviewing.editable(item), extension=".json")
                if edited is None:
                    click.echo("  unchanged (the editor saved nothing)", err=True)
                    continue
                problems = reviewing.edit(item, edited)
                for problem in problems:
                    click.echo(f"  not accepted: {problem}", err=True)
                if not problems:  # shown as it now stands before it can be accepted
                    _show_edited(session, item, n, total, doubts)
    if do_import:
        from ..safetext import terminal

        remarks: list[str] = []
        data = api.import_reviewed(db, session, remarks)
        for line in remarks:
            click.echo(terminal(line), err=True)
    elif out is not None:
        data = reviewing.write(session, out, ledger=db, force=force)
    else:
        data = reviewing.summary(session)
    emit(fmt, {**data, "out": out, "import": do_import}, ingest.REVIEW)


#: How many answers in a row that are none of a, e, s, q end a review whose answers come from a
#: pipe or a file (``yes "" | caledger review``) rather than a person at a terminal.
_MISSES = 3


def _answer() -> str | None:
    """The reviewer's answer to one draft: a, e, s or q. There is no default: an empty or
    unknown answer is asked again. None at the end of input, or after ``_MISSES`` answers in
    a row that are none of them when input is not a terminal; either way stop as q does,
    saying so on stderr."""
    misses = 0
    while True:
        click.echo("accept, edit, skip or quit? (a, e, s, q): ", nl=False, err=True)
        line = sys.stdin.readline()
        piped = not sys.stdin.isatty()
        if piped:  # a terminal shows what was typed; from a pipe, show the answer read
            click.echo(line.rstrip("\r\n"), err=True)
        if not line:
            click.echo("  end of input: stopped as q does (accepted drafts kept, the rest not "
                       "reviewed)", err=True)
            return None
        answer = line.strip().lower()
        if answer in ("a", "e", "s", "q", "accept", "edit", "skip", "quit"):
            return answer[0]
        click.echo("  no default: answer a (accept), e (edit), s (skip) or q (quit)", err=True)
        misses += 1
        if misses >= _MISSES and piped:
            click.echo(f"  no answer in {_MISSES} tries: stopped as q does (accepted drafts "
                       "kept, the rest not reviewed)", err=True)
            return None


def _show_draft(session: Any, item: Any, n: int, total: int, edited: bool = False) -> None:
    from .. import review as reviewing

    r = item.record
    amounts = "  ".join(f"{k} {v}" for k, v in r.items()
                        if k not in ("id", "type", "company", "effective", "disclosed",
                                     "sources", "note", "review"))
    click.echo(f"[{n}/{total}] {'edited, not accepted yet: ' if edited else ''}{r.get('id')}  "
               f"{r.get('type')}  effective {r.get('effective', '(none)')}"
               + (f"  disclosed {r['disclosed']}" if edited and "disclosed" in r else "")
               + f"  {amounts}", err=True)
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


def _show_edited(session: Any, item: Any, n: int, total: int, doubts: str | None) -> None:
    """The edited record as it now stands (its figures, the lines it cites, its note), and
    the drafter's doubts left out of the note, before it is accepted."""
    _show_draft(session, item, n, total, edited=True)
    note = item.record.get("note")
    click.echo(f"  note: {note}" if isinstance(note, str) and note else "  note: (none)",
               err=True)
    if doubts:
        click.echo(f"  the drafter's doubts, left out of the note: {doubts}", err=True)
