"""钥匙/快递: keys lent and returned with the signer's name, parcels received → notified → picked up."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QInputDialog, QSplitter, QWidget

from app.services import Services
from ui.models.windowed import Column
from ui.pages.order.common import DeskPage, ServiceForm, line, when
from ui.widgets.register_view import RegisterView

KEY_COLUMNS = [
    Column("key_name", QT_TRANSLATE_NOOP("Column", "钥匙"), "key_name", width=8),
    Column("borrower", QT_TRANSLATE_NOOP("Column", "借用人"), "borrower", width=5),
    Column("phone", QT_TRANSLATE_NOOP("Column", "手机号"), "phone", width=7),
    Column("lent_at", QT_TRANSLATE_NOOP("Column", "借出"), "lent_at", formatter=when, width=6),
    Column("returned_at", QT_TRANSLATE_NOOP("Column", "归还"), "returned_at", formatter=when, width=6),
    Column("returned_by", QT_TRANSLATE_NOOP("Column", "归还人"), "returned_by", width=5),
]
PARCEL_COLUMNS = [
    Column("unit", QT_TRANSLATE_NOOP("Column", "房号"), "unit", width=6),
    Column("recipient", QT_TRANSLATE_NOOP("Column", "收件人"), "recipient", width=5),
    Column("carrier", QT_TRANSLATE_NOOP("Column", "快递公司"), "carrier", width=5),
    Column("received_at", QT_TRANSLATE_NOOP("Column", "收到"), "received_at", formatter=when, width=6),
    Column("notified_at", QT_TRANSLATE_NOOP("Column", "已通知"), "notified_at", formatter=when, width=6),
    Column("picked_up_at", QT_TRANSLATE_NOOP("Column", "取件"), "picked_up_at", formatter=when, width=6),
    Column("picked_up_by", QT_TRANSLATE_NOOP("Column", "取件人"), "picked_up_by", width=5),
]


class KeysParcelsPage(DeskPage):
    """Two registers one above the other: keys, then parcels."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        kp = services.keys_parcels
        self.keys = RegisterView(
            KEY_COLUMNS, count=lambda f: kp.count_keys(bool(f.get("out"))),
            fetch=lambda f, offset, limit, _k, _d: kp.list_keys(bool(f.get("out")), offset, limit), parent=self)
        self.keys.search.setVisible(False)
        self.add_filter(self.keys, "out", self.tr("钥匙"), [(self.tr("借出未还"), True), (self.tr("全部"), None)])
        self.keys.add_action(self.tr("借出钥匙"), self.lend_key)
        self.keys.add_action(self.tr("归还"), self.return_key, needs_row=True)
        self.parcels = RegisterView(
            PARCEL_COLUMNS, count=lambda f: kp.count_parcels(bool(f.get("waiting"))),
            fetch=lambda f, offset, limit, _k, _d: kp.list_parcels(bool(f.get("waiting")), offset, limit),
            parent=self)
        self.parcels.search.setVisible(False)
        self.add_filter(self.parcels, "waiting", self.tr("快递"), [(self.tr("待取"), True), (self.tr("全部"), None)])
        self.parcels.add_action(self.tr("收快递"), self.receive_parcel)
        self.parcels.add_action(self.tr("已通知"), self.notify_parcel, needs_row=True)
        self.parcels.add_action(self.tr("取件"), self.pick_up, needs_row=True)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.keys)
        splitter.addWidget(self.parcels)
        self.layout_.addWidget(splitter)
        self.register = self.keys

    def _form(self, register: RegisterView, title: str, fields, save: Callable) -> ServiceForm:
        self.register = register
        return self.open_form(ServiceForm(title, fields, save, self))

    def _sign(self, register: RegisterView, title: str, act: Callable[[int, str], None]) -> None:
        row = register.current_row()
        if row is None:
            return
        name, ok = QInputDialog.getText(self, title, self.tr("签字人姓名:"))
        if ok:
            self.register = register
            self.done(lambda: act(row.id, name), title)

    def lend_key(self) -> ServiceForm:
        fields = [("key_name", self.tr("钥匙"), line(self.tr("如 配电房 / 3-1-1502 业主寄存"))),
                  ("borrower", self.tr("借用人(签字)"), line()), ("phone", self.tr("手机号"), line(self.tr("可留空")))]
        return self._form(self.keys, self.tr("借出钥匙"), fields, self.services.keys_parcels.lend_key)

    def return_key(self) -> None:
        self._sign(self.keys, self.tr("归还钥匙"), self.services.keys_parcels.return_key)

    def receive_parcel(self) -> ServiceForm:
        fields = [("unit", self.tr("房号"), line(self.tr("如 3-1-1502"))), ("recipient", self.tr("收件人"), line()),
                  ("carrier", self.tr("快递公司"), line()), ("tracking_no", self.tr("单号"), line())]
        return self._form(self.parcels, self.tr("收快递"), fields, self.services.keys_parcels.receive_parcel)

    def notify_parcel(self) -> None:
        row = self.parcels.current_row()
        if row is not None:
            self.register = self.parcels
            self.done(lambda: self.services.keys_parcels.notify_parcel(row.id))

    def pick_up(self) -> None:
        self._sign(self.parcels, self.tr("取件"), self.services.keys_parcels.pick_up_parcel)
