"""月结 (issue 14): closing a period once ``fees check`` is clean, every write to it refused afterwards,
adjustments in the open period, the frozen collection rate and "collected later", reopening by the admin."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from app.cli import main
from app.errors import FieldError, PermissionDenied, StateError
from app.models import AuditLog, BillLine, PeriodClose
from tests.conftest import actor
from tests.fees_setup import add_items, build_property, fee_services

D = Decimal


@pytest.fixture
def month(db):
    """October billed and partly paid in October; the clock on 2026-11-05, November billed."""
    services, clock = fee_services(db, now=datetime(2026, 10, 20, 10, 0))
    ids = build_property(services)
    items = add_items(services)
    services.billing.run("2026-10")
    paid = services.payments.pay(ids["a"], "500", "cash")
    clock.now = datetime(2026, 11, 5, 9, 0)
    services.billing.run("2026-11")
    manager = services.as_actor(actor("manager", user_id=8, name="张经理"))
    return services, clock, ids, items, manager, paid


def test_close_freezes_the_rate_and_refuses_every_write_to_the_period(month):
    services, clock, ids, items, manager, paid = month
    before = {r.kind: r for r in services.fee_reports.collection_rate("2026-10").month}["all"]
    row = manager.periods.close("2026-10")
    assert row.closed and row.closed_by == "张经理"
    assert (row.billed, row.collected, row.collected_later) == (before.billed, before.collected, D("0.00"))
    with pytest.raises(StateError, match="已于"):
        manager.periods.close("2026-10")

    refused = [
        lambda: services.billing.rebill("2026-10"),
        lambda: services.billing.supplement("2026-10", items["garbage"]),
        lambda: manager.payments.waive(ids["b"], "2026-10", "10", "漏水赔偿"),
        lambda: services.payments.void(paid.id, "收错户"),
        lambda: services.fee_reports.close_cashup(date(2026, 10, 20)),
    ]
    with services.ctx.read() as s:
        lines_before = s.scalar(select(func.count(BillLine.id)))
    for write in refused:
        with pytest.raises(StateError, match="2026-10 已月结"):
            write()
    with services.ctx.read() as s:
        assert s.scalar(select(func.count(BillLine.id))) == lines_before

    # arrears of the closed period may still be paid: "collected later", the frozen rate stays
    owed = services.payments.account(ids["b"]).outstanding
    services.payments.pay(ids["b"], str(owed), "cash")
    row = services.periods.get("2026-10")
    assert row.collected == before.collected and row.rate == pytest.approx(float(before.collected / before.billed))
    now_rate = {r.kind: r for r in services.fee_reports.collection_rate("2026-10").month}["all"]
    assert row.collected_later == now_rate.collected - before.collected > 0
    assert services.fees_check.check("2026-11").ok


def test_close_needs_a_clean_check_an_ended_month_and_the_right(month):
    services, clock, ids, _, manager, _ = month
    kefu = services.as_actor(actor("service", user_id=7, name="小王"))
    with pytest.raises(PermissionDenied):
        kefu.periods.close("2026-10")
    with pytest.raises(FieldError, match="还没有结束"):
        manager.periods.close("2026-11")
    with pytest.raises(FieldError, match="还没有账单"):
        manager.periods.close("2026-09")
    with services.ctx.write() as s:  # an incident: a line's paid no longer matches its allocations
        line_id = s.scalar(select(func.min(BillLine.id)).where(BillLine.unit_id == ids["b"]))
        s.execute(update(BillLine).where(BillLine.id == line_id).values(paid=D("1.00")))
    with pytest.raises(StateError, match="账目检查未通过"):
        manager.periods.close("2026-10")
    with services.ctx.read() as s:
        assert s.scalar(select(func.count(PeriodClose.id))) == 0


def test_reopen_is_the_admins_with_a_reason_and_audited(month):
    services, _, ids, items, manager, _ = month
    manager.periods.close("2026-10")
    with pytest.raises(PermissionDenied):
        manager.periods.reopen("2026-10", "补录")
    admin = services.as_actor(actor("admin", user_id=1, name="管理员"))
    with pytest.raises(FieldError):
        admin.periods.reopen("2026-10", " ")
    row = admin.periods.reopen("2026-10", "银行回单漏录")
    assert not row.closed and row.reopen_reason == "银行回单漏录" and row.reopened_by == "管理员"
    manager.payments.waive(ids["b"], "2026-10", "10", "漏水赔偿")  # open again: writes go through
    with services.ctx.read() as s:
        logged = list(s.scalars(select(AuditLog).where(AuditLog.entity == "fee_period_closes")))
    assert len(logged) >= 2 and any("银行回单漏录" in (a.changes or "") for a in logged)
    assert manager.periods.close("2026-10").closed  # and it closes again


def test_an_adjustment_lands_in_the_open_period_naming_the_closed_one(month):
    services, _, ids, items, manager, _ = month
    manager.periods.close("2026-10")
    with pytest.raises(FieldError, match="多收"):
        manager.periods.adjust(ids["b"], "2026-10", items["property"], "-5", "多收")
    with pytest.raises(FieldError, match="没有月结"):
        manager.periods.adjust(ids["b"], "2026-11", items["property"], "5", "漏收")
    frozen = services.periods.get("2026-10")
    manager.periods.adjust(ids["b"], "2026-10", items["property"], "12.50", "漏收公共能耗")
    with services.ctx.read() as s:
        line = s.scalar(select(BillLine).where(BillLine.description.like("调整%")))
    assert (line.period, line.amount, line.description) == ("2026-11", D("12.50"), "调整 2026-10: 漏收公共能耗")
    assert services.periods.get("2026-10") == frozen
    services.billing.rebill("2026-11")  # a re-bill of the open period keeps the adjustment
    with services.ctx.read() as s:
        assert s.scalar(select(func.count(BillLine.id)).where(BillLine.description.like("调整%"))) == 1
    assert services.fees_check.check("2026-11").ok


def test_period_commands(month, db, cli_user, capsys):
    services, _, _, _, _, _ = month
    manager = cli_user(services, role="manager", username="jingli")
    assert main(["--database", db.url, "period", "list"]) == 2  # needs a signed-in user
    capsys.readouterr()
    assert main(["--database", db.url, *manager, "period", "close", "2026-10"]) == 0
    assert "已月结 2026-10" in capsys.readouterr().out
    assert main(["--database", db.url, *manager, "period", "list"]) == 0
    out = capsys.readouterr().out
    assert "2026-10  已月结" in out and "之后补收 0.00" in out and "2026-11  未结" in out
    assert main(["--database", db.url, *manager, "period", "reopen", "2026-10", "--reason", "x错"]) != 0
    admin = cli_user(services)
    assert main(["--database", db.url, *admin, "period", "reopen", "2026-10", "--reason", "补录回单"]) == 0
    assert "已重新打开" in capsys.readouterr().out


def test_period_adjust_command(month, db, cli_user, capsys):
    services, _, ids, _, manager, _ = month
    manager.periods.close("2026-10")
    prefix = cli_user(services, role="manager", username="jingli")
    base = ["--database", db.url, *prefix, "period", "adjust", "2026-10", "--unit", "1-1-102", "--item", "物业服务费"]
    assert main([*base, "--amount", "8", "--reason", "漏收"]) == 0
    assert "已调整 1-1-102" in capsys.readouterr().out
    assert main([*base, "--amount", "0", "--reason", "漏收"]) != 0
    assert "调整金额应大于0" in capsys.readouterr().err
    with services.ctx.read() as s:
        line = s.scalar(select(BillLine).where(BillLine.unit_id == ids["b"], BillLine.description.like("调整%")))
    assert (line.period, line.amount) == ("2026-11", D("8.00"))
