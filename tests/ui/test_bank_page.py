"""经理 → 银行托收 through its widgets: an agreement added in the form, the collection file made from the
toolbar, the bank's result previewed (a bad file cannot be imported) and imported, the batch rows with the
bank's reason; a 客服 operator sees the account numbers masked and no buttons that change anything."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.permissions import DEFAULT_ROLE_PERMISSIONS
from app.services.context import Actor
from tests.fees_setup import add_items, build_property, fee_services

SHOTS = Path("/tmp/shots")


@pytest.fixture
def bank(db, monkeypatch):
    services, clock = fee_services(db, now=datetime(2026, 11, 5, 10, 0))
    ids = build_property(services)
    add_items(services)
    services.billing.run("2026-10")
    services.bank_agreements.save({"unit": "1-1-102", "bank": "工商银行", "holder": "李四",
                                   "account_no": "6217000010002222333", "active_from": "2026-01-01"})
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    return services, clock, ids, shown


def answer(export: Path, target: Path, results: list[tuple[str, str]]) -> Path:
    rows = [list(r) for r in load_workbook(export, read_only=True).worksheets[0].iter_rows(values_only=True)]
    wb = Workbook()
    wb.active.append([*rows[0], "扣款结果", "失败原因"])
    for row, result in zip(rows[1:], results, strict=True):
        wb.active.append([*row, *result])
    wb.save(target)
    return target


def test_agreement_export_preview_and_import(qtbot, qtmodeltester, bank, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from ui.application import install_font
    from ui.pages.manager.bank import BankPage

    install_font(QApplication.instance())  # Chinese in the screenshots
    services, _, ids, shown = bank
    page = BankPage(services)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    agreements = page.agreements
    assert agreements.register.model.rowCount() == 1
    qtmodeltester.check(agreements.register.model)

    dialog = agreements.add()
    dialog.field("unit").setText("2-1-101")
    dialog.field("bank").setText("建设银行")
    dialog.field("holder").setText("王五")
    dialog.field("account_no").setText("622700001111")
    dialog.field("active_from").setText("2026-11-40")
    dialog.accept()
    assert "生效日期" in dialog.errors().get("active_from", "")  # shown under the field, nothing saved
    dialog.field("active_from").setText("2026-11-01")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.accept()
    assert agreements.register.model.rowCount() == 2
    SHOTS.mkdir(exist_ok=True)
    page.grab().save(str(SHOTS / "bank_agreements.png"))

    target = tmp_path / "托收2026-10.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    export = page.export()
    export.field("period").setText("2026-10")
    export.accept()
    qtbot.waitUntil(lambda: any("已生成托收批次" in m for m in shown), timeout=10000)
    assert target.exists()
    assert page.batches.register.model.rowCount() == 1

    bad = answer(target, tmp_path / "bad.xlsx", [("成功", ""), ("也许", "")])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    dialog = page.choose_result()
    qtmodeltester.check(dialog.model)
    assert not dialog.import_button.isEnabled() and "第3行 扣款结果" in dialog.problems.toPlainText()
    dialog.reject()

    good = answer(target, tmp_path / "good.xlsx", [("成功", ""), ("失败", "余额不足")])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    dialog = page.choose_result()
    assert dialog.import_button.isEnabled() and "扣款成功 1 户" in dialog.summary.text()
    dialog.grab().save(str(SHOTS / "bank_result_preview.png"))
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    assert page.currentWidget() is page.batches
    pane = page.batches.pane
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2, timeout=5000)
    reasons = [pane.model.index(r, 6).data() for r in range(2)]
    assert "余额不足" in reasons
    page.grab().save(str(SHOTS / "bank_batches.png"))
    assert services.fees_check.check("2026-10").ok

    from ui.tabs.fees_counter import FeeCounterPage  # the failed unit's fee view shows the bank's reason

    counter = FeeCounterPage(services)
    qtbot.addWidget(counter)
    counter.show_unit(ids["d"])
    assert "银行托收失败" in counter.summary.text() and "余额不足" in counter.summary.text()
    counter.show_unit(ids["b"])
    assert "银行托收失败" not in counter.summary.text()


def test_service_operator_sees_masked_numbers_read_only(qtbot, bank):
    from ui.pages.manager.bank import BankPage
    from ui.tabs.base import make_read_only

    services, _, _, _ = bank
    kefu = services.as_actor(Actor(7, "xiaowang", "小王", "service", DEFAULT_ROLE_PERMISSIONS["service"] | {"bank.view"}))
    page = BankPage(kefu)
    qtbot.addWidget(page)
    make_read_only(page, "")
    model = page.agreements.register.model
    assert model.index(0, 3).data() == "6217***********2333"
    assert not hasattr(page, "export_action")


def test_cancel_a_batch_the_bank_did_not_process(qtbot, bank, tmp_path):
    from ui.pages.manager.bank import BankPage

    services, _, _, _ = bank
    batch = services.bank.export("2026-10", tmp_path / "t.xlsx")
    page = BankPage(services)
    qtbot.addWidget(page)
    batches = page.batches
    batches.register.reload(select=lambda row: row.id == batch.id)
    qtbot.waitUntil(lambda: batches.current() is not None, timeout=5000)
    assert batches.cancel_button.isEnabled()
    dialog = batches.cancel_batch()
    dialog.accept()
    assert "撤销原因" in dialog.errors().get("reason", "")
    dialog.field("reason").setText("银行未处理")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.accept()
    assert services.bank.get(batch.id).status == "cancelled"
    services.bank.export("2026-10", tmp_path / "again.xlsx")  # a new file may be made now
