"""The 客服 tab: its pages. Add a page with one line in ``pages``."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.services import Services
from ui.tabs.base import Page, page

WORKORDER_RIGHTS = ("workorder.create", "workorder.handle", "workorder.manage")
FEE_RIGHTS = ("fees.collect", "fees.reports")
COMMUNITY = "community.edit"


def pages(services: Services) -> list[Page]:
    from ui.pages.archive import ArchivePage
    from ui.pages.community.activities import ActivitiesPage
    from ui.pages.community.surveys import SurveysPage
    from ui.pages.order.outages import OutagesPage
    from ui.tabs.fees_arrears import ArrearsPage
    from ui.tabs.fees_counter import FeeCounterPage
    from ui.tabs.workorders_page import WorkOrdersPage

    return [
        page(QT_TRANSLATE_NOOP("Pages", "工单"), lambda: WorkOrdersPage(services), view=WORKORDER_RIGHTS),
        page(QT_TRANSLATE_NOOP("Pages", "业主档案"), lambda: ArchivePage(services), view="archive.view"),
        page(QT_TRANSLATE_NOOP("Pages", "收费"), lambda: FeeCounterPage(services), view=FEE_RIGHTS,
             edit="fees.collect"),
        page(QT_TRANSLATE_NOOP("Pages", "催缴"), lambda: ArrearsPage(services), view=FEE_RIGHTS,
             edit="fees.collect"),
        page(QT_TRANSLATE_NOOP("Pages", "社区活动"), lambda: ActivitiesPage(services), view=COMMUNITY,
             edit=COMMUNITY),
        page(QT_TRANSLATE_NOOP("Pages", "满意度调查"), lambda: SurveysPage(services), view=COMMUNITY,
             edit=COMMUNITY),
        page(QT_TRANSLATE_NOOP("Pages", "停水停电"), lambda: OutagesPage(services), view="workorder.manage"),
    ]
