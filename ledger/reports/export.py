"""The ledger's bitcoin holdings as a Beancount or hledger journal (``journal``) of some
companies (none named: every company), rolled forward by the holdings computation itself
(``projections/exports``, written by ``ledger/exports``): its JSON is the export's summary,
with the journal itself when there is no ``out`` file; ``write`` saves it to ``out``.
"""

from __future__ import annotations

import tempfile
from datetime import date
from typing import IO, Any

from .base import Result


class Export(Result):
    name = "export"

    def __init__(self, data: Any, json: dict[str, Any], journal: str | None,
                 spooled: IO[bytes] | None = None):
        super().__init__(data, json)
        self._journal = journal
        #: With an ``out`` file: the journal as written in the snapshot, until ``write``.
        self._spooled = spooled

    @property
    def journal(self) -> str:
        """The journal's text (in the JSON too when there is no ``out`` file)."""
        if self._journal is None:
            assert self._spooled is not None
            self._spooled.seek(0)
            self._journal = self._spooled.read().decode("utf-8")
        return self._journal

    def write(self, *, ledger: str | None = None, force: bool = False) -> None:
        """Save the journal to its ``out`` file (``export ... --out FILE``)."""
        write(self, ledger=ledger, force=force)


#: A report of several companies at once (``companies=``; none: every company).
SUBJECT = None

#: Copied from the spooled journal to the ``out`` file this many bytes at a time.
_CHUNK = 1 << 20


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
    """Planned and printed company by company (``ledger/exports.export``, on both cores for
    a wide ledger): into memory when there is no ``out`` file, else into a temporary file
    that ``write`` copies to ``out``, so the journal is never held whole in memory."""
    from projections import exports as exports_projection

    from .. import exports

    tickers = snap.tickers(list(companies) or None)
    header = {"as_of": day.isoformat() if day else None, **snap.stamp()}
    spooled: IO[bytes] | None = None
    text: str | None = None
    if out is None:
        pieces: list[bytes] = []
        parts = exports.export(snap.url, snap.cur, journal, tickers, day, snap.position,
                               header, pieces.append)
        text = b"".join(pieces).decode("utf-8")
    else:
        spooled = tempfile.TemporaryFile(prefix="caledger-journal-")
        parts = exports.export(snap.url, snap.cur, journal, tickers, day, snap.position,
                               header, spooled.write)
    return Export(parts, {"format": journal, "out": out, **header,
                          **exports_projection.combined(parts),
                          **({"journal": text} if out is None else {})}, text, spooled)


def write(result: Export, *, ledger: str | None = None, force: bool = False) -> None:
    """Save ``result``'s journal to its ``out`` file (``ledger/outputs.output_stream``:
    whole or not at all, never over the ledger)."""
    from .. import outputs

    out = result._json["out"]
    if out is None:
        return
    with outputs.output_stream(out, option="--out", kind=outputs.JOURNAL, ledger=ledger,
                               force=force) as sink:
        if result._spooled is None:
            sink(result.journal.encode("utf-8"))
            return
        result._spooled.seek(0)
        while chunk := result._spooled.read(_CHUNK):
            sink(chunk)
