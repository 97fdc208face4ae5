"""EDGAR's bulk company-facts archive (``companyfacts.zip``: one JSON per CIK) → records.

The archive is read member by member straight from the zip (its central directory lists the
members; each member is inflated, parsed, converted and dropped before the next), so memory
stays flat whatever the archive's size: what one filer's JSON takes, plus the records of one
filer. Each filer's JSON goes through the same reading and the same mapping table as a single
company-facts file (``facts.parse_company_facts`` and ``facts.convert``).

Tickers: the ledger records companies by ticker and company facts name only a CIK. A filer's
ticker is taken from a ``CIK,ticker`` CSV the user gives (``--tickers``), else from the file
itself (``dei:TradingSymbol`` facts, or a ``tickers`` list); a filer with neither is skipped
and counted. A filer that has no bitcoin or share facts is skipped and counted too (with
``only_crypto``, every filer without a bitcoin count).
"""

from __future__ import annotations

import csv
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..companies import resolve_company
from ..errors import RejectedInput
from .facts import convert, parse_company_facts

#: The most one member (one filer's JSON) may inflate to; EDGAR's largest are ~50 MB.
MAX_MEMBER = 256 * 1024 * 1024
#: CIKs named in the summary, per reason (the rest are counted).
NAMED = 20
_CIK_NAME = re.compile(r"CIK([0-9]{1,10})\.json$", re.IGNORECASE)


@dataclass
class Filer:
    member: str
    cik: int
    ticker: str
    entity: str
    records: list[dict[str, Any]]
    facts_read: int


@dataclass
class Summary:
    """What a bulk import read and why it left filers out."""

    file: str
    members: int = 0
    read: int = 0
    no_ticker: int = 0
    no_ticker_ciks: list[int] = field(default_factory=list)
    no_facts: int = 0
    not_crypto: int = 0
    failed: list[dict[str, Any]] = field(default_factory=list)
    facts_read: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"members": self.members, "read": self.read,
                "skipped": {"no_ticker": self.no_ticker, "no_ticker_ciks": self.no_ticker_ciks,
                            "no_facts": self.no_facts, "not_crypto": self.not_crypto,
                            "failed": len(self.failed)},
                "failed": self.failed, "facts_read": self.facts_read}


def read_tickers(path: str) -> dict[int, str]:
    """CIK -> ticker from a ``CIK,ticker`` CSV (a header line is allowed). Refuses, one line
    each, a row whose CIK is not a number or which gives no ticker, or a valid ticker."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
    except FileNotFoundError:
        raise RejectedInput(f"--tickers {path}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise RejectedInput(f"--tickers {path}: can't read it as a CSV of CIK,ticker: {e}"
                            ) from None
    out: dict[int, str] = {}
    problems = []
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if number == 1 and cells and not cells[0].isdigit():
            continue  # a header
        where = f"{path} line {number}"
        if not cells[0].isdigit() or not 0 < int(cells[0]) < 10**10:
            problems.append(f'{where}: "{cells[0]}" is not a CIK (a number of up to 10 '
                            "digits); each line is CIK,TICKER")
            continue
        cik = int(cells[0])
        ticker = cells[1] if len(cells) > 1 else ""
        if not ticker:
            problems.append(f"{where}: CIK {cik} has no ticker; give CIK,TICKER or leave the "
                            "CIK out")
            continue
        try:
            ticker = resolve_company(ticker)
        except ValueError as e:
            problems.append(f"{where}: CIK {cik}: ticker {e}")
            continue
        if out.get(cik, ticker) != ticker:
            problems.append(f"{where}: CIK {cik} is given two tickers ({out[cik]}, {ticker}); "
                            "give one")
            continue
        out[cik] = ticker
    if problems:
        raise RejectedInput(*problems)
    return out


def own_ticker(data: dict[str, Any]) -> str | None:
    """The filer's ticker from its own file: a ``tickers`` list, else the latest
    ``dei:TradingSymbol`` fact."""
    listed = data.get("tickers")
    if isinstance(listed, list) and listed and isinstance(listed[0], str):
        return listed[0].strip().upper() or None
    dei = data.get("facts", {}).get("dei", {})
    symbol = dei.get("TradingSymbol") if isinstance(dei, dict) else None
    units = symbol.get("units") if isinstance(symbol, dict) else None
    best: tuple[str, str] | None = None
    for entries in (units or {}).values() if isinstance(units, dict) else ():
        for e in entries if isinstance(entries, list) else ():
            if isinstance(e, dict) and isinstance(e.get("val"), str) and e["val"].strip():
                key = (str(e.get("filed", "")), e["val"].strip().upper())
                best = key if best is None or key > best else best
    return best[1] if best else None


def filers(path: str, tickers: dict[int, str], summary: Summary, *, only_crypto: bool,
           progress: Callable[[int, int], None] | None = None
           ) -> Iterator[Filer | tuple[str, int | None, list[str]]]:
    """Each filer of the archive with records (a ``Filer``), or a filer that can't be read
    as ``(member, cik or None, problems)``; skipped filers are counted in ``summary``."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise RejectedInput(f"{path}: no such file") from None
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise RejectedInput(f"{path}: not a readable zip ({e}); give EDGAR's companyfacts.zip "
                            "(the bulk company-facts archive)") from None
    with archive:
        members = [i for i in archive.infolist()
                   if not i.is_dir() and i.filename.lower().endswith(".json")]
        summary.members = len(members)
        if not members:
            raise RejectedInput(f"{path}: no .json members: not EDGAR's company-facts archive "
                                "(one CIK##########.json per filer)")
        for done, info in enumerate(members, start=1):
            if progress is not None:
                progress(done, len(members))
            yield from _one(archive, info, path, tickers, summary, only_crypto)


def _one(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, tickers: dict[int, str],
         summary: Summary, only_crypto: bool
         ) -> Iterator[Filer | tuple[str, int | None, list[str]]]:
    named = _CIK_NAME.search(info.filename)
    cik_of_name = int(named.group(1)) if named else None
    where = f"{path}: {info.filename}"
    if info.file_size > MAX_MEMBER:
        yield (info.filename, cik_of_name, [f"{where}: inflates to {info.file_size} bytes, "
                                            f"more than {MAX_MEMBER // 2**20} MB"])
        return
    try:
        with archive.open(info) as member:
            raw = member.read()
        text = raw.decode("utf-8-sig")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as e:
        yield (info.filename, cik_of_name, [f"{where}: the member is broken ({e}); download "
                                            "the archive again"])
        return
    except UnicodeDecodeError as e:
        yield (info.filename, cik_of_name, [f"{where}: not UTF-8 ({e.reason} at byte "
                                            f"{e.start})"])
        return
    del raw
    summary.read += 1
    try:
        data = parse_company_facts(text, where)
        del text
        given = data.get("cik")
        cik = int(given) if isinstance(given, (Decimal, str)) and str(given).isdigit() \
            else cik_of_name
        ticker = tickers.get(cik) if cik is not None else None
        if ticker is None:
            ticker = own_ticker(data)
        if ticker is None:
            summary.no_ticker += 1
            if len(summary.no_ticker_ciks) < NAMED and cik is not None:
                summary.no_ticker_ciks.append(cik)
            return
        try:
            ticker = resolve_company(ticker)
        except ValueError as e:
            raise RejectedInput(f"{where}: its trading symbol is not a ticker the ledger can "
                                f"record ({e}); give its ticker in --tickers") from None
        conversion = convert(data, ticker, source=where)
    except RejectedInput as e:
        yield (info.filename, cik_of_name, list(e.problems))
        return
    summary.facts_read += conversion.facts_read
    if not conversion.records:
        summary.no_facts += 1
        return
    if only_crypto and not any((r.get("event") or r)["type"] == "btc_balance_disclosed"
                               for r in conversion.records):
        summary.not_crypto += 1
        return
    yield Filer(info.filename, conversion.cik, conversion.company, conversion.entity,
                conversion.records, conversion.facts_read)


def write_archive(target: Any, filers: Iterator[tuple[int, dict[str, Any]]]) -> None:
    """Write a company-facts archive (for tests and benchmarks): ``(cik, data)`` pairs, one
    ``CIK##########.json`` member each, compressed as EDGAR's is."""
    import json

    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for cik, data in filers:
            archive.writestr(f"CIK{cik:010d}.json", json.dumps(data))

