"""Conditions shared by the 环境/经理 registers (on top of ``app.services.register_base``)."""

from __future__ import annotations

from sqlalchemy import ColumnElement

from app.services.fees_billing import period_or_error
from app.services.fees_rules import period_first_day, period_last_day


def period_conditions(column, period: object) -> list[ColumnElement[bool]]:
    """``column`` (a date) within the month ``period`` (YYYY-MM); nothing when no period is chosen."""
    if not period:
        return []
    period = period_or_error(period)
    return [column >= period_first_day(period), column <= period_last_day(period)]
