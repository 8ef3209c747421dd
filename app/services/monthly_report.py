"""经营月报: the month's operations report to the company — collection, arrears, work orders, complaints,
incidents, PM completion, cleaning scores, garbage, costs against budget — gathered from the services that
own each figure (so the report and their pages always agree), rendered as PDF (``app/pdf/monthly_report``)
or .xlsx (``app/excel/monthly_report``).

PM completion is None ("—" in the report) when no PM task fell due in the month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import case, func, select

from app.models import Action, Incident, PmTask, TaskState, WorkOrderEvent
from app.money import ZERO, format_money
from app.services.annual_plan import BUDGET, AnnualPlanService, PlanTable, percent
from app.services.audit import log_event
from app.services.cleaning import CleaningService, InspectionService, MonthScore
from app.services.context import ServiceContext
from app.services.costs import CostService
from app.services.dashboard import DashboardService, MonthCollection, MonthWorkOrders
from app.services.fees_billing import period_or_error
from app.services.fees_reports import AgingSummary, CollectionFigures, FeeReportService
from app.services.fees_rules import period_first_day, period_last_day
from app.services.garbage import GarbageService, MonthGarbage

TREND_MONTHS = 6


@dataclass(frozen=True)
class WorkOrderFigures:
    reported: int
    complaints: int
    completed: int
    on_time: int
    rework: int
    visited: int
    average_satisfaction: Decimal | None

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.on_time, self.completed)


@dataclass(frozen=True)
class CostLine:
    category: str
    label: str
    month: Decimal
    year_to_date: Decimal
    budget: Decimal | None  # the year's budget

    @property
    def used(self) -> Decimal | None:
        """Year-to-date spending as a percentage of the year's budget."""
        return percent(self.year_to_date, self.budget) if self.budget else None


@dataclass(frozen=True)
class MonthlyReport:
    period: str
    property_name: str
    generated_at: datetime
    arrears_date: date
    collection: CollectionFigures
    arrears: AgingSummary
    collection_trend: tuple[MonthCollection, ...]
    workorders: WorkOrderFigures
    workorder_trend: tuple[MonthWorkOrders, ...]
    incidents: int
    pm_completion: tuple[int, int] | None  # (done, planned) PM tasks of the month
    cleaning_average: Decimal | None
    cleaning_by_area: tuple[MonthScore, ...]
    cleaning_tasks: tuple[int, int]  # (done, generated) daily tasks
    garbage: MonthGarbage
    costs: tuple[CostLine, ...]
    plan: PlanTable

    @property
    def cost_month_total(self) -> Decimal:
        return sum((c.month for c in self.costs), ZERO)

    @property
    def cost_ytd_total(self) -> Decimal:
        return sum((c.year_to_date for c in self.costs), ZERO)

    @property
    def budget_total(self) -> Decimal | None:
        budgets = [c.budget for c in self.costs if c.budget is not None]
        return sum(budgets, ZERO) if budgets else None


class MonthlyReportService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def gather(self, period: str) -> MonthlyReport:
        self.ctx.require("management.report")
        period = period_or_error(period)
        first, last = period_first_day(period), period_last_day(period)
        from app.services.property import PropertyService

        fees = FeeReportService(self.ctx)
        dash = DashboardService(self.ctx)
        plan_service = AnnualPlanService(self.ctx)
        inspections = InspectionService(self.ctx)
        today = self.ctx.clock().date()
        orders_trend = tuple(dash.workorders_by_month(period, TREND_MONTHS))
        this_month = orders_trend[-1]
        on_time, completed = plan_service.on_time_by_month([period])[period]
        start = datetime.combine(first, datetime.min.time())
        end = datetime.combine(last, datetime.max.time())
        with self.ctx.read() as s:
            rework = s.scalar(select(func.count()).where(
                WorkOrderEvent.action == Action.REWORK, WorkOrderEvent.at >= start, WorkOrderEvent.at <= end)) or 0
            incidents = self._incidents(s, first, last)
            pm = self._pm_completion(s, first, last)
        year = int(period[:4])
        plan = plan_service.plan(year, period)
        month_costs = CostService(self.ctx).month_totals(period)
        costs = tuple(
            CostLine(line.metric[len(BUDGET):], line.label.replace("预算(元)", ""),
                     month_costs[line.metric[len(BUDGET):]], line.year_to_date or ZERO, line.target)
            for line in plan.lines if line.is_budget
        )
        report = MonthlyReport(
            period=period,
            property_name=PropertyService(self.ctx).property_name(),
            generated_at=self.ctx.clock(),
            arrears_date=today,
            collection=fees.collection_rate(period),
            arrears=fees.aging(today=today),
            collection_trend=tuple(dash.collection_by_month(period, TREND_MONTHS)),
            workorders=WorkOrderFigures(this_month.reported, this_month.complaints, completed, on_time, int(rework),
                                        this_month.visited, this_month.average_satisfaction),
            workorder_trend=orders_trend,
            incidents=incidents,
            pm_completion=pm,
            cleaning_average=inspections.month_average(period),
            cleaning_by_area=tuple(inspections.monthly_scores(period, "area")),
            cleaning_tasks=CleaningService(self.ctx).completion(first, last),
            garbage=GarbageService(self.ctx).month(period),
            costs=costs,
            plan=plan,
        )
        return report

    @staticmethod
    def _incidents(s, first: date, last: date) -> int:
        """Incident records (issue 16's 秩序 register) that started in the month."""
        return int(s.scalar(select(func.count(Incident.id)).where(
            Incident.started_at >= datetime.combine(first, datetime.min.time()),
            Incident.started_at <= datetime.combine(last, datetime.max.time()))) or 0)

    @staticmethod
    def _pm_completion(s, first: date, last: date) -> tuple[int, int] | None:
        """(done, due) preventive-maintenance tasks due in the month; None when none were planned."""
        due, done = s.execute(select(func.count(), func.coalesce(func.sum(
            case((PmTask.state == TaskState.DONE, 1), else_=0)), 0)).where(
            PmTask.due_on >= first, PmTask.due_on <= last)).one()
        return (int(done), int(due)) if due else None

    # ---- documents
    def write(self, period: str, path: str | Path) -> Path:
        """The report as .pdf or .xlsx (by the file's suffix), written atomically; the export is logged."""
        from app.errors import ServiceError

        target = Path(path)
        suffix = target.suffix.lower()
        if suffix not in (".pdf", ".xlsx"):
            raise ServiceError(f"月报文件名应以 .pdf 或 .xlsx 结尾: {target.name}")
        if not target.parent.is_dir():
            raise ServiceError(f"文件夹不存在: {target.parent}")
        report = self.gather(period)
        if suffix == ".pdf":
            from app.files import write_bytes
            from app.pdf.monthly_report import render_monthly_report

            write_bytes(target, render_monthly_report(report))
        else:
            from app.excel.monthly_report import write_monthly_report

            write_monthly_report(report, target)
        with self.ctx.write() as s:
            log_event(s, "export", "monthly_report", {"period": report.period, "file": target.name},
                      summary=f"经营月报 {report.period}")
        return target

    def pdf(self, period: str) -> bytes:
        """The report's PDF bytes (for the in-app preview); the print is logged."""
        from app.pdf.monthly_report import render_monthly_report

        report = self.gather(period)
        data = render_monthly_report(report)
        with self.ctx.write() as s:
            log_event(s, "print", "monthly_report", {"period": report.period}, summary=f"经营月报 {report.period}")
        return data


# ---- the report's tables, shared by the PDF and the workbook -------------------------------------------

@dataclass(frozen=True)
class ReportTable:
    """One table of the report: raw cell values (Decimal, int, str, None for "not known")."""

    section: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def _rate(c) -> Decimal | None:
    return percent(c.collected, c.billed)


def report_tables(r: MonthlyReport) -> list[ReportTable]:
    from app.models import ENVIRONMENT_LABELS, FEE_LABELS

    coll = {c.kind: c for c in r.collection.month}
    ytd = {c.kind: c for c in r.collection.year_to_date}
    wo = r.workorders
    pm_done, pm_total = r.pm_completion or (None, None)
    done, generated = r.cleaning_tasks
    headline = (
        ("物业费收缴率(%)", _rate(coll["property"]), f"本年累计 {_rate(ytd['property']) or '—'}%"),
        ("全部收费收缴率(%)", _rate(coll["all"]), f"应收 {format_money(coll['all'].billed)} 元, 已收 {format_money(coll['all'].collected)} 元"),
        ("欠费总额(元)", r.arrears.total, f"截至 {r.arrears_date:%Y-%m-%d}, {r.arrears.units} 户"),
        ("工单受理量", wo.reported, f"其中投诉 {wo.complaints} 件"),
        ("工单及时完成率(%)", wo.on_time_rate, f"完成 {wo.completed} 件, 按时 {wo.on_time} 件"),
        ("返工工单", wo.rework, "回访不满意后重新处理"),
        ("回访满意度(1-5)", wo.average_satisfaction, f"回访 {wo.visited} 次"),
        ("安全事件", r.incidents, "秩序事件记录"),
        ("计划维保完成率(%)", percent(pm_done, pm_total) if pm_total else None,
         f"完成 {pm_done}/{pm_total}" if pm_total is not None else "工程计划维保任务"),
        ("保洁检查平均分", r.cleaning_average, f"日常保洁任务完成 {done}/{generated}"),
        ("垃圾清运量(kg)", r.garbage.total_kg, f"可回收物占比 {r.garbage.recyclable_share or '—'}%"),
        ("本月成本(元)", r.cost_month_total, f"本年累计 {format_money(r.cost_ytd_total)} 元"),
    )
    collection = tuple(
        ("合计" if c.kind == "all" else FEE_LABELS.get(c.kind, c.kind), c.billed, c.collected, _rate(c),
         _rate(ytd[c.kind]) if c.kind in ytd else None)
        for c in r.collection.month
    )
    aging = (("金额(元)", *r.arrears.buckets, r.arrears.total),
             ("户数(按最早欠费)", *r.arrears.unit_counts, r.arrears.units))
    orders = tuple((m.period, m.reported, m.complaints, m.visited, m.average_satisfaction) for m in r.workorder_trend)
    areas = r.cleaning_by_area
    cleaning = tuple((a.label, a.inspections, a.average, a.failed, a.reinspected) for a in areas) + (
        ("全部", sum(a.inspections for a in areas), r.cleaning_average, sum(a.failed for a in areas),
         sum(a.reinspected for a in areas)),)
    kinds = r.garbage.by_kind
    garbage = tuple((ENVIRONMENT_LABELS[k.kind], k.weight_kg, k.bins, k.records) for k in kinds) + (
        ("合计", r.garbage.total_kg, sum(k.bins for k in kinds), sum(k.records for k in kinds)),)
    costs = tuple((c.label, c.month, c.year_to_date, c.budget, c.used) for c in r.costs) + (
        ("合计", r.cost_month_total, r.cost_ytd_total, r.budget_total,
         percent(r.cost_ytd_total, r.budget_total) if r.budget_total else None),)
    return [
        ReportTable("一、本月要点", "", ("指标", "本月", "说明"), headline),
        ReportTable("二、收费与欠费", "", ("收费类别", "本月应收(元)", "本月已收(元)", "收缴率(%)", "本年累计收缴率(%)"),
                    collection),
        ReportTable("", f"欠费账龄 (截至 {r.arrears_date:%Y-%m-%d})",
                    ("", "≤3个月", "4–6个月", "7–12个月", ">12个月", "合计"), aging),
        ReportTable("三、工单与客户服务", "", ("月份", "受理", "投诉", "回访", "满意度"), orders),
        ReportTable("四、环境保洁", "保洁质量检查(首次检查)", ("区域", "检查次数", "平均分", "不合格", "已复查"), cleaning),
        ReportTable("", "垃圾分类", ("垃圾类别", "重量(kg)", "桶数", "清运次数"), garbage),
        ReportTable("五、成本与预算", "", ("成本类别", "本月(元)", "本年累计(元)", "年度预算(元)", "预算使用(%)"), costs),
    ]
