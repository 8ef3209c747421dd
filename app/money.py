"""Money is Decimal, rounded half-up to the fen in exactly one place."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def to_money(value: object) -> Decimal:
    """Round any number-like value half-up to 0.01; floats go through ``str`` so 0.1 stays 0.1."""
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    else:
        try:
            amount = Decimal(str(value).strip().replace(",", ""))
        except InvalidOperation as exc:
            raise ValueError(f"不是有效的金额: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"不是有效的金额: {value!r}")
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal) -> str:
    """Display form with thousands separators: 1,234.50."""
    return f"{to_money(amount):,.2f}"
