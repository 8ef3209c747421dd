"""工程/环境/秩序 → 工单: the team's queue — mine, the whole team's open orders, unassigned ones — with
the detail pane to start, hold, resume and complete (work notes, materials, charge)."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from app.errors import ServiceError
from app.services.workorders import WorkOrderFilter
from ui.widgets.workorder_detail import WorkOrderDetailPane
from ui.widgets.workorder_list import make_workorder_register
from ui.workorder_labels import wo_label

QUEUES = ("mine", "team", "unassigned")


class TeamQueuePage(QWidget):
    """One team's work-order queue; ``team`` is a Team code ("engineering", "security", "environment")."""

    def __init__(self, services, team: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.team = team
        try:
            self.my_staff_id = services.workorders.my_staff_id()
        except ServiceError:
            self.my_staff_id = None

        self.queue_group = QButtonGroup(self)
        bar = QHBoxLayout()
        texts = {"mine": self.tr("我的工单"), "team": self.tr("本班组全部"), "unassigned": self.tr("未派单")}
        for i, code in enumerate(QUEUES):
            button = QRadioButton(texts[code], self)
            button.setObjectName(f"queue_{code}")
            self.queue_group.addButton(button, i)
            bar.addWidget(button)
        bar.addStretch(1)
        self.hint = QLabel(self)
        self.hint.setObjectName("queue_hint")
        bar.addWidget(self.hint)

        self.detail = WorkOrderDetailPane(services, self)
        self.register = make_workorder_register(
            services, self.build_filter, placeholder=self.tr("编号、房号、业主姓名或电话"), parent=self)
        self.register.add_action(self.tr("刷新"), self.register.reload, shortcut="F5")
        self.register.set_detail(self.detail)
        self.register.current_row_changed.connect(self.detail.show_row)
        self.detail.changed.connect(self._order_changed)

        mine = services.workorders.queue_filter(team, "mine", staff_id=self.my_staff_id)
        start = "mine" if self.my_staff_id and self._safe_count(mine) else "team"
        self.queue_group.button(QUEUES.index(start)).setChecked(True)
        self.queue_group.idToggled.connect(self._queue_toggled)

        title = QLabel(self.tr("%1班组工单").replace("%1", wo_label(team)), self)
        title.setStyleSheet("font-size: 15px; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.setContentsMargins(6, 6, 6, 0)  # line up with the register's filter bar below
        header.addWidget(title)
        header.addSpacing(16)
        header.addLayout(bar, 1)
        layout.addLayout(header)
        layout.addWidget(self.register, 1)
        self._update_hint()
        self.register.reload()

    def _safe_count(self, flt: WorkOrderFilter) -> int:
        try:
            return self.services.workorders.count(flt)
        except ServiceError:
            return 0

    def refresh(self) -> None:
        """Reload the list keeping the selected order (hook for the main window's change poller)."""
        self.register.reload()

    def queue(self) -> str:
        return QUEUES[max(self.queue_group.checkedId(), 0)]

    def set_queue(self, code: str) -> None:
        self.queue_group.button(QUEUES.index(code)).setChecked(True)

    def build_filter(self, _values: dict) -> WorkOrderFilter:
        return self.services.workorders.queue_filter(self.team, self.queue(), staff_id=self.my_staff_id)

    def _queue_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._update_hint()
            self.register.reload()

    def _update_hint(self) -> None:
        self.register.set_empty_text({
            "mine": self.tr("没有派给您、尚未完成的工单。派单后会出现在这里。"),
            "team": self.tr("本班组目前没有未完成的工单。"),
            "unassigned": self.tr("没有等待派单的工单。"),
        }[self.queue()])
        if self.queue() == "mine" and not self.my_staff_id:
            self.hint.setText(self.tr("当前用户未关联员工档案, 没有“我的工单”"))
            self.hint.setStyleSheet("color: #b00020;")
        else:
            self.hint.setText("")

    def _order_changed(self, detail) -> None:
        oid = detail.row.id if detail is not None else None
        self.register.reload(select=(lambda row: row.id == oid) if oid else None)
        if self.register.current_row() is None and detail is not None:
            # The order left this queue (e.g. completed): keep showing it until another row is chosen.
            self.detail.show_detail(detail)


__all__ = ["TeamQueuePage", "QUEUES"]
