"""维保: the task list (due/overdue per technician, recording point by point, anomaly → repair order) and
the plans (per item or system, frequency, checklist)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QWidget,
)

from app.errors import FieldError
from app.models import Category, EquipmentSystem, Frequency, TaskState
from app.services.equipment import SYSTEM_CATEGORY
from app.services.maintenance import TaskRow
from ui.dialogs.form import FormDialog
from ui.dialogs.record import ActionDialog, RecordDialog, combo, line, note
from ui.engineering_labels import eng_choices, eng_label
from ui.models.windowed import Column, RowStyle
from ui.pages.register_page import DetailPane, RegisterPage
from ui.workorder_labels import wo_choices

TASK_COLUMNS = [
    Column("due_on", QT_TRANSLATE_NOOP("Column", "应完成日期"), "due_on", sort_key="due_on", width=7),
    Column("plan", QT_TRANSLATE_NOOP("Column", "维保计划"), "plan", width=9),
    Column("equipment", QT_TRANSLATE_NOOP("Column", "设备"), "equipment", width=10),
    Column("assignee", QT_TRANSLATE_NOOP("Column", "责任人"), "assignee", width=5),
    Column("state", QT_TRANSLATE_NOOP("Column", "状态"), "state", sort_key="state", formatter=eng_label, width=5),
    Column("anomalies", QT_TRANSLATE_NOOP("Column", "异常"), "anomalies", formatter=lambda n: str(n) if n else "",
           width=3),
]
POINT_COLUMNS = [
    Column("seq", QT_TRANSLATE_NOOP("Column", "序号"), "seq"),
    Column("point", QT_TRANSLATE_NOOP("Column", "检查项"), "point"),
    Column("ok", QT_TRANSLATE_NOOP("Column", "结果"), "ok",
           formatter=lambda ok: "" if ok is None else (eng_label("正常") if ok else eng_label("异常"))),
    Column("note", QT_TRANSLATE_NOOP("Column", "说明"), "note"),
    Column("photo_path", QT_TRANSLATE_NOOP("Column", "照片"), "photo_path"),
]
PLAN_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "计划名称"), "name", sort_key="name", width=9),
    Column("equipment", QT_TRANSLATE_NOOP("Column", "设备"), "equipment", width=10),
    Column("system", QT_TRANSLATE_NOOP("Column", "系统"), "system", sort_key="system", formatter=eng_label, width=6),
    Column("frequency", QT_TRANSLATE_NOOP("Column", "周期"), lambda r: r, sort_key="frequency", width=5,
           formatter=lambda r: eng_label(r.frequency) if r.interval_days is None else
           eng_label("每N天").replace("N", str(r.interval_days))),
    Column("points", QT_TRANSLATE_NOOP("Column", "检查项数"), "points", width=4),
    Column("assignee", QT_TRANSLATE_NOOP("Column", "责任人"), "assignee", width=5),
    Column("active", QT_TRANSLATE_NOOP("Column", "启用"), "active", width=3),
]
OVERDUE = RowStyle(foreground=QColor("#b00020"))


def task_style(row: TaskRow) -> RowStyle | None:
    return OVERDUE if row.overdue else None


def staff_choices(services, team: str = "engineering") -> list[tuple[str, int]]:
    return [(m.name, m.id) for m in services.staff.list_staff(team)]


class PlanDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑维保计划") if self.record_id else self.tr("新增维保计划"))
        self.add_field("name", self.tr("计划名称"), line(self.tr("例如 生活水泵月保养")))
        self.add_field("equipment_id", self.tr("设备"),
                       combo([(self.tr("整个系统 (不指定设备)"), None), *self.services.equipment.choices()]))
        self.add_field("system", self.tr("系统"), combo([(self.tr("按设备"), None), *eng_choices(EquipmentSystem)]))
        self.add_field("frequency", self.tr("周期"), combo(eng_choices(Frequency)))
        self.add_field("interval_days", self.tr("间隔天数"), line(self.tr("周期为“每N天”时填写")))
        self.add_field("checklist", self.tr("检查项 (每行一项)"), note(height=110))
        self.add_field("assignee_id", self.tr("责任人"), combo([(self.tr("未指定"), None),
                                                              *staff_choices(self.services)]))
        self.add_field("start_on", self.tr("开始日期"), line(text=self.services.ctx.clock().date().isoformat()))
        active = QCheckBox(self.tr("启用 (自动生成任务)"))
        active.setChecked(True)
        self.active_box = active
        self.form.addRow("", active)

    def set_values(self, values) -> None:
        super().set_values(values)
        if "active" in values:
            self.active_box.setChecked(bool(values["active"]))

    @property
    def values(self):
        return {**super().values, "active": self.active_box.isChecked()}


class PlansPage(RegisterPage):
    """维保计划."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(services, services.maintenance.plans, PLAN_COLUMNS, PlanDialog,
                         placeholder=self.tr("计划名称或检查内容"), parent=parent)
        self.register.add_filter_combo("system", self.tr("系统"),
                                       [(self.tr("全部系统"), None), *eng_choices(EquipmentSystem)])
        if services.ctx.can("equipment.manage"):
            self.register.add_action(self.tr("生成任务"), self.generate)
        self.add_refresh()

    def generate(self) -> int | None:
        made = self.run(self.tr("生成任务"), self.services.maintenance.generate)
        if made is not None:
            self.register.count_label.setText(self.tr("新生成 %1 项任务").replace("%1", str(made)))
        return made


class RecordTaskDialog(FormDialog):
    """记录维保: each checklist point 正常/异常 with a note and a photo path; with anomalies, optionally
    open a repair work order linked to the task in the same step."""

    def __init__(self, services, task: TaskRow, parent: QWidget | None = None):
        super().__init__("", parent)
        self.setWindowTitle(self.tr("记录维保 %1").replace("%1", task.plan))
        self.services, self.task = services, task
        self.result = None
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        self.point_rows: list[tuple[QButtonGroup, QLineEdit, QLineEdit]] = []
        for i, point in enumerate(services.maintenance.points(task.id)):
            group = QButtonGroup(self)
            ok, bad = QRadioButton(self.tr("正常"), grid_host), QRadioButton(self.tr("异常"), grid_host)
            ok.setObjectName(f"ok_{point.seq}")
            bad.setObjectName(f"bad_{point.seq}")
            group.addButton(ok, 1)
            group.addButton(bad, 0)
            ok.setChecked(True)
            remark, photo = QLineEdit(grid_host), QLineEdit(grid_host)
            remark.setPlaceholderText(self.tr("异常说明"))
            photo.setPlaceholderText(self.tr("照片路径"))
            caption = QLabel(f"{point.seq}. {point.point}", grid_host)
            caption.setWordWrap(True)
            grid.addWidget(caption, 2 * i, 0, 1, 4)
            grid.addWidget(ok, 2 * i + 1, 0)
            grid.addWidget(bad, 2 * i + 1, 1)
            grid.addWidget(remark, 2 * i + 1, 2)
            grid.addWidget(photo, 2 * i + 1, 3)
            self.point_rows.append((group, remark, photo))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        scroll.setMinimumHeight(min(320, 60 * max(1, len(self.point_rows))))
        self.add_field("points", self.tr("检查结果"), scroll)
        self.add_field("notes", self.tr("备注"), line())
        self.open_order = QCheckBox(self.tr("有异常时生成维修工单"), self)
        self.open_order.setObjectName("open_order")
        self.open_order.setChecked(services.ctx.can("workorder.create"))
        self.open_order.setEnabled(services.ctx.can("workorder.create"))
        self.form.addRow("", self.open_order)
        category = SYSTEM_CATEGORY.get(task.system, Category.OTHER)
        self.add_field("category", self.tr("工单类别"), combo(wo_choices(Category)))
        self.set_values({"category": category})
        self.resize(680, self.sizeHint().height())

    def set_point(self, seq: int, ok: bool, note_text: str = "", photo: str = "") -> None:
        group, remark, photo_edit = self.point_rows[seq - 1]
        group.button(1 if ok else 0).setChecked(True)
        remark.setText(note_text)
        photo_edit.setText(photo)

    def results(self) -> list[dict]:
        return [{"ok": group.checkedId() == 1, "note": remark.text(), "photo_path": photo.text()}
                for group, remark, photo in self.point_rows]

    def save(self, values) -> int:
        order = None
        if self.open_order.isChecked():
            order = {"category": values.get("category"), "place": " ".join(
                filter(None, (self.task.location, self.task.equipment)))}
        try:
            self.result = self.services.maintenance.record(self.task.id, self.results(), values.get("notes", ""),
                                                           self.task.version, order=order)
        except FieldError as exc:  # point messages have no field of their own: show them all above
            point_errors = {k: v for k, v in exc.errors.items() if k.startswith("points")}
            if point_errors:
                raise FieldError({"points": "\n".join(point_errors.values())}) from None
            raise
        return self.task.id


class MaintenancePage(RegisterPage):
    """维保任务: due/overdue per technician; record, skip; this month's completion rate."""

    def __init__(self, services, parent: QWidget | None = None):
        self.pane = DetailPane(POINT_COLUMNS, parent)
        super().__init__(services, services.maintenance, TASK_COLUMNS, None, detail=self.pane,
                         placeholder=self.tr("计划名称、设备编号、名称或位置"), row_style=task_style, parent=parent)
        reg = self.register
        reg.add_filter_combo("scope", self.tr("范围"), [
            (self.tr("今日及逾期"), "today"), (self.tr("7天内到期"), "week"), (self.tr("逾期"), "overdue"),
            (self.tr("全部"), None)])
        reg.add_filter_combo("assignee_id", self.tr("责任人"),
                             [(self.tr("全部"), None), *staff_choices(services)])
        reg.add_filter_combo("state", self.tr("状态"), [(self.tr("全部"), None), *eng_choices(TaskState)])
        can_record = services.ctx.can("maintenance.record")
        if can_record:
            reg.add_action(self.tr("记录维保"), self.record_task, needs_row=True)
        if services.ctx.can("equipment.manage"):
            reg.add_action(self.tr("跳过"), self.skip_task, needs_row=True)
            reg.activated.connect(lambda _row: self.record_task())
        self.add_refresh()
        self.rate = QLabel(self)
        self.rate.setObjectName("completion_rate")
        reg.filter_bar.addWidget(self.rate)
        reg.current_row_changed.connect(self.show_task)
        reg.splitter.setSizes([620, 400])
        self.update_rate()

    def refresh(self) -> None:
        super().refresh()
        self.update_rate()

    def update_rate(self) -> None:
        month = self.services.ctx.clock().strftime("%Y-%m")
        try:
            done = self.services.maintenance.completion(month)
        except Exception:  # noqa: BLE001 - no right to see it: say nothing
            self.rate.setText("")
            return
        rate = "—" if done.rate is None else f"{done.rate}%"
        self.rate.setText(self.tr("本月完成率 %1 (%2/%3)").replace("%1", rate).replace("%2", str(done.done))
                          .replace("%3", str(done.due)))

    def show_task(self, row: TaskRow | None) -> None:
        if row is None:
            self.pane.clear()
            return
        facts = [(self.tr("设备"), row.equipment or eng_label(row.system)), (self.tr("位置"), row.location),
                 (self.tr("应完成日期"), row.due_on.isoformat()), (self.tr("责任人"), row.assignee),
                 (self.tr("状态"), eng_label(row.state)), (self.tr("记录人"), row.done_by),
                 (self.tr("备注"), row.notes)]
        self.pane.show(row.plan, facts, self.services.maintenance.points(row.id))

    def record_task(self) -> FormDialog | None:
        row = self.current()
        if row is None or row.state != TaskState.PENDING:
            return None
        return self.open_dialog(RecordTaskDialog(self.services, row, parent=self), lambda _id: row.id)

    def skip_task(self) -> FormDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = ActionDialog(self.tr("跳过任务"), lambda v: self.services.maintenance.skip(
            row.id, v["notes"], row.version), parent=self)
        dialog.add_field("notes", self.tr("原因"), line())
        return self.open_dialog(dialog, lambda _id: row.id)
