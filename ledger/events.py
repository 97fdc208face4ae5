"""The event catalog: every kind of disclosed action a record can describe.

Each record type is a frozen pydantic model that refuses unknown fields. Amounts are
``Decimal`` in, canonical decimal strings out; periods keep exactly the precision the source
gave. ``validate_record`` is the one door into the ledger: it returns a model or raises
``RecordInvalid`` carrying one (field, message) pair per problem.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    field_validator,
    model_validator,
)

from . import fieldrules, kinds
from .companies import resolve_company
from .currencies import currency_code
from .errors import Problem
from .jsonio import canonical_json
from .values import (
    Period,
    canonical,
    describe,
    is_text,
    parse_date_in_range,
    parse_effective,
)

# --- field types: the rules of ``fieldrules.py`` (no pydantic there), wrapped for the models --


def _amount(check: fieldrules.Check):
    return Annotated[Decimal, BeforeValidator(check), PlainSerializer(canonical, return_type=str)]


BtcPositive = _amount(fieldrules.BTC_POSITIVE)
BtcNonNegative = _amount(fieldrules.BTC_NON_NEGATIVE)
BtcSigned = _amount(fieldrules.BTC_SIGNED)
UsdPositive = _amount(fieldrules.USD_POSITIVE)
UsdNonNegative = _amount(fieldrules.USD_NON_NEGATIVE)
UsdSigned = _amount(fieldrules.USD_SIGNED)
PercentPositive = _amount(fieldrules.PERCENT_POSITIVE)
PercentNonNegative = _amount(fieldrules.PERCENT_NON_NEGATIVE)
WholePositive = _amount(fieldrules.WHOLE_POSITIVE)
SharesPositive = _amount(fieldrules.SHARES_POSITIVE)
SharesNonNegative = _amount(fieldrules.SHARES_NON_NEGATIVE)
SplitRatio = _amount(fieldrules.SPLIT_RATIO)
KpiValue = _amount(fieldrules.KPI_VALUE)
#: Figures a document states in another currency (the record's ``currency``): never converted.
Money = _amount(fieldrules.MONEY_POSITIVE)
MoneyPrice = _amount(fieldrules.MONEY_PRICE)
Currency = Annotated[str, BeforeValidator(currency_code)]

Company = Annotated[str, BeforeValidator(resolve_company)]
Effective = Annotated[Period, BeforeValidator(parse_effective),
                      PlainSerializer(str, return_type=str)]
Day = Annotated[date, BeforeValidator(parse_date_in_range),
                PlainSerializer(lambda d: d.isoformat(), return_type=str)]

_text = fieldrules.text
Text = Annotated[str, BeforeValidator(_text)]
_record_id = fieldrules.record_id
RecordId = Annotated[str, BeforeValidator(_record_id)]
_bool = fieldrules.flag
Flag = Annotated[bool, BeforeValidator(_bool)]
_line = fieldrules.line


class Source(BaseModel):
    """Where a record was disclosed: a document and the line in it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    document: Text
    line: Annotated[int, BeforeValidator(_line)]
    url: Text | None = None


# --- records -------------------------------------------------------------------------------


class Disclosure(BaseModel):
    """Fields every disclosed action carries."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True,
                              defer_build=True)

    #: What the projections do with this type and its signs on the (total, loaned, pledged)
    #: bitcoin buckets: read from ``kinds.py``, the one table of record-type facts (set on
    #: each model below, after the catalog).
    category: ClassVar[str] = "capital"
    btc_effect: ClassVar[tuple[int, int, int]] = (0, 0, 0)

    id: RecordId
    type: str
    company: Company
    effective: Effective
    disclosed: Day | None = None
    sources: Annotated[list[Source], Field(min_length=1)]
    note: Text | None = None

    def content(self) -> dict[str, Any]:
        """The record as plain JSON data in its one canonical form."""
        return self.model_dump(mode="json", exclude_none=True)

    def canonical_json(self) -> str:
        return canonical_json(self.content())


class _BtcFlow(Disclosure):
    btc: BtcPositive


class _Traded(_BtcFlow):
    usd: UsdPositive | None = None


class BtcMined(_Traded):
    type: Literal["btc_mined"]


class BtcPurchased(_Traded):
    type: Literal["btc_purchased"]


class BtcSold(_Traded):
    type: Literal["btc_sold"]


class _Encumbrance(_BtcFlow):
    counterparty: Text | None = None


class BtcLoaned(_Encumbrance):
    type: Literal["btc_loaned"]


class BtcLoanReturned(_Encumbrance):
    type: Literal["btc_loan_returned"]


class BtcPledged(_Encumbrance):
    type: Literal["btc_pledged"]


class BtcPledgeReleased(_Encumbrance):
    type: Literal["btc_pledge_released"]


class BtcBalanceDisclosed(Disclosure):
    """The company's own statement of everything it owns on one date (an anchor)."""

    type: Literal["btc_balance_disclosed"]
    btc: BtcNonNegative
    loaned: BtcNonNegative | None = None
    pledged: BtcNonNegative | None = None
    #: What the company disclosed its bitcoin cost (basis) and fair value to be on that date,
    #: in USD (e.g. ``us-gaap:CryptoAssetCost`` and ``CryptoAssetFairValue`` for its bitcoin).
    cost_usd: UsdNonNegative | None = None
    fair_value_usd: UsdNonNegative | None = None

    @field_validator("effective")
    @classmethod
    def _single_date(cls, period: Period) -> Period:
        if not period.is_single_date:
            raise ValueError(
                f'a disclosed balance is as of one date, not "{period}"; give the date the '
                f'statement is as of, e.g. "{period.end.isoformat()}"'
            )
        return period

    @model_validator(mode="after")
    def _buckets_within_total(self) -> BtcBalanceDisclosed:
        stated = (self.loaned or 0) + (self.pledged or 0)
        if stated > self.btc:
            raise ValueError(
                f"loaned + pledged ({canonical(Decimal(stated))}) exceeds the total btc "
                f"({canonical(self.btc)}); btc is the total owned, loaned and pledged included"
            )
        return self


class BtcChangeDisclosed(Disclosure):
    """The company's own statement of its net change over the effective period."""

    type: Literal["btc_change_disclosed"]
    btc: BtcSigned


class StakeAcquired(Disclosure):
    type: Literal["stake_acquired"]
    target: Text
    percent: PercentPositive
    usd: UsdPositive | None = None


class StakeDisposed(Disclosure):
    type: Literal["stake_disposed"]
    target: Text
    percent: PercentPositive
    usd: UsdPositive | None = None


class Problems(ValueError):
    """Several problems one class-level rule found, each (field or None, message): each is
    its own line, as a field's problem is (``_errors``)."""

    def __init__(self, problems: list[tuple[str | None, str]]):
        super().__init__("; ".join(m for _, m in problems))
        self.problems = problems


def _raise(problems: list[tuple[str | None, str]]) -> None:
    if problems:
        raise Problems(problems)


def _in_currency(record: Any, pairs: dict[str, str]) -> list[tuple[str | None, str]]:
    """The rules of figures stated in another currency, for a record whose fields ``pairs``
    maps each such amount to its US-dollar field (``principal`` -> ``principal_usd``): the
    figure is recorded as the document states it, once, with its ISO 4217 ``currency``, and
    never converted."""
    problems: list[tuple[str | None, str]] = []
    given = [name for name in pairs if getattr(record, name) is not None]
    currency = record.currency
    for name in given:
        if getattr(record, pairs[name]) is not None:
            problems.append((name, f'and "{pairs[name]}" are both given: record the figure '
                                   f'once, as the document states it ("{pairs[name]}" in US '
                                   f'dollars, or "{name}" with "currency"); the ledger never '
                                   "converts one into the other"))
    if currency is None and given:
        problems.append(("currency", f'is required with {_names(given)}: give the ISO 4217 '
                                     'code of the currency the document states it in, e.g. '
                                     '"EUR" or "SEK"'))
    elif currency == "USD":
        usd = [pairs[name] for name in given] or list(pairs.values())
        problems.append(("currency", f'is USD: US-dollar figures go in {_names(usd)}; give '
                                     "them there and drop currency"))
    elif currency is not None and not given:
        problems.append(("currency", f'is {currency} but no figure in it is given: give '
                                     f'{_names(list(pairs), "or")} as the document states it '
                                     f"in {currency}, or drop currency"))
    return problems


def _names(names: list[str], last: str = "and") -> str:
    quoted = [f'"{n}"' for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} {last} {quoted[-1]}"


class NotesIssued(Disclosure):
    """Notes issued: the principal in US dollars (``principal_usd``), or as the document
    states it in another currency (``principal`` with ``currency``, never converted)."""

    type: Literal["notes_issued"]
    principal_usd: UsdPositive | None = None
    #: Not stated: the coupon, and every interest figure, is not known (never 0).
    coupon_percent: PercentNonNegative | None = None
    maturity: Day | None = None
    convertible: Flag
    conversion_price_usd: UsdPositive | None = None
    #: Shares per 1,000 units of principal, in the principal's currency (USD, or ``currency``).
    conversion_rate: _amount(fieldrules.CONVERSION_RATE) | None = None  # type: ignore[valid-type]
    #: The principal and conversion price as stated in ``currency`` (an ISO 4217 code).
    principal: Money | None = None
    currency: Currency | None = None
    conversion_price: MoneyPrice | None = None

    @model_validator(mode="after")
    def _terms_need_convertible(self) -> NotesIssued:
        problems = _in_currency(self, {"principal": "principal_usd",
                                       "conversion_price": "conversion_price_usd"})
        if self.principal_usd is None and self.principal is None:
            problems.append(("principal_usd", 'is required: give "principal_usd" for notes in '
                                              'US dollars, or "principal" with "currency" for '
                                              "notes in another currency"))
        other = self.currency if self.currency not in (None, "USD") else None
        if other and self.principal is not None and self.conversion_price_usd is not None:
            problems.append(("conversion_price_usd", f"is in US dollars but the notes are in "
                             f'{other} ("principal"): give the conversion price the document '
                             f'states in {other} as "conversion_price"'))
        if other and self.principal_usd is not None and self.conversion_price is not None:
            problems.append(("conversion_price", f"is in {other} but the notes are in US "
                             'dollars ("principal_usd"): give the conversion price in US '
                             'dollars as "conversion_price_usd", or the principal in '
                             f'{other} as "principal"'))
        _raise(problems)
        price = self.conversion_price_usd or self.conversion_price
        if not self.convertible and (price or self.conversion_rate):
            raise ValueError("conversion terms are given but convertible is false; "
                             "set convertible to true or drop the terms")
        if price is not None and self.conversion_rate is not None:
            problem = conversion_terms_disagree(
                self.conversion_rate, price,
                None if self.conversion_price_usd is not None else self.currency)
            if problem:
                raise ValueError(problem)
        return self


def _half_unit(amount: Decimal) -> Decimal:
    """Half a unit in the last place written: how far a rounded figure may be off."""
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(5).scaleb(exponent - 1)


def conversion_terms_disagree(rate: Decimal, price: Decimal,
                              currency: str | None = None) -> str | None:
    """Why a conversion rate (shares per $1,000) and price (USD per share) can't both be
    right, or None when they agree: some rate and price within the stated figures' own
    rounding multiply to exactly $1,000. With ``currency``, both are in it (shares per 1,000
    units, a price in it): the same check, its own words."""
    low = (rate - _half_unit(rate)) * (price - _half_unit(price))
    high = (rate + _half_unit(rate)) * (price + _half_unit(price))
    if low <= 1000 <= high:
        return None
    implied_price = (Decimal(1000) / rate).quantize(Decimal("0.01"))
    implied_rate = (Decimal(1000) / price).quantize(Decimal("0.0001"))
    if currency is not None:
        return (f"conversion_rate {rate} shares per {currency} 1,000 and conversion_price "
                f"{currency} {price} disagree: {rate} shares per {currency} 1,000 is "
                f"{currency} {implied_price} a share, and {currency} {price} a share is "
                f"{canonical(implied_rate)} shares per {currency} 1,000; check both figures, "
                "or give only the one the document states")
    return (f"conversion_rate {rate} shares per $1,000 and conversion_price_usd {price} "
            f"disagree: {rate} shares per $1,000 is ${implied_price} a share, and ${price} a "
            f"share is {canonical(implied_rate)} shares per $1,000; check both figures, or "
            "give only the one the document states")


class NotesRetired(Disclosure):
    type: Literal["notes_retired"]
    principal_usd: UsdPositive | None = None
    how: Literal["converted", "repaid", "repurchased"]
    #: The id of the notes_issued record these notes came from, when known.
    notes_id: RecordId | None = None
    usd: UsdPositive | None = None
    #: Shares issued on conversion (only with how = converted); they add to basic shares.
    shares: SharesPositive | None = None
    #: The principal retired and the amount paid as stated in ``currency`` (never converted).
    principal: Money | None = None
    amount: Money | None = None
    currency: Currency | None = None

    @model_validator(mode="after")
    def _shares_only_when_converted(self) -> NotesRetired:
        problems = _in_currency(self, {"principal": "principal_usd", "amount": "usd"})
        if self.principal_usd is None and self.principal is None and self.shares is None:
            problems.append(("principal_usd", 'is required unless the record states another '
                                              'figure: give "principal_usd" (US dollars), '
                                              '"principal" with "currency" (another currency) '
                                              'or, for a conversion, the "shares" issued'))
        _raise(problems)
        if self.shares is not None and self.how != "converted":
            raise ValueError(f'"shares" are issued only on conversion, but how is '
                             f'"{self.how}"; set how to "converted" or drop shares')
        return self


class EquityIssued(Disclosure):
    """Equity issued: its gross proceeds in US dollars (``usd``) or as the document states
    them in another currency (``amount`` with ``currency``, never converted), the number of
    shares issued, or both; at least one of these figures."""

    type: Literal["equity_issued"]
    usd: UsdPositive | None = None
    shares: WholePositive | None = None
    program: Text | None = None
    amount: Money | None = None
    currency: Currency | None = None

    @model_validator(mode="after")
    def _some_figure(self) -> EquityIssued:
        problems = _in_currency(self, {"amount": "usd"})
        if self.usd is None and self.amount is None and self.shares is None:
            problems.append(("usd", 'is required unless the record states another figure: '
                                    'give "usd" (proceeds in US dollars), "amount" with '
                                    '"currency" (proceeds in another currency) or "shares" '
                                    "(the number of shares issued)"))
        _raise(problems)
        return self


class BusinessAcquired(Disclosure):
    type: Literal["business_acquired"]
    target: Text
    usd: UsdPositive


class WorkforceReduced(Disclosure):
    type: Literal["workforce_reduced"]
    percent: PercentPositive | None = None
    headcount: WholePositive | None = None

    @model_validator(mode="after")
    def _some_size(self) -> WorkforceReduced:
        if self.percent is None and self.headcount is None:
            raise ValueError('give "percent", "headcount" or both')
        return self


class ResultsReported(Disclosure):
    type: Literal["results_reported"]
    revenue_usd: UsdNonNegative | None = None
    net_income_usd: UsdSigned | None = None
    adjusted_ebitda_usd: UsdSigned | None = None

    @model_validator(mode="after")
    def _some_figure(self) -> ResultsReported:
        if self.revenue_usd is None and self.net_income_usd is None and self.adjusted_ebitda_usd is None:
            raise ValueError('give at least one of "revenue_usd", "net_income_usd", '
                             '"adjusted_ebitda_usd"')
        return self


def _one_date(what: str, period: Period) -> Period:
    if not period.is_single_date:
        raise ValueError(f'{what} is as of one date, not "{period}"; give the date it is as '
                         f'of, e.g. "{period.end.isoformat()}"')
    return period


class SharesOutstandingDisclosed(Disclosure):
    """The company's statement of its basic common shares outstanding on one date: an anchor
    for the share count as a disclosed balance is for bitcoin."""

    type: Literal["shares_outstanding_disclosed"]
    shares: SharesPositive
    #: The company's own assumed diluted shares outstanding figure, when stated.
    assumed_diluted: SharesPositive | None = None

    @field_validator("effective")
    @classmethod
    def _single_date(cls, period: Period) -> Period:
        return _one_date("a disclosed share count", period)

    @model_validator(mode="after")
    def _diluted_at_least_basic(self) -> SharesOutstandingDisclosed:
        if self.assumed_diluted is not None and self.assumed_diluted < self.shares:
            raise ValueError(f"assumed_diluted ({canonical(self.assumed_diluted)}) is less than "
                             f"the basic shares ({canonical(self.shares)}); diluted counts "
                             f"include every basic share")
        return self


class SharesRepurchased(Disclosure):
    type: Literal["shares_repurchased"]
    shares: SharesPositive
    usd: UsdPositive | None = None


class StockSplit(Disclosure):
    """A split (ratio 10 for 10-for-1) or reverse split (0.1 for 1-for-10) on one date."""

    type: Literal["stock_split"]
    ratio: SplitRatio

    @field_validator("effective")
    @classmethod
    def _single_date(cls, period: Period) -> Period:
        return _one_date("a stock split", period)

    @model_validator(mode="after")
    def _changes_something(self) -> StockSplit:
        if self.ratio == 1:
            raise ValueError('a ratio of 1 changes nothing; give new shares per old share, '
                             'e.g. "10" for 10-for-1 or "0.1" for 1-for-10')
        return self


class DilutiveSecuritiesDisclosed(Disclosure):
    """Counts, as shares, of the securities other than notes that may become shares."""

    type: Literal["dilutive_securities_disclosed"]
    options: SharesNonNegative | None = None
    restricted_units: SharesNonNegative | None = None
    warrants: SharesNonNegative | None = None
    preferred_as_converted: SharesNonNegative | None = None

    @field_validator("effective")
    @classmethod
    def _single_date(cls, period: Period) -> Period:
        return _one_date("a count of dilutive securities", period)

    @model_validator(mode="after")
    def _some_count(self) -> DilutiveSecuritiesDisclosed:
        if all(getattr(self, f) is None for f in ("options", "restricted_units", "warrants",
                                                   "preferred_as_converted")):
            raise ValueError('give at least one of "options", "restricted_units", "warrants", '
                             '"preferred_as_converted"')
        return self


class KpiDisclosed(Disclosure):
    """A per-share figure the company itself states, checked by reconcile."""

    type: Literal["kpi_disclosed"]
    metric: Literal["btc_per_share", "assumed_diluted_shares", "btc_yield"]
    value: KpiValue
    #: For btc_yield: the first day of the period the yield covers.
    since: Day | None = None

    @field_validator("effective")
    @classmethod
    def _single_date(cls, period: Period) -> Period:
        return _one_date("a disclosed KPI", period)

    @model_validator(mode="after")
    def _since_for_yield(self) -> KpiDisclosed:
        if self.metric == "btc_yield":
            if self.since is None:
                raise ValueError('a btc_yield covers a period: give "since", the date it is '
                                 'measured from, e.g. "2024-12-31"')
            if self.since >= self.effective.end:
                raise ValueError(f'"since" ({self.since.isoformat()}) must be before the '
                                 f'effective date ({self.effective})')
        else:
            if self.since is not None:
                raise ValueError(f'"since" applies only to btc_yield, not {self.metric}; '
                                 f'drop it')
            if self.value <= 0:
                raise ValueError(f"{self.metric} must be greater than 0, got "
                                 f'"{canonical(self.value)}"')
        return self


#: A price to 8 decimal places (a penny stock's close may be below a cent).
Price = _amount(fieldrules.PRICE)


class PriceObserved(Disclosure):
    """A daily price of an asset (``BTC``, or a company's ticker) as a source reports it.

    Filed under the asset itself: ``company`` is the asset (bitcoin's prices under ``BTC``),
    so a price is looked up by the asset it prices."""

    type: Literal["price_observed"]
    asset: Company
    currency: Literal["USD"] = "USD"
    close: Price
    open: Price | None = None
    high: Price | None = None
    low: Price | None = None

    @field_validator("effective")
    @classmethod
    def _single_date(cls, period: Period) -> Period:
        return _one_date("a price", period)

    @model_validator(mode="after")
    def _filed_under_the_asset(self) -> PriceObserved:
        if self.company != self.asset:
            raise ValueError(f'a price is filed under the asset it prices: company is '
                             f'"{self.company}" but asset is "{self.asset}"; set company to '
                             f'"{self.asset}"')
        prices = [p for p in (self.open, self.close) if p is not None]
        if self.high is not None and any(p > self.high for p in prices):
            raise ValueError(f"high ({canonical(self.high)}) is below the open or close")
        if self.low is not None and any(p < self.low for p in prices):
            raise ValueError(f"low ({canonical(self.low)}) is above the open or close")
        return self


#: Hashrate in exahashes per second, to 4 places.
Hashrate = _amount(fieldrules.HASHRATE)


class OperationsReported(Disclosure):
    """A miner's operating figures over a period: its hashrate (energized or installed, in
    EH/s) at the period's end, the blocks it won and the bitcoin it produced in it."""

    type: Literal["operations_reported"]
    hashrate_ehs: Hashrate | None = None
    hashrate_kind: Literal["energized", "installed"] | None = None
    blocks_won: WholePositive | None = None
    btc_produced: BtcPositive | None = None

    @model_validator(mode="after")
    def _some_figure(self) -> OperationsReported:
        if self.hashrate_ehs is None and self.blocks_won is None and self.btc_produced is None:
            raise ValueError('give at least one of "hashrate_ehs", "blocks_won", '
                             '"btc_produced"')
        if (self.hashrate_ehs is None) != (self.hashrate_kind is None):
            raise ValueError('a hashrate is "energized" or "installed": give hashrate_ehs and '
                             'hashrate_kind together')
        return self


CATALOG: dict[str, type[Disclosure]] = {
    cls.model_fields["type"].annotation.__args__[0]: cls  # type: ignore[union-attr]
    for cls in (
        BtcMined, BtcPurchased, BtcSold, BtcLoaned, BtcLoanReturned, BtcPledged,
        BtcPledgeReleased, BtcBalanceDisclosed, BtcChangeDisclosed, StakeAcquired,
        StakeDisposed, NotesIssued, NotesRetired, EquityIssued, BusinessAcquired,
        WorkforceReduced, ResultsReported, SharesOutstandingDisclosed, SharesRepurchased,
        StockSplit, DilutiveSecuritiesDisclosed, KpiDisclosed, PriceObserved,
        OperationsReported,
    )
}


for _type, _model in CATALOG.items():
    _model.category = kinds.category(_type)
    _model.btc_effect = kinds.BTC_EFFECT.get(_type, (0, 0, 0))


# --- validation ------------------------------------------------------------------------------


class RecordInvalid(ValueError):
    """A record that can't enter the ledger; ``problems`` holds (field, message) pairs."""

    def __init__(self, problems: list[tuple[str | None, str]]):
        super().__init__("; ".join(f"{f}: {m}" if f else m for f, m in problems))
        self.problems = problems

    def at(self, where: str | None, record_id: Any) -> list[Problem]:
        """Each problem as a ``Problem`` about the record ``record_id`` (None: it has none
        to show) read at ``where``."""
        shown = str(record_id) if record_id else None
        return [Problem(where, shown, f, m) for f, m in self.problems]


def _message(error: dict[str, Any], record_type: str) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        allowed = ", ".join(sorted(CATALOG[record_type].model_fields)) if record_type in CATALOG else ""
        return f"is not a field of {record_type}; remove it (its fields are: {allowed})"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if kind == "literal_error":
        return f"must be one of {error['ctx']['expected']}, got {json.dumps(error['input'])}"
    if kind == "too_short" and error["loc"] and error["loc"][0] == "sources":
        return 'needs at least one source: [{"document": "FILE", "line": N}]'
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, got {json.dumps(error['input'])}"
    if kind == "greater_than_equal":
        return f"must be at least {error['ctx']['ge']}, got {json.dumps(error['input'])}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return 'must be an object such as {"document": "FILE", "line": N}'
    if kind == "list_type":
        return 'must be a list such as [{"document": "FILE", "line": N}]'
    return error["msg"]


class Amendment(BaseModel):
    """A correction or retraction: a record that amends an original record, never another
    amendment. It has its own ``id`` (the caller's idempotency key) and a ``reason``."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True,
                              defer_build=True)

    id: RecordId
    type: str
    reason: Text
    sources: list[Source] | None = None
    note: Text | None = None

    @property
    def target(self) -> str:
        raise NotImplementedError

    def content(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)

    def canonical_json(self) -> str:
        return canonical_json(self.content())


class Correction(Amendment):
    """Replaces the content of ``corrects`` from the moment it is recorded."""

    type: Literal["correction"]
    corrects: RecordId
    #: The full replacement record, validated as any record; its id is the corrected one's.
    event: dict[str, Any]

    @property
    def target(self) -> str:
        return self.corrects

    @property
    def replacement(self) -> Disclosure:
        return validate_record(self.event)  # type: ignore[return-value]


class Retraction(Amendment):
    """Withdraws ``retracts`` from the moment it is recorded; it stays in the log."""

    type: Literal["retraction"]
    retracts: RecordId

    @property
    def target(self) -> str:
        return self.retracts


AMENDMENTS: dict[str, type[Amendment]] = {"correction": Correction, "retraction": Retraction}
Record = Disclosure | Amendment


def _errors(e: ValidationError, record_type: str, prefix: str = "") -> list[tuple[str | None, str]]:
    problems: list[tuple[str | None, str]] = []
    for error in e.errors():
        field = prefix + ".".join(str(part) for part in error["loc"]) if error["loc"] else (
            prefix.rstrip(".") or None)
        found = error.get("ctx", {}).get("error") if error["type"] == "value_error" else None
        if isinstance(found, Problems):  # a class-level rule's problems, each on its line
            problems.extend((prefix + name if name else field, message)
                            for name, message in found.problems)
            continue
        problems.append((field, _message(error, record_type)))
    return problems


def validate_record(raw: object) -> Record:
    """Turn raw JSON data into a validated record, or raise ``RecordInvalid``."""
    if not isinstance(raw, dict):
        raise RecordInvalid([(None, "a record must be a JSON object")])
    if "review" in raw:  # a draft (ledger/draft) nobody has checked yet
        raise RecordInvalid([("review", "this is a draft still to be reviewed: check it "
                                        "against its source (caledger review FILE), or edit "
                                        "it and delete its review field")])
    record_type = raw.get("type")
    known = [*CATALOG, *AMENDMENTS]
    if record_type is None:
        raise RecordInvalid([("type", "is required; one of " + ", ".join(known))])
    if not is_text(record_type):
        raise RecordInvalid([("type", f"must be text naming the record type, got "
                                      f"{describe(record_type)}; use one of "
                                      + ", ".join(known))])
    if record_type not in CATALOG and record_type not in AMENDMENTS:
        raise RecordInvalid([("type", f"unknown type {json.dumps(record_type)}; use one of "
                                      + ", ".join(known))])
    if record_type in AMENDMENTS:
        return _validate_amendment(raw, record_type)
    try:
        return CATALOG[record_type].model_validate(raw)
    except ValidationError as e:
        raise RecordInvalid(_errors(e, record_type)) from None


def _validate_amendment(raw: dict[str, Any], record_type: str) -> Amendment:
    problems: list[tuple[str | None, str]] = []
    amendment: Amendment | None = None
    try:
        amendment = AMENDMENTS[record_type].model_validate(raw)
    except ValidationError as e:
        problems.extend(_errors(e, record_type))
    event = raw.get("event")
    if record_type == "correction" and isinstance(event, dict):
        target = raw.get("corrects")
        if "id" in event and event["id"] != target:
            problems.append(("event.id", f"must be the corrected record's id "
                                         f"{json.dumps(target)}, or left out"))
        elif is_text(event.get("type")) and event["type"] in AMENDMENTS:
            problems.append(("event.type", "a replacement is a record, not another amendment"))
        else:
            try:
                replacement = validate_record({**event, "id": target if isinstance(target, str)
                                               else "invalid-id"})
                if amendment is not None:
                    amendment = amendment.model_copy(
                        update={"event": replacement.content()})
            except RecordInvalid as e:
                problems.extend((f"event.{f}" if f else "event", m) for f, m in e.problems)
    elif record_type == "correction" and event is not None:
        problems.append(("event", "must be the full replacement record, a JSON object"))
    if problems:
        raise RecordInvalid(problems)
    assert amendment is not None
    return amendment


#: Kept here too for the callers that import it from the catalog.
content_id = fieldrules.content_id
