"""The work-order GUI end to end, offscreen: intake at the front desk → dispatch → start and complete in
the engineering tab → return visit → archive; plus the slip preview and refusals shown in the forms."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QMessageBox

from app.models import User
from tests.conftest import actor
from ui.dialogs.workorder_moves import CompleteDialog, DispatchDialog, NoteDialog, VisitDialog
from ui.tabs.team_queue_page import TeamQueuePage
from ui.tabs.workorders_page import TO_VISIT, WorkOrdersPage
from ui.widgets.pdf_preview import PdfPreviewDialog


@pytest.fixture
def world(services, db):
    """A unit with an owner, an engineering technician linked to an operator account, and two operators."""
    building = services.archive.create_building("3栋", floors=18)
    unit = services.archive.save_unit({"building_id": building, "unit_no": "1", "room_no": "1502"})
    services.archive.save_member(unit, {"name": "张三", "phone": "13812345678"})
    tech = services.staff.save_staff({"name": "李师傅", "team": "engineering", "position": "维修技工"})
    services.staff.save_staff({"name": "王师傅", "team": "engineering", "position": "维修技工"})
    services.property.set_setting("property.name", "翠湖花园")
    services.auth.create_user("admin", "管理员", "secret123", "admin")
    user_id = services.auth.create_user("li", "李师傅", "secret123", "engineering")
    with db.write_session() as s:
        s.get(User, user_id).staff_id = tech
    return {
        "unit": unit, "tech": tech,
        "desk": services.as_actor(actor("service", name="前台小王")),
        "engineer": services.as_actor(actor("engineering", user_id=user_id, name="李师傅")),
    }


def fake_exec(fill):
    """Replace a dialog's modal exec(): fill the form like a user, press OK, report the result."""

    def run(dialog):
        fill(dialog)
        dialog.submit()
        return dialog.result() == QDialog.DialogCode.Accepted

    return run


def test_intake_dispatch_complete_visit_archive(qtbot, qtmodeltester, world, monkeypatch):
    desk = WorkOrdersPage(world["desk"])
    qtbot.addWidget(desk)
    desk.show()
    form = desk.intake

    # A bad save names the field and writes nothing.
    form.save_button.click()
    assert form._errors["description"].isVisible() and "问题描述" in form._errors["description"].text()
    assert desk.register.total() == 0

    # Find the unit by typing the room; its (empty) history shows while typing.
    qtbot.keyClicks(form.lookup, "3-1-1502")
    qtbot.waitUntil(lambda: form.matches.count() == 1)
    assert "张三" in form.matches.item(0).text() and "138****5678" in form.matches.item(0).text()
    qtbot.keyClick(form.lookup, Qt.Key.Key_Return)
    assert form.unit is not None and "3栋1单元1502" in form.chosen.text()
    assert form.contact_name.text() == "张三"
    form.category.setCurrentIndex(form.category.findData("water"))
    assert "工程" in form.team_label.text()
    form.location.setCurrentIndex(form.location.findData("private"))
    form.priority.setCurrentIndex(form.priority.findData("high"))
    form.place.setText("厨房")
    form.description.insertPlainText("厨房水槽下水管漏水")  # keyClicks is ASCII-only
    form.print_after.setChecked(True)
    with qtbot.waitSignal(form.registered) as registered:
        form.save_button.click()
    assert desk.detail.slip_dialog.preview.page_count() == 1  # the slip opened for printing
    desk.detail.slip_dialog.accept()
    number = registered.args[0].row.number
    assert number in form.message.text() and form.description.toPlainText() == ""
    assert desk.register.total() == 1
    qtmodeltester.check(desk.register.model)
    row = desk.register.current_row()
    assert row.number == number and row.state == "received"
    assert desk.detail.visible_actions() == ["dispatch", "cancel", "correct", "slip"]

    # Dispatch from the detail pane.
    def choose_wang_then_li(dialog):
        assert dialog.team.currentData() == "engineering"
        dialog.assignee.setCurrentIndex(dialog.assignee.findData(world["tech"]))
        dialog.note.setText("请今天上门")

    monkeypatch.setattr(DispatchDialog, "exec", fake_exec(choose_wang_then_li))
    desk.detail.button("dispatch").click()
    assert desk.detail.detail.row.state == "dispatched" and desk.detail.detail.row.assignee == "李师傅"
    assert desk.register.current_row().state == "dispatched"
    assert "redispatch" in desk.detail.visible_actions() and "chase" in desk.detail.visible_actions()

    # The engineering tab: the technician's own queue.
    team = TeamQueuePage(world["engineer"], "engineering")
    qtbot.addWidget(team)
    team.show()
    assert team.queue() == "mine" and team.register.total() == 1
    qtmodeltester.check(team.register.model)
    team.register.table.selectRow(0)
    assert team.detail.visible_actions() == ["start", "slip"]
    team.detail.button("start").click()
    assert team.detail.detail.row.state == "in_progress"
    assert set(team.detail.visible_actions()) == {"hold", "complete", "slip"}

    attempts = []

    def work_done(dialog: CompleteDialog):
        if not attempts:  # first OK without notes: the form says what is missing and stays open
            attempts.append(1)
            dialog.submit()
            assert dialog.result() != QDialog.DialogCode.Accepted
            assert not dialog._errors["work_notes"].isHidden()
        dialog.notes.setPlainText("更换进水管接头, 通水无渗漏")
        row = dialog.add_material("PPR 直接头", "个", "2", "3.50")
        assert dialog.materials.item(row, dialog.COL_AMOUNT).text() == "7.00"
        dialog.labour.setText("30")
        assert "37.00" in dialog.total.text()

    monkeypatch.setattr(CompleteDialog, "exec", fake_exec(work_done))
    team.detail.button("complete").click()
    done = team.detail.detail
    assert done.row.state == "completed" and done.total_fee == Decimal("37.00")
    assert team.register.total() == 0  # left "mine": nothing more to do for the technician

    # Back at the front desk: due for a return visit.
    desk.set_state_filter(TO_VISIT)
    assert desk.register.total() == 1
    desk.register.table.selectRow(0)
    assert desk.detail.visible_actions() == ["visit", "slip"]

    def very_satisfied(dialog: VisitDialog):
        dialog.findChild(type(dialog.group.button(5)), "score_5").setChecked(True)
        dialog.comment.setPlainText("师傅很专业")

    monkeypatch.setattr(VisitDialog, "exec", fake_exec(very_satisfied))
    desk.detail.button("visit").click()
    assert desk.detail.detail.row.satisfaction == 5
    desk.set_state_filter(None)
    desk.register.select_first(lambda r: r.number == number)
    desk.detail.button("archive").click()
    final = desk.detail.detail
    assert final.row.state == "archived"
    assert [e.action for e in final.history] == ["intake", "dispatch", "start", "complete", "visit", "archive"]
    assert "李师傅" in desk.detail.browser.toPlainText() and "满意度 5 分" in desk.detail.browser.toPlainText()

    # The slip preview opens from the pane, one page.
    desk.detail.button("slip").click()
    preview: PdfPreviewDialog = desk.detail.slip_dialog
    qtbot.addWidget(preview)
    assert preview.preview.page_count() == 1 and preview.preview.pdf_bytes().startswith(b"%PDF")
    preview.accept()


def test_refusals_are_messages_not_crashes(qtbot, world, monkeypatch):
    desk = WorkOrdersPage(world["desk"])
    qtbot.addWidget(desk)
    order = world["desk"].workorders.intake({"kind": "repair", "source": "phone", "category": "lighting",
                                             "description": "楼道灯不亮"}).row
    desk.register.reload(select=lambda r: r.id == order.id)
    assert desk.detail.detail.row.state == "received"
    # Another PC dispatches it meanwhile: our cancel is refused in the dialog, then the pane shows the truth.
    world["desk"].workorders.dispatch(order.id, world["tech"])
    shown = []

    def cancel_with_reason(dialog: NoteDialog):
        dialog.submit()  # no reason yet: refused next to the field
        assert not dialog._errors["reason"].isHidden()
        dialog.note.setPlainText("业主取消")
        dialog.submit()
        shown.append(dialog.message.text())
        dialog.reject()

    monkeypatch.setattr(NoteDialog, "exec", fake_exec(cancel_with_reason))
    desk.detail.button("cancel").click()
    assert "请重新加载" in shown[0]
    assert desk.detail.detail.row.state == "dispatched"
    assert world["desk"].workorders.get(order.id).row.state == "dispatched"  # nothing was overwritten

    # A move the workflow refuses (archiving an open order) is a message box, not a traceback.
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    desk.detail.archive()
    assert "不能归档" in warnings[0]


def test_recent_orders_of_the_unit_show_while_typing(qtbot, world):
    world["desk"].workorders.intake({"kind": "repair", "source": "phone", "category": "water",
                                     "unit_id": world["unit"], "description": "卫生间地漏堵塞"})
    desk = WorkOrdersPage(world["desk"])
    qtbot.addWidget(desk)
    desk.intake.lookup.setText("张三")  # typed (keyClicks cannot send Chinese)
    qtbot.waitUntil(lambda: "卫生间地漏堵塞" in desk.intake.recent.item(0).text())
    assert desk.intake.unit is None  # highlighted, not chosen yet
    desk.intake.recent.itemActivated.emit(desk.intake.recent.item(0))  # double-click: open it in the list
    assert desk.register.total() == 1 and desk.detail.detail.row.description == "卫生间地漏堵塞"


def test_manager_view_of_escalated_complaints(qtbot, world, services):
    noise = world["desk"].workorders.intake({"kind": "complaint", "source": "phone", "category": "order",
                                             "description": "楼上深夜装修噪音"}).row
    world["desk"].workorders.escalate(noise.id, "业主要求经理处理")
    world["desk"].workorders.intake({"kind": "repair", "source": "phone", "category": "lighting",
                                     "description": "楼道灯不亮"})
    page = WorkOrdersPage(services.as_actor(actor("manager", name="经理")), with_intake=False, state="escalated")
    qtbot.addWidget(page)
    assert page.intake is None and page.register.total() == 1
    assignee = page.register.findChild(QComboBox, "filter_assignee")
    assignee.setCurrentIndex(assignee.findData(world["tech"]))
    assert page.register.total() == 0  # nobody is assigned the escalated complaint
    assignee.setCurrentIndex(0)
    page.register.table.selectRow(0)
    assert page.detail.visible_actions() == ["dispatch", "chase", "complete", "cancel", "correct", "slip"]


def test_every_workorder_label_is_marked_for_translation():
    import re
    from pathlib import Path

    import ui.workorder_labels as labels
    from app.models import WORKORDER_LABELS

    marked = set(re.findall(r'QT_TRANSLATE_NOOP\("Label", "([^"]+)"\)', Path(labels.__file__).read_text("utf-8")))
    assert set(WORKORDER_LABELS.values()) <= marked
    assert labels.wo_label("in_progress") == "处理中" and labels.wo_label("engineering") == "工程"


def test_deadline_rules_page(qtbot, qtmodeltester, services, as_role):
    from ui.dialogs.workorder_deadlines import DeadlineRulesPage

    page = DeadlineRulesPage(services)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    before = page.model.total()
    page.category.setCurrentIndex(page.category.findData("water"))
    page.priority.setCurrentIndex(page.priority.findData("normal"))
    page.response.setValue(60)
    page.complete.setValue(30)
    assert not page.save() and "完成时限不能短于响应时限" in page.message.text()
    page.complete.setValue(24 * 60)
    assert page.save() and page.model.total() == before + 1
    assert services.workorders.deadlines("water", "normal") == (60, 24 * 60)
    clerk = DeadlineRulesPage(as_role("service"))
    qtbot.addWidget(clerk)
    assert not clerk.save() and "修改系统设置" in clerk.message.text()


def test_technician_takes_an_unassigned_order(qtbot, world):
    world["desk"].workorders.intake({"kind": "repair", "source": "patrol", "category": "lighting",
                                     "description": "地下车库B2层C区灯不亮"})
    team = TeamQueuePage(world["engineer"], "engineering")
    qtbot.addWidget(team)
    assert team.queue() == "team"  # nothing of mine yet: the team's queue opens
    assert team.hint.text() == ""
    team.set_queue("unassigned")
    assert team.register.total() == 1
    team.register.table.selectRow(0)
    assert team.detail.visible_actions() == ["take", "slip"]
    team.detail.button("take").click()
    assert team.detail.detail.row.assignee == "李师傅" and team.register.total() == 0
    team.set_queue("mine")
    assert team.register.total() == 1


def test_pdf_preview_saves_and_prints(qtbot, tmp_path, monkeypatch):
    """The generic preview: Save writes the very bytes shown; Print renders each page onto the printer."""
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QFileDialog

    from app.pdf.dispatch_slip import render_slip
    from tests.app.test_dispatch_slip import slip

    pdf = render_slip(slip())
    dialog = PdfPreviewDialog(pdf, "派工单", "GD202611280007.pdf")
    qtbot.addWidget(dialog)
    preview = dialog.preview
    assert preview.page_count() == 1 and preview.print_button.isEnabled()
    target = tmp_path / "saved"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    with qtbot.waitSignal(preview.saved):
        assert preview.save_dialog() == str(target) + ".pdf"
    assert (tmp_path / "saved.pdf").read_bytes() == pdf

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(preview._page_layout())
    with qtbot.waitSignal(preview.printed):
        assert preview.print_to(printer)
    printed = PdfReader(tmp_path / "printed.pdf").pages
    assert len(printed) == 1 and float(printed[0].mediabox.width) > float(printed[0].mediabox.height)  # landscape
