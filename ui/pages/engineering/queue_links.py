"""The 工程 queue's extras: the item an order was opened from (a link to its ledger entry) and the
signed-in technician's PM tasks due today (a button to the 维保任务 page, filtered to them).

``with_engineering_links(page)`` decorates a ``TeamQueuePage`` without changing it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.errors import ServiceError


def _role_tab(widget: QWidget) -> QTabWidget | None:
    from ui.tabs.base import RoleTab

    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, RoleTab):
        parent = parent.parentWidget()
    return parent


def _show_page(widget: QWidget, title: str) -> QWidget | None:
    tab = _role_tab(widget)
    if tab is None:
        return None
    page = tab.page(title)
    for i in range(tab.count()):
        if tab.widget(i).isAncestorOf(page):
            tab.setCurrentIndex(i)
    return page


class OrderLink(QLabel):
    """“设备: GPS-02 2号生活水泵 — 维保任务 …” under the queue's list; clicking opens the item."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("order_link")
        self.setWordWrap(True)
        self.linkActivated.connect(self.open_item)
        self.hide()

    def show_order(self, row) -> None:
        links = []
        if row is not None:
            try:
                links = self.services.equipment.order_links(row.id)
            except ServiceError:
                links = []
        if not links:
            self.hide()
            return
        parts = [f'<a href="{code}">{text}</a>' if code else text for code, text in links]
        self.setText(self.tr("关联设备: %1").replace("%1", "; ".join(parts)))
        self.show()

    def open_item(self, code: str) -> QWidget | None:
        page = _show_page(self, "设备台账")
        if page is not None:
            page.register.search.setText(code)
            page.register.apply_filters()
            page.register.table.selectRow(0)
        return page


def with_engineering_links(page):
    """Add the order's item link and the "my PM tasks today" button to an engineering ``TeamQueuePage``."""
    services = page.services
    if not services.ctx.can("equipment.view"):
        return page
    page.order_link = OrderLink(services, page)
    box = QWidget(page)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(page.order_link)
    column.addWidget(page.detail, 1)
    page.register.set_detail(box)
    page.register.current_row_changed.connect(page.order_link.show_order)

    try:
        mine = services.maintenance.my_tasks_today()
    except ServiceError:
        mine = []
    staff_id = page.my_staff_id
    text = QCoreApplication.translate("OrderLink", "我的今日维保 (%1)")
    page.pm_button = QPushButton(text.replace("%1", str(len(mine))), page)
    page.pm_button.setObjectName("my_pm_today")
    page.pm_button.setEnabled(staff_id is not None)
    page.pm_button.setStyleSheet("font-weight: bold;" if mine else "")

    def open_tasks() -> QWidget | None:
        target = _show_page(page, "维保任务")
        if target is not None:
            reg = target.register
            reg._combos["scope"].setCurrentIndex(reg._combos["scope"].findData("today"))
            reg._combos["assignee_id"].setCurrentIndex(reg._combos["assignee_id"].findData(staff_id))
        return target

    page.pm_button.clicked.connect(open_tasks)
    page.open_pm_tasks = open_tasks
    page.layout().itemAt(0).layout().addWidget(page.pm_button)
    return page
