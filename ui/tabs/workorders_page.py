"""客服 → 工单: quick intake on the left, the order list with filters on the right, and the selected
order's detail (timeline and next moves) under the list."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QSplitter, QWidget

from app.models import Kind, State
from app.services.workorders import OPEN_STATES, WorkOrderFilter
from ui.dialogs.workorder_intake import IntakeForm
from ui.widgets.workorder_detail import TEAM_ORDER, WorkOrderDetailPane
from ui.widgets.workorder_list import make_workorder_register
from ui.workorder_labels import wo_choices, wo_label

# Pseudo-states of the state filter (real states are listed after them).
OPEN, OVERDUE, DUE_SOON, TO_VISIT = "@open", "@overdue", "@due_soon", "@to_visit"


class WorkOrdersPage(QWidget):
    """The front desk's work-order page."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.intake = IntakeForm(services, self)
        self.detail = WorkOrderDetailPane(services, self)
        self.register = make_workorder_register(
            services, self.build_filter, placeholder=self.tr("编号、房号、业主姓名或电话"), parent=self)
        self.register.add_filter_combo("state", self.tr("状态"), [
            (self.tr("未完成"), OPEN), (self.tr("全部"), None), (self.tr("超时"), OVERDUE),
            (self.tr("将到期"), DUE_SOON), (self.tr("待回访"), TO_VISIT), *wo_choices(State)])
        self.register.add_filter_combo("kind", self.tr("类型"), [(self.tr("全部"), None), *wo_choices(Kind)])
        self.register.add_filter_combo("team", self.tr("班组"),
                                       [(self.tr("全部"), None), *[(wo_label(t), t) for t in TEAM_ORDER]])
        self.register.add_filter_combo("days", self.tr("受理日期"), [
            (self.tr("全部"), None), (self.tr("今天"), 0), (self.tr("近7天"), 6), (self.tr("近30天"), 29)])
        self.register.add_action(self.tr("刷新"), self.register.reload, shortcut="F5")
        self.register.reload()  # the filter combos now exist: count with them
        # The detail goes under the list: the intake panel already takes the left side.
        self.register.splitter.setOrientation(Qt.Orientation.Vertical)
        self.register.set_detail(self.detail)
        self.register.current_row_changed.connect(self.detail.show_row)
        self.detail.changed.connect(self._order_changed)
        self.intake.registered.connect(self._registered)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.intake)
        scroll.setMinimumWidth(360)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(scroll)
        splitter.addWidget(self.register)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def build_filter(self, values: dict) -> WorkOrderFilter:
        """The filter bar → a WorkOrderFilter (the date runs on the service's clock)."""
        state = values.get("state")
        options: dict = {"kind": values.get("kind"), "team": values.get("team")}
        if state == OPEN:
            options["states"] = OPEN_STATES
        elif state == OVERDUE:
            options["overdue"] = True
        elif state == DUE_SOON:
            options["due_soon"] = True
        elif state == TO_VISIT:
            options["states"] = (State.COMPLETED,)
        elif state:
            options["states"] = (state,)
        days = values.get("days")
        if days is not None:
            options["date_from"] = (self.services.ctx.clock() - timedelta(days=days)).date()
        return WorkOrderFilter(**options)

    def set_state_filter(self, code: str | None) -> None:
        combo = self.register._combos["state"]
        combo.setCurrentIndex(combo.findData(code))

    def _registered(self, detail) -> None:
        self.register.reload(select=lambda row: row.id == detail.row.id)

    def _order_changed(self, detail) -> None:
        oid = detail.row.id if detail is not None else None
        self.register.reload(select=(lambda row: row.id == oid) if oid else None)
