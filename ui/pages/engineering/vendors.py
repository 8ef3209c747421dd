"""外包维保: vendors and contracts (expiring ones in red), their visits with 验收 and rating, and the
monthly score."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.errors import ServiceError
from app.models import EquipmentSystem
from app.money import format_money
from app.services.vendors import VendorRow, VisitRow
from ui.dialogs.form import FormDialog
from ui.dialogs.record import ActionDialog, RecordDialog, combo, line, note
from ui.engineering_labels import eng_choices, eng_label
from ui.models.windowed import ROW_ROLE, Column, ListTableModel, RowStyle
from ui.pages.register_page import DetailPane, RegisterPage
from ui.widgets.table import fit_columns, make_table_view

COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "单位名称"), "name", sort_key="name", width=9),
    Column("system", QT_TRANSLATE_NOOP("Column", "系统"), "system", sort_key="system", formatter=eng_label, width=6),
    Column("contact", QT_TRANSLATE_NOOP("Column", "联系人"), "contact", width=5),
    Column("phone", QT_TRANSLATE_NOOP("Column", "电话"), "phone", width=7),
    Column("contract_end", QT_TRANSLATE_NOOP("Column", "合同到期"), "contract_end", sort_key="contract_end", width=6),
    Column("days_left", QT_TRANSLATE_NOOP("Column", "剩余天数"), "days_left", width=4),
]
VISIT_COLUMNS = [
    Column("visited_on", QT_TRANSLATE_NOOP("Column", "日期"), "visited_on"),
    Column("work", QT_TRANSLATE_NOOP("Column", "维保内容"), "work"),
    Column("equipment", QT_TRANSLATE_NOOP("Column", "设备"), "equipment"),
    Column("accepted", QT_TRANSLATE_NOOP("Column", "已验收"), "accepted"),
    Column("rating", QT_TRANSLATE_NOOP("Column", "评分"), "rating"),
]
SCORE_COLUMNS = [
    Column("vendor", QT_TRANSLATE_NOOP("Column", "单位名称"), "vendor"),
    Column("visits", QT_TRANSLATE_NOOP("Column", "来访次数"), "visits"),
    Column("accepted", QT_TRANSLATE_NOOP("Column", "已验收"), "accepted"),
    Column("average", QT_TRANSLATE_NOOP("Column", "平均评分"), "average"),
]
EXPIRING = RowStyle(foreground=QColor("#b00020"))


def vendor_style(row: VendorRow) -> RowStyle | None:
    return EXPIRING if row.expiring else None


class VendorDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑外包单位") if self.record_id else self.tr("新增外包单位"))
        self.add_field("name", self.tr("单位名称"), line())
        self.add_field("system", self.tr("维保系统"), combo([(self.tr("请选择"), None), *eng_choices(EquipmentSystem)]))
        self.add_field("scope", self.tr("服务内容"), line(self.tr("例如 电梯日常维保、年检配合")))
        self.add_field("contact", self.tr("联系人"), line())
        self.add_field("phone", self.tr("电话"), line())
        self.add_field("contract_no", self.tr("合同编号"), line())
        self.add_field("contract_start", self.tr("合同开始"), line("2026-01-01"))
        self.add_field("contract_end", self.tr("合同结束"), line("2026-12-31"))
        self.add_field("contract_amount", self.tr("合同金额(元)"), line())
        self.add_field("notes", self.tr("备注"), note())


class ScoreDialog(QDialog):
    """月度评分: visits, accepted ones and the mean rating per vendor for a month."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("外包单位月度评分"))
        self.services = services
        self.month = QLineEdit(services.ctx.clock().strftime("%Y-%m"), self)
        self.month.setObjectName("month")
        self.month.returnPressed.connect(self.load)
        self.model = ListTableModel(SCORE_COLUMNS, parent=self)
        self.table = make_table_view(self.model, self, sortable=False)
        self.message = QLabel(self)
        show = QPushButton(self.tr("查询"), self)
        show.clicked.connect(self.load)
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("月份 (例如 2026-11)"), self))
        layout.addWidget(self.month)
        layout.addWidget(show)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(520, 380)
        self.load()

    def load(self) -> None:
        try:
            rows = self.services.vendors.monthly_scores(self.month.text().strip())
        except ServiceError as exc:
            self.message.setText("; ".join(getattr(exc, "errors", {}).values()) or str(exc))
            return
        self.model.set_rows(rows)
        self.message.setText("" if rows else self.tr("该月没有来访记录"))
        fit_columns(self.table)


class VendorsPage(RegisterPage):
    def __init__(self, services, parent: QWidget | None = None):
        self.pane = DetailPane(VISIT_COLUMNS, parent)
        super().__init__(services, services.vendors, COLUMNS, VendorDialog, detail=self.pane, row_style=vendor_style,
                         placeholder=self.tr("单位名称、服务内容、联系人或合同编号"), parent=parent)
        reg = self.register
        reg.add_filter_combo("system", self.tr("系统"), [(self.tr("全部系统"), None), *eng_choices(EquipmentSystem)])
        reg.add_filter_combo("expiring", self.tr("合同"), [(self.tr("全部"), None), (self.tr("60天内到期"), 1)])
        if services.ctx.can("maintenance.record"):
            self.visit_button = self.pane.add_button(self.tr("登记来访"), self.record_visit)
        if services.ctx.can("equipment.manage"):
            self.accept_button = self.pane.add_button(self.tr("验收所选来访"), self.accept_visit)
        reg.add_action(self.tr("月度评分"), self.show_scores)
        self.add_refresh()
        self.warning = QLabel(self)
        self.warning.setObjectName("expiry_warning")
        self.warning.setStyleSheet("color: #b00020;")
        reg.filter_bar.addWidget(self.warning)
        reg.current_row_changed.connect(self.show_vendor)
        reg.splitter.setSizes([600, 420])
        self.update_warning()

    def update_warning(self) -> None:
        try:
            soon = self.services.vendors.expiring()
        except ServiceError:
            return
        self.warning.setText(self.tr("%1 份合同60天内到期或已到期").replace("%1", str(len(soon))) if soon else "")

    def show_vendor(self, row: VendorRow | None) -> None:
        if row is None:
            self.pane.clear()
            return
        amount = format_money(row.contract_amount) if row.contract_amount is not None else ""
        period = " — ".join(d.isoformat() for d in (row.contract_start, row.contract_end) if d)
        facts = [(self.tr("系统"), eng_label(row.system)), (self.tr("服务内容"), row.scope),
                 (self.tr("合同"), f"{row.contract_no} {period} {amount}".strip())]
        self.pane.show(row.name, facts, self.services.vendors.visits(row.id))

    def current_visit(self) -> VisitRow | None:
        index = self.pane.table.currentIndex()
        return self.pane.model.data(index, ROW_ROLE) if index.isValid() else None

    def record_visit(self) -> FormDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = ActionDialog(self.tr("登记来访 — %1").replace("%1", row.name),
                              lambda v: self.services.vendors.record_visit({**v, "vendor_id": row.id}), parent=self)
        dialog.add_field("visited_on", self.tr("来访日期"), line(text=self.services.ctx.clock().date().isoformat()))
        dialog.add_field("technician", self.tr("维保人员"), line())
        dialog.add_field("equipment_id", self.tr("设备"), combo([(self.tr("不指定"), None),
                                                                *self.services.equipment.choices(row.system)]))
        dialog.add_field("work", self.tr("维保内容"), line())
        return self.open_dialog(dialog, lambda _id: row.id)

    def accept_visit(self) -> FormDialog | None:
        row, visit = self.current(), self.current_visit()
        if row is None or visit is None:
            return None
        dialog = ActionDialog(self.tr("验收 %1").replace("%1", f"{visit.visited_on} {visit.work}"),
                              lambda v: self.services.vendors.accept_visit(visit.id, v["rating"], v["note"],
                                                                           visit.version),
                              ok_text=self.tr("验收"), parent=self)
        dialog.add_field("rating", self.tr("评分"), combo([(f"{n}", n) for n in (5, 4, 3, 2, 1)]))
        dialog.add_field("note", self.tr("验收意见"), line(self.tr("2分及以下请写明问题")))
        return self.open_dialog(dialog, lambda _id: row.id)

    def show_scores(self) -> ScoreDialog:
        dialog = ScoreDialog(self.services, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog
