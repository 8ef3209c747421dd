"""DashboardService: month-by-month collection and work-order series, checked against hand-computed values
and against the single-month figures of the services that own them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from app.errors import FieldError, PermissionDenied
from app.services.dashboard import average_score, periods_ending
from tests.conftest import actor
from tests.fees_setup import add_items, build_property, fee_services


@pytest.fixture
def fees(db):
    services, clock = fee_services(db)
    ids = build_property(services)
    add_items(services)
    return services, clock, ids


def test_periods_ending_crosses_the_year():
    assert periods_ending("2026-02", 4) == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert average_score(9, 2) == Decimal("4.5") and average_score(None, 0) is None
    assert average_score(13, 3) == Decimal("4.3")


def test_collection_by_month(fees):
    services, _clock, ids = fees
    services.billing.run("2026-10")
    services.billing.run("2026-11")
    services.payments.pay(ids["a"], "895", "cash")  # unit a's October: 280 物业费 + 600 停车费 + 15 垃圾费
    months = services.dashboard.collection_by_month("2026-11", 3)
    assert [m.period for m in months] == ["2026-09", "2026-10", "2026-11"]
    sep, oct_, nov = months
    # per month: 物业费 280.00 + 250.77 + 232.75 (vacant ×0.7) + 400.62 = 1164.14; 停车费 3 spaces × 300
    assert all(r.billed == 0 and r.collected == 0 and r.rate == 0.0 for r in sep.rates)
    assert (oct_.rate_of("property").billed, oct_.rate_of("property").collected) == (Decimal("1164.14"),
                                                                                    Decimal("280.00"))
    assert (oct_.rate_of("parking").billed, oct_.rate_of("parking").collected) == (Decimal("900.00"),
                                                                                  Decimal("600.00"))
    assert (oct_.rate_of("all").billed, oct_.rate_of("all").collected) == (Decimal("2139.14"), Decimal("895.00"))
    assert oct_.rate_of("parking").rate == pytest.approx(2 / 3)
    assert nov.rate_of("property").billed == Decimal("1164.14") and nov.rate_of("all").collected == 0
    # the same sums as the fee reports' own collection rate, month by month
    for m in months:
        own = {r.kind: r for r in services.fee_reports.collection_rate(m.period).month}
        for kind in ("property", "parking", "all"):
            assert m.rate_of(kind) == own[kind]


def test_collection_by_month_needs_the_fee_reports_right(fees):
    services, *_ = fees
    with pytest.raises(PermissionDenied):
        services.as_actor(actor("service")).dashboard.collection_by_month("2026-11")
    with pytest.raises(FieldError):
        services.dashboard.collection_by_month("2026-13")


def test_workorders_by_month(fees):
    services, clock, _ids = fees
    wo = services.workorders
    fixer = services.staff.save_staff({"name": "李师傅", "team": "engineering"})

    def report(when: datetime, kind: str = "repair") -> int:
        clock.now = when
        values = {"kind": kind, "source": "phone", "category": "water" if kind == "repair" else "order",
                  "description": "测试", "assignee_id": fixer if kind == "repair" else None}
        return wo.intake({k: v for k, v in values.items() if v is not None}).row.id

    def visit(order_id: int, when: datetime, score: int) -> None:
        clock.now = when
        wo.start(order_id)
        wo.complete(order_id, "修好了")
        wo.visit(order_id, score)

    report(datetime(2026, 9, 15, 10, 0), "complaint")
    first = report(datetime(2026, 10, 3, 9, 0))
    second = report(datetime(2026, 10, 31, 23, 59))  # last minute of October
    report(datetime(2026, 10, 20, 9, 0), "complaint")
    visit(first, datetime(2026, 10, 10, 9, 0), 5)
    visit(second, datetime(2026, 11, 1, 0, 0), 3)  # first minute of November
    report(datetime(2026, 11, 2, 9, 0), "complaint")
    third = report(datetime(2026, 11, 5, 9, 0))
    visit(third, datetime(2026, 11, 6, 9, 0), 4)
    clock.now = datetime(2026, 11, 28, 10, 0)

    months = services.dashboard.workorders_by_month("2026-11", 4)
    got = [(m.period, m.reported, m.complaints, m.visited, m.average_satisfaction) for m in months]
    assert got == [
        ("2026-08", 0, 0, 0, None),
        ("2026-09", 1, 1, 0, None),
        ("2026-10", 3, 1, 1, Decimal("5.0")),
        ("2026-11", 2, 1, 2, Decimal("3.5")),
    ]
    # the current month agrees with the work-order service's own summary
    summary = wo.summary(date(2026, 11, 1))
    nov = months[-1]
    assert (nov.reported, nov.complaints, nov.visited, nov.average_satisfaction) == (
        summary.reported, summary.complaints, summary.visited, summary.average_satisfaction)
    with pytest.raises(PermissionDenied):
        services.as_actor(actor("nobody")).dashboard.workorders_by_month("2026-11")
