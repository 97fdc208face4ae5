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
    lines.append(f"notes outstanding: {_totals(data, 'notes.outstanding', notes.get('outstanding_by_currency'))}")
    for issue in notes["issues"]:
        kind = "convertible" if issue["convertible"] else "non-convertible"
        currency = issue.get("currency", "USD")
        terms = []
        if issue["conversion_price_usd"]:
            terms.append(f"conversion price {usd(issue['conversion_price_usd'])}")
        if issue.get("conversion_price"):
            terms.append(f"conversion price {money(issue['conversion_price'], currency)}")
        if issue["conversion_rate"]:
            terms.append(f"{issue['conversion_rate']} shares per "
                         f"{'$1,000' if currency == 'USD' else f'{currency} 1,000'}")
        outstanding = issue["outstanding_usd"] if currency == "USD" else issue["outstanding"]
        principal = issue["principal_usd"] if currency == "USD" else issue["principal"]
        figure = data["values"].get(f"notes.{issue['id']}.outstanding", {})
        coupon = (f"{issue['coupon_percent']}% coupon" if issue["coupon_percent"] is not None
                  else "coupon not known (not stated)")
        lines.append(f"  {issue['id']} ({issue['effective']}): "
                     + (money(outstanding, currency) if outstanding is not None else
                        f"not known ({figure.get('reason', 'nothing recorded')})")
                     + f" of {money(principal, currency)}, {coupon}, {kind}"
                     + (f", matures {issue['maturity']}" if issue["maturity"] else "")
                     + (" [matured]" if issue["matured"] else "")
                     + (f", {', '.join(terms)}" if terms else ""))
        for retired in issue["retired"]:
            lines.append(f"    - {_retired(retired)} {retired['how']} "
                         f"({retired['effective']}, {retired['id']})")
    for retired in notes["unattributed_retirements"]:
        lines.append(f"  - {_retired(retired)} {retired['how']} ({retired['id']}), "
                     "not attributed to a recorded issue")
    equity = data["equity"]
    lines.append(f"equity raised: {_totals(data, 'equity.raised', equity.get('raised_by_currency'))}"
                 + (f", {Decimal(equity['shares']):,f} shares" if equity["shares"] else ""))
    for program in equity["by_program"]:
        raised = [money(v, c) if v is not None else f"{c} not known"
                  for c, v in (program.get("raised_by_currency") or {}).items()]
        if program["raised_usd"] is not None or not raised:
            figure = data["values"].get(f"equity.{program['program']}.raised", {})
            raised.insert(0, usd(program["raised_usd"]) if program["raised_usd"] is not None
                          else f"not known ({figure.get('reason', 'nothing recorded')})")
        lines.append(f"  {program['program']}: {'; '.join(raised)} in "
                     f"{count(program['issues'], 'issue')}"
                     + (f", {Decimal(program['shares']):,f} shares" if program["shares"]
                        else ""))
    if data["stakes"]:
        lines.append("stakes held:")
        for stake in data["stakes"]:
            def why(name: str) -> str:
                figure = data["values"].get(f"stakes.{stake['target']}.{name}", {})
                return f"not known ({figure.get('reason') or 'nothing recorded'})"

            percent = why("percent") if stake["percent"] is None else f"{stake['percent']}%"
            cost = why("cost") if stake["cost_usd"] is None else usd(stake["cost_usd"])
            lines.append(f"  {stake['target']}: {percent}, cost {cost}")
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


def money(text: str | Decimal | None, currency: str) -> str:
    """An amount in its own currency, as stated: "$1,000" in USD, "SEK 516,000,000" else."""
    if currency == "USD" or text is None:
        return usd(text)
    value = Decimal(text)
    return f"{'-' if value < 0 else ''}{currency} {abs(value):,f}"


def _retired(retired: dict[str, Any]) -> str:
    if retired.get("principal_usd") is not None:
        return usd(retired["principal_usd"])
    if retired.get("principal") is not None:
        return money(retired["principal"], retired["currency"])
    return "principal not stated" + (f" ({Decimal(retired['shares']):,f} shares)"
                                     if retired.get("shares") else "")


def _totals(data: dict[str, Any], figure: str, others: dict[str, str | None] | None) -> str:
    """A capital total per currency, each as stated, never summed across currencies: the
    USD figure (left out when nothing in USD is recorded and another currency is), then
    each other currency's."""
    parts = []
    if not others or data["values"][figure]["value"] is not None or \
            "recorded only in" not in (data["values"][figure].get("reason") or ""):
        parts.append(_known(data, figure))
    for currency, value in (others or {}).items():
        parts.append(money(value, currency) if value is not None else
                     f"{currency} {_known(data, f'{figure}.{currency}')}")
    return "; ".join(parts)


def _known(data: dict[str, Any], figure: str) -> str:
    """A capital total, or "not known (why)" when nothing recorded gives it."""
    value = data["values"][figure]
    if value["value"] is None:
        return f"not known ({value.get('reason', 'nothing recorded')})"
    return usd(value["value"])


def comparison_text(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "capital structure: no companies"
    body = [(r["company"], _cell(r["notes"]["outstanding_usd"],
                                 r["notes"].get("outstanding_by_currency")),
             _cell(r["equity"]["raised_usd"], r["equity"].get("raised_by_currency")),
             ", ".join(f"{s['target']} {s['percent']}%" for s in r["stakes"]) or "-",
             _cell(r["acquisitions_usd"]), (r["results"] or {}).get("period") or "-",
             len(r["in_progress"])) for r in rows]
    return "\n".join([
        stamp_line("capital structure", rows[0]["as_of"], rows[0]),
        table(body, ("company", "notes outstanding", "equity raised", "stakes", "acquisitions",
                     "latest results", "in progress"))])


def _cell(value: str | None, others: dict[str, str | None] | None = None) -> str:
    """A total in USD, then in each other currency as stated (never summed)."""
    cells = [("not known" if value is None else usd(value))] + [
        money(v, c) if v is not None else f"{c} not known" for c, v in (others or {}).items()]
    return "; ".join(cells)


#: The share figures ``capital`` shows (text: its "shares:" line; JSON: ``shares``).
_SHARE_FIGURES = ("basic", "notes_as_converted", "other_dilutive", "assumed_diluted")


def capital_csv(data: dict[str, Any] | list[dict[str, Any]]) -> Rows:
    """One row per figure (the names ``explain`` takes) per company: the capital figures,
    then the share counts (``shares.basic``, ...) as text and JSON show them."""
    reports = data if isinstance(data, list) else [data]
    header = ("company", "as_of", "figure", "unit", "value", "known_at", "position", "head_hash",
              "status")
    rows = []
    for r in reports:
        figures = [(name, figure["unit"], figure["value"], figure.get("status"),
                    figure.get("reason")) for name, figure in r["values"].items()]
        shares = r.get("shares")
        if shares:
            figures += [(f"shares.{key}", "shares", shares[key], shares["status"][key],
                         shares["reason"][key]) for key in _SHARE_FIGURES]
        rows += [((r["company"], r["as_of"], name, unit, value, r["known_at"], r["position"],
                   r["head_hash"], status), {"reason": reason})
                 for name, unit, value, status, reason in figures]
    return with_columns(header, rows, FIGURE_COLUMNS)


def _text(data: dict[str, Any] | list[dict[str, Any]]) -> str:
    return comparison_text(data) if isinstance(data, list) else capital_text(data)


#: ``capital`` for one company (a dict) or several (a list).
CAPITAL = Printer(text=_text, csv=capital_csv)
