"""催缴, 计费, 收费项目 and 收缴率/日结 pages through their widgets (offscreen), with screenshots."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.conftest import actor
from tests.fees_setup import add_items, build_property, fee_services

SHOTS = Path("/tmp/shots")


def grab(widget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / name))


@pytest.fixture
def fees(db, monkeypatch):
    services, clock = fee_services(db)
    ids = build_property(services)
    add_items(services)
    shown = []
    for module in ("ui.tabs.fees_arrears", "ui.tabs.fees_manager"):
        monkeypatch.setattr(f"{module}.show_pdf", lambda parent, pdf, title, filename: shown.append((title, pdf)))
    return services, clock, ids, shown


def test_billing_run_page_preview_then_run(qtbot, qtmodeltester, fees):
    from ui.tabs.fees_manager import BillingRunPage

    services, _, _, _ = fees
    page = BillingRunPage(services)
    qtbot.addWidget(page)
    page.resize(900, 400)
    page.period.setText("2026-11")
    assert not page.run_button.isEnabled()
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.preview_result is not None, timeout=10000)
    assert page.run_button.isEnabled()
    assert page.model.rowCount() == 3
    qtmodeltester.check(page.model)
    assert "将生成 5 张账单" in page.result_label.text()
    with qtbot.waitSignal(page.billed, timeout=10000) as billed:
        page.run_button.click()
    assert billed.args[0].bills == 5 and billed.args[0].committed
    assert "已生成 5 张账单" in page.result_label.text()
    grab(page, "fees_billing_run.png")
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.preview_result is not None, timeout=10000)
    assert page.preview_result.bills == 0 and not page.run_button.isEnabled()  # idempotent


def test_billing_run_page_bad_period(qtbot, fees, monkeypatch):
    from ui.tabs.fees_manager import BillingRunPage

    services, *_ = fees
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    page = BillingRunPage(services)
    qtbot.addWidget(page)
    page.period.setText("2026-13")
    page.preview_button.click()
    assert warnings and "账期" in warnings[0]
    assert not page.run_button.isEnabled()


def test_arrears_page_reminder_and_notices(qtbot, qtmodeltester, fees):
    from ui.dialogs.fees_dialogs import ReminderDialog
    from ui.tabs.fees_arrears import ArrearsPage

    services, _, ids, shown = fees
    services.billing.run("2026-09")
    services.billing.run("2026-10")
    services.billing.run("2026-11")
    page = ArrearsPage(services)
    qtbot.addWidget(page)
    page.resize(1300, 600)
    assert page.model.rowCount() == 5
    qtmodeltester.check(page.model)
    assert "欠费 5 户" in page.summary.text()
    page.table.selectRow(0)
    page.add_reminder()
    dialog = page.findChild(ReminderDialog)
    dialog.method.setCurrentIndex(dialog.method.findData("phone"))
    dialog.promised_check.setChecked(True)
    dialog.note.setPlainText("月底前缴清")
    grab(dialog, "fees_reminder_dialog.png")
    with qtbot.waitSignal(page.reminded):
        dialog.buttons.accepted.emit()
    assert page.log_model.rowCount() == 1
    qtmodeltester.check(page.log_model)
    page.mode.setCurrentIndex(page.mode.findData("chase"))
    assert page.model.rowCount() == 4  # the promised one is not chased today
    grab(page, "fees_arrears.png")

    page.mode.setCurrentIndex(0)
    page.building.setCurrentIndex(page.building.findData(ids["b2"]))
    with qtbot.waitSignal(page.notices_ready, timeout=15000) as ready:
        page.print_building_notices()
    from io import BytesIO

    from pypdf import PdfReader

    assert len(PdfReader(BytesIO(ready.args[0])).pages) == 2
    assert shown and "2 页" in shown[-1][0]


def test_fee_items_page_add_and_validation(qtbot, qtmodeltester, fees):
    from ui.dialogs.fees_dialogs import FeeItemDialog
    from ui.tabs.fees_manager import FeeItemsPage

    services, _, ids, _ = fees
    page = FeeItemsPage(services)
    qtbot.addWidget(page)
    page.resize(1000, 300)
    assert page.model.rowCount() == 3
    qtmodeltester.check(page.model)
    page.add()
    dialog = page.findChild(FeeItemDialog)
    dialog.name.setText("电梯费")
    dialog.price.setText("abc")
    dialog.start.setText("2026-01-01")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "单价" in dialog.errors["unit_price"].text()
    dialog.price.setText("20")
    dialog.method.setCurrentIndex(dialog.method.findData("fixed"))
    dialog.scope.setCurrentIndex(dialog.scope.findData("buildings"))
    dialog.targets.item(0).setCheckState(Qt.CheckState.Checked)
    grab(dialog, "fees_item_dialog.png")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert page.model.rowCount() == 4
    item = next(r for r in page.model.rows() if r.name == "电梯费")
    assert item.scope == "buildings" and len(item.targets) == 1 and item.unit_price == Decimal("20")
    grab(page, "fees_items.png")
    page.add()
    dialog = [d for d in page.findChildren(FeeItemDialog) if d.isVisible()][-1]
    dialog.name.setText("装修垃圾清运")
    dialog.method.setCurrentIndex(dialog.method.findData("fixed"))
    dialog.price.setText("50")
    dialog.start.setText("2026-11-01")
    dialog.scope.setCurrentIndex(dialog.scope.findData("units"))
    dialog.unit_codes.setText("1-1-101, 9-9-999")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "9-9-999" in dialog.errors["unit_codes"].text()
    dialog.unit_codes.setText("1-1-101，1-1-102")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    item = next(r for r in page.model.rows() if r.name == "装修垃圾清运")
    assert sorted(item.targets) == sorted([ids["a"], ids["b"]])
    edit = FeeItemDialog(services, item, parent=page)
    assert edit.unit_codes.text() == "1-1-101, 1-1-102"
    desk = FeeItemsPage(services.as_actor(actor("service")))
    qtbot.addWidget(desk)
    assert not desk.add_button.isEnabled()


def test_figures_page_rates_and_cashup(qtbot, qtmodeltester, fees):
    from ui.tabs.fees_manager import FeeFiguresPage

    services, _, ids, shown = fees
    services.billing.run("2026-11")
    services.payments.pay(ids["a"], "895", "cash")
    services.payments.pay(ids["b"], "100", "wechat")
    page = FeeFiguresPage(services)
    qtbot.addWidget(page)
    page.resize(1200, 500)
    page.period.setText("2026-11")
    page.reload()
    assert page.loading and page.aging_label.text() == "正在加载…"  # read in the background
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    kinds = {r.kind: r for r in page.month_model.rows()}
    assert kinds["parking"].collected == Decimal("600.00")
    qtmodeltester.check(page.month_model)
    qtmodeltester.check(page.cashup_model)
    assert page.cashup.total == Decimal("995.00")
    assert "995.00" in page.cashup_label.text()
    page.print_button.click()
    assert shown and shown[-1][1].startswith(b"%PDF")
    grab(page, "fees_figures.png")


def test_figures_page_reads_the_fee_services_only_in_its_loaders(qtbot, fees, monkeypatch):
    """Issue 18: the page's first touch of the fee services (their import, their queries) is in the
    background jobs, never on the GUI thread; the figures it shows are the live sums over the lines."""
    import threading

    from app.services import Services
    from app.services.fees_reports import FeeReportService, aging_live, collection_sums_live, figures_of
    from ui.tabs.fees_manager import FeeFiguresPage

    services, clock, ids, _ = fees
    services.billing.run("2026-11")
    services.payments.pay(ids["a"], "300", "cash")
    services.payments.waive(ids["b"], "2026-11", "20", "困难户")
    threads = []

    def fee_reports(self):
        threads.append(threading.current_thread())
        return FeeReportService(self.ctx)

    monkeypatch.setattr(Services, "fee_reports", property(fee_reports))
    page = FeeFiguresPage(services)
    qtbot.addWidget(page)
    page.period.setText("2026-11")
    page.reload()
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert threads and threading.main_thread() not in threads
    with services.ctx.read() as s:
        live = figures_of("2026-11", collection_sums_live(s, "2026-01", "2026-11"))
        aging = aging_live(s, clock.now.date())
    assert tuple(page.month_model.rows()) == live.month and tuple(page.year_model.rows()) == live.year_to_date
    assert f"欠费 {aging.units} 户" in page.aging_label.text()


def test_billing_page_imports_meter_readings(qtbot, fees, tmp_path, monkeypatch):
    from openpyxl import Workbook
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from ui.tabs.fees_manager import BillingRunPage

    services, *_ = fees
    services.billing.save_item({"name": "水费", "method": "metered", "unit_price": "3.45", "unit_label": "元/吨",
                                "start_date": "2026-01-01"})
    wb = Workbook()
    wb.active.append(["房号", "读数"])
    wb.active.append(["1-1-101", 100])
    wb.active.append(["8-8-808", 5])
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("水费", True))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    page = BillingRunPage(services)
    qtbot.addWidget(page)
    page.period.setText("2026-10")
    page.import_readings()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert warnings[0] == "第3行: 房号“8-8-808”不存在"
    wb.active.delete_rows(3)
    wb.save(bad)
    page.import_readings()
    qtbot.waitUntil(lambda: "已导入" in page.result_label.text(), timeout=10000)
    assert "1 户" in page.result_label.text()


def test_arrears_page_exports_ledger(qtbot, fees, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    from ui.tabs.fees_arrears import ArrearsPage

    services, _, ids, _ = fees
    services.billing.run("2026-11")
    target = tmp_path / "台账.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    done = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: done.append(args[2]))
    page = ArrearsPage(services.as_actor(actor("service")))
    qtbot.addWidget(page)
    page.building.setCurrentIndex(page.building.findData(ids["b1"]))
    page.export_ledger()
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    ws = load_workbook(target).active
    assert ws.max_row == 2 + 3 + 1  # title, header, three units of 1栋, total
