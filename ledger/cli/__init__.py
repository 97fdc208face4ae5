"""The ``caledger`` command: parse arguments, call one library function, format the answer.

No business rule lives here. Errors from the library arrive as ``CaledgerError`` carrying
its ``Problem``s; each goes to stderr as its one line, with a non-zero exit and never a
traceback.

The commands live in the modules beside this one (``group.COMMANDS`` says which defines
which); a command's module is imported only when that command is run, and ``--help`` and
shell completion import every module and list every command. A query command with plain
arguments runs without click at all (``fast.py``, reading a grammar generated from the
click declarations).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any


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
    # A query with plain arguments runs without loading click (fast.py); anything else,
    # and every other command, goes through click.
    import sys

    if sys.argv[1:2] == ["import"]:
        # Before anything loads sqlite3: SQLite's memory statistics off for a large import's
        # millions of allocations (ledger/sqlite_settings.py).
        from ..sqlite_settings import for_import

        for_import(sys.argv[2:])

    # Messages name options as the command line writes them (--as-of), not as the Python
    # API's keywords do (ledger.errors.spelling).
    from ..errors import FLAGS, spelled_as

    spelled_as(FLAGS).__enter__()  # for the whole process: it ends with the command
    from . import fast

    fast.run(sys.argv[1:])
    from .group import cli

    cli(prog_name="caledger")


def __getattr__(name: str) -> Any:
    # ``from ledger.cli import cli``: the click group, loaded (with click) when asked for
    if name in ("cli", "COMMANDS"):
        from . import group

        return getattr(group, name)
    raise AttributeError(f"module 'ledger.cli' has no attribute {name!r}")
