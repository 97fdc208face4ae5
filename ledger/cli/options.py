"""What the commands share: their common options, how an answer is printed, and how an
error becomes its one line on stderr."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from .. import render
from ..errors import CaledgerError
from .output import emit, emit_report, output_format, refuse  # noqa: F401 - the commands' own

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
            chosen = output_format(as_json, fmt)
            if chosen is None:
                raise click.UsageError(f"--json and --format {fmt} disagree; give one of them")
            return f(*args, fmt=chosen, **kwargs)

        wrapper = click.option("--json", "as_json", is_flag=True,
                               help="Same as --format json.")(wrapper)
        return click.option("--format", "fmt", type=click.Choice(formats), default=None,
                            help="text (default), json (amounts are decimal strings)"
                                 + (", csv (a header row, then one row per figure or record)"
                                    if "csv" in formats else "")
                                 + "".join(f", {x}" for x in extra) + ".")(wrapper)
    return decorate


def reports_errors(f: Callable) -> Callable:
    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except CaledgerError as e:
            refuse(e, kwargs.get("fmt"))
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
        from ..provenance import acting

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


def force_option(f: Callable) -> Callable:
    return click.option(
        "--force", is_flag=True,
        help="Replace an existing output file even if it is not one this command writes "
             "(never the ledger itself, nor any SQLite database).")(f)




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


def span_options(f: Callable) -> Callable:
    f = click.option("--to", "end", default=None, metavar="WHEN",
                     help="The last day: a date, or a month, quarter or year (its last day) "
                          "[default: today, UTC].")(f)
    return click.option("--from", "start", required=True, metavar="WHEN",
                        help="The first day: a date, or a month, quarter or year (its first "
                             "day).")(f)


