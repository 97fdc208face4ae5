"""The one table of facts about the record types, importable without pydantic.

Per type: its fields, its category (what the projections do with it), its effect on the
bitcoin and share buckets, and what defines a duplicate. The catalog (``events.py``), the read
model, reconcile and the CLI all read these; adding a type means a model in ``events.py`` and
its rows here, nothing else (``tests/test_catalog.py`` holds the two equal). A new category is
just a value in the read model's ``category`` column: no migration.
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
    "btc_balance_disclosed": ("btc", "loaned", "pledged",
                              "cost_usd", "fair_value_usd"),
    "btc_change_disclosed": ("btc",),
    "stake_acquired": ("target", "percent", "usd"),
    "stake_disposed": ("target", "percent", "usd"),
    "notes_issued": ("principal_usd", "coupon_percent", "maturity", "convertible",
                     "conversion_price_usd", "conversion_rate"),
    "notes_retired": ("principal_usd", "how", "notes_id", "usd", "shares"),
    "equity_issued": ("usd", "shares", "program"),
    "business_acquired": ("target", "usd"),
    "workforce_reduced": ("percent", "headcount"),
    "results_reported": ("revenue_usd", "net_income_usd", "adjusted_ebitda_usd"),
    "shares_outstanding_disclosed": ("shares", "assumed_diluted"),
    "shares_repurchased": ("shares", "usd"),
    "stock_split": ("ratio",),
    "dilutive_securities_disclosed": ("options", "restricted_units", "warrants",
                                      "preferred_as_converted"),
    "kpi_disclosed": ("metric", "value", "since"),
    "price_observed": ("asset", "currency", "close", "open", "high", "low"),
    "operations_reported": ("hashrate_ehs", "hashrate_kind", "blocks_won", "btc_produced"),
}
TYPES = tuple(FIELDS)
COMMON_FIELDS = ("id", "type", "company", "effective", "disclosed", "sources", "note")
#: Boolean fields (flags on the command line).
FLAGS = ("convertible",)

#: What the projections do with a type: flow (moves a bitcoin bucket), anchor (a disclosed
#: bitcoin balance), change (a disclosed net change, checked by reconcile), shares (the share
#: count: anchors, repurchases, splits, dilutive securities), kpi (a stated per-share figure,
#: checked by reconcile), price (a daily price of an asset, filed under the asset), operations
#: (a miner's operating figures) or capital (the rest of the capital structure).
CATEGORY: dict[str, str] = {
    **{t: "flow" for t in ("btc_mined", "btc_purchased", "btc_sold", "btc_loaned",
                           "btc_loan_returned", "btc_pledged", "btc_pledge_released")},
    "btc_balance_disclosed": "anchor",
    "btc_change_disclosed": "change",
    **{t: "shares" for t in ("shares_outstanding_disclosed", "shares_repurchased",
                             "stock_split", "dilutive_securities_disclosed")},
    "kpi_disclosed": "kpi",
    "price_observed": "price",
    "operations_reported": "operations",
}
#: Signs of a flow's change to the (total, loaned, pledged) buckets.
BTC_EFFECT: dict[str, tuple[int, int, int]] = {
    "btc_mined": (1, 0, 0), "btc_purchased": (1, 0, 0), "btc_sold": (-1, 0, 0),
    "btc_loaned": (0, 1, 0), "btc_loan_returned": (0, -1, 0),
    "btc_pledged": (0, 0, 1), "btc_pledge_released": (0, 0, -1),
}


#: Sign of a type's change to basic shares outstanding, by its ``shares`` field, once its
#: period has ended (notes_retired only when it states shares, i.e. converted).
SHARE_EFFECT: dict[str, int] = {
    "equity_issued": 1, "notes_retired": 1, "shares_repurchased": -1,
}
#: Types whose share effect the share anchor, splits and dilution build on.
SHARE_ANCHOR = "shares_outstanding_disclosed"
SPLIT = "stock_split"
DILUTIVE_ANCHOR = "dilutive_securities_disclosed"
#: The types whose records bear on the share count (they end up in the shares report).
SHARE_TYPES = (SHARE_ANCHOR, SPLIT, DILUTIVE_ANCHOR, *SHARE_EFFECT, "notes_issued")

#: What makes two records of a type "the same action": the figures that define it. Optional
#: detail (a price, a counterparty) may be missing from one report and not the other.
DEFINING: dict[str, tuple[str, ...]] = {
    **{t: ("btc",) for t in ("btc_mined", "btc_purchased", "btc_sold", "btc_loaned",
                              "btc_loan_returned", "btc_pledged", "btc_pledge_released",
                              "btc_balance_disclosed", "btc_change_disclosed")},
    "stake_acquired": ("target", "percent"), "stake_disposed": ("target", "percent"),
    "notes_issued": ("principal_usd",), "notes_retired": ("principal_usd", "how"),
    "equity_issued": ("usd",), "business_acquired": ("target",),
    "workforce_reduced": ("percent", "headcount"),
    "results_reported": ("revenue_usd", "net_income_usd", "adjusted_ebitda_usd"),
    "shares_outstanding_disclosed": ("shares",), "shares_repurchased": ("shares",),
    "stock_split": ("ratio",),
    "dilutive_securities_disclosed": ("options", "restricted_units", "warrants",
                                      "preferred_as_converted"),
    "kpi_disclosed": ("metric", "value", "since"),
    "price_observed": ("asset", "close"),
    "operations_reported": ("hashrate_ehs", "blocks_won", "btc_produced"),
}


def category(record_type: str) -> str:
    return CATEGORY.get(record_type, "capital")
