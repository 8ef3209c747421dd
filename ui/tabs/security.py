"""The 秩序 tab: its pages. Add a page with one line in ``pages``."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.models import Team
from app.services import Services
from ui.tabs.base import Page, page


def pages(services: Services) -> list[Page]:
    from ui.pages.order.duty import DutyLogPage
    from ui.pages.order.incidents import IncidentsPage
    from ui.pages.order.keys_parcels import KeysParcelsPage
    from ui.pages.order.outages import OutagesPage
    from ui.pages.order.patrols import PatrolsPage
    from ui.pages.order.training import TrainingPage
    from ui.pages.order.vehicles import VehiclesPage
    from ui.pages.order.violations import ViolationsPage
    from ui.pages.order.visitors import VisitorsPage
    from ui.pages.staff import StaffPage
    from ui.tabs.team_queue_page import TeamQueuePage

    return [
        page(QT_TRANSLATE_NOOP("Pages", "访客"), lambda: VisitorsPage(services), view="order.desk"),
        page(QT_TRANSLATE_NOOP("Pages", "车辆"), lambda: VehiclesPage(services), view="order.desk"),
        page(QT_TRANSLATE_NOOP("Pages", "值班记录"), lambda: DutyLogPage(services), view="order.desk"),
        page(QT_TRANSLATE_NOOP("Pages", "应急事件"), lambda: IncidentsPage(services), view="order.desk"),
        page(QT_TRANSLATE_NOOP("Pages", "巡逻"), lambda: PatrolsPage(services), view="order.desk"),
        page(QT_TRANSLATE_NOOP("Pages", "违章"), lambda: ViolationsPage(services), view="order.desk"),
        page(QT_TRANSLATE_NOOP("Pages", "钥匙/快递"), lambda: KeysParcelsPage(services), view="order.desk"),
        page(QT_TRANSLATE_NOOP("Pages", "停水停电"), lambda: OutagesPage(services), view=("order.desk", "outage.edit")),
        page(QT_TRANSLATE_NOOP("Pages", "工单"), lambda: TeamQueuePage(services, Team.SECURITY),
             view=("workorder.handle", "workorder.manage")),
        page(QT_TRANSLATE_NOOP("Pages", "培训考核"), lambda: TrainingPage(services, Team.SECURITY), view="training.edit"),
        page(QT_TRANSLATE_NOOP("Pages", "本组员工"), lambda: StaffPage(services, Team.SECURITY), edit="staff.edit"),
    ]
