"""The query commands without loading click, when their arguments are plain.

Importing click and building its commands is most of a short query's start-up (about 20 of
a ``caledger holdings``'s 50 ms). ``GRAMMAR`` (``grammar.py``) is generated from the click
declarations in ``query.py`` (``python -m ledger.cli.fast`` rewrites it; a test holds it to
them): each query command's options and arguments, their defaults and environment
variables. ``parse`` reads a command line with click's own rules (long options, with the
value after ``=`` or in the next word; arguments anywhere; ``--`` ends the options) and
gives up (None) on anything else: help, a short option, an unknown option, a missing or
extra argument, a value click would refuse, shell completion. Click then runs the command
as always and reports the problem in its words, so a command line means the same whichever
ran it (a property test compares them). What a command does is the function of its name in
``queries.py``, which the click command calls too.
"""

from __future__ import annotations

import os
import sys
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any

from .grammar import GRAMMAR

#: What an option is unless its line in ``GRAMMAR`` says otherwise.
PLAIN = {"kind": "value", "type": "str", "choices": None, "multiple": False, "required": False,
         "envvar": None}



def parse(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    """``(command, params)`` as click would pass them to the command, or None."""
    if not argv or argv[0] not in GRAMMAR:
        return None
    spec = GRAMMAR[argv[0]]
    options = {opt: {**PLAIN, **option} for opt, option in spec["options"].items()}
    given: dict[str, Any] = {}
    positional: list[str] = []
    rest = argv[1:]
    i = 0
    while i < len(rest):
        word = rest[i]
        i += 1
        if word == "--":
            positional.extend(rest[i:])
            break
        if word[:1] != "-" or len(word) == 1:
            positional.append(word)
            continue
        if not word.startswith("--"):
            return None  # a short option (-h) or a negative number: click's to judge
        name, eq, explicit = word.partition("=")
        option = options.get(name)
        if option is None:
            return None
        if option["kind"] == "flag":
            if eq:
                return None
            given[option["name"]] = True
            continue
        if eq:
            value = explicit
        elif i < len(rest):
            value = rest[i]
            i += 1
        else:
            return None
        converted = _convert(option, value)
        if converted is None:
            return None
        if option["multiple"]:
            given.setdefault(option["name"], []).append(converted)
        else:
            given[option["name"]] = converted
    params = dict(spec["defaults"])
    for option in {o["name"]: o for o in options.values()}.values():
        name = option["name"]
        if name in given:
            params[name] = tuple(given[name]) if option["multiple"] else given[name]
        elif option["envvar"] and os.environ.get(option["envvar"]):
            params[name] = os.environ[option["envvar"]]
        elif option["required"]:
            return None
    arguments = spec["arguments"]
    if arguments and arguments[0]["nargs"] == -1:  # then the only one (describe's rule)
        if arguments[0]["required"] and not positional:
            return None
        params[arguments[0]["name"]] = tuple(positional)
    else:
        if len(positional) > len(arguments):
            return None  # click: "Got unexpected extra argument"
        for argument, word in zip(arguments, positional):
            params[argument["name"]] = word
        if any(argument["required"] for argument in arguments[len(positional):]):
            return None
    return argv[0], params


def _convert(option: dict[str, Any], value: str) -> Any:
    """An option's value as click converts it, or None where click would refuse it."""
    if option["type"] == "int":
        try:
            return int(value)
        except ValueError:
            return None
    if option["type"] == "choice" and value not in option["choices"]:
        return None
    return value


def run(argv: list[str]) -> None:
    """Run the command and exit, when ``parse`` reads ``argv``; else return, for click."""
    from .output import echo, output_format, plain_stream, refuse

    if os.environ.get("_CALEDGER_COMPLETE") or not (plain_stream(sys.stdout)
                                                    and plain_stream(sys.stderr)):
        return
    parsed = parse(argv)
    if parsed is None:
        return
    name, params = parsed
    fmt = output_format(params.pop("as_json"), params.pop("fmt"))
    if fmt is None:
        return  # --json with another --format: click words the usage error
    from ..errors import CaledgerError
    from . import queries

    body = getattr(queries, GRAMMAR[name]["body"])
    try:
        body(**params, fmt=fmt)
    except CaledgerError as e:
        refuse(e, fmt)
    except (EOFError, KeyboardInterrupt):  # as click.main and CaledgerGroup report them
        echo("", err=True)
        echo("error: aborted", err=True)
        sys.exit(1)
    except BrokenPipeError:  # as click.main: quietly, exit 1
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    sys.exit(0)


# --- the grammar, generated from the click declarations ------------------------------------


def describe() -> dict[str, Any]:
    """``GRAMMAR`` as the click declarations in ``query.py`` give it: each command whose
    options and arguments ``parse`` can read exactly (plain strings, integers, choices,
    flags; arguments of one word each, or one taking them all)."""
    import click

    from .group import COMMANDS, cli

    UNSET = getattr(click.core, "UNSET", None)  # click 8.3+: a parameter's default not given
    grammar: dict[str, Any] = {}
    for name in sorted(n for n, module in COMMANDS.items() if module == "query"):
        command = cli.commands[name]
        options: dict[str, dict[str, Any]] = {}
        arguments: list[dict[str, Any]] = []
        plain = True
        for param in command.params:
            if isinstance(param, click.Argument):
                plain &= param.type is click.STRING and param.nargs in (1, -1) \
                    and param.callback is None
                arguments.append({"name": param.name, "nargs": param.nargs,
                                  "required": param.required})
                continue
            assert isinstance(param, click.Option)
            if param.name == "help":
                continue  # --help is click's: parse gives up on it
            kind = "flag" if param.is_flag else "value"
            plain &= (param.nargs == 1 and not param.secondary_opts and param.callback is None
                      and not param.count and not param.prompt and param.expose_value
                      and (not param.is_flag or (param.is_bool_flag
                                                 and param.default in (False, None, UNSET)))
                      and (param.envvar is None or (isinstance(param.envvar, str)
                                                    and param.type is click.STRING)))
            if isinstance(param.type, click.Choice):
                plain &= param.type.case_sensitive and all(isinstance(c, str)
                                                           for c in param.type.choices)
                type_ = "choice"
            elif param.type is click.INT:
                type_ = "int"
            else:
                plain &= param.type is click.STRING or param.is_flag
                type_ = "str"
            option = {"name": param.name, "kind": kind, "type": type_,
                      "choices": list(param.type.choices) if type_ == "choice" else None,
                      "multiple": param.multiple, "required": param.required,
                      "envvar": param.envvar}
            for opt in param.opts:
                if opt.startswith("--"):
                    options[opt] = option
        # arguments taking one word each, or a single one taking all the words
        plain &= all(a["nargs"] == 1 for a in arguments) or len(arguments) == 1
        if not plain:
            continue
        saved = {o["envvar"]: os.environ.pop(o["envvar"]) for o in options.values()
                 if o["envvar"] and o["envvar"] in os.environ}
        try:  # what each parameter is when not given, as click fills it in
            defaults = dict(command.make_context(name, [], resilient_parsing=True).params)
        finally:
            os.environ.update(saved)
        grammar[name] = {"body": command.callback.__name__,
                         "options": options, "arguments": arguments, "defaults": defaults}
    return grammar


def _short(option: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in option.items() if k not in PLAIN or PLAIN[k] != v}


def source() -> str:
    """``grammar.py``'s text for ``describe()``: one line per option."""
    lines = ['"""Generated by ``python -m ledger.cli.fast`` from the click declarations in '
             "``query.py``:", "do not edit. What ``fast.parse`` reads: each query command's "
             "options (by each long name),", "arguments and defaults. A test fails when this "
             'is not what the declarations give.', '"""', "",
             "from __future__ import annotations", "",
             "TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing",
             "if TYPE_CHECKING:", "    from typing import Any", "",
             "GRAMMAR: dict[str, Any] = {"]
    for name, spec in describe().items():
        lines += [f"    {name!r}: {{", f"        'body': {spec['body']!r},",
                  "        'arguments': ["]
        lines += [f"            {argument!r}," for argument in spec["arguments"]]
        lines += ["        ],", "        'defaults': {"]
        lines += [f"            {k!r}: {v!r}," for k, v in spec["defaults"].items()]
        lines += ["        },", "        'options': {"]
        lines += [f"            {opt!r}: {_short(option)!r}," for opt, option in
                  spec["options"].items()]
        lines += ["        },", "    },"]
    return "\n".join([*lines, "}", ""])


if __name__ == "__main__":
    from pathlib import Path

    Path(__file__).with_name("grammar.py").write_text(source())
