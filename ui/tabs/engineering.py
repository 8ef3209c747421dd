"""The 工程 tab: its pages. Add a page with one line in ``pages``."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.models import Team
from app.services import Services
from ui.tabs.base import Page, page


def pages(services: Services) -> list[Page]:
    from ui.pages.engineering.equipment import EquipmentPage
    from ui.pages.engineering.maintenance import MaintenancePage, PlansPage
    from ui.pages.engineering.queue_links import with_engineering_links
    from ui.pages.engineering.repair_plans import RepairPlansPage
    from ui.pages.engineering.stock import StockPage
    from ui.pages.engineering.takeover import TakeoverPage
    from ui.pages.engineering.vendors import VendorsPage
    from ui.pages.order.training import TrainingPage
    from ui.pages.staff import StaffPage
    from ui.tabs.team_queue_page import TeamQueuePage

    return [
        page(QT_TRANSLATE_NOOP("Pages", "工单"), lambda: with_engineering_links(TeamQueuePage(services, Team.ENGINEERING)),
             view=("workorder.handle", "workorder.manage")),
        # The engineering pages show their buttons by right themselves (view-only people still print/export).
        page(QT_TRANSLATE_NOOP("Pages", "维保任务"), lambda: MaintenancePage(services), view="equipment.view"),
        page(QT_TRANSLATE_NOOP("Pages", "设备台账"), lambda: EquipmentPage(services), view="equipment.view"),
        page(QT_TRANSLATE_NOOP("Pages", "维保计划"), lambda: PlansPage(services), view="equipment.view"),
        page(QT_TRANSLATE_NOOP("Pages", "物料工具"), lambda: StockPage(services), view="inventory.view"),
        page(QT_TRANSLATE_NOOP("Pages", "大中修计划"), lambda: RepairPlansPage(services), view="equipment.view"),
        page(QT_TRANSLATE_NOOP("Pages", "承接查验"), lambda: TakeoverPage(services), view="equipment.view"),
        page(QT_TRANSLATE_NOOP("Pages", "外包维保"), lambda: VendorsPage(services), view="equipment.view"),
        page(QT_TRANSLATE_NOOP("Pages", "本组员工"), lambda: StaffPage(services, Team.ENGINEERING), edit="staff.edit"),
        page(QT_TRANSLATE_NOOP("Pages", "培训考核"), lambda: TrainingPage(services, Team.ENGINEERING), view="training.edit"),
    ]
