"""The reports, by name: one module each, one printer each, one line each in ``REPORTS``.

A report module (``ledger/reports/NAME.py``) has::

    compute(snap, company, day, **opts) -> Result   # in one snapshot (ledger/snapshot.py)

(its subject is a company, checked by the snapshot first, unless the module's ``SUBJECT``
says otherwise: None for the whole ledger or several companies, "record" for a record's id),

and may have ``prepare(day, **opts) -> (day, opts)``, which checks and parses its options
before the ledger is opened (so a bad option is refused without reading anything), and, if
its figures can be explained, ``claims(figure) -> bool`` and ``explain(snap, company,
figure, day, **opts) -> dict`` (``explain`` asks each report in turn; a ``FALLBACK`` report
is asked last) with ``FIGURE_HINT(snap, company, day)``: the figures it names when a figure
is unknown. The printer (``ledger/render``) shows the result's ``to_json()`` as text, JSON
or CSV. A report that writes a file (``WRITERS``) also has ``write(result, ledger=,
force=)``, run after its snapshot is closed. Modules load only when a report is asked for,
so a command's start-up stays lean.

A new report touches six places in five files: its module here and its line in
``REPORTS``, its printer (``ledger/render``), and its command: its body in
``ledger/cli/queries.py`` (``report_command(NAME, ...)``), its options in
``ledger/cli/query.py`` and its name in ``ledger/cli/group.py``'s ``COMMANDS``; then
``python -m ledger.cli.fast`` regenerates the click-free parser's grammar (a test fails until
it is). The Python API (``snap.NAME``),
``explain`` (if it has ``claims``), ``--help`` checks and the web route (``/api/v1/NAME``,
``ledger/web/api.py``, for a command taking the usual companies/--all/--as-of/--known-at)
come from the registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from datetime import date
from types import ModuleType
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any

from ..errors import BadQuery
from ..valueclass import Value, _set


class Report(Value):
    """A registered report: its name, its module, its printer (``module:NAME`` under
    ``ledger/render``) and the command that prints it. A frozen value (``valueclass``)."""

    FIELDS = ("name", "printer_at", "explains", "command")
    __slots__ = FIELDS
    name: str
    printer_at: str
    #: The figures ``explain`` takes from it, as ``explain --help`` lists them ("" if none).
    explains: str
    command: str

    def __init__(self, name: str, printer_at: str, explains: str = "", command: str = ""
                 ) -> None:
        _set(self, "name", name)
        _set(self, "printer_at", printer_at)
        _set(self, "explains", explains)
        _set(self, "command", command)

    def module(self) -> ModuleType:
        return importlib.import_module(f"{__name__}.{self.name}")

    def printer(self) -> Any:
        module, attr = self.printer_at.split(":")
        return getattr(importlib.import_module(f"ledger.render.{module}"), attr)

    @property
    def doc(self) -> str:
        return (self.module().__doc__ or "").strip()

    @property
    def cli_command(self) -> str:
        return self.command or self.name


#: Every report, in the order ``explain`` asks them for a figure.
REPORTS: dict[str, Report] = {r.name: r for r in (
    Report("holdings", "holdings:HOLDINGS",
           "btc.total (default), btc.loaned, btc.pledged, btc.unencumbered"),
    Report("capital", "capital:CAPITAL",
           "a capital figure such as notes.outstanding, equity.raised or stakes.Exaion.percent "
           '(capital --json lists them under "figures")'),
    Report("shares", "shares:SHARES",
           "a share figure: shares.basic, shares.assumed_diluted, ..."),
    Report("kpi", "shares:KPI",
           "a per-share figure: kpi.btc_per_share, kpi.btc_yield (with --since), ..."),
    Report("value", "value:VALUE",
           "a value figure: value.market_value, value.cost_basis, value.mnav_diluted, ... "
           "(value --json)"),
    Report("series", "series:SERIES"),
    Report("reconcile", "audit:RECONCILE"),
    Report("changes", "changes:CHANGES"),
    Report("operations", "operations:OPERATIONS", "an operating figure: ops.hashrate_ehs, "
           "ops.blocks_won, ops.btc_produced (operations --json)"),
    Report("history", "records:HISTORY"),
    Report("companies", "records:COMPANIES"),
    Report("show", "records:SHOW"),
)}

#: The reports that write a file (``--out``; ``write(result, ledger=, force=)`` in their
#: module, or ``result.write()``). Apart from ``REPORTS`` because every report there is also
#: a route of the web API (``ledger/web/api.py``), and a server writes no files.
WRITERS: dict[str, Report] = {r.name: r for r in (
    Report("chart", "series:CHART"),
    Report("export", "changes:EXPORT"),
)}


def explain_help() -> str:
    """What ``explain --help`` says FIGURE may be: each report's figures, from the registry."""
    return "FIGURE is " + ", or ".join(r.explains for r in REPORTS.values() if r.explains) + "."


def get(name: str) -> Report:
    try:
        return REPORTS[name] if name in REPORTS else WRITERS[name]
    except KeyError:
        raise BadQuery(f'report "{name}": not a report; use one of '
                       + ", ".join((*REPORTS, *WRITERS))) from None


def printer(name: str) -> Any:
    """The printer of report ``name``."""
    return get(name).printer()


def _keywords(function: Any, positional: int) -> list[str]:
    """The named parameters of ``function`` after its first ``positional`` ones (its
    ``**opts`` left out), read from its code object (no ``inspect`` at start-up)."""
    code = function.__code__
    return list(code.co_varnames[positional:code.co_argcount + code.co_kwonlyargcount])


def options(name: str) -> list[str]:
    """The keywords report ``name`` takes besides its subject and ``as_of``: those its
    ``prepare`` and ``compute`` name (a writer's also ``ledger`` and ``force``)."""
    module = get(name).module()
    named = _keywords(module.compute, 3)
    if hasattr(module, "prepare"):
        named += _keywords(module.prepare, 1)
    if name in WRITERS:
        named += ["ledger", "force"]
    return sorted(set(named) - {"as_of"})


def check_options(what: str, given: Any, taken: list[str]) -> None:
    """Refuse (``BadQuery``, one line each) every keyword in ``given`` that is not in
    ``taken``: a mistyped keyword must not be ignored and a figure answered without it."""
    unknown = [k for k in given if k not in taken]
    if unknown:
        takes = ", ".join(taken) if taken else "no other keyword"
        raise BadQuery(*(f"{k}: {what} takes no such keyword; it takes {takes}"
                         for k in unknown))


def prepare(name: str, day: str | date | None, **opts: Any) -> tuple[Any, dict[str, Any]]:
    """Report ``name``'s day and options checked and parsed, before the ledger is read; a
    keyword the report does not take is refused (as the web API refuses a parameter)."""
    from ..snapshot import as_of_day

    module = get(name).module()
    check_options(name, opts, ["as_of", *options(name)])
    if hasattr(module, "prepare"):
        return module.prepare(day, **opts)
    return as_of_day(day), opts


def _explainers() -> Iterator[ModuleType]:
    """The modules of the reports that explain figures, in the order ``explain`` asks them
    (a ``FALLBACK`` report last), each loaded only when the one before it has declined:
    ``explain btc.total`` loads the holdings report alone."""
    fallbacks = []
    for r in REPORTS.values():
        module = r.module()
        if not hasattr(module, "explain"):
            continue
        if getattr(module, "FALLBACK", False):
            fallbacks.append(module)
        else:
            yield module
    yield from fallbacks


def figure_hints(snap: Any, company: str, day: date) -> list[str]:
    """Every figure (or family of figures) some report can explain, for an error message."""
    hints: list[str] = []
    for r in REPORTS.values():
        module = r.module()
        if hasattr(module, "FIGURE_HINT"):
            hints.extend(module.FIGURE_HINT(snap, company, day))
    return hints


def explain(snap: Any, company: str, figure: str, day: date, **opts: Any) -> dict[str, Any]:
    """How ``figure`` was derived, from the first report whose trails hold it, stamped."""
    check_options("explain", opts, ["as_of", "max_anchor_age", "max_price_age", "since"])
    if not isinstance(figure, str):
        raise BadQuery(f"figure: {figure!r} is not a figure's name; give it as text, e.g. "
                       '"btc.total"')
    for module in _explainers():
        if module.claims(figure):
            return {**module.explain(snap, company, figure, day, **opts), **snap.stamp()}
    raise BadQuery(f'figure "{figure}": no report has this figure; use one of '
                   + ", ".join(figure_hints(snap, company, day)))
