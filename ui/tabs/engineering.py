"""The 工程 tab: its pages. Add a page with one line in ``pages``."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.models import Team
from app.services import Services
from ui.tabs.base import Page, page


def pages(services: Services) -> list[Page]:
    from ui.pages.engineering.equipment import EquipmentPage
    from ui.pages.order.training import TrainingPage
    from ui.pages.staff import StaffPage
    from ui.tabs.team_queue_page import TeamQueuePage

    return [
        page(QT_TRANSLATE_NOOP("Pages", "工单"), lambda: TeamQueuePage(services, Team.ENGINEERING),
             view=("workorder.handle", "workorder.manage")),
        page(QT_TRANSLATE_NOOP("Pages", "设备台账"), lambda: EquipmentPage(services), view="equipment.view"),
        page(QT_TRANSLATE_NOOP("Pages", "本组员工"), lambda: StaffPage(services, Team.ENGINEERING), edit="staff.edit"),
        page(QT_TRANSLATE_NOOP("Pages", "培训考核"), lambda: TrainingPage(services, Team.ENGINEERING), view="training.edit"),
    ]
