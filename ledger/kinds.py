"""Plain facts about the record types, importable without pydantic.

Queries and the read model need only these (which types move which bitcoin bucket); the
pydantic models in ``events.py`` are loaded only where records are validated, which keeps
every query command's start-up lean. ``tests/test_catalog.py`` holds the two equal.
"""

from __future__ import annotations

#: Fields each record type has beyond id, type, company, effective, disclosed, sources, note.
FIELDS: dict[str, tuple[str, ...]] = {
    "btc_mined": ("btc", "usd"),
    "btc_purchased": ("btc", "usd"),
    "btc_sold": ("btc", "usd"),
    "btc_loaned": ("btc", "counterparty"),
    "btc_loan_returned": ("btc", "counterparty"),
    "btc_pledged": ("btc", "counterparty"),
    "btc_pledge_released": ("btc", "counterparty"),
    "btc_balance_disclosed": ("btc", "loaned", "pledged"),
    "btc_change_disclosed": ("btc",),
    "stake_acquired": ("target", "percent", "usd"),
    "stake_disposed": ("target", "percent", "usd"),
    "notes_issued": ("principal_usd", "coupon_percent", "maturity", "convertible",
                     "conversion_price_usd", "conversion_rate"),
    "notes_retired": ("principal_usd", "how", "notes_id", "usd"),
    "equity_issued": ("usd", "shares", "program"),
    "business_acquired": ("target", "usd"),
    "workforce_reduced": ("percent", "headcount"),
    "results_reported": ("revenue_usd", "net_income_usd", "adjusted_ebitda_usd"),
}
TYPES = tuple(FIELDS)
COMMON_FIELDS = ("id", "type", "company", "effective", "disclosed", "sources", "note")
#: Boolean fields (flags on the command line).
FLAGS = ("convertible",)

#: What holdings do with a type: flow (moves a bucket), anchor (a disclosed balance),
#: change (a disclosed net change, checked by reconcile) or capital (not bitcoin).
CATEGORY: dict[str, str] = {
    **{t: "flow" for t in ("btc_mined", "btc_purchased", "btc_sold", "btc_loaned",
                           "btc_loan_returned", "btc_pledged", "btc_pledge_released")},
    "btc_balance_disclosed": "anchor",
    "btc_change_disclosed": "change",
}
#: Signs of a flow's change to the (total, loaned, pledged) buckets.
BTC_EFFECT: dict[str, tuple[int, int, int]] = {
    "btc_mined": (1, 0, 0), "btc_purchased": (1, 0, 0), "btc_sold": (-1, 0, 0),
    "btc_loaned": (0, 1, 0), "btc_loan_returned": (0, -1, 0),
    "btc_pledged": (0, 0, 1), "btc_pledge_released": (0, 0, -1),
}


def category(record_type: str) -> str:
    return CATEGORY.get(record_type, "capital")
