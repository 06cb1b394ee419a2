"""Amounts of money as shops write them: each currency with its own number of decimals."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# ISO 4217 minor units where they are not 2: a price in yen has no cents, one in dinars has fils.
# (HUF and TWD have cents on paper but none in practice: shops price them whole.)
_ZERO_DECIMALS = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD", "XOF", "XAF", "UGX",
                            "PYG", "RWF", "KMF", "GNF", "DJF", "VUV", "XPF", "BIF"})
_THREE_DECIMALS = frozenset({"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"})


def minor_units(currency: str) -> int:
    """How many decimals an amount in ``currency`` has (ISO 4217): 0 for JPY, 3 for KWD, else 2."""
    if currency in _ZERO_DECIMALS:
        return 0
    return 3 if currency in _THREE_DECIMALS else 2


def decimal_text(amount: float, currency: str) -> str:
    """``amount`` as an exact decimal string in the currency's minor units ("79.90", "1235").

    Rounds half up from the float's shortest repr, so 0.125 EUR is "0.13" as a shop expects,
    not "0.12" as the binary float (0.12499...) would give.
    """
    step = Decimal(1).scaleb(-minor_units(currency))
    return str(Decimal(repr(float(amount))).quantize(step, rounding=ROUND_HALF_UP))
