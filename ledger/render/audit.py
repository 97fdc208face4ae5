"""How the audit looks: ``explain`` (a figure's trail) and ``reconcile`` (do the figures add
up), as text and CSV."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..precision import shown
from . import (
    FIGURE_COLUMNS,
    STAMP_COLUMNS,
    Printer,
    Rows,
    btc,
    count,
    record_brief,
    shares,
    signed,
    sources_text,
    stamp,
    to_csv,
    with_columns,
)
from . import render as render_as


def explain_text(data: dict[str, Any]) -> str:
    lines = [f"{data['company']} {data['figure']} as of {data['as_of']} "
             f"(@{data['position']}, head {data['head_hash'][:12]}) = {figure_text(data)}"]
    lines += _step_lines(data["steps"], "  ")
    if data.get("left_out"):
        lines.append("left out:")
        lines += [f"  {record_brief(item['record'])}: {item['why']}" for item in data["left_out"]]
    if data.get("inputs"):  # a value figure: what it rests on, each with its own trail
        lines.append("rests on:")
        for name, part in data["inputs"].items():
            lines.append(f"  {name} = {figure_text(part)}")
            lines += _step_lines(part.get("steps", []), "    ")
    return "\n".join(lines)


def _step_lines(steps: list[dict[str, Any]], indent: str) -> list[str]:
    lines = []
    for step in steps:
        record = step.get("record")
        where = record_brief(record) if record else ""
        if "bucket" not in step:  # a capital figure
            note = f"  [{step['note']}]" if step.get("note") else ""
            # a quotient's digits beyond a stated amount's to 12 significant ones
            lines.append(f"{indent}{step['action']} {shown(step['amount'])} -> "
                         f"{shown(step['running'])}  {where}{note}")
        elif step["action"] == "start":
            lines.append(f"{indent}{step['bucket']}: no disclosed balance: start from nothing "
                         "(flows only)")
        elif step["action"] == "anchor":
            lines.append(f"{indent}{step['bucket']}: disclosed balance {btc(step['amount'])}  "
                         f"{where}")
        elif step["action"] == "combine":
            lines.append(f"{indent}= {step['formula']} = {btc(step['running'])}")
        else:
            sign = "+" if step["action"] == "add" else "-"
            flag = "  [straddles the anchor date]" if step.get("straddles_anchor") else ""
            lines.append(f"{indent}{step['bucket']}: {sign} {btc(step['amount'])} -> "
                         f"{btc(step['running'])}  {where}{flag}")
    return lines


def figure_text(data: dict[str, Any]) -> str:
    """An explained figure's value and status: ``31,970 (derived: ...)``, or ``not known
    (why)``. Reports that give no status (older shapes) show the value alone."""
    if data.get("value") is None:
        return f"not known ({data.get('reason') or 'nothing recorded gives it'})"
    text = shown(data["value"], data.get("unit"))
    if data.get("unit") not in (None, "USD") and data["unit"] in _currencies():
        text = f"{data['unit']} {text}"  # a figure in another currency, as stated
    return f"{text} ({data['status']}: {data['reason']})" if data.get("status") else text


def _currencies() -> frozenset[str]:
    from ..currencies import ISO_4217

    return ISO_4217


def explain_csv(data: dict[str, Any]) -> Rows:
    """One row per step, then one per record left out (action ``left out``, why in note); a
    figure with no step (one not known, say) has one row with no step. Each row ends with
    its figure's value, status and reason and the report's stamp."""
    header = ("company", "figure", "as_of", "step", "bucket", "action", "amount", "running",
              "record", "type", "effective", "sources", "note")
    at = stamp(data)

    def figure(part: dict[str, Any]) -> dict[str, Any]:
        return {**at, "value": part.get("value"), "status": part.get("status"),
                "reason": part.get("reason")}

    rows = []
    trails = [(data["figure"], data), *data.get("inputs", {}).items()]
    for name, part in trails:
        more = figure(part)
        steps = part.get("steps", [])
        if not steps:
            rows.append(((data["company"], name, data["as_of"], *[None] * 10), more))
        for i, step in enumerate(steps, 1):
            record = step.get("record") or {}
            note = step.get("note") or step.get("formula") or (
                "straddles the anchor date" if step.get("straddles_anchor") else None)
            rows.append(((data["company"], name, data["as_of"], i, step.get("bucket"),
                          step["action"], step["amount"], step["running"], record.get("id"),
                          record.get("type"), record.get("effective"),
                          sources_text(record) or None, note), more))
    for item in data.get("left_out", []):
        record = item["record"]
        rows.append(((data["company"], data["figure"], data["as_of"], None, None, "left out",
                      record.get("btc"), None, record["id"], record["type"],
                      record["effective"], sources_text(record) or None, item["why"]),
                     figure(data)))
    return with_columns(header, rows, (*FIGURE_COLUMNS, *STAMP_COLUMNS))


def _status(unexplained: str) -> str:
    return "ok" if unexplained == "0" else f"UNEXPLAINED {signed(unexplained)}"


def overlap_problem(overlap: dict[str, Any]) -> str:
    """What an ``overlaps`` entry of ``reconcile`` means, in words."""
    contains = overlap["contains"]
    a, b = overlap["records"]
    if contains is None:
        return ("same type and document, overlapping periods: one may include part of the "
                "other, and holdings counts both")
    inner = b if contains == a else a
    return (f"same type and document, and the period of {contains} contains {inner}'s: "
            f"{contains} may already include {inner}, and holdings counts both")


def _resting_on(check: dict[str, Any]) -> str | None:
    """What a balance check says of the straddling flows it counts (each also has its own
    ``STRADDLES`` line): part of each may already be in the opening balance. None: none."""
    ids = check.get("straddling") or []
    if not ids:
        return None
    one = len(ids) == 1
    return (f"flagged: {', '.join(ids)} {'starts' if one else 'start'} on or before "
            f"{check['opening']['date']}, so part of {'it' if one else 'them'} may already be "
            "in the opening balance")


def reconcile_text(data: dict[str, Any]) -> str:
    lines = [f"{data['company']} reconciliation (@{data['position']}, head "
             f"{data['head_hash'][:12]}): {count(data['issues'], 'issue')}"]
    for b in data["balances"]:
        flagged = _resting_on(b)
        lines.append(f"  {b['bucket']} {b['opening']['date']} {btc(b['opening']['btc'])} "
                     f"+ flows {signed(b['itemized'])} = {btc(b['expected'])}; disclosed "
                     f"{b['closing']['date']} {btc(b['closing']['btc'])}: "
                     f"{_status(b['unexplained'])}{f' ({flagged})' if flagged else ''}")
    for c in data["changes"]:
        lines.append(f"  stated change {c['effective']} {signed(c['stated'])} vs itemized "
                     f"{signed(c['itemized'])} ({count(len(c['flows']), 'flow')}): "
                     f"{_status(c['unexplained'])}")
    for n in data["negative"]:
        if n["btc"] is None and n["sum"] is None:  # a bucket not known: no sum, a bound
            at_most = n.get("at_most")
            lines.append(f"  NEGATIVE {n['bucket']} on {n['date']}: not known ({n['reason']})"
                         + ("" if at_most is None else f"; at most {btc(at_most)}: the total "
                            "less the buckets known"))
        elif n["btc"] is None:  # holdings calls it not known: so does reconcile
            sums = "" if n["sum"] in n["reason"] else \
                f", the recorded figures coming to {btc(n['sum'])}"
            lines.append(f"  NEGATIVE {n['bucket']} on {n['date']}: not known{sums} "
                         f"({n['reason']})")
        else:
            lines.append(f"  NEGATIVE {n['bucket']} on {n['date']}: {btc(n['btc'])}")
    for c in data.get("price_conflicts", []):
        closes = ", ".join(f"{btc(x['close'])} ({x['id']})" for x in c["closes"])
        lines.append(f"  PRICE CONFLICT {c['asset']} on {c['date']}: closes {closes}; "
                     f"{c['used']}, stored later, is used")
    for f in data.get("straddling", []):
        lines.append(f"  STRADDLES {f['bucket']}: {f['id']} ({f['type']}, {f['effective']}) "
                     f"starts on or before the disclosed balance {f['anchor']['id']} of "
                     f"{f['anchor']['date']}: counted after it, part may already be in it")
    for d in data["duplicates"]:
        lines.append(f"  POSSIBLE DUPLICATE {d['type']}: {' and '.join(d['records'])} "
                     f"({', '.join(d['effective'])})")
    for o in data.get("overlaps", []):
        (a, b), (a_when, b_when), (a_btc, b_btc) = o["records"], o["effective"], o["btc"]
        lines.append(f"  OVERLAP {o['type']}: {a} ({a_when}, {btc(a_btc)}) and {b} "
                     f"({b_when}, {btc(b_btc)}), both citing {', '.join(o['documents'])}: "
                     f"{overlap_problem(o)}")
    for c in data["capital"]:
        lines.append(f"  CAPITAL {c['problem']}: {c['figure']} = {c['value']} on {c['date']} "
                     f"({', '.join(c['records'])})")
    lines += shares.reconcile_share_lines(data)
    for c in data.get("costs", []):
        if c["consistent"] is None:
            status = f"no expectation: {c['why']}"
        else:
            difference = shown(c["difference"], "USD")
            status = "ok" if c["consistent"] else \
                f"DISAGREES by {'' if difference.startswith('-') else '+'}{difference} USD"
            status = f"rolled forward {shown(c['expected'], 'USD')} USD: {status}"
        lines.append(f"  cost disclosed {c['date']} {btc(c['stated'])} USD ({c['id']}): "
                     f"{status}")
    for p in data.get("prices", []):
        if p["within"] is None:
            status = f"not checked: {p['why']}"
        elif p["within"]:
            status = (f"ok (BTC {btc(p['low'])} to {btc(p['high'])} over the "
                      f"{count(p['closes'], 'close')} recorded in the period)")
        else:
            status = f"OUTSIDE BTC {btc(p['low'])} to {btc(p['high'])}: {p['why']}"
        lines.append(f"  implied price {p['id']} ({p['effective']}) "
                     f"{shown(p['implied_price'], 'USD per BTC')} "
                     f"USD per BTC: {status}")
    return "\n".join(lines)


def reconcile_csv(data: dict[str, Any]) -> Rows:
    """One row per check: each pair of disclosed balances, each stated change, each negative
    bucket, possible duplicate, overlap and capital problem. ``records`` lists the ids
    involved; ``note`` (the last column) says what a row's other cells don't: why a check
    was not made, the straddling flows a balance check rests on, the most a figure not
    known can be, the documents two overlapping flows both cite."""
    return with_columns(*_reconcile_rows(data), (*RECONCILE_STAMP, "note"))


#: The report's stamp in each row of ``reconcile --format csv`` (its JSON has no as_of).
RECONCILE_STAMP = ("known_at", "position", "head_hash")


def _reconcile_rows(data: dict[str, Any]) -> tuple[tuple[str, ...], list[tuple[tuple, dict]]]:
    """``reconcile_csv``'s columns and rows, each row with the report's stamp (JSON has no
    as_of: each check names its period) and its ``note``, if any."""
    header = ("company", "check", "bucket", "period", "opening", "itemized", "expected",
              "stated", "unexplained", "value", "problem", "records", "position")
    c_, p_ = data["company"], data["position"]
    rows: list[tuple[tuple, dict[str, Any]]] = []

    def row(*cells: Any, note: str | None = None) -> None:
        rows.append((cells, {} if note is None else {"note": note}))

    for b in data["balances"]:
        ids = [b["opening"]["id"], *(f["id"] for f in b["flows"]), b["closing"]["id"]]
        row(c_, "balance", b["bucket"], f"{b['opening']['date']}/{b['closing']['date']}",
            b["opening"]["btc"], b["itemized"], b["expected"], b["closing"]["btc"],
            b["unexplained"], None, None if b["unexplained"] == "0" else "unexplained",
            " ".join(ids), p_, note=_resting_on(b))
    for c in data["changes"]:
        ids = [c["id"], *(f["id"] for f in c["flows"])]
        row(c_, "stated change", "total", c["effective"], None, c["itemized"], None,
            c["stated"], c["unexplained"], None,
            None if c["unexplained"] == "0" else "unexplained", " ".join(ids), p_)
    for n in data["negative"]:
        at_most = n.get("at_most")
        row(c_, "negative", n["bucket"], n["date"], None, None, None, None, None,
            n["btc"], "negative balance" if n["btc"] is not None else
            f"negative balance, not known: {n['reason']}", None, p_,
            note=None if at_most is None else
            f"at most {at_most} BTC: the total less the buckets known")
    for c in data.get("price_conflicts", []):
        row(c_, "price conflict", c["asset"], c["date"], None, None, None, None, None,
            next(x["close"] for x in c["closes"] if x["id"] == c["used"]),
            "closes of one date disagree: " + ", ".join(
                f"{x['close']} ({x['id']})" for x in c["closes"]),
            " ".join(x["id"] for x in c["closes"]), p_)
    for f in data.get("straddling", []):
        row(c_, "straddles", f["bucket"], f["effective"], None, None, None, None, None,
            None, f"period starts on or before the disclosed balance of "
            f"{f['anchor']['date']}: counted after it, part may already be in it",
            f"{f['anchor']['id']} {f['id']}", p_)
    for d in data["duplicates"]:
        row(c_, "duplicate", None, " and ".join(d["effective"]), None, None, None, None,
            None, None, f"possible duplicate {d['type']}", " ".join(d["records"]), p_)
    for o in data.get("overlaps", []):
        row(c_, "overlap", None, " and ".join(o["effective"]), None, None, None,
            " and ".join(o["btc"]), None, None, f"{o['type']}: {overlap_problem(o)}",
            " ".join(o["records"]), p_, note="both citing " + ", ".join(o["documents"]))
    for c in data["capital"]:
        row(c_, "capital", c["figure"], c["date"], None, None, None, None, None,
            c["value"], c["problem"], " ".join(c["records"]), p_)
    rows += shares.reconcile_share_rows(data)
    for c in data.get("costs", []):
        ids = " ".join(x for x in (c["opening"], c["id"]) if x)
        row(c_, "cost", None, c["date"], None, None, c["expected"], c["stated"],
            c["difference"], None,
            "disclosed cost disagrees with the rolled-forward cost"
            if c["consistent"] is False else None, ids, p_)
    for p in data.get("prices", []):
        if p["within"] is None:  # not a check: no close over its period (the text says so)
            continue
        row(c_, "implied price", None, p["effective"], p["low"], None, p["high"],
            p["implied_price"], None, p["usd"],
            "implied price outside the period's BTC low and high by more than 20%"
            if p["within"] is False else None, p["id"], p_)
    at = stamp(data)
    return header, [(cells, {**at, **more}) for cells, more in rows]


EXPLAIN = Printer(text=explain_text, csv=explain_csv)
RECONCILE = Printer(text=reconcile_text, csv=reconcile_csv)



#: Where ``str.splitlines`` ends a line besides "\n" (orjson writes some of them as they are).
_OTHER_LINE_ENDS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _indented(body: str) -> str:
    """``textwrap.indent(body, "  ", lambda _: True)``: every line two spaces in, quickly
    (a large ledger's reports run to millions of lines)."""
    if not body or body.endswith("\n") or _OTHER_LINE_ENDS.search(body):
        import textwrap  # here: only reconcile --all streams its reports

        return textwrap.indent(body, "  ", lambda _: True)
    return "  " + body.replace("\n", "\n  ")


def reconcile_all(fmt: str, reports: Iterable[dict[str, Any]],
                  seen: list[dict[str, Any]]) -> Iterator[str]:
    """``reconcile --all`` in format ``fmt``, one company's report at a time, each as the
    one-company report prints it: JSON, a list of them (what ``json.dumps(reports,
    indent=2)`` prints, written by orjson); text, one after another; CSV, one header over
    every company's rows. Each report is appended to ``seen`` as ``{company, issues}``."""
    if fmt not in RECONCILE.formats:
        from ..errors import BadQuery

        raise BadQuery(f"--format {fmt}: this command offers " + ", ".join(RECONCILE.formats))
    first = True
    for report in reports:
        seen.append({"company": report["company"], "issues": report["issues"]})
        if fmt == "json":
            import orjson

            body = orjson.dumps(report, option=orjson.OPT_INDENT_2, default=str).decode()
            yield ("[\n" if first else ",\n") + _indented(body)
        elif fmt == "text":
            yield ("" if first else "\n\n") + render_as("text", report, RECONCILE)
        else:
            text = render_as("csv", report, RECONCILE)
            if not first:
                text = text.partition("\n")[2]
            yield ("" if first or not text else "\n") + text
        first = False
    if first:  # no company
        yield {"json": "[]", "text": "no companies in the ledger",
               "csv": to_csv(reconcile_csv(_NO_COMPANY)[0], [])}[fmt]
    elif fmt == "json":
        yield "\n]"
    yield "\n"


_NO_COMPANY: dict[str, Any] = {"company": None, "position": 0, "balances": [], "changes": [],
                               "negative": [], "duplicates": [], "capital": []}
