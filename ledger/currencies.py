"""Currencies other than USD: the ISO 4217 codes a record's ``currency`` may name.

A figure a document states in another currency is recorded as stated, with its code, and
never converted: the USD fields (``principal_usd``, ``usd``, ...) hold only what the document
states in US dollars; ``principal``, ``amount`` and ``conversion_price`` hold what it states
in ``currency``. No exchange rate is ever applied anywhere in the ledger.
"""

from __future__ import annotations

from .values import describe, is_text

#: The active ISO 4217 currency codes (list one, as published by the maintenance agency),
#: without the fund, precious-metal, testing and no-currency codes (XAU, XTS, XXX, ...).
ISO_4217 = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK
MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
""".split())


def currency_code(value: object) -> str:
    """The rule of a ``currency`` field: an ISO 4217 code (any case, written back in capitals).
    USD is a valid code here; the models refuse it where the ``*_usd`` fields are the place."""
    if not is_text(value):
        raise ValueError(f'must be an ISO 4217 currency code in quotes such as "EUR", got '
                         f"{describe(value)}")
    assert isinstance(value, str)
    code = value.strip().upper()
    if code not in ISO_4217:
        raise ValueError(f'"{value}" is not an ISO 4217 currency code; give the three-letter '
                         'code of the currency the document states, e.g. "EUR", "SEK", "JPY"')
    return code
