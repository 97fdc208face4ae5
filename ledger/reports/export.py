"""The ledger's bitcoin holdings as a Beancount or hledger journal (``journal``) of some
companies (none named: every company), rolled forward by the holdings computation itself
(``projections/exports``, written by ``ledger/exports``): its JSON is the export's summary,
with the journal itself when there is no ``out`` file; ``write`` saves it to ``out``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .base import Result


class Export(Result):
    name = "export"

    def __init__(self, data: Any, json: dict[str, Any], journal: str):
        super().__init__(data, json)
        #: The journal's text (in the JSON too when there is no ``out`` file).
        self.journal = journal

    def write(self, *, ledger: str | None = None, force: bool = False) -> None:
        """Save the journal to its ``out`` file (``export ... --out FILE``)."""
        write(self, ledger=ledger, force=force)


#: A report of several companies at once (``companies=``; none: every company).
SUBJECT = None


def prepare(day: Any, *, out: str | None = None, force: bool = False,
            ledger: str | None = None, **opts: Any) -> tuple[date | None, dict[str, Any]]:
    """``day``: only periods ended by then (None: every period). An ``out`` file is refused
    before the work (and checked again when written)."""
    from .. import outputs
    from ..snapshot import as_of_day

    day = as_of_day(day) if day is not None else None
    if out is not None:
        outputs.check_target(out, option="--out", kind=outputs.JOURNAL, ledger=ledger,
                             force=force)
    return day, {"out": out, **opts}


def compute(snap: Any, company: None = None, day: date | None = None, *, journal: str,
            companies: list[str] | tuple[str, ...] = (), out: str | None = None,
            **_: Any) -> Export:
    from projections import exports as exports_projection

    from .. import exports

    tickers = snap.tickers(list(companies) or None)
    plans = [exports_projection.plan(snap.cur, t, day, snap.position) for t in tickers]
    header = {"as_of": day.isoformat() if day else None, **snap.stamp()}
    text = exports.write(journal, plans, header)
    return Export(plans, {"format": journal, "out": out, **header,
                          **exports_projection.summary(plans),
                          **({"journal": text} if out is None else {})}, text)


def write(result: Export, *, ledger: str | None = None, force: bool = False) -> None:
    """Save ``result``'s journal to its ``out`` file (``ledger/exports.save``)."""
    from .. import exports

    out = result._json["out"]
    if out is not None:
        exports.save(out, result.journal, ledger=ledger, force=force)
