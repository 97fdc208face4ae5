"""The server (serve) and its write tokens (token add)."""

from __future__ import annotations

import click

from .group import cli
from .options import db_option, emit, output_options, reports_errors

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

    from ..web import serving

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
    from ..web import tokens as tokens_file

    path = tokens_file.tokens_file(tokens)
    secret = tokens_file.add(path, name, role)
    emit(fmt, {"name": name, "role": role, "token": secret, "tokens_file": str(path)},
         tokens_file.ADDED)
    if fmt == "text":
        click.echo(f"token for {name} ({role}) added to {path}; it is shown only this once",
                   err=True)

