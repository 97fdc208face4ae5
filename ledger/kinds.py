"""The one table of facts about the record types, importable without pydantic.

One row per type (``KINDS``): its fields, what defines a duplicate, its category (what the
projections do with it), and every effect it has on a report: on the bitcoin buckets and the
cost basis, on the capital structure, on the share count (with the note its step carries),
the account a flow's journal posting balances against, and the checks reconcile runs on it.
The catalog (``events.py``), the read model, the projections, reconcile, the exports, the
drafter, the printers and the CLI all read these; adding a type means a model in
``events.py`` and its row here, nothing else. ``check()`` runs at import: a row that leaves
out a fact its category needs (a flow that moves the total with no export account, a share
effect with no note, a capital type with no capital effect) stops the import with one line
per problem. ``tests/test_catalog.py`` holds the table equal to the models, and
``tests/test_every_type.py`` runs every report over a record of every type. A new category
is just a value in the read model's ``category`` column: no migration.
"""

from __future__ import annotations

from .valueclass import Value, _set

#: What reconcile checks a type's records against (``projections/audit.py``):
#: ``balances`` consecutive disclosed balances; ``changes`` a disclosed net change against the
#: flows inside it; ``capital`` notes retired beyond what was issued and stakes outside
#: 0-100% (the capital computation replayed at each such record's period end); ``shares``
#: consecutive disclosed share counts; ``kpis`` a figure the company states against the one
#: computed; ``costs`` a disclosed cost basis against the one rolled forward; ``prices`` a
#: trade's implied price per BTC against the recorded closes. Every type is also checked for
#: duplicates (by its ``defining`` fields), and every flow for negative buckets.
RECONCILE_CHECKS = ("balances", "changes", "capital", "shares", "kpis", "costs", "prices")

#: What a capital record does to the capital structure (``projections/capital.py`` has one
#: rule per effect): issue or retire notes, raise equity, acquire or dispose of a stake in
#: another company, acquire a business, reduce the workforce, report results.
CAPITAL_EFFECTS = ("notes.issue", "notes.retire", "equity.issue", "stake.acquire",
                   "stake.dispose", "business.acquire", "workforce.reduce", "results.report")
#: The capital effects whose figures reconcile checks (notes over-retired, stakes out of range).
CAPITAL_CHECKED = ("notes.issue", "notes.retire", "stake.acquire", "stake.dispose")

#: A type's part in the share count (``projections/shares.py``): ``anchor`` a disclosed
#: count, ``split`` a split, ``dilutive`` a count of other dilutive securities, ``notes``
#: convertible notes counted as converted, ``effect`` a change to basic shares by its
#: ``shares`` field (sign in ``share_effect``).
SHARE_ROLES = ("anchor", "split", "dilutive", "notes", "effect")


class Kind(Value):
    """Every fact about one record type (a frozen value, ``valueclass``)."""

    FIELDS = ("fields", "defining", "reconcile", "category", "btc_effect", "export_account", "cost_effect", "cost_note", "capital", "share_role", "share_effect", "share_note", "share_count_expected")
    __slots__ = FIELDS

    #: Fields beyond id, type, company, effective, disclosed, sources, note (model order).
    fields: tuple[str, ...]
    #: The figures that make two records of the type "the same action" (optional detail,
    #: a price or a counterparty, may be missing from one report and not the other).
    defining: tuple[str, ...]
    #: What reconcile checks it against (``RECONCILE_CHECKS``); () for none but duplicates.
    reconcile: tuple[str, ...]
    #: flow | anchor | change | shares | kpi | price | operations | capital.
    category: str
    #: A flow's signs on the (total, loaned, pledged) bitcoin buckets.
    btc_effect: tuple[int, int, int] | None
    #: A flow that moves the total: the (root, leaf) of the account its journal posting
    #: balances against (``Income:<company>:BTC:Mined``).
    export_account: tuple[str, str] | None
    #: Its effect on the cost basis: +1 adds its ``usd`` as cost, -1 removes cost (a sale),
    #: 0 none; ``cost_note`` is how the cost basis steps name it.
    cost_effect: int
    cost_note: str | None
    #: A capital record's effect (``CAPITAL_EFFECTS``).
    capital: str | None
    #: Its part in the share count (``SHARE_ROLES``), the sign of an ``effect`` on basic
    #: shares and the note that step carries in ``explain``.
    share_role: str | None
    share_effect: int
    share_note: str | None
    #: An ``effect`` whose record states no ``shares`` is listed as issued without a share
    #: count (an issuance); when False it simply adds none (a repayment, not a conversion).
    share_count_expected: bool

    def __init__(self, fields: tuple[str, ...], defining: tuple[str, ...],
                 reconcile: tuple[str, ...], category: str = "capital",
                 btc_effect: tuple[int, int, int] | None = None,
                 export_account: tuple[str, str] | None = None, cost_effect: int = 0,
                 cost_note: str | None = None, capital: str | None = None,
                 share_role: str | None = None, share_effect: int = 0,
                 share_note: str | None = None, share_count_expected: bool = False) -> None:
        _set(self, "fields", fields)
        _set(self, "defining", defining)
        _set(self, "reconcile", reconcile)
        _set(self, "category", category)
        _set(self, "btc_effect", btc_effect)
        _set(self, "export_account", export_account)
        _set(self, "cost_effect", cost_effect)
        _set(self, "cost_note", cost_note)
        _set(self, "capital", capital)
        _set(self, "share_role", share_role)
        _set(self, "share_effect", share_effect)
        _set(self, "share_note", share_note)
        _set(self, "share_count_expected", share_count_expected)


#: A disclosed net change is of the total: only a flow that moves the total is in one.
_FLOW_CHECKS = ("balances", "changes")


def _flow(effect: tuple[int, int, int], fields: tuple[str, ...], **facts: object) -> Kind:
    checks = _FLOW_CHECKS if effect[0] else ("balances",)
    return Kind(fields=fields, defining=("btc",), category="flow", btc_effect=effect,
                **{"reconcile": checks, **facts})  # type: ignore[arg-type]


KINDS: dict[str, Kind] = {
    "btc_mined": _flow((1, 0, 0), ("btc", "usd"), export_account=("Income", "Mined"),
                       cost_effect=1, cost_note="mined bitcoin"),
    "btc_purchased": _flow((1, 0, 0), ("btc", "usd"), export_account=("Equity", "Purchased"),
                           cost_effect=1, cost_note="purchase",
                           reconcile=(*_FLOW_CHECKS, "prices")),
    "btc_sold": _flow((-1, 0, 0), ("btc", "usd"), export_account=("Equity", "Sold"),
                      cost_effect=-1, cost_note="sale",
                      reconcile=(*_FLOW_CHECKS, "prices")),
    "btc_loaned": _flow((0, 1, 0), ("btc", "counterparty")),
    "btc_loan_returned": _flow((0, -1, 0), ("btc", "counterparty")),
    "btc_pledged": _flow((0, 0, 1), ("btc", "counterparty")),
    "btc_pledge_released": _flow((0, 0, -1), ("btc", "counterparty")),
    "btc_balance_disclosed": Kind(
        fields=("btc", "loaned", "pledged", "cost_usd", "fair_value_usd"), defining=("btc",),
        category="anchor", reconcile=("balances", "costs")),
    "btc_change_disclosed": Kind(fields=("btc",), defining=("btc",), category="change",
                                 reconcile=("changes",)),
    "stake_acquired": Kind(fields=("target", "percent", "usd"), defining=("target", "percent"),
                           capital="stake.acquire", reconcile=("capital",)),
    "stake_disposed": Kind(fields=("target", "percent", "usd"), defining=("target", "percent"),
                           capital="stake.dispose", reconcile=("capital",)),
    "notes_issued": Kind(
        fields=("principal_usd", "coupon_percent", "maturity", "convertible",
                "conversion_price_usd", "conversion_rate", "principal", "currency",
                "conversion_price"),
        defining=("principal_usd", "principal", "currency"), capital="notes.issue",
        share_role="notes",
        reconcile=("capital",)),
    "notes_retired": Kind(
        fields=("principal_usd", "how", "notes_id", "usd", "shares", "principal", "amount",
                "currency"),
        defining=("principal_usd", "how", "principal", "currency"), capital="notes.retire",
        share_role="effect",
        share_effect=1, share_note="shares issued on conversion", reconcile=("capital",)),
    "equity_issued": Kind(fields=("usd", "shares", "program", "amount", "currency"),
                          defining=("usd", "amount", "currency"),
                          capital="equity.issue", share_role="effect", share_effect=1,
                          share_note="shares issued", share_count_expected=True,
                          reconcile=()),
    "business_acquired": Kind(fields=("target", "usd"), defining=("target",),
                              capital="business.acquire", reconcile=()),
    "workforce_reduced": Kind(fields=("percent", "headcount"), defining=("percent", "headcount"),
                              capital="workforce.reduce", reconcile=()),
    "results_reported": Kind(
        fields=("revenue_usd", "net_income_usd", "adjusted_ebitda_usd"),
        defining=("revenue_usd", "net_income_usd", "adjusted_ebitda_usd"),
        capital="results.report", reconcile=()),
    "shares_outstanding_disclosed": Kind(
        fields=("shares", "assumed_diluted"), defining=("shares",), category="shares",
        share_role="anchor", reconcile=("shares", "kpis")),
    "shares_repurchased": Kind(fields=("shares", "usd"), defining=("shares",), category="shares",
                               share_role="effect", share_effect=-1,
                               share_note="shares repurchased", reconcile=("shares",)),
    "stock_split": Kind(fields=("ratio",), defining=("ratio",), category="shares",
                        share_role="split", reconcile=("shares",)),
    "dilutive_securities_disclosed": Kind(
        fields=("options", "restricted_units", "warrants", "preferred_as_converted"),
        defining=("options", "restricted_units", "warrants", "preferred_as_converted"),
        category="shares", share_role="dilutive", reconcile=()),
    "kpi_disclosed": Kind(fields=("metric", "value", "since"),
                          defining=("metric", "value", "since"), category="kpi",
                          reconcile=("kpis",)),
    "price_observed": Kind(fields=("asset", "currency", "close", "open", "high", "low"),
                           defining=("asset", "close"), category="price", reconcile=()),
    "operations_reported": Kind(
        fields=("hashrate_ehs", "hashrate_kind", "blocks_won", "btc_produced"),
        defining=("hashrate_ehs", "blocks_won", "btc_produced"), category="operations",
        reconcile=()),
}

TYPES = tuple(KINDS)
COMMON_FIELDS = ("id", "type", "company", "effective", "disclosed", "sources", "note")
#: Boolean fields (flags on the command line).
FLAGS = ("convertible",)
#: Fields that hold an amount (a Decimal in the model; grouped by thousands in text, decimal
#: strings in JSON), in one fixed order; every other field is text, a date, a choice or a
#: flag. ``tests/test_catalog.py`` holds this equal to the models' Decimal fields.
AMOUNT_FIELDS = ("btc", "loaned", "pledged", "usd", "principal_usd", "coupon_percent",
                 "conversion_rate", "conversion_price_usd", "percent", "headcount", "shares",
                 "ratio", "revenue_usd", "net_income_usd", "adjusted_ebitda_usd", "cost_usd",
                 "fair_value_usd", "assumed_diluted", "options", "restricted_units", "warrants",
                 "preferred_as_converted", "value", "close", "open", "high", "low",
                 "hashrate_ehs", "blocks_won", "btc_produced", "principal", "amount",
                 "conversion_price")

# --- views of the table, by fact (the names the rest of the code reads) ------------------------

#: Fields each record type has beyond id, type, company, effective, disclosed, sources, note.
FIELDS: dict[str, tuple[str, ...]] = {t: k.fields for t, k in KINDS.items()}
#: What the projections do with a type: flow (moves a bitcoin bucket), anchor (a disclosed
#: bitcoin balance), change (a disclosed net change, checked by reconcile), shares (the share
#: count: anchors, repurchases, splits, dilutive securities), kpi (a stated per-share figure,
#: checked by reconcile), price (a daily price of an asset, filed under the asset), operations
#: (a miner's operating figures) or capital (the rest of the capital structure).
CATEGORY: dict[str, str] = {t: k.category for t, k in KINDS.items() if k.category != "capital"}
#: Signs of a flow's change to the (total, loaned, pledged) buckets.
BTC_EFFECT: dict[str, tuple[int, int, int]] = {
    t: k.btc_effect for t, k in KINDS.items() if k.btc_effect is not None}
#: Sign of a type's change to basic shares outstanding, by its ``shares`` field, once its
#: period has ended (notes_retired only when it states shares, i.e. converted).
SHARE_EFFECT: dict[str, int] = {t: k.share_effect for t, k in KINDS.items() if k.share_effect}
#: The note a share effect's step carries.
SHARE_NOTE: dict[str, str] = {t: k.share_note for t, k in KINDS.items() if k.share_note}


def _one(role: str) -> str:
    found = [t for t, k in KINDS.items() if k.share_role == role]
    assert len(found) == 1, f"exactly one type is the share {role}, found {found}"
    return found[0]


#: Types whose share effect the share anchor, splits and dilution build on.
SHARE_ANCHOR = _one("anchor")
SPLIT = _one("split")
DILUTIVE_ANCHOR = _one("dilutive")
#: Convertible notes, counted as converted (their retirements name them by ``notes_id``).
NOTES_ISSUE = _one("notes")
#: The types whose records bear on the share count (they end up in the shares report).
SHARE_TYPES = (SHARE_ANCHOR, SPLIT, DILUTIVE_ANCHOR, *SHARE_EFFECT,
               *(t for t, k in KINDS.items() if k.share_role == "notes"))
#: What makes two records of a type "the same action": the figures that define it.
DEFINING: dict[str, tuple[str, ...]] = {t: k.defining for t, k in KINDS.items()}
#: A capital record's effect, by type.
CAPITAL_EFFECT: dict[str, str] = {t: k.capital for t, k in KINDS.items() if k.capital}
#: A flow's journal counter-account (root, leaf), by type.
EXPORT_ACCOUNT: dict[str, tuple[str, str]] = {
    t: k.export_account for t, k in KINDS.items() if k.export_account}
#: The cost basis: types that add their ``usd`` as cost, types that remove cost (sales).
COST_ADDS = tuple(t for t, k in KINDS.items() if k.cost_effect > 0)
COST_REMOVES = tuple(t for t, k in KINDS.items() if k.cost_effect < 0)
COST_NOTE: dict[str, str] = {t: k.cost_note for t, k in KINDS.items() if k.cost_note}


def category(record_type: str) -> str:
    return KINDS[record_type].category if record_type in KINDS else "capital"


def checked_by(check: str) -> tuple[str, ...]:
    """The types reconcile's ``check`` (one of ``RECONCILE_CHECKS``) looks at."""
    assert check in RECONCILE_CHECKS, check
    return tuple(t for t, k in KINDS.items() if check in k.reconcile)


def problems() -> list[str]:
    """Every fact a row leaves out or gets wrong, one line each: empty when the table is whole."""
    out = []
    categories = ("flow", "anchor", "change", "shares", "kpi", "price", "operations", "capital")
    for name, k in KINDS.items():
        def need(ok: object, what: str) -> None:
            if not ok:
                out.append(f"kinds.py: {name}: {what}")

        need(k.category in categories, f"category {k.category!r} is not one of {categories}")
        need(set(k.defining) <= set(k.fields), "its defining fields are not all its fields")
        need(set(k.reconcile) <= set(RECONCILE_CHECKS),
             f"reconcile names a check that is not one of {RECONCILE_CHECKS}")
        flow = k.category == "flow"
        need(flow == (k.btc_effect is not None), "a flow, and only a flow, states btc_effect")
        if flow or k.category in ("anchor", "change"):
            need("btc" in k.fields, "a bitcoin record needs a btc field")
        if k.btc_effect is not None:
            need(sorted(map(abs, k.btc_effect)) == [0, 0, 1],
                 "a flow moves exactly one bucket by +1 or -1")
            need((k.btc_effect[0] != 0) == (k.export_account is not None),
                 "a flow that moves the total needs export_account (else its journal "
                 "transaction does not balance), and only such a flow has one")
            need((k.btc_effect[0] != 0) == (k.cost_effect != 0),
                 "a flow that moves the total needs cost_effect (+1 it adds its usd as "
                 "cost, -1 it removes cost)")
            need("balances" in k.reconcile, "a flow is checked by the balances check")
            need(("changes" in k.reconcile) == (k.btc_effect[0] != 0),
                 "a flow that moves the total, and only one, is checked against disclosed "
                 "net changes")
        else:
            need(k.export_account is None, "only a flow has an export account")
        if k.cost_effect:
            need(k.cost_note, "a cost effect needs cost_note (its step's name)")
            need("usd" in k.fields, "a cost effect needs a usd field")
        need((k.category == "capital") == (k.capital is not None),
             "a capital type, and only one, states its capital effect")
        if k.capital is not None:
            need(k.capital in CAPITAL_EFFECTS, f"capital effect {k.capital!r} is not one of "
                 f"{CAPITAL_EFFECTS}")
            need((k.capital in CAPITAL_CHECKED) == ("capital" in k.reconcile),
                 "a notes or stake type is checked by reconcile's capital check, and no other")
        need(k.share_role in (None, *SHARE_ROLES), f"share_role is not one of {SHARE_ROLES}")
        need((k.share_role == "effect") == (k.share_effect != 0),
             "a share effect states share_role 'effect' and its sign, share_effect")
        need(not k.share_count_expected or k.share_effect > 0,
             "share_count_expected is for an issuance (share_effect +1)")
        if k.share_effect:
            need(k.share_note, "a share effect needs share_note (its step's note)")
            need("shares" in k.fields, "a share effect needs a shares field")
        if k.category == "shares":
            need(k.share_role is not None, "a shares type needs its share_role")
        if "prices" in k.reconcile:
            need({"btc", "usd"} <= set(k.fields), "the implied-price check needs btc and usd")
        if "kpis" in k.reconcile and k.share_role != "anchor":
            need(k.category == "kpi", "only a kpi (or the share anchor) states a KPI")
    fields = {f for k in KINDS.values() for f in k.fields}
    for name in AMOUNT_FIELDS:
        if name not in fields:
            out.append(f"kinds.py: AMOUNT_FIELDS names {name!r}, which no type has")
    for name in FLAGS:
        if name not in fields:
            out.append(f"kinds.py: FLAGS names {name!r}, which no type has")
    return out


class IncompleteTypeTable(RuntimeError):
    """The type table leaves out a fact a type needs."""


def check() -> None:
    found = problems()
    if found:
        raise IncompleteTypeTable("\n".join(found))


check()
