"""What every report's result is: its figures, its trails, its stamp, and its JSON.

A result keeps the JSON-shaped value the CLI prints with ``--json`` (``to_json()``, built
once) and reads everything else from it, so the Python API and the CLI can never disagree
on a decimal: ``figures`` are that JSON's decimal strings as ``Decimal``, its ISO dates as
``date``. ``to_rows()`` is the report's CSV rows (``--format csv``) as dicts with the same
typed values; ``to_pandas()`` makes a DataFrame of them when pandas is installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any

_DECIMAL = re.compile(r"-?\d+(\.\d+)?")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

#: CSV columns that hold an amount (a decimal string) or an ISO date, in any report.
AMOUNT_COLUMNS = frozenset({
    "value", "btc", "change", "flows", "anchors", "expected", "unexplained", "stated",
    "itemized", "amount", "close", "delta", "running", "opening", "closing", "before",
    "after", "since_value", "as_of_value"})
AMOUNT_SUFFIXES = ("_before", "_after", "_usd", "_btc")
DATE_COLUMNS = frozenset({"as_of", "date", "start", "end", "since", "from", "to"})


def amount(text: Any) -> Decimal | None:
    """A JSON amount (a decimal string, or None when not known) as a Decimal."""
    return None if text is None else Decimal(text)


def whole_days(option: str, days: Any, example: int) -> int:
    """A number of days an option (``--max-price-age``) takes, checked: a whole number, 0 or
    more (``BadQuery`` naming the option otherwise; ``example`` for the message)."""
    from ..errors import BadQuery

    if not isinstance(days, int) or isinstance(days, bool):
        raise BadQuery(f"{option}: {days!r} is not a whole number of days; give an int, 0 or "
                       f"more (e.g. {example})")
    if days < 0:
        raise BadQuery(f"{option} {days}: give a number of days, 0 or more")
    return days


def typed(column: str, value: Any) -> Any:
    """A JSON or CSV cell as Python holds it: amounts as Decimal, ISO days as date."""
    if isinstance(value, str):
        if (column in AMOUNT_COLUMNS or column.endswith(AMOUNT_SUFFIXES)) \
                and _DECIMAL.fullmatch(value):
            return Decimal(value)
        if column in DATE_COLUMNS and _DAY.fullmatch(value):
            return date.fromisoformat(value)
    return value


class Result:
    """One report computed in one snapshot.

    ``name``: the report's registry name; ``data``: the projection's own object (None when
    the report has none); ``figures``: figure name → Decimal (None: not known);
    ``trail(figure)``: how a figure was derived, as ``explain`` prints it.
    """

    name: str = ""

    def __init__(self, data: Any, json: dict[str, Any] | list[Any],
                 trails: Callable[[str], dict[str, Any] | None] | None = None, *,
                 stamp: dict[str, Any] | None = None):
        self.data = data
        self._json = json
        self._trails = trails
        #: The snapshot's stamp, for a report whose JSON has no room for it (a list).
        self._stamp = stamp

    # --- what the CLI prints ----------------------------------------------------------------

    def to_json(self) -> Any:
        """Exactly what ``caledger NAME --json`` prints (a fresh copy)."""
        return _fresh(self._json)

    def json_view(self) -> Any:
        """``to_json()`` without the copy: the result's own JSON, shared with it. Do not
        mutate it; for a caller that prints or sends the JSON and drops the result."""
        return self._json

    def to_rows(self) -> list[dict[str, Any]]:
        """The report's CSV rows as dicts, amounts as Decimal and days as date."""
        from .. import reports

        printer = reports.get(self.name).printer()
        if printer.csv is None:
            raise TypeError(f"the {self.name} report has no rows")
        header, rows = printer.csv(self._json)
        return [{h: typed(h, v) for h, v in zip(header, row, strict=True)} for row in rows]

    def to_pandas(self) -> Any:
        """``to_rows()`` as a pandas DataFrame (install the ``pandas`` extra)."""
        try:
            import pandas
        except ImportError:
            raise ImportError("to_pandas needs pandas: pip install 'caledger[pandas]'") from None
        return pandas.DataFrame(self.to_rows())

    # --- the stamp ---------------------------------------------------------------------------

    @property
    def stamp(self) -> dict[str, Any]:
        if self._stamp is not None:
            return dict(self._stamp)
        j = self._json if isinstance(self._json, dict) else {}
        return {"known_at": j.get("known_at"), "position": j.get("position"),
                "head_hash": j.get("head_hash")}

    @property
    def company(self) -> str | None:
        return self._json.get("company") if isinstance(self._json, dict) else None

    @property
    def as_of(self) -> date | None:
        text = self._json.get("as_of") if isinstance(self._json, dict) else None
        return date.fromisoformat(text) if text else None

    # --- figures and trails ------------------------------------------------------------------

    @property
    def figures(self) -> dict[str, Decimal | None]:
        """Each figure of the report by its full name (as ``explain`` takes it)."""
        return {}

    def __getitem__(self, figure: str) -> Decimal | None:
        return self.figures[figure]

    def trail(self, figure: str) -> dict[str, Any] | None:
        """How ``figure`` was derived (``explain``'s JSON), or None if not this report's."""
        return self._trails(figure) if self._trails is not None else None

    def __getattr__(self, name: str) -> Any:
        """A figure by its short name: ``h.total`` is ``h.figures["btc.total"]``."""
        if name.startswith("_"):
            raise AttributeError(name)
        found = [v for k, v in self.figures.items() if k.rsplit(".", 1)[-1] == name
                 or k.split(".", 1)[-1].replace(".", "_") == name]
        if len(found) == 1:
            return found[0]
        raise AttributeError(f"{type(self).__name__} has no figure or attribute {name!r}")

    def __repr__(self) -> str:
        return f"<{self.name} {self.company} as of {self.as_of} @{self.stamp['position']}>"


class Many(Result):
    """One report of several companies (or every one) from one snapshot: its JSON is the
    list of theirs (what ``NAME --all --json`` prints), its stamp the snapshot's even when
    the list is empty."""

    def __init__(self, name: str, results: list[Result], stamp: dict[str, Any]):
        super().__init__(results, [r.to_json() for r in results], stamp=stamp)
        self.name = name

    @property
    def results(self) -> list[Result]:
        return list(self.data)


_IMMUTABLE = frozenset({str, int, bool, float, type(None), Decimal, date})


def _fresh(value: Any) -> Any:
    """A copy of JSON-shaped data that shares nothing mutable with it, as ``deepcopy``
    makes, several times quicker on a large report (its dicts and lists rebuilt, its text,
    numbers and days kept); anything else is deep-copied."""
    kind = type(value)
    if kind is dict:
        return {k: v if type(v) in _IMMUTABLE else _fresh(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _IMMUTABLE else _fresh(v) for v in value]
    if kind in _IMMUTABLE:
        return value
    import copy

    return copy.deepcopy(value)
