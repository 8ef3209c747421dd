"""客服 → 工单: quick intake on the left, the order list with filters on the right, and the selected
order's detail (timeline and next moves) under the list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from app.models import Kind, State
from app.services.workorders import OPEN_STATES, WorkOrderFilter
from ui.dialogs.workorder_intake import IntakeForm
from ui.widgets.workorder_detail import TEAM_ORDER, WorkOrderDetailPane
from ui.widgets.workorder_list import make_workorder_register
from ui.workorder_labels import wo_choices, wo_label

# Pseudo-states of the state filter (real states are listed after them).
OPEN, OVERDUE, DUE_SOON, TO_VISIT, REPEATS = "@open", "@overdue", "@due_soon", "@to_visit", "@repeat"
ESCALATION_INTERVAL_MS = 5 * 60 * 1000  # the GUI's escalation timer (a scheduled task may run it too)


class WorkOrdersPage(QWidget):
    """The front desk's work-order page. ``with_intake=False, state=State.ESCALATED`` is the manager's
    view of matters escalated to them (same list and moves, no intake panel). With the right to manage
    orders, a timer escalates overdue orders every few minutes (``escalated(steps)``)."""

    escalated = Signal(list)
    exported = Signal(str)

    def __init__(self, services, parent: QWidget | None = None, *, with_intake: bool = True,
                 state: str | None = OPEN):
        super().__init__(parent)
        self.services = services
        self.intake = IntakeForm(services, self) if with_intake else None
        self.detail = WorkOrderDetailPane(services, self)
        self.register = make_workorder_register(
            services, self.build_filter, placeholder=self.tr("编号、房号、联系人、电话、位置或描述"), parent=self)
        self.register.add_filter_combo("state", self.tr("状态"), [
            (self.tr("未完成"), OPEN), (self.tr("全部"), None), (self.tr("超时"), OVERDUE),
            (self.tr("将到期"), DUE_SOON), (self.tr("待回访"), TO_VISIT), (self.tr("重复报修"), REPEATS),
            *wo_choices(State)])
        self.register.add_filter_combo("kind", self.tr("类型"), [(self.tr("全部"), None), *wo_choices(Kind)])
        self.register.add_filter_combo("team", self.tr("班组"),
                                       [(self.tr("全部"), None), *[(wo_label(t), t) for t in TEAM_ORDER]])
        self.register.add_filter_combo("assignee", self.tr("处理人"), [(self.tr("全部"), None),
                                                                     *self._staff_choices()])
        self.register.add_filter_combo("days", self.tr("受理日期"), [
            (self.tr("全部"), None), (self.tr("今天"), 0), (self.tr("近7天"), 6), (self.tr("近30天"), 29)])
        self.register.add_action(self.tr("刷新"), self.register.reload, shortcut="F5")
        self.register.add_action(self.tr("导出Excel"), self.export)
        self.escalation_action = self.register.add_action(self.tr("升级清单"), self.show_escalations)
        handover = self.register.add_action(self.tr("交接工单"), self.handover)
        handover.setVisible(services.ctx.can("workorder.manage"))
        self.escalation_timer = QTimer(self)
        self.escalation_timer.setInterval(ESCALATION_INTERVAL_MS)
        self.escalation_timer.timeout.connect(self.run_escalation)
        if services.ctx.can("workorder.manage"):
            self.escalation_timer.start()
        self._count_escalations()
        self.set_state_filter(state)
        self.register.reload()  # the filter combos now exist: count with them
        # The detail goes under the list: the intake panel already takes the left side.
        self.register.splitter.setOrientation(Qt.Orientation.Vertical)
        self.register.set_detail(self.detail)
        self.register.current_row_changed.connect(self.detail.show_row)
        self.detail.changed.connect(self._order_changed)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        if self.intake is not None:
            self.intake.registered.connect(self._registered)
            self.intake.open_order.connect(self.show_order)
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setWidget(self.intake)
            # The form scrolls on a short screen; its 清空/登记 buttons stay pinned under it.
            self.intake.layout().removeWidget(self.intake.button_bar)
            left = QWidget(self)
            column = QVBoxLayout(left)
            column.setContentsMargins(0, 0, 4, 4)
            column.addWidget(scroll, 1)
            column.addWidget(self.intake.button_bar)
            left.setMinimumWidth(360)
            splitter.addWidget(left)
        else:
            self.register.splitter.setOrientation(Qt.Orientation.Horizontal)
        splitter.addWidget(self.register)
        splitter.setStretchFactor(0, 0 if self.intake is not None else 1)
        splitter.setStretchFactor(splitter.count() - 1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def home_widget(self) -> QWidget:
        """Where the cursor goes when the page is opened: the intake look-up (or the list's search)."""
        return self.intake.lookup if self.intake is not None else self.register.search

    def refresh(self) -> None:
        """Reload the list keeping the selected order (hook for the main window's change poller)."""
        self.register.reload()

    def build_filter(self, values: dict) -> WorkOrderFilter:
        """The filter bar → a WorkOrderFilter (the date runs on the service's clock)."""
        state = values.get("state")
        options: dict = {"kind": values.get("kind"), "team": values.get("team"),
                         "assignee_id": values.get("assignee")}
        if state == OPEN:
            options["states"] = OPEN_STATES
        elif state == OVERDUE:
            options["overdue"] = True
        elif state == DUE_SOON:
            options["due_soon"] = True
        elif state == TO_VISIT:
            options["states"] = (State.COMPLETED,)
        elif state == REPEATS:
            options["repeat"] = True
        elif state == State.ESCALATED:
            options["with_manager"] = True  # 经理处理, or escalated to the manager by the clock
        elif state:
            options["states"] = (state,)
        days = values.get("days")
        if days is not None:
            options["date_from"] = (self.services.ctx.clock() - timedelta(days=days)).date()
        return WorkOrderFilter(**options)

    def current_filter(self) -> WorkOrderFilter:
        values = self.register.filters()
        return replace(self.build_filter(values), query=values.get("query", ""))

    # ---- escalation, export, handover
    def run_escalation(self) -> list:
        """The timer's tick: escalate what is overdue by the margins; reload when anything moved."""
        try:
            steps = self.services.workorders.escalate_overdue()
        except ServiceError:
            self.escalation_timer.stop()  # no right (or the database is gone): stop asking
            return []
        if steps:
            self.register.reload()
            self._count_escalations()
            self.escalated.emit(steps)
        return steps

    def _count_escalations(self) -> None:
        """The toolbar says how many escalation steps today has seen: the timer's work is visible."""
        try:
            count = len(self.services.workorders.escalations(self.services.ctx.clock().date()))
        except ServiceError:
            count = 0
        self.escalation_action.setText(self.tr("升级清单 (今日 %1)").replace("%1", str(count)) if count
                                       else self.tr("升级清单"))

    def show_escalations(self, day: date | None = None):
        from ui.dialogs.workorder_escalations import EscalationListDialog

        dialog = EscalationListDialog(self.services, day or self.services.ctx.clock().date(), self)
        dialog.open_order.connect(self.show_order)
        self.escalation_dialog = dialog  # tests look at it
        dialog.open()
        return dialog

    def export(self, path: str | None = None):
        """The list as filtered and sorted now → .xlsx, written off the GUI thread."""
        from ui.jobs import run_with_progress_dialog

        title = self.tr("导出工单")
        if path is None:
            suggested = self.tr("工单-%1.xlsx").replace("%1", f"{self.services.ctx.clock():%Y%m%d}")
            path, _ = QFileDialog.getSaveFileName(self, title, suggested, self.tr("Excel 文件 (*.xlsx)"))
        if not path:
            return None
        flt, model = self.current_filter(), self.register.model
        sort, descending = model.sort_key or "reported_at", model.descending
        wo = self.services.workorders

        def done(written: int) -> None:
            self.exported.emit(path)
            QMessageBox.information(self, title, self.tr("已导出 %n 张工单。", "", written))

        return run_with_progress_dialog(
            self, title, lambda progress: wo.export_xlsx(flt, path, sort, descending, progress=progress),
            on_result=done)

    def handover(self):
        """A technician leaves: all their open orders go to another person (one dialog, one transaction)."""
        from ui.dialogs.workorder_moves import HandoverDialog

        try:
            staff = [m for m in self.services.staff.list_staff(active_only=False) if m.team in TEAM_ORDER]
        except ServiceError as exc:
            QMessageBox.warning(self, self.tr("交接工单"), str(exc))
            return None
        dialog = HandoverDialog(self.tr("交接工单"), staff,
                                lambda v: self.services.workorders.handover(v["from"], v["to"], v["reason"]),
                                team_label=wo_label, parent=self)
        dialog.accepted.connect(self._handed_over)
        self.handover_dialog = dialog
        dialog.open()
        return dialog

    def _handed_over(self) -> None:
        count = self.handover_dialog.detail
        self.register.reload()
        QMessageBox.information(self, self.tr("交接工单"), self.tr("已交接 %n 张工单。", "", count or 0))

    def _staff_choices(self) -> list[tuple[str, int]]:
        try:
            staff = self.services.staff.list_staff()
        except ServiceError:
            return []
        return [(f"{wo_label(m.team)} · {m.name}", m.id) for m in staff if m.team in TEAM_ORDER]

    def set_state_filter(self, code: str | None) -> None:
        combo = self.register.findChild(QComboBox, "filter_state")
        combo.setCurrentIndex(max(combo.findData(code), 0))

    def show_order(self, number: str) -> None:
        """Find one order by its number in the list (all states) and select it."""
        self.set_state_filter(None)
        self.register.search.setText(number)
        self.register.apply_filters()
        self.register.select_first(lambda row: row.number == number)

    def _registered(self, detail) -> None:
        self.register.reload(select=lambda row: row.id == detail.row.id)
        if self.intake.print_after.isChecked():
            self.detail.show_detail(detail)
            self.detail.print_slip()

    def _order_changed(self, detail) -> None:
        oid = detail.row.id if detail is not None else None
        self.register.reload(select=(lambda row: row.id == oid) if oid else None)
        if self.register.current_row() is None and detail is not None:
            # The order left the filtered list (e.g. visited under 待回访): keep showing it.
            self.detail.show_detail(detail)
