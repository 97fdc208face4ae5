"""Printers for getting data in: ``import-xbrl`` and ``draft``.

Records they print are in the import format, so ``--dry-run`` and ``draft`` output can be
edited and fed to ``caledger import`` as they are.
"""

from __future__ import annotations

import json
from typing import Any

from . import Printer, count, sources_text

_AMOUNTS = ("btc", "cost_usd", "fair_value_usd", "shares", "usd", "principal_usd", "percent",
            "headcount", "revenue_usd", "net_income_usd", "adjusted_ebitda_usd", "coupon_percent")


def json_lines(records: list[dict[str, Any]]) -> str:
    """One record per line, as ``caledger import`` reads them."""
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records)


def _body(record: dict[str, Any]) -> dict[str, Any]:
    return record.get("event", record) if record["type"] == "correction" else record


def _value(record: dict[str, Any]) -> str:
    body = _body(record)
    return "; ".join(f"{k}={body[k]}" for k in _AMOUNTS if k in body)


# --- import-xbrl ------------------------------------------------------------------------------


def _xbrl_text(data: dict[str, Any]) -> str:
    if data["dry_run"]:
        return json_lines(data["records"])
    who = f"{data['company']} (CIK {data['cik']}" + (f", {data['entity']})" if data["entity"]
                                                     else ")")
    generated = ", ".join(f"{n} {t}" for t, n in data["generated"].items()) or "none new"
    filing = "accession" in data
    source = (f"{data['kind']} {data['document']} ({data['form']} {data['accession']} filed "
              f"{data['filed']})" if filing else data["file"])
    lines = [f"{who}: {count(data['facts_read'], 'fact')} read from {source}",
             f"records: {generated}; {count(data['repeated'], 'fact')} "
             + ("already on file with the same figures" if filing else
                "repeated in later filings with the same value")
             + f" (nothing new); {len(data['skipped'])} skipped"]
    if data.get("on_file_from_filings"):
        lines.append(f"{count(data['on_file_from_filings'], 'record')} already on file from "
                     "the filings themselves (with their cost, fair value and element ids): "
                     "left as they are")
    report = data["import"]
    added = ", ".join(f"{n} {t}" for t, n in report["added_by_type"].items())
    lines.append(f"added {count(report['added'], 'record')}" + (f" ({added})" if added else "")
                 + f"; already present: {count(report['already_present'], 'record')}, unchanged")
    for s in data["skipped"]:
        if "accn" in s:
            lines.append(f"skipped {s['concept']} {s['end']} = {s['val']} ({s['unit']}, "
                         f"{s['form']} {s['accn']}): {s['reason']}")
        else:
            members = "".join(f", {m}" for m in s["members"])
            lines.append(f"skipped {s['concept']} {s['end']} = {s['val']} ({s['unit']}, "
                         f"element {s['element'] or '-'}{members}): {s['reason']}")
    return "\n".join(lines)


def _xbrl_csv(data: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    rows = []
    for r in data["records"]:
        body = _body(r)
        source = body["sources"][0]
        rows.append([r["id"], r["type"], r.get("corrects"), body["type"], body["effective"],
                     body["disclosed"], _value(r), source["document"], source.get("url")])
    return (["id", "type", "corrects", "record_type", "effective", "disclosed", "value",
             "document", "url"], rows)


IMPORT_XBRL = Printer(text=_xbrl_text, csv=_xbrl_csv)


def _bulk_text(data: dict[str, Any]) -> str:
    skipped = data["skipped"]
    by_type = ", ".join(f"{n} {t}" for t, n in data["records_by_type"].items())
    no_ticker = f"{skipped['no_ticker']} without a ticker" + (
        f" (CIK {', '.join(map(str, skipped['no_ticker_ciks']))}"
        + (", ..." if skipped["no_ticker"] > len(skipped["no_ticker_ciks"]) else "") + ")"
        if skipped["no_ticker_ciks"] else "")
    lines = [f"{data['file']}: {data['members']:,} filers read, "
             f"{data['filers_imported']:,} with records ({by_type})",
             f"skipped: {no_ticker}; {skipped['no_facts']} without bitcoin or share facts"
             + (f"; {skipped['not_crypto']} without bitcoin facts" if data["only_crypto"]
                else "") + f"; {skipped['failed']} unreadable"]
    for failed in data["failed"]:
        lines.append(f"left out {failed['member']} (CIK {failed['cik']}): {failed['problem']}"
                     + (f" (and {failed['problems'] - 1} more)" if failed["problems"] > 1
                        else ""))
    report = data["import"]
    added = ", ".join(f"{n} {t}" for t, n in report["added_by_type"].items())
    lines.append(("dry run: nothing was stored; would add " if report.get("dry_run")
                  else "added ") + count(report["added"], "record")
                 + (f" ({added})" if added else "")
                 + f"; already present: {count(report['already_present'], 'record')}, "
                 "unchanged")
    return "\n".join(lines)


def _bulk_csv(data: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    rows: list[list[Any]] = [["members", data["members"]],
                             ["filers_imported", data["filers_imported"]]]
    rows += [[f"records.{t}", n] for t, n in data["records_by_type"].items()]
    rows += [[f"skipped.{k}", v] for k, v in data["skipped"].items() if k != "no_ticker_ciks"]
    rows += [["would_add" if data["dry_run"] else "added", data["import"]["added"]],
             ["already_present", data["import"]["already_present"]]]
    return ["figure", "value"], rows


IMPORT_XBRL_BULK = Printer(text=_bulk_text, csv=_bulk_csv)


# --- draft ------------------------------------------------------------------------------------


def _draft_text(data: dict[str, Any]) -> str:
    if data["out"] is None:
        return json_lines(data["records"])
    lines = [f"wrote {count(len(data['records']), 'draft record')} from {data['document']} "
             f"({data['lang']}) to {data['out']}; review them (caledger review "
             f"{data['out']} --import, or --out FILE to keep the accepted records)"]
    for item in data["incomplete"]:
        lines.append(f"  to complete before import: {item['id']}: {'; '.join(item['problems'])}")
    for item in data.get("noticed", ()):
        lines.append(f"  noticed, not drafted: {noticed_line(item)}")
    return "\n".join(lines)


def noticed_line(item: dict[str, Any]) -> str:
    """What the drafter read and did not propose, in one line: where, what, why."""
    read = dict(item["read"])
    kind, effective = read.pop("type"), read.pop("effective", None)
    amounts = ", ".join(f"{k} {v}" for k, v in read.items())
    figures = ", ".join(json.dumps(f, ensure_ascii=False) for f in item["figures"])
    return (f"line {item['line']}: {figures} read as {kind}" + (f" ({amounts})" if amounts else "")
            + (f" for {effective}" if effective else "") + f"; {item['why']}")


#: A draft's fields that have a column of their own in every draft CSV.
_DRAFT_COMMON = ("id", "type", "company", "effective", "disclosed", "sources", "note", "review")


def _draft_csv(data: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """One row per draft: the columns it always had, then what a reviewer checks besides:
    the disclosed date, a column for each field any draft has (pledged, loaned, ...), and
    the review's checks joined by `` | ``."""
    records = data["records"]
    fields = list(dict.fromkeys(k for r in records for k in r if k not in _DRAFT_COMMON))
    rows = [[r["id"], r["type"], r.get("effective"), _value(r), sources_text(r), r.get("note"),
             r.get("disclosed"), *(_cell(r.get(k)) for k in fields),
             " | ".join(r.get("review") or [])]
            for r in records]
    return (["id", "type", "effective", "amounts", "sources", "note", "disclosed", *fields,
             "review"], rows)


def _cell(value: Any) -> Any:
    """A field's value in a CSV cell: text as it is, anything else as its JSON."""
    return value if value is None or isinstance(value, str) else json.dumps(value)


DRAFT = Printer(text=_draft_text, csv=_draft_csv)


# --- review -----------------------------------------------------------------------------------


def _review_text(data: dict[str, Any]) -> str:
    head = (f"{data['accepted']} accepted, {data['skipped']} skipped, {data['pending']} not "
            f"reviewed, of {data['drafts']}")
    if data.get("import"):
        return f"{head}; imported {data.get('imported', 0)}"
    if data.get("out") is not None:
        return f"{head}; wrote {count(data['accepted'], 'record')} to {data['out']}"
    return json_lines(data["records"]) if data["records"] else head


def _review_csv(data: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    rows = [[r.get("id"), r.get("type"), r.get("effective"), _value(r), sources_text(r)]
            for r in data["records"]]
    return (["id", "type", "effective", "amounts", "sources"], rows)


REVIEW = Printer(text=_review_text, csv=_review_csv)


def _document_text(data: dict[str, Any]) -> str:
    width = len(str(len(data["lines"])))
    return "\n".join(f"{n:>{width}}  {line}" for n, line in enumerate(data["lines"], start=1))


def _document_csv(data: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    return (["line", "text"], [[n, line] for n, line in enumerate(data["lines"], start=1)])


DOCUMENT_TEXT = Printer(text=_document_text, csv=_document_csv)
