"""大中修计划: planned major/medium repairs — budget, schedule, approval, actual cost and acceptance, and
the year's plan against actual."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QWidget

from app.errors import ServiceError
from app.models import EquipmentSystem, RepairScale, RepairState
from app.money import format_money
from ui.dialogs.form import FormDialog
from ui.dialogs.record import ActionDialog, RecordDialog, combo, line, note
from ui.engineering_labels import eng_choices, eng_label
from ui.models.windowed import Column
from ui.pages.register_page import RegisterPage

money = lambda v: "" if v is None else format_money(v)  # noqa: E731

COLUMNS = [
    Column("year", QT_TRANSLATE_NOOP("Column", "年度"), "year", sort_key="year", width=3),
    Column("title", QT_TRANSLATE_NOOP("Column", "项目名称"), "title", sort_key="title", width=10),
    Column("scale", QT_TRANSLATE_NOOP("Column", "类别"), "scale", formatter=eng_label, width=3),
    Column("system", QT_TRANSLATE_NOOP("Column", "系统"), "system", formatter=eng_label, width=5),
    Column("budget", QT_TRANSLATE_NOOP("Column", "预算"), "budget", sort_key="budget", formatter=money, width=6),
    Column("planned_start", QT_TRANSLATE_NOOP("Column", "计划开始"), "planned_start", sort_key="planned_start",
           width=6),
    Column("state", QT_TRANSLATE_NOOP("Column", "状态"), "state", sort_key="state", formatter=eng_label, width=4),
    Column("actual_cost", QT_TRANSLATE_NOOP("Column", "实际费用"), "actual_cost", formatter=money, width=6),
]


class RepairPlanDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑大中修计划") if self.record_id else self.tr("新增大中修计划"))
        self.add_field("year", self.tr("年度"), line(text=str(self.services.ctx.clock().year)))
        self.add_field("title", self.tr("项目名称"), line())
        self.add_field("scale", self.tr("类别"), combo(eng_choices(RepairScale)))
        self.add_field("system", self.tr("系统"), combo([(self.tr("请选择"), None), *eng_choices(EquipmentSystem)]))
        self.add_field("equipment_id", self.tr("设备"), combo([(self.tr("不指定"), None),
                                                              *self.services.equipment.choices()]))
        self.add_field("budget", self.tr("预算(元)"), line())
        self.add_field("planned_start", self.tr("计划开始"), line("2026-12-01"))
        self.add_field("planned_end", self.tr("计划完成"), line("2026-12-31"))
        self.add_field("notes", self.tr("说明"), note())


class RepairPlansPage(RegisterPage):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(services, services.repair_plans, COLUMNS, RepairPlanDialog,
                         placeholder=self.tr("项目名称或说明"), parent=parent)
        reg = self.register
        year = services.ctx.clock().year
        self.year_combo = reg.add_filter_combo(
            "year", self.tr("年度"), [(str(y), y) for y in range(year + 1, year - 4, -1)] + [(self.tr("全部"), None)])
        self.year_combo.setCurrentIndex(1)
        reg.add_filter_combo("state", self.tr("状态"), [(self.tr("全部"), None), *eng_choices(RepairState)])
        if services.ctx.can("repairplan.approve"):
            reg.add_action(self.tr("批准"), self.approve, needs_row=True)
        if self.can_manage:
            reg.add_action(self.tr("验收"), self.accept_plan, needs_row=True)
            reg.add_action(self.tr("取消计划"), self.cancel_plan, needs_row=True)
        self.add_refresh()
        self.summary = QLabel(self)
        self.summary.setObjectName("year_summary")
        reg.filter_bar.addWidget(self.summary)
        reg.filters_changed.connect(self.update_summary)
        self.update_summary()

    def refresh(self) -> None:
        super().refresh()
        self.update_summary()

    def reload_selecting(self, row_id) -> None:
        super().reload_selecting(row_id)
        self.update_summary()

    def update_summary(self) -> None:
        year = self.year_combo.currentData()
        if year is None:
            self.summary.setText("")
            return
        try:
            s = self.services.repair_plans.year_summary(year)
        except ServiceError:
            return
        self.summary.setText(self.tr("%1年: 计划 %2 项 预算 %3, 已批 %4, 已验收 %5 项 实际 %6")
                             .replace("%1", str(year)).replace("%2", str(s.plans)).replace("%3", format_money(s.budget))
                             .replace("%4", format_money(s.approved_budget)).replace("%5", str(s.accepted))
                             .replace("%6", format_money(s.actual)))

    def approve(self):
        row = self.current()
        if row is None:
            return None
        return self.run(self.tr("批准"), lambda: self.services.repair_plans.approve(row.id, row.version))

    def accept_plan(self) -> FormDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = ActionDialog(self.tr("验收 — %1").replace("%1", row.title), lambda v: self.services.repair_plans.accept(
            row.id, v["actual_cost"], v["note"], v["accepted_on"], row.version), ok_text=self.tr("验收"), parent=self)
        dialog.add_field("actual_cost", self.tr("实际费用(元)"), line())
        dialog.add_field("accepted_on", self.tr("验收日期"), line(text=self.services.ctx.clock().date().isoformat()))
        dialog.add_field("note", self.tr("验收意见"), line())
        return self.open_dialog(dialog, lambda _id: row.id)

    def cancel_plan(self) -> FormDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = ActionDialog(self.tr("取消计划 — %1").replace("%1", row.title), lambda v: self.services.repair_plans
                              .cancel(row.id, v["reason"], row.version), parent=self)
        dialog.add_field("reason", self.tr("取消原因"), line())
        return self.open_dialog(dialog, lambda _id: row.id)
