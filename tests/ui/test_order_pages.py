"""The 秩序 tab through its widgets, offscreen: a visitor in and out, a temporary car paying on exit with a
receipt, a patrol with a missed checkpoint, a handover acknowledged at the next login, a fire-alarm incident
from its plan, an outage at 客服 intake, a violation taken to its written notice, keys and parcels, training."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.models import Role
from app.services import Services
from app.services.context import ServiceContext
from tests.app.test_workorders import Clock
from tests.conftest import actor
from ui.widgets.pdf_preview import PdfPreviewDialog

T0 = datetime(2026, 11, 30, 9, 0)


@pytest.fixture
def clock():
    return Clock(T0)


@pytest.fixture
def world(services, db, clock):
    building = services.archive.create_building("3栋", floors=18)
    unit = services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "1502"})
    owner = services.archive.save_member(unit, {"name": "张三", "phone": "13812345678"})
    services.archive.add_vehicle(unit, "粤B12345", owner)
    guard_staff = services.staff.save_staff({"name": "赵保安", "team": "security"})
    fire = services.incidents.save_plan({"kind": "fire", "title": "火警处置预案", "steps": "确认火情\n疏散"})
    route = services.patrols.save_route({"name": "夜间外围", "checkpoints": "北门\n地库\n消防通道"})
    return {"unit": unit, "building": building, "guard_staff": guard_staff, "fire": fire, "route": route,
            "guard": Services(ServiceContext(db, actor(Role.SECURITY, 7, "门岗甲"), clock)),
            "next_guard": Services(ServiceContext(db, actor(Role.SECURITY, 8, "门岗乙"), clock))}


@pytest.fixture
def warnings(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kw: shown.append(args[2]))
    return shown


def save(dialog) -> None:
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def test_visitor_in_and_out_and_pass_slip(qtbot, qtmodeltester, world, warnings):
    from ui.pages.order.visitors import VisitorsPage

    page = VisitorsPage(world["guard"])
    qtbot.addWidget(page)
    page.show()
    qtmodeltester.check(page.register.model)
    dialog = page.check_in()
    dialog.field("name").setText("王五")
    save(dialog)  # no unit and no place: the message names the field
    assert "到访" in dialog.errors()["unit"] and page.register.total() == 0
    dialog.field("unit").setText("3-1-1502")
    qtbot.keyClicks(dialog.field("phone"), "13900001111")
    save(dialog)
    assert page.register.total() == 1 and page.register.current_row().name == "王五"
    preview = page.print_pass("A6")
    assert isinstance(preview, PdfPreviewDialog) and preview.preview.page_count() == 1
    preview.close()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.keyClick(page.register.table, Qt.Key.Key_F4)  # 离开
    assert page.register.total() == 0  # the list shows who is inside
    # the frequent visitor: typing the phone offers the earlier visit; picking it fills the form
    again = page.check_in()
    qtbot.keyClicks(again.field("phone"), "1390000")
    assert again.frequent.count() == 2
    again.frequent.setCurrentIndex(1)
    again.frequent.activated.emit(1)
    assert again.field("name").text() == "王五" and again.field("unit").text() == "3-1-1502"
    save(again)
    assert page.register.total() == 1 and warnings == []


def test_temporary_car_pays_on_exit_with_a_receipt(qtbot, world, clock, monkeypatch, warnings):
    from ui.pages.order.vehicles import VehiclesPage

    page = VehiclesPage(world["guard"])
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.plate, "B12345")
    page.plate.setText("粤B12345")
    qtbot.keyClick(page.plate, Qt.Key.Key_Return)
    assert page.register.current_row().owner.startswith("3-1-1502")
    page.plate.setText("粤C99999")
    page.enter_button.click()
    assert "临时车在场 1" in page.occupancy.text()
    clock.now += timedelta(hours=2, minutes=5)
    page.plate.setText("粤C99999")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    form = page.exit_by_plate()
    assert "15.00" in form.field("fee").text()
    form.field("method").setCurrentIndex(form.field("method").findData("wechat"))
    save(form)
    [row] = world["guard"].vehicles.list("粤C99999")
    assert row.fee == Decimal("15.00") and row.receipt_no.startswith("TC") and asked
    assert isinstance(page.last_dialog, PdfPreviewDialog)  # the receipt, offered after payment
    # an owner's car goes out without a form
    page.plate.setText("粤B12345")
    assert page.exit_by_plate().fee == Decimal("0.00")
    page.plate.setText("粤Z00000")
    page.exit_by_plate()
    assert "场内没有" in warnings[-1]


def test_patrol_with_a_missed_checkpoint(qtbot, world):
    from ui.pages.order.patrols import PatrolsPage

    page = PatrolsPage(world["guard"])
    qtbot.addWidget(page)
    page.show()
    dialog = page.record_round()
    _cp, reached, _anomaly, _order = dialog.point_rows[1]
    reached.setChecked(False)
    dialog.point_rows[2][2].setText("消防通道堆放纸箱")
    save(dialog)
    assert page.register.total() == 1
    page.register.table.selectRow(0)
    row = page.register.current_row()
    assert (row.missed, row.anomalies) == (1, 1)
    assert [v.reached for v in page.visits.rows()] == [True, False, True]
    order_id = page.open_workorder()
    assert world["guard"].workorders.get(order_id).row.source == "patrol"
    report = page.missed_report()
    assert report.findChild(type(page.visit_table)).model().rowCount() == 1


def test_handover_acknowledged_at_the_next_login(qtbot, world):
    from ui.pages.order.duty import DutyLogPage, show_pending_handovers

    page = DutyLogPage(world["guard"])
    qtbot.addWidget(page)
    form = page.hand_over()
    form.field("matters").setPlainText("3栋电梯监控未恢复")
    save(form)
    assert page.handovers.model.rowCount() == 1
    assert show_pending_handovers(world["guard"]) is None  # the one who handed over is not asked
    dialog = show_pending_handovers(world["next_guard"])
    qtbot.addWidget(dialog)
    assert dialog.list.model.rowCount() == 1 and dialog.list.matters.text() == "3栋电梯监控未恢复"
    dialog.list.acknowledge_button.click()
    assert dialog.list.model.rows()[0].acknowledged_by == "门岗乙"
    assert world["next_guard"].duty_log.pending() == []
    page.hand_over().field("matters").setPlainText("无")
    save(page.last_dialog)
    manager = world["guard"].as_actor(actor(Role.MANAGER, 9, "经理"))
    assert manager.duty_log.pending() and show_pending_handovers(manager) is None  # not a popup for the manager


def test_fire_alarm_incident_from_its_plan(qtbot, world, warnings):
    from ui.pages.order.incidents import IncidentsPage

    page = IncidentsPage(world["guard"])
    qtbot.addWidget(page)
    page.show()
    form = page.open_incident(False)
    form.field("place").setText("3栋12楼")
    save(form)
    assert page.register.current_row().place == "3栋12楼"
    assert "确认火情" in page.detail.plan_steps.text()
    step = page.add_step()
    step.field("text").setText("到场确认为油烟")
    save(step)
    page.detail.buttons["escalate"].click()
    assert not page.detail.buttons["escalate"].isEnabled()
    close = page.close_incident()
    save(close)
    assert "outcome" in close.errors()
    close.field("outcome").setPlainText("误报, 已复位")
    save(close)
    assert page.register.current_row().state == "closed"
    assert isinstance(page.print_report(), PdfPreviewDialog)
    library = page.plan_library()
    assert library.model.rowCount() == 1 and "疏散" in library.text.text()
    assert warnings == []


def test_outage_shown_at_intake(qtbot, services, world):
    from ui.dialogs.workorder_intake import IntakeForm

    services.outages.save({"kind": "water_cut", "building_ids": [world["building"]],
                           "starts_at": datetime.now().replace(hour=0, minute=0),
                           "ends_at": datetime.now() + timedelta(hours=4), "notice": "管道维修"})
    form = IntakeForm(services.as_actor(actor(Role.SERVICE, 3)))
    qtbot.addWidget(form)
    form.show()
    assert not form.outage_notice.isVisible()
    form.lookup.setText("3-1-1502")
    form.search()
    form.choose_unit(form.matches.item(0).data(Qt.ItemDataRole.UserRole))
    assert form.outage_notice.isVisible() and "已知停水: 3栋" in form.outage_notice.text()
    assert "管道维修" in form.outage_notice.text()
    form.choose_unit(None)
    assert not form.outage_notice.isVisible()


def test_violation_taken_to_its_written_notice(qtbot, world):
    from ui.pages.order.violations import ViolationsPage

    page = ViolationsPage(world["guard"])
    qtbot.addWidget(page)
    page.show()
    form = page.open_case()
    form.field("place").setText("3栋消防通道")
    form.field("description").setPlainText("电动车堵塞通道")
    save(form)
    assert page.register.total() == 1 and "劝阻 1" in page.by_stage.text()
    step = page.advance()
    step.field("stage").setCurrentIndex(step.field("stage").findData("notice"))
    save(step)
    assert page.register.current_row().stage == "notice"
    assert isinstance(page.print_notice(), PdfPreviewDialog)
    assert page.detail.actions.rowCount() == 2


def test_keys_parcels_and_training_pages(qtbot, world, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from ui.pages.order.keys_parcels import KeysParcelsPage
    from ui.pages.order.training import TrainingPage

    page = KeysParcelsPage(world["guard"])
    qtbot.addWidget(page)
    form = page.lend_key()
    form.field("key_name").setText("配电房")
    form.field("borrower").setText("李师傅")
    save(form)
    assert page.keys.total() == 1
    page.keys.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("李师傅", True))
    page.return_key()
    assert page.keys.total() == 0  # 借出未还 only
    training = TrainingPage(world["guard"], "security")
    qtbot.addWidget(training)
    record = training.add_record()
    record.field("topic").setText("消防器材使用")
    record.field("attendees").setPlainText("赵保安 95\n钱保安 120")
    save(record)
    assert "第2行" in record.errors()["attendees"]
    record.field("attendees").setPlainText("赵保安 95\n钱保安 85")
    save(record)
    assert training.register.total() == 1 and training.register.model.row_at(0).average == Decimal("90.00")


@pytest.mark.parametrize("module", ["engineering", "security", "environment", "manager"])
def test_every_team_tab_has_the_training_page(as_role, module):
    services = as_role(module)
    import importlib

    from ui.tabs.base import visible_pages

    titles = [spec.title for spec in visible_pages(importlib.import_module(f"ui.tabs.{module}").pages(services),
                                                   services.ctx.can)]
    assert "培训考核" in titles


def test_the_manager_tab_pages_are_not_shown_to_a_guard(as_role):
    from ui.tabs import manager
    from ui.tabs.base import visible_pages

    def titles(role: str) -> list[str]:
        services = as_role(role)
        return [spec.title for spec in visible_pages(manager.pages(services), services.ctx.can)]

    assert {"事件上报", "培训考核"} <= set(titles("manager"))
    assert not {"事件上报", "培训考核"} & set(titles("security"))
