"""保洁计划: what is cleaned where, how often, by own staff or an outsourced company; stop/resume a plan."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.models import CleanArea, CleaningFrequency, Team
from ui.dialogs.record import RecordDialog, combo, line, note
from ui.models.windowed import Column
from ui.office_labels import office_choices, office_label
from ui.pages.environment.common import staff_items
from ui.pages.register_page import RegisterPage

COLUMNS = [
    Column("area", QT_TRANSLATE_NOOP("Column", "区域"), "area", sort_key="area", formatter=office_label, width=6),
    Column("place", QT_TRANSLATE_NOOP("Column", "具体位置"), "place", sort_key="place", width=10),
    Column("frequency", QT_TRANSLATE_NOOP("Column", "频次"), "frequency", sort_key="frequency",
           formatter=office_label, width=4),
    Column("cleaner", QT_TRANSLATE_NOOP("Column", "保洁员/外包公司"), "cleaner", width=10),
    Column("active", QT_TRANSLATE_NOOP("Column", "执行中"), "active", width=4),
    Column("duties", QT_TRANSLATE_NOOP("Column", "作业内容"), "duties", width=14),
]


class PlanDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑保洁计划") if self.record_id else self.tr("新增保洁计划"))
        self.add_field("area", self.tr("区域"), combo([(self.tr("请选择"), None), *office_choices(CleanArea)]))
        self.add_field("place", self.tr("具体位置"), line(self.tr("例如 1-3栋大堂")))
        self.add_field("frequency", self.tr("频次"), combo(office_choices(CleaningFrequency)))
        self.add_field("weekday", self.tr("执行日"), line(self.tr("每周: 0=周一…6=周日; 每月: 1-28号")))
        self.add_field("staff_id", self.tr("本组保洁员"), combo(staff_items(self.services, Team.ENVIRONMENT)))
        self.add_field("company", self.tr("外包保洁公司"), line(self.tr("外包时填写, 本组员工负责时留空")))
        self.add_field("duties", self.tr("作业内容"), note())


class CleaningPlansPage(RegisterPage):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(services, services.cleaning, COLUMNS, PlanDialog,
                         placeholder=self.tr("位置、外包公司或作业内容"), parent=parent)
        self.register.add_filter_combo("area", self.tr("区域"), [(self.tr("全部区域"), None),
                                                                 *office_choices(CleanArea)])
        if self.can_manage:
            self.register.add_action(self.tr("停用/恢复"), self.toggle_active, needs_row=True)
        self.add_refresh()

    def toggle_active(self) -> None:
        row = self.current()
        if row is not None:
            self.run(self.tr("停用/恢复"), lambda: self.service.set_active(row.id, not row.active))
