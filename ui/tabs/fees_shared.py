"""经理 → 公摊: shared meters (a building's public electricity, a lift, water loss) — the meter list, the master
reading of a period, the apportionment previewed unit by unit with its formula, then 入账 (posted as one line per
unit). The rules and the rounding are the service's (app/services/fees_shared.py)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldError, ServiceError
from app.models import ChargeMethod, ShareBasis, ShareScope
from app.services.fees_billing import fmt_price
from ui.dialogs.form import FormDialog
from ui.messages import ui_message
from ui.models.windowed import RIGHT, ROW_ROLE, Column, ListTableModel
from ui.tabs.base import read_safe
from ui.tabs.fees_common import fit_columns, money_text
from ui.widgets.flow_layout import FlowLayout, labelled
from ui.widgets.table import make_table_view

BASIS = {ShareBasis.AREA: QT_TRANSLATE_NOOP("SharedMetersPage", "按建筑面积"),
         ShareBasis.EQUAL: QT_TRANSLATE_NOOP("SharedMetersPage", "按户均摊")}
SCOPES = {ShareScope.BUILDING: QT_TRANSLATE_NOOP("SharedMetersPage", "一栋楼"),
          ShareScope.ALL: QT_TRANSLATE_NOOP("SharedMetersPage", "全小区"),
          ShareScope.UNITS: QT_TRANSLATE_NOOP("SharedMetersPage", "指定房屋")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SharedMetersPage", text)


def _message(exc: ServiceError) -> str:
    """A refusal as the operator reads it: every field's message of a FieldError, translated."""
    text = "\n".join(exc.errors.values()) if isinstance(exc, FieldError) else str(exc)
    return ui_message(text)


def _scope(row) -> str:
    if row.scope == ShareScope.BUILDING:
        return row.building_name
    if row.scope == ShareScope.UNITS:
        return QCoreApplication.translate("SharedMetersPage", "指定 %1 户").replace("%1", str(len(row.unit_ids)))
    return QCoreApplication.translate("SharedMetersPage", "全小区")


METER_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "公摊总表"), "name"),
    Column("item", QT_TRANSLATE_NOOP("Column", "收费项目"), "item_name"),
    Column("sub", QT_TRANSLATE_NOOP("Column", "扣除分户表"), "sub_item_name"),
    Column("basis", QT_TRANSLATE_NOOP("Column", "分摊方式"), lambda r: _tr(BASIS[r.basis])),
    Column("price", QT_TRANSLATE_NOOP("Column", "单价(元)"), lambda r: fmt_price(r.unit_price), align=RIGHT),
    Column("scope", QT_TRANSLATE_NOOP("Column", "范围"), _scope),
    Column("last", QT_TRANSLATE_NOOP("Column", "最近读数"),
           lambda r: f"{r.last_period}: {r.last_reading}" if r.last_period else ""),
]

PART_COLUMNS = [
    Column("room", QT_TRANSLATE_NOOP("Column", "房号"), "room"),
    Column("weight", QT_TRANSLATE_NOOP("Column", "面积/户"), lambda r: f"{r.weight.normalize():f}", align=RIGHT),
    Column("sub", QT_TRANSLATE_NOOP("Column", "分户用量"),
           lambda r: "" if r.sub_usage is None else f"{r.sub_usage.normalize():f}", align=RIGHT),
    Column("quantity", QT_TRANSLATE_NOOP("Column", "分摊用量"), "quantity", align=RIGHT),
    Column("amount", QT_TRANSLATE_NOOP("Column", "金额(元)"), "amount", align=RIGHT, formatter=money_text),
    Column("posted", QT_TRANSLATE_NOOP("Column", "已入账(元)"), "posted", align=RIGHT,
           formatter=lambda v: "" if v is None else money_text(v)),
    Column("formula", QT_TRANSLATE_NOOP("Column", "公式"), "formula"),
]


class SharedMeterDialog(FormDialog):
    """新增/编辑公摊总表."""

    def __init__(self, services, row=None, parent: QWidget | None = None):
        super().__init__(self.tr("编辑公摊总表") if row else self.tr("新增公摊总表"), parent)
        self.services, self.row = services, row
        self.add_field("name", self.tr("总表名称"), QLineEdit(self)).setPlaceholderText(self.tr("如: 1栋公共用电"))
        self.add_field("item_name", self.tr("账单上的收费项目"), QLineEdit(self)).setPlaceholderText(
            self.tr("如: 公摊电费 (没有则新建)"))
        sub = self.add_field("sub_item_id", self.tr("扣除的分户表"), QComboBox(self))
        sub.addItem(self.tr("不扣 (电梯等没有分户表)"), None)
        for item in services.billing.items():
            if item.method == ChargeMethod.METERED:
                sub.addItem(item.name, item.id)
        basis = self.add_field("basis", self.tr("分摊方式"), QComboBox(self))
        for code, text in BASIS.items():
            basis.addItem(_tr(text), code)
        self.add_field("unit_price", self.tr("单价 (元/度, 元/吨)"), QLineEdit(self))
        scope = self.add_field("scope", self.tr("范围"), QComboBox(self))
        for code, text in SCOPES.items():
            scope.addItem(_tr(text), code)
        building = self.add_field("building_id", self.tr("楼栋"), QComboBox(self))
        for b in services.archive.buildings():
            building.addItem(b.name, b.id)
        self.add_field("rooms", self.tr("指定房号"), QLineEdit(self)).setPlaceholderText(
            self.tr("逗号分隔, 如 1-1-101, 1-1-102"))
        notes = self.add_field("notes", self.tr("备注"), QPlainTextEdit(self))
        notes.setFixedHeight(50)
        scope.currentIndexChanged.connect(self._scope_changed)
        if row is not None:
            self.set_values({"name": row.name, "item_name": row.item_name, "sub_item_id": row.sub_item_id,
                             "basis": row.basis, "unit_price": f"{row.unit_price.normalize():f}", "scope": row.scope,
                             "building_id": row.building_id, "rooms": row.rooms, "notes": row.notes})
        self._scope_changed()

    def _scope_changed(self) -> None:
        scope = self.field("scope").currentData()
        self.field("building_id").setEnabled(scope == ShareScope.BUILDING)
        self.field("rooms").setEnabled(scope == ShareScope.UNITS)

    def save(self, values) -> int:
        if self.row is not None:
            values = {**values, "version": self.row.version, "active": self.row.active}
        return self.services.shared_meters.save_meter(values, self.row.id if self.row else None)


class SharedMetersPage(QWidget):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.result = None
        self.meter_model = ListTableModel(METER_COLUMNS, parent=self)
        self.meters = make_table_view(self.meter_model, self, sortable=False)
        self.meters.selectionModel().currentRowChanged.connect(lambda *_: self.preview())
        self.add_button = QPushButton(self.tr("新增总表…"), self)
        self.add_button.clicked.connect(lambda: self.edit_meter(None))
        self.edit_button = QPushButton(self.tr("编辑…"), self)
        self.edit_button.clicked.connect(lambda: self.edit_meter(self.selected()))
        self.period = QLineEdit(services.ctx.clock().strftime("%Y-%m"), self)
        self.period.setMaximumWidth(90)
        self.period.editingFinished.connect(self.preview)
        self.reading = QLineEdit(self)
        self.reading.setMinimumWidth(150)
        self.reading.setMaximumWidth(170)
        self.reading.setPlaceholderText(self.tr("本期总表读数"))
        self.save_reading_button = QPushButton(self.tr("保存读数"), self)
        self.save_reading_button.clicked.connect(self.save_reading)
        self.reading.returnPressed.connect(self.save_reading)
        self.preview_button = QPushButton(self.tr("试算"), self)
        self.preview_button.clicked.connect(self.preview)
        read_safe(self.preview_button)
        self.post_button = QPushButton(self.tr("入账…"), self)
        self.post_button.clicked.connect(self.post)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.part_model = ListTableModel(PART_COLUMNS, parent=self)
        self.parts = make_table_view(self.part_model, self, sortable=False)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        meter_bar = QHBoxLayout()
        meter_bar.addWidget(self.add_button)
        meter_bar.addWidget(self.edit_button)
        meter_bar.addStretch(1)
        top_layout.addLayout(meter_bar)
        top_layout.addWidget(self.meters)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bar = FlowLayout()
        bar.addWidget(labelled(QLabel(self.tr("账期"), self), self.period))
        bar.addWidget(labelled(QLabel(self.tr("总表读数"), self), self.reading))
        for button in (self.save_reading_button, self.preview_button, self.post_button):
            bar.addWidget(button)
        bottom_layout.addLayout(bar)
        bottom_layout.addWidget(self.summary)
        bottom_layout.addWidget(self.parts, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split)
        self.can_define = services.ctx.can("fees.items")
        self.add_button.setVisible(self.can_define)
        self.edit_button.setVisible(self.can_define)
        self.reload()

    def home_widget(self) -> QWidget:
        return self.reading

    def selected(self):
        index = self.meters.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def reload(self, select_id: int | None = None) -> None:
        current = self.selected()
        wanted = select_id if select_id is not None else (current.id if current else None)
        try:
            rows = self.services.shared_meters.meters()
        except ServiceError as exc:
            self.summary.setText(ui_message(str(exc)))
            return
        self.meter_model.set_rows(rows)
        fit_columns(self.meters)
        index = next((i for i, r in enumerate(rows) if r.id == wanted), 0 if rows else None)
        if index is not None:
            self.meters.selectRow(index)
        else:
            self.summary.setText(self.tr("还没有公摊总表: 点“新增总表…”登记一块总表 (如 1栋公共用电)。"))
        self._enable()

    def _enable(self) -> None:
        has = self.selected() is not None
        for widget in (self.edit_button, self.save_reading_button, self.preview_button, self.reading):
            widget.setEnabled(has)
        self.post_button.setEnabled(has and self.result is not None and not self.result.refusal)

    def edit_meter(self, row) -> None:
        dialog = SharedMeterDialog(self.services, row, self)
        dialog.saved.connect(lambda meter_id: self.reload(meter_id))
        dialog.open()
        self._dialog = dialog

    def _show(self, result) -> None:
        self.result = result
        self.part_model.set_rows(result.parts if result else [])
        fit_columns(self.parts)
        self._enable()

    def preview(self) -> None:
        meter = self.selected()
        if meter is None:
            self._show(None)
            return
        try:
            result = self.services.shared_meters.preview(meter.id, self.period.text())
        except ServiceError as exc:
            self.summary.setText(_message(exc))
            self._show(None)
            return
        state = self.tr("已入账") if result.posted else self.tr("未入账")
        text = f"{result.headline}  [{state}]"
        if result.refusal:
            text += "\n" + ui_message(result.refusal)
        self.summary.setText(text)
        self._show(result)

    def save_reading(self) -> None:
        meter = self.selected()
        if meter is None or not self.reading.text().strip():
            return
        if self._attempt(self.tr("保存读数"), lambda: self.services.shared_meters.save_reading(
                meter.id, self.period.text(), self.reading.text())) is None:
            return
        self.reading.clear()
        self.reload(meter.id)
        self.preview()

    def post(self) -> None:
        meter, result = self.selected(), self.result
        if meter is None or result is None:
            return
        title = self.tr("公摊入账")
        question = (self.tr("把 %1 户的公摊 (合计 %2 元) 记入 %3 的账单? 已入账未缴的会被替换。")
                    .replace("%1", str(len(result.parts))).replace("%2", money_text(result.total))
                    .replace("%3", result.period))
        if QMessageBox.question(self, title, question) != QMessageBox.StandardButton.Yes:
            return
        posted = self._attempt(title, lambda: self.services.shared_meters.post(meter.id, result.period))
        if posted is None:
            return
        self.preview()
        self.summary.setText(self.summary.text() + "\n" + self.tr("已入账: %1 户, 合计 %2 元")
                             .replace("%1", str(len(posted.parts))).replace("%2", money_text(posted.total)))

    def _attempt(self, title: str, action):
        """Run a service call; its refusal goes to a message box (and None comes back)."""
        try:
            return action()
        except ServiceError as exc:
            QMessageBox.warning(self, title, _message(exc))
            return None
