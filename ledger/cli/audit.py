"""The commands that check the chain and say who may write: verify, grant, checkpoint,
keygen. (explain and reconcile are queries: ``query.py``.)"""

from __future__ import annotations

import sys

import click

from .. import api
from ..errors import BadQuery
from .group import cli
from .options import command_options, emit, force_option, output_options, reports_errors

# --- auditing -------------------------------------------------------------------------------------


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
    from ..render import integrity as render_integrity

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
    from ..render import integrity as render_integrity

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
    from ..render import integrity as render_integrity

    emit(fmt, api.checkpoint(db, output, force=force, sign=sign), render_integrity.CHECKPOINT)


@cli.command()
@click.argument("key", metavar="KEY")
@click.option("--force", is_flag=True, help="Replace KEY and KEY.pub if they exist.")
@output_options()
@reports_errors
def keygen(key: str, force: bool, fmt: str) -> None:
    """Write a new Ed25519 key pair: the private key to KEY (readable by you only), the
    public key to KEY.pub (give it to whoever checks your checkpoints and events)."""
    from .. import signing
    from ..render import integrity as render_integrity

    emit(fmt, signing.keygen(key, force=force), render_integrity.KEYGEN)


