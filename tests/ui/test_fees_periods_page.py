"""经理 → 月结 page (issue 14): close a period with its button, the frozen rate shown, reopen by the admin."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from tests.conftest import actor
from tests.fees_setup import add_items, build_property, fee_services


@pytest.fixture
def month(db):
    services, clock = fee_services(db, now=datetime(2026, 10, 20, 10, 0))
    ids = build_property(services)
    add_items(services)
    services.billing.run("2026-10")
    services.payments.pay(ids["a"], "500", "cash")
    services.fee_reports.close_cashup(date(2026, 10, 20))
    clock.now = datetime(2026, 11, 5, 9, 0)
    services.billing.run("2026-11")
    return services, ids


def test_manager_closes_admin_reopens(qtbot, qtmodeltester, month, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from ui.application import install_font
    from ui.tabs.fees_periods import PeriodClosePage

    install_font(QApplication.instance())  # for the screenshot
    services, ids = month
    manager = services.as_actor(actor("manager", user_id=8, name="张经理"))
    warnings = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    page = PeriodClosePage(manager)
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()
    qtmodeltester.check(page.model)
    assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == ["2026-11", "2026-10"]
    assert page.reopen_button.isHidden()  # the manager cannot reopen
    page.table.selectRow(0)  # 2026-11 has not ended: refused with the service's message
    page.close_button.click()
    assert warnings and "还没有结束" in warnings[-1]
    page.table.selectRow(1)
    page.close_button.click()
    assert services.periods.get("2026-10").closed
    assert page.model.index(1, 1).data() == "已月结" and page.model.index(1, 3).data() == "张经理"
    assert not page.close_button.isEnabled()
    services.payments.pay(ids["b"], "100", "cash")  # arrears of October paid in November
    page.reload()
    assert page.model.index(1, 7).data() == "100.00"
    page.grab().save("/tmp/i14_periods.png")

    admin = services.as_actor(actor("admin", user_id=1, name="管理员"))
    page2 = PeriodClosePage(admin)
    qtbot.addWidget(page2)
    page2.table.selectRow(1)
    assert page2.reopen_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("银行回单漏录", True))
    page2.reopen_button.click()
    assert not services.periods.get("2026-10").closed
    assert page2.model.index(1, 1).data() == "已重新打开" and page2.model.index(1, 8).data() == "银行回单漏录"


def test_adjustments_of_a_closed_period_from_the_page(qtbot, month, monkeypatch):
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.tabs.fees_periods import AdjustDialog, PeriodClosePage

    services, ids = month
    manager = services.as_actor(actor("manager", user_id=8, name="张经理"))
    manager.periods.close("2026-10")
    page = PeriodClosePage(manager)
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(0)  # 2026-11: open, nothing to adjust
    assert not page.adjust_button.isEnabled()
    page.table.selectRow(1)
    assert page.adjust_button.isEnabled()
    owed = services.payments.account(ids["b"]).outstanding

    def fill(unit, amount, reason):
        page.adjust_button.click()
        dialog = page.findChild(AdjustDialog)
        dialog.field("unit").setText(unit)
        dialog.field("amount").setText(amount)
        dialog.field("reason").setText(reason)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog

    dialog = fill("9-9-999", "10", "漏收")
    assert "房号不存在" in dialog.errors()["unit"] and dialog.isVisible()
    dialog.field("unit").setText("1-1-102")
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert services.payments.account(ids["b"]).outstanding == owed + 10
    dialog.deleteLater()
    qtbot.waitUntil(lambda: page.findChild(AdjustDialog) is None)
    dialog = fill("1-1-102", "-25", "10月多收")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert services.payments.account(ids["b"]).outstanding == owed - 15
    assert services.fees_check.check("2026-11").ok
