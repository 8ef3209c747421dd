"""评分表 and 月度评分: each area's scoring sheet (items and weights), and the month's average scores per
area, per own cleaner and per outsourced company (what the vendor's monthly assessment uses)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QPushButton, QWidget

from app.errors import ServiceError
from app.models import CleanArea
from ui.dialogs.form import FormDialog
from ui.dialogs.record import line
from ui.models.windowed import Column
from ui.office_labels import office_choices, office_label
from ui.pages.environment.common import ListPage, month_items

AREAS = frozenset(str(a) for a in CleanArea)
ITEM_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "评分项目"), "name"),
    Column("weight", QT_TRANSLATE_NOOP("Column", "权重"), "weight"),
]
SCORE_COLUMNS = [
    Column("label", QT_TRANSLATE_NOOP("Column", "对象"), lambda r: office_label(r.key) if r.key in AREAS else r.label),
    Column("inspections", QT_TRANSLATE_NOOP("Column", "检查次数"), "inspections"),
    Column("average", QT_TRANSLATE_NOOP("Column", "平均分"), "average"),
    Column("failed", QT_TRANSLATE_NOOP("Column", "不合格"), "failed"),
    Column("reinspected", QT_TRANSLATE_NOOP("Column", "已复查"), "reinspected"),
]


class ScoreItemDialog(FormDialog):
    def __init__(self, services, area: str, parent: QWidget | None = None):
        super().__init__(self.tr("新增评分项目"), parent)
        self.services, self.area = services, area
        self.add_field("name", self.tr("评分项目"), line(self.tr("例如 地面光洁无污渍")))
        self.add_field("weight", self.tr("权重"), line(self.tr("1-100, 同一区域合计100")))

    def save(self, values) -> int:
        return self.services.inspections.save_score_item({**values, "area": self.area})


class ScoreSheetPage(ListPage):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(ITEM_COLUMNS, parent)
        self.services = services
        self.area = self.add_combo(self.tr("区域"), office_choices(CleanArea))
        self.add_button = QPushButton(self.tr("新增项目"), self)
        self.add_button.clicked.connect(self.add_item)
        self.add_button.setVisible(services.ctx.can("environment.inspect"))
        self.finish_bar(self.add_button)
        self.dialog: FormDialog | None = None
        self.reload()

    def reload(self) -> None:
        rows = self.services.inspections.score_items(self.area.currentData())
        self.show_rows(rows)
        total = sum(r.weight for r in rows)
        self.summary.setText(self.tr("合计权重 %1").replace("%1", str(total)))
        self.summary.setStyleSheet("" if total == 100 or not rows else "color: #b00020;")

    def add_item(self) -> FormDialog:
        self.dialog = ScoreItemDialog(self.services, self.area.currentData(), self)
        self.dialog.saved.connect(lambda _id: self.reload())
        self.dialog.open()
        return self.dialog


class MonthlyScoresPage(ListPage):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(SCORE_COLUMNS, parent)
        self.services = services
        self.period = self.add_combo(self.tr("月份"), month_items(services, everything=False))
        self.by = self.add_combo(self.tr("按"), [(self.tr("区域"), "area"), (self.tr("本组保洁员"), "cleaner"),
                                                (self.tr("外包公司"), "company")])
        self.finish_bar()
        self.reload()

    def reload(self) -> None:
        try:
            rows = self.services.inspections.monthly_scores(self.period.currentData(), self.by.currentData())
            average = self.services.inspections.month_average(self.period.currentData())
        except ServiceError as exc:
            self.summary.setText(str(exc))
            return
        self.show_rows(rows)
        self.summary.setText(self.tr("本月平均分 %1 (只计首次检查)").replace("%1", str(average or "—")))
