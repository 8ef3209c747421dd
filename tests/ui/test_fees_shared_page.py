"""经理 → 公摊 (issue 14): define a meter, type the master reading, see the split previewed with its formula,
then 入账 — and a second 入账 once a share is paid is refused with the service's message."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from app.models import ChargeMethod, FeeKind
from tests.fees_setup import add_items, build_property, fee_services


@pytest.fixture
def building(db):
    services, _ = fee_services(db, now=datetime(2026, 11, 28, 10, 0))
    ids = build_property(services)
    add_items(services)
    power = services.billing.save_item({"name": "电费", "kind": FeeKind.UTILITY, "method": ChargeMethod.METERED,
                                        "unit_price": "0.60", "unit_label": "元/度", "start_date": "2026-01-01"})
    services.billing.save_readings(power, "2026-10", {ids["a"]: "100", ids["b"]: "200", ids["c"]: "50"})
    services.billing.save_readings(power, "2026-11", {ids["a"]: "180", ids["b"]: "260", ids["c"]: "50"})
    services.billing.run("2026-11")
    return services, ids, power


def test_define_read_preview_and_post(qtbot, qtmodeltester, building, monkeypatch):
    from ui.application import install_font
    from ui.tabs.fees_shared import SharedMeterDialog, SharedMetersPage

    install_font(QApplication.instance())
    services, ids, power = building
    page = SharedMetersPage(services)
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()
    assert "还没有公摊总表" in page.summary.text()

    page.add_button.click()
    dialog = page.findChild(SharedMeterDialog)
    assert dialog is not None
    dialog.field("name").setText("1栋公共用电")
    dialog.field("item_name").setText("公摊电费")
    dialog.field("sub_item_id").setCurrentIndex(dialog.field("sub_item_id").findData(power))
    dialog.field("unit_price").setText("abc")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "单价" in dialog.errors()["unit_price"] and dialog.isVisible()
    dialog.field("unit_price").setText("1.20")
    dialog.field("building_id").setCurrentIndex(dialog.field("building_id").findData(ids["b1"]))
    with qtbot.waitSignal(dialog.saved):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtmodeltester.check(page.meter_model)
    assert page.selected().name == "1栋公共用电"

    page.period.setText("2026-10")
    qtbot.keyClicks(page.reading, "1000")
    qtbot.keyClick(page.reading, Qt.Key.Key_Return)
    assert "没有 2026-10 之前的读数" in page.summary.text()  # the first reading only starts the meter
    page.period.setText("2026-11")
    qtbot.keyClicks(page.reading, "1250")
    qtbot.keyClick(page.reading, Qt.Key.Key_Return)
    qtmodeltester.check(page.part_model)
    assert page.part_model.rowCount() == 3
    assert "公摊 110 × 1.20 元 = 132.00 元" in page.summary.text() and "未入账" in page.summary.text()
    formula = page.part_model.index(1, 6).data()
    assert formula == "(总表 250 − 分户合计 140) × 1.20 元 × 本户 89.56㎡ / 全楼 308.31㎡"
    assert page.part_model.index(1, 4).data() == "38.35"
    page.grab().save("/tmp/i14m_shared.png")

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.post_button.click()
    assert "已入账: 3 户, 合计 132.00 元" in page.summary.text()
    assert page.part_model.index(1, 5).data() == "38.35"

    owed = services.payments.account(ids["b"]).outstanding
    services.payments.pay(ids["b"], str(owed), "cash")
    page.preview()
    assert "已有 1 户缴费" in page.summary.text() and not page.post_button.isEnabled()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    qtbot.keyClicks(page.reading, "900")  # below October's 1000
    qtbot.keyClick(page.reading, Qt.Key.Key_Return)
    assert warnings and "小于上次读数" in warnings[-1] and page.reading.text() == "900"
