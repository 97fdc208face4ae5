"""Printers for ``changes`` (text, CSV and an Atom feed) and ``export`` (a summary)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any
    from xml.etree import ElementTree as ET

from . import Printer, btc, count, signed, sources_text, table, with_columns

ATOM = "http://www.w3.org/2005/Atom"
_FIGURES = ("total", "loaned", "pledged", "unencumbered")


def _what(entry: dict[str, Any], status: bool = True) -> str:
    """One line: what a feed entry recorded (with its status now, unless ``status`` is
    False: an Atom entry says only what was recorded, so it never changes)."""
    if entry["type"] == "correction":
        amends = entry["amends"]
        # The sources cited before and after (not in a feed entry's title: one written
        # before they were named there keeps its words)
        changed = ", ".join(f"{k} {_short(a, k if status else '')} -> "
                            f"{_short(b, k if status else '')}"
                            for k, (a, b) in amends.get("changed", {}).items()) or "no field"
        return (f"correction of {amends['id']}: {changed}"
                + (f" (reason: {entry['reason']})" if entry.get("reason") else "")
                + ("" if entry.get("status", "current") == "current" or not status
                   else f" [now {entry['status']}]"))
    if entry["type"] == "retraction":
        replaced = entry["amends"].get("replaced") or {}
        what = f" ({replaced['type']}, {replaced['effective']})" if replaced else ""
        return (f"retraction of {entry['amends']['id']}{what}"
                + (f" (reason: {entry['reason']})" if entry.get("reason") else ""))
    amount = f" {btc(entry['btc'])} BTC" if "btc" in entry else ""
    return (f"{entry['id']}: {entry['type']}{amount}, {entry['effective']} "
            f"({sources_text(entry)})" + ("" if entry["status"] == "current" or not status
                                          else f" [now {entry['status']}]"))


def _short(value: Any, name: str = "") -> str:
    if value is None:
        return "(none)"
    if name == "sources" and isinstance(value, list):  # the lines cited: "a.txt:1, b.txt:4"
        return sources_text({"sources": value}) or "(none)"
    if isinstance(value, (list, dict)):
        return "…"
    return str(value)


def _moment(side: dict[str, Any]) -> str:
    if side["known_at"] is None:
        return f"now (@{side['position']})"
    if side["known_at"].startswith("@"):
        return side["known_at"]
    return f"{side['known_at']} (@{side['position']})"


def changes_text(data: dict[str, Any]) -> str:
    who = data["company"] or "every company"
    lines = [f"Changes to {who} after {_moment(data['since'])} up to {_moment(data['until'])}: "
             f"{count(len(data['records']), 'record')}"]
    for entry in data["records"]:
        lines.append(f"  @{entry['position']} {entry['recorded_at'][:19]}Z {entry['company'] or ''}"
                     f"  {_what(entry)}"
                     + (f"  (by {entry['recorded_by']})" if entry.get("recorded_by") else ""))
    for company in data["companies"]:
        rows, flows_only = _figure_rows(company["figures"])
        lines.append("")
        lines.append(f"{company['company']}: holdings before and after"
                     + ("" if company["known_before"] else " (no records before)"))
        lines.append(table(rows, ["date", *_FIGURES, "moved"]) if rows
                     else "  no bitcoin figures touched")
        if flows_only:
            lines.append("  * flows only: no disclosed balance, the sum of recorded flows")
    return "\n".join(lines)


def _figure_rows(figures: list[dict[str, Any]]) -> tuple[list[tuple[str, ...]], bool]:
    """A company's figures as table rows (date, each figure's move, moved), and whether any
    figure before or after rests on flows only. A figure's text is made once for each value
    met (a company's loaned and pledged figures repeat from day to day)."""
    texts: dict[tuple[str | None, bool], str] = {}
    flows_only = False
    rows = []
    for f in figures:
        before, after = f["before"], f["after"]
        before_status, after_status = before.get("status", {}), after.get("status", {})
        row = [f["date"]]
        for k in _FIGURES:
            old = (before[k], before_status.get(k) == "flows only")
            new = (after[k], after_status.get(k) == "flows only")
            flows_only = flows_only or old[1] or new[1]
            row.append(_move(old, new, texts))
        row.append("yes" if f["moved"] else "")
        rows.append(tuple(row))
    return rows, flows_only


def _move(before: tuple[str | None, bool], after: tuple[str | None, bool],
          texts: dict[tuple[str | None, bool], str]) -> str:
    """A figure's cell, from (value, flows only) before and after: its text after, and
    before it when it moved (with the difference when both are known). ``texts``: each
    figure's text made so far, kept across calls."""
    shown = texts.get(after)
    if shown is None:
        shown = texts[after] = _text(after)
    if before == after:
        return shown
    was = texts.get(before)
    if was is None:
        was = texts[before] = _text(before)
    if before[0] is None or after[0] is None or before[0] == after[0]:
        return f"{was} -> {shown}"
    delta = signed(str(_dec(after[0]) - _dec(before[0])))
    return f"{was} -> {shown} ({delta})"


def _text(figure: tuple[str | None, bool]) -> str:
    value, flows_only = figure
    return "not known" if value is None else btc(value) + ("*" if flows_only else "")


def _dec(text: str) -> Any:
    from decimal import Decimal
    return Decimal(text)


#: What ``changes --format csv`` adds after its first columns: a record's status; each
#: figure's status before and after; the window's stamp; what a correction changed, as
#: ``history``'s CSV says it (old and new sources named); then each figure's reason before
#: and after (as holdings gives it). Each added last, so the columns before keep their places.
_ADDED = ("status", *(f"{k}_before_status" for k in _FIGURES),
          *(f"{k}_after_status" for k in _FIGURES), "since_position", "until_position",
          "known_at", "head_hash", "changes", *(f"{k}_before_reason" for k in _FIGURES),
          *(f"{k}_after_reason" for k in _FIGURES))


def changes_csv(data: dict[str, Any]):
    header = ["row", "position", "recorded_at", "company", "id", "type", "effective", "btc",
              "amends", "reason", "date", *(f"{k}_before" for k in _FIGURES),
              *(f"{k}_after" for k in _FIGURES), "moved", "recorded_by", "via"]
    at = {"since_position": data["since"]["position"],
          "until_position": data["until"]["position"], "known_at": data["until"]["known_at"],
          "head_hash": data.get("head_hash")}
    rows = []
    blank_figures = [None] * (2 * len(_FIGURES) + 2)
    for e in data["records"]:
        rows.append((["record", e["position"], e["recorded_at"], e["company"], e["id"],
                      e["type"], e.get("effective"), e.get("btc"),
                      e.get("amends", {}).get("id"), e.get("reason"), *blank_figures,
                      e.get("recorded_by"), e.get("via")],
                     {**at, "status": e.get("status"),
                      "changes": _changed(e) if e["type"] == "correction" else None}))
    for company in data["companies"]:
        for f in company["figures"]:
            before, after = f["before"].get("status", {}), f["after"].get("status", {})
            why_before, why_after = f["before"].get("reason", {}), f["after"].get("reason", {})
            rows.append((["figures", None, None, company["company"], None, None, None, None,
                          None, None, f["date"], *(f["before"][k] for k in _FIGURES),
                          *(f["after"][k] for k in _FIGURES), f["moved"], None, None],
                         {**at, **{f"{k}_before_status": before.get(k) for k in _FIGURES},
                          **{f"{k}_after_status": after.get(k) for k in _FIGURES},
                          **{f"{k}_before_reason": why_before.get(k) for k in _FIGURES},
                          **{f"{k}_after_reason": why_after.get(k) for k in _FIGURES}}))
    return with_columns(header, rows, _ADDED)


def _changed(entry: dict[str, Any]) -> str:
    """What a correction changed, in ``history``'s words ("btc 1,000 -> 1,001; sources
    a.txt:1 -> new.txt:3")."""
    from .records import changes_text

    return changes_text(entry.get("changes", {}))


def entry_id(ledger: str, entry: dict[str, Any]) -> str:
    """A stable Atom id: the same record at the same position is the same entry, whichever
    window of the feed it appears in."""
    from urllib.parse import quote  # here: only the Atom feed quotes

    return f"tag:caledger,2026:{ledger}/{entry['position']}/{quote(entry['id'], safe='-._~')}"


def changes_atom(data: dict[str, Any]) -> str:
    """An RFC 4287 feed: one entry per record; deterministic for the same window."""
    from urllib.parse import quote
    from xml.etree import ElementTree as ET  # here: only the Atom feed is XML

    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed")
    scope = data["company"] or "all"
    sub(feed, "id", f"tag:caledger,2026:{data['ledger']}/changes/{quote(scope, safe='-._~')}")
    sub(feed, "title", f"caledger: changes to {data['company'] or 'every company'}")
    sub(feed, "subtitle", f"records stored after @{data['since']['position']} up to "
                          f"@{data['until']['position']} (head hash {data['head_hash']})")
    updated = (max(e["recorded_at"] for e in data["records"]) if data["records"]
               else data["until"]["recorded_at"] or "1970-01-01T00:00:00+00:00")
    sub(feed, "updated", updated)
    author = sub(feed, "author")
    sub(author, "name", "caledger")
    sub(feed, "generator", "caledger")
    for entry in reversed(data["records"]):  # newest first, as readers expect
        item = sub(feed, "entry")
        sub(item, "id", entry_id(data["ledger"], entry))
        sub(item, "title", f"{entry['company'] or ''}: {_what(entry, status=False)}".strip(": "))
        sub(item, "updated", entry["recorded_at"])
        if entry.get("recorded_by"):  # who recorded it (RFC 4287 4.2.1)
            sub(sub(item, "author"), "name", entry["recorded_by"])
        sub(item, "category", term=entry["type"])
        if entry["company"]:
            sub(item, "category", term=entry["company"],
                scheme="tag:caledger,2026:company")
        body = [f"Recorded at position {entry['position']} on {entry['recorded_at']}"
                + (f" by {entry['recorded_by']} via {entry['via']}." if entry.get("recorded_by")
                   else ".")]
        if entry.get("note"):
            body.append(f"Note: {entry['note']}")
        if "amends" in entry and entry["amends"].get("replaced"):
            replaced = entry["amends"]["replaced"]
            body.append(f"Replaced version (recorded at @{replaced['position']}): "
                        f"{replaced['type']}, {replaced['effective']}"
                        + (f", {replaced['btc']} BTC" if "btc" in replaced else "")
                        + (f"; sources {sources_text(replaced)}" if replaced.get("sources")
                           else ""))
        if "event" in entry:
            now = entry["event"]
            body.append(f"Replacement: {now['type']}, {now['effective']}"
                        + (f", {now['btc']} BTC" if "btc" in now else "")
                        + (f"; sources {sources_text(now)}" if now.get("sources") else ""))
        elif entry.get("sources"):
            body.append(f"Sources: {sources_text(entry)}")
        sub(item, "content", "\n".join(body), type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True)


CHANGES = Printer(text=changes_text, csv=changes_csv, extra={"atom": changes_atom})


def export_text(data: dict[str, Any]) -> str:
    known = f"as known at {data['known_at']}" if data["known_at"] else "as known now"
    lines = [f"Wrote {data['out']} ({data['format']}): {', '.join(data['companies']) or 'no companies'}"
             f" as of {data['as_of'] or 'the last period end'}, {known} (@{data['position']}): "
             f"{count(data['transactions'], 'transaction')}, "
             f"{count(data['balance_assertions'], 'balance assertion')}"]
    for adj in data["adjustments"]:
        lines.append(f"  {adj['date']} {adj['company']}: {adj['narration']}")
    for record in data["in_progress"]:
        lines.append(f"  in progress, not exported: {record['company']} {record['id']} "
                     f"({record['type']}, {record['effective']})")
    return "\n".join(lines)


def export_csv(data: dict[str, Any]):
    """The explicit adjustments the export made, one row per posting."""
    header = ["company", "date", "adjustment", "record", "account", "btc"]
    rows = [[a["company"], a["date"], a.get("adjustment"), a["record"], p["account"], p["btc"]]
            for a in data["adjustments"] for p in a["postings"]]
    return header, rows


EXPORT = Printer(text=export_text, csv=export_csv)
