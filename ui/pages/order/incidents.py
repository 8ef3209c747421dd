"""应急: incidents and drills opened from an emergency plan — the plan's steps beside the time-stamped log of
what was done, 上报经理, 结案, the printed report; the plan library (预案库) in its own window."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.models import PlanKind
from app.services import Services
from app.services.incidents import IncidentRow
from ui.models.windowed import ROW_ROLE, Column, ListTableModel
from ui.pages.order.common import (
    DeskPage,
    ServiceForm,
    combo,
    line,
    order_choices,
    order_label,
    text_box,
    when,
)
from ui.widgets.register_view import RegisterView
from ui.widgets.table import make_table_view

STATE_LABELS = {"open": QT_TRANSLATE_NOOP("IncidentsPage", "处置中"),
                "escalated": QT_TRANSLATE_NOOP("IncidentsPage", "已上报经理"),
                "closed": QT_TRANSLATE_NOOP("IncidentsPage", "已结案")}


def state_label(state: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("IncidentsPage", STATE_LABELS.get(state, state))


COLUMNS = [
    Column("number", QT_TRANSLATE_NOOP("Column", "编号"), "number", width=8),
    Column("kind", QT_TRANSLATE_NOOP("Column", "类型"), "kind", formatter=order_label, width=5),
    Column("drill", QT_TRANSLATE_NOOP("Column", "演练"), "drill", width=3),
    Column("place", QT_TRANSLATE_NOOP("Column", "地点"), "place", width=7),
    Column("started_at", QT_TRANSLATE_NOOP("Column", "发生时间"), "started_at", formatter=when, width=6),
    Column("state", QT_TRANSLATE_NOOP("Column", "状态"), "state", formatter=state_label, width=5),
]
STEP_COLUMNS = [
    Column("at", QT_TRANSLATE_NOOP("Column", "时间"), "at", formatter=when, width=6),
    Column("text", QT_TRANSLATE_NOOP("Column", "处置"), "text", width=14),
    Column("by", QT_TRANSLATE_NOOP("Column", "记录人"), "by", width=4),
]
PLAN_COLUMNS = [
    Column("kind", QT_TRANSLATE_NOOP("Column", "类型"), "kind", formatter=order_label, width=5),
    Column("title", QT_TRANSLATE_NOOP("Column", "预案"), "title", width=10),
    Column("steps", QT_TRANSLATE_NOOP("Column", "步骤数"), lambda p: len(p.steps), width=3),
]


class IncidentDetail(QWidget):
    """The selected incident: plan steps (what to do) and the log (what was done), with its buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setWordWrap(True)
        self.plan_steps = QLabel(self)
        self.plan_steps.setWordWrap(True)
        self.plan_steps.setStyleSheet("color: #444;")
        self.steps = ListTableModel(STEP_COLUMNS, parent=self)
        self.step_table = make_table_view(self.steps, self, sortable=False)
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        self.buttons = {key: QPushButton(text, self) for key, text in (
            ("step", self.tr("记录步骤")), ("escalate", self.tr("上报经理")), ("close", self.tr("结案")),
            ("print", self.tr("打印报告")))}
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.plan_steps)
        layout.addWidget(self.step_table, 1)
        layout.addWidget(self.outcome)
        layout.addLayout(row)
        self.show_detail(None)

    def show_detail(self, detail) -> None:
        for button in self.buttons.values():
            button.setEnabled(detail is not None)
        if detail is None:
            self.title.setText(self.tr("在左侧选择一个事件"))
            self.plan_steps.clear()
            self.steps.set_rows([])
            self.outcome.clear()
            return
        r = detail.row
        self.title.setText(f"{r.number} {order_label(r.kind)} · {r.place} · {r.plan}")
        self.plan_steps.setText(self.tr("预案步骤: ") + " → ".join(detail.plan_steps) if detail.plan_steps else "")
        self.steps.set_rows(list(detail.steps))
        self.outcome.setText(self.tr("结果: ") + detail.outcome if detail.outcome else "")
        is_open = r.closed_at is None
        self.buttons["step"].setEnabled(is_open)
        self.buttons["close"].setEnabled(is_open)
        self.buttons["escalate"].setEnabled(is_open and r.escalated_at is None)


class PlanLibraryDialog(QDialog):
    """预案库: the plans, each with steps, roles and call tree; 新建/编辑 for those who may set them up."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("应急预案库"))
        self.services = services
        self.model = ListTableModel(PLAN_COLUMNS, parent=self)
        self.table = make_table_view(self.model, self, sortable=False)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.new_button = QPushButton(self.tr("新建预案"), self)
        self.edit_button = QPushButton(self.tr("编辑预案"), self)
        can_edit = services.ctx.can("order.setup")
        self.new_button.setVisible(can_edit)
        self.edit_button.setVisible(can_edit)
        self.new_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self.current()))
        self.table.selectionModel().selectionChanged.connect(self.show_current)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(self.table)
        left.addLayout(buttons)
        layout.addLayout(left, 1)
        layout.addWidget(self.text, 1)
        self.form: ServiceForm | None = None
        self.reload()
        self.resize(900, 480)

    def reload(self) -> None:
        self.model.set_rows(self.services.incidents.plans())
        if self.model.rowCount():
            self.table.selectRow(0)

    def current(self):
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    def show_current(self, *_args) -> None:
        plan = self.current()
        if plan is None:
            self.text.clear()
            return
        steps = "\n".join(f"{i}. {s}" for i, s in enumerate(plan.steps, 1))
        captions = (self.tr("处置步骤"), self.tr("职责分工"), self.tr("呼叫顺序"))
        parts = [plan.title, *(f"{c}:\n{t}" for c, t in zip(captions, (steps, plan.roles, plan.call_tree), strict=True))]
        self.text.setText("\n\n".join(parts))

    def edit(self, plan) -> ServiceForm:
        kind = combo(order_choices(PlanKind))
        fields = [("kind", self.tr("类型"), kind), ("title", self.tr("预案名称"), line()),
                  ("steps", self.tr("处置步骤"), text_box(self.tr("每行一步, 按顺序"), lines=6)),
                  ("roles", self.tr("职责分工"), text_box(lines=3)),
                  ("call_tree", self.tr("呼叫顺序"), text_box(self.tr("如 当班保安→秩序主管→经理→119"), lines=2))]
        plan_id = plan.id if plan else None
        self.form = ServiceForm(self.tr("应急预案"), fields,
                                lambda v: self.services.incidents.save_plan(
                                    {**v, "version": plan.version if plan else None}, plan_id), self)
        if plan is not None:
            self.form.set_values({"kind": plan.kind, "title": plan.title, "steps": "\n".join(plan.steps),
                                  "roles": plan.roles, "call_tree": plan.call_tree})
        self.form.saved.connect(lambda _id: self.reload())
        self.form.open()
        return self.form


class IncidentsPage(DeskPage):
    def __init__(self, services: Services, parent: QWidget | None = None, state: str | None = None):
        super().__init__(services, parent)
        svc = services.incidents
        self.detail = IncidentDetail(self)
        register = self.set_register(RegisterView(
            COLUMNS,
            count=lambda f: svc.count(f.get("state"), f.get("drill")),
            fetch=lambda f, offset, limit, _k, _d: svc.list(f.get("state"), f.get("drill"), offset, limit),
            detail=self.detail, parent=self,
        ))
        register.search.setVisible(False)
        states = self.add_filter(register, "state", self.tr("状态"), [
            (self.tr("全部"), None), *((state_label(k), k) for k in STATE_LABELS)])
        self.add_filter(register, "drill", self.tr("类别"), [(self.tr("事件和演练"), None), (self.tr("突发事件"), False),
                                                            (self.tr("演练"), True)])
        if state is not None:
            states.setCurrentIndex(states.findData(state))
        register.add_action(self.tr("按预案启动"), lambda: self.open_incident(False), shortcut="Ctrl+N")
        register.add_action(self.tr("记录演练"), lambda: self.open_incident(True))
        register.add_action(self.tr("预案库"), self.plan_library)
        register.current_row_changed.connect(self.show_row)
        register.splitter.setSizes([520, 480])
        d = self.detail.buttons
        d["step"].clicked.connect(self.add_step)
        d["escalate"].clicked.connect(self.escalate)
        d["close"].clicked.connect(self.close_incident)
        d["print"].clicked.connect(self.print_report)

    def show_row(self, row: IncidentRow | None) -> None:
        self.detail.show_detail(self.run(lambda: self.services.incidents.get(row.id)) if row else None)

    def _current_id(self) -> int | None:
        row = self.register.current_row()
        return row.id if row else None

    def _reselect(self, incident_id: int | None) -> None:
        self.register.reload(select=lambda r: r.id == incident_id)

    def open_incident(self, drill: bool) -> ServiceForm:
        plans = self.run(self.services.incidents.plans) or []
        fields = [("plan_id", self.tr("预案"), combo([(p.title, p.id) for p in plans])),
                  ("place", self.tr("地点"), line(self.tr("如 3栋12楼电梯厅"))),
                  ("started_at", self.tr("发生时间"), line(self.tr("留空为现在, 或 14:05"))),
                  ("summary", self.tr("情况简述"), text_box(lines=3))]
        dialog = ServiceForm(self.tr("记录演练") if drill else self.tr("按预案启动"), fields,
                             lambda v: self.services.incidents.open(v.pop("plan_id"), {**v, "drill": drill}), self)
        return self.open_form(dialog, self._reselect)

    def add_step(self) -> ServiceForm | None:
        incident_id = self._current_id()
        if incident_id is None:
            return None
        fields = [("text", self.tr("处置内容"), line(self.tr("如 已疏散12楼住户"))),
                  ("at", self.tr("时间"), line(self.tr("留空为现在, 或 14:05")))]
        dialog = ServiceForm(self.tr("记录步骤"), fields,
                             lambda v: self.services.incidents.add_step(incident_id, v["text"], v["at"]), self)
        return self.open_form(dialog, lambda _id: self._reselect(incident_id))

    def escalate(self) -> None:
        incident_id = self._current_id()
        if incident_id is not None:
            self.run(lambda: self.services.incidents.escalate(incident_id), self.tr("上报经理"))
            self._reselect(incident_id)

    def close_incident(self) -> ServiceForm | None:
        incident_id = self._current_id()
        if incident_id is None:
            return None
        fields = [("people", self.tr("参与人员"), line()), ("outcome", self.tr("处置结果"), text_box(lines=3)),
                  ("follow_up", self.tr("后续跟进"), text_box(lines=2))]
        dialog = ServiceForm(self.tr("结案"), fields,
                             lambda v: self.services.incidents.close(incident_id, v), self)
        return self.open_form(dialog, lambda _id: self._reselect(incident_id))

    def print_report(self) -> QWidget | None:
        row = self.register.current_row()
        if row is None:
            return None
        return self.show_pdf(lambda: self.services.incidents.report_pdf(row.id),
                             self.tr("事件报告 %1").replace("%1", row.number), f"{row.number}.pdf")

    def plan_library(self) -> PlanLibraryDialog:
        dialog = PlanLibraryDialog(self.services, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog
