"""Small pieces the 环境/经理 pages share: the month filter's items and the staff combo of a team."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.fees_rules import add_months


def this_period(services) -> str:
    return f"{services.ctx.clock():%Y-%m}"


def month_items(services, months: int = 12, everything: bool = True) -> list[tuple[str, str | None]]:
    """This month and the ones before it, newest first (optionally "全部月份" on top)."""
    last = this_period(services)
    items = [(p, p) for p in (add_months(last, -n) for n in range(months))]
    return ([(QCoreApplication.translate("Office", "全部月份"), None)] if everything else []) + items


def staff_items(services, team: str) -> list[tuple[str, int | None]]:
    """(name, id) of the team's active staff, after a "无" entry."""
    return [(QCoreApplication.translate("Office", "无"), None)] + [
        (s.name, s.id) for s in services.staff.list_staff(team)]
