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
    """October billed and partly paid in October (that day's cash-up closed); the clock on 2026-11-05, November
    billed."""
    services, clock = fee_services(db, now=datetime(2026, 10, 20, 10, 0))
    ids = build_property(services)
    items = add_items(services)
    services.billing.run("2026-10")
    paid = services.payments.pay(ids["a"], "500", "cash")
    services.fee_reports.close_cashup(date(2026, 10, 20))
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
    assert "调整金额不能为0" in capsys.readouterr().err
    assert main([*base, "--amount", "-3", "--reason", "多收"]) == 0  # a credit: forgiven from the open bill
    with services.ctx.read() as s:
        line = s.scalar(select(BillLine).where(BillLine.unit_id == ids["b"], BillLine.description.like("调整%")))
    assert (line.period, line.amount) == ("2026-11", D("8.00"))


def test_close_requires_the_cash_ups_of_the_days_that_moved_money(month):
    services, clock, ids, _, manager, _ = month
    clock.now = datetime(2026, 10, 25, 16, 0)
    services.payments.pay(ids["b"], "10", "wechat")
    clock.now = datetime(2026, 11, 5, 9, 0)
    with pytest.raises(StateError, match=r"还有 1 天没有日结.*10-25"):
        manager.periods.close("2026-10")
    services.fee_reports.close_cashup(date(2026, 10, 25))
    assert manager.periods.close("2026-10").closed


def test_a_late_fee_on_closed_arrears_lands_in_the_open_period(month):
    services, clock, ids, items, manager, _ = month
    manager.periods.close("2026-10")
    frozen = services.periods.get("2026-10")
    with services.ctx.read() as s:
        october = s.scalar(select(BillLine).where(BillLine.unit_id == ids["b"], BillLine.period == "2026-10",
                                                  BillLine.item_id == items["property"]))
        october_total = s.scalar(select(func.sum(BillLine.amount)).where(BillLine.period == "2026-10"))
    clock.now = datetime(2026, 11, 28, 10, 0)  # 28 days after the due date, past the 15-day grace
    plan = services.payments.preview(ids["b"], "1000", include_late_fees=True)
    assert any(p.late_fee > 0 and p.period == "2026-10" for p in plan.lines)
    services.payments.pay(ids["b"], "1000", "cash", include_late_fees=True)
    with services.ctx.read() as s:
        late = s.scalar(select(BillLine).where(BillLine.source_line_id == october.id))
        assert s.scalar(select(func.sum(BillLine.amount)).where(BillLine.period == "2026-10")) == october_total
    assert late.period == "2026-11" and late.late_fee and late.amount > 0
    assert late.description.startswith("2026-10 欠费滞纳金")
    assert services.periods.get("2026-10").billed == frozen.billed
    assert services.fees_check.check("2026-11").ok and services.fees_check.check("2026-10").ok


def test_nothing_slips_in_between_the_check_and_the_close(month, monkeypatch):
    """A void of an October receipt started while the close is checking the ledger waits for the close and
    is then refused: the check saw exactly what was closed."""
    import threading
    import time

    from app.services.fees_check import LedgerCheckService

    services, _, _, _, manager, paid = month
    outcome = {}

    def void_meanwhile():
        try:
            services.payments.void(paid.id, "收错户")
            outcome["voided"] = True
        except StateError as exc:
            outcome["refused"] = str(exc)

    check = LedgerCheckService.check
    worker = threading.Thread(target=void_meanwhile)

    def checking(self, *args, **kwargs):
        worker.start()
        time.sleep(1.0)  # the void is under way (waiting for the closing transaction)
        return check(self, *args, **kwargs)

    monkeypatch.setattr(LedgerCheckService, "check", checking)
    assert manager.periods.close("2026-10").closed
    worker.join(30)
    assert "已月结" in outcome.get("refused", "") and "voided" not in outcome
    assert not services.payments.get_payment(paid.id).voided


def test_a_late_fee_before_the_open_period_is_billed_does_not_stop_its_billing_run(month):
    services, clock, ids, items, manager, _ = month
    clock.now = datetime(2026, 12, 20, 10, 0)
    manager.periods.close("2026-10")
    manager.periods.close("2026-11")
    services.payments.pay(ids["b"], "2000", "cash", include_late_fees=True)  # December not billed yet
    with services.ctx.read() as s:
        assert s.scalar(select(func.count(BillLine.id)).where(BillLine.period == "2026-12")) >= 1
    services.billing.run("2026-12")
    with services.ctx.read() as s:
        december = {(ln.item_id, ln.late_fee) for ln in s.scalars(select(BillLine).where(
            BillLine.unit_id == ids["b"], BillLine.period == "2026-12"))}
    assert (items["property"], False) in december and (items["property"], True) in december
    assert services.fees_check.check("2026-12").ok


def test_a_credit_adjustment_forgives_the_open_bill_naming_the_closed_period(month):
    services, _, ids, items, manager, _ = month
    manager.periods.close("2026-10")
    frozen = services.periods.get("2026-10")
    november = {r.kind: r for r in services.fee_reports.collection_rate("2026-11").month}["all"]
    owed = services.payments.account(ids["b"]).outstanding
    manager.periods.adjust(ids["b"], "2026-10", items["property"], "−20.00", "10月面积多算")
    assert services.payments.account(ids["b"]).outstanding == owed - D("20.00")
    after = {r.kind: r for r in services.fee_reports.collection_rate("2026-11").month}["all"]
    assert (after.billed, after.collected) == (november.billed - D("20.00"), november.collected)
    assert services.periods.get("2026-10") == frozen
    with services.ctx.read() as s:
        from app.models import Waiver

        waiver = s.scalar(select(Waiver).where(Waiver.unit_id == ids["b"]))
        line = s.get(BillLine, waiver.line_id)
    assert waiver.reason == "调整 2026-10: 10月面积多算" and line.period == "2026-11"
    assert line.item_id == items["property"]
    with pytest.raises(FieldError, match="多收的款项请退款"):
        manager.periods.adjust(ids["b"], "2026-10", items["property"], "-99999", "多收")
    assert services.fees_check.check("2026-11").ok
