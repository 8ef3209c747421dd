"""车辆: type a plate and press 入场 or 出场; owners' cars are recognised, a temporary car is charged by the
parking rule on exit and paid with a receipt; cars overstaying and the car park's occupancy on top."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

from app.money import format_money
from app.services import Services
from app.services.vehicles import PassRow
from ui.models.windowed import Column, RowStyle
from ui.pages.order.common import DeskPage, ServiceForm, combo, line, when
from ui.tabs.fees_common import pay_method_choices
from ui.widgets.register_view import RegisterView

COLUMNS = [
    Column("plate", QT_TRANSLATE_NOOP("Column", "车牌"), "plate", width=6),
    Column("owner", QT_TRANSLATE_NOOP("Column", "业主车辆"), "owner", width=9),
    Column("entered_at", QT_TRANSLATE_NOOP("Column", "入场"), "entered_at", formatter=when, width=6),
    Column("left_at", QT_TRANSLATE_NOOP("Column", "出场"), "left_at", formatter=when, width=6),
    Column("minutes", QT_TRANSLATE_NOOP("Column", "停放(分钟)"), "minutes", width=5),
    Column("fee", QT_TRANSLATE_NOOP("Column", "停车费"), "fee",
           formatter=lambda v: format_money(v) if v is not None else "", width=5),
    Column("receipt_no", QT_TRANSLATE_NOOP("Column", "收据号"), "receipt_no", width=9),
]
OVERSTAY = RowStyle(background=QColor("#fde2e1"))
FILTERS = (QT_TRANSLATE_NOOP("VehiclesPage", "在场车辆"), QT_TRANSLATE_NOOP("VehiclesPage", "在场临时车"),
           QT_TRANSLATE_NOOP("VehiclesPage", "超时停放"), QT_TRANSLATE_NOOP("VehiclesPage", "全部记录"))
FLAGS = ({"inside_only": True}, {"inside_only": True, "temporary_only": True}, {"overstaying_only": True}, {})


class VehiclesPage(DeskPage):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        svc = services.vehicles
        self.plate = QLineEdit(self)
        self.plate.setObjectName("plate")
        self.plate.setPlaceholderText(self.tr("车牌, 如 粤B12345"))
        self.enter_button = QPushButton(self.tr("入场"), self)
        self.exit_button = QPushButton(self.tr("出场收费"), self)
        self.rule_button = QPushButton(self.tr("收费规则"), self)
        self.occupancy = QLabel(self)
        self.occupancy.setObjectName("occupancy")
        gate = QHBoxLayout()
        gate.setContentsMargins(6, 6, 6, 0)
        for w in (self.plate, self.enter_button, self.exit_button):
            gate.addWidget(w)
        gate.addWidget(self.occupancy, 1)
        gate.addWidget(self.rule_button)
        self.layout_.addLayout(gate)
        self.plate.returnPressed.connect(self.enter)
        self.enter_button.clicked.connect(self.enter)
        self.exit_button.clicked.connect(self.exit_by_plate)
        self.rule_button.clicked.connect(self.edit_rule)
        self.rule_button.setVisible(services.ctx.can("order.setup"))

        def flags(f) -> dict:
            return FLAGS[f.get("scope") or 0]

        register = self.set_register(RegisterView(
            COLUMNS,
            count=lambda f: svc.count(f["query"], **flags(f)),
            fetch=lambda f, offset, limit, _k, _d: svc.list(f["query"], offset, limit, **flags(f)),
            placeholder=self.tr("车牌或收据号"), row_style=lambda r: OVERSTAY if r.overstaying else None,
            parent=self,
        ))
        self.add_filter(register, "scope", self.tr("范围"), [(self.tr(t), i) for i, t in enumerate(FILTERS)])
        register.add_action(self.tr("出场收费"), self.exit_selected, needs_row=True, shortcut="F4")
        register.add_action(self.tr("打印收据"), self.print_receipt, needs_row=True)
        register.activated.connect(lambda _row: self.exit_selected())
        self.refresh_occupancy()

    def refresh_occupancy(self) -> None:
        occ = self.run(self.services.vehicles.occupancy)
        if occ is None:
            return
        self.occupancy.setText(
            self.tr("车位 %1 · 业主车在场 %2 · 临时车在场 %3 · 超时 %4 · 空余约 %5")
            .replace("%1", str(occ.spaces)).replace("%2", str(occ.owners_inside))
            .replace("%3", str(occ.temporary_inside)).replace("%4", str(occ.overstaying))
            .replace("%5", str(occ.free)))

    def _after(self, row: PassRow | None) -> PassRow | None:
        self.refresh_occupancy()
        if row is not None:
            self.plate.clear()
            self.register.reload(select=lambda r: r.id == row.id)
        return row

    def enter(self) -> PassRow | None:
        row = self.run(lambda: self.services.vehicles.enter(self.plate.text()), self.tr("车辆入场"))
        return self._after(row)

    def exit_by_plate(self) -> ServiceForm | PassRow | None:
        row = self.run(lambda: self.services.vehicles.find_inside(self.plate.text()), self.tr("车辆出场"))
        return self.exit_row(row) if row is not None else None

    def exit_selected(self) -> ServiceForm | PassRow | None:
        row = self.register.current_row()
        if row is None or row.left_at is not None:
            return None
        return self.exit_row(self.services.vehicles.get(row.id))

    def exit_row(self, row: PassRow) -> ServiceForm | PassRow | None:
        """An owner's car goes straight out; a temporary car gets the fee shown and the payment asked for."""
        if row.fee in (None, 0):
            return self._after(self.run(lambda: self.services.vehicles.leave(row.id), self.tr("车辆出场")))
        fee = QLabel(f"¥ {format_money(row.fee)}")
        fee.setStyleSheet("font-size: 16pt; font-weight: bold;")
        fields = [
            ("fee", self.tr("停车费"), fee),
            ("stay", self.tr("停放"), QLabel(self.tr("%1 分钟 (入场 %2)").replace("%1", str(row.minutes))
                                             .replace("%2", when(row.entered_at)))),
            ("method", self.tr("付款方式"), combo(pay_method_choices())),
        ]

        def pay(values: dict) -> int:
            done = self.services.vehicles.leave(row.id, values["method"], expected_fee=row.fee)
            self._after(done)
            return done.id

        dialog = ServiceForm(self.tr("临时车出场 %1").replace("%1", row.plate), fields, pay, self)
        dialog.buttons.button(dialog.buttons.StandardButton.Save).setText(self.tr("收款并放行"))
        dialog.saved.connect(lambda pass_id: self.offer_receipt(pass_id))
        return self.open_form(dialog)

    def offer_receipt(self, pass_id: int) -> None:
        answer = QMessageBox.question(self, self.tr("已收费"), self.tr("已收款。打印收据吗?"))
        if answer == QMessageBox.StandardButton.Yes:
            self._print(pass_id)

    def print_receipt(self) -> QWidget | None:
        row = self.register.current_row()
        return self._print(row.id) if row is not None else None

    def _print(self, pass_id: int) -> QWidget | None:
        return self.show_pdf(lambda: self.services.vehicles.receipt_pdf(pass_id), self.tr("停车收据"),
                             f"parking-{pass_id}.pdf")

    def edit_rule(self) -> ServiceForm:
        rule = self.services.vehicles.rule()
        fields = [
            ("free_minutes", self.tr("免费时长(分钟)"), line("30", str(rule.free_minutes))),
            ("per_hour", self.tr("每小时(元)"), line("5.00", str(rule.per_hour))),
            ("daily_cap", self.tr("每24小时封顶(元)"), line("40.00", str(rule.daily_cap))),
            ("overstay_hours", self.tr("超时提醒(小时)"), line("24", str(rule.overstay_hours))),
        ]
        dialog = ServiceForm(self.tr("临时停车收费规则"), fields,
                             lambda v: self.services.vehicles.set_rule(**v), self)
        return self.open_form(dialog)
