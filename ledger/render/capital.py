"""How the capital structure looks: one company's report, the comparison table, CSV."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import (
    FIGURE_COLUMNS,
    Printer,
    Rows,
    count,
    record_brief,
    shares,
    stamp_line,
    table,
    usd,
    with_columns,
)


def capital_text(data: dict[str, Any]) -> str:
    lines = [stamp_line(f"{data['company']} capital structure", data["as_of"], data)]
    notes = data["notes"]
    lines.append(f"notes outstanding: {_known(data, 'notes.outstanding')}")
    for issue in notes["issues"]:
        kind = "convertible" if issue["convertible"] else "non-convertible"
        terms = []
        if issue["conversion_price_usd"]:
            terms.append(f"conversion price {usd(issue['conversion_price_usd'])}")
        if issue["conversion_rate"]:
            terms.append(f"{issue['conversion_rate']} shares per $1,000")
        lines.append(f"  {issue['id']} ({issue['effective']}): {usd(issue['outstanding_usd'])} of "
                     f"{usd(issue['principal_usd'])}, {issue['coupon_percent']}% coupon, {kind}"
                     + (f", matures {issue['maturity']}" if issue["maturity"] else "")
                     + (" [matured]" if issue["matured"] else "")
                     + (f", {', '.join(terms)}" if terms else ""))
        for retired in issue["retired"]:
            lines.append(f"    - {usd(retired['principal_usd'])} {retired['how']} "
                         f"({retired['effective']}, {retired['id']})")
    for retired in notes["unattributed_retirements"]:
        lines.append(f"  - {usd(retired['principal_usd'])} {retired['how']} ({retired['id']}), "
                     "not attributed to a recorded issue")
    equity = data["equity"]
    lines.append(f"equity raised: {_known(data, 'equity.raised')}"
                 + (f", {Decimal(equity['shares']):,f} shares" if equity["shares"] else ""))
    for program in equity["by_program"]:
        lines.append(f"  {program['program']}: {usd(program['raised_usd'])} in "
                     f"{count(program['issues'], 'issue')}"
                     + (f", {Decimal(program['shares']):,f} shares" if program["shares"]
                        else ""))
    if data["stakes"]:
        lines.append("stakes held:")
        for stake in data["stakes"]:
            lines.append(f"  {stake['target']}: {stake['percent']}%, cost "
                         f"{usd(stake['cost_usd']) if stake['cost_usd'] else 'not disclosed'}")
    if data["acquisitions"]:
        lines.append(f"businesses acquired: {usd(data['acquisitions_usd'])}")
        for a in data["acquisitions"]:
            lines.append(f"  {a['target']}: {usd(a['usd'])} ({a['effective']}, {a['id']})")
    for w in data["workforce"]:
        size = " and ".join(x for x in (f"{w['percent']}%" if w["percent"] else "",
                                         f"{w['headcount']} people" if w["headcount"] else "")
                            if x)
        lines.append(f"workforce reduced by {size} ({w['effective']}, {w['id']})")
    if data.get("shares"):
        lines.append(shares.capital_shares_line(data["shares"]))
    results = data["results"]
    if results:
        figures = ", ".join(f"{name.replace('_usd', '').replace('_', ' ')} {usd(results[name])}"
                            for name in ("revenue_usd", "net_income_usd", "adjusted_ebitda_usd")
                            if results.get(name) is not None)
        lines.append(f"latest results ({results['period']}): {figures}")
    if data["in_progress"]:
        lines.append(f"in progress on {data['as_of']} (not counted until the period ends):")
        lines += [f"  {record_brief(r)}" for r in data["in_progress"]]
    return "\n".join(lines)


def _known(data: dict[str, Any], figure: str) -> str:
    """A capital total, or "not known (why)" when nothing recorded gives it."""
    value = data["values"][figure]
    if value["value"] is None:
        return f"not known ({value.get('reason', 'nothing recorded')})"
    return usd(value["value"])


def comparison_text(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "capital structure: no companies"
    body = [(r["company"], _cell(r["notes"]["outstanding_usd"]), _cell(r["equity"]["raised_usd"]),
             ", ".join(f"{s['target']} {s['percent']}%" for s in r["stakes"]) or "-",
             _cell(r["acquisitions_usd"]), (r["results"] or {}).get("period") or "-",
             len(r["in_progress"])) for r in rows]
    return "\n".join([
        stamp_line("capital structure", rows[0]["as_of"], rows[0]),
        table(body, ("company", "notes outstanding", "equity raised", "stakes", "acquisitions",
                     "latest results", "in progress"))])


def _cell(value: str | None) -> str:
    return "not known" if value is None else usd(value)


def capital_csv(data: dict[str, Any] | list[dict[str, Any]]) -> Rows:
    """One row per figure (the names ``explain`` takes) per company."""
    reports = data if isinstance(data, list) else [data]
    header = ("company", "as_of", "figure", "unit", "value", "known_at", "position", "head_hash",
              "status")
    rows = [((r["company"], r["as_of"], name, figure["unit"], figure["value"], r["known_at"],
              r["position"], r["head_hash"], figure.get("status")),
             {"reason": figure.get("reason")})
            for r in reports for name, figure in r["values"].items()]
    return with_columns(header, rows, FIGURE_COLUMNS)


def _text(data: dict[str, Any] | list[dict[str, Any]]) -> str:
    return comparison_text(data) if isinstance(data, list) else capital_text(data)


#: ``capital`` for one company (a dict) or several (a list).
CAPITAL = Printer(text=_text, csv=capital_csv)
