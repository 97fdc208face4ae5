"""How a command prints, without click: its answer, its errors one line each, and what
``--json`` with ``--format`` means. The click commands and the fast path (``fast.py``) both
print through here, so a command prints the same whichever parsed its arguments."""

from __future__ import annotations

import sys
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any, NoReturn

from .. import render
from ..errors import BadQuery, CaledgerError


def echo(message: str, *, err: bool = False, nl: bool = True) -> None:
    """``click.echo(message, err=err, nl=nl)`` for a text message, without importing click:
    written and flushed, ANSI styles stripped when the stream is not a terminal. A stream
    click would rewrap (none, an ASCII one, Windows' console) is left to click itself."""
    stream = sys.stderr if err else sys.stdout
    if not plain_stream(stream):
        import click

        click.echo(message, err=err, nl=nl)
        return
    if nl:
        message += "\n"
    if "\033" in message and not stream.isatty():
        import re

        message = re.sub(r"\033\[[;?0-9]*[a-zA-Z]", "", message)  # click's strip_ansi
    if message:
        stream.write(message)
    stream.flush()


def plain_stream(stream: Any) -> bool:
    """Whether click.echo writes to ``stream`` as it is (a text stream whose encoding is
    not ASCII, off Windows)."""
    if stream is None or sys.platform.startswith("win"):
        return False
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name != "ascii"
    except LookupError:
        return False


def output_format(as_json: bool, fmt: str | None) -> str | None:
    """The format ``--json`` and ``--format`` ask for; None when they disagree."""
    if as_json and fmt not in (None, "json"):
        return None
    return "json" if as_json else (fmt or "text")


def emit_report(fmt: str, name: str, data: Any) -> None:
    """Print report ``name``'s data with its printer, looked up in the registry."""
    from .. import reports

    emit(fmt, data, reports.printer(name))


def emit(fmt: str, data: Any, printer: render.Printer) -> None:
    """Print a report's data in the chosen format."""
    if fmt not in printer.formats:
        raise BadQuery(f"--format {fmt}: this command offers " + ", ".join(printer.formats))
    echo(render.render(fmt, data, printer))


def refuse(e: CaledgerError) -> NoReturn:
    """A library error as its problems, one ``error:`` line each, and its exit code."""
    for problem in e.details:  # each a ledger.errors.Problem, as its one line
        echo(f"error: {problem.line()}", err=True)
    sys.exit(e.exit_code)
