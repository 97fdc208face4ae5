"""What a figure rests on: its status, and why.

Every figure the ledger prints carries one of four statuses, so "not disclosed" is never
turned into 0:

* ``disclosed`` — the company stated it for that date (an anchor dated on the as-of day);
* ``derived`` — an anchor the company stated earlier, rolled forward by recorded records (or
  arithmetic over figures that are all disclosed or derived);
* ``flows only`` — no anchor on or before the day: the sum of the recorded flows, which is the
  figure only if the company held none before its first recorded flow;
* ``not known`` — nothing recorded gives it: its value is ``None`` (JSON ``null``, text "not
  known", an empty CSV cell), with the reason.

A figure computed from others is no better than the weakest of them, and never "disclosed"
(the company stated its inputs, not it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any, Literal

from ledger.precision import to_places
from ledger.valueclass import Record, Value, _set
from ledger.values import canonical

#: The significant digits every share and per-share figure is computed in (``shares.py``).
PRECISION = 40
_CONTEXT = Context(prec=PRECISION, rounding=ROUND_HALF_EVEN)


@contextmanager
def exact() -> Iterator[None]:
    """The Decimal context every figure here is computed and printed in (``shares.exact``;
    here so a bitcoin-only ``series`` has it without loading the share computation)."""
    with localcontext(_CONTEXT):
        yield


DISCLOSED = "disclosed"
DERIVED = "derived"
FLOWS_ONLY = "flows only"
NOT_KNOWN = "not known"
#: Weakest first.
STATUSES = (NOT_KNOWN, FLOWS_ONLY, DERIVED, DISCLOSED)


class Plain(Record):
    """A small mutable value class as ``@dataclass`` makes it (``ledger.valueclass.Record``:
    ``__eq__`` over ``FIELDS``, in order, a ``__repr__`` naming them, not hashable), written
    out instead of generated: a dataclass builds its methods from source when its module
    loads, about 0.4 ms each, and a one-company query loads a dozen. A subclass lists
    ``FIELDS`` and writes its own ``__init__``."""

    __slots__ = ()


class Defaults(Plain):
    """``Plain`` built as a mutable ``@dataclass`` with defaults is: the ``FIELDS`` in order,
    by position or by name, each in ``DEFAULTS`` taking its value there when not given
    (``dict`` and ``list`` make a new empty one each time)."""

    __slots__ = ()
    DEFAULTS: dict[str, Any] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self.FIELDS
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__}() takes {len(fields)} arguments at most")
        given = dict(zip(fields, args))
        for name, value in kwargs.items():
            if name not in fields or name in given:
                raise TypeError(f"{type(self).__name__}() got an unexpected or repeated "
                                f"argument {name!r}")
            given[name] = value
        for name in fields:
            if name in given:
                value = given[name]
            elif name in self.DEFAULTS:
                value = self.DEFAULTS[name]
                if value is dict or value is list:
                    value = value()
            else:
                raise TypeError(f"{type(self).__name__}() missing argument {name!r}")
            setattr(self, name, value)


class Frozen(Value):
    """A frozen value (``ledger.valueclass.Value``: equal and hashed by ``FIELDS``, no
    assignment after ``__init__``, which sets each field with ``_set``)."""

    __slots__ = ()


class Status(Frozen):
    """A figure's status and the one-line reason for it (what it rests on).

    ``flags``: what may be wrong with the figure though it is known (a counted flow
    straddling its anchor's date), each ``"WHERE: WHAT"``, WHERE naming the figure the flag
    was raised on and the inputs it came through (``carried_flags``). A figure computed from
    a flagged one keeps the flag, its reason saying so (``flag_note``)."""

    __slots__ = ("status", "reason", "flags")
    FIELDS = __slots__

    def __init__(self, status: str, reason: str, flags: tuple[str, ...] = ()):
        _set(self, "status", status)
        _set(self, "reason", reason)
        _set(self, "flags", tuple(flags))

    @property
    def known(self) -> bool:
        return self.status != NOT_KNOWN

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, "reason": self.reason}
        if self.flags and self.known:
            out["flags"] = list(self.flags)
        return out


def carried_flags(inputs: Any) -> tuple[str, ...]:
    """The flags a figure computed from ``inputs`` ((name, status) pairs, the name as its
    reason names the input) keeps: each input's, named by the input it comes through (a
    flag raised on ``shares.basic`` reaches a yield as ``"shares.assumed_diluted as of
    2024-11-15, from shares.basic: ..."``; on the input itself, as ``"btc.total as of
    2024-11-15: ..."``). Each once, in order."""
    out: list[str] = []
    for name, status in inputs:
        if status is None:
            continue
        for flag in status.flags:
            origin, _, what = flag.partition(": ")
            carried = (f"{name}: {what}" if name.split(" ", 1)[0] == origin
                       else f"{name}, from {flag}")
            if carried not in out:
                out.append(carried)
    return tuple(out)


def flag_note(flags: tuple[str, ...]) -> str:
    """The words a figure's reason adds for the flags it keeps from its inputs."""
    return "".join(f"; flagged: {flag}" for flag in flags)


def combined(parts: dict[str, Status], what: str) -> Status:
    """The status of a figure computed from ``parts`` (name → status): the weakest of them,
    at best derived; the reason names the parts that make it so."""
    worst = min((p.status for p in parts.values()), key=STATUSES.index)
    if worst == NOT_KNOWN:
        missing = [name for name, p in parts.items() if not p.known]
        return Status(NOT_KNOWN, f"{what} needs {' and '.join(missing)}, "
                      f"{'which is' if len(missing) == 1 else 'which are'} not known")
    flags = carried_flags(parts.items())
    if worst == FLOWS_ONLY:
        partial = [name for name, p in parts.items() if p.status == FLOWS_ONLY]
        return Status(FLOWS_ONLY, f"{what} from {', '.join(partial)} summed from recorded "
                      "flows only (no disclosed starting point)" + flag_note(flags), flags)
    return Status(DERIVED, f"{what} computed from " + ", ".join(
        f"{name} ({p.status})" for name, p in parts.items()) + flag_note(flags), flags)



#: What a step does to a trail's running value (``step["action"]`` in JSON): ``anchor``
#: starts from a disclosed figure (the step's record), ``start`` from nothing (no record),
#: ``combine`` sets the value its ``parts`` give by a ``formula``.
ACTIONS = ("add", "subtract", "set", "multiply", "divide", "anchor", "start", "combine")
if TYPE_CHECKING:
    Action = Literal["add", "subtract", "set", "multiply", "divide", "anchor", "start",
                     "combine"]
_ACTIONS: dict[str, Callable[[Decimal, Decimal], Decimal]] = {
    "add": lambda value, amount: value + amount,
    "subtract": lambda value, amount: value - amount,
    "set": lambda value, amount: amount,
    "multiply": lambda value, amount: value * amount,
    "divide": lambda value, amount: value / amount,
    "anchor": lambda value, amount: amount,
    "start": lambda value, amount: amount,
    "combine": lambda value, amount: amount,
}
assert tuple(_ACTIONS) == ACTIONS


class Trail(Plain):
    """A figure and every step that produced it: what every report prints as a value and
    ``explain`` prints as steps (capital, shares, kpi, value, operations, holdings).

    ``status``: what the figure rests on; None for figures that are sums of the records
    shown. ``bucket``: the holdings bucket the steps move ("total", ...): each step then
    names it. ``parts``: the figures this one combines (``btc.unencumbered``: total, loaned
    and pledged): their steps come first, each shown when that figure is known.
    """

    __slots__ = ("figure", "unit", "value", "steps", "status", "bucket", "parts")
    FIELDS = __slots__

    def __init__(self, figure: str, unit: str, value: Decimal = Decimal(0),
                 steps: list[dict[str, Any]] | None = None, status: Status | None = None,
                 bucket: str | None = None, parts: list[Trail] | None = None):
        self.figure = figure
        self.unit = unit
        self.value = value
        self.steps = [] if steps is None else steps
        self.status = status
        self.bucket = bucket
        self.parts = [] if parts is None else parts

    @property
    def known(self) -> bool:
        return self.status is None or self.status.known

    def known_value(self) -> Decimal | None:
        """The value as printed: None when the figure is not known."""
        return self.value if self.known else None

    def move(self, action: Action, amount: Decimal, row: Any | None, note: str | None = None,
             *, formula: str | None = None, straddles: bool = False) -> None:
        """One step: ``action`` by ``amount`` (``row``: the record it rests on, anything with
        a ``brief()``); ``straddles``: a flow whose period starts on or before its anchor's
        date (holdings)."""
        if action not in _ACTIONS:  # a misspelt action is refused, never a silent no-op
            raise ValueError(f"unknown trail action {action!r}; one of "
                             + ", ".join(_ACTIONS))
        self.value = _ACTIONS[action](self.value, amount)
        step: dict[str, Any] = {} if self.bucket is None else {"bucket": self.bucket}
        step["action"] = action
        if formula is not None:
            step["formula"] = formula
        step["amount"] = canonical(amount)
        step["running"] = canonical(self.value)
        if row is not None:
            step["record"] = row.brief()
        if note:
            step["note"] = note
        if straddles:
            step["straddles_anchor"] = True
        self.steps.append(step)

    def round_to(self, places: Decimal) -> None:
        """The value rounded to ``places`` where it is computed (``ledger.precision``: half
        to even), as a step saying so when that changes it."""
        rounded = to_places(self.value, places)
        if rounded != self.value:
            self.move("set", rounded, None, f"rounded to {canonical(places)}")

    def known_steps(self) -> list[dict[str, Any]]:
        """The steps as printed: its parts' (each when known), then its own when it is known.
        A figure that is not known has no steps of its own: a running sum from zero would
        print a number the ledger does not know."""
        return [step for part in self.parts for step in part.known_steps()] + \
            (self.steps if self.known else [])

    def to_json(self) -> dict[str, Any]:
        """The trail as JSON: its own copy of each step (a part's steps are a combined
        figure's too, and each answer holding both may be changed apart)."""
        out = {"figure": self.figure, "unit": self.unit,
               "value": canonical(self.value) if self.known else None,
               "steps": [_copied_step(step) for step in self.known_steps()]}
        if self.status is not None:
            out.update(self.status.to_json())
        return out


def _copied_step(step: dict[str, Any]) -> dict[str, Any]:
    """A copy of a trail's step, its record's brief and sources too (nothing deeper)."""
    step = dict(step)
    record = step.get("record")
    if record is not None:
        record = step["record"] = dict(record)
        if "sources" in record:
            record["sources"] = [dict(source) for source in record["sources"]]
    return step
