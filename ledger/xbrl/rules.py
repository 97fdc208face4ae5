"""The one table of XBRL concepts the ledger reads, and what record each becomes.

Company facts (one JSON per company), filings (inline XBRL ``.htm``, instance ``.xml``, a
filing's ``.zip``) and the bulk company-facts archive all map facts through ``RULES``: adding a
concept is adding one row. A row says which concept, which record type and field its value
fills, what unit its value must be in, whether it opens a record or adds a figure to the record
of the same date, whether per-class facts are summed, and which ways in can carry it.

``unit`` is how a value is judged:

- ``count``: a number of bitcoin: a unit naming bitcoin, or a generic count (``pure``) when
  the asset is named otherwise (a crypto-asset axis member naming bitcoin, or no other asset
  named by the filer);
- ``usd``: US dollars (``iso4217:USD``), for the bitcoin of the same member and date;
- ``shares``: a number of shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    taxonomy: str
    name: str
    record_type: str
    field: str
    what: str  # for people: "bitcoin held", "shares outstanding"
    unit: str  # "count" (of bitcoin), "usd" or "shares"
    #: True: a fact of this concept makes the record; False: it adds its figure to the record
    #: that a ``main`` rule made for the same subject and date (and is skipped without one).
    main: bool = True
    #: Facts per share class (an axis of the class of stock) are summed into one figure.
    per_class: bool = False
    #: Whether SEC company facts can carry it: they drop every fact with a dimension, so a
    #: figure that is only about bitcoin through an axis member never reaches them.
    company_facts: bool = True

    @property
    def qualified(self) -> str:
        return f"{self.taxonomy}:{self.name}"


RULES: tuple[Rule, ...] = (
    Rule("us-gaap", "CryptoAssetNumberOfUnits", "btc_balance_disclosed", "btc", "bitcoin held",
         "count"),
    Rule("us-gaap", "CryptoAssetCost", "btc_balance_disclosed", "cost_usd", "bitcoin cost",
         "usd", main=False, company_facts=False),
    Rule("us-gaap", "CryptoAssetFairValue", "btc_balance_disclosed", "fair_value_usd",
         "bitcoin fair value", "usd", main=False, company_facts=False),
    Rule("dei", "EntityCommonStockSharesOutstanding", "shares_outstanding_disclosed", "shares",
         "shares outstanding", "shares", per_class=True),
)
BY_NAME = {r.qualified: r for r in RULES}
#: The record each type's main rule makes (its id names that rule's concept).
MAIN = {r.record_type: r for r in RULES if r.main}

#: Unit keys (lower case, letters and digits only) that name bitcoin.
BITCOIN_UNITS = frozenset({"btc", "xbt", "bitcoin", "bitcoins", "unitbtc", "btcunit",
                           "btcunits", "numberofbitcoin", "numberofbitcoins"})
#: Unit keys that count things without naming what.
GENERIC_UNITS = frozenset({"pure", "unit", "units", "integer", "number", "item", "items",
                           "count", "coin", "coins", "token", "tokens"})
SHARE_UNITS = frozenset({"shares", "share"})
USD_UNITS = frozenset({"usd"})
#: Axis members (local name, lower case, "Member" dropped) that name bitcoin; anything else on
#: a crypto-asset axis (ether, solana, bitcoin cash, wrapped bitcoin, ...) is another asset.
BITCOIN_MEMBERS = frozenset({"bitcoin", "bitcoins", "btc", "xbt", "bitcoinbtc", "btcbitcoin"})


def unit_key(unit: str) -> str:
    """``iso4217:USD`` -> ``usd``, ``hash:Bitcoin`` -> ``bitcoin``, ``BTC`` -> ``btc``."""
    return re.sub(r"[^a-z0-9]", "", unit.rpartition(":")[2].lower())


def local(qname: str) -> str:
    return qname.rpartition(":")[2]


def is_crypto_axis(axis: str) -> bool:
    """``us-gaap:CryptoAssetAxis`` and a filer's own axis for its crypto assets."""
    name = local(axis).lower()
    return name.endswith("axis") and ("crypto" in name or "digitalasset" in name)


def is_class_axis(axis: str) -> bool:
    """``us-gaap:StatementClassOfStockAxis`` (and a filer's own class-of-stock axis)."""
    name = local(axis).lower()
    return name.endswith("axis") and "classofstock" in name


def member_asset(member: str) -> str:
    """``us-gaap:EtherMember`` -> ``ether``: what a crypto-asset member names."""
    name = local(member)
    if name.lower().endswith("member"):
        name = name[:-6]
    return name.lower()


def names_bitcoin(member: str) -> bool:
    return re.sub(r"[^a-z0-9]", "", member_asset(member)) in BITCOIN_MEMBERS


def table() -> list[dict[str, str]]:
    """The table as rows for people (the README lists it)."""
    return [{"concept": r.qualified, "record": f"{r.record_type}.{r.field}", "unit": r.unit,
             "role": "makes the record" if r.main else "adds to the record of that date",
             "classes": "summed" if r.per_class else "-",
             "from": "company facts, filings, bulk" if r.company_facts else "filings"}
            for r in RULES]
