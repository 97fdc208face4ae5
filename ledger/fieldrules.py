"""The catalog's field rules, importable without pydantic.

Each function here takes a value as a record gives it (JSON data, or what an option said)
and returns the checked value or raises ``ValueError`` with the message the record's problem
line shows. The pydantic models of ``events.py`` wrap these very functions
(``BeforeValidator``), so a field is checked by one function whichever path a record takes.

``PLANS`` lists, for each record type the fast path covers (``fastcheck.py``), its fields
with their rule, the JSON type its value takes on the fast path and whether it is required:
the table a valid write is checked with without importing pydantic or building a model.
It is what ``fastcheck.plan_of_model`` derives from the models, and
``tests/test_fastcheck.py`` holds the two equal, so a model changed without its row here
fails the test, never the ledger.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .companies import resolve_company
from .currencies import currency_code
from .jsonio import JsonNumber, canonical_json
from .values import (
    BTC_PLACES,
    BTC_SUPPLY_CAP,
    USD_PLACES,
    canonical,
    describe,
    is_text,
    parse_date_in_range,
    parse_decimal,
    parse_effective,
)

Check = Callable[[Any], Any]

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


def amount(places: int, unit: str, *, minimum: Decimal | None, strict_min: bool,
           maximum: Decimal | None = None, what: str = "amount") -> Check:
    """The rule of an amount field: a plain decimal to ``places`` places within bounds."""

    def check(value: object) -> Decimal:
        amount = parse_decimal(value, places=places, unit=unit)
        if minimum is not None:
            if strict_min and amount <= minimum:
                raise ValueError(f'{what} must be greater than {minimum}, got "{canonical(amount)}"')
            if not strict_min and amount < minimum:
                raise ValueError(f'{what} can\'t be negative, got "{canonical(amount)}"')
        if maximum is not None and abs(amount) > maximum:
            raise ValueError(f'"{canonical(amount)}" is more than {canonical(maximum)} {unit}; '
                             f"check the figure and its unit")
        return amount

    # Text already written as ``canonical`` writes an amount, to at most ``places`` places
    # (so ``parse_decimal`` reads it as it is): what ``check`` returns for it, or None when
    # ``check`` must say (out of bounds, or any other text). For the fast path
    # (``fastcheck``), which the tests hold to ``check``.
    written: Any = (r"(?!-0$)-?(?:0|[1-9][0-9]*)"
                    + (rf"(?:\.[0-9]{{0,{places - 1}}}[1-9])?" if places else ""))

    def canonical_text(value: str) -> Decimal | None:
        nonlocal written
        if type(written) is str:  # compiled on first use, not at every command's start-up
            written = re.compile(written).fullmatch
        if len(value) > 28 or written(value) is None:
            return None
        amount = Decimal(value)
        if minimum is not None and (amount <= minimum if strict_min else amount < minimum):
            return None
        if maximum is not None and abs(amount) > maximum:
            return None
        return amount

    check.canonical_text = canonical_text  # type: ignore[attr-defined]
    return check


BTC_POSITIVE = amount(BTC_PLACES, "BTC", minimum=Decimal(0), strict_min=True,
                      maximum=BTC_SUPPLY_CAP, what="a BTC amount")
BTC_NON_NEGATIVE = amount(BTC_PLACES, "BTC", minimum=Decimal(0), strict_min=False,
                          maximum=BTC_SUPPLY_CAP, what="a BTC balance")
BTC_SIGNED = amount(BTC_PLACES, "BTC", minimum=None, strict_min=False, maximum=BTC_SUPPLY_CAP)
USD_POSITIVE = amount(USD_PLACES, "USD", minimum=Decimal(0), strict_min=True, what="a USD amount")
USD_NON_NEGATIVE = amount(USD_PLACES, "USD", minimum=Decimal(0), strict_min=False,
                          what="a USD amount")
USD_SIGNED = amount(USD_PLACES, "USD", minimum=None, strict_min=False)
PERCENT_POSITIVE = amount(4, "percent", minimum=Decimal(0), strict_min=True,
                          maximum=Decimal(100), what="a percent")
PERCENT_NON_NEGATIVE = amount(4, "percent", minimum=Decimal(0), strict_min=False,
                              maximum=Decimal(100), what="a percent")
WHOLE_POSITIVE = amount(0, "count", minimum=Decimal(0), strict_min=True, what="a count")
SHARES_POSITIVE = amount(0, "shares", minimum=Decimal(0), strict_min=True,
                         what="a number of shares")
SHARES_NON_NEGATIVE = amount(0, "shares", minimum=Decimal(0), strict_min=False,
                             what="a number of shares")
#: New shares per old share; 10 places is enough for any split ratio a company states.
SPLIT_RATIO = amount(10, "a split ratio", minimum=Decimal(0), strict_min=True,
                     what="a split ratio (new shares per old share)")
#: A company's stated KPI: signed (a BTC yield can be negative), to 18 places.
KPI_VALUE = amount(18, "a KPI value", minimum=None, strict_min=False)
#: Shares per 1,000 USD of principal.
CONVERSION_RATE = amount(6, "shares", minimum=Decimal(0), strict_min=True)
#: A price to 8 decimal places (a penny stock's close may be below a cent).
PRICE = amount(8, "USD", minimum=Decimal(0), strict_min=True, what="a price")
#: Hashrate in exahashes per second, to 4 places.
HASHRATE = amount(4, "EH/s", minimum=Decimal(0), strict_min=True, what="a hashrate")
#: An amount a document states in another currency (the record's ``currency``), to 4 places
#: (a few currencies count 3); never converted.
MONEY_POSITIVE = amount(4, "an amount in its currency", minimum=Decimal(0), strict_min=True,
                        what="an amount")
#: A price per share a document states in another currency, to 8 places as ``PRICE``.
MONEY_PRICE = amount(8, "a price in its currency", minimum=Decimal(0), strict_min=True,
                     what="a price")


def text(value: object) -> str:
    if not is_text(value):
        raise ValueError(f'must be text in quotes, got {describe(value)}')
    assert isinstance(value, str)
    if not value.strip():
        raise ValueError("must be non-empty text")
    if "\x00" in value:
        # PostgreSQL keeps no NUL in text or jsonb: refused here, on every store alike
        raise ValueError(f"has a NUL character (U+0000) at position {value.index(chr(0)) + 1}; "
                         "remove it")
    return " ".join(value.split())


def record_id(value: object) -> str:
    if not is_text(value) or not ID.fullmatch(value):  # type: ignore[arg-type]
        raise ValueError(
            "must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or "
            'digit, e.g. "mara-2024q4-purchase"'
        )
    return value  # type: ignore[return-value]


class one_of:  # noqa: N801 - used as a function, like the other rules
    """The rule of a field that is one of a few fixed words (a model's ``Literal``): the
    word itself, and nothing else. Rules with the same words are equal, so the table below
    equals what ``fastcheck.plan_of_model`` derives from the model."""

    def __init__(self, *choices: str):
        self.choices = choices

    def __call__(self, value: object) -> str:
        if type(value) is not str or value not in self.choices:
            raise ValueError(f"must be one of {', '.join(self.choices)}")
        return value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, one_of) and other.choices == self.choices

    def __hash__(self) -> int:
        return hash(self.choices)

    def __repr__(self) -> str:
        return f"one_of{self.choices!r}"


def flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError("must be true or false")


def line(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, JsonNumber) and value.isdigit():
        number = int(value)
    else:
        raise ValueError(f"must be a line number (a whole number from 1), got {json.dumps(value)}")
    if number < 1:
        raise ValueError(f"must be a line number (a whole number from 1), got {number}")
    return number


def content_id(raw: dict[str, Any]) -> str:
    """A stable id for a record that was given none, derived from its content.

    Appending the same action twice without an id therefore records it once.
    """
    import hashlib  # here: OpenSSL's bindings are a query's start-up cost otherwise

    body = {k: v for k, v in raw.items() if k != "id"}
    digest = hashlib.sha256(canonical_json(body).encode()).hexdigest()[:12]
    company = str(raw.get("company", "x")).lower()
    return f"{re.sub(r'[^a-z0-9]+', '-', company).strip('-') or 'x'}-{raw.get('type')}-{digest}"


# --- each fast-path type's fields: name -> (rule, JSON type on the fast path, required) ----

Plan = dict[str, tuple[Check, type, bool]]

SOURCE: Plan = {"document": (text, str, True), "line": (line, int, True),
                "url": (text, str, False)}

#: The fields every disclosed action has (besides ``type`` and ``sources``).
_COMMON: Plan = {
    "id": (record_id, str, True),
    "company": (resolve_company, str, True),
    "effective": (parse_effective, str, True),
    "disclosed": (parse_date_in_range, str, False),
    "note": (text, str, False),
}


def _own(**fields: tuple[Check, bool]) -> Plan:
    return {**_COMMON, **{name: (check, str, required)
                          for name, (check, required) in fields.items()}}


_TRADED = _own(btc=(BTC_POSITIVE, True), usd=(USD_POSITIVE, False))
_ENCUMBRANCE = _own(btc=(BTC_POSITIVE, True), counterparty=(text, False))

PLANS: dict[str, Plan] = {
    "btc_mined": _TRADED,
    "btc_purchased": _TRADED,
    "btc_sold": _TRADED,
    "btc_loaned": _ENCUMBRANCE,
    "btc_loan_returned": _ENCUMBRANCE,
    "btc_pledged": _ENCUMBRANCE,
    "btc_pledge_released": _ENCUMBRANCE,
    "btc_balance_disclosed": _own(btc=(BTC_NON_NEGATIVE, True), loaned=(BTC_NON_NEGATIVE, False),
                                  pledged=(BTC_NON_NEGATIVE, False),
                                  cost_usd=(USD_NON_NEGATIVE, False),
                                  fair_value_usd=(USD_NON_NEGATIVE, False)),
    "btc_change_disclosed": _own(btc=(BTC_SIGNED, True)),
    "stake_acquired": _own(target=(text, True), percent=(PERCENT_POSITIVE, True),
                           usd=(USD_POSITIVE, False)),
    "stake_disposed": _own(target=(text, True), percent=(PERCENT_POSITIVE, True),
                           usd=(USD_POSITIVE, False)),
    "equity_issued": _own(usd=(USD_POSITIVE, False), shares=(WHOLE_POSITIVE, False),
                          program=(text, False), amount=(MONEY_POSITIVE, False),
                          currency=(currency_code, False)),
    "business_acquired": _own(target=(text, True), usd=(USD_POSITIVE, True)),
    "shares_repurchased": _own(shares=(SHARES_POSITIVE, True), usd=(USD_POSITIVE, False)),
    "shares_outstanding_disclosed": _own(shares=(SHARES_POSITIVE, True),
                                         assumed_diluted=(SHARES_POSITIVE, False)),
    "notes_issued": {**_own(principal_usd=(USD_POSITIVE, False),
                            coupon_percent=(PERCENT_NON_NEGATIVE, False),
                            maturity=(parse_date_in_range, False)),
                     "convertible": (flag, bool, True),
                     **_own(conversion_price_usd=(USD_POSITIVE, False),
                            conversion_rate=(CONVERSION_RATE, False),
                            principal=(MONEY_POSITIVE, False), currency=(currency_code, False),
                            conversion_price=(MONEY_PRICE, False))},
    "workforce_reduced": _own(percent=(PERCENT_POSITIVE, False),
                              headcount=(WHOLE_POSITIVE, False)),
    "results_reported": _own(revenue_usd=(USD_NON_NEGATIVE, False),
                             net_income_usd=(USD_SIGNED, False),
                             adjusted_ebitda_usd=(USD_SIGNED, False)),
    "stock_split": _own(ratio=(SPLIT_RATIO, True)),
    "dilutive_securities_disclosed": _own(options=(SHARES_NON_NEGATIVE, False),
                                          restricted_units=(SHARES_NON_NEGATIVE, False),
                                          warrants=(SHARES_NON_NEGATIVE, False),
                                          preferred_as_converted=(SHARES_NON_NEGATIVE, False)),
    "notes_retired": _own(principal_usd=(USD_POSITIVE, False),
                          how=(one_of("converted", "repaid", "repurchased"), True),
                          notes_id=(record_id, False), usd=(USD_POSITIVE, False),
                          shares=(SHARES_POSITIVE, False), principal=(MONEY_POSITIVE, False),
                          amount=(MONEY_POSITIVE, False), currency=(currency_code, False)),
    "kpi_disclosed": _own(metric=(one_of("btc_per_share", "assumed_diluted_shares", "btc_yield"),
                                  True),
                          value=(KPI_VALUE, True), since=(parse_date_in_range, False)),
    "operations_reported": _own(hashrate_ehs=(HASHRATE, False),
                                hashrate_kind=(one_of("energized", "installed"), False),
                                blocks_won=(WHOLE_POSITIVE, False),
                                btc_produced=(BTC_POSITIVE, False)),
}
