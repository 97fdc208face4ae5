"""Journals for other tools: Beancount and hledger, from ``projections.exports`` plans.

Both carry the same facts: one account per company and bucket, each flow as a transaction
dated at its period end (record id as a link or tag, document and line as metadata), each
explicit adjustment where a disclosed balance starts or restates a bucket, and the balance
every account holds at the end of each date that matters (the disclosed balances among
them). Both journals are written here, in the syntax each tool reads: the Beancount journal
is the text Beancount's own printer (``beancount.parser.printer.format_entry``) gives for the
same directives, sorted as ``beancount.core.data.sorted`` sorts them (the tests hold the two
to the byte, with Beancount's printer as the reference); the hledger journal is in the
syntax hledger 1.25 reads.

Beancount checks a ``balance`` at the *start* of its date, so the balance held at the end of
day D is asserted on D + 1; hledger's ``=`` holds after the posting on its own date, so
there it is asserted on D, after that day's transactions.

**Company by company, in constant memory** (``export``). Both journals are sorted by date
across companies (a stable sort: on one date, the companies in order). Each company's plan is
rendered as soon as it is made, and its text set aside in a temporary file in pieces keyed
by date, one block per month; the journal is then written month by month, each month's
pieces read back and put in order. So the memory an export holds is one company's plan and
one month's text, whatever the ledger's size, and the companies are planned on both cores
(the second process sets aside its own file; ``every.py`` does the same for reconcile).
"""

from __future__ import annotations

import multiprocessing
import os
import re
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import IO, Any

from projections.exports import COMMODITY, CompanyPlan, describe

from . import cores
from .errors import BadQuery
from .values import canonical

FORMATS = ("beancount", "hledger")
#: hledger checks an assertion to the precision it is written in: write every satoshi.
_SATOSHI = Decimal("0.00000001")


def write(fmt: str, plans: list[CompanyPlan], header: dict[str, Any]) -> str:
    """The whole journal of ``plans`` as text (what ``export`` streams to its file)."""
    _check_format(fmt)
    pieces = Pieces(fmt)
    try:
        for index, plan in enumerate(plans):
            pieces.add(index, plan)
        out: list[bytes] = []
        emit(fmt, header, [pieces], out.append)
    finally:
        pieces.close()
    return b"".join(out).decode("utf-8")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise BadQuery(f"export {fmt}: not a journal format; use one of " + ", ".join(FORMATS))


def save(out: str, text: str, *, ledger: str | None = None, force: bool = False) -> None:
    """Write ``text`` to ``out`` (see ``ledger/outputs.py``: never over the ledger, nor over
    a file that is not a journal without ``force``; a regular file whole or not at all)."""
    from .outputs import JOURNAL, write_output

    write_output(out, text, option="--out", kind=JOURNAL, ledger=ledger, force=force)


def _header_lines(tool: str, header: dict[str, Any]) -> list[str]:
    known = header["known_at"] or "now"
    as_of = header["as_of"] or "every period that has ended or will end"
    return [f"; caledger export for {tool}: bitcoin holdings as of {as_of},",
            f"; as known at {known} (@{header['position']}, head hash {header['head_hash']}).",
            "; Adjustments are the disclosed balances' gaps (opening balances and unexplained",
            "; variance); flows still in progress at the as-of date are listed, not moved."]


# --- Beancount ----------------------------------------------------------------------------------

_LINK = re.compile(r"[^A-Za-z0-9\-_/.]")

#: Where Beancount's sort puts a directive among those of its date (``data.SORT_ORDER``):
#: opens first, then balances, then transactions and notes (and the commodity).
_OPEN, _BALANCE, _OTHER = -2, -1, 0


def _link(record_id: str) -> str:
    return _LINK.sub("-", record_id)


def _quoted(text: str) -> str:
    """A string as Beancount's printer writes it (``misc_utils.escape_string``)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _meta_lines(values: dict[str, str]) -> str:
    """Directive metadata as the printer writes it: each value a quoted string, except
    ``line``, which the journal carries as a number (``Decimal``)."""
    return "".join(f"  {k}: {str(Decimal(v)) if k == 'line' else _quoted(v)}\n"
                   for k, v in values.items())


def _bean_postings(postings: list[tuple[str, Decimal]]) -> str:
    """A transaction's postings as the printer aligns them: accounts padded to the longest,
    amounts right-aligned on their currency."""
    if not postings:
        return ""
    width = max(len(account) for account, _ in postings)
    numbers = [format(n, "f") for _, n in postings]
    before = max(len(n) for n in numbers) + 1
    return "".join(f"  {account:{width}}  {number + ' ':>{before}}{COMMODITY}\n"
                   for (account, _), number in zip(postings, numbers, strict=True))


def _record_meta(record: dict[str, Any] | None) -> dict[str, str]:
    if record is None:
        return {}
    sources = record.get("sources") or []
    out = {"record": record["id"]}
    if sources:
        out["document"], out["line"] = str(sources[0]["document"]), str(sources[0]["line"])
    return out


def _beancount_entries(plan: CompanyPlan) -> list[tuple[str, int, str]]:
    """One company's directives as (date, sort order, text), in Beancount's order."""
    if plan.opened is None:
        return []
    out: list[tuple[str, int, str]] = []
    opened = plan.opened.isoformat()
    for account in plan.used_accounts():
        out.append((opened, _OPEN, f"{opened} open {account:47} {COMMODITY}\n"))
    payee = _quoted(plan.company)
    for m in plan.movements:
        day = m.date.isoformat()
        link = f" ^{_link(m.record['id'])}" if m.record else ""
        out.append((day, _OTHER, f"{day} * {payee} {_quoted(m.narration)}{link}\n"
                    + _meta_lines(m.meta) + _bean_postings(m.postings)))
    for a in plan.assertions:
        day = (a.date + timedelta(days=1)).isoformat()
        out.append((day, _BALANCE, f"{day} balance {a.account:47} {format(a.btc, 'f')} ~ 0 "
                    f"{COMMODITY}\n" + _meta_lines(_record_meta(a.record))))
    for record in plan.in_progress:
        assert plan.as_of is not None
        day = plan.as_of.isoformat()
        out.append((day, _OTHER, f"{day} note {plan.accounts['holdings']} \"in progress at "
                    f"{plan.as_of}, not counted: {describe(record)}\" ^{_link(record['id'])}\n"
                    + _meta_lines({"record": record["id"]})))
    out.sort(key=lambda e: (e[0], e[1]))  # stable: as data.sorted orders them
    return out


# --- hledger ------------------------------------------------------------------------------------


_TAG_ENDS = re.compile(r"[,\n\r]")
_DESCRIPTION_ENDS = re.compile(r"[;\n\r]")


def _tag(value: str) -> str:
    """A tag value: it ends at a comma or the end of the line."""
    if "," in value or "\n" in value or "\r" in value:
        value = _TAG_ENDS.sub(" ", value)
    return value.strip()


#: A citation (``document``, ``sources``) in a tag value: percent-encoded where hledger's
#: syntax would end or alter it, and ``%`` itself, so that ``urllib.parse.unquote`` of the
#: value read back is the citation as stored (REVIEW2 finding 7: a comma became spaces).
_CITATION = str.maketrans({"%": "%25", ",": "%2C", "\n": "%0A", "\r": "%0D"})
_CITATIONS = frozenset({"document", "sources"})


def _citation(value: str) -> str:
    """A cited document's name as a tag value, exactly: ``unquote`` reads it back. A name
    without ``%``, comma or line break is written as it is; spaces at either end are kept
    (a tag value is trimmed), as ``%20``."""
    value = value.translate(_CITATION)
    if value != value.strip():
        stripped = value.strip()
        start = value.index(stripped[0]) if stripped else len(value)
        end = start + len(stripped)
        value = (value[:start].replace(" ", "%20") + stripped
                 + value[end:].replace(" ", "%20")) if stripped else value.replace(" ", "%20")
    return value


def _meta_tag(key: str, value: str) -> str:
    return f"{key}:{_citation(value) if key in _CITATIONS else _tag(value)}"


def _description(text: str) -> str:
    if ";" in text or "\n" in text or "\r" in text:
        return _DESCRIPTION_ENDS.sub(",", text)
    return text


def _postings(rows: list[tuple[str, str]]) -> list[str]:
    width = max(len(a) for a, _ in rows) + 4
    return [f"    {account:<{width}}{amount}" for account, amount in rows]


def _hledger_accounts(plan: CompanyPlan) -> list[str]:
    return [f"account {a}" for a in plan.used_accounts()] if plan.opened is not None else []


def _hledger_entries(plan: CompanyPlan) -> list[tuple[str, int, str]]:
    """One company's dated blocks as (date, 0, text), in date order."""
    dated: list[tuple[str, int, str]] = []
    for m in plan.movements:
        tags = ", ".join(_meta_tag(k, v) for k, v in m.meta.items())
        block = [f"{m.date} * {plan.company} | {_description(m.narration)}  ; {tags}"]
        block += _postings([(a, f"{canonical(n)} {COMMODITY}") for a, n in m.postings])
        dated.append((m.date.isoformat(), 0, "\n".join(block)))
    by_day: dict[str, list[Any]] = {}
    for a in plan.assertions:
        by_day.setdefault(a.date.isoformat(), []).append(a)
    for day, assertions in by_day.items():
        disclosed = next((a.record for a in assertions if a.record), None)
        title = (f"disclosed balance {disclosed['id']}" if disclosed
                 else "balance at the end of the day")
        tags = ""
        if disclosed:
            src = (disclosed.get("sources") or [{}])[0]
            tags = f"  ; record:{_tag(disclosed['id'])}" + (
                f", {_meta_tag('document', str(src['document']))}, line:{src['line']}"
                if src else "")
        block = [f"{day} * {plan.company} | {_description(title)}{tags}"]
        block += _postings([(a.account, f"0 {COMMODITY} "
                             f"{'=*' if a.account == plan.accounts['holdings'] else '='} "
                             f"{a.btc.quantize(_SATOSHI):f} {COMMODITY}") for a in assertions])
        dated.append((day, 0, "\n".join(block)))
    for record in plan.in_progress:
        dated.append((str(plan.as_of), 0, f"; {plan.company}: in progress at {plan.as_of}, "
                      f"not counted: {describe(record)}"))
    dated.sort(key=lambda item: item[0])
    return dated


#: How the entries of one company on one key are joined, and the pieces of the whole body.
_JOIN = {"beancount": "\n", "hledger": "\n\n"}


# --- set aside company by company, written month by month ---------------------------------------

#: A piece's frame in the temporary file: its date (10 bytes), sort order, company index and
#: the length of its text.
_FRAME = struct.Struct("<10sbiI")


@dataclass
class Company:
    """What the journal's head and the command's summary need of one company's plan."""

    index: int
    opened: date | None
    accounts: list[str]              # hledger's account declarations
    summary: dict[str, Any]          # ``projections.exports.plan_summary``


@dataclass
class Pieces:
    """Companies' journal text, set aside in a temporary file by month: ``months`` maps a
    month (``YYYY-MM``) to the (offset, length) of each company's block of pieces there."""

    fmt: str
    path: str | None = None
    #: An existing file another process set aside (read only), else a new one.
    written: bool = False
    months: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    companies: list[Company] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.path is None:
            self.file: IO[bytes] = tempfile.TemporaryFile(prefix="caledger-export-")
        else:  # closed by close()
            self.file = open(self.path, "rb" if self.written else "w+b")  # noqa: SIM115
        self.offset = 0

    def add(self, index: int, plan: CompanyPlan) -> None:
        from projections.exports import plan_summary

        entries = _beancount_entries(plan) if self.fmt == "beancount" else _hledger_entries(plan)
        accounts = _hledger_accounts(plan) if self.fmt == "hledger" else []
        self.companies.append(Company(index, plan.opened, accounts, plan_summary(plan)))
        join = _JOIN[self.fmt]
        month: str | None = None
        block: list[bytes] = []
        i, n = 0, len(entries)
        while i < n:  # one piece per (date, order): its entries joined as the journal does
            day, order = entries[i][0], entries[i][1]
            j = i + 1
            while j < n and entries[j][0] == day and entries[j][1] == order:
                j += 1
            text = join.join(e[2] for e in entries[i:j]).encode("utf-8")
            if day[:7] != month:
                self._block(month, block)
                month, block = day[:7], []
            block.append(_FRAME.pack(day.encode("ascii"), order, index, len(text)) + text)
            i = j
        self._block(month, block)

    def _block(self, month: str | None, block: list[bytes]) -> None:
        if month is None or not block:
            return
        data = b"".join(block)
        self.file.write(data)
        self.months.setdefault(month, []).append((self.offset, len(data)))
        self.offset += len(data)

    def read(self, offset: int, length: int) -> bytes:
        return os.pread(self.file.fileno(), length, offset)

    def close(self) -> None:
        self.file.close()


def _pieces(data: bytes) -> Iterator[tuple[bytes, int, int, bytes]]:
    """The pieces in one block: (date, order, company index, text)."""
    at, size = 0, _FRAME.size
    while at < len(data):
        day, order, index, length = _FRAME.unpack_from(data, at)
        at += size
        yield day, order, index, data[at:at + length]
        at += length


def emit(fmt: str, header: dict[str, Any], parts: list[Pieces],
         sink: Callable[[bytes], Any]) -> None:
    """The journal, in order: its head, then month by month every company's pieces, sorted
    (stably) by date and sort order, the companies in their order on each."""
    for part in parts:
        if not part.written:
            part.file.flush()
    companies = sorted((c for part in parts for c in part.companies), key=lambda c: c.index)
    if fmt == "beancount":
        lines = _header_lines("Beancount", header)
        lines.append('option "title" "caledger: bitcoin holdings"')
        sink(("\n".join(lines) + "\n\n").encode("utf-8"))
        opened = [c.opened for c in companies if c.opened is not None]
        # The commodity is the first directive the journal lists: among those of its date
        # and order, first.
        first = (min(opened).isoformat(), f"{min(opened)} commodity {COMMODITY}\n") \
            if opened else None
        separator = b"\n"
    else:
        lines = [*_header_lines("hledger", header), "", f"commodity 0.00000000 {COMMODITY}"]
        lines += [line for c in companies for line in c.accounts]
        sink("\n".join(lines).encode("utf-8"))
        first = None
        separator = b"\n\n"
    months = sorted({m for part in parts for m in part.months}
                    | ({first[0][:7]} if first else set()))
    started = fmt != "beancount"  # hledger: every piece follows a blank line
    for month in months:
        pieces: list[tuple[bytes, int, int, bytes]] = []
        if first is not None and first[0][:7] == month:
            pieces.append((first[0].encode("ascii"), _OTHER, -1, first[1].encode("utf-8")))
        for part in parts:
            for offset, length in part.months.get(month, ()):
                pieces.extend(_pieces(part.read(offset, length)))
        pieces.sort(key=lambda p: (p[0], p[1], p[2]))  # stable within one company
        out = []
        for piece in pieces:
            if started:
                out.append(separator)
            started = True
            out.append(piece[3])
        sink(b"".join(out))
    if fmt == "hledger":
        sink(b"\n")


# --- the export: every company planned on both cores --------------------------------------------

#: Companies per batch; this process plans batches 0, 2, 4, ... and a second one the others.
BATCH = 8
#: Fewer companies than this are planned in this process alone (a fork costs more).
MIN_COMPANIES = 64




def _plan_into(pieces: Pieces, cur: Any, batches: Iterable[list[tuple[int, str]]],
               as_of: date | None, position: int) -> None:
    from projections import exports as projection

    for batch in batches:
        for index, ticker in batch:
            pieces.add(index, projection.plan(cur, ticker, as_of, position))


def _second(db: str | None, fmt: str, path: str, batches: list[list[tuple[int, str]]],
            as_of: date | None, position: int, sender: Any) -> None:
    """The second process: its batches set aside in ``path``; then what it set aside, down
    the pipe (or ``None``, if it failed: the first process plans them itself)."""
    from .reader import open_reader

    result = None
    try:
        pieces = Pieces(fmt, path)
        try:
            with open_reader(db) as reader, reader.reading() as cur:
                _plan_into(pieces, cur, batches, as_of, position)
            pieces.file.flush()
            result = (pieces.months, pieces.companies, pieces.offset)
        finally:
            pieces.close()
    except Exception:  # noqa: BLE001 - the first process plans what is left
        result = None
    cores.reply(sender, result)


def export(db: str | None, cur: Any, fmt: str, tickers: list[str], as_of: date | None,
           position: int, header: dict[str, Any], sink: Callable[[bytes], Any]
           ) -> list[dict[str, Any]]:
    """Write the journal of ``tickers`` at ``position`` through ``sink`` (bytes, in order);
    return each company's summary (``projections.exports.plan_summary``), in order."""
    _check_format(fmt)
    numbered = list(enumerate(tickers))
    batches = [numbered[i:i + BATCH] for i in range(0, len(numbered), BATCH)]
    with tempfile.TemporaryDirectory(prefix="caledger-export-") as tmp:
        mine = Pieces(fmt)
        parts = [mine]
        try:
            second = None
            if len(tickers) >= MIN_COMPANIES and cores.forkable() >= 2:
                context = multiprocessing.get_context("fork")
                receiver, sender = context.Pipe(duplex=False)
                path = os.path.join(tmp, "second")
                second = context.Process(target=_second, daemon=True, args=(
                    db, fmt, path, batches[1::2], as_of, position, sender))
                try:
                    second.start()
                except OSError:
                    second = None
                sender.close()
            _plan_into(mine, cur, batches[0::2] if second else batches, as_of, position)
            if second is not None:
                try:
                    result = receiver.recv()
                except (EOFError, OSError):
                    result = None
                finally:
                    receiver.close()
                    second.join()
                if result is None:  # the second process stopped: plan its batches here
                    _plan_into(mine, cur, batches[1::2], as_of, position)
                else:
                    other = Pieces(fmt, path, written=True)
                    other.months, other.companies, other.offset = result
                    parts.append(other)
            emit(fmt, header, parts, sink)
            summaries = sorted((c for part in parts for c in part.companies),
                               key=lambda c: c.index)
            return [c.summary for c in summaries]
        finally:
            for part in parts:
                part.close()
