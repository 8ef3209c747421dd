"""年度经营计划: the year's targets and the actuals against them, month by month; 设置目标 edits them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QSpinBox, QWidget

from app.errors import ServiceError
from app.services.annual_plan import BUDGET, METRICS, PlanLine
from ui.dialogs.form import FormDialog
from ui.dialogs.record import line
from ui.models.windowed import RIGHT, Column, RowStyle
from ui.office_labels import office_label
from ui.pages.environment.common import ListPage

MONTHS = (
    QT_TRANSLATE_NOOP("Column", "1月"), QT_TRANSLATE_NOOP("Column", "2月"), QT_TRANSLATE_NOOP("Column", "3月"),
    QT_TRANSLATE_NOOP("Column", "4月"), QT_TRANSLATE_NOOP("Column", "5月"), QT_TRANSLATE_NOOP("Column", "6月"),
    QT_TRANSLATE_NOOP("Column", "7月"), QT_TRANSLATE_NOOP("Column", "8月"), QT_TRANSLATE_NOOP("Column", "9月"),
    QT_TRANSLATE_NOOP("Column", "10月"), QT_TRANSLATE_NOOP("Column", "11月"), QT_TRANSLATE_NOOP("Column", "12月"),
)
MISSED = RowStyle(background=QColor("#fde2e1"))


def metric_text(metric: str) -> str:
    """"budget:energy" → 能耗预算 (yuan, as the page's note says); other metrics by their own label."""
    if metric.startswith(BUDGET):
        return QCoreApplication.translate("Office", "%1预算").replace("%1", office_label(metric[len(BUDGET):]))
    return office_label(metric)


def figure(plan_line: PlanLine, value) -> str:
    """Budgets in whole yuan with separators (the table must fit the window); rates and scores as they are."""
    if value is None:
        return ""
    return f"{value:,.0f}" if plan_line.is_budget else str(value)


def _value(getter):
    return lambda plan_line: figure(plan_line, getter(plan_line))


COLUMNS = [
    Column("metric", QT_TRANSLATE_NOOP("Column", "指标"), "metric", formatter=metric_text),
    Column("target", QT_TRANSLATE_NOOP("Column", "目标"), _value(lambda p: p.target), align=RIGHT),
    Column("year_to_date", QT_TRANSLATE_NOOP("Column", "本年累计"), _value(lambda p: p.year_to_date), align=RIGHT),
    *(Column(f"m{i + 1}", header, _value(lambda p, i=i: p.months[i]), align=RIGHT)
      for i, header in enumerate(MONTHS)),
]


class TargetsDialog(FormDialog):
    """The year's targets, one line per metric (empty: no target)."""

    def __init__(self, services, year: int, parent: QWidget | None = None):
        super().__init__(self.tr("设置 %1 年目标").replace("%1", str(year)), parent)
        self.services, self.year = services, year
        stored = services.annual_plan.targets(year)
        for metric in METRICS:
            self.add_field(metric, metric_text(metric), line(text=str(stored.get(metric, ""))))

    def save(self, values) -> int:
        self.services.annual_plan.set_targets(self.year, values)
        return self.year


class AnnualPlanPage(ListPage):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(COLUMNS, parent, row_style=self._style)
        self.services = services
        self.table.setSortingEnabled(False)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(services.ctx.clock().year)
        self.year.valueChanged.connect(self.reload)
        self.add_field(self.tr("年度"), self.year)
        self.edit_button = QPushButton(self.tr("设置目标"), self)
        self.edit_button.clicked.connect(self.edit_targets)
        self.edit_button.setVisible(services.ctx.can("management.plan"))
        self.finish_bar(self.edit_button)
        self.dialog: FormDialog | None = None
        self.reload()

    @staticmethod
    def _style(row: PlanLine) -> RowStyle | None:
        return MISSED if row.met is False else None

    def reload(self) -> None:
        try:
            table = self.services.annual_plan.plan(self.year.value())
        except ServiceError as exc:
            self.summary.setText(str(exc))
            return
        self.show_rows(list(table.lines), padding=10)
        self.summary.setText(self.tr("实际数截至 %1; 预算单位: 元; 红色为未达标或超支").replace("%1", table.through))

    def edit_targets(self) -> FormDialog:
        self.dialog = TargetsDialog(self.services, self.year.value(), self)
        self.dialog.saved.connect(lambda _year: self.reload())
        self.dialog.open()
        return self.dialog
