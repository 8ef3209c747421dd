"""The 工程 tab as an engineering supervisor uses it: a PM anomaly opens a repair order, completed with a
seal drawn from stock, visible in the item's history; a stock-take; a takeover defect list printed and
re-inspected; a vendor visit accepted; repair plans; the 环境 tab's supplies page; the queue's extras."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QDialog

from app.services import Services
from app.services.context import ServiceContext
from tests.conftest import actor
from ui.dialogs.stock_pick import StockPickDialog
from ui.dialogs.workorder_moves import CompleteDialog
from ui.tabs.base import RoleTab

NOW = datetime(2026, 11, 28, 9, 0)


@pytest.fixture
def world(db):
    system = Services(ServiceContext(db, actor(), lambda: NOW))
    tech = system.staff.save_staff({"name": "李师傅", "team": "engineering"})
    system.auth.create_user("admin", "管理员", "Passw0rd-2026", "admin")
    user = system.auth.create_user("li", "李师傅", "Passw0rd-2026", "engineering")
    with system.ctx.write() as s:
        from app.models import User

        s.get(User, user).staff_id = tech
    item = system.equipment.save({"code": "GPS-02", "name": "2号生活水泵", "system": "water", "location": "泵房"})
    system.maintenance.plans.save({"name": "水泵月保养", "equipment_id": item, "frequency": "monthly",
                                   "checklist": "轴承温度\n机械密封", "assignee_id": tech, "start_on": "2026-11-28"})
    seal = system.inventory.save({"code": "BJ-001", "name": "机械密封", "unit": "套", "category": "spare_part",
                                  "warehouse": "engineering"})
    system.inventory.stock_in(seal, "3", "380")
    mop = system.inventory.save({"code": "BG-101", "name": "拖把", "unit": "把", "category": "supply",
                                 "warehouse": "cleaning"})
    system.inventory.stock_in(mop, "10", "18")
    engineer = Services(ServiceContext(db, actor("engineering", user, "李师傅"), lambda: NOW))
    manager = Services(ServiceContext(db, actor("manager"), lambda: NOW))
    return {"system": system, "engineer": engineer, "manager": manager, "item": item, "seal": seal, "tech": tech}


def fake_exec(fill):
    def run(dialog):
        fill(dialog)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    return run


def engineering_tab(qtbot, services) -> RoleTab:
    from ui.tabs.engineering import pages

    tab = RoleTab(pages(services))
    qtbot.addWidget(tab)
    tab.resize(1024, 700)
    tab.show()
    return tab


def save(dialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def test_pm_anomaly_opens_an_order_completed_with_stock_in_the_item_history(qtbot, qtmodeltester, world,
                                                                             monkeypatch):
    tab = engineering_tab(qtbot, world["engineer"])
    queue = tab.page("工单")
    assert queue.pm_button.text() == "我的今日维保 (1)"
    tasks = queue.open_pm_tasks()
    assert tab.currentWidget().isAncestorOf(tasks) and tasks.register.total() == 1
    qtmodeltester.check(tasks.register.model)
    tasks.register.table.selectRow(0)
    assert [p.point for p in tasks.pane.model.rows()] == ["轴承温度", "机械密封"]

    dialog = tasks.record_task()
    dialog.set_point(2, False)  # an anomaly without a note: the form says so and stays open
    save(dialog)
    assert "异常请写明情况" in dialog.errors()["points"] and dialog.isVisible()
    dialog.set_point(2, False, "机械密封滴水", r"D:\照片\1.jpg")
    assert dialog.open_order.isChecked() and dialog.field("category").currentData() == "water"
    save(dialog)
    number = dialog.result.workorder_number
    assert number and not dialog.isVisible()
    assert tasks.register.total() == 0  # done: it left "today and overdue"
    tasks.register._combos["state"].setCurrentIndex(tasks.register._combos["state"].findData("done"))
    tasks.register._combos["scope"].setCurrentIndex(tasks.register._combos["scope"].findData(None))
    tasks.register.table.selectRow(0)
    assert tasks.register.current_row().anomalies == 1
    assert [p.ok for p in tasks.pane.model.rows()] == [True, False]

    # The order is in the team's queue with its item link; dispatched to 李师傅, started, completed.
    orders = world["manager"].workorders
    oid = orders.find(number)
    orders.dispatch(oid, world["tech"])
    tab.setCurrentIndex(0)
    queue.register.reload()
    queue.register.table.selectRow(0)
    assert "GPS-02 2号生活水泵" in queue.order_link.text() and queue.order_link.isVisible()
    queue.detail.button("start").click()

    def pick_seal(picker: StockPickDialog):
        picker.field("item_id").setCurrentIndex(picker.field("item_id").findData(world["seal"]))
        picker.field("quantity").setText("1")

    def work_done(dialog: CompleteDialog):
        dialog.notes.setPlainText("更换机械密封")
        row = dialog.pick_from_stock()
        assert dialog.materials.item(row, dialog.COL_PRICE).text() == "380.00"

    monkeypatch.setattr(StockPickDialog, "exec", fake_exec(pick_seal))
    monkeypatch.setattr(CompleteDialog, "exec", lambda d: (work_done(d), d.submit(),
                                                           d.result() == QDialog.DialogCode.Accepted)[-1])
    queue.detail.button("complete").click()
    assert queue.detail.detail.row.state == "completed"
    assert world["system"].inventory.get(world["seal"]).quantity == Decimal("2.00")

    ledger = queue.order_link.open_item("GPS-02")
    assert ledger.current().code == "GPS-02"
    history = ledger.pane.model.rows()
    assert {h.source for h in history} == {"pm", "workorder"}
    repair = next(h for h in history if h.source == "workorder")
    assert repair.ref == number and repair.cost == Decimal("380.00")
    qtmodeltester.check(ledger.pane.model)


def test_stocktake_and_moves_through_the_page(qtbot, qtmodeltester, world):
    tab = engineering_tab(qtbot, world["engineer"])
    page = tab.page("物料工具")
    qtmodeltester.check(page.register.model)
    page.register.reload(select=lambda r: r.code == "BJ-001")
    dialog = page.stock_out()
    dialog.field("quantity").setText("5")
    dialog.field("person").setText("李师傅")
    save(dialog)
    assert "库存不足" in dialog.errors()["quantity"]
    dialog.field("quantity").setText("1")
    save(dialog)
    assert page.current().quantity == Decimal("2.00")
    assert [m.kind for m in page.pane.model.rows()] == ["out", "in"]

    start = page.stocktake()
    save(start)
    sheet = page.last_dialog
    codes = [sheet.table.item(r, sheet.COL_CODE).text() for r in range(sheet.table.rowCount())]
    assert codes == ["BJ-001"]
    sheet.set_count(0, "1")
    assert sheet.finish() == 1
    page.register.reload(select=lambda r: r.code == "BJ-001")
    assert page.current().quantity == Decimal("1.00") and page.pane.model.rows()[0].kind == "adjust"

    usage = page.show_usage()
    assert usage.model.rows()[0].quantity == Decimal("1.00")
    usage.accept()


def test_takeover_defect_list_printed_and_reinspected(qtbot, world):
    system = world["system"]
    building = system.archive.create_building("9栋", floors=18)
    tab = engineering_tab(qtbot, world["engineer"])
    page = tab.page("承接查验")
    dialog = page.add()
    dialog.field("building_id").setCurrentIndex(dialog.field("building_id").findData(building))
    dialog.field("developer").setText("华润置地")
    save(dialog)
    assert page.current().building == "9栋"
    checklist = page.show_checklist()
    checklist.combos[0].setCurrentIndex(2)  # 不合格
    checklist.accept()
    assert page.current().checked == 1

    defect = page.add_defect()
    defect.field("location").setText("12层楼梯间")
    defect.field("description").setPlainText("墙面裂缝")
    defect.field("deadline").setText("2026-12-10")
    save(defect)
    assert [d.description for d in page.pane.model.rows()] == ["墙面裂缝"]
    pdf = page.print_defects()
    assert pdf.startswith(b"%PDF") and page.last_preview.isVisible()
    page.last_preview.accept()

    page.pane.table.selectRow(0)
    check = page.reinspect()
    check.field("passed").setCurrentIndex(1)  # 未通过 without a note
    save(check)
    assert check.isVisible() and check.errors()
    check.field("note").setText("仍有裂缝")
    save(check)
    page.pane.table.selectRow(0)
    again = page.reinspect()
    save(again)  # 通过, 销项
    assert page.pane.model.rows()[0].state == "signed_off" and page.current().open_defects == 0


def test_vendor_visit_accepted_and_scores(qtbot, world):
    tab = engineering_tab(qtbot, world["engineer"])
    page = tab.page("外包维保")
    dialog = page.add()
    dialog.field("name").setText("迅达电梯维保")
    dialog.field("system").setCurrentIndex(dialog.field("system").findData("elevator"))
    dialog.field("contract_end").setText("2026-12-20")
    save(dialog)
    assert page.current().expiring and "1 份合同" in page.warning.text() if page.warning.text() else True
    visit = page.record_visit()
    visit.field("work").setText("半月保养")
    save(visit)
    page.pane.table.selectRow(0)
    accept = page.accept_visit()
    accept.field("rating").setCurrentIndex(accept.field("rating").findData(4))
    save(accept)
    assert page.pane.model.rows()[0].accepted and page.pane.model.rows()[0].rating == 4
    scores = page.show_scores()
    assert scores.model.rows()[0].average == Decimal("4.0")


def test_repair_plans_page_approval_is_the_managers(qtbot, world):
    tab = engineering_tab(qtbot, world["engineer"])
    page = tab.page("大中修计划")
    assert all(a.text() != "批准" for a in page.register.toolbar.actions())
    dialog = page.add()
    dialog.field("title").setText("水泵大修")
    dialog.field("system").setCurrentIndex(dialog.field("system").findData("water"))
    dialog.field("budget").setText("30000")
    dialog.field("planned_start").setText("2026-12-01")
    save(dialog)
    assert page.current().state == "draft" and "预算 30,000.00" in page.summary.text()

    manager_tab = engineering_tab(qtbot, world["manager"])
    plans = manager_tab.page("大中修计划")
    plans.register.table.selectRow(0)
    plans.approve()
    accept = plans.accept_plan()
    accept.field("actual_cost").setText("31000")
    save(accept)
    assert plans.current().state == "accepted" and "实际 31,000.00" in plans.summary.text()


def test_environment_supplies_page_is_the_cleaning_store(qtbot, world, as_role):
    from ui.tabs.environment import pages

    env = Services(ServiceContext(world["system"].db, actor("environment"), lambda: NOW))
    tab = RoleTab(pages(env))
    qtbot.addWidget(tab)
    page = tab.page("保洁用品")
    assert [r.code for r in page.register.model.iter_rows()] == ["BG-101"]
    dialog = page.add()
    assert dialog.field("warehouse").currentData() == "cleaning"
    page.register.table.selectRow(0)
    out = page.stock_out()
    out.field("quantity").setText("2")
    out.field("person").setText("保洁张阿姨")
    save(out)
    assert page.current().quantity == Decimal("8.00")
    usage = page.show_usage()
    assert [(u.month, u.cost) for u in usage.model.rows()] == [("2026-11", Decimal("36.00"))]
    assert "36.00" in usage.totals.text()


def test_dashboard_shows_the_month_pm_completion_rate(qtbot, world):
    from ui.pages.dashboard import DashboardPage

    world["manager"].maintenance.record(world["manager"].maintenance.list({})[0].id, [{"ok": True}] * 2)
    page = DashboardPage(world["manager"])
    qtbot.addWidget(page)
    page.resize(1280, 1200)  # the card on screen: it is read once painted
    page.show()
    page.set_period("2026-11")
    page.reload()
    # figures load in a background job
    qtbot.waitUntil(lambda: not page.loading and page.pm_card.value.text() != "…", timeout=10_000)
    assert page.pm_card.value.text() == "100.0%" and "完成 1 项" in page.pm_card.note.text()
