"""Reading a filing's XBRL: inline XBRL (``.htm``), an XBRL instance (``.xml``) or its ``.zip``.

The document is read with ``ixbrlparse`` (a maintained iXBRL/XBRL reader over lxml and
BeautifulSoup: contexts with their segments, units, facts with their attributes, for both
inline XBRL and instances). Only the facts of concepts in ``rules.RULES`` are kept, each with
its context (instant or duration, dimensions), unit, decimals, element id and line. Values are
read as exact ``Decimal`` from the fact's own text (its ``format``, ``scale`` and ``sign``),
never through the library's float. The accession number, filing date and form are not inside
the XBRL: they come from the caller, an EDGAR header in the zip, the file's name and
``dei:DocumentType``. Anything that makes the filing unreadable is one ``RejectedInput`` line
per problem (a broken context or unit once, however many facts use it).
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

from ..errors import RejectedInput
from ..values import canonical
from .rules import BY_NAME, Rule

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
        if lower.endswith((".hdr.sgml", "-index-headers.html", ".txt")):
            header = _edgar_header(_head(archive, info, path).decode("latin-1"))
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
    if any(re.fullmatch(r"CIK[0-9]{10}\.json", i.filename) for i in names[:100]):
        raise RejectedInput(f"{path}: this is EDGAR's bulk company-facts archive (CIK##########"
                            ".json members), not a filing: import it with --bulk")
    raise RejectedInput(f"{path}: no XBRL in the zip: no inline XBRL document (.htm with "
                        "ix:header) and no XBRL instance (.xml); give the filing's own zip")


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> bytes:
    """The first 64 KB of a member (where an EDGAR header is), without inflating the rest."""
    try:
        with archive.open(info) as member:
            return member.read(65536)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as e:
        raise RejectedInput(f"{path}: member {info.filename} is broken ({e}); download the "
                            "filing's zip again") from None


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
