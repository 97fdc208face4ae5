"""A filing itself → import-format records: inline XBRL, an XBRL instance, or the filing's zip.

Company facts leave out every fact with a dimension, and that is exactly how treasury
companies tag their bitcoin since ASU 2023-08: ``us-gaap:CryptoAssetNumberOfUnits``,
``CryptoAssetCost`` and ``CryptoAssetFairValue`` per crypto asset, on an axis whose member names
the asset; and their share count per class of stock on the cover page. This module reads the
filing's facts with their contexts (period, dimensions, unit, decimals) through ``ixbrlparse``
(a maintained iXBRL/XBRL reader: contexts with their segments, units, facts, the document's
own ids) and maps them by ``rules.RULES``:

- a bitcoin count: ``CryptoAssetNumberOfUnits`` on a crypto-asset axis member naming bitcoin
  (``BitcoinMember``, ``BTCMember``), or without dimensions in a unit naming bitcoin (or in a
  generic unit when the filing names no other asset) → ``btc_balance_disclosed`` on the
  context's instant; other assets' members (ether, solana, ...) are skipped and listed;
- cost and fair value for that same member and date → its ``cost_usd`` and ``fair_value_usd``;
- ``dei:EntityCommonStockSharesOutstanding`` per class of stock, summed into one
  ``shares_outstanding_disclosed`` whose note lists each class and its count.

Values are read as exact ``Decimal`` from the fact's own text (its ``format``, ``scale`` and
``sign``), never through the library's float. The filing's accession number, form and filing
date are not inside the XBRL document: they come from ``--accession``/``--filed``, else from
an EDGAR header in the zip (``*.hdr.sgml``, ``*-index-headers.html`` or the submission
``.txt``) and the accession number in the file's name; the form is ``dei:DocumentType``.

Each record cites ``"ACCESSION FORM"``, the line of the fact in the document and the
document's address on EDGAR with the fact's element id as its fragment; its ``disclosed`` is
the filing date and its note names the element ids, the members and the filing date. Against
what the ledger already holds from XBRL for the same figure and date (company facts or an
earlier filing, same ids): the same figures add nothing; different ones are a correction of
that record, citing this filing.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..companies import resolve_company
from ..errors import RejectedInput
from ..values import canonical
from .facts import record_id
from .rules import (
    BITCOIN_UNITS,
    BY_NAME,
    GENERIC_UNITS,
    MAIN,
    SHARE_UNITS,
    USD_UNITS,
    Rule,
    is_class_axis,
    is_crypto_axis,
    local,
    member_asset,
    names_bitcoin,
    unit_key,
)

DOCUMENT_URL = "https://www.sec.gov/Archives/edgar/data/{cik}/{folder}/{document}"
#: The most a filing (or one member of its zip) may be: EDGAR's largest 10-K documents are
#: tens of megabytes.
MAX_BYTES = 200 * 1024 * 1024
_ACCN = re.compile(r"(?<![0-9])([0-9]{10})-?([0-9]{2})-?([0-9]{6})(?![0-9])")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")
_XS_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_FORMATS_DOT = frozenset({"numdotdecimal", "numcommadot", "numspacedot", "numdotcomma0",
                          "numunitdecimal"})
_FORMATS_COMMA = frozenset({"numcommadecimal", "numdotcomma", "numspacecomma"})
_FORMATS_ZERO = frozenset({"fixedzero", "zerodash", "numdash"})


@dataclass(frozen=True)
class FilingFact:
    """One fact of a concept in ``RULES``, with its context."""

    rule: Rule
    value: Decimal
    unit: str  # the measure, e.g. "iso4217:USD", "xbrli:shares", "hash:Bitcoin"
    instant: str | None
    start: str | None
    end: str | None
    dims: tuple[tuple[str, str], ...]  # (axis, member)
    decimals: str | None
    element: str  # the element's id in the document ("" if it has none)
    line: int

    def where(self) -> str:
        return f"element {self.element}" if self.element else f"line {self.line}"

    def brief(self) -> dict[str, Any]:
        return {"concept": self.rule.qualified, "unit": self.unit,
                "end": self.instant or self.end, "val": canonical(self.value),
                "element": self.element,
                "members": [f"{a}={m}" for a, m in self.dims]}


@dataclass
class Filing:
    """What one filing says: who, which filing, and its facts of the concepts in ``RULES``."""

    path: str
    document: str  # the XBRL document's file name
    kind: str  # "inline XBRL" or "XBRL instance"
    accession: str
    form: str
    filed: str
    cik: int | None
    entity: str
    symbols: tuple[str, ...]
    period_end: str | None
    facts: list[FilingFact] = field(default_factory=list)

    @property
    def url(self) -> str | None:
        if self.cik is None:
            return None
        return DOCUMENT_URL.format(cik=self.cik, folder=self.accession.replace("-", ""),
                                   document=self.document)


# --- reading ----------------------------------------------------------------------------------


def read_filing(path: str, *, accession: str | None = None, filed: str | None = None,
                form: str | None = None) -> Filing:
    """The filing at ``path`` (``.htm``/``.html``/``.xhtml`` inline XBRL, ``.xml`` instance, or
    a ``.zip`` holding one). Raises ``RejectedInput`` with one line per problem."""
    data = _read_bytes(path)
    header: dict[str, str] = {}
    document = Path(path).name
    if data[:4] == b"PK\x03\x04" or path.lower().endswith(".zip"):
        document, data, header = _from_zip(path, data)
        where = f"{path}: {document}"
    else:
        where = path
    accession = _accession(path, accession or header.get("accession"))
    filed = _filed(path, filed or header.get("filed"))
    parsed = _parse(where, data)
    return _filing(parsed, path, where, document, data, accession, filed,
                   form or header.get("form"))


def _read_bytes(path: str) -> bytes:
    p = Path(path)
    try:
        if not p.is_file():
            if not p.exists():
                raise RejectedInput(f"{path}: no such file")
            raise RejectedInput(f"{path}: not a regular file; give a filing's .htm, .xml or .zip")
        if p.stat().st_size > MAX_BYTES:
            raise RejectedInput(f"{path}: larger than {MAX_BYTES // 2**20} MB; not a filing")
        return p.read_bytes()
    except OSError as e:
        raise RejectedInput(f"{path}: can't read it: {e.strerror or e}") from None


def _from_zip(path: str, data: bytes) -> tuple[str, bytes, dict[str, str]]:
    """(document name, its bytes, EDGAR header fields) from a filing's zip."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise RejectedInput(f"{path}: not a readable zip ({e}); give the filing's .zip as EDGAR "
                            "serves it, or its .htm") from None

    def read(info: zipfile.ZipInfo) -> bytes:
        if info.file_size > MAX_BYTES:
            raise RejectedInput(f"{path}: member {info.filename} is larger than "
                                f"{MAX_BYTES // 2**20} MB; not a filing document")
        try:
            return archive.read(info)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as e:
            raise RejectedInput(f"{path}: member {info.filename} is broken ({e}); download "
                                "the filing's zip again") from None

    header: dict[str, str] = {}
    for info in names:
        lower = info.filename.lower()
        if lower.endswith((".hdr.sgml", "-index-headers.html")) or (
                lower.endswith(".txt") and info.file_size < MAX_BYTES):
            header = _edgar_header(read(info)[:65536].decode("latin-1"))
            if header:
                break
    inline = [i for i in names if i.filename.lower().endswith((".htm", ".html", ".xhtml"))]
    instances = [i for i in names if i.filename.lower().endswith(".xml")
                 and not re.search(r"(_cal|_def|_lab|_pre|filingsummary)\.xml$",
                                   i.filename.lower())]
    for group, marker in ((inline, b"ix:header"), (instances, b"xbrl")):
        found = [(i, body) for i in group if marker in (body := read(i))]
        if found:
            info, body = max(found, key=lambda item: len(item[1]))
            return info.filename, body, header
    raise RejectedInput(f"{path}: no XBRL in the zip: no inline XBRL document (.htm with "
                        "ix:header) and no XBRL instance (.xml); give the filing's own zip")


def _edgar_header(text: str) -> dict[str, str]:
    """Accession number, filing date and form from an EDGAR SGML header."""
    out = {}
    for key, pattern in (("accession", r"ACCESSION[ -]NUMBER:?>?\s*([0-9-]{18,20})"),
                         ("filed", r"(?:FILED AS OF DATE:|<FILING-DATE>)\s*([0-9]{8})"),
                         ("form", r"(?:CONFORMED SUBMISSION TYPE:|<TYPE>)\s*(\S+)")):
        m = re.search(pattern, text)
        if m:
            value = m.group(1)
            if key == "filed":
                value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
            out[key] = value
    return out


def _accession(path: str, given: str | None) -> str:
    text = given if given is not None else Path(path).name
    m = _ACCN.search(text)
    if m is None or (given is not None and m.group(0) != given.strip()):
        if given is not None:
            raise RejectedInput(f'--accession "{given}": an accession number looks like '
                                "0001999001-25-000020")
        raise RejectedInput(f"{path}: which filing is it? give --accession (e.g. "
                            "0001999001-25-000020) and --filed DATE, as the filing index on "
                            "EDGAR shows them")
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"


def _filed(path: str, given: str | None) -> str:
    if given is None:
        raise RejectedInput(f"{path}: when was it filed? give --filed DATE (YYYY-MM-DD), the "
                            "filing date on the filing index on EDGAR")
    try:
        if not _DAY.fullmatch(given):
            raise ValueError
        date.fromisoformat(given)
    except ValueError:
        raise RejectedInput(f'--filed "{given}": a filing date is YYYY-MM-DD, e.g. 2025-05-08'
                            ) from None
    return given


def _parse(where: str, data: bytes) -> Any:
    import warnings

    from ixbrlparse import IXBRL
    from ixbrlparse.core import IXBRLParseError

    head = data[:4096].lstrip().lower()
    if head[:1] != b"<" and not head.startswith(b"\xef\xbb\xbf<"):
        raise RejectedInput(f"{where}: not XBRL: not an XML or XHTML document; give a filing's "
                            "inline XBRL .htm, its XBRL instance .xml or its .zip")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = IXBRL(io.BytesIO(data), raise_on_error=False)
    except IXBRLParseError:
        raise RejectedInput(f"{where}: not XBRL: neither inline XBRL (an XHTML document with "
                            "ix:header) nor an XBRL instance (xbrli:xbrl); give a filing's "
                            "XBRL document") from None
    except (RecursionError, ValueError, TypeError, AttributeError) as e:
        raise RejectedInput(f"{where}: not readable as XBRL ({type(e).__name__}: "
                            f"{str(e)[:120]})") from None
    if parsed.filetype == "ixbrl" and b"ix:header" not in data and b":header" not in data:
        raise RejectedInput(f"{where}: not XBRL: an HTML document with no inline XBRL "
                            "(no ix:header); give the filing's inline XBRL document")
    if not parsed.contexts:
        raise RejectedInput(f"{where}: not XBRL: it defines no contexts (xbrli:context), so no "
                            "fact in it has a date; give the filing's XBRL document")
    return parsed


def _text(parsed: Any, name: str) -> list[str]:
    """The values of the non-numeric facts named ``name`` (local name)."""
    return [n.value.strip() for n in parsed.nonnumeric
            if (n.name or "").rpartition(":")[2] == name and n.value]


def _filing(parsed: Any, path: str, where: str, document: str, data: bytes, accession: str,
            filed: str, form: str | None) -> Filing:
    kind = "inline XBRL" if parsed.filetype == "ixbrl" else "XBRL instance"
    doc_type = (_text(parsed, "DocumentType") or [form or ""])[0]
    amendment = (_text(parsed, "AmendmentFlag") or ["false"])[0].lower() == "true"
    if not doc_type:
        raise RejectedInput(f"{where}: no dei:DocumentType: which form is it? give --form "
                            "(e.g. 10-Q)")
    if amendment and not doc_type.endswith("/A"):
        doc_type += "/A"
    cik = None
    for text in _text(parsed, "EntityCentralIndexKey") + [
            str(c.entity.get("identifier") or "") for c in parsed.contexts.values()]:
        if text.isdigit() and 0 < int(text) < 10**10:
            cik = int(text)
            break
    entity = (_text(parsed, "EntityRegistrantName") or [""])[0]
    symbols = tuple(dict.fromkeys(s.upper() for s in _text(parsed, "TradingSymbol")))
    period_end = (_text(parsed, "DocumentPeriodEndDate") or [None])[0]
    filing = Filing(path, document, kind, accession, doc_type, filed, cik, entity, symbols,
                    period_end)
    filing.facts = list(_facts(parsed, where, data, filing))
    return filing


def _lines(data: bytes) -> dict[str, int]:
    """Element id -> the line it is on."""
    out: dict[str, int] = {}
    line, last = 1, 0
    for m in re.finditer(rb'\sid="([^"]{1,200})"', data):
        line += data.count(b"\n", last, m.start())
        last = m.start()
        out.setdefault(m.group(1).decode("utf-8", "replace"), line)
    return out


def _facts(parsed: Any, where: str, data: bytes, filing: Filing) -> Iterable[FilingFact]:
    problems: list[str] = []
    #: A broken context or unit is one problem, however many facts use it.
    shared: dict[str, list[str]] = {}
    lines = _lines(data)
    inline = filing.kind == "inline XBRL"
    tags = [(n.soup_tag, n.schema if n.schema != "unknown" else (n.soup_tag.prefix or ""),
             n.name) for n in parsed.numeric]
    # Facts the library could not read (a value it can't parse): read them here, where a
    # value that is not a number is reported with its element.
    for error in parsed.errors:
        element = error.get("element") if isinstance(error, dict) else getattr(error, "element",
                                                                                None)
        if element is not None and element.get("contextRef") and element.get("unitRef"):
            name = element.get("name") or element.name or ""
            prefix, _, local_name = name.rpartition(":") if ":" in name else ("", "", name)
            tags.append((element, prefix or (element.prefix or "unknown"), local_name))
    for tag, prefix, name in tags:
        rule = BY_NAME.get(f"{prefix}:{name}")
        if rule is None:
            continue
        element = tag.get("id") or ""
        line = lines.get(element, 1)
        at = f"{where}: {rule.qualified} {'element ' + element if element else 'fact'}"
        context = parsed.contexts.get(tag.get("contextRef"))
        used_by = f"{rule.qualified} {'element ' + element if element else 'fact'}"
        if context is None:
            shared.setdefault(f"{where}: context \"{tag.get('contextRef')}\" is not defined in "
                              "the document (or its dates are not dates); the filing is "
                              "incomplete", []).append(used_by)
            continue
        if context.instant is None and context.enddate is None:
            shared.setdefault(f'{where}: context "{context.id}" has no period (no instant and no '
                              "start and end dates); every XBRL context has one", []
                              ).append(used_by)
            continue
        unit_ref = tag.get("unitRef")
        if unit_ref not in parsed.units or not parsed.units[unit_ref]:
            shared.setdefault(f'{where}: unit "{unit_ref}" is not defined in the document (no '
                              "xbrli:unit with that id and a measure)", []).append(used_by)
            continue
        if tag.get("xsi:nil") == "true" or tag.get("nil") == "true":
            continue
        try:
            value = _value(tag, inline)
        except ValueError as e:
            problems.append(f"{at}: {e}")
            continue
        dims = tuple((str(s.get("dimension", "")), str(s.get("value", "")))
                     for s in (context.segments or []))
        yield FilingFact(rule, value, parsed.units[unit_ref],
                         context.instant.isoformat() if context.instant else None,
                         context.startdate.isoformat() if context.startdate else None,
                         context.enddate.isoformat() if context.enddate else None,
                         dims, tag.get("decimals"), element, line)
    problems.extend(f"{problem}; used by {', '.join(users)}" for problem, users in shared.items())
    if problems:
        raise RejectedInput(*problems)


def _value(tag: Any, inline: bool) -> Decimal:
    """The fact's value, exactly: its text, read by its format, times 10^scale, signed."""
    text = " ".join(tag.text.split())
    if not inline:
        if not _XS_DECIMAL.fullmatch(text):
            raise ValueError(f'the value "{text[:40]}" is not a number')
        return Decimal(text)
    fmt = re.sub(r"[^a-z0-9]", "", (tag.get("format") or "").rpartition(":")[2].lower())
    if fmt in _FORMATS_ZERO:
        return Decimal(0)
    if fmt in _FORMATS_COMMA:
        clean = text.replace(".", "").replace(" ", "").replace("\xa0", "").replace(",", ".")
    elif fmt in _FORMATS_DOT or not fmt:
        clean = text.replace(",", "").replace(" ", "").replace("\xa0", "")
    else:
        raise ValueError(f'format "{tag.get("format")}" is not one this reader knows (it reads '
                         "num-dot-decimal, num-comma-decimal and fixed-zero)")
    if not _PLAIN.fullmatch(clean):
        raise ValueError(f'the value "{text[:40]}" is not a number')
    try:
        scale = int(tag.get("scale") or 0)
        if not -30 <= scale <= 30:
            raise ValueError
        value = Decimal(clean).scaleb(scale)
    except (ValueError, InvalidOperation):
        raise ValueError(f'scale "{tag.get("scale")}" is not a whole number from -30 to 30'
                         ) from None
    return -value if tag.get("sign") == "-" else value


# --- facts → records ----------------------------------------------------------------------


@dataclass
class FilingConversion:
    filing: Filing
    company: str
    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    repeated: int = 0

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.records:
            out[r["type"]] = out.get(r["type"], 0) + 1
        return dict(sorted(out.items()))


@dataclass
class OnFile:
    """What the ledger holds from XBRL for one figure and date: the original record's id,
    its content as it stands, and the ids of it and its corrections."""

    original: str
    current: dict[str, Any]
    ids: set[str]


def convert_filing(filing: Filing, company: str, on_file: dict[tuple[str, str], OnFile]
                   ) -> FilingConversion:
    """Records for ``company`` from ``filing``, given what the ledger holds (``on_file``,
    keyed by (record type, date)). See the module docstring."""
    try:
        ticker = resolve_company(company)
    except ValueError as e:
        raise RejectedInput(f"--company: {e}") from None
    if filing.symbols and ticker not in filing.symbols:
        raise RejectedInput(f"{filing.path}: the filing is about {filing.entity or 'a company'} "
                            f"(trading symbol {', '.join(filing.symbols)}), not {ticker}; check "
                            "--company or the file")
    result = FilingConversion(filing, ticker)
    bitcoin, details = _bitcoin(filing, result.skipped)
    shares = _shares(filing, result.skipped)
    records = [*_balance_records(filing, ticker, bitcoin, details, result.skipped),
               *_share_records(filing, ticker, shares)]
    for record in records:
        key = (record["type"], record["effective"])
        found = on_file.get(key)
        if found is None:
            result.records.append(record)
            continue
        rule = MAIN[record["type"]]
        if any(i.endswith((f"-{filing.accession}", f"-{filing.accession}-filing"))
               for i in found.ids):
            result.repeated += 1  # this filing's figure is on file already
            continue
        if (found.current.get("disclosed") or "") > filing.filed:
            result.skipped.append({
                "concept": rule.qualified, "unit": "-", "end": record["effective"],
                "val": record[rule.field], "element": "", "members": [],
                "reason": f"a later filing is on file for this date (record {found.original}, "
                          f"disclosed {found.current.get('disclosed')}); an earlier filing "
                          "does not correct it"})
            continue
        stated = [f for f in _FIGURES[record["type"]] if f in record]
        changed = [f for f in stated if found.current.get(f) is None
                   or Decimal(found.current[f]) != Decimal(record[f])]
        if not changed:
            result.repeated += 1
            continue
        correction_id = record["id"] if record["id"] not in found.ids else record["id"] + "-filing"
        if correction_id in found.ids:
            result.repeated += 1
            continue
        now = "; ".join(f"{f} {record[f]}" for f in changed)
        restated = [f for f in changed if found.current.get(f) is not None]
        if restated:
            was = "; ".join(f"{f} {found.current.get(f) or 'not stated'}" for f in changed)
            reason = (f"{rule.what} on {record['effective']} restated in {filing.form} "
                      f"{filing.accession} filed {filing.filed}: {now} (previously {was}; "
                      f"record {found.original})")
        else:
            reason = (f"{rule.what} on {record['effective']}: {now} stated in {filing.form} "
                      f"{filing.accession} filed {filing.filed}, the same figures otherwise "
                      f"(not stated in record {found.original})")
        result.records.append({
            "id": correction_id, "type": "correction", "corrects": found.original,
            "reason": reason,
            "event": {k: v for k, v in record.items() if k != "id"}})
    return result


_FIGURES = {"btc_balance_disclosed": ("btc", "cost_usd", "fair_value_usd"),
            "shares_outstanding_disclosed": ("shares",)}


def _skip(skipped: list[dict[str, Any]], f: FilingFact, reason: str) -> None:
    skipped.append({**f.brief(), "reason": reason})


def _bitcoin(filing: Filing, skipped: list[dict[str, Any]]
             ) -> tuple[list[FilingFact], list[FilingFact]]:
    """(bitcoin counts, bitcoin cost/fair value facts) of the filing."""
    crypto = [f for f in filing.facts if f.rule.record_type == "btc_balance_disclosed"]
    # Does the filing name any asset other than bitcoin (by member or by unit)?
    others = sorted({member_asset(m) for f in crypto for a, m in f.dims
                     if is_crypto_axis(a) and not names_bitcoin(m)}
                    | {f.unit for f in crypto if f.rule.unit == "count" and not f.dims
                       and unit_key(f.unit) not in BITCOIN_UNITS | GENERIC_UNITS})
    counts, details = [], []
    for f in crypto:
        if f.instant is None:
            _skip(skipped, f, f"a duration fact ({f.start} to {f.end}), not a balance on a date")
            continue
        axes = [(a, m) for a, m in f.dims if is_crypto_axis(a)]
        rest = [(a, m) for a, m in f.dims if not is_crypto_axis(a)]
        key = unit_key(f.unit)
        if rest:
            _skip(skipped, f, "a part of the holding (" + ", ".join(f"{a}={m}" for a, m in rest)
                  + "), not the total")
            continue
        if axes:
            member = axes[0][1]
            if not names_bitcoin(member):
                _skip(skipped, f, f'another asset ({member_asset(member)}: member {member}), '
                      "not bitcoin")
                continue
        elif f.rule.unit == "count" and key not in BITCOIN_UNITS:
            if key not in GENERIC_UNITS:
                _skip(skipped, f, f'unit "{f.unit}" is not bitcoin')
                continue
            if others:
                _skip(skipped, f, f'unit "{f.unit}" does not name the asset and the filing names '
                      f"others ({', '.join(others)}): it may count another asset or all of them")
                continue
        elif f.rule.unit == "usd" and others:
            _skip(skipped, f, "no crypto-asset member and the filing holds other assets ("
                  + ", ".join(others) + "): the figure may be all of them")
            continue
        if f.rule.unit == "count" and key not in BITCOIN_UNITS | GENERIC_UNITS:
            _skip(skipped, f, f'unit "{f.unit}" is not a number of bitcoin')
            continue
        if f.rule.unit == "usd" and key not in USD_UNITS:
            _skip(skipped, f, f'unit "{f.unit}" is not USD')
            continue
        (counts if f.rule.main else details).append(f)
    return counts, details


def _one_value(facts: list[FilingFact], skipped: list[dict[str, Any]], what: str
               ) -> FilingFact | None:
    """The fact for one figure and date: facts repeating one value are one; different values
    for the same figure are contradictory and skipped, never chosen."""
    values = sorted({f.value for f in facts})
    if len(values) > 1:
        for f in facts:
            _skip(skipped, f, f"the filing gives {what} several values for this date ("
                  + " / ".join(canonical(v) for v in values) + "); none is taken")
        return None
    return facts[0]


def _balance_records(filing: Filing, ticker: str, counts: list[FilingFact],
                     details: list[FilingFact], skipped: list[dict[str, Any]]
                     ) -> list[dict[str, Any]]:
    by_day: dict[str, list[FilingFact]] = {}
    for f in counts:
        by_day.setdefault(f.instant or "", []).append(f)
    out = []
    for day, facts in sorted(by_day.items()):
        count = _one_value(facts, skipped, "bitcoin held")
        if count is None:
            continue
        used = [count]
        record: dict[str, Any] = {
            "id": record_id(ticker, count.rule, day, filing.accession),
            "type": "btc_balance_disclosed", "company": ticker, "effective": day,
            "disclosed": filing.filed, "btc": canonical(count.value)}
        for f_rule in sorted({f.rule for f in details}, key=lambda r: r.name):
            same = [f for f in details if f.rule == f_rule and f.instant == day]
            if same and (chosen := _one_value(same, skipped, f_rule.what)) is not None:
                record[f_rule.field] = canonical(chosen.value)
                used.append(chosen)
        out.append(_cited(record, filing, used))
    for f in details:
        if f.instant not in by_day:
            _skip(skipped, f, "no bitcoin count for this date in the filing to add it to")
    return out


def _shares(filing: Filing, skipped: list[dict[str, Any]]) -> list[FilingFact]:
    out = []
    for f in filing.facts:
        if f.rule.record_type != "shares_outstanding_disclosed":
            continue
        if f.instant is None:
            _skip(skipped, f, f"a duration fact ({f.start} to {f.end}), not a count on a date")
        elif unit_key(f.unit) not in SHARE_UNITS:
            _skip(skipped, f, f'unit "{f.unit}" is not shares')
        elif any(not is_class_axis(a) for a, _ in f.dims):
            _skip(skipped, f, "a dimension other than the class of stock: not the company's "
                  "own count of one class")
        else:
            out.append(f)
    return out


def _share_records(filing: Filing, ticker: str, facts: list[FilingFact]
                   ) -> list[dict[str, Any]]:
    by_day: dict[str, list[FilingFact]] = {}
    for f in facts:
        by_day.setdefault(f.instant or "", []).append(f)
    out = []
    for day, group in sorted(by_day.items()):
        classes: dict[str, FilingFact] = {}
        total: FilingFact | None = None
        for f in group:
            if f.dims:
                classes.setdefault(f.dims[0][1], f)
            else:
                total = total or f
        rule = group[0].rule
        if classes:
            shares = sum((f.value for f in classes.values()), Decimal(0))
            parts = "; ".join(f"{local(m)} {canonical(f.value)} ({f.where()})"
                              for m, f in sorted(classes.items()))
            summed = f"{len(classes)} classes summed: {parts}; total {canonical(shares)}"
            if total is not None:
                agrees = "agrees" if total.value == shares else "differs"
                summed += f" (the filing's own total, {canonical(total.value)}, {agrees})"
            used = list(classes.values())
        else:
            assert total is not None
            shares, summed, used = total.value, "", [total]
        record = {"id": record_id(ticker, rule, day, filing.accession),
                  "type": "shares_outstanding_disclosed", "company": ticker, "effective": day,
                  "disclosed": filing.filed, "shares": canonical(shares)}
        out.append(_cited(record, filing, used, summed))
    return out


def _cited(record: dict[str, Any], filing: Filing, used: list[FilingFact], extra: str = ""
           ) -> dict[str, Any]:
    url = filing.url
    sources = []
    for f in used:
        source: dict[str, Any] = {"document": f"{filing.accession} {filing.form}",
                                  "line": f.line}
        if url:
            source["url"] = url + (f"#{f.element}" if f.element else "")
        if source not in sources:
            sources.append(source)
    facts = "" if extra else "; ".join(
        f"{f.rule.qualified} = {canonical(f.value)} ({f.where()}, unit {f.unit}, decimals "
        f"{f.decimals or 'not stated'}" + "".join(f", {a}={m}" for a, m in f.dims) + ")"
        for f in used)
    note = (f"SEC {filing.kind} {filing.document} in {filing.form} {filing.accession} filed "
            f"{filing.filed}: {extra or facts}.")
    if record["type"] == "btc_balance_disclosed":
        note += " Loaned and pledged bitcoin are not stated separately."
    return {**record, "sources": sources, "note": note}


#: How the note of a record made from a filing begins (company facts' notes never do).
FILING_NOTES = ("SEC inline XBRL ", "SEC XBRL instance ")


def from_filing(content: dict[str, Any]) -> bool:
    """Whether a stored record (its content) was made from a filing by this module."""
    return str(content.get("note") or "").startswith(FILING_NOTES)


def on_file(rows: Iterable[dict[str, Any]], ticker: str) -> dict[tuple[str, str], OnFile]:
    """What the ledger holds from XBRL for ``ticker`` (its ``history`` rows, annotated):
    records whose ids the XBRL imports give, by (type, date), with their corrections."""
    slug = re.sub(r"[^a-z0-9]+", "-", ticker.lower()).strip("-")
    prefixes = {r.record_type: f"{slug}-xbrl-{r.name.lower()}-" for r in MAIN.values()}
    out: dict[tuple[str, str], OnFile] = {}
    by_id: dict[str, OnFile] = {}
    for row in rows:
        kind = row["type"]
        if kind in prefixes and row["id"].startswith(prefixes[kind]) \
                and row.get("status") != "retracted":
            key = (kind, row["effective"])
            if key not in out:
                out[key] = by_id[row["id"]] = OnFile(row["id"], dict(row.get("current") or row),
                                                     {row["id"]})
        elif kind == "correction" and row.get("corrects") in by_id:
            by_id[row["corrects"]].ids.add(row["id"])
    return out
