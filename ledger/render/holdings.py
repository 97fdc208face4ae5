"""How holdings look: one company's report, the comparison table, and their CSV form."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without loading typing (ledger/__init__.py)
if TYPE_CHECKING:
    from typing import Any

from . import (
    FIGURE_COLUMNS,
    Printer,
    Rows,
    btc,
    cell_figure,
    count,
    figure_lines,
    record_brief,
    signed,
    stamp_line,
    table,
    with_columns,
)

FIGURES = ("total", "loaned", "pledged", "unencumbered")


def holdings_text(data: dict[str, Any]) -> str:
    lines = [stamp_line(f"{data['company']} bitcoin holdings", data["as_of"], data)]
    lines += figure_lines([(name, data["btc"][name], "BTC", data["status"][name],
                            data["reason"][name]) for name in FIGURES])
    anchor = data["anchor"]
    if anchor:
        lines.append(f"basis: disclosed balance {btc(anchor['btc'])} BTC, {record_brief(anchor)}")
    elif not any("total" in flow["delta"] for flow in data.get("flows", [])):
        lines.append("basis: no disclosed balance and no recorded flow")
    elif data["status"]["total"] == "not known":
        lines.append("basis: no disclosed balance; the recorded flows sum to less than "
                     "nothing, so the total is not known")
    else:
        lines.append("basis: no disclosed balance; the sum of every recorded flow")
    flows = data.get("flows", [])
    lines.append(f"counted after the basis: {count(data['flows_counted'], 'flow')}")
    for flow in flows:
        moves = ", ".join(f"{signed(amount)} {bucket}" for bucket, amount in flow["delta"].items())
        flag = "  [straddles the anchor date]" if flow.get("straddles_anchor") else ""
        lines.append(f"  {moves}  {record_brief(flow)}{flag}")
    if data["straddling_anchor"]:
        lines.append("flagged: period straddles the anchor's date, part may already be in it: "
                     + ", ".join(data["straddling_anchor"]))
    if data["in_progress"]:
        lines.append(f"in progress on {data['as_of']} (not counted until the period ends):")
        lines += [f"  {r['type']} {btc(r['btc'])} BTC  {record_brief(r)}"
                  for r in data["in_progress"]]
    return "\n".join(lines)


def comparison_text(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "bitcoin holdings: no companies"
    body = [(r["company"], *(cell_figure(r["btc"][name], r["status"][name]) for name in FIGURES),
             r["anchor"]["effective"] if r["anchor"] else "none",
             _age(r.get("anchor_age_days", {}).get("total")), len(r["in_progress"]))
            for r in rows]
    lines = [stamp_line("bitcoin holdings", rows[0]["as_of"], rows[0]),
             table(body, ("company", *FIGURES, "anchor", "anchor age", "in progress"))]
    shown = {r["status"][n] for r in rows for n in FIGURES}
    legend = ["* flows only: no disclosed balance, the sum of recorded flows"] \
        if "flows only" in shown else []
    unknown = [(r["company"], _why_not_known(r, n)) for r in rows for n in FIGURES
               if r["status"][n] == "not known"]
    nothing = any(why == "nothing" for _, why in unknown)
    below = list(dict.fromkeys(c for c, why in unknown if why == "below zero"))
    old = list(dict.fromkeys(c for c, why in unknown if why == "too old"))
    why = (["the records give no figure for it"] if nothing else []) + (
        [f"the records give figures that come to below zero ({', '.join(below)})"]
        if below else []) + (
        [f"its balance is older than --max-anchor-age allows ({', '.join(old)})"]
        if old else [])
    if why:
        legend.append(f"not known: {'; or '.join(why)} (holdings COMPANY says why)")
    if legend:
        lines.append("; ".join(legend))
    return "\n".join(lines)


def _age(days: int | None) -> str:
    """How old the total's anchor is, in the comparison table ("-": no anchor)."""
    return "-" if days is None else count(days, "day")


def _why_not_known(report: dict[str, Any], figure: str) -> str:
    """Why a figure of ``report`` is not known, for the footer: ``too old`` (its anchor, or
    for unencumbered one of its buckets' anchors, older than ``--max-anchor-age`` allows:
    ``holdings.too_old`` says so in the reason), ``below zero`` or ``nothing``."""
    reasons = report.get("reason", {})
    named = [figure] + (["total", "loaned", "pledged"] if figure == "unencumbered" else [])
    if any("(max anchor age)" in (reasons.get(n) or "") for n in named):
        return "too old"
    return "below zero" if _below_zero(report, figure) else "nothing"


def _below_zero(report: dict[str, Any], figure: str) -> bool:
    """Whether a figure of ``report`` that is not known is so because recorded figures
    come to below zero (the footer says so, where "no record gives it" would be untrue): a
    bucket whose counted flows sum below zero (with no anchor: one with an anchor is known,
    even below zero), or unencumbered with total, loaned and pledged known (loans and
    pledges summed from flows alone more than the total); else nothing recorded gives it,
    or a figure it rests on."""
    if figure == "unencumbered":
        return all(report["status"][b] != "not known" for b in ("total", "loaned", "pledged"))
    return any(figure in flow.get("delta", {}) for flow in report.get("flows", []))


def holdings_csv(data: dict[str, Any] | list[dict[str, Any]]) -> Rows:
    """One row per figure per company: the same shape for one company or many."""
    reports = data if isinstance(data, list) else [data]
    header = ("company", "as_of", "figure", "btc", "status", "anchor", "known_at", "position",
              "head_hash")
    rows = [((r["company"], r["as_of"], f"btc.{name}", r["btc"][name], r["status"][name],
              r.get("bucket_anchors", {}).get(name), r["known_at"], r["position"],
              r["head_hash"]),
             {"value": r["btc"][name], "reason": r.get("reason", {}).get(name)})
            for r in reports for name in FIGURES]
    return with_columns(header, rows, FIGURE_COLUMNS)


def _text(data: dict[str, Any] | list[dict[str, Any]]) -> str:
    return comparison_text(data) if isinstance(data, list) else holdings_text(data)


#: ``holdings`` for one company (a dict) or several (a list).
HOLDINGS = Printer(text=_text, csv=holdings_csv)
