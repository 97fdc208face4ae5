"""Printers for the share count (``caledger shares``) and the per-share figures
(``caledger kpi``), over the JSON-shaped data of ``projections/shares.py``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..precision import RATIO_DIGITS, shown
from . import (
    FIGURE_COLUMNS,
    STAMP_COLUMNS,
    Printer,
    Rows,
    btc,
    figure_lines,
    record_brief,
    signed,
    stamp,
    stamp_line,
    table,
    with_columns,
)

_SHARE_FIGURES = (("basic", "basic"), ("notes_as_converted", "notes as converted"),
                  ("other_dilutive", "other dilutive"), ("assumed_diluted", "assumed diluted"))


def _shares_text(data: dict[str, Any]) -> str:
    lines = [stamp_line(f"{data['company']} shares outstanding", data["as_of"], data)]
    lines += figure_lines([(label, data["shares"][key], "", data["status"][key],
                            data["reason"][key]) for key, label in _SHARE_FIGURES])
    anchor = data["anchor"]
    if anchor:
        lines.append(f"basis: disclosed share count {btc(anchor['shares'])}, "
                     f"{record_brief(anchor)}")
    else:
        lines.append("basis: no disclosed share count, so basic and assumed diluted shares "
                     "are not known")
    if data["split_factor_to_as_of"] != "1":
        lines.append(f"splits since the basis multiply it by {data['split_factor_to_as_of']}: "
                     + ", ".join(f"{s['ratio']} on {s['effective']} ({s['id']})"
                                 for s in data["splits"]))
    for note in data["notes"]:
        currency = note.get("currency")
        if currency is None:
            terms = (f"{note['conversion_rate']} shares per $1,000" if note["conversion_rate"]
                     else f"conversion price ${note['conversion_price_usd']}")
            outstanding = f"${btc(note['outstanding_usd'])}"
        else:  # as stated in the notes' own currency, never converted
            terms = (f"{note['conversion_rate']} shares per {currency} 1,000"
                     if note["conversion_rate"]
                     else f"conversion price {currency} {note['conversion_price']}")
            outstanding = f"{currency} {btc(note['outstanding'])}"
        lines.append(f"  notes {note['id']}: {outstanding} outstanding, "
                     f"{terms} -> {btc(note['as_converted'])} shares")
    if data["convertible_without_terms"]:
        lines.append("convertible notes without conversion terms (what they convert into is "
                     "not known): "
                     + ", ".join(data["convertible_without_terms"]))
    if data["dilutive_anchor"]:
        lines.append(f"other dilutive securities as disclosed: "
                     f"{record_brief(data['dilutive_anchor'])}")
    if data["issued_without_share_count"]:
        lines.append("equity issued without a share count (not counted): "
                     + ", ".join(data["issued_without_share_count"]))
    if data["straddling_anchor"]:
        lines.append("flagged: period straddles the anchor's date, part may already be in it: "
                     + ", ".join(data["straddling_anchor"]))
    if data["in_progress"]:
        lines.append(f"in progress on {data['as_of']} (not counted until the period ends):")
        lines += [f"  {record_brief(r)}" for r in data["in_progress"]]
    return "\n".join(lines)


def _shares_csv(data: dict[str, Any]) -> Rows:
    reasons, at = data.get("reason", {}), stamp(data)
    rows = [((data["company"], data["as_of"], key, data["shares"][key], data["status"][key]),
             {**at, "reason": reasons.get(key)}) for key, _ in _SHARE_FIGURES]
    rows.append(((data["company"], data["as_of"], "split_factor_to_as_of",
                  data["split_factor_to_as_of"], None), at))
    return with_columns(("company", "as_of", "figure", "value", "status"), rows,
                        (*FIGURE_COLUMNS, *STAMP_COLUMNS))


SHARES = Printer(text=_shares_text, csv=_shares_csv)

_KPI_FIGURES = (("btc", "BTC"), ("assumed_diluted_shares", "assumed diluted shares"),
                ("btc_per_share", "BTC per share"), ("sats_per_share", "sats per share"),
                ("basic_btc_per_share", "BTC per basic share"))

#: Text shows ratios (per-share figures, a yield) to this many significant digits; JSON and
#: CSV carry them all (``ledger/precision.py``).
DIGITS = RATIO_DIGITS


def _value(text: str | None, figure: str, status: str | None = None) -> str:
    """A figure as text, to its unit's precision (``ledger/precision.shown``), with ``*``
    after a flows-only one, as holdings' tables mark it."""
    if text is None:
        return "not known"
    from projections.shares import KPI_UNITS  # the unit of each (loaded by kpi already)

    return shown(text, KPI_UNITS[figure]) + ("*" if status == "flows only" else "")


def _kpi_text(data: dict[str, Any]) -> str:
    title = f"{data['company']} per-share figures" + (
        f" since {data['since']}" if data["since"] else "")
    lines = [stamp_line(title, data["as_of"], data)]
    columns = ["since", "as_of"] if data["since"] else ["as_of"]
    statuses = data.get("status", {})

    def status(key: str, column: str = "as_of") -> str | None:
        return statuses.get(f"kpi.{key}" + (".since" if column == "since" else ""))

    lines.append(table([(label, *(_value(data[key][c], key, status(key, c)) for c in columns))
                        for key, label in _KPI_FIGURES],
                       ["", *(data["since"] if c == "since" else data["as_of"]
                              for c in columns)]))
    if data["since"]:
        y = data["btc_yield"]
        lines.append(f"BTC yield {data['since']} to {data['as_of']}: "
                     + ("not known" if y is None else
                        f"{_value(y, 'btc_yield', status('btc_yield'))} "
                        f"({Decimal(y) * 100:.4f}%)"))
        lines.append("BTC gain: " + ("not known" if data["btc_gain"] is None else
                                     f"{_value(data['btc_gain'], 'btc_gain', status('btc_gain'))}"
                                     " BTC"))
        if "btc_dollar_gain" in data:
            close = data.get("btc_close") or {}
            dollar_status = statuses.get("value.btc_dollar_gain")
            lines.append("BTC $ Gain: " + (
                "not known" if data["btc_dollar_gain"] is None else
                f"{_value(data['btc_dollar_gain'], 'btc_dollar_gain', dollar_status)} "
                f"USD (BTC gain x the {close.get('date')} close of "
                f"{_value(close.get('close'), 'btc_close')})"))
        for split in data["splits_between"]:
            lines.append(f"  split {split['ratio']} on {split['effective']} ({split['id']}): "
                         f"the {data['since']} share count is put on the {data['as_of']} basis")
    why_not: dict[str, list[str]] = {}
    for figure, why in data["undefined"].items():
        why_not.setdefault(why, []).append(figure)
    for why, figures in why_not.items():
        lines.append(f"not known: {', '.join(figures)}: {why}")
    flagged: dict[str, list[str]] = {}
    for figure, flags in data.get("flags", {}).items():
        for flag in flags:
            flagged.setdefault(flag, []).append(figure)
    for flag, figures in flagged.items():
        lines.append(f"flagged: {', '.join(figures)}: {flag}")
    flows_only = [f for f, st in data.get("status", {}).items() if st == "flows only"]
    if flows_only:
        lines.append(f"* flows only: {', '.join(flows_only)}: {data['reason'][flows_only[0]]}")
    lines.append(f"(ratios to {DIGITS} significant digits; --json gives every digit)")
    return "\n".join(lines)


def _kpi_csv(data: dict[str, Any]) -> Rows:
    at = stamp(data)
    reasons = {**data.get("undefined", {}), **data.get("reason", {})}

    def row(date: str, value: str | None, figure: str) -> tuple[tuple, dict]:
        # The figure by the name JSON's status and reason and explain give it
        # (kpi.btc_per_share; on the --since date kpi.btc_per_share.since).
        return ((data["company"], figure, date, value, data.get("status", {}).get(figure)),
                {**at, "reason": reasons.get(figure)})

    rows: list[tuple[tuple, dict]] = []
    for key, _ in _KPI_FIGURES:
        if data["since"]:
            rows.append(row(data["since"], data[key]["since"], f"kpi.{key}.since"))
        rows.append(row(data["as_of"], data[key]["as_of"], f"kpi.{key}"))
    if data["since"]:
        period = f"{data['since']}/{data['as_of']}"
        rows.append(row(period, data["btc_yield"], "kpi.btc_yield"))
        rows.append(row(period, data["btc_gain"], "kpi.btc_gain"))
        if "btc_dollar_gain" in data:
            rows.append(row(period, data["btc_dollar_gain"], "value.btc_dollar_gain"))
    return with_columns(("company", "figure", "date", "value", "status"), rows,
                        (*FIGURE_COLUMNS, "as_of", "since", "known_at", "position",
                         "head_hash"))


KPI = Printer(text=_kpi_text, csv=_kpi_csv)


# --- share lines inside the capital and reconcile reports ------------------------------------


def capital_shares_line(shares: dict[str, Any]) -> str:
    """The share count in ``caledger capital``'s text."""
    if shares["basic"] is None:
        return f"shares: not known ({shares['reason']['basic']})"
    basis = f"basis: {shares['basis']}" + (f" {shares['anchor']}" if shares["anchor"] else "")
    if shares["assumed_diluted"] is None:
        return (f"shares: {btc(shares['basic'])} basic, assumed diluted not known "
                f"({shares['reason']['assumed_diluted']}); {basis}")
    return (f"shares: {btc(shares['basic'])} basic, {btc(shares['assumed_diluted'])} assumed "
            f"diluted ({btc(shares['notes_as_converted'])} from convertible notes, "
            f"{btc(shares['other_dilutive'])} other dilutive); {basis}")


def reconcile_share_lines(data: dict[str, Any]) -> list[str]:
    """Share counts rolled forward and stated KPIs, in ``caledger reconcile``'s text."""
    lines = []
    for s in data.get("shares", []):
        status = "ok" if s["unexplained"] == "0" else f"UNEXPLAINED {signed(s['unexplained'])}"
        lines.append(f"  shares {s['opening']['date']} {btc(s['opening']['shares'])} rolled "
                     f"forward = {btc(s['expected'])}; disclosed {s['closing']['date']} "
                     f"{btc(s['closing']['shares'])}: {status}")
    for k in data.get("kpis", []):
        period = f" since {k['since']}" if k["since"] else ""
        if k["computed"] is None:  # nothing to compare it with: not checked, not a mismatch
            status = f"not checked: {k['why']}"
        else:
            status = "ok" if k["consistent"] else "MISMATCH"
            status += (f" (computed {k['computed']}, difference {k['difference']}, relative "
                       f"{_percent(k['relative_difference'])})")
        status += "".join(f"; flagged: {flag}" for flag in k.get("flags") or [])
        lines.append(f"  stated {k['metric']} {k['date']}{period} {k['stated']} ({k['id']}): "
                     f"{status}")
    return lines


def _percent(ratio: str | None) -> str:
    """A ratio for people: a percent with two places (``-0.31%``); exact in --json."""
    if ratio is None:
        return "undefined"
    return f"{Decimal(ratio) * 100:+.2f}%"


def reconcile_share_rows(data: dict[str, Any]) -> list[tuple[tuple, dict[str, Any]]]:
    """The same checks as rows of ``reconcile --format csv`` (its columns: company, check,
    bucket, period, opening, itemized, expected, stated, unexplained, value, problem,
    records, position), each with the columns added at its end it fills (``note``)."""
    c_, p_ = data["company"], data["position"]
    rows: list[tuple] = []
    for s in data.get("shares", []):
        ids = " ".join(x for x in (s["opening"].get("id"), s["closing"].get("id")) if x)
        rows.append(((c_, "shares", "basic", f"{s['opening']['date']}/{s['closing']['date']}",
                      s["opening"]["shares"], None, s["expected"], s["closing"]["shares"],
                      s["unexplained"], None,
                      None if s["unexplained"] == "0" else "unexplained", ids, p_), {}))
    for k in data.get("kpis", []):
        period = f"{k['since']}/{k['date']}" if k["since"] else k["date"]
        consistent = k.get("consistent")
        problem = None if consistent is not False else (k.get("why") or "mismatch")
        rows.append(((c_, "kpi", k["metric"], period, None, None, k["computed"], k["stated"],
                      k.get("difference"), k.get("relative_difference"), problem, k["id"], p_),
                     {"note": f"not checked: {k['why']}"} if consistent is None else {}))
    return rows
