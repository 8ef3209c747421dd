"""The 环境 tab: its pages. Add a page with one line in ``pages``."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.models import Team
from app.services import Services
from ui.tabs.base import Page, page

REC, INSPECT = "environment.record", "environment.inspect"


def pages(services: Services) -> list[Page]:
    from ui.pages.engineering.stock import StockPage
    from ui.pages.environment.garbage import GarbagePage
    from ui.pages.environment.greening import GreeningPage
    from ui.pages.environment.inspections import InspectionsPage
    from ui.pages.environment.plans import CleaningPlansPage
    from ui.pages.environment.scores import MonthlyScoresPage, ScoreSheetPage
    from ui.pages.environment.tasks import DailyTasksPage
    from ui.pages.order.training import TrainingPage
    from ui.pages.staff import StaffPage
    from ui.tabs.team_queue_page import TeamQueuePage

    return [
        page(QT_TRANSLATE_NOOP("Pages", "工单"), lambda: TeamQueuePage(services, Team.ENVIRONMENT),
             view=("workorder.handle", "workorder.manage")),
        page(QT_TRANSLATE_NOOP("Pages", "每日保洁"), lambda: DailyTasksPage(services), view=REC, edit=REC),
        page(QT_TRANSLATE_NOOP("Pages", "保洁计划"), lambda: CleaningPlansPage(services), view=REC, edit=REC),
        page(QT_TRANSLATE_NOOP("Pages", "质量检查"), lambda: InspectionsPage(services), view=REC, edit=INSPECT),
        page(QT_TRANSLATE_NOOP("Pages", "月度评分"), lambda: MonthlyScoresPage(services), view=REC),
        page(QT_TRANSLATE_NOOP("Pages", "评分表"), lambda: ScoreSheetPage(services), view=REC, edit=INSPECT),
        page(QT_TRANSLATE_NOOP("Pages", "垃圾分类"), lambda: GarbagePage(services), view=REC, edit=REC),
        page(QT_TRANSLATE_NOOP("Pages", "绿化养护"), lambda: GreeningPage(services), view=REC, edit=REC),
        page(QT_TRANSLATE_NOOP("Pages", "保洁用品"), lambda: StockPage(services, warehouse="cleaning"),
             view="inventory.view"),
        page(QT_TRANSLATE_NOOP("Pages", "本组员工"), lambda: StaffPage(services, Team.ENVIRONMENT), edit="staff.edit"),
        page(QT_TRANSLATE_NOOP("Pages", "培训考核"), lambda: TrainingPage(services, Team.ENVIRONMENT), view="training.edit"),
    ]
