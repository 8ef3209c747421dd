"""The money rules of fees as pure functions: periods, proration, allocation, late fees, aging.

Kept free of the database so the hypothesis tests exercise exactly the code the services run.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from app.errors import FieldError
from app.money import FEN, ZERO, to_money

_PERIOD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")

AGING_BUCKETS = ("≤3个月", "4–6个月", "7–12个月", ">12个月")


def parse_period(text: object) -> str:
    """"2026-11", "2026/11", "2026年11月", "202611" → "2026-11"; anything else raises ValueError."""
    raw = str(text or "").strip()
    match = _PERIOD.fullmatch(raw) or re.fullmatch(r"(\d{4})(\d{2})", raw)
    if not match:
        raise ValueError("账期格式应为 2026-11")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValueError("账期无效")
    return f"{year:04d}-{month:02d}"


def period_or_error(text: object, field_name: str = "period") -> str:
    """``parse_period`` for the services: a bad period is a ``FieldError`` naming the field."""
    try:
        return parse_period(text)
    except ValueError as exc:
        raise FieldError({field_name: f"账期“{text}”无效: {exc}"}) from None


def period_index(period: str) -> int:
    """Months since year 0, so periods subtract: index("2026-11") − index("2026-08") = 3."""
    return int(period[:4]) * 12 + int(period[5:7]) - 1


def index_period(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def period_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def add_months(period: str, months: int) -> str:
    return index_period(period_index(period) + months)


def period_first_day(period: str) -> date:
    return date(int(period[:4]), int(period[5:7]), 1)


def period_last_day(period: str) -> date:
    year, month = int(period[:4]), int(period[5:7])
    return date(year, month, calendar.monthrange(year, month)[1])


def charge_fraction(period: str, months: int, start: date, end: date | None) -> tuple[int, int]:
    """Days the charge is active within the ``months`` covered from ``period`` → (active, covered)."""
    first = period_first_day(period)
    after = period_first_day(add_months(period, months))
    covered = (after - first).days
    lo = max(first, start)
    hi = after if end is None else min(after, date.fromordinal(end.toordinal() + 1))
    return max((hi - lo).days, 0), covered


def line_amount(price: Decimal, quantity: Decimal, months: int, active_days: int, covered_days: int,
                rate: Decimal | None = None) -> Decimal:
    """price × quantity × months, prorated by days and by the vacant rate; rounded once, at the end."""
    amount = price * quantity * months
    if active_days != covered_days:
        amount = amount * active_days / covered_days
    if rate is not None:
        amount = amount * rate
    return to_money(amount)


def allocate(amount: Decimal, outstanding: Sequence[Decimal]) -> tuple[list[Decimal], Decimal]:
    """Spread ``amount`` over lines in the order given (oldest first), never more than a line owes.

    Returns what each line gets and what is left over (→ prepaid balance).
    """
    rest = to_money(amount)
    if rest < 0:
        raise ValueError("金额不能为负")
    shares = []
    for owed in outstanding:
        share = min(rest, max(owed, ZERO))
        shares.append(share)
        rest -= share
    return shares, rest


def late_fee(outstanding: Decimal, line_total: Decimal, due: date, today: date, daily_rate: Decimal | None,
             grace_days: int, cap_rate: Decimal | None, already: Decimal = ZERO) -> tuple[Decimal, int]:
    """滞纳金 still to charge on a line → (amount, days late beyond the grace period).

    outstanding × daily rate × days (the 滞纳金 if all of it were paid today), at most what is left of the cap
    (``cap_rate`` × the line amount − ``already`` charged on it).
    """
    if not daily_rate or outstanding <= 0:
        return ZERO, 0
    days = (today - due).days - grace_days
    if days <= 0:
        return ZERO, 0
    fee = to_money(outstanding * daily_rate * days)
    if cap_rate is not None:
        fee = min(fee, to_money(line_total * cap_rate) - already)
    return max(fee, ZERO), days


def late_days(due: date, paid_on: date, grace_days: int) -> int:
    """Days a line is paid late: from its due date to the payment date, less the grace days (0 if not late)."""
    return max((paid_on - due).days - grace_days, 0)


def split_late(remaining: Decimal, owed: Decimal, daily_rate: Decimal | None, days: int,
               cap_left: Decimal | None) -> tuple[Decimal, Decimal]:
    """How much of ``remaining`` pays a line's principal and how much its 滞纳金 → (principal, fee).

    The rule: fee = round(principal paid late × daily rate × days late), and the fees of one line never
    exceed its cap (``cap_left`` = cap − fees already charged on it; None = no cap). A partial payment pays
    the largest principal p for which p + fee(p) fits in what is left of the money tendered.
    """
    remaining = max(remaining, ZERO)
    if not daily_rate or days <= 0 or owed <= 0:
        return min(remaining, max(owed, ZERO)), ZERO
    multiplier = daily_rate * days

    def fee(principal: Decimal) -> Decimal:
        charged = to_money(principal * multiplier)
        return charged if cap_left is None else min(charged, max(cap_left, ZERO))

    if remaining >= owed + fee(owed):
        return owed, fee(owed)
    principal = min(to_money(remaining / (1 + multiplier)), owed)
    if cap_left is not None and to_money(principal * multiplier) >= cap_left:  # the fee is the cap
        principal = min(owed, remaining - max(cap_left, ZERO))
        return principal, fee(principal)
    while principal > 0 and principal + fee(principal) > remaining:
        principal -= FEN
    while principal + FEN <= owed and principal + FEN + fee(principal + FEN) <= remaining:
        principal += FEN
    return principal, fee(principal)


def months_overdue(period: str, today: date) -> int:
    """How old a bill is in months: last month's bill is 1 month old in this month."""
    return period_index(period_of(today)) - period_index(period)


def aging_bucket(months: int) -> int:
    """0: ≤3, 1: 4–6, 2: 7–12, 3: >12 months."""
    if months <= 3:
        return 0
    if months <= 6:
        return 1
    if months <= 12:
        return 2
    return 3
