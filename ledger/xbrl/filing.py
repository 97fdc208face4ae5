"""A filing itself → import-format records: inline XBRL, an XBRL instance, or the filing's zip.

Company facts leave out every fact with a dimension, and that is exactly how treasury
companies tag their bitcoin since ASU 2023-08: ``us-gaap:CryptoAssetNumberOfUnits``,
``CryptoAssetCost`` and ``CryptoAssetFairValue`` per crypto asset, on an axis whose member names
the asset; and their share count per class of stock on the cover page. This module reads the
filing's facts with their contexts (period, dimensions, unit, decimals; ``document.py``, through
``ixbrlparse``) and maps them by ``rules.RULES``:

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

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..companies import resolve_company
from ..errors import RejectedInput
from ..values import canonical
from .document import Filing, FilingFact, read_filing
from .facts import record_id
from .rules import (
    BITCOIN_UNITS,
    GENERIC_UNITS,
    MAIN,
    SHARE_UNITS,
    USD_UNITS,
    is_class_axis,
    is_crypto_axis,
    local,
    member_asset,
    names_bitcoin,
    unit_key,
)

__all__ = ["Filing", "FilingConversion", "FilingFact", "OnFile", "convert_filing",
           "from_filing", "on_file", "read_filing"]


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
            result.skipped.append(_not_corrected(rule, record, "a later filing",
                                                 found.original,
                                                 found.current.get("disclosed")))
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


def _not_corrected(rule: Any, record: dict[str, Any], later: str, original: str,
                   disclosed: str | None) -> dict[str, Any]:
    """A ``skipped`` entry for ``record``, a figure an earlier filing gives for a date that
    ``later`` (a filing as late or later, on file as ``original``) gives already."""
    return {"concept": rule.qualified, "unit": "-", "end": record["effective"],
            "val": record[rule.field], "element": "", "members": [],
            "reason": f"{later} is on file for this date (record {original}, disclosed "
                      f"{disclosed}); an earlier filing does not correct it"}


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


def facts_against_file(items: list[dict[str, Any]], found: dict[tuple[str, str], OnFile],
                       skipped: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Company-facts records (``items``: records and corrections, in filing order) made to
    meet what the ledger already holds for the same figure and date under another original
    record (a filing imported first): the import order then changes nothing. A fact filed
    no later than the figure on file adds nothing (listed in ``skipped``); one filed later
    with another figure becomes a correction of the record on file. Returns the items kept
    and how many were left out as already on file."""
    kept: list[dict[str, Any]] = []
    current = {key: dict(f.current) for key, f in found.items()}
    left = 0
    for item in items:
        content = item.get("event") or item
        key = (content["type"], content["effective"])
        on = found.get(key)
        original = item.get("corrects") or item["id"]
        if on is None or original == on.original:
            kept.append(item)
            continue
        if item["id"] in on.ids:
            left += 1
            continue
        rule = MAIN[content["type"]]
        now = current[key]
        if (content.get("disclosed") or "") <= (now.get("disclosed") or ""):
            skipped.append(_not_corrected(rule, content, "a filing as late or later",
                                          on.original, now.get("disclosed")))
            continue
        changed = [f for f in _FIGURES[content["type"]] if f in content
                   and (now.get(f) is None or Decimal(now[f]) != Decimal(content[f]))]
        if not changed:
            left += 1
            continue
        was = "; ".join(f"{f} {now.get(f) or 'not stated'}" for f in changed)
        figures = "; ".join(f"{f} {content[f]}" for f in changed)
        document = (content.get("sources") or [{}])[0].get("document", "")
        kept.append({
            "id": item["id"], "type": "correction", "corrects": on.original,
            "reason": f"{rule.what} on {content['effective']} restated in {document} filed "
                      f"{content.get('disclosed')}: {figures} (previously {was}; record "
                      f"{on.original})",
            "event": {k: v for k, v in content.items() if k != "id"}})
        on.ids.add(item["id"])
        current[key] = {**now, **{k: v for k, v in content.items() if k != "id"}}
    return kept, left


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
