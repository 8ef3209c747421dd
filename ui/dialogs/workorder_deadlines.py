"""Work-order deadlines (工单时限): the rules in force by category and priority, and a form to change one;
beside them (tabs) the service calendar they count on and the escalation margins.

A rule for "全部类别" applies to every category without its own rule; built-in defaults show as 默认.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldError, ServiceError
from app.models import Category, Priority
from ui.models.windowed import Column, ListTableModel
from ui.widgets.table import make_table_view
from ui.workorder_labels import wo_choices, wo_label


def _minutes(value: int) -> str:
    from PySide6.QtCore import QCoreApplication

    if value % 60:
        return QCoreApplication.translate("WorkOrders", "%1 分钟").replace("%1", str(value))
    return QCoreApplication.translate("WorkOrders", "%1 小时").replace("%1", str(value // 60))


def _category(code: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return wo_label(code) if code else QCoreApplication.translate("WorkOrders", "全部类别")


def _origin(custom: bool) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("WorkOrders", _SET if custom else _DEFAULT)


_SET, _DEFAULT = QT_TRANSLATE_NOOP("WorkOrders", "已设置"), QT_TRANSLATE_NOOP("WorkOrders", "默认")


COLUMNS = [
    Column("category", QT_TRANSLATE_NOOP("Column", "类别"), "category", formatter=_category),
    Column("priority", QT_TRANSLATE_NOOP("Column", "紧急程度"), "priority", formatter=wo_label),
    Column("response", QT_TRANSLATE_NOOP("Column", "响应时限"), "response_minutes", formatter=_minutes),
    Column("complete", QT_TRANSLATE_NOOP("Column", "完成时限"), "complete_minutes", formatter=_minutes),
    Column("custom", QT_TRANSLATE_NOOP("Column", "来源"), "custom", formatter=_origin),
]


class DeadlineRulesPage(QWidget):
    """The rules table and an edit form; saving needs the "settings.edit" permission (checked by the service)."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.model = ListTableModel(COLUMNS, parent=self)
        self.table = make_table_view(self.model, self)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)

        self.category = QComboBox(self)
        self.category.setObjectName("category")
        self.category.addItem(self.tr("全部类别"), "")
        for text, code in wo_choices(Category):
            self.category.addItem(text, code)
        self.priority = QComboBox(self)
        self.priority.setObjectName("priority")
        for text, code in wo_choices(Priority):
            self.priority.addItem(text, code)
        self.response = QSpinBox(self)
        self.response.setObjectName("response_minutes")
        self.response.setRange(1, 7 * 24 * 60)
        self.response.setSuffix(self.tr(" 分钟"))
        self.complete = QSpinBox(self)
        self.complete.setObjectName("complete_minutes")
        self.complete.setRange(1, 90 * 24 * 60)
        self.complete.setSuffix(self.tr(" 分钟"))
        # Choosing a category/priority shows the deadlines in force for it, so the form never starts at "1 分钟".
        self.category.currentIndexChanged.connect(self._show_rule_in_force)
        self.priority.currentIndexChanged.connect(self._show_rule_in_force)
        self.message = QLabel(self)
        self.message.setObjectName("deadline_message")
        self.message.setWordWrap(True)
        save = QPushButton(self.tr("保存规则"), self)
        save.setObjectName("save_rule")
        save.clicked.connect(self.save)

        box = QGroupBox(self.tr("修改时限"), self)
        form = QFormLayout(box)
        form.addRow(self.tr("类别"), self.category)
        form.addRow(self.tr("紧急程度"), self.priority)
        form.addRow(self.tr("响应时限"), self.response)
        form.addRow(self.tr("完成时限"), self.complete)
        form.addRow(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(save)
        form.addRow(buttons)

        from ui.dialogs.workorder_calendar import EscalationPanel, ServiceCalendarPanel

        rules = QWidget(self)
        layout = QHBoxLayout(rules)
        left = QVBoxLayout()
        hint = QLabel(self.tr("响应时限: 受理后多久内开始处理; 完成时限: 受理后多久内完成。按服务日历的工作时间计算。"),
                      self)
        hint.setWordWrap(True)
        left.addWidget(hint)
        left.addWidget(self.table, 1)
        layout.addLayout(left, 3)
        layout.addWidget(box, 2)
        self.calendar = ServiceCalendarPanel(services, self)
        self.escalation = EscalationPanel(services, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(rules, self.tr("时限规则"))
        self.tabs.addTab(self.calendar, self.tr("服务日历"))
        self.tabs.addTab(self.escalation, self.tr("自动升级"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.tabs)
        self.reload()
        self._show_rule_in_force()

    def reload(self) -> None:
        try:
            self.model.set_rows(self.services.workorders.deadline_rules())
        except ServiceError as exc:
            self.show_message(str(exc), error=True)

    def _row_chosen(self, current, _previous) -> None:
        rule = self.model.row_at(current.row()) if current.isValid() else None
        if rule is None:
            return
        self.category.setCurrentIndex(self.category.findData(rule.category))
        self.priority.setCurrentIndex(self.priority.findData(rule.priority))
        self.response.setValue(rule.response_minutes)
        self.complete.setValue(rule.complete_minutes)

    def _show_rule_in_force(self, *_args) -> None:
        """Fill the minutes with the rule that applies to the chosen pair (its own, else 全部类别)."""
        category, priority = self.category.currentData(), self.priority.currentData()
        rules = [self.model.row_at(i) for i in range(self.model.rowCount())]
        for wanted in (category, ""):
            rule = next((r for r in rules if r.category == wanted and r.priority == priority), None)
            if rule is not None:
                self.response.setValue(rule.response_minutes)
                self.complete.setValue(rule.complete_minutes)
                return

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")

    def save(self) -> bool:
        try:
            self.services.workorders.set_deadline_rule(self.category.currentData(), self.priority.currentData(),
                                                       self.response.value(), self.complete.value())
        except FieldError as exc:
            self.show_message("\n".join(exc.errors.values()), error=True)
            return False
        except ServiceError as exc:
            self.show_message(str(exc), error=True)
            return False
        self.show_message(self.tr("已保存。新登记的工单按新时限计算。"))
        self.reload()
        return True
