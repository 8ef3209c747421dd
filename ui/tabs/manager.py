"""The 经理 tab: its pages. Add a page with one line in ``pages``."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.services import Services
from ui.tabs.base import Page, page

PLAN, RELATIONS = "management.plan", "relations.edit"


def pages(services: Services) -> list[Page]:
    from ui.dialogs.workorder_deadlines import DeadlineRulesPage
    from ui.pages.dashboard import DashboardPage
    from ui.pages.manager.bank import BankPage
    from ui.pages.manager.costs import CostsPage
    from ui.pages.manager.plan import AnnualPlanPage
    from ui.pages.manager.relations import RelationsPage
    from ui.pages.manager.report import MonthlyReportPage
    from ui.pages.order.incidents import IncidentsPage
    from ui.pages.order.training import TrainingPage
    from ui.pages.settings import SettingsPage
    from ui.pages.staff import StaffPage
    from ui.tabs.fees_manager import BillingRunPage, FeeFiguresPage, FeeItemsPage
    from ui.tabs.fees_periods import PeriodClosePage
    from ui.tabs.fees_readings import ReadingsGridPage
    from ui.tabs.fees_shared import SharedMetersPage
    from ui.tabs.workorders_page import WorkOrdersPage

    return [
        page(QT_TRANSLATE_NOOP("Pages", "概况"), lambda: DashboardPage(services),
             view=("fees.reports", "workorder.manage")),
        page(QT_TRANSLATE_NOOP("Pages", "升级工单"),
             lambda: WorkOrdersPage(services, with_intake=False, state="escalated"), view="workorder.manage"),
        page(QT_TRANSLATE_NOOP("Pages", "年度计划"), lambda: AnnualPlanPage(services), view=PLAN, edit=PLAN),
        page(QT_TRANSLATE_NOOP("Pages", "成本"), lambda: CostsPage(services), view=PLAN, edit=PLAN),
        page(QT_TRANSLATE_NOOP("Pages", "经营月报"), lambda: MonthlyReportPage(services), view="management.report"),
        page(QT_TRANSLATE_NOOP("Pages", "对外关系"), lambda: RelationsPage(services), view=RELATIONS,
             edit=RELATIONS),
        page(QT_TRANSLATE_NOOP("Pages", "员工"), lambda: StaffPage(services),
             view=("staff.edit", "workorder.manage"), edit="staff.edit"),
        page(QT_TRANSLATE_NOOP("Pages", "工单时限"), lambda: DeadlineRulesPage(services),
             view=("workorder.manage", "settings.edit"), edit="settings.edit"),
        page(QT_TRANSLATE_NOOP("Pages", "收缴率/日结"), lambda: FeeFiguresPage(services), view="fees.reports"),
        page(QT_TRANSLATE_NOOP("Pages", "月结"), lambda: PeriodClosePage(services), view="fees.reports",
             edit=None),
        page(QT_TRANSLATE_NOOP("Pages", "银行托收"), lambda: BankPage(services), view="bank.view", edit="bank.collect"),
        page(QT_TRANSLATE_NOOP("Pages", "抄表录入"), lambda: ReadingsGridPage(services), view="fees.billing",
             edit="fees.billing"),
        page(QT_TRANSLATE_NOOP("Pages", "公摊"), lambda: SharedMetersPage(services),
             view=("fees.billing", "fees.reports"), edit="fees.billing"),
        page(QT_TRANSLATE_NOOP("Pages", "计费"), lambda: BillingRunPage(services),
             view=("fees.billing", "fees.reports"), edit="fees.billing"),
        page(QT_TRANSLATE_NOOP("Pages", "收费项目"), lambda: FeeItemsPage(services),
             view=("fees.items", "fees.billing", "fees.reports"), edit="fees.items"),
        page(QT_TRANSLATE_NOOP("Pages", "设置"), lambda: SettingsPage(services), view="settings.manage"),
        page(QT_TRANSLATE_NOOP("Pages", "事件上报"), lambda: IncidentsPage(services, state="escalated"),
             view="incident.review"),
        page(QT_TRANSLATE_NOOP("Pages", "培训考核"), lambda: TrainingPage(services), view="staff.edit"),
    ] + security_pages(services)


def security_pages(services: Services) -> list[Page]:
    """审计日志 (audit.view) and 用户与权限 (users.manage): shown only to operators who hold the right."""
    from ui.tabs.audit_log_page import AuditLogPage
    from ui.tabs.users_page import UsersPage

    return [
        page(QT_TRANSLATE_NOOP("Pages", "审计日志"), lambda: AuditLogPage(services), view="audit.view"),
        page(QT_TRANSLATE_NOOP("Pages", "用户与权限"), lambda: UsersPage(services), view="users.manage"),
    ]
