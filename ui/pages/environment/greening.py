"""绿化养护: greening tasks by season (watering, fertilising, pruning, pest control with its agent),
planned and recorded as done."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.models import GreeningKind, Season, Team
from ui.dialogs.record import RecordDialog, combo, line
from ui.models.windowed import Column
from ui.office_labels import office_choices, office_label
from ui.pages.environment.common import staff_items
from ui.pages.register_page import RegisterPage

COLUMNS = [
    Column("planned_on", QT_TRANSLATE_NOOP("Column", "计划日期"), "planned_on", sort_key="planned_on", width=6),
    Column("season", QT_TRANSLATE_NOOP("Column", "季节"), "season", formatter=office_label, width=3),
    Column("kind", QT_TRANSLATE_NOOP("Column", "作业"), "kind", sort_key="kind", formatter=office_label, width=6),
    Column("place", QT_TRANSLATE_NOOP("Column", "地点"), "place", width=9),
    Column("done_on", QT_TRANSLATE_NOOP("Column", "完成日期"), "done_on", sort_key="done_on", width=6),
    Column("agent", QT_TRANSLATE_NOOP("Column", "药剂/肥料"), "agent", width=6),
    Column("staff_name", QT_TRANSLATE_NOOP("Column", "负责人"), "staff_name", width=4),
    Column("note", QT_TRANSLATE_NOOP("Column", "备注"), "note", width=8),
]


class GreeningDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑绿化任务") if self.record_id else self.tr("新增绿化任务"))
        self.add_field("kind", self.tr("作业"), combo([(self.tr("请选择"), None), *office_choices(GreeningKind)]))
        self.add_field("place", self.tr("地点"), line(self.tr("例如 中心花园草坪")))
        self.add_field("planned_on", self.tr("计划日期"), line(self.services.ctx.clock().date().isoformat()))
        self.add_field("done_on", self.tr("完成日期"), line(self.tr("完成后填写")))
        self.add_field("agent", self.tr("药剂/肥料"), line(self.tr("病虫害防治须填写所用药剂")))
        self.add_field("staff_id", self.tr("负责人"), combo(staff_items(self.services, Team.ENVIRONMENT)))
        self.add_field("note", self.tr("备注"), line())


class GreeningPage(RegisterPage):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(services, services.greening, COLUMNS, GreeningDialog,
                         placeholder=self.tr("地点、药剂或备注"), parent=parent)
        reg = self.register
        reg.add_filter_combo("season", self.tr("季节"), [(self.tr("全部季节"), None), *office_choices(Season)])
        reg.add_filter_combo("kind", self.tr("作业"), [(self.tr("全部作业"), None), *office_choices(GreeningKind)])
        reg.add_filter_combo("state", self.tr("状态"), [(self.tr("全部"), None), (self.tr("未完成"), "open"),
                                                        (self.tr("已完成"), "done")])
        self.add_refresh()
