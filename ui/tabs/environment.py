"""The 环境 tab: its pages. Add a page with one line in ``pages``."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.models import Team
from app.services import Services
from ui.tabs.base import Page, page


def pages(services: Services) -> list[Page]:
    from ui.pages.engineering.stock import StockPage
    from ui.pages.staff import StaffPage
    from ui.tabs.team_queue_page import TeamQueuePage

    return [
        page(QT_TRANSLATE_NOOP("Pages", "工单"), lambda: TeamQueuePage(services, Team.ENVIRONMENT),
             view=("workorder.handle", "workorder.manage")),
        page(QT_TRANSLATE_NOOP("Pages", "保洁用品"), lambda: StockPage(services, warehouse="cleaning"),
             view="inventory.view"),
        page(QT_TRANSLATE_NOOP("Pages", "本组员工"), lambda: StaffPage(services, Team.ENVIRONMENT), edit="staff.edit"),
    ]
