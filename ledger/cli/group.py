"""The ``caledger`` group: its commands, each built when first looked up, and how click's
own usage errors are reported."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping
from typing import Any

import click

#: Each command's name and the module here (``ledger/cli/MODULE.py``) that defines it with
#: ``@cli.command``; a test holds this table to what the modules define.
COMMANDS: dict[str, str] = {
    **dict.fromkeys(["holdings", "capital", "shares", "kpi", "value", "operations", "history",
                     "companies", "show", "series", "changes", "explain", "reconcile"],
                    "query"),
    **dict.fromkeys(["append", "import", "correct", "retract", "rebuild", "import-prices"],
                    "write"),
    **dict.fromkeys(["verify", "grant", "checkpoint", "keygen"], "audit"),
    **dict.fromkeys(["chart", "report", "export", "import-xbrl", "draft", "review"], "files"),
    **dict.fromkeys(["serve", "token"], "serve"),
}


class Commands(MutableMapping[str, click.Command]):
    """``cli.commands``: every command by name, its module imported (and so its commands
    built) when one of its commands is first looked up."""

    def __init__(self, where: dict[str, str]) -> None:
        self._where = where
        self._made: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._made and name in self._where:
            importlib.import_module(f"{__package__}.{self._where[name]}")
        return self._made[name]

    def __setitem__(self, name: str, command: click.Command) -> None:  # @cli.command
        self._made[name] = command

    def __delitem__(self, name: str) -> None:
        del self._made[name]

    def __contains__(self, name: object) -> bool:
        return name in self._where or name in self._made

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._where.keys() | self._made.keys()))

    def __len__(self) -> int:
        return len(self._where.keys() | self._made.keys())


class CaledgerGroup(click.Group):
    """Reports click's own usage errors as one ``error:`` line, like every other error;
    with no command at all, prints the help and exits 0."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            click.echo(ctx.get_help(), color=ctx.color)
            ctx.exit(0)
        return super().parse_args(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from ..errors import FLAGS, spelled_as

        kwargs["standalone_mode"] = False
        try:
            with spelled_as(FLAGS):  # messages name options as written here (--as-of)
                code = super().main(*args, **kwargs)
        except click.UsageError as e:
            hint = f" (see '{e.ctx.command_path} --help')" if e.ctx else ""
            given = kwargs.get("args")
            if given is None:
                given = args[0] if args else sys.argv[1:]
            from .output import asks_json, usage_error_json

            if asks_json(list(given or [])):
                param = getattr(e, "param", None)
                named = next((o for o in getattr(param, "opts", ()) if o.startswith("--")),
                             getattr(param, "name", None)) if param is not None else None
                click.echo(usage_error_json(f"{e.format_message()}{hint}", named,
                                            e.exit_code), err=True)
                sys.exit(e.exit_code)
            click.echo(f"error: {e.format_message()}{hint}", err=True)
            sys.exit(e.exit_code)
        except click.ClickException as e:
            click.echo(f"error: {e.format_message()}", err=True)
            sys.exit(e.exit_code)
        except click.Abort:
            click.echo("error: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=CaledgerGroup, commands=Commands(COMMANDS),
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="caledger")
def cli() -> None:
    """caledger: an event-sourced ledger of disclosed corporate actions.

    Record each disclosed action once, citing where it was disclosed; ask what a company held
    on any date, as the ledger knew it at any moment.
    """
