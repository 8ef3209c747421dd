"""经理 → 月结: each billing period — open or closed, its collection rate frozen at the close and what was
collected since — with 月结 (the manager, after a clean ``fees check``) and 重新打开 (the administrator, with a
reason). The services refuse anything else; the buttons are hidden for operators without the right."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from ui.dialogs.form import FormDialog
from ui.models.windowed import RIGHT, ROW_ROLE, Column, ListTableModel
from ui.tabs.fees_common import fit_columns, money_text
from ui.widgets.permission_guard import guard
from ui.widgets.table import make_table_view


def _state(row) -> str:
    from PySide6.QtCore import QCoreApplication

    if row.closed:
        return QCoreApplication.translate("PeriodClosePage", "已月结")
    if row.reopened_at:
        return QCoreApplication.translate("PeriodClosePage", "已重新打开")
    return QCoreApplication.translate("PeriodClosePage", "未结")


PERIOD_COLUMNS = [
    Column("period", QT_TRANSLATE_NOOP("Column", "账期"), "period"),
    Column("state", QT_TRANSLATE_NOOP("Column", "状态"), _state),
    Column("closed_at", QT_TRANSLATE_NOOP("Column", "月结时间"),
           lambda r: f"{r.closed_at:%Y-%m-%d %H:%M}" if r.closed_at else ""),
    Column("closed_by", QT_TRANSLATE_NOOP("Column", "月结人"), "closed_by"),
    Column("billed", QT_TRANSLATE_NOOP("Column", "应收(元)"), "billed", align=RIGHT, formatter=money_text),
    Column("collected", QT_TRANSLATE_NOOP("Column", "实收(元)"), "collected", align=RIGHT, formatter=money_text),
    Column("rate", QT_TRANSLATE_NOOP("Column", "收缴率"), lambda r: r.rate, align=RIGHT,
           formatter=lambda v: f"{v:.1%}"),
    Column("later", QT_TRANSLATE_NOOP("Column", "月结后补收(元)"), "collected_later", align=RIGHT,
           formatter=money_text),
    Column("reason", QT_TRANSLATE_NOOP("Column", "重新打开原因"), "reopen_reason"),
]


class AdjustDialog(FormDialog):
    """调整 of a closed period: a charge found missing (positive) or an overcharge (negative, forgiven from the
    unit's open bill); it lands in the unit's latest open period, naming the closed one."""

    def __init__(self, services, period: str, parent: QWidget | None = None):
        super().__init__(self.tr("调整已月结账期 %1").replace("%1", period), parent)
        self.services, self.period = services, period
        hint = QLabel(self.tr("记在该户当前未结账期的账单上: 漏收填正数 (加一行调整), 多收填负数 (冲减该账单未缴的费用)。"),
                      self)
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.add_field("unit", self.tr("房号"), QLineEdit(self)).setPlaceholderText(self.tr("如 3-1-1502"))
        item = self.add_field("item", self.tr("收费项目"), QComboBox(self))
        for row in services.billing.items():
            item.addItem(row.name, row.id)
        self.add_field("amount", self.tr("金额 (元)"), QLineEdit(self)).setPlaceholderText(self.tr("如 12.50 或 -20"))
        self.add_field("reason", self.tr("原因"), QLineEdit(self))

    def save(self, values) -> int:
        return self.services.periods.adjust(values["unit"], self.period, values["item"], values["amount"],
                                            values["reason"])


class PeriodClosePage(QWidget):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.model = ListTableModel(PERIOD_COLUMNS, parent=self)
        self.table = make_table_view(self.model, self, sortable=False)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.note = QLabel(self.tr("月结前须账目检查通过; 月结后该账期的账单、收款、作废、减免、日结不能再改, "
                                   "更正请选中该账期点“调整…”, 记在当前未结账期。收缴率按月结时冻结, "
                                   "之后收回的欠费计入“月结后补收”。"), self)
        self.note.setWordWrap(True)
        self.close_button = QPushButton(self.tr("月结所选账期…"), self)
        self.close_button.clicked.connect(self.close_period)
        self.adjust_button = QPushButton(self.tr("调整…"), self)
        self.adjust_button.clicked.connect(self.adjust)
        self.reopen_button = QPushButton(self.tr("重新打开…"), self)
        self.reopen_button.clicked.connect(self.reopen_period)
        refresh = QPushButton(self.tr("刷新"), self)
        refresh.clicked.connect(self.reload)
        self.can_close = guard(services, "fees.close", self.close_button, hide=True)
        guard(services, "fees.close", self.adjust_button, hide=True)
        self.can_reopen = guard(services, "fees.reopen", self.reopen_button, hide=True)
        bar = QHBoxLayout()
        bar.addWidget(self.close_button)
        bar.addWidget(self.adjust_button)
        bar.addWidget(self.reopen_button)
        bar.addStretch(1)
        bar.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.note)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        try:
            rows = self.services.periods.periods()
        except ServiceError as exc:
            self.note.setText(str(exc))
            return
        current = self.selected()
        self.model.set_rows(rows)
        fit_columns(self.table)
        index = next((i for i, r in enumerate(rows) if current and r.period == current.period), None)
        if index is not None:
            self.table.selectRow(index)
        self._enable()

    def selected(self):
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _enable(self) -> None:
        row = self.selected()
        self.close_button.setEnabled(self.can_close and row is not None and not row.closed)
        self.adjust_button.setEnabled(self.can_close and row is not None and row.closed)
        self.reopen_button.setEnabled(self.can_reopen and row is not None and row.closed)

    def close_period(self) -> None:
        row = self.selected()
        if row is None:
            return
        answer = QMessageBox.question(
            self, self.tr("月结"),
            self.tr("月结 %1? 之后该账期的账单、收款、作废、减免、日结都不能再改, 收缴率按现在的数字冻结。")
            .replace("%1", row.period))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._run(self.tr("月结"), lambda: self.services.periods.close(row.period))

    def adjust(self) -> None:
        row = self.selected()
        if row is None or not row.closed:
            return
        dialog = AdjustDialog(self.services, row.period, self)
        dialog.saved.connect(lambda _id: self.reload())
        dialog.open()
        self._dialog = dialog

    def reopen_period(self) -> None:
        row = self.selected()
        if row is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("重新打开账期"),
                                          self.tr("重新打开 %1 的原因 (记入审计日志)").replace("%1", row.period))
        if ok:
            self._run(self.tr("重新打开账期"), lambda: self.services.periods.reopen(row.period, reason))

    def _run(self, title: str, action) -> None:
        try:
            action()
        except ServiceError as exc:
            QMessageBox.warning(self, title, str(exc))
        self.reload()
