"""巡逻: patrol rounds (missed checkpoints in red), a round's checkpoints with 开工单 for an anomaly, recording a
round checkpoint by checkpoint, routes (路线) and the missed-checkpoint report per guard and week."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QDialog, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import FieldError
from app.models import Team
from app.services import Services
from app.services.patrols import CheckpointResult, RoundRow
from ui.dialogs.form import FormDialog
from ui.models.windowed import ROW_ROLE, Column, ListTableModel, RowStyle
from ui.pages.order.common import DeskPage, ServiceForm, combo, line, text_box, when
from ui.widgets.register_view import RegisterView
from ui.widgets.table import make_table_view

COLUMNS = [
    Column("started_at", QT_TRANSLATE_NOOP("Column", "巡逻时间"), "started_at", formatter=when, width=6),
    Column("route", QT_TRANSLATE_NOOP("Column", "路线"), "route", width=6),
    Column("guard", QT_TRANSLATE_NOOP("Column", "巡逻人"), "guard", width=4),
    Column("checkpoints", QT_TRANSLATE_NOOP("Column", "巡逻点"), "checkpoints", width=3),
    Column("missed", QT_TRANSLATE_NOOP("Column", "漏巡"), "missed", width=3),
    Column("anomalies", QT_TRANSLATE_NOOP("Column", "异常"), "anomalies", width=3),
    Column("in_window", QT_TRANSLATE_NOOP("Column", "按时"), "in_window", width=3),
]
VISIT_COLUMNS = [
    Column("checkpoint", QT_TRANSLATE_NOOP("Column", "巡逻点"), "checkpoint", width=7),
    Column("reached", QT_TRANSLATE_NOOP("Column", "到达"), "reached", width=3),
    Column("anomaly", QT_TRANSLATE_NOOP("Column", "异常"), "anomaly", width=10),
    Column("workorder_id", QT_TRANSLATE_NOOP("Column", "工单"), lambda v: "✔" if v.workorder_id else "", width=3),
]
REPORT_COLUMNS = [
    Column("week", QT_TRANSLATE_NOOP("Column", "周(周一)"), "week", width=6),
    Column("guard", QT_TRANSLATE_NOOP("Column", "巡逻人"), "guard", width=5),
    Column("rounds", QT_TRANSLATE_NOOP("Column", "巡逻次数"), "rounds", width=4),
    Column("checkpoints", QT_TRANSLATE_NOOP("Column", "应巡点数"), "checkpoints", width=4),
    Column("missed", QT_TRANSLATE_NOOP("Column", "漏巡点数"), "missed", width=4),
]
MISSED = RowStyle(background=QColor("#fde2e1"))


class RoundDialog(FormDialog):
    """记录巡逻: route, guard, time; then each checkpoint — 到达 ticked or not, an anomaly, 开工单."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__("", parent)
        self.setWindowTitle(self.tr("记录巡逻"))
        self.services = services
        self.routes = services.patrols.routes()
        guards = services.staff.list_staff(Team.SECURITY)
        self.add_field("route_id", self.tr("路线"), combo([(f"{r.name} {r.window}", r.id) for r in self.routes]))
        self.add_field("guard_id", self.tr("巡逻人"), combo([(g.name, g.id) for g in guards]))
        self.add_field("started_at", self.tr("巡逻时间"), line(self.tr("留空为现在, 或 23:10")))
        self.points = QWidget(self)
        self.grid = QGridLayout(self.points)
        self.form.addRow(self.tr("巡逻点"), self.points)
        self.point_rows: list[tuple[int, QCheckBox, QLineEdit, QCheckBox]] = []
        self.field("route_id").currentIndexChanged.connect(self.show_points)
        self.show_points()

    def show_points(self) -> None:
        for _id, *widgets in self.point_rows:
            for w in widgets:
                w.deleteLater()
        self.point_rows = []
        route = next((r for r in self.routes if r.id == self.field("route_id").currentData()), None)
        for i, (cp_id, name) in enumerate(route.checkpoints if route else ()):
            reached = QCheckBox(name, self.points)
            reached.setChecked(True)
            anomaly = QLineEdit(self.points)
            anomaly.setPlaceholderText(self.tr("异常情况(如有)"))
            order = QCheckBox(self.tr("开工单"), self.points)
            for col, w in enumerate((reached, anomaly, order)):
                self.grid.addWidget(w, i, col)
            self.point_rows.append((cp_id, reached, anomaly, order))

    def results(self) -> list[CheckpointResult]:
        return [CheckpointResult(cp, reached.isChecked(), anomaly.text(), order.isChecked())
                for cp, reached, anomaly, order in self.point_rows]

    def check(self, values: dict[str, Any]) -> None:
        if values["route_id"] is None:
            raise FieldError({"route_id": self.tr("请先在“路线”中建立巡逻路线")})
        if values["guard_id"] is None:
            raise FieldError({"guard_id": self.tr("请先在“本组员工”中添加秩序人员")})

    def save(self, values: dict[str, Any]) -> int:
        return self.services.patrols.record_round(values["route_id"], values["guard_id"], self.results(),
                                                  values["started_at"])


class PatrolsPage(DeskPage):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        svc = services.patrols
        self.visits = ListTableModel(VISIT_COLUMNS, parent=self)
        self.visit_table = make_table_view(self.visits, self, sortable=False)
        register = self.set_register(RegisterView(
            COLUMNS,
            count=lambda f: svc.count_rounds(bool(f.get("missed"))),
            fetch=lambda f, offset, limit, _k, _d: svc.list_rounds(bool(f.get("missed")), offset, limit),
            row_style=lambda r: MISSED if r.missed else None, detail=self.visit_table, parent=self,
        ))
        register.search.setVisible(False)
        self.add_filter(register, "missed", self.tr("范围"), [(self.tr("全部巡逻"), None), (self.tr("有漏巡"), True)])
        register.add_action(self.tr("记录巡逻"), self.record_round, shortcut="Ctrl+N")
        self.order_action = register.add_action(self.tr("异常开工单"), self.open_workorder, needs_row=True)
        register.add_action(self.tr("漏巡报表"), self.missed_report)
        if services.ctx.can("order.setup"):
            register.add_action(self.tr("新建路线"), self.new_route)
        register.current_row_changed.connect(self.show_round)
        register.splitter.setSizes([560, 440])

    def show_round(self, row: RoundRow | None) -> None:
        self.visits.set_rows(self.run(lambda: self.services.patrols.visits(row.id)) or [] if row else [])

    def record_round(self) -> RoundDialog:
        return self.open_form(RoundDialog(self.services, self))

    def open_workorder(self) -> int | None:
        """Open a work order for the selected checkpoint's anomaly (the first without one if none is selected)."""
        row = self.register.current_row()
        index = self.visit_table.currentIndex()
        visit = self.visits.data(index, ROW_ROLE) if index.isValid() else None
        if visit is None or not visit.anomaly:
            visit = next((v for v in self.visits.rows() if v.anomaly and not v.workorder_id), None)
        if row is None or visit is None:
            return None
        points = {name: cp for cp, name in self._route_points(row.route)}
        order_id = self.run(lambda: self.services.patrols.open_workorder(row.id, points[visit.checkpoint]),
                            self.tr("异常开工单"))
        self.show_round(row)
        return order_id

    def _route_points(self, route_name: str) -> tuple[tuple[int, str], ...]:
        route = next((r for r in self.services.patrols.routes(active_only=False) if r.name == route_name), None)
        return route.checkpoints if route else ()

    def new_route(self) -> ServiceForm:
        fields = [("name", self.tr("路线名称"), line(self.tr("如 夜间外围"))),
                  ("window_start", self.tr("开始时间"), line("22:00")),
                  ("window_end", self.tr("结束时间"), line("02:00")),
                  ("checkpoints", self.tr("巡逻点"), text_box(self.tr("每行一个, 按巡逻顺序"), lines=6))]
        return self.open_form(ServiceForm(self.tr("巡逻路线"), fields, self.services.patrols.save_route, self))

    def missed_report(self) -> QDialog:
        today = self.services.ctx.clock().date()
        lines = self.run(lambda: self.services.patrols.missed_report(today - timedelta(weeks=4), today)) or []
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("漏巡报表 (近四周)"))
        model = ListTableModel(REPORT_COLUMNS, lines, parent=dialog)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.tr("每人每周的巡逻次数和漏巡点数"), dialog))
        layout.addWidget(make_table_view(model, dialog))
        dialog.resize(560, 360)
        self.last_dialog = dialog
        dialog.open()
        return dialog

