"""经理 → 月结 page (issue 14): close a period with its button, the frozen rate shown, reopen by the admin."""

from __future__ import annotations

from datetime import datetime

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
