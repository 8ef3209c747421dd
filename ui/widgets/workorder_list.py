"""The work-order list shared by the front desk page and the team queues: columns, overdue colours and
a RegisterView wired to ``WorkOrderService.count/list`` with a caller-built filter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

from app.models import Category, Kind, Priority, State
from app.services.workorders import WorkOrderFilter, WorkOrderRow
from ui.models.windowed import CENTER, Column, RowStyle
from ui.widgets.register_view import RegisterView
from ui.widgets.table import fit_columns_to_samples
from ui.workorder_labels import wo_label

OVERDUE_BACKGROUND = QColor("#fde2e1")
OVERDUE_FOREGROUND = QColor("#9b1c1c")
NEAR_BACKGROUND = QColor("#fff4cc")


def _short(text: str, width: int = 40) -> str:
    first = (text or "").splitlines()[0] if text else ""
    return first if len(first) <= width else first[: width - 1] + "…"


def _deadline_text(row: WorkOrderRow) -> str:
    from PySide6.QtCore import QCoreApplication

    mark = {"overdue": QCoreApplication.translate("WorkOrders", "超时"),
            "near": QCoreApplication.translate("WorkOrders", "将到期")}.get(row.deadline_status, "")
    return f"{row.due_at:%m-%d %H:%M}" + (f" {mark}" if mark else "")


def _state_text(row: WorkOrderRow) -> str:
    """"处理中 ↑主管": the state, and how far the clock has escalated the order."""
    from PySide6.QtCore import QCoreApplication

    mark = {1: QCoreApplication.translate("WorkOrders", "↑主管"),
            2: QCoreApplication.translate("WorkOrders", "↑经理")}.get(row.escalation_level, "")
    return wo_label(row.state) + (f" {mark}" if mark else "")


def _kind_text(row: WorkOrderRow) -> str:
    """"报修 (重复)" for a repeat report, "报修 (返工)" for a reopened one."""
    from PySide6.QtCore import QCoreApplication

    marks = [QCoreApplication.translate("WorkOrders", "重复") if row.repeat_of_id else "",
             QCoreApplication.translate("WorkOrders", "返工") if row.rework_count else ""]
    marks = [m for m in marks if m]
    return wo_label(row.kind) + (f" ({'/'.join(marks)})" if marks else "")


class _DeadlineColumn(Column):
    """Shows "11-28 13:05 超时"; the sort value stays the raw datetime."""

    def text(self, row: Any) -> str:
        return _deadline_text(row)


WORKORDER_COLUMNS = [
    Column("number", QT_TRANSLATE_NOOP("Column", "工单编号"), "number", sort_key="number"),
    Column("state", QT_TRANSLATE_NOOP("Column", "状态"), _state_text, sort_key="state"),
    Column("kind", QT_TRANSLATE_NOOP("Column", "类型"), _kind_text, sort_key="kind"),
    Column("category", QT_TRANSLATE_NOOP("Column", "类别"), "category", sort_key="category", formatter=wo_label),
    Column("priority", QT_TRANSLATE_NOOP("Column", "紧急程度"), "priority", sort_key="priority",
           formatter=wo_label, align=CENTER),
    Column("unit", QT_TRANSLATE_NOOP("Column", "房号"), "unit_code", sort_key="unit"),  # as in 业主档案/收费/催缴
    # Early, so it is on screen beside the intake panel at 1280 wide (it was the last, off to the right).
    Column("description", QT_TRANSLATE_NOOP("Column", "问题描述"), lambda r: _short(r.description)),
    Column("contact", QT_TRANSLATE_NOOP("Column", "联系人"), "contact_name"),
    Column("assignee", QT_TRANSLATE_NOOP("Column", "处理人"), "assignee", sort_key="assignee"),
    Column("reported_at", QT_TRANSLATE_NOOP("Column", "受理时间"), "reported_at", sort_key="reported_at"),
    _DeadlineColumn("due_at", QT_TRANSLATE_NOOP("Column", "完成时限"), "due_at", sort_key="due_at"),
]


def workorder_row_style(row: WorkOrderRow) -> RowStyle | None:
    """Overdue rows red, rows due within two hours amber."""
    if row.deadline_status == "overdue":
        return RowStyle(OVERDUE_BACKGROUND, OVERDUE_FOREGROUND)
    if row.deadline_status == "near":
        return RowStyle(NEAR_BACKGROUND)
    return None


def make_workorder_register(services, build_filter: Callable[[dict], WorkOrderFilter], *, placeholder: str = "",
                            parent=None) -> RegisterView:
    """A RegisterView over work orders; ``build_filter(filters)`` turns the filter bar into a WorkOrderFilter."""
    wo = services.workorders

    def flt(values: dict) -> WorkOrderFilter:
        return replace(build_filter(values), query=values.get("query", ""))

    view = RegisterView(
        WORKORDER_COLUMNS,
        count=lambda values: wo.count(flt(values)),
        fetch=lambda values, offset, limit, sort, desc, after=None: wo.list(
            flt(values), offset, limit, sort or "reported_at", desc, after=after),
        sort_key="reported_at", descending=True, placeholder=placeholder, row_style=workorder_row_style,
        seek=True, parent=parent,
    )
    view.setObjectName("workorder_register")
    # Widths from what the columns can show in the current language (labels are much longer in English).
    from PySide6.QtCore import QCoreApplication

    def labels(codes) -> list[str]:
        return [wo_label(c) for c in codes]

    due = [f"11-28 20:18 {QCoreApplication.translate('WorkOrders', t)}" for t in ("超时", "将到期")]
    samples = {"number": ["GD202611280001"],
               "state": [f"{t} {QCoreApplication.translate('WorkOrders', '↑经理')}" for t in labels(State)],
               "kind": [f"{t} ({QCoreApplication.translate('WorkOrders', '重复')})" for t in labels(Kind)],
               "category": labels(Category), "priority": labels(Priority), "unit": ["12-3-2504"],
               "description": ["卫生间地漏堵塞积水排不下"], "contact": ["欧阳明月"], "assignee": ["欧阳明月"], "reported_at": ["2026-11-28 20:18"], "due_at": due}
    fit_columns_to_samples(view.table, {view.model.column_index(k): v for k, v in samples.items()})
    return view
