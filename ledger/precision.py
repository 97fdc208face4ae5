"""How precisely a figure the ledger computes is kept, and how it is shown (the README says
it where each figure is described: per-share figures, reconcile, the value figures).

A disclosed figure is kept and shown as stated. A figure computed by multiplying or dividing
is rounded where it is computed, half to even (as the cost basis and the value figures always
were): bitcoin to the satoshi (8 places), dollars to the cent, a value report's per-share
dollars and mNAV to 4 places (``projections/value.py``), and shown in text with 4. A ratio (BTC per share, sats per
share, a yield) is kept to ``figures.PRECISION`` significant digits, and JSON and CSV carry
them all; text shows ``RATIO_DIGITS`` of them, and so does ``reconcile`` everywhere for the
figure it compares (a stated figure's own digits are few), with the exact difference from it.
A share count a conversion price divides is kept like a ratio (``projections/shares.py``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal

#: How every computed figure is rounded.
ROUNDING = ROUND_HALF_EVEN
SATOSHI = Decimal("1e-8")
CENT = Decimal("0.01")
#: Significant digits a ratio is shown to in text (and reconcile's comparisons everywhere).
RATIO_DIGITS = 12
#: The units whose figures are ratios: shown to ``RATIO_DIGITS`` significant digits in text.
RATIO_UNITS = frozenset({"ratio", "BTC per share", "sats per share"})
_SHORT = Context(prec=RATIO_DIGITS, rounding=ROUNDING)
#: More decimal places than any stated amount has (bitcoin 8, prices up to 8): a number
#: with more is the quotient of a division that did not end.
_STATED_PLACES = 8


def to_places(value: Decimal, places: Decimal) -> Decimal:
    """``value`` rounded to ``places`` (``SATOSHI``, ``CENT``, ...), half to even."""
    return value.quantize(places, ROUNDING)


def significant(value: Decimal, digits: int = RATIO_DIGITS) -> Decimal:
    """``value`` to ``digits`` significant digits, half to even (unchanged if it has fewer)."""
    if len(value.as_tuple().digits) <= digits:
        return value
    return (_SHORT if digits == RATIO_DIGITS else Context(prec=digits, rounding=ROUNDING)
            ).plus(value)


def short(text: str) -> str:
    """A decimal string as written (not grouped), but a quotient's digits beyond a stated
    amount's 8 places to ``RATIO_DIGITS`` significant ones: a trail's steps on a page."""
    number = Decimal(text)
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    return f"{significant(number):f}" if -exponent > _STATED_PLACES else text


#: Places a figure of these units is shown with at least (zeros added, never a digit cut):
#: a per-share dollar figure is computed to 4 (``projections/value.py``), so a share's
#: close stated to 3 (3.296) or a NAV per share that came out even (2.15) reads as the
#: others do (3.2960, 2.1500, 2.0093).
MIN_PLACES = {"USD per share": 4}


def shown(value: str | Decimal, unit: str | None = None, places: int | None = None) -> str:
    """A figure for people (text, pages), thousands grouped: a ratio (``RATIO_UNITS``), or
    any number with more places than a stated amount has, to ``RATIO_DIGITS`` significant
    digits; a dollar amount (unit ``USD``, ``USD per ...``) with cents written to the cent
    (``931.20``, not ``931.2``); a per-share dollar figure with at least 4 places
    (``MIN_PLACES``, or ``places`` when given); anything else exactly as it is."""
    number = Decimal(value)
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    if unit in RATIO_UNITS or -exponent > _STATED_PLACES:
        number = significant(number)
    elif unit is not None and unit.startswith("USD") and exponent == -1:
        number = number.quantize(CENT)
    at_least = MIN_PLACES.get(unit or "") if places is None else places
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    if at_least is not None and -exponent < at_least and number.is_finite():
        number = number.quantize(Decimal(1).scaleb(-at_least))
    return f"{number:,f}"
