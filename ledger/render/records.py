"""How records look: ``history``, ``companies``, ``show``, and the reports of the commands
that write (``append``, ``import``, ``correct``, ``retract``, ``rebuild``)."""

from __future__ import annotations

import json
import re
from typing import Any

from .. import kinds
from . import Printer, Rows, btc, count, sources_text, table

#: The figure a history line shows for a record, the first of these it has.
AMOUNT_FIELDS = ("btc", "usd", "principal_usd", "percent", "revenue_usd", "net_income_usd",
                 "adjusted_ebitda_usd", "shares", "ratio", "value", "headcount", "options",
                 "restricted_units", "warrants", "preferred_as_converted", "close",
                 "hashrate_ehs", "blocks_won", "btc_produced")
#: What a disclosed balance may state besides its bitcoin, shown after it.
_BESIDE_BTC = ("cost_usd", "fair_value_usd")
#: What a miner's operations state besides the first figure shown, after it.
_BESIDE_OPERATIONS = ("hashrate_kind", "blocks_won", "btc_produced")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
#: Fields that hold no amount (not grouped by thousands in text: dates, periods, text):
#: every field but the type table's amount fields (the models' Decimal fields).
_NOT_AMOUNTS = {*kinds.COMMON_FIELDS, *(name for fields in kinds.FIELDS.values()
                                        for name in fields if name not in kinds.AMOUNT_FIELDS)}
#: Every field any record type has, in one fixed order: the CSV columns of a record.
TYPE_FIELDS = tuple(sorted({name for fields in kinds.FIELDS.values() for name in fields}))


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    """A corrected record as it stands (its ``current`` content); anything else as stored."""
    return row.get("current") or row


def _value(value: Any, name: str = "btc") -> str:
    """A field's value for a text table: amounts grouped by thousands, text as it is."""
    if value is None:
        return "-"
    if isinstance(value, str):
        return btc(value) if name not in _NOT_AMOUNTS and _DECIMAL.fullmatch(value) else value
    return json.dumps(value, ensure_ascii=False)


def changes_text(changes: dict[str, dict[str, Any]]) -> str:
    """``btc 14574 -> 14575; note changed``: what a correction changed, readably."""
    parts = []
    for name, change in changes.items():
        before, after = change["from"], change["to"]
        if name == "sources" and isinstance(before, list) and isinstance(after, list):
            # Which lines it cited and cites now: "sources a.txt:1 -> new.txt:3".
            parts.append(f"sources {sources_text({'sources': before}) or '-'} -> "
                         f"{sources_text({'sources': after}) or '-'}")
        elif name in ("sources", "note") or isinstance(before, (dict, list)) \
                or isinstance(after, (dict, list)):
            parts.append(f"{name} changed" if after is not None and before is not None
                         else f"{name} {'added' if before is None else 'dropped'}")
        else:
            parts.append(f"{name} {_value(before, name)} -> {_value(after, name)}")
    return "; ".join(parts) or "no change"


def history_text(rows: list[dict[str, Any]]) -> str:
    body = []
    for r in rows:
        if r["type"] == "correction":
            body.append((f"@{r['position']}", r["id"], "correction", r["event"].get("effective"),
                         changes_text(r.get("changes", {})), r["status"],
                         f"corrects {r['corrects']}", sources_text(r["event"]),
                         r.get("reason", ""), _by(r)))
            continue
        if r["type"] == "retraction":
            body.append((f"@{r['position']}", r["id"], "retraction", "", "", r["status"],
                         f"retracts {r['retracts']}", "", r.get("reason", ""), _by(r)))
            continue
        s = _shown(r)
        if "btc" in s:  # the first amount field: what most records show
            amount = f"btc={_value(s['btc'])}"
            beside = [f"{f}={_value(s[f])}" for f in _BESIDE_BTC if f in s]
            if beside:
                amount = "; ".join([amount, *beside])
        elif "currency" in s and "usd" not in s and "principal_usd" not in s and (
                "principal" in s or "amount" in s):  # as stated in its currency, never converted
            name = "principal" if "principal" in s else "amount"
            amount = f"{name}={s['currency']} {_value(s[name])}"
        else:
            amount = next((f"{f}={_value(s[f])}" for f in AMOUNT_FIELDS if f in s), "")
        if s.get("type") == "operations_reported":
            amount = "; ".join([amount, *(f"{f}={_value(s[f], f)}" for f in _BESIDE_OPERATIONS
                                          if f in s and not amount.startswith(f"{f}="))])
        body.append((f"@{r['position']}", r["id"], s["type"], s.get("effective", ""), amount,
                     r["status"], "", sources_text(s), "", _by(r)))
    if not body:
        return "no records"
    return table(body, ("pos", "id", "type", "effective", "amount", "status", "amends",
                        "sources", "reason", "recorded_by"))


def _by(row: dict[str, Any]) -> str:
    """Who recorded a row ("not recorded" before the ledger kept it)."""
    return row.get("recorded_by") or ""


def record_columns(record: dict[str, Any]) -> list[Any]:
    """A record's content in the fixed column order of ``RECORD_HEADER``."""
    return [record.get("type"), record.get("company"), record.get("effective"),
            record.get("disclosed"), *(record.get(name) for name in TYPE_FIELDS),
            sources_text(record) or None, record.get("note")]


RECORD_HEADER = ("type", "company", "effective", "disclosed", *TYPE_FIELDS, "sources", "note")


def history_csv(rows: list[dict[str, Any]]) -> Rows:
    """One row per record as it stands (a corrected record's current values; its original is
    in ``show``); a correction's row holds its replacement, what it changed and why. The
    ``status`` is JSON's and text's (``projections.history.STATUSES``); ``kind`` (last)
    says which rows are records, corrections and retractions."""
    header = ("position", "recorded_at", "id", "status", "amends", "reason", "changes",
              *RECORD_HEADER, "recorded_by", "via", "kind")
    out = []
    for r in rows:
        who = (r.get("recorded_by"), r.get("via"))
        if r["type"] == "correction":
            content = {**r["event"], "type": r["event"]["type"]}
            out.append((r["position"], r["recorded_at"], r["id"], r["status"], r["corrects"],
                        r.get("reason"), changes_text(r.get("changes", {})),
                        *record_columns(content), *who, "correction"))
        elif r["type"] == "retraction":
            out.append((r["position"], r["recorded_at"], r["id"], r["status"], r["retracts"],
                        r.get("reason"), None, "retraction", *[None] * (len(RECORD_HEADER) - 1),
                        *who, "retraction"))
        else:
            out.append((r["position"], r["recorded_at"], r["id"], r["status"], None, None, None,
                        *record_columns(_shown(r)), *who, "record"))
    return header, out


def companies_text(rows: list[dict[str, Any]]) -> str:
    return table([(r["company"], r["records"], f"@{r['first_position']}",
                   f"@{r['last_position']}") for r in rows],
                 ("company", "records", "first", "last"))


def companies_csv(rows: list[dict[str, Any]]) -> Rows:
    return (("company", "records", "first_position", "last_position"),
            [(r["company"], r["records"], r["first_position"], r["last_position"])
             for r in rows])


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def show_text(data: dict[str, Any]) -> str:
    if "amendment" in data:
        return "\n".join([f"{data['amendment']['id']}: a {data['kind']} of {data['amends']}, "
                          f"recorded at @{data['record_position']} ({data['recorded_at']})"
                          f"{_who(data)}", _dump(data["amendment"])])
    lines = [f"{data['id']}: {data['status']}; recorded at @{data['record_position']} "
             f"({data['recorded_at']}){_who(data)}", "original:",
             _indent(_dump(data["original"]))]
    for amendment in data["amendments"]:
        lines.append(f"{amendment['type']} {amendment['id']} at @{amendment['position']} "
                     f"({amendment['recorded_at']}){_who(amendment)}: {amendment['reason']}")
        if "event" in amendment:
            lines.append(_indent(_dump(amendment["event"])))
    return "\n".join(lines)


def _who(data: dict[str, Any]) -> str:
    if not data.get("recorded_by"):
        return ""
    if data["recorded_by"] == data.get("via"):  # both "not recorded": an event from before
        return f"; who recorded it: {data['recorded_by']}"
    return f" by {data['recorded_by']} via {data.get('via')}"


def show_csv(data: dict[str, Any]) -> Rows:
    """One row per version: the original, then each amendment (a correction's row holds its
    replacement content)."""
    header = ("role", "id", "position", "recorded_at", "amends", "reason", *RECORD_HEADER,
              "recorded_by", "via")
    who = (data.get("recorded_by"), data.get("via"))
    if "amendment" in data:
        a = data["amendment"]
        content = a.get("event", {"type": data["kind"]})
        return header, [(data["kind"], a["id"], data["record_position"], data["recorded_at"],
                         data["amends"], a.get("reason"), *record_columns(content), *who)]
    rows = [("original", data["id"], data["record_position"], data["recorded_at"], None, None,
             *record_columns(data["original"]), *who)]
    for a in data["amendments"]:
        content = a.get("event", {"type": a["type"]})
        rows.append((a["type"], a["id"], a["position"], a["recorded_at"], data["id"],
                     a.get("reason"), *record_columns(content), a.get("recorded_by"),
                     a.get("via")))
    return header, rows


HISTORY = Printer(text=history_text, csv=history_csv)
COMPANIES = Printer(text=companies_text, csv=companies_csv)
SHOW = Printer(text=show_text, csv=show_csv)


# --- the reports of the commands that write ----------------------------------------------------


def _added_text(data: dict[str, Any]) -> str:
    return data["id"]


def _added_csv(data: dict[str, Any]) -> Rows:
    return ("id", "added", "position"), [(data["id"], data["added"], data["position"])]


#: ``append``, ``correct`` and ``retract``: the id stored (or already there).
ADDED = Printer(text=_added_text, csv=_added_csv)


def _import_text(data: dict[str, Any]) -> str:
    detail = ", ".join(f"{n} {t}" for t, n in data["added_by_type"].items())
    if not data.get("dry_run"):
        return "\n".join([f"added {count(data['added'], 'record')}"
                          + (f" ({detail})" if detail else ""),
                          f"already present: {count(data['already_present'], 'record')}, "
                          "unchanged"])
    # A dry run: what the import would do, each company's records on a line of its own.
    lines = ["dry run: nothing was stored" + (
                 " (the ledger is not there yet: the import would create it)"
                 if data.get("creates_ledger") else ""),
             f"would add {count(data['added'], 'record')}" + (f" ({detail})" if detail else "")]
    lines += [f"  {company or '(no company)'}: "
              + ", ".join(f"{n} {t}" for t, n in types.items())
              for company, types in data["added_by_company"].items()]
    lines.append(f"already present: {count(data['already_present'], 'record')}, unchanged "
                 "(would be skipped)")
    new = data.get("new_companies")
    if new is None:
        lines.append("new companies: not known (the read model could not be read)")
    elif new:
        lines.append(f"new companies: {', '.join(new)}")
    return "\n".join(lines)


def _import_csv(data: dict[str, Any]) -> Rows:
    """One row per figure: added, already_present, then added.TYPE for each type added (a
    dry run: would_add, already_present, would_add.TYPE)."""
    added = "would_add" if data.get("dry_run") else "added"
    rows = [(added, data["added"]), ("already_present", data["already_present"])]
    rows += [(f"{added}.{t}", n) for t, n in data["added_by_type"].items()]
    return ("figure", "records"), rows


IMPORT = Printer(text=_import_text, csv=_import_csv)


def _rebuild_text(data: dict[str, Any]) -> str:
    return (f"rebuilt the read model from {count(data['records'], 'record')}, "
            f"up to position @{data['position']}")


REBUILD = Printer(text=_rebuild_text,
                  csv=lambda data: (("records", "position"), [(data["records"], data["position"])]))
