"""How prices, value figures and mining operations look: ``import-prices``, ``value``."""

from __future__ import annotations

from typing import Any

from ..precision import shown
from . import (
    FIGURE_COLUMNS,
    STAMP_COLUMNS,
    Printer,
    Rows,
    btc,
    count,
    stamp,
    table,
    with_columns,
)


def import_prices_text(data: dict[str, Any]) -> str:
    lines = [f"{data['file']}: {count(data['prices'], 'daily close')} of {data['asset']} from "
             f"{data['source']}, {data['first']} to {data['last']} (columns "
             f"{', '.join(f'{k}={v}' for k, v in data['columns'].items())}): "
             f"{data['added']} added, {data['already_present']} already present"]
    if data["skipped_lines"]:
        lines.append(f"  skipped {count(len(data['skipped_lines']), 'line')} without a close "
                     f"(first: line {data['skipped_lines'][0]})")
    return "\n".join(lines)


def import_prices_csv(data: dict[str, Any]) -> Rows:
    header = ("file", "asset", "source", "prices", "first", "last", "added", "already_present",
              "skipped_lines")
    return header, [(data["file"], data["asset"], data["source"], data["prices"], data["first"],
                     data["last"], data["added"], data["already_present"],
                     len(data["skipped_lines"]))]


IMPORT_PRICES = Printer(text=import_prices_text, csv=import_prices_csv)


#: The value figures computed to 4 places (per-share dollars, mNAV), shown with 4 in text
#: (``ledger/precision.py``): 1.5330 beside 1.6403, never 1.533.
_FOUR_PLACES = ("USD per share", "ratio")


def _number(value: str, unit: str) -> str:
    return shown(value, unit, 4 if unit in _FOUR_PLACES else None)


def _shown(figure: dict[str, Any]) -> str:
    if figure["value"] is None:
        return "not known"
    return f"{_number(figure['value'], figure['unit'])} {figure['unit']}"


#: The figures a comparison of several companies shows, one column each.
COMPARED = ("value.btc", "value.market_value", "value.market_cap_diluted", "value.mnav_basic",
            "value.mnav_diluted", "value.nav_per_share_diluted")


def value_text(data: dict[str, Any] | list[dict[str, Any]]) -> str:
    if isinstance(data, list):  # several companies: one row each, mNAV side by side
        if not data:
            return "no companies"
        first = data[0]
        head = (f"value as of {first['as_of']} (@{first['position']}, head "
                f"{(first['head_hash'] or '')[:12]}; prices no older than "
                f"{count(first['max_price_age_days'], 'day')}); \"-\" is not known: "
                "value COMPANY says why")
        rows = [(d["company"], *(_number(d["figures"][f]["value"], d["figures"][f]["unit"]) + (
            "*" if d["figures"][f]["status"] == "flows only" else "")
            if d["figures"][f]["value"] is not None else "-" for f in COMPARED)) for d in data]
        legend = ("\n* flows only: no disclosed balance, the sum of recorded flows"
                  if any(d["figures"][f]["status"] == "flows only" for d in data
                         for f in COMPARED) else "")
        return head + "\n" + table(rows, ("company", *(f.removeprefix("value.")
                                                        for f in COMPARED))) + legend
    period = f", since {data['since']}" if data["since"] else ""
    known = f", as known at {data['known_at']}" if data["known_at"] else ""
    lines = [f"{data['company']} value as of {data['as_of']}{period}{known} "
             f"(@{data['position']}, head {(data['head_hash'] or '')[:12]}; prices no older "
             f"than {count(data['max_price_age_days'], 'day')})"]
    rows = [(name.removeprefix("value."), _shown(f), f["status"], f["reason"])
            for name, f in data["figures"].items()]
    width = max(len(r[0]) for r in rows)
    column = max(len(r[1]) for r in rows)
    for name, text, status, reason in rows:
        # a figure not known says so once, then why (as figure_lines does)
        said = reason if status == "not known" else f"{status}: {reason}"
        lines.append(f"  {name:<{width}}  {text:>{column}}  {said}")
    for sale in data.get("sales", []):
        gain = "not known" if sale["realized_gain_usd"] is None else \
            f"{shown(sale['realized_gain_usd'], 'USD')} USD"
        lines.append(f"  sale {sale['id']} ({sale['effective']}, {btc(sale['btc'])} BTC): "
                     f"gain {gain}" + (f" ({sale['why']})" if sale.get("why") else ""))
    return "\n".join(lines)


def value_csv(data: dict[str, Any] | list[dict[str, Any]]) -> Rows:
    """One row per company and figure."""
    header = ("company", "as_of", "since", "figure", "value", "unit", "status", "reason",
              "position", "head_hash")
    return with_columns(header, [((d["company"], d["as_of"], d["since"], name, f["value"],
                                   f["unit"], f["status"], f["reason"], d["position"],
                                   d["head_hash"]), stamp(d))
                                 for d in (data if isinstance(data, list) else [data])
                                 for name, f in d["figures"].items()],
                        (*FIGURE_COLUMNS, *STAMP_COLUMNS))


VALUE = Printer(text=value_text, csv=value_csv)
