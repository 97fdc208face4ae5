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


def refuse(e: CaledgerError, fmt: str | None = None) -> NoReturn:
    """A library error as its problems, one ``error:`` line each, and its exit code; with
    ``--format json``, one line of JSON on stderr instead (``error_json``)."""
    if fmt == "json":
        import json

        echo(json.dumps(error_json(e), ensure_ascii=False), err=True)
        sys.exit(e.exit_code)
    for problem in e.details:  # each a ledger.errors.Problem, as its one line
        echo(f"error: {problem.line()}", err=True)
    sys.exit(e.exit_code)


def error_json(e: CaledgerError) -> dict[str, Any]:
    """A library error as the server's problem details (RFC 9457) give it: ``type``,
    ``title`` and ``status`` (the HTTP status the server answers it with), ``detail``,
    ``parameter`` (the option at fault, as written on the command line: ``--as-of``; the
    argument ``company`` or ``figure``; null when none is) and ``errors``, one per problem,
    each with its ``detail`` (the ``error:`` line text mode prints) and ``parameter``, and a
    record's problem its ``where``, ``record_id`` and ``field``; besides them ``exit_code``
    (the command's) and ``error``, the kind (``BadQuery``, ``UnknownCompany``, ...)."""
    from ..errors import UnknownCompany, http_status, problem_details, record_keys

    errors = []
    for problem in e.details:
        parameter = None
        if not problem.about_record:
            parameter = _parameter(problem.message)
            if parameter is None and isinstance(e, UnknownCompany):
                parameter = "company"
        errors.append({"detail": problem.line(), "parameter": parameter,
                       **record_keys(problem)})
    return problem_details(http_status(e), errors,
                           parameter=errors[0]["parameter"] if errors else None,
                           exit_code=e.exit_code, error=type(e).__name__)


def _parameter(message: str) -> str | None:
    """The option (or argument) a message is about: the one it starts with, else the first
    it names (but the output options, which a message names only as advice)."""
    import re

    first = re.match(r'^(figure|company)(?::| ")', message)
    if first:
        return first[1]
    for found in re.finditer(r"(?<![\w-])--[a-z][a-z-]*(?![\w-])", message):
        if found[0] not in ("--json", "--format", "--help"):
            return found[0]
    return None


def usage_error_json(message: str, parameter: str | None, exit_code: int) -> str:
    """A usage error click found (a missing value, an unknown option), as ``error_json``
    words a library error: a 400."""
    import json

    from ..errors import problem_details

    errors = [{"detail": message, "parameter": parameter}]
    return json.dumps(problem_details(400, errors, parameter=parameter, exit_code=exit_code,
                                      error="UsageError"),
                      ensure_ascii=False)


def asks_json(args: list[str]) -> bool:
    """Whether a command line asks for JSON output (``--json``, ``--format json``) and for
    no other format (``--json --format csv`` is itself the usage error, said as text)."""
    asked = set()
    for i, word in enumerate(args):
        if word == "--":
            break
        if word == "--json":
            asked.add("json")
        elif word.startswith("--format="):
            asked.add(word.partition("=")[2])
        elif word == "--format" and i + 1 < len(args):
            asked.add(args[i + 1])
    return asked == {"json"}
